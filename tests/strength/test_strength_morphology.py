"""Russian and Ukrainian verb readings asked of pymorphy3, each word once per process."""

from __future__ import annotations

import pytest

from drafting.strength.morphology import STATIVE, _analyzer, stative


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("имеют", "ru", True),  # иметь: a status ("имеют равные права")
        ("являются", "ru", True),
        ("сотрудничают", "ru", False),
        ("мають", "uk", True),
        ("співпрацюють", "uk", False),
    ],
)
def test_stative_reads_the_first_parse_and_asks_once(
    word: str, language: str, expected: bool
) -> None:
    """The cached answer, asked twice, is the first parse's (a verb of being or having)."""
    first = _analyzer(language).parse(word)[0]
    assert (first.normal_form in STATIVE) is expected
    assert stative(word, language) is expected
    assert stative(word, language) is expected
