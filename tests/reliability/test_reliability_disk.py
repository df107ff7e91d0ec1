"""A full disk: every writing command says so in one line and changes nothing (issue 16).

Needs a real full file system: a 256 KB tmpfs mounted for the test (root only; skipped where
mounting is not allowed).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import REPO

ROOT = REPO
CLAUSE = ROOT / "texts" / "ua-ge-membership.xml"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    try:
        (folder / "c.xml").write_bytes(CLAUSE.read_bytes())
        with open(folder / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 1024)
            except OSError:
                pass  # full
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_every_writing_command_says_the_disk_is_full(full_disk: Path) -> None:
    before = (full_disk / "c.xml").read_bytes()
    runs = {
        "strength -o": ["strength", "-o", "out.json", "The Parties shall cooperate."],
        "validate -o": ["validate", "c.xml", "-o", "out.txt"],
        "diff -o": ["diff", "c.xml", "-o", "out.txt"],
        "new": ["new", "x", "--title", "Constructed", "--party", "a=Party A"],
        "draft add": [
            "draft", "add", "c.xml", "--party", "nato", "--date", "2024-01-01",
            "--instrument", "treaty", "--text", "The Parties shall consult.",
        ],
        "amend": [
            "amend", "c.xml", "--target", "nato-2008", "--party", "rus", "--replace",
            "will become", "--with", "will never become", "--apply", "--date", "2024-01-01",
        ],
    }  # fmt: skip
    for label, args in runs.items():
        done = run_drafting(*args, cwd=full_disk)
        assert done.returncode == 2, (label, done.stdout, done.stderr)
        last = done.stderr.strip().splitlines()[-1]
        assert "no space left on the device" in last, (label, done.stderr)
        assert "internal error" not in done.stderr, label
        assert (full_disk / "c.xml").read_bytes() == before, label
        assert sorted(p.name for p in full_disk.iterdir()) == ["c.xml", "filler"], label
