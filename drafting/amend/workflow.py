"""The ``drafting amend`` workflow as one pure call: a request in, the edited clause out.

It lived in the command; here it can be used from Python and tested without a terminal.
Rules it adds on top of :mod:`drafting.amend.operations`:

- the amendment's date defaults to *today* (given by the caller), not to the target's date:
  an amendment made in 2024 to a 2022 draft is dated 2024;
- a recorded amendment that was rejected or withdrawn is never applied, and one already
  applied to its target is not applied again (that duplicated the draft): both are refused
  naming the draft it gave;
- the resulting draft may take its own instrument (a statement answering a declaration).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from drafting.amend.clauseedit import (
    add_amendment,
    add_draft,
    amendment_ids,
    draft_ids,
    ensure_party,
    free_id,
    numbered_id,
)
from drafting.amend.operations import apply_amendment, apply_operations, sentence_containing
from drafting.errors import DraftingError
from drafting.model import Amendment, Clause, Document, Draft, Operation, Paragraph, Sentence

CLOSED = ("rejected", "withdrawn")
"""Statuses of an amendment that may no longer be applied."""


@dataclass(frozen=True)
class Requested:
    """The operations asked for on the command line, before they are placed."""

    at: str | None = None
    replace: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    insert: str | None = None
    after: str | None = None
    before: str | None = None
    after_sentence: str | None = None
    before_sentence: str | None = None
    delete: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.replace or self.with_ or self.insert is not None or self.delete)


@dataclass(frozen=True)
class AmendRequest:
    """Every knob of one ``amend``: what to change, who, when, and whether to apply it."""

    today: str
    target: str | None = None
    party: str | None = None
    party_name: str | None = None
    operations: Requested = field(default_factory=Requested)
    amendment_id: str | None = None
    date: str | None = None
    status: str = "proposed"
    apply: bool = False
    result_id: str | None = None
    result_instrument: str | None = None
    recorded: str | None = None


@dataclass(frozen=True)
class AmendOutcome:
    clause: Clause  # the clause to write (unchanged when nothing is to be written)
    amendment: Amendment
    target: Draft
    result: Draft | None
    changed: bool  # whether the clause needs writing


def build_operations(target: Draft, req: Requested) -> tuple[Operation, ...]:
    """Operations from the options; each finds its sentence unless ``at`` names it."""
    if len(req.replace) != len(req.with_):
        raise DraftingError(
            f"--replace was given {len(req.replace)} times but --with {len(req.with_)} times; "
            "pair each --replace OLD with one --with NEW"
        )
    places = [req.after, req.before, req.after_sentence, req.before_sentence]
    given = sum(p is not None for p in places)
    if req.insert is not None and given != 1:
        raise DraftingError(
            "--insert needs exactly one of --after ANCHOR, --before ANCHOR, "
            "--after-sentence ID, --before-sentence ID"
        )
    if req.insert is None and given:
        raise DraftingError("--after/--before/--after-sentence/--before-sentence go with --insert")

    def where(text: str) -> str:
        return req.at or sentence_containing(target, text)

    operations = [
        Operation("substitute", where(old), old=old, new=new)
        for old, new in zip(req.replace, req.with_, strict=True)
    ]
    if req.insert is not None:
        position: Literal["after", "before"] = (
            "after" if req.after is not None or req.after_sentence is not None else "before"
        )
        sentence = req.after_sentence or req.before_sentence
        if sentence is not None:
            new_id = numbered_id([s.id for s in target.sentences], "s")
            operations.append(
                Operation("insert", sentence, new=req.insert, position=position, new_id=new_id)
            )
        else:
            anchor = req.after if req.after is not None else req.before
            assert anchor is not None
            operations.append(
                Operation("insert", where(anchor), new=req.insert, anchor=anchor, position=position)
            )
    operations.extend(Operation("delete", where(old), old=old) for old in req.delete)
    if not operations:
        raise DraftingError("nothing to do: give --replace/--with, --insert, or --delete")
    return tuple(operations)


def _recorded(clause: Clause, request: AmendRequest) -> Amendment:
    amendment = next((a for a in clause.amendments if a.id == request.recorded), None)
    if amendment is None:
        known = ", ".join(a.id for a in clause.amendments) or "none"
        raise DraftingError(f"no amendment {request.recorded!r} (amendments: {known})")
    if request.operations.any:
        raise DraftingError("--amendment uses the recorded operations; give no others")
    if request.apply and amendment.status in CLOSED:
        raise DraftingError(
            f"amendment {amendment.id} was {amendment.status}; a {amendment.status} "
            "amendment is not applied"
            + (f" (it had given draft {amendment.result})" if amendment.result else "")
        )
    target = request.target or amendment.target
    if (
        request.apply
        and target == amendment.target
        and amendment.result
        and clause.draft(amendment.result) is not None
    ):
        raise DraftingError(
            f"amendment {amendment.id} is already applied to {target}: "
            f"it gave draft {amendment.result}"
        )
    return amendment


def amend_clause(clause: Clause, request: AmendRequest) -> AmendOutcome:
    """Record (and with ``apply``, apply) an amendment; or try a recorded one."""
    recorded = _recorded(clause, request) if request.recorded is not None else None
    target_id = request.target or (recorded.target if recorded else None)
    if target_id is None or (recorded is None and request.party is None):
        raise DraftingError("give --target DRAFT and --party P (or --amendment ID)")
    target = clause.draft(target_id)
    if target is None:
        known = ", ".join(draft_ids(clause)) or "none"
        raise DraftingError(f"no draft {target_id!r} (drafts: {known})")
    if recorded is None:
        assert request.party is not None
        clause = ensure_party(clause, request.party, request.party_name)
        operations = build_operations(target, request.operations)
        apply_operations(target, operations)  # every problem, before anything is decided
        amendment = Amendment(
            id=request.amendment_id or numbered_id(amendment_ids(clause), f"{request.party}-a"),
            party=request.party,
            target=target_id,
            operations=operations,
            status=request.status,
            date=request.date or request.today,
        )
        clause = add_amendment(clause, amendment)
    else:
        amendment = recorded
    result = None
    if request.apply or recorded is not None:
        stem = f"{amendment.party}-{amendment.date or request.today}"
        new_id = request.result_id or free_id(draft_ids(clause), stem)
        result = apply_amendment(
            target, amendment, result_id=new_id, instrument=request.result_instrument
        )
        if amendment.date is None:
            result = replace(result, date=request.today)
    if request.apply and result is not None:
        if amendment.result is None and target_id == amendment.target:
            amendment = replace(amendment, result=result.id)
            clause = replace(
                clause,
                amendments=tuple(
                    amendment if a.id == amendment.id else a for a in clause.amendments
                ),
            )
        clause = add_draft(clause, result)
    changed = recorded is None or request.apply
    return AmendOutcome(clause, amendment, target, result, changed)


ACCEPTED = ("agreed", "agreed-ad-referendum", "adopted")
"""Statuses of an amendment that count for the consolidated text."""


def consolidate(clause: Clause, draft_id: str) -> Draft:
    """A draft with every accepted amendment to it applied, in file order (``show
    --consolidated``); an accepted amendment that no longer applies is an error naming it."""
    draft = clause.draft(draft_id)
    if draft is None:
        known = ", ".join(draft_ids(clause)) or "none"
        raise DraftingError(f"no draft {draft_id!r} (drafts: {known})")
    for amendment in clause.amendments:
        if amendment.target == draft_id and amendment.status in ACCEPTED:
            draft = replace(draft, sentences=apply_operations(draft, amendment.operations))
    return draft


@dataclass(frozen=True)
class DocumentEdit:
    """A document amended in place, and the operations (for the instructions shown)."""

    document: Document
    operations: tuple[Operation, ...]
    before: Draft  # the document's sentences as one draft, to describe the operations


def document_draft(
    doc: Document,
    sentences: tuple[Sentence, ...] | None = None,
    draft_id: str | None = None,
    note: str | None = None,
) -> Draft:
    """Sentences of a document (all of them by default) as one draft with the document's
    party, date, language and instrument, so draft tools (operations, grading, history)
    work on documents too. Ids are unique in a document."""
    return Draft(
        id=draft_id or doc.id,
        party=doc.party or "",
        status="proposed",
        date=doc.date or "",
        language=doc.language,
        instrument=doc.instrument,
        sentences=doc.sentences if sentences is None else sentences,
        note=note,
    )


def address_sentences(doc: Document, address: str) -> tuple[Sentence, ...]:
    """The sentences an address names: a sentence id; ``preamble``; ``ART`` (an article's
    number), ``ART.PARA`` (its paragraph by number, else by position) or ``ART.PARA.N``
    (the N-th sentence); ``Article 4(2)`` is read as ``4.2``."""
    for sentence in doc.sentences:
        if sentence.id == address:
            return (sentence,)
    if address == "preamble":
        return tuple(s for p in doc.preamble for s in p.sentences)
    cleaned = address.strip()
    for word in ("Article", "article", "Art.", "art."):
        cleaned = cleaned.removeprefix(word).strip()
    cleaned = cleaned.replace("(", ".").replace(")", "")
    parts = [p for p in cleaned.split(".") if p]
    article = next((a for a in doc.articles if parts and a.num == parts[0]), None)
    if article is None:
        numbers = ", ".join(a.num or a.id for a in doc.articles)
        raise DraftingError(f"no article or sentence {address!r} (articles: {numbers})")
    if len(parts) == 1:
        return article.sentences
    paragraphs = article.paragraphs
    paragraph = next((p for p in paragraphs if p.num == parts[1]), None)
    if paragraph is None and parts[1].isdigit() and 0 < int(parts[1]) <= len(paragraphs):
        paragraph = paragraphs[int(parts[1]) - 1]
    if paragraph is None:
        raise DraftingError(f"{address!r}: article {article.num} has no paragraph {parts[1]}")
    if len(parts) == 2:
        return paragraph.sentences
    if not parts[2].isdigit() or not 0 < int(parts[2]) <= len(paragraph.sentences):
        raise DraftingError(f"{address!r}: that paragraph has {len(paragraph.sentences)} sentences")
    return (paragraph.sentences[int(parts[2]) - 1],)


def amend_document(doc: Document, requested: Requested, address: str | None) -> DocumentEdit:
    """Edit a document in place: the operations are found within ``address`` (the whole
    document when None) and applied like an amendment's; new sentences join the paragraph
    of the sentence they follow."""
    whole = document_draft(doc)
    scope = whole
    if address is not None:
        scope = document_draft(doc, address_sentences(doc, address))
        if len(scope.sentences) == 1 and requested.at is None:
            requested = replace(requested, at=scope.sentences[0].id)
    operations = tuple(_document_ids(doc, op) for op in build_operations(scope, requested))
    result = apply_operations(whole, operations)
    return DocumentEdit(_regroup(doc, result), operations, whole)


def _document_ids(doc: Document, operation: Operation) -> Operation:
    """A new sentence gets the document's id scheme: ``art-1-p3-s2`` next to ``art-1-p3-s1``."""
    if operation.new_id is None:
        return operation
    paragraph = next(
        p
        for p in (*doc.preamble, *(p for a in doc.articles for p in a.paragraphs))
        if any(s.id == operation.at for s in p.sentences)
    )
    taken = [s.id for s in doc.sentences]
    return replace(operation, new_id=numbered_id(taken, f"{paragraph.id}-s"))


def _regroup(doc: Document, result: tuple[Sentence, ...]) -> Document:
    """Put edited sentences back into the document's paragraphs, in the result's order."""
    home: dict[str, str] = {}
    for paragraph in (*doc.preamble, *(p for a in doc.articles for p in a.paragraphs)):
        for sentence in paragraph.sentences:
            home[sentence.id] = paragraph.id
    placed: dict[str, list[Sentence]] = {}
    previous: str | None = None
    pending: list[Sentence] = []
    for sentence in result:
        if sentence.id in home:
            previous = home[sentence.id]
            placed.setdefault(previous, []).extend(pending)  # new sentences before the first
            pending = []
            placed[previous].append(sentence)
        elif previous is not None:
            placed.setdefault(previous, []).append(sentence)
        else:
            pending.append(sentence)

    def rebuilt(paragraph: Paragraph) -> Paragraph:
        return replace(paragraph, sentences=tuple(placed.get(paragraph.id, ())))

    preamble = tuple(p for p in map(rebuilt, doc.preamble) if p.sentences)
    articles = tuple(
        replace(a, paragraphs=tuple(p for p in map(rebuilt, a.paragraphs) if p.sentences))
        for a in doc.articles
    )
    return replace(doc, preamble=preamble, articles=articles)
