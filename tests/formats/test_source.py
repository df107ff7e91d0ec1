"""The one bounded reader of input bytes (formats.source), directly and through commands."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import REPO

from drafting.errors import InputError
from drafting.formats import source

ROOT = REPO
CLAUSE = ROOT / "texts" / "ua-ge-membership.xml"


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"abc")
    assert source.read_bytes(path) == b"abc"


def test_a_file_over_the_cap_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 11)
    with pytest.raises(source.InputTooLarge, match=r"file is 11 bytes, over the limit of 10 "):
        source.read_bytes(path, max_bytes=10)
    assert source.read_bytes(path, max_bytes=11) == b"x" * 11


def test_the_cap_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(source.LIMIT_ENV, "2K")
    assert source.input_limit() == 2048
    monkeypatch.setenv(source.LIMIT_ENV, "lots")
    with pytest.raises(InputError, match="DRAFTING_MAX_BYTES: not a size"):
        source.input_limit()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "clause.xml"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(InputError, match=r"clause\.xml: is a named pipe \(FIFO\)"):
        source.read_bytes(fifo)  # opening it would block forever: nobody writes
    assert time.perf_counter() - started < 1.0


def test_a_folder_and_a_device_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder, not a file"):
        source.read_bytes(tmp_path)
    with pytest.raises(InputError, match=r"/dev/zero: is a device, not a regular file"):
        source.read_bytes("/dev/zero")


def test_a_symlink_loop_and_a_broken_link_say_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.xml"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="symbolic link loop"):
        source.read_bytes(loop)
    broken = tmp_path / "broken.xml"
    broken.symlink_to(tmp_path / "gone.xml")
    with pytest.raises(InputError, match="broken symbolic link"):
        source.read_bytes(broken)


def test_a_stream_is_read_only_up_to_the_cap() -> None:
    with open("/dev/zero", "rb") as zero:
        started = time.perf_counter()
        with pytest.raises(
            source.InputTooLarge, match="<stdin>: more than the limit of 1,000 bytes"
        ):
            source.read_stream(zero, max_bytes=1000)
    assert time.perf_counter() - started < 1.0


def test_text_drops_a_bom_and_names_the_offset_of_a_bad_byte() -> None:
    assert source.decode_text(b"\xef\xbb\xbfabc", "a.txt") == "abc"
    with pytest.raises(InputError, match=r"a\.txt: not UTF-8 text \(invalid byte at offset 5\)"):
        source.decode_text(b"\xef\xbb\xbfab\xff", "a.txt")


def test_strength_file_drops_the_bom(tmp_path: Path) -> None:
    # failed before: strength --file kept U+FEFF at the start of the analysed text
    path = tmp_path / "clause.txt"
    path.write_bytes("\ufeffThe Parties shall cooperate.".encode())
    done = run_drafting("strength", "--file", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    import json

    assert json.loads(done.stdout)["text"] == "The Parties shall cooperate."


def test_dev_zero_on_stdin_is_refused_with_one_line_by_every_reader() -> None:
    for args in (["validate", "-"], ["fmt", "-"], ["strength", "--file", "-"], ["import", "-"]):
        with open("/dev/zero", "rb") as zero:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "drafting", "--max-bytes", "1M", *args],
                stdin=zero,
                capture_output=True,
                text=True,
                cwd=ROOT,
                check=False,
            )
        assert done.returncode == 2, (args, done.stderr)
        first = done.stderr.splitlines()[0]
        assert first.startswith("drafting: <stdin>: more than the limit of 1,048,576 bytes"), args
        assert "Traceback" not in done.stderr
        assert time.perf_counter() - started < 10


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_xml_does_not_block_any_command(tmp_path: Path) -> None:
    fifo = tmp_path / "x.xml"
    os.mkfifo(fifo)
    for args in (["validate", str(fifo)], ["fmt", str(fifo)], ["diff", str(fifo), str(CLAUSE)]):
        done = subprocess.run(
            [sys.executable, "-m", "drafting", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
            timeout=30,
        )
        assert done.returncode == 2, (args, done.stderr)
        assert "named pipe (FIFO)" in done.stderr.splitlines()[0]


def test_max_bytes_option_raises_and_lowers_the_cap(tmp_path: Path) -> None:
    path = tmp_path / "clause.txt"
    path.write_text("The Parties shall cooperate.", encoding="utf-8")
    low = run_drafting("--max-bytes", "10", "strength", "--file", str(path))
    assert low.returncode == 2 and "over the limit of 10 bytes" in low.stderr
    bad = run_drafting("--max-bytes", "ten", "strength", "--file", str(path))
    assert bad.returncode == 2 and "--max-bytes" in bad.stderr


def test_lexicon_goes_through_the_bounded_reader(tmp_path: Path) -> None:
    # failed before: --lexicon /dev/zero read until memory ran out
    done = run_drafting("strength", "--lexicon", "/dev/zero", "The Parties shall act.")
    assert done.returncode == 2
    assert (
        done.stderr
        == "drafting: /dev/zero: is a device, not a regular file: refused, it may never end\n"
    )
    bom = tmp_path / "lexicon.json"
    bom.write_bytes(b"\xef\xbb\xbf" + b'{"language": "en", "entries": []}')
    done = run_drafting("strength", "--lexicon", str(bom), "The Parties shall act.")
    # the BOM is dropped: the JSON parses and the schema check speaks (json.loads alone
    # would refuse the BOM)
    assert "invalid lexicon at (root): 'schema_version'" in done.stderr
