"""The result classes build in one step (``model.frozen_value``) and keep the contract of
a frozen dataclass: same parameters and defaults, frozen, equal and hashable by value."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from drafting.strength import analyse
from drafting.strength.result import Modifier, StrengthChange, StrengthResult, Term, TermChange

CLASSES = [Term, Modifier, StrengthResult, TermChange, StrengthChange]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_parameters_and_defaults_are_the_fields(cls: type) -> None:
    parameters = list(inspect.signature(cls).parameters.values())
    assert [p.name for p in parameters] == [f.name for f in dataclasses.fields(cls)]
    for parameter, item in zip(parameters, dataclasses.fields(cls), strict=True):
        expected = inspect.Parameter.empty if item.default is dataclasses.MISSING else item.default
        assert parameter.default == expected


def test_built_values_are_frozen_equal_and_hashable() -> None:
    # the seed's wording (shared/strength-scale.md worked example)
    result = analyse(
        "Ukraine and Georgia will never become a member of NATO.",
        language="en",
        instrument="political-declaration",
    )
    term = result.terms[0]
    assert list(vars(term)) == [f.name for f in dataclasses.fields(Term)]
    assert term == dataclasses.replace(term) and hash(term) == hash(dataclasses.replace(term))
    copy = dataclasses.replace(result)
    assert result == copy and hash(result) == hash(copy)
    with pytest.raises(dataclasses.FrozenInstanceError):
        term.text = "shall"  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing"):
        Term("shall", 0, 5)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword"):
        Modifier("if", 0, 2, colour="red")  # type: ignore[call-arg]
    assert Modifier("if", 0, 2).counted is True  # a default
