"""Strength verdicts on a finished diff report: per changed unit and overall.

Only what changed is analysed, to keep a 100,000-word diff fast: for each changed unit, the
sentences that an insertion or deletion touches, and only when a changed word can start a
lexicon entry of that side's language (a modal, a negator, a hedge, a condition …). A unit
whose changes touch no lexicon word keeps ``strength`` unset: its words that carry strength
are the same on both sides. The overall comparison analyses the two whole texts when they
are short (a clause, up to ``DiffOptions.whole_text_limit`` characters each); for longer
documents the report carries a summary of the unit verdicts instead.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache, partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from drafting.diff.report import DiffReport, SentenceStrength, Unit, metadata_changes
from drafting.diff.sides import Block, Piece, Side
from drafting.model import made_at_once

if TYPE_CHECKING:
    from drafting.diff.pipeline import Mapper

_WORD = re.compile(r"\w+")


class _Sentences:
    """The changed sentences of one side of a unit, joined by a space, with a map from the
    joined text back to input offsets (so a term can be marked where it is)."""

    def __init__(self, side: Side, pieces: list[Piece]) -> None:
        self.text_parts: list[str] = []
        self.starts: list[tuple[int, int]] = []  # (offset in joined text, offset in input)
        position = 0
        for piece in pieces:
            if self.text_parts:
                self.text_parts.append(" ")
                position += 1
            self.starts.append((position, piece.start))
            self.text_parts.append(side.text[piece.start : piece.end])
            position += piece.end - piece.start

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """A span of the joined text as input offsets (a term never spans two sentences)."""
        base_joined, base_input = 0, 0
        for joined, original in self.starts:
            if joined <= start:
                base_joined, base_input = joined, original
        return base_input + start - base_joined, base_input + end - base_joined


def _block_of(side: Side, ends: Sequence[int], span: tuple[int, int]) -> Block | None:
    """The first block of ``side`` holding ``span``, by bisection on the blocks' ``ends``
    (blocks are in reading order, so starts and ends both rise): a long document has many
    articles and a changed unit in many of them, so a scan per unit would be quadratic."""
    k = bisect_left(ends, span[1])
    if k < len(ends) and side.blocks[k].start <= span[0]:
        return side.blocks[k]
    return None


class StrengthAdder:
    """Holds the per-side language, instrument and lexicon for one report."""

    def __init__(
        self,
        a: Side,
        b: Side,
        *,
        language_a: str | None = None,
        language_b: str | None = None,
        instrument_a: str | None = None,
        instrument_b: str | None = None,
    ) -> None:
        from drafting import strength  # start-up time: strength loads its lexicons

        self.a, self.b = a, b
        self.language = (
            language_a or a.info.language or strength.detect_language(a.text[:20000]),
            language_b or b.info.language or strength.detect_language(b.text[:20000]),
        )
        instruments = [instrument_a or a.info.instrument, instrument_b or b.info.instrument]
        self.notes: list[str] = []
        if self.language[0] != self.language[1]:
            # authentic language versions of one instrument: grade both as one instrument, so
            # that grammar alone (the French treaty future) never moves the verdict
            known = instruments[0] or instruments[1] or "treaty"
            for k in (0, 1):
                if instruments[k] is None:
                    instruments[k] = known
            self.notes.append(
                f"the sides are in {self.language[0]} and {self.language[1]}: compared as "
                f"authentic versions of one instrument, graded as {instruments[0]}"
                + (f" and {instruments[1]}" if instruments[1] != instruments[0] else "")
                + "; give --instrument-a/--instrument-b to say otherwise"
            )
        else:
            for k, side in ((0, a), (1, b)):
                if instruments[k] is None:
                    self.notes.append(
                        f"{side.info.name}: no instrument given; strength graded from the "
                        "words alone (a modal keeps its lexical tier, as in a treaty); give "
                        f"--instrument-{'ab'[k]} for the scale's instrument rules"
                    )
        self.instrument = (instruments[0], instruments[1])
        self.cross_language = self.language[0] != self.language[1]
        self.metadata_differs = bool(metadata_changes(a.info, b.info))
        self.lexicons = tuple(_lexicon(strength.load_lexicon, lang) for lang in self.language)
        # one finder of entries per lexicon (both sides share one when in one language)
        self.candidates = tuple(
            dict.fromkeys(lexicon.compiled.candidates for lexicon in self.lexicons if lexicon)
        )
        self.numbered = a.numbered or b.numbered
        self._analyse = strength.analyse
        self._results: dict[tuple[int, str], Any] = {}
        self._compare = strength.compare_results
        self.block_ends = tuple([block.end for block in side.blocks] for side in (a, b))

    def _relevant(self, texts: list[str]) -> bool:
        """Whether any word of ``texts`` can start a lexicon entry of either side's language
        (the words lower-cased one by one)."""
        for text in texts:
            for word in _WORD.findall(text):
                word = word.lower()
                for candidates in self.candidates:
                    if candidates(word):
                        return True
        return False

    def analyse(self, text: str, side: int) -> Any:
        """``text`` of one side analysed, once: a short text whose changes touch all its
        sentences is analysed for its unit and again, whole, for the overall verdict."""
        key = (side, text)
        result = self._results.get(key)
        if result is None:
            result = self._results[key] = self._analyse(
                text,
                language=self.language[side],
                instrument=self.instrument[side],
                lexicon=self.lexicons[side],
            )
        return result

    def unit(self, unit: Unit) -> Unit:
        """The unit with the verdicts of the sentence groups its changes touch (unchanged
        when no changed word can carry strength)."""
        found = self.verdicts(unit)
        return unit if found is None else _graded(unit, found)

    def summary(self, unit: Unit) -> tuple[str, bool] | None:
        """What the summary of unit verdicts counts of a graded unit (``_verdict``)."""
        return _verdict(unit)

    def verdicts(self, unit: Unit) -> dict[str, Any] | None:
        """What ``unit`` adds to a unit, as its fields (None: nothing): the mapper may run
        this in another process and send it back without the unit's ops."""
        if unit.kind == "same" or not unit.changed:
            return None
        a_block = _block_of(self.a, self.block_ends[0], unit.a_span) if unit.a_span else None
        b_block = _block_of(self.b, self.block_ends[1], unit.b_span) if unit.b_span else None
        a_pieces = _pieces(a_block, unit.a_span)
        b_pieces = _pieces(b_block, unit.b_span)
        # whether the unit's text is before the first article: its pieces are its block's
        front = (
            a_block is not None and a_block.id == "front",
            b_block is not None and b_block.id == "front",
        )
        changes = []
        sentences: list[SentenceStrength] = []
        marks: list[tuple[str, int, int]] = []
        roles: list[str] = []
        clusters: list[tuple[tuple[int, int], tuple[int, int]]] | None = None
        for a_group, b_group, changed in _groups(unit, a_pieces, b_pieces):
            role = self._role(a_group, b_group, front)
            if role in ("title", "heading"):
                roles.append(role)  # a title or a heading: not graded at all
                continue
            if not self._relevant(changed):
                if role is not None:
                    roles.append(role)
                continue  # no changed word can carry strength: both sides grade the same
            before = _Sentences(self.a, a_group)
            after = _Sentences(self.b, b_group)
            change = self._compare(self.analyse(before.text, 0), self.analyse(after.text, 1))
            kind = "added" if not a_group else "removed" if not b_group else "changed"
            if kind != "changed":
                # one side is empty: a commitment added or removed, never a reversal
                change = replace(change, polarity_change=False)
            if role == "preamble" or _recitals(change, kind):
                # a recital acknowledges (the scale's tier 0) whatever its words: its change
                # is a recital's, not a commitment moved, and carries no flag
                roles.append("preamble")
                change = replace(change, verdict="unchanged", polarity_change=False)
                description = describe_recital(change, kind, self.cross_language)
                if not description:
                    continue  # no term or modifier changed: the unit's title says enough
                changes.append(change)
                sentences.append(
                    SentenceStrength(
                        _extent(a_group), _extent(b_group), change, description, "recital"
                    )
                )
                continue
            modifiers = modifier_changes(change) if kind == "changed" else []
            contexts: dict[tuple[str, str], str] = {}
            if modifiers and clusters is None:
                clusters = _clusters(unit)
            for _kind, how, modifier in modifiers:
                joined = before if how in ("removed", "unnegated") else after
                where = _context(
                    self.a.text,
                    self.b.text,
                    clusters or [],
                    "a" if joined is before else "b",
                    joined.to_input(modifier.start, modifier.end),
                )
                if where is not None and how in ("removed", "added"):
                    contexts[how, _key(modifier.text)] = where[0]
            description = describe(change, kind, contexts, modifiers)
            if self.cross_language and kind == "changed":
                change, description = _as_language_versions(change)
            changes.append(change)
            sentences.append(
                SentenceStrength(_extent(a_group), _extent(b_group), change, description, kind)
            )
            for term in change.term_changes:
                if term.before is not None:
                    if term.after is not None and _key(term.before.text) == _key(term.after.text):
                        continue  # its tier moved because a neighbour changed: that one is marked
                    marks.append(("a", *before.to_input(term.before.start, term.before.end)))
                if term.after is not None:
                    marks.append(("b", *after.to_input(term.after.start, term.after.end)))
            for _kind, how, modifier in modifiers:
                side, joined = ("a", before) if how == "removed" else ("b", after)
                span = joined.to_input(modifier.start, modifier.end)
                if how in ("negated", "unnegated"):
                    # the modifier's words are the same: the change that (un)negates it is
                    # marked, the words inserted (negated) or deleted (unnegated) around it
                    side = "b" if how == "negated" else "a"
                    where = _context(self.a.text, self.b.text, clusters or [], "b", span)
                    if where is None:
                        continue
                    span = where[1][0] if side == "a" else where[1][1]
                marks.append((side, *span))
        operative = any(s.kind != "recital" for s in sentences)
        role_note = roles[0] if roles and not operative else None
        if not changes:
            return {"role": role_note} if role_note else None
        strongest = changes[0] if len(changes) == 1 else max(changes, key=_significance)
        return {
            "strength": strongest,
            "strength_marks": tuple(dict.fromkeys(marks)),
            "strength_sentences": tuple(sentences),
            "role": role_note,
        }

    def _role(
        self, a_group: list[Piece], b_group: list[Piece], front: tuple[bool, bool]
    ) -> str | None:
        """``title``, ``heading`` or ``preamble`` when the pieces are not operative text (the
        scale grades preamble recitals 0 and titles not at all); None for operative text.
        ``front``: whether each side's pieces are before the first article."""
        if not a_group and not b_group:
            return None
        in_front = (front[0] or not a_group) and (front[1] or not b_group)
        if _without_ids(a_group) and _without_ids(b_group):
            return "title" if in_front else "heading"
        return "preamble" if in_front and self.numbered else None

    def overall(self, report: DiffReport, limit: int) -> Any:
        """The two whole texts compared, or None when either is longer than ``limit`` or
        nothing changed (every unit of ``report`` the same, and the metadata)."""
        if len(self.a.text) > limit or len(self.b.text) > limit:
            return None
        if report.units:
            unchanged = all(u.kind == "same" for u in report.units)
        else:  # (none kept, ``compare_with(keep_units=False)``: ``identical`` says it)
            unchanged = report.identical
        if unchanged and not self.metadata_differs:
            return None
        change = self._compare(self.analyse(self.a.text, 0), self.analyse(self.b.text, 1))
        return _as_language_versions(change)[0] if self.cross_language else change


