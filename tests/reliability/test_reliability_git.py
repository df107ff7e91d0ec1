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
from support.paths import REPO

ROOT = REPO
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


def _state(repo: Path) -> dict[str, bytes | None]:
    """Everything install touches, as bytes."""
    files = [repo / ".gitattributes", repo / ".git" / "config"]
    files += [repo / ".git" / "hooks" / n for n in ("pre-commit", "post-commit")]
    return {f.name: f.read_bytes() if f.exists() else None for f in files}


def test_install_keeps_crlf_and_encoding_of_gitattributes(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    original = "*.txt text\r\n# caf\xe9 (Latin-1)\r\n".encode("latin-1")
    (repo / ".gitattributes").write_bytes(original)
    done = drafting(repo, "git", "install", "--no-hook")
    assert done.returncode == 0, done.stderr
    written = (repo / ".gitattributes").read_bytes()
    assert written.startswith(original)
    assert written.count(b"\r\n") == written.count(b"\n")  # every line still CRLF
    assert drafting(repo, "git", "install", "--uninstall").returncode == 0
    assert (repo / ".gitattributes").read_bytes() == original


def test_install_pattern_is_validated_and_quoted_as_git_reads_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    before = _state(repo)
    for bad in ("a.xml\n* diff=evil", "#x.xml", "!x.xml", " "):
        done = drafting(repo, "git", "install", "--no-hook", "--pattern", bad)
        assert done.returncode == 2 and len(done.stderr.splitlines()) == 1, bad
        assert _state(repo) == before  # nothing touched
    done = drafting(repo, "git", "install", "--no-hook", "--pattern", "my texts/*.xml")
    assert done.returncode == 0, done.stderr
    found = git(repo, "check-attr", "diff", "--", "my texts/a.xml", "my/a.xml").stdout
    assert found.splitlines() == ["my texts/a.xml: diff: clause", "my/a.xml: diff: unspecified"]


def test_install_killed_at_any_point_is_undone_or_done_whole(tmp_path: Path) -> None:
    import signal
    import sys
    import time

    repo = make_repo(tmp_path / "repo")
    (repo / ".gitattributes").write_bytes(b"*.txt text\n")
    clean = _state(repo)
    assert drafting(repo, "git", "install").returncode == 0
    full = _state(repo)
    assert drafting(repo, "git", "install", "--uninstall").returncode == 0
    rng = random.Random(16)
    outcomes = {"clean": 0, "full": 0, "recovered": 0}
    for _ in range(30 if LONG else 5):
        run = subprocess.Popen(
            [sys.executable, "-m", "drafting", "git", "install"], cwd=repo, env=git_env()
        )
        time.sleep(rng.uniform(0.05, 0.5))
        run.send_signal(signal.SIGKILL)
        run.wait()
        now = _state(repo)
        if now not in (clean, full):
            # killed half-way: the next run undoes it first, then installs whole
            assert (repo / ".git" / "drafting-install.journal").exists()
            outcomes["recovered"] += 1
        else:
            outcomes["clean" if now == clean else "full"] += 1
        assert drafting(repo, "git", "install").returncode == 0
        assert _state(repo) == full
        assert drafting(repo, "git", "install", "--uninstall").returncode == 0
        assert _state(repo) == clean
