"""Plain data passed between the layers: clauses, drafts, amendments and whole documents.

Nothing here reads files or knows XML. Every type is a frozen dataclass with tuples for
sequences, so values compare by content (``parse(write(x)) == x`` is testable) and can be
shared freely between the core and the edges.

Source offsets (``span``) are recorded when a text was imported from plain text, so a diff
can report character offsets in the input as read. They are not part of the XML and are
excluded from equality.

The values of a plain-text or Markdown document (``Sentence``, ``Paragraph``, ``Article``,
``Document``) are defined here. Those of clause files and listings (``Clause``, ``Draft``,
``Amendment`` ...) are defined in ``drafting.model_clauses`` and imported from here as well
(``from drafting.model import Clause``): that module is imported on the first use of one of
its names (start-up time: each frozen dataclass costs about half a millisecond to create,
and a diff of two text files makes none of those eleven).
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    marks: tuple[Mark, ...] = ()
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Paragraph:
    id: str
    sentences: tuple[Sentence, ...]
    num: str | None = None
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Article:
    """An article of a draft treaty. ``label`` is the heading line as written ("Article 51",
    "Статья 4"), ``num`` its normalised number ("51", "4"), ``heading`` its title if any."""

    id: str
    paragraphs: tuple[Paragraph, ...]
    num: str | None = None
    label: str | None = None
    heading: str | None = None
    span: Span | None = field(default=None, compare=False)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def display_label(self) -> str | None:
        """The label to show: as written, else "Article NUM" (English, as our docs and
        reports are), else None for an unnumbered, unlabelled article."""
        return self.label or (f"Article {self.num}" if self.num else None)


@dataclass(frozen=True)
class Document:
    """A whole draft treaty: one party's text, as articles of paragraphs of sentences."""

    id: str
    title: str
    articles: tuple[Article, ...]
    preamble: tuple[Paragraph, ...] = ()
    party: str | None = None
    date: str | None = None
    language: str = "en"
    instrument: str = "draft-treaty"
    source: Source | None = None

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        pre = tuple(s for p in self.preamble for s in p.sentences)
        return pre + tuple(s for a in self.articles for s in a.sentences)


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
    made by the thousand in a long diff (sentences, tokens, ops, graded units) are made with
    this instead. Equality, hashing, pickling and ``repr`` are the class's own."""
    made = object.__new__(cls)
    object.__setattr__(made, "__dict__", fields)
    return made


def __getattr__(name: str) -> Any:
    """The values defined in ``drafting.model_clauses``, imported on first use (see the
    module docstring)."""
    if name in _CLAUSE_VALUES:
        from drafting import model_clauses  # start-up time: see the module docstring

        return getattr(model_clauses, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
