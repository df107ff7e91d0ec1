"""Pass 1a, ``bounds`` (C4): a negator that opens a time or quantity bound negates nothing.

"Each Party shall report, not later than 30 days after …", "shall maintain not less than ten
inspectors", "a fee not exceeding …", "dans un délai ne dépassant pas trente jours", "au plus
tard", "не позднее", "не менее", "не пізніше", "не більше": the "not" belongs to the bound,
and the operator keeps its positive force. The pass drops such negators, and turns an
operator whose own negation is such a "not" ("shall …2 not" matching "shall report, not
later") back into the bare modal. Cheap: it looks only at the words after negators.
"""

from __future__ import annotations

from dataclasses import replace

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
    whether anything changed."""
    words = ctx.tokens.words
    count = len(words)

    def opens_bound(index: int) -> bool:
        word = words[index]
        if word in NEGATOR_WORDS:
            return (
                index + 1 < count
                and words[index + 1] in BOUNDS
                and not ctx.comma_before[index + 1]  # "shall not, later than …, change"
            )
        # "ne dépassant pas": the closing "pas" after the bound word; "au plus tard"
        if word == "pas":
            return index > 0 and words[index - 1] in BOUNDS
        if word in ("plus", "moins"):
            return index > 0 and words[index - 1] in BOUND_PARTICLES
        return False

    changed = False
    kept = [hit for hit in layers.negators if not opens_bound(hit.first)]
    if len(kept) != len(layers.negators):
        layers.negators = kept
        changed = True
    for op in layers.ops:
        hit = op.hit
        if (
            op.entry.modal
            and op.entry.polarity == "negative"
            and hit.last > hit.first
            and words[hit.last] in NEGATOR_WORDS
            and opens_bound(hit.last)
        ):
            op.hit = _bare_modal(ctx, hit)
            changed = True
    return changed


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
    return replace(
        hit, start=start, end=end, match_start=start, match_end=end, entry=entry, last=first
    )
