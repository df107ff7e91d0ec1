"""The context rules of the strength scale (C1–C8), applied to the matches of one text.

The passes live one per module in :mod:`drafting.strength.passes` and run in this order
(each reads the result of the ones before it):

1. ``layers``: split matches into operators, negators, modifiers; resolve overlaps per layer.
1a. ``bounds`` (C4): a negator that opens a time or quantity bound ("shall report, not later
   than", "не позднее", "au plus tard") negates nothing; it is dropped.
1b. ``finite_verb`` (C8): in French, Russian and Ukrainian, a sentence with no operator
   gets one from its main finite verb (present: the instrument's force; perfective
   future: like "will"), by morphology.
1c. ``chapeau_items`` (C3): a negated item under a chapeau ("undertake: (a) not to …")
   becomes a prohibition that takes the chapeau's force in ``governance``.
2. ``exclusions`` (C5): modals inside conditions, conditional "Should …", false friends;
   relative clauses make a term subordinate (it is reported but does not set the tier).
3. ``preamble`` (C2) and ``reported`` (C1): recitals and that-clauses under "notes",
   "welcomes", "expects" are acknowledged, not promised: tier 0.
4. ``governance`` (C3, C4): a lexical verb after a modal is that modal's content ("shall
   refrain", "may … invite"); a prohibition verb takes its force from the nearest operator
   before it; a chapeau lends its operator to items that have none.
5. ``heads`` (C1, C2, C4, C8): instrument context, negation and absolute markers, for every
   operator that heads its clause (called from ``governance``).
6. ``general_assembly_cap`` (C2).
7. ``main``: the strongest term sets the clause's tier and polarity.
8. ``list_item`` (C3): with no operator at all, a text that opens with a bare verb is a list
   item cut from its chapeau; ``chapeau``: a text with no operator given its chapeau
   (``analyse(…, chapeau=…)``) takes the chapeau's.

Every pass that changes the reading is recorded in ``Analysis.passes`` (in this order), which
``drafting strength --explain`` lists.

Then ``report`` turns the working state into the terms, flags, hedges, intensifiers and
conditions of the :class:`Analysis`.
"""

from __future__ import annotations

from operator import attrgetter

from drafting.strength.lexicon import Lexicon
from drafting.strength.matcher import find_hits, normalise
from drafting.strength.passes.bounds import bounds
from drafting.strength.passes.cap import general_assembly_cap
from drafting.strength.passes.chapeau import chapeau_items
from drafting.strength.passes.exclusions import exclusions
from drafting.strength.passes.finite_verb import finite_verb
from drafting.strength.passes.governance import governance
from drafting.strength.passes.heads import contextual_tier
from drafting.strength.passes.layers import layers as split_layers
from drafting.strength.passes.list_item import list_item
from drafting.strength.passes.main_term import main_term
from drafting.strength.passes.preamble import preamble, reported
from drafting.strength.passes.report import report_modifiers, report_terms
from drafting.strength.passes.state import GA, Analysis, Context, Inherited, Negators, Op
from drafting.strength.result import Term
from drafting.text.tokens import Words

__all__ = ["PASSES", "Analysis", "Inherited", "analyse_plain", "contextual_tier", "short_label"]

PASSES = (
    "layers",
    "bounds",
    "finite_verb",
    "chapeau_items",
    "exclusions",
    "preamble",
    "reported",
    "governance",
    "heads",
    "general_assembly_cap",
    "main",
    "list_item",
    "chapeau",
)
"""The passes in the order :func:`analyse_plain` runs them (documented above)."""

_SHORT = {
    5: "prohibition",
    4: "binding obligation",
    3: "political commitment",
    1: "permission",
    0: "acknowledgement",
}


