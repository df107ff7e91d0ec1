"""Pass 3, ``preamble`` (C2) and ``reported`` (C1): recitals and reported content are tier 0.

A sentence-initial participle (Recalling, Rappelant, Подтверждая …) makes its recital an
acknowledgement, including any "shall" inside it; modals in the that-clause of "notes",
"welcomes", "expects" … are reported or predicted, not promised.
"""

from __future__ import annotations

import re
from functools import cache

from drafting.strength.matcher import Hit
from drafting.strength.passes.state import Context, Op, between, word_set


@cache
def _list_marker() -> re.Pattern[str]:
    """A list marker alone ("(a)", "1.", "-"): compiled when a recital first needs it
    (start-up time: about 1.9 M instructions at import, and most diffs hold no recital)."""
    return re.compile(r"^\s*(?:\(?[0-9ivxa-z]{1,4}[.)]|[-•–—*])\s*$")


PREAMBLE_ADVERBS = word_set("PREAMBLE_ADVERBS")
OPERATIVE = frozenset({"obligation", "recommendation", "permission", "prohibition", "commitment"})
"""Categories of an operative verb that ends an introductory participle phrase."""
REPORTED_REACH = 8
"""How many words after an acknowledgement verb its that-clause may open."""


def preamble(ctx: Context, ops: list[Op], complementizers: set[int]) -> int:
    """Absorb everything a sentence-initial participle governs; return the end offset."""
    end_offset = 0
    firsts = [op.hit.first for op in ops]
    for op in ops:
        if op.entry.category != "preamble" or op.excluded:
            continue
        first = op.hit.first
        opening = ctx.sentence_start(first)
        lead = ctx.norm[
            ctx.tokens.starts[opening] if opening < first else op.hit.start : op.hit.start
        ]
        adverbs_only = all(w in PREAMBLE_ADVERBS for w in ctx.tokens.words[opening:first])
        if opening < first and not _list_marker().match(lead) and not adverbs_only:
            op.excluded = "not-a-recital"
            continue
        last_in_sentence = ctx.sentence_last(first)
        tail = ctx.norm[ctx.tokens.ends[last_in_sentence] :].strip()
        whole = any(op.hit.last < c <= op.hit.last + 3 for c in complementizers) or tail[:1] in (
            ",",
            ";",
        )
        scope_end = (
            last_in_sentence
            if whole
            else ctx.punctuated_end(
                op.hit.last + 1 if op.hit.last + 1 < len(ctx.sentence) else op.hit.last
            )
        )
        operative = next(
            (
                other
                for other in between(ops, firsts, op.hit.last, scope_end)
                if other.entry.category in OPERATIVE
                and ctx.comma_before[other.hit.first]
                and ctx.text[other.hit.start].islower()
            ),
            None,
        )
        if operative is not None:
            # "Acting under Chapter VII of the Charter, decides that …": an introductory
            # participle phrase, not a recital; the operative verb after it is graded
            scope_end = operative.hit.first - 1
        op.tier, op.rule, op.done = 0, "C2", True
        op.reason = "preamble recital: acknowledged, not promised (C2)"
        for other in between(ops, firsts, first, scope_end):
            if not other.excluded:
                other.absorbed = True
                other.tier, other.polarity, other.rule, other.done = 0, "positive", "C2", True
                other.reason = "inside a preamble recital (C2)"
        end_offset = max(end_offset, ctx.tokens.ends[scope_end])
    return end_offset


def reported(
    ctx: Context,
    ops: list[Op],
    complementizers: set[int],
    epistemic: list[Hit],
    relatives: list[Hit] = (),  # type: ignore[assignment]
) -> None:
    """Modals in the that-clause of "notes", "welcomes", "expects" … are reported (tier 0).

    The that-clause may follow the verb's object ("Welcomes the intention expressed by
    certain States that they will …": up to eight words). An epistemic phrase inside a
    relative clause ("the continuance of which is likely to endanger") predicts nothing
    about the main clause."""
    relative_lasts = {rel.last for rel in relatives}
    firsts = [op.hit.first for op in ops]
    openers: list[tuple[int, str]] = []
    for op in ops:
        if op.excluded or op.done or op.entry.category != "acknowledgement":
            continue
        if op.entry.scope == "clause" and any(
            op.hit.last < c <= op.hit.last + REPORTED_REACH
            and ctx.clause[c] == ctx.clause[op.hit.last]
            for c in complementizers
        ):
            openers.append(
                (op.hit.last, "reported by '" + ctx.text[op.hit.start : op.hit.end] + "'")
            )
    for op in ops:
        if op.excluded or op.done or op.entry.category != "recommendation" or op.entry.modal:
            continue
        last = op.hit.last
        if any(last < c <= last + 2 and ctx.clause[c] == ctx.clause[last] for c in complementizers):
            name = ctx.text[op.hit.start : op.hit.end]
            for inner in between(ops, firsts, last, ctx.clause_end(last)):
                if not (inner.excluded or inner.done):
                    inner.cap = (2, f"inside the that-clause of '{name}': recommended (C2)")
    for hit in epistemic:
        if any(i in relative_lasts for i in range(hit.first - 3, hit.first)):
            continue
        openers.append((hit.last, "predictive after '" + ctx.text[hit.start : hit.end] + "'"))
    for last, why in openers:
        # "If a Party considers that its interests are affected, it may …": a that-clause
        # inside an opening condition ends with the condition, at its comma
        end = ctx.punctuated_end(last) if ctx.in_opening_condition(last) else ctx.clause_end(last)
        for op in between(ops, firsts, last, end):
            if op.excluded or op.done:
                continue
            op.tier, op.polarity, op.rule, op.done = 0, "positive", "C1", True
            op.reason = f"{why}: not a commitment (C1)"
