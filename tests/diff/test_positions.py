"""The positions core: rows aligned across all drafts, cells redlined against the base, the
operator's polarity kept apart from the party's stance, conflicts and the timeline."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from support.corpus import corpus_dir
from support.paths import REPO

import drafting
from drafting.diff.positions import (
    NamedDraft,
    PositionsError,
    PositionsOptions,
    positions,
    positions_to_dict,
    timeline,
)
from drafting.formats.clausexml import read_xml_file
from drafting.model import Clause, Draft, Sentence
from drafting.text.language import detect_language

ROOT = REPO
MEMBERSHIP = ROOT / "texts" / "ua-ge-membership.xml"
CONSTRUCTED = ROOT / "tests" / "data" / "positions" / "constructed-three-party.xml"


def clause(path: Path) -> Clause:
    value = read_xml_file(path)
    assert isinstance(value, Clause)
    return value


def loose(name: str, text: str, instrument: str | None) -> NamedDraft:
    draft = Draft(
        name,
        name,
        "proposed",
        "",
        detect_language(text),
        instrument or "statement",
        (Sentence("s1", text),),
    )
    return NamedDraft(name, draft)


def test_russias_never_is_strengthened_and_reversed_while_the_us_only_has_a_negative_operator():
    report = positions(clause(MEMBERSHIP), PositionsOptions(base="nato-2008"))
    columns = {c.key: c for c in report.columns}
    assert report.base == "nato-2008" and columns["nato-2008"].is_base
    russia = columns["rus-2022"].against_base
    assert russia is not None
    assert (russia.verdict, russia.operator_polarity_changed, russia.stance) == (
        "strengthened",
        True,
        "reversed",
    )
    us = columns["usa-2022"].against_base
    assert us is not None
    assert us.operator_polarity_changed and us.polarity_after == "negative"
    assert us.stance == "kept"
    assert "slam" in us.stance_reason
    assert "usa-2022" in report.summary.operator_polarity_changed
    assert "usa-2022" not in report.summary.stance_reversed
    assert "rus-2022" in report.summary.strengthened


def test_every_party_has_a_column_and_secondary_sources_carry_a_caveat():
    report = positions(clause(MEMBERSHIP), PositionsOptions(base="nato-2008"))
    parties = {c.party for c in report.columns}
    assert parties == {p.id for p in clause(MEMBERSHIP).parties}
    for column in report.columns:
        assert column.source is not None
        assert column.source.secondary == (column.source.caveat is not None)
    geneva = next(c for c in report.columns if c.key == "usa-2022").source
    assert geneva is not None and geneva.secondary and geneva.caveat
    assert "press report" in (geneva.note or "")


def test_no_reversal_is_claimed_that_the_corpus_labels_do_not_support():
    folder = corpus_dir()
    checked = reversals = 0
    for name in ("dev_pairs.jsonl", "dev2_pairs.jsonl", "dev3_pairs.jsonl"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            pair = json.loads(line)
            report = positions(
                [
                    loose("before", pair["before"], pair.get("instrument_before")),
                    loose("after", pair["after"], pair.get("instrument_after")),
                ]
            )
            comparison = report.columns[1].against_base
            assert comparison is not None
            checked += 1
            if comparison.stance == "reversed":
                reversals += 1
                assert pair.get("polarity_change") is True, (pair["id"], comparison.stance_reason)
    assert checked > 100
    assert reversals >= 2  # the Bucharest formula against both December 2021 drafts


def test_rows_do_not_depend_on_the_order_of_the_drafts():
    value = clause(MEMBERSHIP)
    others = ("rus-2021-nato", "rus-2021-usa", "rus-2022", "usa-2022")

    def rows(order: tuple[str, ...]) -> set[frozenset[tuple[str, str | None]]]:
        report = positions(value, PositionsOptions(base="nato-2008", drafts=order))
        return {
            frozenset((c.column, c.sentence) for c in row.cells if c.sentence)
            for row in report.rows
        }

    first = rows(others)
    for order in itertools.islice(itertools.permutations(others), 1, 8):
        assert rows(order) == first


def test_cells_redline_the_base_exactly():
    report = positions(clause(MEMBERSHIP), PositionsOptions(base="nato-2008"))
    for row in report.rows:
        base = row.cells[0].text or ""
        for cell in row.cells[1:]:
            old = "".join(s.text for s in cell.redline if s.kind != "insert")
            new = "".join(s.text for s in cell.redline if s.kind != "delete")
            assert old == (base if cell.change != "added" else "")
            assert new == (cell.text or "")


def test_a_sentence_joins_the_row_of_its_most_similar_base_sentence_without_shared_ids():
    base = Draft(
        "base",
        "a",
        "proposed",
        "",
        "en",
        "draft-treaty",
        (
            Sentence("x1", "The Parties shall consult each other."),
            Sentence("x2", "Each Party shall notify the others of any exercise."),
        ),
    )
    other = Draft(
        "other",
        "b",
        "proposed",
        "",
        "en",
        "draft-treaty",
        (
            Sentence("y1", "Each Party should notify the others of any exercise."),
            Sentence("y2", "The Parties shall consult each other."),
        ),
    )
    report = positions([NamedDraft("A", base), NamedDraft("B", other)])
    pairs = [
        (row.cells[0].sentence, row.cells[1].sentence, row.cells[1].method) for row in report.rows
    ]
    assert pairs == [("x1", "y2", "text"), ("x2", "y1", "similarity")]
    assert report.rows[1].cells[1].against_base.verdict == "weakened"


def test_the_constructed_three_party_example_has_exactly_one_conflict():
    report = positions(clause(CONSTRUCTED))
    assert [c.key for c in report.columns] == ["a-1", "b-1", "c-2"]
    assert [c.row for c in report.conflicts] == ["r1"]
    (conflict,) = report.conflicts
    assert {e.party for e in conflict.entries} == {"b", "c"}
    assert {e.verdict for e in conflict.entries} == {"weakened"}
    c2 = next(c for c in report.columns if c.key == "c-2")
    assert c2.previous == "c-1" and c2.against_previous is not None
    assert c2.rows_weakened == ("r1", "r2")
    assert report.closest_pair is not None and report.closest_pair[:2] == ("a-1", "b-1")


def test_as_of_and_explicit_drafts_choose_the_columns():
    value = clause(CONSTRUCTED)
    early = positions(value, PositionsOptions(as_of="2020-02-15"))
    assert [c.key for c in early.columns] == ["a-1", "b-1", "c-1"]
    chosen = positions(value, PositionsOptions(base="b-1", drafts=("c-1", "a-1")))
    assert [c.key for c in chosen.columns] == ["b-1", "c-1", "a-1"]
    with pytest.raises(PositionsError, match="no draft 'zz'"):
        positions(value, PositionsOptions(base="zz"))
    with pytest.raises(PositionsError, match="after --as-of"):
        positions(value, PositionsOptions(base="c-2", as_of="2020-02-15"))


def test_timeline_is_in_date_order_against_what_each_draft_answers():
    entries = timeline(clause(CONSTRUCTED)).entries
    assert [e.draft for e in entries] == ["a-1", "b-1", "c-1", "c-2"]
    assert [(e.relation, e.against) for e in entries] == [
        (None, None),
        ("responds-to", "a-1"),
        ("responds-to", "a-1"),
        ("supersedes", "c-1"),
    ]
    assert entries[3].comparison is not None and entries[3].comparison.against == "c-1"
    # B keeps the main "shall" but weakens r1: the timeline says so, as the table does
    assert entries[1].comparison is not None and entries[1].comparison.verdict == "unchanged"
    assert (entries[1].overall, entries[1].rows_weakened) == ("weakened", ("r1",))
    assert all(e.reading.tier == 4 or e.reading.tier == 5 for e in entries)


def test_plain_data_is_deterministic_json():
    value = clause(MEMBERSHIP)
    first = json.dumps(positions_to_dict(positions(value)), ensure_ascii=False)
    second = json.dumps(positions_to_dict(positions(value)), ensure_ascii=False)
    assert first == second
    data = json.loads(first)
    assert data["kind"] == "positions" and data["schema_version"] == "1"


def test_the_public_api_gives_the_same_report_as_the_core():
    options = drafting.PositionsOptions(base="nato-2008")
    assert drafting.positions(MEMBERSHIP, options) == positions(clause(MEMBERSHIP), options)
    assert drafting.timeline(str(CONSTRUCTED)) == timeline(clause(CONSTRUCTED))
