"""Plain data passed between the layers: clauses, drafts, amendments and whole documents.

Nothing here reads files or knows XML. Every type is a frozen dataclass with tuples for
sequences, so values compare by content (``parse(write(x)) == x`` is testable) and can be
shared freely between the core and the edges.

Source offsets (``span``) are recorded when a text was imported from plain text, so a diff
can report character offsets in the input as read. They are not part of the XML and are
excluded from equality.

The values of a document (``Sentence``, ``Paragraph``, ``Article``, ``Document``) are
defined in ``drafting.model_document``, those of clause files and listings (``Clause``,
``Draft``, ``Amendment`` ...) in ``drafting.model_clauses``, and all are imported from here
(``from drafting.model import Clause``): each of the two modules is imported on the first
use of one of its names (start-up time: each frozen dataclass costs about half a
millisecond to create, and a diff of two text files makes none of those fifteen).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, Literal, TypeVar, dataclass_transform

if TYPE_CHECKING:  # (what ``__getattr__`` gives, for type checkers)
    from drafting.model_clauses import (
        Amendment,
        Clause,
        Conflict,
        Draft,
        DraftEntry,
        FileEntry,
        Item,
        Listing,
        Mark,
        Operation,
        Party,
        Source,
    )
    from drafting.model_document import Article, Document, Paragraph, Sentence

__all__ = [
    "INSTRUMENTS",
    "STATUSES",
    "Amendment",
    "Article",
    "Clause",
    "Conflict",
    "ConflictKind",
    "Document",
    "Draft",
    "DraftEntry",
    "FileEntry",
    "Item",
    "Listing",
    "Mark",
    "Operation",
    "OperationKind",
    "Paragraph",
    "Party",
    "Sentence",
    "Source",
    "Span",
]

Span = tuple[int, int]
"""``(start, end)`` character offsets into the text a value was read from."""

STATUSES: tuple[str, ...] = (
    "proposed",
    "counter-proposal",
    "bracketed",
    "agreed-ad-referendum",
    "agreed",
    "adopted",
    "rejected",
    "withdrawn",
)

INSTRUMENTS: tuple[str, ...] = (
    "treaty",
    "draft-treaty",
    "political-declaration",
    "political-agreement",
    "memorandum",
    "mou",
    "communique",
    "statement",
    "un-sc-resolution",
    "un-ga-resolution",
    "negotiating-draft",
)

OperationKind = Literal["substitute", "insert", "delete"]
ConflictKind = Literal["party", "source", "draft", "amendment"]


_CLAUSE_VALUES = frozenset(
    (
        "Mark",
        "Party",
        "Source",
        "Draft",
        "Operation",
        "Amendment",
        "Item",
        "Conflict",
        "Clause",
        "DraftEntry",
        "FileEntry",
        "Listing",
    )
)


_Frozen = TypeVar("_Frozen")


def made_at_once(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    """``cls(**fields)`` for a frozen dataclass without slots or ``__post_init__``, its
    fields set in one step (``fields``: every field, in the class's order). The generated
    ``__init__`` of a frozen dataclass sets each field through ``object.__setattr__``; values
    made by the thousand in a long diff (sentences, paragraphs, graded units) are made with
    this instead. Equality, hashing, pickling and ``repr`` are the class's own. (A class made
    by ``frozen_value`` needs none of this: its own ``__init__`` stores its fields in one step.)"""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made


@dataclass_transform(frozen_default=True)
def frozen_value() -> Callable[[type[_Frozen]], type[_Frozen]]:
    """``dataclass(frozen=True)`` for the values every run of a command makes the classes of
    (the diff's report, sides and options, the strength results, lexicon entries): a frozen
    dataclass (``fields``, ``replace``, ``asdict``, pickling; assigning or deleting a field
    raises ``FrozenInstanceError``) whose methods are made without ``dataclasses`` compiling
    six of them for each class, which cost about 4 M instructions a class at start-up, on
    the serial path of a diff:

    - ``__eq__``, ``__hash__``, ``__repr__``, ``__setattr__`` and ``__delattr__`` are shared
      by all such classes and give what the generated ones give (hash values included);
    - ``__init__`` is compiled here, once, as a shorter function with the same signature
      (so the same errors for a missing or unknown argument) that stores every field in one
      step (the generated one sets each through ``object.__setattr__``: for the terms and
      results made for every clause analysed, that was about 5% of ``analyse()``), then
      calls ``__post_init__`` if the class has one.

    Fields with a default factory, keyword-only or ``init=False`` fields and ``InitVar`` are
    not supported (none of these values has one). ``dataclasses.fields`` sees the class as
    made with ``eq=False, repr=False`` (``__dataclass_params__``), which it does not
    otherwise read. ``tests/test_model_frozen_value.py`` holds each such class to a twin
    made by ``dataclass(frozen=True)``."""

    def make(cls: type[_Frozen]) -> type[_Frozen]:
        made = dataclass(init=False, repr=False, eq=False)(cls)  # the fields: nothing compiled
        found = fields(made)  # type: ignore[arg-type]
        compared = [f.name for f in found if f.compare]
        hashed = [f.name for f in found if (f.compare if f.hash is None else f.hash)]
        made._value_class = made  # type: ignore[attr-defined]
        made._value_names = frozenset(f.name for f in found)  # type: ignore[attr-defined]
        made._value_compared = _fields_tuple(compared)  # type: ignore[attr-defined]
        made._value_hashed = _fields_tuple(hashed)  # type: ignore[attr-defined]
        made._value_shown = tuple(f.name for f in found if f.repr)  # type: ignore[attr-defined]
        made.__init__ = _one_step_init(made, found)  # type: ignore[misc]
        made.__eq__ = _value_eq  # type: ignore[assignment,method-assign]
        made.__hash__ = _value_hash  # type: ignore[assignment,method-assign]
        made.__repr__ = _value_repr  # type: ignore[assignment,method-assign]
        made.__setattr__ = _value_setattr  # type: ignore[assignment,method-assign]
        made.__delattr__ = _value_delattr  # type: ignore[assignment,method-assign]
        return made

    return make


def _one_step_init(cls: type, found: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` of ``frozen_value``: the dataclass's signature, fields stored at once."""
    params, names = [], []
    defaults: dict[str, Any] = {}
    for item in found:
        if item.default_factory is not MISSING or item.kw_only or not item.init:
            raise TypeError(f"{cls.__name__}.{item.name}: not supported by frozen_value")
        names.append(item.name)
        if item.default is MISSING:
            params.append(item.name)
        else:
            defaults[item.name] = item.default
            params.append(f"{item.name}=_defaults[{item.name!r}]")
    stored = ", ".join(f"{name!r}: {name}" for name in names)
    after = "\n    self.__post_init__()" if hasattr(cls, "__post_init__") else ""
    source = (
        f"def __init__(self, {', '.join(params)}):\n"
        f"    _set(self, '__dict__', {{{stored}}}){after}\n"
    )
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_defaults": defaults}
    exec(source, namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _fields_tuple(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these fields of a value, as the generated methods build it."""
    if len(names) > 1:
        return attrgetter(*names)  # (in C)
    if names:
        one = attrgetter(names[0])
        return lambda value: (one(value),)
    return lambda value: ()


def _value_eq(self: Any, other: Any) -> Any:
    if other.__class__ is self.__class__:
        compared = self.__class__._value_compared
        return compared(self) == compared(other)
    return NotImplemented


def _value_hash(self: Any) -> int:
    return hash(self.__class__._value_hashed(self))


def _value_setattr(self: Any, name: str, value: Any) -> None:
    cls = self.__class__._value_class
    if type(self) is cls or name in cls._value_names:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")
    super(cls, self).__setattr__(name, value)


def _value_delattr(self: Any, name: str) -> None:
    cls = self.__class__._value_class
    if type(self) is cls or name in cls._value_names:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
    super(cls, self).__delattr__(name)


@recursive_repr()
def _value_repr(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__class__._value_shown)
    return f"{self.__class__.__qualname__}({shown})"


_DOCUMENT_VALUES = frozenset(("Sentence", "Paragraph", "Article", "Document"))


def __getattr__(name: str) -> Any:
    """The values defined in ``drafting.model_clauses`` and ``drafting.model_document``,
    imported on first use (see the module docstring)."""
    if name in _CLAUSE_VALUES:
        from drafting import model_clauses  # start-up time: see the module docstring

        return getattr(model_clauses, name)
    if name in _DOCUMENT_VALUES:
        from drafting import model_document  # start-up time: see the module docstring

        value = getattr(model_document, name)
        globals()[name] = value  # found directly from now on (importers use it by the thousand)
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
