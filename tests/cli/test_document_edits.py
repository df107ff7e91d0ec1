"""``drafting amend`` on a document file (by article, paragraph and sentence address) and
``drafting renumber``. The document is real (texts/rus-nato-2021.xml, the Russian draft of
17 December 2021); every edit made here is CONSTRUCTED.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import REPO

from drafting.formats.clausexml import read_document

ROOT = REPO


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "doc.xml"
    shutil.copy(ROOT / "texts" / "rus-nato-2021.xml", path)
    return path


def _texts(path: Path) -> dict[str, str]:
    return {s.id: s.text for s in read_document(path).sentences}


@pytest.mark.parametrize("address", ["1.2", "Article 1(2)", "1.2.1", "art-1-p2-s1"])
def test_amend_a_document_by_address(doc: Path, address: str) -> None:
    before = _texts(doc)
    done = run_drafting(
        "amend", str(doc), "--at", address, "--replace", "by peaceful means",
        "--with", "by peaceful means only",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "In sentence art-1-p2-s1, replace 'by peaceful means'" in done.stdout
    after = _texts(doc)
    assert after.keys() == before.keys()
    changed = [i for i in after if after[i] != before[i]]
    assert changed == ["art-1-p2-s1"] and "peaceful means only" in after["art-1-p2-s1"]


def test_the_address_limits_where_text_is_searched(doc: Path) -> None:
    # "The Parties shall" opens sentences of several paragraphs: only 1.3 is searched
    done = run_drafting(
        "amend", str(doc), "--at", "1.3", "--replace", "The Parties shall not",
        "--with", "The Parties should not",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _texts(doc)["art-1-p3-s1"].startswith("The Parties should not")
    bad = run_drafting("amend", str(doc), "--at", "9.1", "--delete", "x")
    assert bad.returncode == 2 and "articles: 1, 4, 6, 7" in bad.stderr


def test_a_new_sentence_gets_the_documents_id_scheme(doc: Path) -> None:
    done = run_drafting(
        "amend", str(doc), "--insert", "Constructed sentence.", "--after-sentence", "art-1-p3-s1"
    )
    assert done.returncode == 0, done.stderr
    paragraph = read_document(doc).articles[0].paragraphs[2]
    assert [(s.id, s.text) for s in paragraph.sentences][-1] == (
        "art-1-p3-s2",
        "Constructed sentence.",
    )


def test_clause_only_options_are_refused_on_a_document(doc: Path) -> None:
    before = doc.read_bytes()
    done = run_drafting("amend", str(doc), "--at", "1.1", "--delete", "equal and ", "--apply")
    assert done.returncode == 2 and "keeps no amendments" in done.stderr
    assert doc.read_bytes() == before


def test_renumber_keeps_ids_and_relabels(doc: Path) -> None:
    old = read_document(doc)
    done = run_drafting("renumber", str(doc))
    assert done.returncode == 0, done.stderr
    assert done.stdout == "art-4: 4 -> 2\nart-6: 6 -> 3\nart-7: 7 -> 4\n"
    new = read_document(doc)
    assert [a.id for a in new.articles] == [a.id for a in old.articles]
    assert [(a.num, a.label) for a in new.articles] == [
        ("1", "Article 1"),
        ("2", "Article 2"),
        ("3", "Article 3"),
        ("4", "Article 4"),
    ]
    assert new.sentences == old.sentences
    again = run_drafting("renumber", str(doc))
    assert again.stdout == "" and "0 article(s) renumbered" in again.stderr
