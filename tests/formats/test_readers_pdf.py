"""PDF drafts in: running headers, footers, page numbers and footnote markers dropped,
hyphenation rejoined, two columns read in order; hostile PDFs refused with one line.

The PDFs are made once per session by LibreOffice headless from Word files that python-docx
builds from ``texts/rus-nato-2021.xml`` (Russia's draft agreement with NATO of 17 December
2021, quoted from the shared corpus), its articles repeated four times to fill several pages.
Headers are labelled "Constructed"; the hyphen is set by hand at a line break in a real word.
"""

from __future__ import annotations

import dataclasses
import zlib
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.documents import build_docx, convert_to_pdf, plain_text
from support.paths import REPO

from drafting.formats import readers
from drafting.formats.clausexml import checked_bytes, read_document
from drafting.model import Document

ROOT = REPO
SOURCE = read_document(ROOT / "texts" / "rus-nato-2021.xml")
LONG = dataclasses.replace(SOURCE, articles=SOURCE.articles * 4)


def structure(doc: Document) -> list[tuple[str | None, str | None, list[str]]]:
    return [
        (a.num, p.num, [s.text for s in p.sentences]) for a in doc.articles for p in a.paragraphs
    ]


def hyphenated_docx(path: Path) -> Path:
    """The first paragraph of Article 1 with "indivisible" broken as "indi-" at a line end."""
    import docx

    word = docx.Document()
    first = SOURCE.articles[0].paragraphs[0].sentences[0].text
    head, _, tail = first.partition("indivisible")
    paragraph = word.add_paragraph(head + "indi-")
    paragraph.add_run().add_break()
    paragraph.add_run("visible" + tail)
    word.save(str(path))
    return path


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The session's PDFs, made in one LibreOffice run (it is slow to start)."""
    folder = tmp_path_factory.mktemp("pdfs")
    sources = [
        build_docx(LONG, folder / "paged.docx", header="Constructed running header"),
        build_docx(
            LONG,
            folder / "columns.docx",
            columns=2,
            footnote_markers=True,
            header="Constructed running header",
        ),
        hyphenated_docx(folder / "hyphen.docx"),
    ]
    made = convert_to_pdf(sources, folder)
    return {p.stem: p for p in made}


@pytest.fixture(scope="module")
def expected() -> Document:
    value = readers.read(plain_text(LONG).encode(), "long.txt").value
    assert isinstance(value, Document)
    return value


def test_a_paged_pdf_reads_like_its_plain_text(pdfs: dict[str, Path], expected: Document) -> None:
    loaded = readers.read(pdfs["paged"].read_bytes(), "paged.pdf")
    assert loaded.reader == "pdf"
    assert structure(loaded.value) == structure(expected)
    assert loaded.value.title == expected.title
    assert "Constructed" not in loaded.text
    assert any("running header or footer" in note for note in loaded.notes)
    checked_bytes(loaded.value, "paged")


def test_two_columns_with_footnote_markers(pdfs: dict[str, Path], expected: Document) -> None:
    loaded = readers.read(pdfs["columns"].read_bytes(), "columns.pdf")
    assert structure(loaded.value) == structure(expected)
    assert any("footnote marker" in note for note in loaded.notes)


def test_hyphenation_at_a_line_end_is_rejoined(pdfs: dict[str, Path]) -> None:
    loaded = readers.read(pdfs["hyphen"].read_bytes(), "hyphen.pdf")
    assert SOURCE.articles[0].paragraphs[0].sentences[0].text in loaded.text


def test_the_import_command_and_diff_take_a_pdf(pdfs: dict[str, Path], tmp_path: Path) -> None:
    text = tmp_path / "long.txt"
    text.write_text(plain_text(LONG), encoding="utf-8")
    diff = run_drafting("diff", str(text), str(pdfs["paged"]))
    assert diff.returncode == 0, diff.stdout + diff.stderr  # no change of words
    done = run_drafting("import", str(pdfs["columns"]), "-o", str(tmp_path / "c.xml"))
    assert done.returncode == 0, done.stderr
    assert "footnote marker" in done.stderr


def _pdf_with_stream(body: bytes, extra: bytes = b"") -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj\n<< /Length "
        + str(len(body)).encode()
        + b" /Filter /FlateDecode"
        + extra
        + b" >>\nstream\n"
        + body
        + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n"
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (_pdf_with_stream(zlib.compress(b"\0" * (80 * 1024 * 1024), 9)), "PDF bomb"),
        (_pdf_with_stream(b"", b" /Type /ObjStm /N 50000000 /First 10"), "object stream"),
        (b"%PDF-1.4\nnot really a PDF at all\n", "not a readable PDF"),
    ],
    ids=["bomb", "huge-object-stream", "damaged"],
)
def test_hostile_pdfs_are_refused_with_one_line(tmp_path: Path, data: bytes, words: str) -> None:
    path = tmp_path / "hostile.pdf"
    path.write_bytes(data)
    done = run_drafting("import", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "hostile.pdf" in lines[0], done.stderr
