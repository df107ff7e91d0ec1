"""`drafting fmt`: canonical rewrite, idempotent, --check, and never writing a bad file.

The clause below is a constructed test input, not a real text.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.cli import run_drafting

from drafting.formats.clausexml import canonicalize, parse_clause

MESSY = """<?xml version='1.0' encoding='utf-8'?>
<clause schemaVersion="1" id="constructed" xmlns="urn:drafting:clause:1"><meta>
<title xml:lang="en">Constructed clause</title>
      <party name="Party A" id="a"/><party name="Party B" id="b"/>
  </meta>
\t<draft xml:lang="en" instrument="treaty" date="2020-01-01" status="proposed" party="a" id="a-1">
    <s id="s1">
       The   Parties <term rule="C1">shall</term>
       <em> never </em>  act.
    </s>
    <s id="s2">« Jamais\u00a0! »</s></draft>
  <amendment party="b" id="b-1" target="a-1" date="2020-02-01"><delete at="s1"><old>never</old>\
</delete></amendment>
</clause>"""

CANONICAL = """<?xml version="1.0" encoding="UTF-8"?>
<clause xmlns="urn:drafting:clause:1" id="constructed" schemaVersion="1">
  <meta>
    <title xml:lang="en">Constructed clause</title>
    <party id="a" name="Party A"/>
    <party id="b" name="Party B"/>
  </meta>
  <draft id="a-1" party="a" status="proposed" date="2020-01-01" xml:lang="en" instrument="treaty">
    <s id="s1">The Parties <term rule="C1">shall</term> <em>never </em>act.</s>
    <s id="s2">« Jamais\u00a0! »</s>
  </draft>
  <amendment id="b-1" party="b" target="a-1" status="proposed" date="2020-02-01">
    <delete at="s1"><old>never</old></delete>
  </amendment>
</clause>
"""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_drafting(*args, stdin=stdin, text=False)


def test_canonicalize_gives_the_exact_canonical_bytes() -> None:
    assert canonicalize(MESSY.encode(), "m.xml").decode("utf-8") == CANONICAL


def test_canonicalize_keeps_the_content() -> None:
    assert parse_clause(CANONICAL.encode(), "c.xml") == parse_clause(MESSY.encode(), "m.xml")


def test_canonicalize_is_idempotent() -> None:
    assert canonicalize(CANONICAL.encode(), "c.xml") == CANONICAL.encode()


def test_fmt_rewrites_then_check_passes(tmp_path: Path) -> None:
    path = tmp_path / "clause.xml"
    path.write_text(MESSY, encoding="utf-8")
    check = run("fmt", "--check", str(path))
    assert check.returncode == 1
    assert check.stdout.decode() == f"would reformat {path}\n"
    assert path.read_text("utf-8") == MESSY  # --check changes nothing

    done = run("fmt", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"reformatted {path}\n"
    assert path.read_text("utf-8") == CANONICAL

    again = run("fmt", str(path))
    assert again.returncode == 0
    assert again.stdout == b""
    assert b"0 files reformatted, 1 unchanged" in again.stderr
    assert path.read_text("utf-8") == CANONICAL
    assert run("fmt", "--check", str(path)).returncode == 0


def test_fmt_on_a_folder_reports_each_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.xml").write_text(CANONICAL, encoding="utf-8")
    (tmp_path / "sub" / "b.xml").write_text(MESSY, encoding="utf-8")
    done = run("fmt", "--check", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.decode() == f"would reformat {tmp_path / 'sub' / 'b.xml'}\n"
    assert b"1 file would be reformatted, 1 unchanged" in done.stderr


def test_fmt_never_writes_an_invalid_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    original = MESSY.replace('party="a" id="a-1"', 'party="zz" id="a-1"').encode()
    path.write_bytes(original)
    for args in (["fmt"], ["fmt", "--check"]):
        done = run(*args, str(path))
        assert done.returncode == 2
        assert f"{path}:6:79: draft 'a-1': unknown party 'zz'".encode() in done.stderr
        assert b"not formatted: the file is invalid" in done.stderr
        assert b"Traceback" not in done.stderr
        assert path.read_bytes() == original


def test_fmt_refuses_to_drop_comments(tmp_path: Path) -> None:
    path = tmp_path / "commented.xml"
    original = MESSY.replace("<meta>", "<meta><!-- a reviewer's remark -->").encode()
    path.write_bytes(original)
    done = run("fmt", str(path))
    assert done.returncode == 2
    assert f"{path}:2:1: comment would be lost by formatting".encode() in done.stderr
    assert b"reviewer" not in done.stderr
    assert path.read_bytes() == original


def test_fmt_of_malformed_xml_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<clause>constructed secret text</claus>")
    done = run("fmt", str(path))
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[0].startswith(f"drafting: {path}:1:")
    assert b"secret" not in done.stderr
    assert path.read_bytes() == b"<clause>constructed secret text</claus>"


def test_fmt_continues_after_a_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a-broken.xml").write_bytes(b"<x")
    (tmp_path / "b.xml").write_text(MESSY, encoding="utf-8")
    done = run("fmt", str(tmp_path))
    assert done.returncode == 2
    assert (tmp_path / "b.xml").read_text("utf-8") == CANONICAL
    assert b"1 file reformatted, 0 unchanged, 1 failed" in done.stderr


def test_fmt_missing_path_is_exit_2(tmp_path: Path) -> None:
    done = run("fmt", str(tmp_path / "nope.xml"))
    assert done.returncode == 2
    assert b"no such file or folder" in done.stderr


def test_fmt_reads_standard_input_and_writes_standard_output() -> None:
    done = run("fmt", "-", stdin=MESSY.encode())
    assert done.returncode == 0
    assert done.stdout.decode("utf-8") == CANONICAL
    check = run("fmt", "--check", "-", stdin=MESSY.encode())
    assert (check.returncode, check.stdout) == (1, b"")
    assert run("fmt", "--check", "-", stdin=CANONICAL.encode()).returncode == 0


def test_fmt_help_has_examples_and_exit_codes() -> None:
    done = run("fmt", "--help")
    assert done.returncode == 0
    assert b"Examples:" in done.stdout and b"Exit codes" in done.stdout
