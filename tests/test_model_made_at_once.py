"""``model.made_at_once``: a frozen value made with its fields set in one step is the value
its class's own ``__init__`` makes (the diff makes sentences, tokens, ops and graded units
this way)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafting.diff.report import Op
from drafting.model import Paragraph, Sentence, made_at_once


@given(
    st.text(max_size=20),
    st.text(max_size=40),
    st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99)),
)
def test_a_sentence_made_at_once_is_the_one_init_makes(id_: str, text: str, span) -> None:
    fields = {"id": id_, "text": text, "marks": (), "span": span}
    made = made_at_once(Sentence, fields)
    usual = Sentence(id_, text, (), span)
    assert type(made) is Sentence
    assert made == usual and hash(made) == hash(usual)
    assert repr(made) == repr(usual)
    assert dataclasses.astuple(made) == dataclasses.astuple(usual)
    assert made.span == span  # not compared: checked by itself
    assert pickle.loads(pickle.dumps(made)) == usual


def test_a_value_made_at_once_stays_frozen_and_nests() -> None:
    sentence = made_at_once(Sentence, {"id": "p1-s1", "text": "A.", "marks": (), "span": None})
    paragraph = made_at_once(
        Paragraph, {"id": "p1", "sentences": (sentence,), "num": None, "span": (0, 2)}
    )
    assert paragraph == Paragraph("p1", (Sentence("p1-s1", "A."),), None, (0, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        paragraph.num = "1"  # type: ignore[misc]
    op = made_at_once(
        Op, {"op": "insert", "text": "never ", "a_start": None, "b_start": 5, "ignored": False}
    )
    assert op == Op("insert", "never ", None, 5, False)
