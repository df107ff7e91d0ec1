"""Renderers never take git down: any committed garbage still diffs (issue 16, item 2).

Random invalid clause files are committed with ``--no-verify``; ``git diff``, ``git log -p``
and ``git show`` must all exit 0, and a file drafting cannot render shows as a plain line
diff with a one-line note. Fast under CI; ``DRAFTING_RELIABILITY_LONG=1`` commits more.
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

from support.git import commit_all, drafting, git, git_env, make_repo

ROOT = Path(__file__).resolve().parents[1]
CLAUSE = (ROOT / "texts" / "ua-ge-membership.xml").read_bytes()
LONG = os.environ.get("DRAFTING_RELIABILITY_LONG") == "1"
COMMITS = 200 if LONG else 12


def _shown(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """git's output as bytes: garbage files show as the bytes they are."""
    return subprocess.run(["git", *args], cwd=repo, env=git_env(), capture_output=True, check=False)


def _mutations(rng: random.Random) -> bytes:
    """One invalid (or odd) variant of a real clause file."""
    data = CLAUSE
    choice = rng.randrange(9)
    if choice == 0:  # an unknown instrument
        return data.replace(b'instrument="', b'instrument="x-', 1)
    if choice == 1:  # a draft without a party
        return data.replace(b' party="', b' xparty="', 1)
    if choice == 2:  # cut anywhere
        return data[: rng.randrange(len(data))]
    if choice == 3:  # invalid UTF-8
        at = rng.randrange(len(data))
        return data[:at] + b"\xff\xfe" + data[at:]
    if choice == 4:  # random bytes in the middle
        at = rng.randrange(len(data))
        return data[:at] + bytes(rng.randrange(256) for _ in range(20)) + data[at:]
    if choice == 5:  # a different root element
        return data.replace(b"<clause", b"<clausx", 1).replace(b"</clause>", b"</clausx>")
    if choice == 6:  # duplicate ids
        return data.replace(b'id="', b'id="dup" x="', 3)
    if choice == 7:  # not XML at all
        return bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
    return b""  # empty


def test_git_diff_log_and_show_survive_any_committed_garbage(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    target = repo / "clause.xml"
    target.write_bytes(CLAUSE)
    done = drafting(repo, "git", "install", "--no-hook")
    assert done.returncode == 0, done.stderr
    commit_all(repo, "start")
    rng = random.Random(16)
    for n in range(COMMITS):
        target.write_bytes(_mutations(rng))
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "--no-verify", "--allow-empty", "-m", f"garbage {n}")
        for args in (("diff", "HEAD~1", "HEAD"), ("show", "HEAD")):
            shown = _shown(repo, *args)
            assert shown.returncode == 0, (n, args, shown.stderr)
            assert b"internal error" not in shown.stdout + shown.stderr
        # the working tree against the commit too (the driver gets a work-tree file)
        target.write_bytes(CLAUSE)
        shown = _shown(repo, "diff")
        assert shown.returncode == 0, (n, shown.stderr)
    log = _shown(repo, "log", "-p")
    assert log.returncode == 0, log.stderr
    assert b"internal error" not in log.stdout + log.stderr
    assert log.stdout.count(b"    garbage ") == COMMITS


def test_a_clause_that_cannot_be_rendered_is_a_line_diff_with_a_note(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    target = repo / "clause.xml"
    target.write_bytes(CLAUSE)
    assert drafting(repo, "git", "install", "--no-hook").returncode == 0
    commit_all(repo, "start")
    target.write_bytes(CLAUSE.replace(b' party="', b' xparty="', 1))
    shown = git(repo, "diff", check=False)
    assert shown.returncode == 0, shown.stderr
    assert "drafting: could not render" in shown.stdout or "plain line diff" in shown.stdout
