"""Any text, however odd, gets a result whose offsets point into it and whose JSON validates."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.resources import schema_path
from drafting.strength import analyse, compare_strength

VALIDATOR = jsonschema.Draft202012Validator(
    json.loads(schema_path("strength.schema.json").read_text(encoding="utf-8"))
)

# words that start lexicon entries, mixed with punctuation, brackets and other scripts
VOCABULARY = (
    "shall not will never may no nothing refrain undertake Recalling if unless which that "
    "should [shall] [should] ( ) ; : , . — Les parties doivent ne pas jamais s’abstiennent "
    "обязуются не никогда воздерживаться будут зобов'язуються утримуватися ніколи İ ß"
)
WORDS = st.sampled_from(VOCABULARY.split())
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=30).map(" ".join)
INSTRUMENTS = st.sampled_from([None, "treaty", "political-declaration", "un-ga-resolution"])


@settings(max_examples=100, deadline=None)
@given(TEXTS, INSTRUMENTS)
def test_analyse_never_fails_and_offsets_hold(text: str, instrument: str | None) -> None:
    result = analyse(text, instrument=instrument)
    VALIDATOR.validate(result.to_json())
    for item in (*result.terms, *result.hedges, *result.intensifiers, *result.conditions):
        assert text[item.start : item.end] == item.text
    assert 0 <= result.score <= 5
    assert (result.tier is None) == (
        result.tier_range is not None and len(set(result.tier_range)) > 1
    )


@settings(max_examples=50, deadline=None)
@given(TEXTS, TEXTS)
def test_comparison_is_antisymmetric(a: str, b: str) -> None:
    forward = compare_strength(a, b, language_a="en", language_b="en")
    backward = compare_strength(b, a, language_a="en", language_b="en")
    flipped = {"strengthened": "weakened", "weakened": "strengthened", "unchanged": "unchanged"}
    assert backward.verdict == flipped[forward.verdict]
    assert forward.polarity_change == backward.polarity_change
    VALIDATOR.validate(forward.to_json())
