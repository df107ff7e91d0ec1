"""Every pair case in ``tests/cases/strength-pairs/*.jsonl`` (format in the README there): the
verdict and the polarity change of ``compare_strength`` on two wordings."""

from __future__ import annotations

import pytest
from support.cases import jsonl_cases
from support.paths import CASES

from drafting.model import INSTRUMENTS
from drafting.strength import LANGUAGES, compare_strength

PAIRS_DIR = CASES / "strength-pairs"
FIELDS = (
    "id",
    "before",
    "after",
    "language_a",
    "language_b",
    "instrument_a",
    "instrument_b",
    "verdict",
    "polarity_change",
    "constructed",
)


PAIRS = jsonl_cases(PAIRS_DIR)


def test_the_pair_files_are_well_formed() -> None:
    assert PAIRS
    ids = [pair["id"] for pair in PAIRS]
    assert len(ids) == len(set(ids)), "pair ids must be unique"
    for pair in PAIRS:
        missing = [key for key in FIELDS if key not in pair]
        assert not missing, f"{pair['_where']}: missing {missing}"
        assert {pair["language_a"], pair["language_b"]} <= set(LANGUAGES), pair["_where"]
        assert {pair["instrument_a"], pair["instrument_b"]} <= set(INSTRUMENTS), pair["_where"]
        assert pair["verdict"] in ("strengthened", "weakened", "unchanged"), pair["_where"]
        assert pair["constructed"] is True, f"{pair['_where']}: only constructed pairs here"


@pytest.mark.parametrize("pair", PAIRS, ids=[pair["id"] for pair in PAIRS])
def test_pair(pair: dict) -> None:
    change = compare_strength(
        pair["before"],
        pair["after"],
        language_a=pair["language_a"],
        language_b=pair["language_b"],
        instrument_a=pair["instrument_a"],
        instrument_b=pair["instrument_b"],
    )
    where = f"{pair['_where']}: {change.explanation}"
    assert change.verdict == pair["verdict"], where
    assert change.polarity_change is pair["polarity_change"], where
