"""HTML drafts in: bluebell-style fixture folders (``tests/data/readers/html/CASE/``, each an
``input.html`` and the ``expected.txt`` it must read like), and hostile pages refused.

The fixtures hold real text only: the Washington Summit Declaration's Ukraine sentences and
Russia's draft agreement with NATO of 17 December 2021, both as quoted in ``texts/``; the
navigation, scripts, sidebars and footers around them are labelled "Constructed".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import DATA

from drafting.formats import readers
from drafting.formats.clausexml import checked_bytes
from drafting.formats.html import list_label
from drafting.model import Document

FIXTURES = DATA / "readers" / "html"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def structure(doc: Document) -> list[tuple[str | None, str | None, list[str]]]:
    return [
        (a.num, p.num, [s.text for s in p.sentences]) for a in doc.articles for p in a.paragraphs
    ]


@pytest.mark.parametrize("case", CASES)
def test_each_fixture_reads_like_its_expected_text(case: str) -> None:
    page = (FIXTURES / case / "input.html").read_bytes()
    loaded = readers.read(page, "input.html")
    assert loaded.reader == "html"  # picked by content (the registry also sees .html)
    expected = readers.read((FIXTURES / case / "expected.txt").read_bytes(), "expected.txt")
    assert isinstance(loaded.value, Document) and isinstance(expected.value, Document)
    assert structure(loaded.value) == structure(expected.value)
    assert loaded.value.title == expected.value.title
    assert "Constructed" not in loaded.text  # navigation, scripts, asides, footers dropped
    checked_bytes(loaded.value, case)


def test_a_page_is_recognised_by_content_whatever_its_name() -> None:
    page = (FIXTURES / CASES[0] / "input.html").read_bytes()
    assert readers.pick(page, "download.txt").name == "html"


def test_ordered_lists_are_numbered_as_displayed() -> None:
    assert [list_label(n, "1") for n in (1, 12)] == ["1.", "12."]
    assert [list_label(n, "a") for n in (1, 3)] == ["(a)", "(c)"]
    assert list_label(4, "i") == "(iv)" and list_label(2, "A") == "(B)"
    page = b"<html><body><ol start='3' type='a'><li>First.</li><li value='7'>Then.</li></ol>"
    doc = readers.read(page + b"</body></html>", "x.html").value
    assert [p.num for a in doc.articles for p in a.paragraphs] == ["c", "g"]


def test_the_import_command_and_diff_take_a_page(tmp_path: Path) -> None:
    case = FIXTURES / "rus-nato-2021"
    out = tmp_path / "page.xml"
    done = run_drafting("import", str(case / "input.html"), "-o", str(out))
    assert done.returncode == 0, done.stderr
    diff = run_drafting("diff", str(case / "expected.txt"), str(case / "input.html"))
    assert diff.returncode == 0, diff.stdout + diff.stderr  # no change of words


def test_deeply_nested_html_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000)
    done = run_drafting("import", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "nest too deeply" in lines[0] and "deep.html" in lines[0]