def _as_language_versions(change: Any) -> tuple[Any, str]:
    """Two language versions of one text bind alike (authentic texts are equally
    authoritative): a tier that differs between languages comes from grammar (the French
    treaty future, a Russian present), so the verdict is ``unchanged``; the terms of each
    version are still named. A negation lost or gained is still a polarity change."""

    def terms(result: Any) -> str:
        main = [t for t in result.terms if t.main] or list(result.terms)
        return ", ".join(_term(t) for t in main) or "no commitment term"

    description = f"unchanged (language versions: {terms(change.before)} ↔ {terms(change.after)})"
    if change.polarity_change:
        description += f", polarity {change.before.polarity} → {change.after.polarity}"
    return replace(change, verdict="unchanged", explanation=description), description


_WORDING = attrgetter("text", "counted")
"""What makes two modifiers partners in ``modifier_changes`` (compared in C)."""
MODIFIER_KINDS = (("hedges", "hedge"), ("intensifiers", "intensifier"), ("conditions", "condition"))
_MODIFIER_FIELDS = (*MODIFIER_KINDS, ("flags", "brackets"))


@cache
def _tier_names() -> dict[int, str]:
    from drafting.strength import TIER_NAMES  # start-up time: strength loads its lexicons

    return TIER_NAMES


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def modifier_changes(change: Any) -> list[tuple[str, str, Any]]:
    """Hedges, intensifiers and conditions (and bracketed options) present on one side only:
    ``(kind, "added" | "removed", modifier)``, in reading order of each side; and an
    intensifier on both sides that counts on one only (``"negated"``: "legally binding" →
    "not legally binding"; ``"unnegated"``), with the modifier of side B."""
    a, b = change.before, change.after
    if not (
        a.hedges
        or a.intensifiers
        or a.conditions
        or a.flags
        or b.hedges
        or b.intensifiers
        or b.conditions
        or b.flags
    ):
        return []  # the common case: no modifier on either side
    out: list[tuple[str, str, Any]] = []
    for field, kind in _MODIFIER_FIELDS:
        before = getattr(change.before, field, ()) or ()
        after = getattr(change.after, field, ()) or ()
        if not before and not after:
            continue  # the common case: nothing of this kind on either side
        if len(before) == len(after) and list(map(_WORDING, before)) == list(map(_WORDING, after)):
            continue  # the same modifiers in the same order: each is its own partner
        if field == "flags":
            before = [m for m in before if "[" in m.text]
            after = [m for m in after if "[" in m.text]
            if not before and not after:
                continue
        left: dict[str, list[Any]] = {}
        for m in after:
            left.setdefault(_key(m.text), []).append(m)
        matched: set[int] = set()
        for m in before:
            same = left.get(_key(m.text))
            if not same:
                out.append((kind, "removed", m))
                continue
            partner = same.pop(0)
            matched.add(id(partner))
            if kind == "intensifier" and m.counted != partner.counted:
                out.append((kind, "negated" if m.counted else "unnegated", partner))
        out.extend((kind, "added", m) for m in after if id(m) not in matched)
    return out


