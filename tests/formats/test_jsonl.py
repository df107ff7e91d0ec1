"""``parse_line`` takes a short way for the usual line (one JSON value, nothing around it; no
lone surrogate possible): the value, or the error and its message, is exactly what the
decoder's ``decode`` and a search for lone surrogates give, on any line."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from drafting.errors import InputError
from drafting.formats import jsonl


def _outcome(function: Any, line: str) -> tuple[str, Any]:
    try:
        return "value", function(line)
    except (ValueError, RecursionError) as error:  # JSONDecodeError and the refusals
        return type(error).__name__, str(error)


# quotes, backslashes, U+2028, non-ASCII letters and lone surrogates often, any character
# (joined from a list: ``st.text`` leaves surrogates out)
_CHARACTER = st.sampled_from('"\\\u2028 é\u0416\ud800\udfff') | st.characters()
_STRING = st.lists(_CHARACTER, max_size=8).map("".join)
_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _STRING,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_STRING, inner, max_size=3),
    max_leaves=8,
)
_LINE = (
    st.builds(
        lambda before, value, after, cut: (before + value + after)[:cut],
        st.sampled_from(["", "", "", " ", "\t", "x", "["]),
        st.builds(json.dumps, _VALUE, ensure_ascii=st.booleans()),
        st.sampled_from(["", "", "", " ", "\r", "x", "}", ", 1"]),
        st.none() | st.none() | st.integers(0, 20),
    )
    | _STRING
)
"""A JSON value, sometimes with something before or after it, or cut short; or any text."""


@given(_LINE)
def test_a_line_decodes_as_the_decoder_decodes_it(line: str) -> None:
    assert _outcome(jsonl._decode, line) == _outcome(jsonl._DECODER.decode, line)


@given(_STRING)
def test_the_surrogate_check_is_a_search_for_surrogates(text: str) -> None:
    assert jsonl._encodes(text) == (re.search("[\ud800-\udfff]", text) is None)


@given(_LINE)
def test_a_lone_surrogate_anywhere_in_the_value_is_refused(line: str) -> None:
    try:
        value = jsonl.parse_line(line, "batch.jsonl", 3)
    except InputError as error:
        assert str(error).startswith("batch.jsonl:3")
        return
    words = [value]
    while words:  # every string and key of the value encodes as UTF-8
        item = words.pop()
        if isinstance(item, str):
            item.encode("utf-8")
        elif isinstance(item, dict):
            words += [*item.keys(), *item.values()]
        elif isinstance(item, list):
            words += item
