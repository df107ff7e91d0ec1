"""``model.frozen_value``: a value class made with it behaves as the same class made with
``dataclass(frozen=True)``: equal and unequal in the same cases, the same hash values, the
same ``repr``, frozen, and a dataclass to ``fields``/``replace``. Each class it makes is held
to a twin made by ``dataclasses`` from the same fields."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.model import _value_eq, frozen_value, made_at_once

MODULES = (
    "drafting.diff.options",
    "drafting.diff.report",
    "drafting.diff.sides",
    "drafting.inputs",
    "drafting.strength.lexicon",
    "drafting.strength.result",
    "drafting.text.hidden",
)


def _made_with_frozen_value() -> list[type]:
    found = []
    for name in MODULES:
        for item in vars(importlib.import_module(name)).values():
            if isinstance(item, type) and item.__module__ == name and item.__eq__ is _value_eq:
                found.append(item)
    return found


CLASSES = _made_with_frozen_value()


def _twin(cls: type) -> type:
    """The class ``dataclass(frozen=True)`` makes of ``cls``'s fields (same name and
    qualified name, same compare/hash/repr settings, no defaults: values are given)."""
    specs = [
        (f.name, Any, dataclasses.field(compare=f.compare, hash=f.hash, repr=f.repr))
        for f in dataclasses.fields(cls)
    ]
    twin = dataclasses.make_dataclass(cls.__name__, specs, frozen=True)
    twin.__qualname__ = cls.__qualname__
    return twin


FIELD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 2),
    st.floats(allow_nan=True),
    st.text(max_size=3),
    st.tuples(st.integers(0, 2), st.text(max_size=2)),
)


def test_the_values_made_at_start_up_are_made_with_it() -> None:
    names = {cls.__qualname__ for cls in CLASSES}
    assert {"Op", "Unit", "DiffReport", "Side", "DiffOptions", "Term", "Entry"} <= names


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
@settings(max_examples=40)
@given(data=st.data())
def test_a_value_compares_hashes_and_prints_as_its_dataclass_twin(cls: type, data) -> None:
    twin = _twin(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    first = {name: data.draw(FIELD_VALUES) for name in names}
    second = {
        name: (first[name] if data.draw(st.booleans()) else data.draw(FIELD_VALUES))
        for name in names
    }
    ours = made_at_once(cls, dict(first)), made_at_once(cls, dict(second))
    theirs = made_at_once(twin, dict(first)), made_at_once(twin, dict(second))
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert (ours[0] != ours[1]) == (theirs[0] != theirs[1])
    assert hash(ours[0]) == hash(theirs[0]) and hash(ours[1]) == hash(theirs[1])
    assert repr(ours[0]) == repr(theirs[0])
    assert ours[0].__eq__(theirs[0]) is NotImplemented  # another class, as the generated one


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_a_value_stays_a_frozen_dataclass(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    value = made_at_once(cls, dict.fromkeys(names, 1))
    assert dataclasses.is_dataclass(value)
    for name in (names[0], "not_a_field"):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(value, name, 2)
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(value, name)
    assert vars(value) == dict.fromkeys(names, 1)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__qualname__)
def test_a_value_is_made_as_its_dataclass_twin_makes_it(cls: type) -> None:
    theirs = dataclasses.make_dataclass(
        cls.__name__,
        [(f.name, Any, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)],
        frozen=True,
    )
    ours_parameters = inspect.signature(cls).parameters
    assert [(p.name, p.default, p.kind) for p in ours_parameters.values()] == [
        (p.name, p.default, p.kind) for p in inspect.signature(theirs).parameters.values()
    ]
    if hasattr(cls, "__post_init__"):
        return  # (its checks want real values)
    given = [f"value {i}" for i, p in enumerate(ours_parameters.values()) if p.default is p.empty]
    assert vars(cls(*given)) == vars(theirs(*given))
    assert list(vars(cls(*given))) == [f.name for f in dataclasses.fields(cls)]
    if given:
        with pytest.raises(TypeError, match="missing"):
            cls()
    with pytest.raises(TypeError, match="unexpected keyword"):
        cls(*given, not_a_field=1)
    assert dataclasses.replace(cls(*given)) == cls(*given)


def test_a_value_with_post_init_checks_runs_them() -> None:
    @frozen_value()
    class Checked:
        share: float = 0.5

        def __post_init__(self) -> None:
            if not 0 <= self.share <= 1:
                raise ValueError("share must be between 0 and 1")

    assert Checked().share == 0.5 and Checked(1).share == 1
    with pytest.raises(ValueError, match="between"):
        Checked(2)


def test_fields_left_out_of_comparison_or_repr_are_left_out_of_them() -> None:
    @frozen_value()
    class Constructed:
        kept: int
        span: tuple[int, int] | None = dataclasses.field(default=None, compare=False)
        note: str = dataclasses.field(default="", repr=False)

    a, b = Constructed(1, (0, 1), "x"), Constructed(1, (5, 9), "x")
    assert a == b and hash(a) == hash(b)
    assert Constructed(1, None, "x") != Constructed(1, None, "y")  # not shown, but compared
    assert repr(a) == f"{Constructed.__qualname__}(kept=1, span=(0, 1))"
    assert dataclasses.replace(a, kept=2) == Constructed(2, None, "x")
    assert Constructed(1) != Constructed(2)


def test_a_value_that_holds_itself_prints_without_recursing() -> None:
    @frozen_value()
    class Box:
        items: list[Any]

    box = Box([])
    box.items.append(box)
    assert repr(box).endswith("Box(items=[...])")


@given(FIELD_VALUES, FIELD_VALUES)
def test_values_of_one_field_and_of_none_hash_and_compare_as_dataclasses_do(x, y) -> None:
    @frozen_value()
    class One:
        only: Any

    @frozen_value()
    class Nothing:
        pass

    one = _twin(One)
    assert hash(One(x)) == hash(one(x))
    assert (One(x) == One(y)) == (one(x) == one(y))
    assert hash(Nothing()) == hash(_twin(Nothing)()) and Nothing() == Nothing()