def _term(term: Any) -> str:
    tier = term.effective_tier or term.tier
    return f"{term.text} ({tier}, {_tier_names().get(tier, '')})".replace(", )", ")")


def named_changes(
    change: Any,
    contexts: dict[tuple[str, str], str] | None = None,
    modifiers: list[tuple[str, str, Any]] | None = None,
) -> list[str]:
    """The strength terms that changed, and only those, with their tiers; then the hedges,
    intensifiers, conditions and bracketed options added, removed or negated. A term whose
    words are the same on both sides (its tier moved only because a neighbour changed) is not
    named: the neighbour is. ``contexts``: for a modifier added or removed inside a
    replacement, the replaced stretch on each side (``("removed", key)`` → text), so that
    "guarantees" dropped for "assurances" says so. ``modifiers``: ``modifier_changes(change)``
    when the caller has it already."""
    contexts = contexts or {}
    removed: list[Any] = []
    added: list[Any] = []
    replaced: list[str] = []
    for tc in change.term_changes:
        if tc.kind == "replaced" and tc.before is not None and tc.after is not None:
            if _key(tc.before.text) == _key(tc.after.text):
                continue
            replaced.append(f"{_term(tc.before)} → {_term(tc.after)}")
        elif tc.kind == "removed" and tc.before is not None:
            removed.append(tc.before)
        elif tc.kind == "added" and tc.after is not None:
            added.append(tc.after)
    if modifiers is None:
        modifiers = modifier_changes(change)
    out = replaced
    while removed and added:
        out.append(f"{_term(removed.pop(0))} → {_term(added.pop(0))}")
    if not modifiers:  # the common case: the terms are all there is to name
        out += [f"removes {_term(t)}" for t in removed]
        out += [f"adds {_term(t)}" for t in added]
        return _counted(out)
    named: set[str] = set()  # the words of the terms that changed, but those named as hedges
    if change.term_changes:  # (none in the common case: only modifiers changed)
        # a term alone that is also a hedge added or removed ("seek to" under "shall") is
        # named as the hedge: its tier is the modal's, and the hedge is what changed
        hedged = {(how, _key(m.text)) for kind, how, m in modifiers if kind == "hedge"}
        as_hedges = {_key(t.text) for t in removed if ("removed", _key(t.text)) in hedged}
        as_hedges |= {_key(t.text) for t in added if ("added", _key(t.text)) in hedged}
        out += [f"removes {_term(t)}" for t in removed if _key(t.text) not in as_hedges]
        out += [f"adds {_term(t)}" for t in added if _key(t.text) not in as_hedges]
        named = {
            _key(t.text) for tc in change.term_changes for t in (tc.before, tc.after) if t
        } - as_hedges
    # a modifier swapped for another of its kind reads as one change: "hedge 'as
    # appropriate' → 'wherever possible'"
    # (each kind's modifiers removed and added, not named as terms, in one pass)
    gone: dict[str, list[Any]] = {}
    new: dict[str, list[Any]] = {}
    for kind, how, m in modifiers:
        if kind != "brackets" and how in ("removed", "added") and _key(m.text) not in named:
            (gone if how == "removed" else new).setdefault(kind, []).append(m)
    swapped: dict[int, str] = {}
    for kind in ("hedge", "intensifier", "condition"):
        for before, after in zip(gone.get(kind, ()), new.get(kind, ()), strict=False):
            swapped[id(before)] = f"{kind} '{before.text}' → '{after.text}'"
            swapped[id(after)] = ""
    quoted: set[str | None] = set()
    for kind, how, m in modifiers:
        if _key(m.text) in named:
            continue  # already named as a term ("стремятся")
        if id(m) in swapped:
            if swapped[id(m)]:
                out.append(swapped[id(m)])
            continue
        if how == "negated":
            if _is_recital(change.after):  # an intensifier in a recital raises nothing
                out.append(f"{kind} '{m.text}' no longer counts (in a recital)")
            else:
                out.append(f"negates {kind} '{m.text}'")
            continue
        if how == "unnegated":
            if _is_recital(change.before):
                out.append(f"{kind} '{m.text}' now counts (no longer in a recital)")
            else:
                out.append(f"{kind} '{m.text}' no longer negated")
            continue
        verb = "removes" if how == "removed" else "adds"
        if kind == "brackets":
            side = change.before if how == "removed" else change.after
            span = getattr(side, "tier_range", None)
            tiers = f" (tiers {span[0]}–{span[1]})" if span else ""
            out.append(f"{verb} bracketed options '{m.text}'{tiers}")
        else:
            where = contexts.get((how, _key(m.text)))
            if where in quoted:
                where = None  # one stretch replaced two modifiers: quoted once
            quoted.add(where)
            out.append(f"{verb} {kind} '{m.text}'" + (f" ({where})" if where else ""))
    return _counted(out)


