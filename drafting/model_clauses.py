"""Plain data of clause files and listings: parties, sources, drafts, amendments, merge
conflicts, clauses, and what ``drafting ls`` lists. Frozen dataclasses, as in
``drafting.model``, which imports them from here on first use: import them from there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from drafting.model import ConflictKind, Document, OperationKind, Sentence


@dataclass(frozen=True)
class Mark:
    """An inline element inside a sentence, stored as a range over the sentence's plain text.

    ``<s>We <term rule="C1">will</term> act.</s>`` is ``Sentence(text="We will act.",
    marks=(Mark(3, 7, "term", (("rule", "C1"),)),))``. Marks may nest but never cross.
    """

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Party:
    id: str
    name: str


@dataclass(frozen=True)
class Source:
    """Where a text was published. ``citation`` is the human-readable reference."""

    id: str
    citation: str
    date: str | None = None
    href: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Draft:
    """One party's wording of a clause at one moment.

    ``supersedes`` names the same party's earlier draft; ``responds_to`` the other side's text
    this draft answers. They are separate lineages and both are kept.
    """

    id: str
    party: str
    status: str
    date: str
    language: str
    instrument: str
    sentences: tuple[Sentence, ...]
    source: str | None = None
    supersedes: str | None = None
    responds_to: str | None = None
    note: str | None = None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Operation:
    """One amending operation on a sentence of the target draft.

    - substitute: replace ``old`` (text in sentence ``at``) with ``new``.
    - insert: put ``new`` into sentence ``at`` after (or before) ``anchor``; with no anchor and
      ``new_id`` set, insert ``new`` as a whole new sentence after (or before) sentence ``at``.
    - delete: remove ``old`` from sentence ``at``; if ``old`` is the whole sentence, the
      sentence goes.
    """

    kind: OperationKind
    at: str
    old: str | None = None
    new: str | None = None
    anchor: str | None = None
    position: Literal["after", "before"] = "after"
    new_id: str | None = None


@dataclass(frozen=True)
class Amendment:
    id: str
    party: str
    target: str
    operations: tuple[Operation, ...]
    result: str | None = None
    status: str = "proposed"
    date: str | None = None


Item = Party | Source | Draft | Amendment
"""What a clause keeps as a set keyed by id, and what a merge conflict can be about."""


@dataclass(frozen=True)
class Conflict:
    """An item two branches changed differently, left by the merge driver for a person.

    The clause holds one version in place (``ours`` unless it was gone there, or the common
    version when a deletion would have broken a reference); ``base``, ``ours`` and ``theirs``
    hold each side's version (None: absent on that side). ``after`` is the id of the item of
    the same kind it follows, so a resolution can put back an item that is not in place.
    ``drafting resolve`` settles it; ``drafting validate`` reports it until then.
    """

    kind: ConflictKind
    id: str
    base: Item | None
    ours: Item | None
    theirs: Item | None
    after: str | None = None


@dataclass(frozen=True)
class Clause:
    """One negotiated clause with every party's drafts of it (one clause file)."""

    id: str
    title: str
    parties: tuple[Party, ...]
    sources: tuple[Source, ...]
    drafts: tuple[Draft, ...]
    amendments: tuple[Amendment, ...] = ()
    title_language: str = "en"
    conflicts: tuple[Conflict, ...] = ()

    def draft(self, draft_id: str) -> Draft | None:
        return next((d for d in self.drafts if d.id == draft_id), None)


@dataclass(frozen=True)
class DraftEntry:
    """A draft as ``drafting ls`` lists it: with its strength tier (None: not graded)."""

    draft: Draft
    tier: int | None
    polarity: str | None


@dataclass(frozen=True)
class FileEntry:
    """One listed file: its clause (with graded drafts) or document, or why it is unreadable."""

    path: str
    value: Clause | Document | None
    drafts: tuple[DraftEntry, ...] = ()
    problem: str | None = None


@dataclass(frozen=True)
class Listing:
    """``drafting ls`` of one file, or the index of a folder."""

    path: str
    folder: bool
    files: tuple[FileEntry, ...]
