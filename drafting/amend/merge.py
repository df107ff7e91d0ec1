"""Three-way merge of clause values, for the ``merge=clause`` git driver.

Why not git's line merge: parties, sources, drafts and amendments are *sets keyed by id*
that writers append at the end of their section, so two branches adding drafts for two
parties always touch the same lines, and a "keep both" cut through ``</draft>`` gives broken
XML. Here each kind merges by id, sentences inside one draft merge by sentence id, and the
text of a sentence both sides changed merges by words. A conflict is only an item both sides
changed differently; it is kept as a :class:`~drafting.model.Conflict` holding every version,
so no side's work is ever lost.

Other rules (docs/git.md, "Merging"):

- ids that both branches created for different items (two drafters of one party got the
  same default id) are not a conflict: the incoming ("theirs") item is renamed and every
  reference to it on that side rewritten, so both proposals survive;
- a deletion that would leave a reference dangling (``respondsTo`` a draft the other branch
  deleted) becomes a conflict with the item kept in place;
- order: ours, with each incoming item placed after the item it follows on its side.

Pure: values in, values out (the git edge reads and writes the files).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal, TypeVar

from drafting.diff.worddiff import encode, get_engine
from drafting.model import (
    Article,
    Clause,
    Conflict,
    ConflictKind,
    Document,
    Draft,
    Item,
    Operation,
    Paragraph,
    Sentence,
)
from drafting.text.tokens import tokenize

T = TypeVar("T")
Prefer = Literal["ours", "theirs"] | None
Take = Literal["ours", "theirs", "base"]
KINDS: tuple[ConflictKind, ...] = ("party", "source", "draft", "amendment")


class _Clash(Exception):
    """Both sides changed one value differently (caught where a preference can settle it)."""


@dataclass(frozen=True)
class Renamed:
    """An incoming item (or sentence) whose id collided with a different one of ours."""

    kind: str
    old: str
    new: str
    draft: str | None = None  # for a sentence: its draft


@dataclass(frozen=True)
class MergeResult:
    clause: Clause
    renamed: tuple[Renamed, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.clause.conflicts


def empty_like(clause: Clause) -> Clause:
    """The ancestor of two unrelated versions (git passes an empty file for ``%O``)."""
    return Clause(
        id=clause.id,
        title=clause.title,
        parties=(),
        sources=(),
        drafts=(),
        amendments=(),
        title_language=clause.title_language,
    )


# --------------------------------------------------------------------------- values


def _pick(base: T, ours: T, theirs: T, prefer: Prefer = None) -> T:
    """git's rule for one value: whoever changed it wins; both differently is a clash."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if prefer == "ours":
        return ours
    if prefer == "theirs":
        return theirs
    raise _Clash


def _merge_fields(base: T, ours: T, theirs: T, prefer: Prefer, **special: Callable) -> T:
    """Field by field ``_pick`` of two dataclass values (``special`` merges named fields)."""
    values = {}
    for f in fields(base):  # type: ignore[arg-type]
        b, o, t = getattr(base, f.name), getattr(ours, f.name), getattr(theirs, f.name)
        merge = special.get(f.name)
        values[f.name] = merge(b, o, t, prefer) if merge else _pick(b, o, t, prefer)
    return replace(ours, **values)  # type: ignore[type-var]


def _words(base: str, ours: str, theirs: str) -> str:
    """Three-way merge of a sentence's text by words; raises _Clash when changes touch."""
    tb, to, tt = (tokenize(x, with_classes=False) for x in (base, ours, theirs))
    changes = sorted(
        [(*c, "o") for c in _changes(tb.keys, to.keys, to.texts)]
        + [(*c, "t") for c in _changes(tb.keys, tt.keys, tt.texts)]
    )
    merged: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end, new, _side in changes:
        if merged:
            p_start, p_end, p_new = merged[-1]
            if (start, end, new) == (p_start, p_end, p_new):
                continue  # both sides made the same change
            between = tb.texts[p_end:start]
            if start <= p_end or all(not t.strip() for t in between):
                raise _Clash  # overlapping or touching changes (spaces apart): git's rule
        merged.append((start, end, new))
    pieces: list[str] = []
    at = 0
    for start, end, new in merged:
        pieces += tb.texts[at:start]
        pieces += new
        at = end
    pieces += tb.texts[at:]
    return " ".join("".join(pieces).split())


