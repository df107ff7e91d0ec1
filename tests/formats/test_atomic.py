"""Atomic writes keep permission bits: the original's, or the umask default for a new file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafting.formats.atomic import write_atomic


def test_new_file_gets_umask_default_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "report.json"
        write_atomic(target, "{}\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text() == "{}\n"


def test_replacing_keeps_the_original_mode_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "clause.xml"
    target.write_text("old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["clause.xml"]