def _counted(names: list[str]) -> list[str]:
    """Each name once, in order, with ``×n`` when it came ``n`` times ("27 May … 27 May")."""
    if len(set(names)) == len(names):
        return names  # the common case: every name once
    counts = Counter(names)
    return [
        f"{item} ×{counts[item]}" if counts[item] > 1 else item for item in dict.fromkeys(names)
    ]


def describe(
    change: Any,
    role: str = "changed",
    contexts: dict[tuple[str, str], str] | None = None,
    modifiers: list[tuple[str, str, Any]] | None = None,
) -> str:
    """The strength line of one changed sentence group: the verdict and what changed.

    ``role``: ``added``/``removed`` for a sentence present on one side only, which adds or
    removes a commitment (never a polarity reversal). ``modifiers``: as ``named_changes``."""
    if role in ("added", "removed"):
        side = change.after if role == "added" else change.before
        main = [t for t in side.terms if t.main] or list(side.terms)
        verb = "adds" if role == "added" else "removes"
        if not main:
            return f"{verb} a sentence with no commitment term"
        what = ", ".join(_term(t) for t in main)
        if side.tier is not None and not any(
            (t.effective_tier or t.tier) == side.tier for t in main
        ):
            what += f"; tier {side.tier} ({_tier_names().get(side.tier, '')})"
        return f"{verb} a commitment: {what}"
    names = named_changes(change, contexts, modifiers)
    verdict = change.verdict
    if change.polarity_change:
        verdict += f", polarity {change.before.polarity} → {change.after.polarity}"
    if not names:
        return change.explanation or verdict
    return f"{verdict}: " + "; ".join(names)