def _changes(
    base_keys: Sequence[str], side_keys: Sequence[str], side_texts: Sequence[str]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """(base start, base end, replacement tokens) for each change from base to one side,
    found by the project's one word-diff engine (a delete next to an insert is one change)."""
    a, b = encode(base_keys, side_keys)
    changes: list[tuple[int, int, tuple[str, ...]]] = []
    i = j = 0
    joined = False  # the previous run was a change: this one extends it
    for op, length in get_engine()(a, b):
        if op == "=":
            i += length
            j += length
            joined = False
            continue
        start, new = changes.pop()[::2] if joined else (i, ())
        if op == "-":
            i += length
        else:
            new = new + tuple(side_texts[j : j + length])
            j += length
        changes.append((start, i, new))
        joined = True
    return changes


def _merge_sentence(base: Sentence, ours: Sentence, theirs: Sentence, prefer: Prefer) -> Sentence:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if not (base.marks or ours.marks or theirs.marks):
        try:
            return Sentence(ours.id, _words(base.text, ours.text, theirs.text))
        except _Clash:
            pass
    return _pick(base, ours, theirs, prefer)


# --------------------------------------------------------------------------- keyed sets


@dataclass(frozen=True)
class _Keyed:
    items: tuple
    conflicts: tuple[Conflict, ...]


def _merge_keyed(
    kind: ConflictKind | None,
    base: Sequence[T],
    ours: Sequence[T],
    theirs: Sequence[T],
    merge: Callable[[T, T, T, Prefer], T],
    prefer: Prefer = None,
) -> _Keyed:
    """Merge three lists of id-keyed values as sets, keeping ours' order.

    With ``kind`` None (sentences) a clash is raised, for the caller to settle by preference;
    otherwise it becomes a Conflict and the item stays in place as ``ours`` (or absent).
    """
    b = {x.id: x for x in base}  # type: ignore[attr-defined]
    o = {x.id: x for x in ours}  # type: ignore[attr-defined]
    t = {x.id: x for x in theirs}  # type: ignore[attr-defined]
    result: dict[str, T | None] = {}  # id -> merged value (None: not in place)
    conflicts: dict[str, Conflict] = {}

    def settle(key: str, bv: T | None, ov: T | None, tv: T | None) -> T | None:
        if prefer is not None:
            return ov if prefer == "ours" else tv
        if kind is None:
            raise _Clash
        conflicts[key] = Conflict(kind, key, bv, ov, tv)  # type: ignore[arg-type]
        return ov

    for key in dict.fromkeys([*o, *t]):
        bv, ov, tv = b.get(key), o.get(key), t.get(key)
        if ov is not None and tv is not None:
            if bv is None:
                result[key] = ov if ov == tv else settle(key, None, ov, tv)
                continue
            try:
                result[key] = merge(bv, ov, tv, None)
            except _Clash:
                if prefer is not None:
                    result[key] = merge(bv, ov, tv, prefer)
                elif kind is None:
                    raise
                else:
                    mine, yours = merge(bv, ov, tv, "ours"), merge(bv, ov, tv, "theirs")
                    conflicts[key] = Conflict(kind, key, bv, mine, yours)
                    result[key] = mine
        elif ov is not None:  # gone or never there on their side
            if bv is None or bv == ov:
                result[key] = None if bv is not None else ov
            else:
                result[key] = settle(key, bv, ov, None)
        elif tv is not None:
            if bv is None or bv == tv:
                result[key] = None if bv is not None else tv
            else:
                result[key] = settle(key, bv, None, tv)
    order = _order([x.id for x in ours], [x.id for x in theirs], set(b))  # type: ignore[attr-defined]
    items = tuple(v for k in order if (v := result.get(k)) is not None)
    placed = [k for k in order if result.get(k) is not None]
    with_after = tuple(
        replace(c, after=_before(order, c.id, placed)) if result.get(c.id) is None else c
        for c in (conflicts[k] for k in order if k in conflicts)
    )
    return _Keyed(items, with_after)


def _before(order: list[str], key: str, placed: list[str]) -> str | None:
    """The nearest id before ``key`` in ``order`` that is in place."""
    kept = set(placed)
    index = order.index(key)
    return next((k for k in reversed(order[:index]) if k in kept), None)


def _order(ours: list[str], theirs: list[str], base: set[str]) -> list[str]:
    """Ours' order; each id only theirs has goes after the id it follows there, past any
    items ours added at that point (so appends from both sides come ours first)."""
    order = list(ours)
    mine_new = {k for k in ours if k not in base and k not in set(theirs)}
    present = set(order)
    for index, key in enumerate(theirs):
        if key in present:
            continue
        previous = next((k for k in reversed(theirs[:index]) if k in present), None)
        at = 0 if previous is None else order.index(previous) + 1
        while at < len(order) and order[at] in mine_new:
            at += 1
        order.insert(at, key)
        present.add(key)
    return order


# --------------------------------------------------------------------------- items


def _merge_sentences(
    base: tuple[Sentence, ...],
    ours: tuple[Sentence, ...],
    theirs: tuple[Sentence, ...],
    prefer: Prefer,
) -> tuple[Sentence, ...]:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _merge_keyed(None, base, ours, theirs, _merge_sentence, prefer).items


def _merge_draft(base: Draft, ours: Draft, theirs: Draft, prefer: Prefer) -> Draft:
    return _merge_fields(base, ours, theirs, prefer, sentences=_merge_sentences)


def _merge_plain(base: T, ours: T, theirs: T, prefer: Prefer) -> T:
    return _merge_fields(base, ours, theirs, prefer)


# --------------------------------------------------------------------------- renames


def _fresh(wanted: str, taken: set[str]) -> str:
    """A new id like ``wanted`` that no version uses: ``nato-a2`` -> ``nato-a2-2``; for a
    sentence ``s3`` -> ``s4`` (the next free number)."""
    match = re.fullmatch(r"(s)(\d+)", wanted)
    if match:
        number = int(match.group(2)) + 1
        while f"s{number}" in taken:
            number += 1
        return f"s{number}"
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def _ids(*groups: Iterable[Item | Sentence]) -> set[str]:
    return {x.id for group in groups for x in group}


def _rename_drafts(base: Clause, ours: Clause, theirs: Clause) -> tuple[Clause, list[Renamed]]:
    """Rename theirs' new drafts and amendments whose id ours gave to something else."""
    renamed: list[Renamed] = []
    drafts = {d.id: d for d in ours.drafts}
    base_drafts = _ids(base.drafts)
    taken = _ids(base.drafts, ours.drafts, theirs.drafts)
    mapping: dict[str, str] = {}
    for draft in theirs.drafts:
        mine = drafts.get(draft.id)
        if draft.id not in base_drafts and mine is not None and mine != draft:
            new = _fresh(draft.id, taken)
            taken.add(new)
            mapping[draft.id] = new
            renamed.append(Renamed("draft", draft.id, new))

    def ref(value: str | None) -> str | None:
        return mapping.get(value, value) if value is not None else None

    new_drafts = tuple(
        replace(d, id=ref(d.id), supersedes=ref(d.supersedes), responds_to=ref(d.responds_to))
        for d in theirs.drafts
    )
    amendments = {a.id: a for a in ours.amendments}
    base_amendments = _ids(base.amendments)
    taken_a = _ids(base.amendments, ours.amendments, theirs.amendments)
    new_amendments = []
    for amendment in theirs.amendments:
        changed = replace(amendment, target=ref(amendment.target), result=ref(amendment.result))
        mine = amendments.get(amendment.id)
        if amendment.id not in base_amendments and mine is not None and mine != changed:
            new = _fresh(amendment.id, taken_a)
            taken_a.add(new)
            renamed.append(Renamed("amendment", amendment.id, new))
            changed = replace(changed, id=new)
        new_amendments.append(changed)
    return replace(theirs, drafts=new_drafts, amendments=tuple(new_amendments)), renamed


def _rename_sentences(base: Clause, ours: Clause, theirs: Clause) -> tuple[Clause, list[Renamed]]:
    """Rename theirs' new sentences whose id ours gave to another new sentence of one draft,
    and rewrite theirs' amendment operations that name them."""
    renamed: list[Renamed] = []
    base_drafts = {d.id: d for d in base.drafts}
    our_drafts = {d.id: d for d in ours.drafts}
    drafts = []
    per_draft: dict[str, dict[str, str]] = {}
    for draft in theirs.drafts:
        mine = our_drafts.get(draft.id)
        if mine is None or mine == draft:
            drafts.append(draft)
            continue
        old = base_drafts.get(draft.id)
        base_ids = _ids(old.sentences) if old else set()
        my_sentences = {s.id: s for s in mine.sentences}
        taken = base_ids | _ids(mine.sentences, draft.sentences)
        mapping: dict[str, str] = {}
        for sentence in draft.sentences:
            other = my_sentences.get(sentence.id)
            if sentence.id not in base_ids and other is not None and other != sentence:
                new = _fresh(sentence.id, taken)
                taken.add(new)
                mapping[sentence.id] = new
                renamed.append(Renamed("sentence", sentence.id, new, draft.id))
        if mapping:
            per_draft[draft.id] = mapping
            draft = replace(
                draft,
                sentences=tuple(replace(s, id=mapping.get(s.id, s.id)) for s in draft.sentences),
            )
        drafts.append(draft)
    if not per_draft:
        return theirs, renamed

    def op(operation: Operation, target: dict[str, str], result: dict[str, str]) -> Operation:
        new_id = operation.new_id
        if new_id is not None:
            new_id = result.get(new_id, target.get(new_id, new_id))
        return replace(operation, at=target.get(operation.at, operation.at), new_id=new_id)

    amendments = tuple(
        replace(
            a,
            operations=tuple(
                op(o, per_draft.get(a.target, {}), per_draft.get(a.result or "", {}))
                for o in a.operations
            ),
        )
        for a in theirs.amendments
    )
    return replace(theirs, drafts=tuple(drafts), amendments=amendments), renamed


# --------------------------------------------------------------------------- references


def _referenced(clause: Clause) -> dict[str, set[str]]:
    """Ids each kind of item is referred to by, in the merged clause."""
    drafts = {r for d in clause.drafts for r in (d.supersedes, d.responds_to) if r}
    drafts |= {r for a in clause.amendments for r in (a.target, a.result) if r}
    parties = {d.party for d in clause.drafts} | {a.party for a in clause.amendments}
    sources = {d.source for d in clause.drafts if d.source}
    return {"draft": drafts, "party": parties, "source": sources, "amendment": set()}


def _keep_referenced(
    kind: ConflictKind,
    merged: _Keyed,
    base: Sequence[T],
    ours: Sequence[T],
    theirs: Sequence[T],
    wanted: set[str],
) -> _Keyed:
    """A deletion that would leave a reference dangling becomes a conflict, item kept."""
    present = {x.id for x in merged.items}  # type: ignore[attr-defined]
    b = {x.id: x for x in base}  # type: ignore[attr-defined]
    o = {x.id: x for x in ours}  # type: ignore[attr-defined]
    t = {x.id: x for x in theirs}  # type: ignore[attr-defined]
    missing = [k for k in b if k in wanted and k not in present]
    if not missing:
        return merged
    items = list(merged.items)
    conflicts = list(merged.conflicts)
    in_conflict = {c.id: i for i, c in enumerate(conflicts)}
    base_order = list(b)
    for key in missing:
        keep = o.get(key) or t.get(key) or b[key]
        index = base_order.index(key)
        previous = {x.id: i for i, x in enumerate(items)}  # type: ignore[attr-defined]
        at = next((previous[k] + 1 for k in reversed(base_order[:index]) if k in previous), 0)
        items.insert(at, keep)
        conflict = Conflict(kind, key, b[key], o.get(key), t.get(key))
        if key in in_conflict:
            conflicts[in_conflict[key]] = conflict
        else:
            conflicts.append(conflict)
    return _Keyed(tuple(items), tuple(conflicts))


# --------------------------------------------------------------------------- the merge


def merge_clauses(base: Clause | None, ours: Clause, theirs: Clause) -> MergeResult:
    """Merge two versions of a clause that grew from ``base`` (None: no common ancestor)."""
    base = base if base is not None else empty_like(ours)
    theirs, renamed = _rename_drafts(base, ours, theirs)
    theirs, renamed_sentences = _rename_sentences(base, ours, theirs)
    parts: dict[str, _Keyed] = {
        "party": _merge_keyed("party", base.parties, ours.parties, theirs.parties, _merge_plain),
        "source": _merge_keyed("source", base.sources, ours.sources, theirs.sources, _merge_plain),
        "draft": _merge_keyed("draft", base.drafts, ours.drafts, theirs.drafts, _merge_draft),
        "amendment": _merge_keyed(
            "amendment", base.amendments, ours.amendments, theirs.amendments, _merge_plain
        ),
    }
    sides = {
        "party": (base.parties, ours.parties, theirs.parties),
        "source": (base.sources, ours.sources, theirs.sources),
        "draft": (base.drafts, ours.drafts, theirs.drafts),
    }
    for _ in range(3):  # keeping a draft can make it refer to a party that was deleted
        draft = _assemble(base, ours, theirs, parts)
        wanted = _referenced(draft)
        before = parts.copy()
        for kind, (b, o, t) in sides.items():
            parts[kind] = _keep_referenced(kind, parts[kind], b, o, t, wanted[kind])  # type: ignore[arg-type]
        if parts == before:
            break
    return MergeResult(_assemble(base, ours, theirs, parts), (*renamed, *renamed_sentences))


def _assemble(base: Clause, ours: Clause, theirs: Clause, parts: dict[str, _Keyed]) -> Clause:
    try:
        title = _pick(base.title, ours.title, theirs.title)
    except _Clash:
        title = ours.title  # a title is not an item; ours wins, as git's "ours" would
    return Clause(
        id=ours.id,
        title=title,
        title_language=_pick(
            base.title_language, ours.title_language, theirs.title_language, "ours"
        ),
        parties=parts["party"].items,
        sources=parts["source"].items,
        drafts=parts["draft"].items,
        amendments=parts["amendment"].items,
        conflicts=tuple(c for kind in KINDS for c in parts[kind].conflicts),
    )


# --------------------------------------------------------------------------- resolving

_FIELD = {"party": "parties", "source": "sources", "draft": "drafts", "amendment": "amendments"}


def resolve(clause: Clause, take: Take, ids: Sequence[str] = ()) -> Clause:
    """Settle conflicts (all, or those on ``ids``) by taking one side's version of each."""
    unknown = [i for i in ids if i not in {c.id for c in clause.conflicts}]
    if unknown:
        known = ", ".join(c.id for c in clause.conflicts) or "none"
        raise ValueError(f"no conflict on {', '.join(unknown)} (conflicts: {known})")
    kept: list[Conflict] = []
    for conflict in clause.conflicts:
        if ids and conflict.id not in ids:
            kept.append(conflict)
            continue
        chosen: Item | None = getattr(conflict, take)
        field = _FIELD[conflict.kind]
        items = list(getattr(clause, field))
        where = next((i for i, x in enumerate(items) if x.id == conflict.id), None)
        if where is not None:
            if chosen is None:
                del items[where]
            else:
                items[where] = chosen
        elif chosen is not None:
            after = next((i for i, x in enumerate(items) if x.id == conflict.after), None)
            items.insert(0 if after is None else after + 1, chosen)
        clause = replace(clause, **{field: tuple(items)})
    return replace(clause, conflicts=tuple(kept))


# --------------------------------------------------------------------------- documents


def _merge_paragraph(
    base: Paragraph, ours: Paragraph, theirs: Paragraph, prefer: Prefer
) -> Paragraph:
    return _merge_fields(base, ours, theirs, prefer, sentences=_merge_sentences)


def _merge_paragraphs(
    base: tuple[Paragraph, ...],
    ours: tuple[Paragraph, ...],
    theirs: tuple[Paragraph, ...],
    prefer: Prefer,
) -> tuple[Paragraph, ...]:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _merge_keyed(None, base, ours, theirs, _merge_paragraph, prefer).items


def _merge_article(base: Article, ours: Article, theirs: Article, prefer: Prefer) -> Article:
    return _merge_fields(base, ours, theirs, prefer, paragraphs=_merge_paragraphs)


def _merge_articles(
    base: tuple[Article, ...],
    ours: tuple[Article, ...],
    theirs: tuple[Article, ...],
    prefer: Prefer,
) -> tuple[Article, ...]:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _merge_keyed(None, base, ours, theirs, _merge_article, prefer).items


def merge_documents(base: Document | None, ours: Document, theirs: Document) -> Document | None:
    """Merge two versions of a document by ids: articles, paragraphs and sentences as keyed
    sets, a sentence both sides changed by words. None when both changed one thing
    differently: a document file has no conflict markup, so the caller falls back to git's
    line merge and its markers."""
    base = base if base is not None else replace(ours, preamble=(), articles=())
    try:
        return _merge_fields(
            base, ours, theirs, None, preamble=_merge_paragraphs, articles=_merge_articles
        )
    except _Clash:
        return None
