"""Pure edits of a clause value: add a party, a draft or an amendment, refusing to clobber.

The commands ``new``, ``draft add`` and ``amend`` are thin shells over these: read the file,
edit the value here, validate, write atomically. Nothing here touches files.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from drafting.amend.brackets import with_brackets
from drafting.errors import DraftingError
from drafting.model import Amendment, Clause, Draft, Party, Sentence, Source

ID_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._\-]*$")
"""The id syntax of schemas/common.xsd (checked here too, to say which option is wrong)."""


def check_id(value: str, what: str) -> str:
    if not ID_PATTERN.match(value):
        raise DraftingError(
            f"{what} {value!r} is not a valid id (ASCII letters, digits, '.', '_', '-')"
        )
    return value


def new_clause(
    clause_id: str, title: str, language: str = "en", parties: Sequence[Party] = ()
) -> Clause:
    """An empty clause: a title and parties, no drafts yet."""
    check_id(clause_id, "clause id")
    if not title.strip():
        raise DraftingError("a clause needs a non-empty --title")
    ids = [p.id for p in parties]
    for party in parties:
        check_id(party.id, "party id")
        if ids.count(party.id) > 1:
            raise DraftingError(f"party {party.id!r} is given twice")
    return Clause(
        id=clause_id,
        title=" ".join(title.split()),
        parties=tuple(parties),
        sources=(),
        drafts=(),
        title_language=language,
    )


def ensure_party(clause: Clause, party_id: str, name: str | None) -> Clause:
    """The clause with ``party_id`` declared, adding it when a ``name`` is given."""
    known = {p.id: p for p in clause.parties}
    if party_id in known:
        if name and name != known[party_id].name:
            raise DraftingError(
                f"party {party_id!r} is already declared as {known[party_id].name!r}"
            )
        return clause
    if not name:
        declared = ", ".join(sorted(known)) or "none"
        raise DraftingError(
            f"party {party_id!r} is not declared in clause {clause.id} (declared: {declared}); "
            "give its name with --party-name to add it"
        )
    check_id(party_id, "party id")
    return replace(clause, parties=(*clause.parties, Party(party_id, name)))


def sentences_from_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[Sentence, ...]:
    """Sentences s1, s2, … from a text and the spans the sentence splitter found."""
    pieces = [" ".join(text[a:b].split()) for a, b in spans]
    return tuple(
        with_brackets(Sentence(f"s{i}", piece, span=span))
        for i, (piece, span) in enumerate(zip(pieces, spans, strict=True), start=1)
        if piece
    )


def add_draft(clause: Clause, draft: Draft) -> Clause:
    """The clause with ``draft`` appended; refuses a duplicate id or a dangling reference."""
    check_id(draft.id, "draft id")
    if clause.draft(draft.id) is not None:
        raise DraftingError(f"clause {clause.id} already has a draft {draft.id!r}")
    if not draft.sentences:
        raise DraftingError(f"draft {draft.id} has no text")
    if draft.party not in {p.id for p in clause.parties}:
        raise DraftingError(f"party {draft.party!r} is not declared in clause {clause.id}")
    for label, ref in (("supersedes", draft.supersedes), ("responds-to", draft.responds_to)):
        if ref is not None and clause.draft(ref) is None:
            raise DraftingError(f"--{label} {ref!r}: clause {clause.id} has no such draft")
    if draft.supersedes is not None:
        earlier = clause.draft(draft.supersedes)
        if earlier is not None and earlier.party != draft.party:
            raise DraftingError(
                f"--supersedes {draft.supersedes!r}: that draft is by {earlier.party}, not "
                f"{draft.party}; a draft answering another party uses --responds-to"
            )
    if draft.source is not None and draft.source not in {s.id for s in clause.sources}:
        raise DraftingError(f"--source {draft.source!r}: clause {clause.id} has no such source")
    return replace(clause, drafts=(*clause.drafts, draft))


def add_amendment(clause: Clause, amendment: Amendment) -> Clause:
    """The clause with ``amendment`` appended; refuses a duplicate id."""
    check_id(amendment.id, "amendment id")
    if any(a.id == amendment.id for a in clause.amendments):
        raise DraftingError(f"clause {clause.id} already has an amendment {amendment.id!r}")
    if clause.draft(amendment.target) is None:
        raise DraftingError(f"clause {clause.id} has no draft {amendment.target!r} to amend")
    return replace(clause, amendments=(*clause.amendments, amendment))


def free_id(taken: Collection[str], stem: str) -> str:
    """``stem`` if unused, else ``stem-2``, ``stem-3``, …"""
    used = taken if isinstance(taken, (set, frozenset)) else set(taken)
    if stem not in used:
        return stem
    n = 2
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def numbered_id(taken: Collection[str], stem: str) -> str:
    """The first of ``stem1``, ``stem2``, … that is unused."""
    used = taken if isinstance(taken, (set, frozenset)) else set(taken)
    n = 1
    while f"{stem}{n}" in used:
        n += 1
    return f"{stem}{n}"


def draft_ids(clause: Clause) -> list[str]:
    return [d.id for d in clause.drafts]


def amendment_ids(clause: Clause) -> list[str]:
    return [a.id for a in clause.amendments]


def set_draft_status(clause: Clause, draft_id: str, status: str, date: str | None = None) -> Clause:
    """The clause with one draft's status (and, if given, its date) changed."""
    draft = clause.draft(draft_id)
    if draft is None:
        known = ", ".join(draft_ids(clause)) or "none"
        raise DraftingError(f"no draft {draft_id!r} (drafts: {known})")
    changed = replace(draft, status=status, date=date or draft.date)
    return replace(clause, drafts=tuple(changed if d.id == draft_id else d for d in clause.drafts))


AMENDMENT_ACTIONS = {"withdraw": "withdrawn", "reject": "rejected", "accept": "agreed"}
"""``drafting amendment ACTION`` -> the status it records."""


def set_amendment_status(
    clause: Clause, amendment_id: str, status: str, date: str | None = None
) -> Clause:
    """The clause with one amendment's status changed. A withdrawn or rejected amendment
    stays so: record a new amendment instead."""
    amendment = next((a for a in clause.amendments if a.id == amendment_id), None)
    if amendment is None:
        known = ", ".join(amendment_ids(clause)) or "none"
        raise DraftingError(f"no amendment {amendment_id!r} (amendments: {known})")
    if amendment.status in ("withdrawn", "rejected") and status != amendment.status:
        raise DraftingError(
            f"amendment {amendment_id} was {amendment.status}; record a new amendment instead"
        )
    changed = replace(amendment, status=status, date=date or amendment.date)
    return replace(
        clause,
        amendments=tuple(changed if a.id == amendment_id else a for a in clause.amendments),
    )


def add_source(clause: Clause, source: Source) -> Clause:
    """The clause with one more declared source; refuses a duplicate id."""
    check_id(source.id, "source id")
    if any(s.id == source.id for s in clause.sources):
        raise DraftingError(f"clause {clause.id} already has a source {source.id!r}")
    if not source.citation.strip():
        raise DraftingError("a source needs a citation (the text that says where it was published)")
    return replace(clause, sources=(*clause.sources, source))