NEAR_WORDS = 3
"""Changes this many words apart or closer are one stretch when a modifier is quoted in its
context (``{+assurances that are not+} legally binding[- guarantees-]``)."""
_SMALL_GAP = re.compile(rf"[^.;:!?\w]*+(?:\w++[^.;:!?\w]*+){{0,{NEAR_WORDS}}}")
"""Text of at most ``NEAR_WORDS`` words (``\\w+`` runs) and no clause end (``.;:!?``), in
full. Possessive: a word is never split to try again, so a long gap fails at its fourth word
or first clause end, where counting its words read all of it."""
QUOTE_WORDS = 12
"""The longest stretch quoted beside a modifier added or removed."""


def _clusters(unit: Unit) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The unit's changes as input ranges ``((a0, a1), (b0, b1))``, changes at most
    ``NEAR_WORDS`` words apart within one clause taken together."""
    out: list[tuple[tuple[int, int], tuple[int, int]]] = []
    a_pos = unit.a_span[0] if unit.a_span else 0
    b_pos = unit.b_span[0] if unit.b_span else 0
    gap: str | None = None  # the unchanged text before the next change
    current: list[int] | None = None
    for op in unit.ops:
        size = len(op.text)
        if op.op == "equal" or op.ignored:
            if current is not None:
                out.append(((current[0], current[1]), (current[2], current[3])))
                current = None
            gap = op.text
            a_pos += size if op.op != "insert" else 0
            b_pos += size if op.op != "delete" else 0
            continue
        if current is None:
            if out and gap is not None and _small_gap(gap):
                (a0, _), (b0, _) = out.pop()
                current = [a0, a_pos, b0, b_pos]
            else:
                current = [a_pos, a_pos, b_pos, b_pos]
        if op.op == "delete":
            a_pos += size
        else:
            b_pos += size
        current[1], current[3] = a_pos, b_pos
    if current is not None:
        out.append(((current[0], current[1]), (current[2], current[3])))
    return out


def _small_gap(text: str) -> bool:
    """Whether unchanged ``text`` between two changes is at most ``NEAR_WORDS`` words of one
    clause."""
    return _SMALL_GAP.fullmatch(text) is not None


def _context(
    text_a: str,
    text_b: str,
    clusters: list[tuple[tuple[int, int], tuple[int, int]]],
    side: str,
    span: tuple[int, int],
) -> tuple[str, tuple[tuple[int, int], tuple[int, int]]] | None:
    """The stretch of changes holding ``span`` on ``side`` (or touching it), quoted on both
    sides as ``'A' → 'B'`` when both are short and not empty, with its ranges."""
    k = 0 if side == "a" else 1
    for cluster in clusters:
        start, end = cluster[k]
        if start <= span[1] and span[0] <= end:
            a = text_a[cluster[0][0] : cluster[0][1]].strip()
            b = text_b[cluster[1][0] : cluster[1][1]].strip()
            quote = f"'{a}' → '{b}'"
            if not a or not b or max(len(a.split()), len(b.split())) > QUOTE_WORDS:
                quote = ""
            return quote, cluster
    return None


def _is_recital(result: Any) -> bool:
    """A preambular recital ("Recalling …", "Taking into account …"): the analyser grades it
    0 by its participle (scale C2)."""
    return (result.tier or 0) == 0 and any(t.category == "preamble" for t in result.terms)


def _recitals(change: Any, kind: str) -> bool:
    """Whether the changed sentences are recitals on every side they are on (a recital made
    operative, or the reverse, is a strength change like any other)."""
    if kind == "removed":
        return _is_recital(change.before)
    if kind == "added":
        return _is_recital(change.after)
    return _is_recital(change.before) and _is_recital(change.after)


def describe_recital(change: Any, kind: str, cross_language: bool = False) -> str:
    """The line of a changed preamble recital: graded 0 (acknowledgement) on both sides, so
    the words that changed inside it are named without the tiers they would have in an
    operative clause ("" when no term or modifier changed)."""
    if kind in ("added", "removed"):
        verb = "adds" if kind == "added" else "removes"
        return f"{verb} a recital (0, acknowledgement: not operative)"
    if cross_language:
        a, b = (", ".join(t.text for t in r.terms) or "-" for r in (change.before, change.after))
        return f"recital (0, acknowledgement: not operative) in both language versions: {a} ↔ {b}"
    words: list[str] = []
    for tc in change.term_changes:
        a = tc.before.text if tc.before is not None else None
        b = tc.after.text if tc.after is not None else None
        if a is not None and b is not None and _key(a) != _key(b):
            words.append(f"'{a}' → '{b}'")
        elif a is not None and b is None:
            words.append(f"removes '{a}'")
        elif b is not None and a is None:
            words.append(f"adds '{b}'")
    words += [
        f"{'removes' if how == 'removed' else 'adds'} {kind_} '{m.text}'"
        for kind_, how, m in modifier_changes(change)
        if how in ("removed", "added")
    ]
    if not words:
        return ""
    return f"recital (0, acknowledgement: not operative), unchanged: {'; '.join(words)}"


def _without_ids(pieces: list[Piece]) -> bool:
    """Whether no piece has an id (all are lines that are not sentences: a title or a
    heading; true of none). Counted in C: this is asked of every changed group."""
    return list(map(_PIECE_ID, pieces)).count(None) == len(pieces)


_PIECE_ID = attrgetter("id")


def _extent(pieces: list[Piece]) -> tuple[int, int] | None:
    return (pieces[0].start, pieces[-1].end) if pieces else None


def _significance(change: Any) -> tuple[bool, bool, int, float, bool]:
    """Order sentence verdicts: a reversal first, then any verdict, the tier and score moved."""
    before, after = change.before, change.after
    return (
        change.polarity_change,
        change.verdict != "unchanged",
        abs(after.comparable_tier - before.comparable_tier),
        abs(after.score - before.score),
        bool(change.term_changes),
    )


def _pieces(block: Block | None, span: tuple[int, int] | None) -> list[Piece]:
    """The sentences (and other pieces) of a unit in ``block``, the block holding it; the
    unit itself when it has none."""
    if span is None:
        return []
    if block is None:
        found = []
    elif span[0] <= block.start and block.end <= span[1]:
        found = list(block.pieces)  # the whole block (an article): its pieces lie within it
    else:
        found = [p for p in block.pieces if span[0] <= p.start and p.end <= span[1]]
    return found or [Piece(span[0], span[1])]


def _groups(
    unit: Unit, a_pieces: list[Piece], b_pieces: list[Piece]
) -> list[tuple[list[Piece], list[Piece], list[str]]]:
    """The sentences each change touches on both sides (a change on one side touches the
    sentence it lands in on the other), changes that share a sentence taken together, with
    the texts those changes insert or delete.

    A unit's pieces are in reading order and do not overlap (``sides._fill``), so both
    their starts and their ends rise: the pieces a range overlaps are one stretch of them,
    found by bisection, and a group holds their indices."""
    a_pos = unit.a_span[0] if unit.a_span else 0
    b_pos = unit.b_span[0] if unit.b_span else 0
    # (pieces are named tuples: their starts and ends as two columns, made in C)
    a_starts, a_ends = list(zip(*a_pieces, strict=True))[:2] if a_pieces else ((), ())
    b_starts, b_ends = list(zip(*b_pieces, strict=True))[:2] if b_pieces else ((), ())
    groups: list[tuple[list[int], list[int], list[str]]] = []
    last_a: set[int] = set()
    last_b: set[int] = set()
    for op in unit.ops:
        kind = op.op
        size = len(op.text)
        if kind == "equal" or op.ignored:
            if kind != "insert":
                a_pos += size
            if kind != "delete":
                b_pos += size
            continue
        if kind == "delete":
            a0, a1, b0, b1 = a_pos, a_pos + size, b_pos - 1, b_pos + 1
            a_pos += size
        else:
            a0, a1, b0, b1 = a_pos - 1, a_pos + 1, b_pos, b_pos + size
            b_pos += size
        # the pieces with start < end of the range and end > its start
        a_lo, a_hi = bisect_right(a_ends, a0), bisect_left(a_starts, a1)
        b_lo, b_hi = bisect_right(b_ends, b0), bisect_left(b_starts, b1)
        if a_hi - a_lo == 1 and b_hi - b_lo == 1:
            # the common case, one piece on each side (a change within a sentence): the
            # steps below with single indices, not ranges and sets of them
            if groups and (a_lo in last_a or b_lo in last_b):
                group_a, group_b, group_texts = groups[-1]
                if a_lo not in last_a:
                    group_a.append(a_lo)
                    last_a.add(a_lo)
                if b_lo not in last_b:
                    group_b.append(b_lo)
                    last_b.add(b_lo)
                group_texts.append(op.text)
            else:
                groups.append(([a_lo], [b_lo], [op.text]))
                last_a, last_b = {a_lo}, {b_lo}
            continue
        a_new, b_new = range(a_lo, a_hi), range(b_lo, b_hi)
        if groups and not (last_a.isdisjoint(a_new) and last_b.isdisjoint(b_new)):
            group_a, group_b, group_texts = groups[-1]
            for k in a_new:
                if k not in last_a:
                    group_a.append(k)
                    last_a.add(k)
            for k in b_new:
                if k not in last_b:
                    group_b.append(k)
                    last_b.add(k)
            group_texts.append(op.text)
        elif a_new or b_new:
            groups.append((list(a_new), list(b_new), [op.text]))
            last_a, last_b = set(a_new), set(b_new)
    a_piece, b_piece = a_pieces.__getitem__, b_pieces.__getitem__
    return [
        (list(map(a_piece, group_a)), list(map(b_piece, group_b)), texts)
        for group_a, group_b, texts in groups
    ]


def _lexicon(load: Any, language: str | None) -> Any:
    """The language's lexicon, or None when there is none (strength is then not analysed)."""
    try:
        return load(language) if language else None
    except (ValueError, KeyError, FileNotFoundError):
        return None


