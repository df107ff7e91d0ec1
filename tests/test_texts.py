"""The bundled texts: valid, canonical, and every quoted sentence real.

``texts/quotations.jsonl`` is the register of quotations the texts use: one line per quoted
passage with its corpus id (or the seed file), source, locator, address and exact text. The
tests check that every sentence in ``texts/`` occurs verbatim in the register (normalising
only whitespace and quotation marks) and that the file citing it gives its address; where the
shared corpus is available (``DRAFTING_CORPUS`` or ``../shared`` beside the checkout) they also
check that the register itself quotes the corpus and the seed exactly.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from lxml import etree
from support.cli import run_drafting
from support.corpus import shared_dir

from drafting.amend.operations import apply_operations
from drafting.formats.clausexml import read_xml_file, to_xml
from drafting.formats.validation import validate_path
from drafting.model import Clause, Document

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"
FILES = sorted(TEXTS.glob("*.xml"))
REGISTER = [
    json.loads(line)
    for line in (TEXTS / "quotations.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]

_QUOTE_MARKS = re.compile(r"[“”„«»\"]")


def normalise(text: str) -> str:
    """Whitespace collapsed, double quotation marks dropped, curly apostrophes made straight."""
    text = _QUOTE_MARKS.sub("", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


def quoted_passages(path: Path) -> list[str]:
    """Every sentence and every amendment's new text in a file, as plain text."""
    root = etree.parse(str(path)).getroot()
    return ["".join(e.itertext()) for e in root.iter("{*}s", "{*}new")]


def register_row(text: str, content: str = "") -> dict[str, str] | None:
    """The register row quoting ``text``; of several (a short passage such as "a member"
    occurs in more than one quotation), the first one whose address ``content`` cites."""
    wanted = normalise(text)
    rows = [row for row in REGISTER if wanted in normalise(row["text"])]
    cited = [row for row in rows if row["url"] in content.replace("&amp;", "&")]
    return (cited or rows or [None])[0]


def test_the_required_texts_are_there() -> None:
    names = {p.name for p in FILES}
    assert {"ua-ge-membership.xml", "budapest-memorandum.xml", "rus-nato-2021.xml"} <= names


def test_every_text_validates() -> None:
    assert validate_path(TEXTS) == []


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_text_is_canonical(path: Path) -> None:
    assert to_xml(read_xml_file(path)) == path.read_bytes()


def test_fmt_check_passes_on_texts() -> None:
    done = run_drafting("fmt", "--check", str(TEXTS))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_quotation_is_in_the_register_and_cited_with_its_address(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    passages = quoted_passages(path)
    assert passages
    for passage in passages:
        row = register_row(passage, content)
        assert row is not None, f"{path.name}: not a known quotation: {passage!r}"
        assert row["url"] in content.replace("&amp;", "&"), (
            f"{path.name}: cites no address for {passage!r} (expected {row['url']})"
        )


def test_register_entries_are_all_used() -> None:
    used = [normalise(p) for path in FILES for p in quoted_passages(path)]
    for row in REGISTER:
        text = normalise(row["text"])
        assert any(passage in text for passage in used), f"unused: {row['text']!r}"


def test_register_quotes_the_corpus_and_the_seed_exactly() -> None:
    shared = shared_dir()
    corpus: dict[str, dict[str, str]] = {}
    for name in ("dev_sentences.jsonl", "dev2_sentences.jsonl", "dev3_sentences.jsonl"):
        for line in (shared / "corpus" / name).read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            corpus[entry["id"]] = entry
    for row in REGISTER:
        if row["corpus_id"].startswith("seed:"):
            seed = (shared / "seed" / row["corpus_id"].removeprefix("seed:")).read_text("utf-8")
            assert row["text"] in seed
        else:
            entry = corpus[row["corpus_id"]]
            assert (row["text"], row["url"]) == (entry["text"], entry["url"])
            assert (row["source"], row["locator"]) == (entry["source"], entry["locator"])


def test_membership_clause_has_every_position_and_a_working_amendment() -> None:
    clause = read_xml_file(TEXTS / "ua-ge-membership.xml")
    assert isinstance(clause, Clause)
    drafts = {d.id: d for d in clause.drafts}
    assert drafts["nato-2008"].status == "adopted"
    assert drafts["nato-2008"].instrument == "political-declaration"
    assert {drafts[i].instrument for i in ("rus-2021-nato", "rus-2021-usa")} == {"draft-treaty"}
    assert drafts["rus-2022"].text == "Ukraine and Georgia will never become a member of NATO."
    assert drafts["usa-2022"].responds_to == "rus-2022"
    (amendment,) = clause.amendments
    assert (amendment.target, amendment.result) == ("nato-2008", "rus-2022")
    result = apply_operations(drafts["nato-2008"], amendment.operations)
    assert [s.text for s in result] == [s.text for s in drafts["rus-2022"].sentences]
    secondary = {s.id: s.note or "" for s in clause.sources}
    assert "press report" in secondary["geneva-2022"]


def test_summit_series_supersede_one_another_in_date_order() -> None:
    for name in ("nato-georgia-membership.xml", "nato-ukraine-membership.xml"):
        clause = read_xml_file(TEXTS / name)
        assert isinstance(clause, Clause)
        drafts = list(clause.drafts)
        assert [d.date for d in drafts] == sorted(d.date for d in drafts)
        for earlier, later in itertools.pairwise(drafts):
            assert later.supersedes == earlier.id


def test_russian_draft_agreement_is_a_document_of_the_articles_the_corpus_holds() -> None:
    document = read_xml_file(TEXTS / "rus-nato-2021.xml")
    assert isinstance(document, Document)
    assert (document.party, document.date, document.instrument) == (
        "rus",
        "2021-12-17",
        "draft-treaty",
    )
    assert [a.num for a in document.articles] == ["1", "4", "6", "7"]
    assert document.source is not None and "absent" in (document.source.note or "")


def test_positions_file_holds_every_partys_line_from_2008_to_2024() -> None:
    clause = read_xml_file(TEXTS / "ua-ge-positions.xml")
    assert isinstance(clause, Clause)
    nato = [d for d in clause.drafts if d.party == "nato"]
    assert [d.date[:4] for d in nato] == ["2008", "2018", "2021", "2023", "2024"]
    for earlier, later in itertools.pairwise(nato):
        assert later.supersedes == earlier.id
    assert {d.id for d in clause.drafts if d.party == "rus"} == {
        "rus-2021-nato",
        "rus-2021-usa",
        "rus-2022",
    }
    assert len(clause.draft("usa-2022").sentences) == 3  # type: ignore[union-attr]
