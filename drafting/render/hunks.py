"""Changes and their strength verdicts, as the HTML and Word redlines both place them.

A *change* is a run of consecutive delete/insert ops in a unit (a replacement is one change);
each flagged sentence verdict of a unit is placed on the first change inside that sentence,
so a badge (HTML) or a comment (Word) sits on the hunk that made it. Written once here so the
two formats agree on what is a change and what a flag says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from drafting.diff.report import Op, Unit
from drafting.render.rows import flagged


@dataclass(frozen=True)
class Change:
    """Consecutive non-equal, non-ignored ops of one unit: where they are, and their id."""

    ident: str
    first: int
    """Index of its first op in the unit."""
    last: int
    a_range: tuple[int, int] | None
    b_range: tuple[int, int] | None


def changes_of(unit: Unit, counter: list[int]) -> list[Change]:
    """The unit's changes, numbered ``c1``, ``c2``… on from ``counter[0]`` (report-wide)."""
    out: list[Change] = []
    k = 0
    ops = unit.ops
    while k < len(ops):
        if ops[k].op == "equal" or ops[k].ignored:
            k += 1
            continue
        start = k
        while k < len(ops) and ops[k].op != "equal" and not ops[k].ignored:
            k += 1
        counter[0] += 1
        group = ops[start:k]
        out.append(Change(f"c{counter[0]}", start, k - 1, _range(group, "a"), _range(group, "b")))
    return out


def _range(ops: Sequence[Op], side: str) -> tuple[int, int] | None:
    starts = [
        (start, len(o.text)) for o in ops if (start := getattr(o, f"{side}_start")) is not None
    ]
    if not starts:
        return None
    return starts[0][0], starts[-1][0] + starts[-1][1]


def _overlaps(span: tuple[int, int] | None, rng: tuple[int, int] | None) -> bool:
    if span is None or rng is None:
        return False
    if rng[0] == rng[1]:
        return span[0] <= rng[0] <= span[1]
    return rng[0] < span[1] and span[0] < rng[1]


def verdicts_by_change(unit: Unit, changes: list[Change]) -> dict[str, list[Any]]:
    """Each flagged sentence verdict (a ``StrengthChange``) keyed by the change it sits on:
    the first change inside that sentence, else the unit's first change."""
    recital = [s for s in unit.strength_sentences if s.kind == "recital"]
    found = [
        (s.a_span, s.b_span, s.change)
        for s in unit.strength_sentences
        if s.kind != "recital" and flagged(s.change)  # a recital moves no commitment
    ]
    if not found and not recital and flagged(unit.strength):
        found = [(unit.a_span, unit.b_span, unit.strength)]
    out: dict[str, list[Any]] = {}
    for a_span, b_span, change in found:
        target = next(
            (c for c in changes if _overlaps(a_span, c.a_range) or _overlaps(b_span, c.b_range)),
            changes[0] if changes else None,
        )
        if target is not None:
            out.setdefault(target.ident, []).append(change)
    return out


def term_marked(unit: Unit, side: str, start: int | None, size: int) -> bool:
    """Whether ``size`` characters at ``start`` on ``side`` touch a changed strength term."""
    if start is None:
        return False
    return any(
        s == side and begin < start + size and start < end for s, begin, end in unit.strength_marks
    )


def _term_words(term: Any) -> str:
    return f"“{term.text}” ({term.rule}, tier {term.effective_tier or term.tier})"


@dataclass(frozen=True)
class Flag:
    """What a badge or a comment says about one verdict."""

    verdict: str
    reversed: bool
    rules: tuple[str, ...]
    words: tuple[str, ...]
    text: str
    """One paragraph: verdict, explanation, and each term change with its rule."""


def flag_of(change: Any) -> Flag:
    """The verdict, the rules and the words of a strength comparison, said in one paragraph."""
    verdict = getattr(change, "verdict", "unchanged") or "unchanged"
    reversed_ = bool(getattr(change, "polarity_change", False))
    rules: list[str] = []
    words: list[str] = []
    parts: list[str] = []
    for tc in getattr(change, "term_changes", ()):
        before, after = tc.before, tc.after
        for term in (before, after):
            if term is not None:
                rules.append(term.rule)
                words.append(term.text)
        if tc.kind == "replaced" and before is not None and after is not None:
            parts.append(f"{_term_words(before)} replaced by {_term_words(after)}")
        elif tc.kind == "added" and after is not None:
            parts.append(f"added {_term_words(after)}")
        elif before is not None:
            parts.append(f"removed {_term_words(before)}")
    text = f"{verdict}{', polarity reversed' if reversed_ else ''}"
    explanation = getattr(change, "explanation", "")
    if explanation:
        text += f": {explanation}"
    if parts:
        text += " Rules and words: " + "; ".join(parts) + "."
    return Flag(
        verdict,
        reversed_,
        tuple(dict.fromkeys(rules)),
        tuple(dict.fromkeys(words)),
        text,
    )