def _length(span: tuple[int, int] | None) -> int:
    return span[1] - span[0] if span is not None else 0


def summarise(units: tuple[Unit, ...]) -> dict[str, int]:
    """Counts of unit verdicts, keys in a fixed order: on a long text, where there is no
    overall verdict, what the reader gets instead."""
    return _summary(map(_verdict, units))


def _verdict(unit: Unit) -> tuple[str, bool] | None:
    """What ``summarise`` counts of a unit: its verdict and whether its polarity changed
    (None: not analysed)."""
    change = unit.strength
    return None if change is None else (change.verdict, change.polarity_change)


def _summary(verdicts: Iterable[tuple[str, bool] | None]) -> dict[str, int]:
    """``summarise`` from each unit's ``_verdict``."""
    counts: Counter[str] = Counter()
    for found in verdicts:
        if found is None:
            continue
        verdict, polarity_change = found
        counts["analysed"] += 1
        counts[verdict] += 1
        if polarity_change:
            counts["polarity_changes"] += 1
    keys = ("analysed", "strengthened", "weakened", "unchanged", "polarity_changes")
    return {key: counts[key] for key in keys}


def add_strength(
    report: DiffReport,
    a: Side,
    b: Side,
    *,
    language_a: str | None = None,
    language_b: str | None = None,
    instrument_a: str | None = None,
    instrument_b: str | None = None,
    mapper: Mapper | None = None,
) -> DiffReport:
    """The report with strength verdicts per changed unit, an overall verdict for short texts
    and a summary of unit verdicts, whatever the size of the diff. ``mapper`` runs the units'
    analyses (``drafting.diff.pipeline.Mapper``; default: one after the other)."""
    adder = StrengthAdder(
        a,
        b,
        language_a=language_a,
        language_b=language_b,
        instrument_a=instrument_a,
        instrument_b=instrument_b,
    )
    if mapper is None:
        units = tuple(adder.unit(u) for u in report.units)
    else:
        weights = [_length(u.a_span) + _length(u.b_span) if u.changed else 0 for u in report.units]
        found = mapper(partial(_verdicts_of, adder), report.units, weights)
        units = tuple(
            u if new is None else _graded(u, new)
            for u, new in zip(report.units, found, strict=True)
        )
    return finish_strength(replace(report, units=units), adder)


