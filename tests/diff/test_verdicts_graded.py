"""``verdicts._graded`` copies a unit with its strength fields set in one step: the same
unit as ``dataclasses.replace`` makes, which holds only while ``Unit`` is a plain frozen
dataclass."""

from __future__ import annotations

import pickle
from dataclasses import fields, replace

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare
from drafting.diff.report import Unit
from drafting.diff.verdicts import _graded, strength_hook
from drafting.inputs import side_from_string


def test_unit_is_a_plain_frozen_dataclass() -> None:
    """What ``_graded`` relies on: nothing runs after the fields are set, and they live in
    the instance's ``__dict__``."""
    assert "__post_init__" not in dir(Unit)
    assert not hasattr(Unit, "__slots__")


def test_a_graded_unit_is_what_replace_makes() -> None:
    # constructed clauses: a modal weakened, a hedge added, a sentence added
    a = "Article 1\nThe Parties shall consult.\n\nArticle 2\nEach Party may withdraw.\n"
    b = (
        "Article 1\nThe Parties should consult, as appropriate.\n\n"
        "Article 2\nEach Party may withdraw. Each Party shall notify the depositary.\n"
    )
    side_a, side_b = side_from_string(a, name="a"), side_from_string(b, name="b")
    report = compare(side_a, side_b, DiffOptions(), strength=strength_hook())
    graded = [u for u in report.units if u.strength is not None]
    assert len(graded) == 2
    for unit in graded:
        found = {
            "strength": unit.strength,
            "strength_marks": unit.strength_marks,
            "strength_sentences": unit.strength_sentences,
            "role": "preamble",
        }
        bare = replace(unit, strength=None, strength_marks=(), strength_sentences=())
        made, expected = _graded(bare, found), replace(bare, **found)
        assert made == expected and type(made) is Unit
        assert list(vars(made).items()) == list(vars(expected).items())
        assert [f.name for f in fields(made)] == list(vars(made))
        assert pickle.loads(pickle.dumps(made)) == expected
        assert bare.strength is None  # the unit it was made from is left as it was
