"""Every strength rule case in ``tests/cases/strength/*.jsonl`` (data a linguist can extend
without Python; the format is in ``tests/cases/strength/README.md``)."""

from __future__ import annotations

import pytest
from support.cases import jsonl_cases
from support.paths import CASES

from drafting.model import INSTRUMENTS
from drafting.strength import LANGUAGES, analyse

CASES_DIR = CASES / "strength"
REQUIRED = ("id", "language", "instrument", "text", "tier", "polarity", "constructed")


CASES = jsonl_cases(CASES_DIR)


def test_the_case_files_are_well_formed() -> None:
    assert len(CASES) >= 90
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        missing = [key for key in REQUIRED if key not in case]
        assert not missing, f"{case['_where']}: missing {missing}"
        assert case["language"] in LANGUAGES, case["_where"]
        assert case["instrument"] is None or case["instrument"] in INSTRUMENTS, case["_where"]
        assert case["polarity"] in ("positive", "negative"), case["_where"]
        assert case["constructed"] or case.get("source"), f"{case['_where']}: quote needs source"


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict) -> None:
    result = analyse(
        case["text"],
        language=case["language"],
        instrument=case["instrument"],
        chapeau=case.get("chapeau"),
    )
    where = f"{case['_where']}: {result.explanation}"
    assert (result.tier, result.polarity) == (case["tier"], case["polarity"]), where
    if "tier_range" in case:
        assert list(result.tier_range or ()) == case["tier_range"], where
    if "main" in case:
        assert result.main_term is not None and result.main_term.text == case["main"], where
    texts = [term.text for term in result.terms]
    for term in case.get("terms", ()):
        assert term in texts, where
    conditions = [condition.text for condition in result.conditions]
    for condition in case.get("conditions", ()):
        assert condition in conditions, f"{where}; conditions found: {conditions}"