def finish_strength(
    report: DiffReport,
    adder: StrengthAdder,
    summaries: Sequence[tuple[str, bool] | None] | None = None,
) -> DiffReport:
    """A report whose units ``adder`` graded (``adder.unit``) with its notes, the overall
    verdict and the summary of the unit verdicts: what ``add_strength`` adds after them.
    ``summaries``: ``adder.summary`` of each unit, made where it was graded (the report may
    then keep no units); None: made here of the report's units."""
    return replace(
        report,
        notes=(*report.notes, *adder.notes),
        strength=adder.overall(report, report.options.whole_text_limit),
        strength_summary=summarise(report.units) if summaries is None else _summary(summaries),
    )


def _graded(unit: Unit, found: dict[str, Any]) -> Unit:
    """``dataclasses.replace(unit, **found)``, made in one step: ``Unit`` (a ``frozen_value``,
    no ``__post_init__``, no slots) is a copy of its fields with these changed, which
    ``replace`` gathers field by field in Python and passes to ``__init__`` as keywords
    (every graded unit of a long diff)."""
    return made_at_once(Unit, {**unit.__dict__, **found})


def _verdicts_of(adder: StrengthAdder, unit: Unit) -> dict[str, Any] | None:
    """What ``adder.unit`` adds to a unit (None: nothing), without the unit's ops: the
    mapper may run this in another process and send the result back."""
    return adder.verdicts(unit)


