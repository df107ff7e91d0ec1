"""``batch_line_json`` writes a batch line from templates; its text is exactly the ``json``
module's text of the document it stands for (``StrengthResult.to_json`` with the id after the
schema version, then the passes and the hidden characters when asked), for any values of the
result's declared types and for every corpus clause. So is ``change_json`` of a comparison
(``StrengthChange.to_json`` without its schema version: a diff report's strength keys)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from support.corpus import corpus_dir

from drafting.render.strength import batch_line_json, change_json
from drafting.strength import analyse, compare_strength
from drafting.strength.result import Modifier, StrengthChange, StrengthResult, Term, TermChange


def _expected(item_id: Any, result: StrengthResult, explain: bool, hidden: list[Any]) -> str:
    document = result.to_json()
    document = {"schema_version": document.pop("schema_version"), "id": item_id, **document}
    if explain:
        document["passes"] = list(result.passes)
    if hidden:
        document["hidden"] = hidden
    return json.dumps(document, ensure_ascii=False)


_TEXT = st.text(max_size=12)  # any characters: quotes, controls, U+2028, beyond U+FFFF
_INT = st.integers(min_value=-(10**20), max_value=10**20)
_TERM = st.builds(
    Term, _TEXT, _INT, _INT, _TEXT, _INT, st.booleans(), _TEXT, _TEXT, _INT, st.booleans(), _TEXT
)
_MODIFIER = st.builds(Modifier, _TEXT, _INT, _INT, _TEXT, _TEXT, st.booleans())
_MODIFIERS = st.lists(_MODIFIER, max_size=3).map(tuple)
_RESULT = st.builds(
    StrengthResult,
    text=_TEXT,
    tier=st.none() | st.integers(min_value=-2, max_value=7),
    tier_range=st.none() | st.tuples(_INT, _INT),
    polarity=_TEXT,
    score=st.floats(),  # NaN and infinities too: the json module writes them its own way
    terms=st.lists(_TERM, max_size=3).map(tuple),
    hedges=_MODIFIERS,
    intensifiers=_MODIFIERS,
    conditions=_MODIFIERS,
    language=_TEXT,
    instrument=st.none() | _TEXT,
    flags=_MODIFIERS,
    explanation=_TEXT,
    language_detected=st.booleans(),
    passes=st.lists(_TEXT, max_size=3).map(tuple),
)
_ID = st.none() | st.booleans() | _INT | st.floats() | _TEXT
_HIDDEN = st.lists(
    st.fixed_dictionaries(
        {"text": _TEXT, "start": _INT, "end": _INT, "kind": _TEXT, "detail": _TEXT}
    ),
    max_size=2,
)


@given(_ID, _RESULT, st.booleans(), _HIDDEN)
def test_a_line_is_the_json_modules_text_of_its_document(
    item_id: Any, result: StrengthResult, explain: bool, hidden: list[Any]
) -> None:
    assert batch_line_json(item_id, result, explain, hidden) == _expected(
        item_id, result, explain, hidden
    )


def test_every_corpus_clause_gives_the_json_modules_text() -> None:
    count = 0
    for path in sorted(corpus_dir().glob("*_sentences.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            result = analyse(row["text"], language=row["language"])
            item_id = [number, row["id"], str(number / 4)][number % 3]
            explain = number % 2 == 0
            line_json = batch_line_json(item_id, result, explain)
            assert line_json == _expected(item_id, result, explain, [])
            count += 1
    assert count >= 400


_TERM_CHANGE = st.builds(
    TermChange,
    st.sampled_from(["added", "removed", "replaced"]) | _TEXT,
    st.none() | _TERM,
    st.none() | _TERM,
)
_CHANGE = st.builds(
    StrengthChange,
    _RESULT,
    _RESULT,
    st.lists(_TERM_CHANGE, max_size=3).map(tuple),
    _TEXT,
    st.booleans(),
    _TEXT,
)


def _change_expected(change: StrengthChange) -> str:
    document = change.to_json()
    document.pop("schema_version")
    return json.dumps(document, ensure_ascii=False)


@given(_CHANGE)
def test_a_change_is_the_json_modules_text_of_its_document(change: StrengthChange) -> None:
    assert change_json(change) == _change_expected(change)


def test_every_corpus_pair_change_gives_the_json_modules_text() -> None:
    count = 0
    for path in sorted(corpus_dir().glob("*_pairs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            change = compare_strength(row["before"], row["after"])
            assert change_json(change) == _change_expected(change)
            count += 1
    assert count >= 100
