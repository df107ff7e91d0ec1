"""Pass 1a, ``bounds`` (C4): a negator that opens a time or quantity bound negates nothing.

"Each Party shall report, not later than 30 days after …", "shall maintain not less than ten
inspectors", "a fee not exceeding …", "dans un délai ne dépassant pas trente jours", "au plus
tard", "не позднее", "не менее", "не пізніше", "не більше": the "not" belongs to the bound,
and the operator keeps its positive force. The pass drops such negators, and turns an
operator whose own negation is such a "not" ("shall …2 not" matching "shall report, not
later") back into the bare modal. Cheap: it looks only at the words after negators.
"""

from __future__ import annotations

from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.passes.layers import Layers
from drafting.strength.passes.state import Context, word_set

BOUNDS = word_set("BOUNDS")
BOUND_PARTICLES = word_set("BOUND_PARTICLES")
NEGATOR_WORDS = frozenset({"not", "no", "ne", "n", "не"})
PERMISSIVE_MODALS = frozenset({"may", "can", "might", "could"})


def bounds(ctx: Context, layers: Layers) -> bool:
    """Drop the negators that open a bound and unnegate operators that ended in one; return
    whether anything changed. Only the word after each negator (and after an operator's own
    final "not") is looked at."""
    words = ctx.tokens.words
    bound = [hit for hit in layers.negators if _opens_bound(ctx, words, hit.first)]
    if bound:
        layers.negators = [hit for hit in layers.negators if hit not in bound]
    changed = bool(bound)
    for op in layers.ops:
        hit = op.hit
        if (
            op.entry.polarity == "negative"
            and op.entry.modal
            and hit.last > hit.first
            and words[hit.last] in NEGATOR_WORDS  # "shall …2 not" ending in its own "not"
            and _opens_bound(ctx, words, hit.last)
        ):
            op.rehit(_bare_modal(ctx, hit))
            changed = True
    return changed


def _opens_bound(ctx: Context, words: tuple[str, ...] | list[str], index: int) -> bool:
    """Whether the negator at ``index`` opens a bound ("not later than", "ne dépassant pas",
    "au plus tard")."""
    word = words[index]
    if word in NEGATOR_WORDS:
        return (
            index + 1 < len(words)
            and words[index + 1] in BOUNDS
            and not ctx.comma_before[index + 1]  # "shall not, later than …, change"
        )
    if word == "pas":  # "ne dépassant pas": the closing "pas" after the bound word
        return index > 0 and words[index - 1] in BOUNDS
    if word in ("plus", "moins"):  # "au plus tard", "au moins"
        return index > 0 and words[index - 1] in BOUND_PARTICLES
    return False


def _bare_modal(ctx: Context, hit: Hit) -> Hit:
    """The modal of ``hit`` without the negator that opens a bound ("shall report, not")."""
    first = hit.first
    start, end = ctx.tokens.starts[first], ctx.tokens.ends[first]
    permissive = ctx.tokens.words[first] in PERMISSIVE_MODALS
    entry = Entry(
        id=f"{hit.entry.id}.bounded",
        pattern="",
        category="permission" if permissive else "obligation",
        tier=1 if permissive else 4,
        rule="T1" if permissive else "T4",
        modal=True,
        note="a modal whose 'not' opens a time or quantity bound ('not later than')",
    )
    return Hit(start, end, start, end, entry, first, first, hit.order)