def analyse_plain(
    text: str, lexicon: Lexicon, instrument: str | None, inherited: Inherited | None = None
) -> Analysis:
    """Apply the passes to one text (no brackets): see the module docstring."""
    norm = normalise(text)
    tokens = Words.of(norm)
    layers = split_layers(find_hits(norm, tokens, lexicon.compiled))
    ctx = Context(text, norm, tokens, instrument, lexicon.language)
    if layers.ops:
        ctx.fire("layers")
    if (layers.negators or layers.ops) and bounds(ctx, layers):
        ctx.fire("bounds")
    found = len(layers.ops)
    ops = finite_verb(ctx, layers.ops, lexicon.language)
    if len(ops) > found:
        ctx.fire("finite_verb")
    found = len(ops)
    ops = layers.ops = chapeau_items(ctx, ops, lexicon.language)
    if len(ops) > found:
        ctx.fire("chapeau_items")

    main: Op | None = None
    preamble_end = 0
    if ops:  # without an operator, exclusions … general_assembly_cap have nothing to change
        # each pass is recorded when it changed an operator's state; the state is taken
        # only around the passes that can change it in this text
        if exclusions(ctx, ops, layers.conditions, layers.relatives):  # it says if it did
            ctx.fire("exclusions")
        before: list[tuple[object, ...]] | None = None
        recital = False  # a recital opener among the operators (a loop: no generator)
        for op in ops:
            if op.entry.category == "preamble":
                recital = True
                break
        if recital:
            before = _states(ops)
            preamble_end = preamble(ctx, ops, layers.complementizers)
            before = _fired_if_changed(ctx, "preamble", ops, before)
        # else preamble() finds no recital opener: it changes nothing and returns 0
        capped = False  # only reported() sets an operator's cap
        if layers.complementizers or layers.epistemic:
            if before is None:
                before = _states(ops)
            reported(ctx, ops, layers.complementizers, layers.epistemic, layers.relatives)
            _fired_if_changed(ctx, "reported", ops, before)
            capped = any(op.cap is not None for op in ops)
        # else reported() has no that-clause and no epistemic phrase: it changes nothing
        negators = Negators(layers.negators) if layers.negators else _NO_NEGATORS
        governance(ctx, ops, negators, layers.complementizers, inherited)
        if ctx.instrument == GA or capped:
            before = _states(ops)
            general_assembly_cap(ctx, ops)
            _fired_if_changed(ctx, "general_assembly_cap", ops, before)
        else:  # no cap and no General Assembly: it only copies each tier to raw_tier
            general_assembly_cap(ctx, ops)
        main = main_term(ops)
        if main is not None:
            ctx.fire("main")

    analysis = Analysis(0, "positive")  # tier, polarity
    if main is not None:
        analysis.tier, analysis.polarity = main.tier, main.polarity
        analysis.weight = main.entry.weight
        analysis.main_reason = main.reason
    elif inherited is not None:
        analysis.tier, analysis.polarity = inherited.tier, inherited.polarity
        analysis.main_reason = f"no operator of its own: takes '{inherited.text}' from the chapeau"
    else:
        item = list_item(ctx, lexicon.language)
        if item is not None:
            analysis.tier, analysis.polarity, analysis.main_reason = item
            ctx.fire("list_item")
    if inherited is not None and main is None:
        ctx.fire("chapeau")
    fired = ctx.fired
    # in PASSES order: sort the few names that fired (with a name outside PASSES, which no
    # pass fires today, walk PASSES as before, which drops it)
    analysis.passes = (
        sorted(fired, key=_PASS_ORDER.__getitem__)
        if fired.keys() <= _PASS_ORDER.keys()
        else [name for name in PASSES if name in fired]
    )
    report_terms(analysis, text, ops, main, layers)
    report_modifiers(analysis, text, main, layers, preamble_end)
    return analysis


_PASS_ORDER = {name: index for index, name in enumerate(PASSES)}
_NO_NEGATORS = Negators([])
"""Shared by every text without a negator (``Negators`` is only read after it is built)."""

_STATE = attrgetter("tier", "polarity", "excluded", "subordinate", "absorbed", "done", "rule")
"""What a pass can change in an operator (compared before and after it, for ``--explain``)."""


def _states(ops: list[Op]) -> list[tuple[object, ...]]:
    return list(map(_STATE, ops))


def _fired_if_changed(
    ctx: Context, name: str, ops: list[Op], before: list[tuple[object, ...]]
) -> list[tuple[object, ...]]:
    """Record ``name`` as fired when it changed any operator; return the new states."""
    after = _states(ops)
    if after != before:
        ctx.fire(name)
    return after


def short_label(term: Term) -> str:
    """'political commitment', 'absolute', 'recommendation' … for explanations."""
    if term.effective_tier == 5 and "absolute" in term.reason:
        return "absolute"
    if term.effective_tier == 2:
        return "intention" if term.category == "intention" else "recommendation"
    return _SHORT.get(term.effective_tier, term.category)
