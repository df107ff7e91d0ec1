"""A clause's timeline across commits: who proposed what, when, and how strong it was.

Two steps, kept apart so the first is cheap and the second is pure:

- :func:`load_versions` reads every committed version of one clause file with ONE ``git log``
  and ONE ``git cat-file --batch`` (not a subprocess per commit), and parses each version.
- :func:`timeline` compares each version with its parent version(s) in the commit graph (not
  with the commit listed before it, which on branched history is another branch's) and emits
  an :class:`Event` for every draft added, changed or removed, with its strength and the
  verdict against the text it follows: the same draft in the parent, else the draft it
  supersedes, else the draft it responds to. A merge is compared with each parent: against
  the first parent its events are what the merged branch brought, against the second what
  the first side brought. Strength fields are None for a draft the analyser cannot grade.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from drafting.amend.workflow import document_draft
from drafting.git.repo import Commit, file_graph, read_blobs
from drafting.model import Amendment, Clause, Document, Draft
from drafting.render.amendments import amendment_fields

if TYPE_CHECKING:
    from drafting.strength import StrengthResult

HISTORY_SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class Strength:
    """The strength fields the timeline reports for one draft text."""

    tier: int | None
    polarity: str | None
    score: float | None


@dataclass(frozen=True)
class Verdict:
    """A draft text against the one it follows."""

    verdict: str | None
    polarity_change: bool | None
    explanation: str | None


Analyse = Callable[[Draft], Strength]
Compare = Callable[[Draft, Draft], Verdict]


@dataclass(frozen=True)
class Version:
    """A clause (or document) file as committed; ``clause`` is None when it was deleted or
    unreadable. A document's articles are followed like a clause's drafts."""

    commit: Commit
    clause: Clause | Document | None
    problem: str | None = None


@dataclass(frozen=True)
class Event:
    """One draft added, changed or removed in one commit."""

    commit: Commit
    change: str  # added, changed, removed
    draft: Draft
    changed: tuple[str, ...] = ()  # which of text, status, date, metadata changed
    strength: Strength | None = None
    previous: tuple[str, str] | None = None  # (draft id, commit) the verdict is against
    verdict: Verdict | None = None
    parent: str | None = None  # the commit compared with (None: the file's first version)
    merge: bool = False  # the commit is a merge; ``parent`` says which side this is against
    item: str = "draft"  # draft, article (a document's, as a draft of its text) or amendment
    amendment: Amendment | None = None  # for an amendment event (``draft``: its target)


@dataclass(frozen=True)
class History:
    path: str
    events: tuple[Event, ...]
    skipped: tuple[Version, ...] = field(default=())


def load_versions(
    path: str,
    cwd: str | os.PathLike[str] = ".",
    parse: Callable[[bytes, str], Clause | Document] | None = None,
    *,
    first_parent: bool = False,
) -> list[Version]:
    """Every committed version of the clause file ``path``, oldest first (parents first)."""
    from drafting.errors import DraftingError  # start-up time

    if parse is None:
        from drafting.formats.clausexml import parse_xml_bytes as parse  # start-up time
    commits = file_graph(path, cwd, first_parent=first_parent)
    blobs = read_blobs([f"{c.sha}:{c.path}" for c in commits], cwd)
    versions: list[Version] = []
    for commit, blob in zip(commits, blobs, strict=True):
        if blob is None:
            versions.append(Version(commit, None))
            continue
        try:
            versions.append(Version(commit, parse(blob, f"{commit.sha[:12]}:{commit.path}")))
        except DraftingError as error:
            versions.append(Version(commit, None, str(error)))
    return versions


def _changed_fields(old: Draft, new: Draft) -> tuple[str, ...]:
    fields = []
    if old.sentences != new.sentences:
        fields.append("text")
    if old.status != new.status:
        fields.append("status")
    if old.date != new.date:
        fields.append("date")
    rest = ("party", "language", "instrument", "source", "supersedes", "responds_to", "note")
    if any(getattr(old, f) != getattr(new, f) for f in rest):
        fields.append("metadata")
    return tuple(fields)


def timeline(
    versions: Sequence[Version],
    analyse: Analyse | None = None,
    compare: Compare | None = None,
) -> tuple[tuple[Event, ...], tuple[Version, ...]]:
    """Events for every draft change across ``versions`` (parents before children), each
    version compared with its parent version(s); and the versions skipped as unreadable.

    An unreadable version is skipped (and reported); its children are compared with the
    nearest readable version before it on that line, so one bad commit hides nothing else.
    """
    events: list[Event] = []
    skipped: list[Version] = []
    readable: dict[str, Version] = {}  # sha -> the version to compare children with
    for version in versions:
        parents = [readable[p] for p in version.commit.parents if p in readable]
        if version.problem is not None:
            skipped.append(version)
            if parents:
                readable[version.commit.sha] = parents[0]
            continue
        readable[version.commit.sha] = version
        merge = len(parents) > 1
        for parent in parents or [None]:
            events.extend(_compare_versions(parent, version, merge, analyse, compare))
    return tuple(events), tuple(skipped)


def _compare_versions(
    parent: Version | None,
    version: Version,
    merge: bool,
    analyse: Analyse | None,
    compare: Compare | None,
) -> list[Event]:
    """What changed in ``version`` against ``parent`` (None: against nothing)."""
    before_value = parent.clause if parent is not None else None
    before = _drafts(before_value)
    drafts = tuple(_drafts(version.clause).values())
    here = {d.id: d for d in drafts}
    item = "article" if isinstance(version.clause or before_value, Document) else "draft"
    parent_sha = parent.commit.sha if parent is not None else None
    events: list[Event] = []
    for draft in drafts:
        old = before.get(draft.id)
        if old == draft:
            continue
        previous: tuple[Draft, str] | None
        if old is not None:
            change, changed, previous = "changed", _changed_fields(old, draft), (old, parent_sha)
        else:
            change, changed = "added", ()
            lineage = draft.supersedes or draft.responds_to
            if lineage in before:
                previous = (before[lineage], parent_sha)  # type: ignore[index]
            elif lineage in here:
                previous = (here[lineage], version.commit.sha)  # type: ignore[index]
            else:
                previous = None
        verdict = compare(previous[0], draft) if compare and previous else None
        events.append(
            Event(
                commit=version.commit,
                change=change,
                draft=draft,
                changed=changed,
                strength=analyse(draft) if analyse is not None else None,
                previous=(previous[0].id, previous[1] or "") if previous else None,
                verdict=verdict,
                parent=parent_sha,
                merge=merge,
                item=item,
            )
        )
    for gone, draft in before.items():
        if gone not in here:
            events.append(
                Event(version.commit, "removed", draft, parent=parent_sha, merge=merge, item=item)
            )
    events += _amendment_events(before_value, version, parent_sha, merge)
    return events


def _drafts(value: Clause | Document | None) -> dict[str, Draft]:
    """A clause's drafts, or a document's articles each as a draft of its text (so a
    document gets an article-level timeline with the same strength grading)."""
    if value is None:
        return {}
    if isinstance(value, Clause):
        return {d.id: d for d in value.drafts}
    return {a.id: document_draft(value, a.sentences, a.id, a.display_label) for a in value.articles}


def _amendment_events(
    before_value: Clause | Document | None, version: Version, parent: str | None, merge: bool
) -> list[Event]:
    """Amendments proposed, changed (a status: withdrawn, rejected, agreed) or dropped."""
    old = {a.id: a for a in before_value.amendments} if isinstance(before_value, Clause) else {}
    value = version.clause
    new = {a.id: a for a in value.amendments} if isinstance(value, Clause) else {}
    targets = {**_drafts(before_value), **_drafts(value)}
    events = []
    for key in dict.fromkeys([*new, *old]):
        was, now = old.get(key), new.get(key)
        if was == now:
            continue
        amendment = now or was
        assert amendment is not None
        target = targets.get(amendment.target)
        if target is None:
            continue  # a broken reference: validation reports it
        change = "added" if was is None else "removed" if now is None else "changed"
        changed: tuple[str, ...] = ()
        if was is not None and now is not None:
            changed = ("status",) if was.status != now.status else ("metadata",)
        events.append(
            Event(
                version.commit,
                change,
                target,
                changed=changed,
                parent=parent,
                merge=merge,
                item="amendment",
                amendment=amendment,
            )
        )
    return events


def known(versions: Sequence[Version]) -> tuple[list[str], list[str]]:
    """Every draft id and party id the file ever had (for an unknown --draft/--party)."""
    drafts: dict[str, None] = {}
    parties: dict[str, None] = {}
    for version in versions:
        value = version.clause
        drafts.update(dict.fromkeys(_drafts(value)))
        if isinstance(value, Clause):
            drafts.update(dict.fromkeys(a.id for a in value.amendments))
            parties.update(dict.fromkeys(p.id for p in value.parties))
        elif isinstance(value, Document) and value.party:
            parties[value.party] = None
    return list(drafts), list(parties)


def select(
    events: Sequence[Event], draft: str | None = None, party: str | None = None
) -> tuple[Event, ...]:
    """Only the events of one draft, or of one party's drafts."""
    return tuple(
        e
        for e in events
        if (draft is None or draft in (e.draft.id, e.amendment.id if e.amendment else None))
        and (party is None or (e.amendment.party if e.amendment else e.draft.party) == party)
    )


