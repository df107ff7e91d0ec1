"""Last step, ``report``: what the passes decided, as terms, flags, hedges, intensifiers and
conditions of an :class:`~drafting.strength.passes.state.Analysis`."""

from __future__ import annotations

from drafting.strength.passes.layers import Layers
from drafting.strength.passes.state import Analysis, Op
from drafting.strength.result import Modifier, Term


def report_terms(
    analysis: Analysis, text: str, ops: list[Op], main: Op | None, layers: Layers
) -> None:
    """Operators become terms (or C5 flags when excluded); false friends and vague words
    (C7) become flags; flags end up in text order."""
    for op in ops:
        if op.excluded == "not-a-recital":
            continue  # a participle inside a sentence ("by taking …"): nothing to report
        if op.excluded:
            analysis.flags.append(
                Modifier(
                    text[op.hit.start : op.hit.end],
                    op.hit.start,
                    op.hit.end,
                    "C5",
                    "false-friend" if op.excluded != "condition" else "condition-trigger",
                )
            )
            continue
        end = max(op.hit.end, op.extend_to)
        analysis.terms.append(
            Term(  # by position (Term's field order), cheaper than by keyword
                text[op.hit.start : end],  # text
                op.hit.start,  # start
                end,  # end
                op.entry.category,  # category
                op.entry.tier if op.entry.tier is not None else 0,  # tier
                op.negated,  # negated
                op.rule or op.entry.rule,  # rule
                op.polarity,  # type: ignore[arg-type]  # polarity
                op.tier,  # effective_tier
                op is main,  # main
                op.reason,  # reason
            )
        )
    for hit in layers.false_friends:
        analysis.flags.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "C5", "false-friend")
        )
    for hit in layers.low_precision:
        analysis.flags.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "C7", "low-precision")
        )
    if len(analysis.flags) > 1:
        analysis.flags.sort(key=lambda m: (m.start, m.end))


def report_modifiers(
    analysis: Analysis, text: str, main: Op | None, layers: Layers, preamble_end: int
) -> None:
    """Hedges, intensifiers and conditions, each marked counted or not: a hedge inside the
    main intention ("intend to") is its wording, an intensifier in a recital or under a
    negation adds no force, and a condition a hedge already covers is not listed."""
    main_intention = (
        (main.hit.start, main.hit.end) if main and main.entry.category == "intention" else None
    )
    for hit in layers.hedges:
        counted = not (
            main_intention and hit.start < main_intention[1] and main_intention[0] < hit.end
        )
        analysis.hedges.append(
            Modifier(
                text[hit.start : hit.end], hit.start, hit.end, hit.entry.rule, "hedge", counted
            )
        )
    negators = layers.negators
    for hit in layers.intensifiers:
        in_preamble = hit.start < preamble_end
        # in the zone of a negator: from the word before it to three words after it
        under_negation = False
        for negator in negators:
            if negator.first - 1 <= hit.first < negator.last + 4:
                under_negation = True
                break
        analysis.intensifiers.append(
            Modifier(
                text[hit.start : hit.end],
                hit.start,
                hit.end,
                hit.entry.rule,
                "intensifier",
                not (in_preamble or under_negation),
            )
        )
    hedged_words = (
        {i for h in layers.hedges for i in range(h.first, h.last + 1)}
        if layers.conditions
        else set()
    )
    for hit in layers.conditions:
        if hit.first in hedged_words:
            continue
        analysis.conditions.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "K", "condition", False)
        )