class StrengthHook:
    """``add_strength`` with these settings, in the shape ``compare(..., strength=)`` takes.
    ``compare`` may also run it in two steps (``drafting.diff.pipeline.StagedStrength``):
    ``start`` before the word diff, whose ``unit`` grades each unit where it is made (in the
    process that made it, so a long diff shares word diffs and grading in one go), and
    ``finish`` on the report of graded units; the report is the same either way.

    A plain class with slots, not a frozen dataclass: it is a setting of ``compare``, never
    compared or printed, and making the dataclass was about 3.6 M instructions on the
    serial path of a diff. Treat it as read-only."""

    __slots__ = ("instrument_a", "instrument_b", "language_a", "language_b", "mapper")

    def __init__(
        self,
        language_a: str | None = None,
        language_b: str | None = None,
        instrument_a: str | None = None,
        instrument_b: str | None = None,
        mapper: Mapper | None = None,
    ) -> None:
        self.language_a = language_a
        self.language_b = language_b
        self.instrument_a = instrument_a
        self.instrument_b = instrument_b
        self.mapper = mapper

    def __call__(self, report: DiffReport, a: Side, b: Side) -> DiffReport:
        return add_strength(
            report,
            a,
            b,
            language_a=self.language_a,
            language_b=self.language_b,
            instrument_a=self.instrument_a,
            instrument_b=self.instrument_b,
            mapper=self.mapper,
        )

    def start(self, a: Side, b: Side) -> StrengthAdder:
        return StrengthAdder(
            a,
            b,
            language_a=self.language_a,
            language_b=self.language_b,
            instrument_a=self.instrument_a,
            instrument_b=self.instrument_b,
        )

    def finish(
        self,
        report: DiffReport,
        adder: StrengthAdder,
        summaries: Sequence[tuple[str, bool] | None] | None = None,
    ) -> DiffReport:
        return finish_strength(report, adder, summaries)


def strength_hook(
    *,
    language_a: str | None = None,
    language_b: str | None = None,
    instrument_a: str | None = None,
    instrument_b: str | None = None,
    mapper: Mapper | None = None,
) -> StrengthHook:
    """``add_strength`` with these settings, in the shape ``compare(..., strength=)`` takes."""
    return StrengthHook(language_a, language_b, instrument_a, instrument_b, mapper)