def strength_functions() -> tuple[Analyse, Compare]:
    """The analyser and comparer for :func:`timeline`, backed by ``drafting.strength``.

    Each distinct (text, language, instrument) is analysed once; verdicts reuse the results.
    """
    from drafting.errors import DraftingError  # start-up time
    from drafting.strength import analyse, compare_results  # start-up time

    results: dict[tuple[str, str, str], StrengthResult | str] = {}

    def result_of(draft: Draft) -> StrengthResult | str:
        """The analysis, or the error text when the analyser cannot grade this draft (a
        language it has no lexicon for): that draft's fields stay null, the rest go on."""
        key = (draft.text, draft.language, draft.instrument)
        if key not in results:
            try:
                results[key] = analyse(
                    draft.text, language=draft.language, instrument=draft.instrument
                )
            except (DraftingError, ValueError) as error:  # ValueError: unsupported language
                results[key] = str(error)
        return results[key]

    def analyse_draft(draft: Draft) -> Strength:
        result = result_of(draft)
        if isinstance(result, str):
            return Strength(None, None, None)
        return Strength(result.tier, result.polarity, result.score)

    def compare_drafts(before: Draft, after: Draft) -> Verdict:
        a, b = result_of(before), result_of(after)
        if isinstance(a, str) or isinstance(b, str):
            return Verdict(None, None, f"not graded: {a if isinstance(a, str) else b}")
        change = compare_results(a, b)
        return Verdict(change.verdict, change.polarity_change, change.explanation)

    return analyse_draft, compare_drafts


