"""Word drafts in: numbering as displayed, tracked changes, skipped tables/images/comments,
and hostile packages refused with one line.

The Word files are built by python-docx from ``texts/rus-nato-2021.xml`` (Russia's draft
agreement with NATO of 17 December 2021, quoted from the shared corpus); tracked changes,
comments and tables are labelled "Constructed".
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.documents import build_docx, plain_text
from support.paths import REPO

from drafting.errors import InputError
from drafting.formats import readers
from drafting.formats.clausexml import checked_bytes, read_document
from drafting.formats.docx import Numbering, format_number
from drafting.model import Document

ROOT = REPO
SOURCE = read_document(ROOT / "texts" / "rus-nato-2021.xml")


def words_of(doc: Document) -> list[tuple[str | None, str | None, list[str]]]:
    """Per paragraph: its article number, its own number and its sentences."""
    return [
        (a.num, p.num, [s.text for s in p.sentences]) for a in doc.articles for p in a.paragraphs
    ]


@pytest.fixture(scope="module")
def plain() -> Document:
    loaded = readers.read(plain_text(SOURCE).encode(), "rus-nato.txt")
    assert isinstance(loaded.value, Document)
    return loaded.value


def read_docx(path: Path, changes: str = "fail") -> readers.Loaded:
    return readers.read(path.read_bytes(), path.name, readers.ReadOptions(changes=changes))


def test_a_word_draft_reads_like_its_plain_text(tmp_path: Path, plain: Document) -> None:
    path = build_docx(SOURCE, tmp_path / "draft.docx")
    loaded = read_docx(path)
    assert loaded.reader == "docx"
    assert words_of(loaded.value) == words_of(plain)
    assert loaded.value.title == SOURCE.title
    # the paragraph numbers are Word's list numbering, restarted per article, as displayed
    assert [p.num for p in loaded.value.articles[0].paragraphs] == ["1", "2", "3"]
    checked_bytes(loaded.value, "draft")


def test_tracked_changes_accept_reject_or_fail(tmp_path: Path, plain: Document) -> None:
    path = build_docx(SOURCE, tmp_path / "tracked.docx", tracked=True)
    accepted = read_docx(path, "accept")
    assert words_of(accepted.value) == words_of(plain)
    assert any("tracked change(s) accepted" in n for n in accepted.notes)
    paragraph = read_docx(path, "reject").value.articles[0].paragraphs[0]
    rejected = " ".join(s.text for s in paragraph.sentences)
    original = plain.sentences[0].text
    head, _, last = original.rpartition(" ")
    # the deletion back, the insertion ("security.") gone
    assert rejected.startswith(f"{head} constructed They shall not")
    assert last not in rejected.split()
    with pytest.raises(InputError, match=r"tracked.docx: paragraph \d+: tracked deletion by "
                       "Constructed on 2022-01-10; choose --changes accept"):  # fmt: skip
        read_docx(path, "fail")


def test_tables_images_and_comments_are_skipped_with_a_note(
    tmp_path: Path, plain: Document
) -> None:
    path = build_docx(SOURCE, tmp_path / "extras.docx", extras=True)
    loaded = read_docx(path)
    assert words_of(loaded.value) == words_of(plain)
    assert "Constructed" not in " ".join(s.text for s in loaded.value.sentences)
    notes = " ".join(loaded.notes)
    assert "1 table(s) skipped" in notes and "1 image(s) skipped" in notes
    assert "1 comment(s) ignored" in notes


def test_the_import_command_and_diff_take_word_files(tmp_path: Path) -> None:
    path = build_docx(SOURCE, tmp_path / "tracked.docx", tracked=True)
    text = tmp_path / "draft.txt"
    text.write_text(plain_text(SOURCE), encoding="utf-8")
    refused = run_drafting("import", str(path))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "--changes accept" in refused.stderr
    done = run_drafting("import", "--changes", "accept", str(path), "-o", str(tmp_path / "d.xml"))
    assert done.returncode == 0, done.stderr
    assert "tracked change(s) accepted" in done.stderr
    from_text = run_drafting("import", str(text), "-o", str(tmp_path / "t.xml"))
    assert from_text.returncode == 0, from_text.stderr
    diff = run_drafting("diff", str(tmp_path / "t.xml"), str(tmp_path / "d.xml"))
    assert diff.returncode == 0, diff.stdout  # no change of words
    plain_docx = build_docx(SOURCE, tmp_path / "plain.docx")
    direct = run_drafting("diff", str(text), str(plain_docx))  # any command takes a .docx
    assert direct.returncode == 0, direct.stdout + direct.stderr


def test_word_numbering_formats() -> None:
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [format_number(n, "upperRoman") for n in (4, 9, 14)] == ["IV", "IX", "XIV"]
    numbering = Numbering()
    assert numbering.label("5", 0) is None  # no definition: no label


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("entries", "words"),
    [
        ({"word/document.xml": b"\0" * (40 * 1024 * 1024)}, "zip bomb"),
        ({f"word/p{i}.xml": b"" for i in range(2100)}, "parts"),
        ({"word/styles.xml": b"<x/>"}, "no word/document.xml"),
    ],
    ids=["bomb", "too-many-parts", "not-word"],
)
def test_hostile_packages_are_refused_with_one_line(
    tmp_path: Path, entries: dict[str, bytes], words: str
) -> None:
    path = tmp_path / "hostile.docx"
    path.write_bytes(_zip(entries))
    done = run_drafting("import", str(path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "hostile.docx" in lines[0], done.stderr


def test_a_damaged_zip_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04word/" + b"\0" * 100)
    done = run_drafting("import", str(path))
    assert done.returncode == 2 and "not a Word file" in done.stderr
    assert done.stderr.count("\n") == 1
