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

from typing import TYPE_CHECKING, Any, Literal, TypeVar

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
    made by the thousand in a long diff (sentences, paragraphs, ops, graded units) are made with
    this instead. Equality, hashing, pickling and ``repr`` are the class's own."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made


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
