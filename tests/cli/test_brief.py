"""``drafting brief``: a briefing over the bundled clause files (real quotations) in
Markdown, HTML and Word; its HTML is checked in Chromium by tests/render/test_reports_html.py."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import REPO

ROOT = REPO
TEXTS = ROOT / "texts"


def _clauses() -> list[Path]:
    from drafting.formats.clausexml import read_xml_file
    from drafting.model import Clause

    return [p for p in sorted(TEXTS.glob("*.xml")) if isinstance(read_xml_file(p), Clause)]


def test_brief_of_the_bundled_texts_in_markdown() -> None:
    from drafting.diff.positions import PositionsOptions, positions
    from drafting.formats.clausexml import read_clause

    done = run_drafting("brief", str(TEXTS))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("| clause |"))
    parties = [c.strip() for c in header.strip("|").split(" | ")][1:]
    table = [line for line in lines if line.startswith("| ") and line is not header]
    clauses = _clauses()
    assert len(table) == len(clauses)
    assert done.stdout.count("\n## ") == len(clauses)
    # every verdict in the table is the one the positions report gives
    for path in clauses:
        report = positions(read_clause(path), PositionsOptions())
        title = report.title or report.clause
        row = next(line for line in table if line.startswith(f"| {title} |"))
        cells = [c.strip() for c in row.strip("|").split(" | ")][1:]
        for party, cell in zip(parties, cells, strict=True):
            mine = [c for c in report.columns if c.party_name == party]
            moved = [c for c in mine if c.against_base and not c.is_base]
            if moved:
                assert cell.startswith(moved[-1].against_base.verdict)
            elif mine:
                assert cell == "base"
            else:
                assert cell == "—"
    documents = [p for p in TEXTS.glob("*.xml") if p not in clauses]
    for path in documents:
        assert f"{path}: a document, not a clause file: left out" in done.stderr
    assert "{--" in done.stdout and "### Sources" in done.stdout


def test_brief_writes_html_and_word(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    html = tmp_path / "brief.html"
    word = tmp_path / "brief.docx"
    assert run_drafting("brief", str(TEXTS), "--format", "html", "-o", str(html)).returncode == 0
    assert run_drafting("brief", str(TEXTS), "--format", "docx", "-o", str(word)).returncode == 0
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count('<section class="unit"') == len(
        _clauses()
    )
    document = docx.Document(str(word))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == len(_clauses())
    assert len(document.tables[0].rows) == len(_clauses()) + 1
    with zipfile.ZipFile(word) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    assert "<w:ins " in xml and "<w:del " in xml
    done = run_drafting(
        "brief", str(TEXTS / "ua-ge-membership.xml"), "--format", "docx", text=False
    )
    assert done.returncode == 0 and zipfile.is_zipfile(io.BytesIO(done.stdout))


def test_brief_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """Standard error on a pseudo-terminal, as a user sees it; more than a few files."""
    files = [str(p) for p in _clauses()]
    assert len(files) > 5
    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "drafting", "brief", *files, "-o", str(tmp_path / "b.md")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
        check=False,
        timeout=120,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    assert done.returncode == 0
    assert b"briefing" in seen and re.search(rb"100%", seen)
    # and none without a terminal
    quiet = run_drafting("brief", *files, "-o", str(tmp_path / "c.md"))
    assert "briefing" not in quiet.stderr


def test_brief_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = run_drafting("brief", str(tmp_path / "nope"))
    assert missing.returncode == 2
    assert missing.stderr.strip().count("\n") == 0 and "no such file or folder" in missing.stderr
    empty = run_drafting("brief", str(tmp_path))
    assert empty.returncode == 2 and "no .xml files" in empty.stderr
    broken = tmp_path / "broken.xml"
    broken.write_text("<clause>\n  <oops>\n</clause>\n", encoding="utf-8")
    bad = run_drafting("brief", str(broken))
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and f"{broken}:" in bad.stderr
    assert "Traceback" not in bad.stderr
