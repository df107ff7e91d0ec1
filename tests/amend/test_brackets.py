"""Brackets and alternatives as structure (issue 12). Every bracketed text here is
CONSTRUCTED (no real negotiating text with brackets is in the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import given
from hypothesis import strategies as st
from support.cli import run_drafting
from support.paths import REPO

from drafting.amend.brackets import choices, settle, settlements, with_brackets
from drafting.formats.clausexml import parse_document, read_document, to_xml
from drafting.formats.plaintext import import_text
from drafting.model import Sentence
from drafting.text.sentences import split_sentences

TEXT = (
    "Article 1\n\n1. The Parties [shall][should] consult each other. "
    "The Parties shall [Alt 1: meet annually. Alt 2: meet when they agree.] "
    "Ukraine [and Georgia] will become members.\n"
)


def test_alternatives_stay_in_one_sentence() -> None:
    """Issue 12: the importer split `[Alt 1: … Alt 2: …]` across sentences."""
    text = "The Parties shall [Alt 1: meet annually. Alt 2: meet when they agree.] Done."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "The Parties shall [Alt 1: meet annually. Alt 2: meet when they agree.]",
        "Done.",
    ]
    bad = "An [unclosed bracket. Still one.\n\nA new paragraph."
    assert len(split_sentences(bad)) == 2  # a blank line still ends the sentence


def test_import_marks_choices_and_writes_schema_version_2() -> None:
    doc = import_text(TEXT, doc_id="constructed", party="a", date="2024-01-01")
    first, second, third = doc.sentences
    assert [len(c.options) for c in choices(first)] == [2]
    (alt,) = choices(second)
    labels = [label for _, _, label, _ in alt.options]
    assert labels == ["Alt 1", "Alt 2"]
    assert [second.text[a:b] for a, b, _, _ in alt.options] == [
        "meet annually.",
        "meet when they agree.",
    ]
    assert [len(c.options) for c in choices(third)] == [1]
    data = to_xml(doc)
    assert b'schemaVersion="2"' in data
    assert b"<choice>[<option>shall</option>][<option>should</option>]</choice>" in data
    assert parse_document(data, "x.xml") == doc  # validates and reads back the same


def test_settlements_and_settling() -> None:
    sentence = with_brackets(Sentence("s1", "Ukraine [and Georgia] [will][may] join."))
    assert sorted(settlements(sentence)) == sorted(
        ["Ukraine will join.", "Ukraine may join.", "Ukraine and Georgia will join.",
         "Ukraine and Georgia may join."]
    )  # fmt: skip
    dropped = settle(sentence, 1, 0)
    assert dropped.text == "Ukraine [will][may] join."
    assert len(choices(dropped)) == 1  # the other choice is still marked, moved along


@given(st.sampled_from(["shall", "should", "will", "may"]), st.sampled_from(["meet", "talk"]))
def test_each_option_is_one_settlement(a: str, b: str) -> None:
    sentence = with_brackets(Sentence("s1", f"The Parties [{a}][{b} more] consult."))
    assert settlements(sentence) == [
        f"The Parties {a} consult.",
        f"The Parties {b} more consult.",
    ]


def test_the_command_grades_sponsors_and_settles(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(TEXT)
    done = run_drafting("import", "draft.txt", "-o", "doc.xml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    listed = run_drafting("brackets", "doc.xml", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "art-1-p1-s1: tiers 2..4: The Parties [shall][should] consult" in listed.stdout
    assert "1.1 shall  tier 4" in listed.stdout and "1.2 should  tier 2" in listed.stdout
    assert "1.0 (dropped)" in listed.stdout
    sponsor = run_drafting("brackets", "doc.xml", "--sponsor", "art-1-p1-s1.1.2=usa", cwd=tmp_path)
    assert sponsor.returncode == 0 and "1.2 should (usa)" in sponsor.stdout
    assert '<option party="usa">should</option>' in (tmp_path / "doc.xml").read_text()
    settled = run_drafting(
        "brackets", "doc.xml", "--settle", "art-1-p1-s1.1=1", "--settle", "art-1-p1-s3.1=0",
        cwd=tmp_path,
    )  # fmt: skip
    assert settled.returncode == 0, settled.stderr
    texts = [s.text for s in read_document(tmp_path / "doc.xml").sentences]
    assert texts[0] == "The Parties shall consult each other."
    assert texts[2] == "Ukraine will become members."
    as_json = run_drafting("brackets", "doc.xml", "--format", "json", cwd=tmp_path)
    report = json.loads(as_json.stdout)
    schema = REPO / "schemas" / "brackets.schema.json"
    jsonschema.validate(report, json.loads(schema.read_text()))
    (only,) = report["sentences"]  # s1 and s3 are settled; the alternatives are left
    tiers = [o["tier"] for o in only["choices"][0]["options"]]
    assert only["sentence"] == "art-1-p1-s2" and len(tiers) == 2
    assert (only["tier_min"], only["tier_max"]) == (min(tiers), max(tiers))
    bad = run_drafting("brackets", "doc.xml", "--settle", "art-1-p1-s1.1=1", cwd=tmp_path)
    assert bad.returncode == 2 and "has 0 choice(s)" in bad.stderr
