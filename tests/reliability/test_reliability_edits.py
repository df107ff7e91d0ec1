"""Edits that cannot be lost, and a faithful atomic writer (issue 16, items 1, 5 and 7).

Fast under CI; ``DRAFTING_RELIABILITY_LONG=1`` runs the full budget (100 concurrent pairs,
100 kill -9 runs). The counts of the last long run are in docs/reliability.md.
"""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.cli import CONSTRUCTED_BASE, new_clause, run_drafting, start_drafting
from support.git import commit_all, git, make_repo

from drafting.errors import DraftingError
from drafting.formats.atomic import TMP_PREFIX, edit_file, write_atomic
from drafting.formats.clausexml import read_clause

LONG = os.environ.get("DRAFTING_RELIABILITY_LONG") == "1"
PAIRS = 100 if LONG else 4
KILLS = 100 if LONG else 8

# constructed sentences (not quotations): each pair of runs replaces one with another
BASE = CONSTRUCTED_BASE


def _amend(folder: Path, n: int) -> subprocess.Popen[str]:
    args = [
        "amend", "c.xml", "--target", "a-1", "--party", "a", "--replace", "common concern",
        "--with", f"concern number {n}", "--apply", "--date", "2024-02-01",
    ]  # fmt: skip
    return start_drafting(*args, cwd=folder)


def test_concurrent_amend_apply_pairs_lose_nothing(tmp_path: Path) -> None:
    path = new_clause(tmp_path)
    for pair in range(PAIRS):
        runs = [_amend(tmp_path, 2 * pair), _amend(tmp_path, 2 * pair + 1)]
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, err
    clause = read_clause(path)
    assert len(clause.amendments) == 2 * PAIRS  # none lost
    assert len(clause.drafts) == 1 + 2 * PAIRS
    texts = {d.sentences[0].text for d in clause.drafts}
    assert {f"{BASE[:-15]}concern number {n}." for n in range(2 * PAIRS)} <= texts


def test_concurrent_draft_add_loses_nothing(tmp_path: Path) -> None:
    new_clause(tmp_path)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "drafting",
                "draft",
                "add",
                "c.xml",
                "--party",
                "a",
                "--date",
                "2024-03-01",
                "--instrument",
                "treaty",
                "--text",
                f"Constructed {n}.",
            ],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert len(read_clause(tmp_path / "c.xml").drafts) == 7


def test_an_edit_redoes_its_change_when_the_file_changed_under_it(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"one\n")
    calls: list[bytes] = []

    def change(data: bytes) -> bytes:
        calls.append(data)
        if len(calls) == 1:  # another program (no lock) writes meanwhile
            path.write_bytes(b"one\ntwo\n")
        return data + b"three\n"

    assert edit_file(path, change) == b"one\ntwo\nthree\n"
    assert path.read_bytes() == b"one\ntwo\nthree\n"
    assert calls == [b"one\n", b"one\ntwo\n"]


def test_a_lock_held_too_long_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"x")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl,sys,time; f=open(sys.argv[1]); fcntl.flock(f, fcntl.LOCK_EX); "
         "print('held', flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(DraftingError, match="another drafting command has been editing"):
            edit_file(path, lambda data: data + b"y", timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
    assert path.read_bytes() == b"x"


def test_symlinks_hard_links_mode_and_owner_survive_fmt(tmp_path: Path) -> None:
    path = new_clause(tmp_path)
    original = path.read_bytes()
    path.write_bytes(original.replace(b"  <meta>", b"    <meta>", 1))  # fmt has work to do
    path.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody:nogroup
    link = tmp_path / "link.xml"
    link.symlink_to(path.name)
    hard = tmp_path / "hard.xml"
    os.link(path, hard)
    done = run_drafting("fmt", "link.xml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == "c.xml"
    assert path.read_bytes() == original
    assert hard.read_bytes() == original and os.path.samefile(path, hard)
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.xml", "hard.xml", "link.xml"]


def test_write_failures_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "target.json"
    folder.mkdir()
    with pytest.raises(DraftingError, match=r"target\.json: is a folder, not a file"):
        write_atomic(folder, b"{}")
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(DraftingError, match="symbolic link loop"):
        write_atomic(loop, b"{}")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = run_drafting("strength", "-o", str(folder / "r.json"), "The Parties shall act.")
    finally:
        folder.chmod(0o700)
    assert done.returncode == 2
    assert done.stderr.startswith(f"drafting: {folder / 'r.json'}: permission denied")


def test_kill_9_during_fmt_leaves_old_or_new_and_nothing_for_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    path = new_clause(repo)
    # a large, non-canonical file: fmt takes long enough to be killed in the middle
    big = path.read_bytes().replace(b"\n", b"\n" + b" " * 20000)
    path.write_bytes(big)
    commit_all(repo, "big")
    canonical = None
    rng = random.Random(16)
    states = {"old": 0, "new": 0}
    for _ in range(KILLS):
        path.write_bytes(big)
        run = subprocess.Popen([sys.executable, "-m", "drafting", "fmt", "c.xml"], cwd=repo)
        time.sleep(rng.uniform(0.05, 0.6))
        run.send_signal(signal.SIGKILL)
        run.wait()
        now = path.read_bytes()
        if now == big:
            states["old"] += 1
        else:
            canonical = canonical or now
            assert now == canonical  # whole, never half
            states["new"] += 1
        status = git(repo, "status", "--porcelain", "--untracked-files=all").stdout
        assert TMP_PREFIX not in status  # git never sees a temporary file
    done = run_drafting("fmt", "c.xml", cwd=repo)  # the next run cleans up
    assert done.returncode in (0, 1), done.stderr
    assert not [p for p in repo.iterdir() if p.name.startswith(TMP_PREFIX)]
    assert states["old"] + states["new"] == KILLS