def history_to_json(history: History) -> dict[str, Any]:
    """The report as JSON data (schemas/history.schema.json)."""
    return {
        "schema_version": HISTORY_SCHEMA_VERSION,
        "path": history.path,
        "events": [_event_json(e) for e in history.events],
        "skipped": [
            {"commit": v.commit.sha, "date": v.commit.date, "problem": v.problem}
            for v in history.skipped
        ],
    }


def _event_json(event: Event) -> dict[str, Any]:
    s, v, d, c = event.strength, event.verdict, event.draft, event.commit
    return {
        "commit": c.sha,
        "date": c.date,
        "author": c.author,
        "email": c.email,
        "subject": c.subject,
        "path": c.path,
        "change": event.change,
        "changed": list(event.changed),
        "draft": d.id,
        "party": d.party,
        "status": d.status,
        "draft_date": d.date,
        "language": d.language,
        "instrument": d.instrument,
        "text": d.text,
        "tier": s.tier if s else None,
        "polarity": s.polarity if s else None,
        "score": s.score if s else None,
        "previous": {"draft": event.previous[0], "commit": event.previous[1]}
        if event.previous
        else None,
        "parent": event.parent,
        "merge": event.merge,
        "item": event.item,
        "amendment": _amendment_json(event.amendment),
        "verdict": v.verdict if v else None,
        "polarity_change": v.polarity_change if v else None,
        "explanation": v.explanation if v else None,
    }


def _amendment_json(amendment: Amendment | None) -> dict[str, Any] | None:
    return None if amendment is None else amendment_fields(amendment)
