"""Pass 1, ``layers``: split the matches into operators, negators and modifiers.

Overlaps are resolved within a layer only, so a negator or a hedge never hides the operator
next to it.
"""

from __future__ import annotations

from drafting.strength.lexicon import OPERATOR_CATEGORIES
from drafting.strength.matcher import Hit, resolve_overlaps
from drafting.strength.passes.state import Op

CORE = frozenset(OPERATOR_CATEGORIES) | {
    "false-friend",
    "relative",
    "condition",
    "epistemic",
    "reporting",
}
NEGATION_LAYER = frozenset({"negation", "absolute", "false-friend"})
GENERIC = frozenset({"subject"})
"""Entry contexts that are generic subject + verb readings: they lose ties to named words."""


class Layers:
    """The matches of one text, split by what the passes do with them.

    A plain class with slots, not a dataclass: it never leaves an analysis and is never
    compared or printed, and making the dataclass cost about 3.7 M instructions when
    ``drafting.strength`` is imported (on the serial path of a diff)."""

    __slots__ = (
        "complementizers",
        "conditions",
        "epistemic",
        "false_friends",
        "hedges",
        "intensifiers",
        "low_precision",
        "negators",
        "ops",
        "relatives",
    )

    def __init__(
        self,
        ops: list[Op],
        negators: list[Hit],
        hedges: list[Hit],
        intensifiers: list[Hit],
        low_precision: list[Hit],
        conditions: list[Hit],
        relatives: list[Hit],
        complementizers: set[int],
        epistemic: list[Hit],
        false_friends: list[Hit],
    ) -> None:
        self.ops = ops
        self.negators = negators
        self.hedges = hedges
        self.intensifiers = intensifiers
        self.low_precision = low_precision
        self.conditions = conditions
        self.relatives = relatives
        self.complementizers = complementizers
        """Word indices of "that", "que", "что" …: where a reported (that-) clause opens."""
        self.epistemic = epistemic
        self.false_friends = false_friends


OPERATORS = frozenset(OPERATOR_CATEGORIES)


def layers(hits: list[Hit]) -> Layers:
    """The layers of one text's matches, each free of overlaps.

    One walk sorts the matches into their layers (a category belongs to exactly one of
    core, negation, hedge, intensifier, low precision; a false friend is in both core and
    negation), each in the order given; overlaps are then resolved per layer."""
    core: list[Hit] = []
    negators: list[Hit] = []
    hedges: list[Hit] = []
    intensifiers: list[Hit] = []
    low_precision: list[Hit] = []
    negating_friends = False  # a false friend among the negators (taken out at the end)
    for hit in hits:
        category = hit.entry.category
        if category in CORE:
            core.append(hit)
            if category == "false-friend":
                negators.append(hit)
                negating_friends = True
        elif category in NEGATION_LAYER:
            negators.append(hit)
        elif category == "hedge":
            hedges.append(hit)
        elif category == "intensifier":
            intensifiers.append(hit)
        elif category == "low-precision":
            low_precision.append(hit)
    if len(core) > 1:
        core = resolve_overlaps(core, GENERIC)
    if len(negators) > 1:
        negators = resolve_overlaps(negators, GENERIC)
    ops: list[Op] = []
    conditions: list[Hit] = []
    relatives: list[Hit] = []
    complementizers: set[int] = set()
    epistemic: list[Hit] = []
    false_friends: list[Hit] = []
    for hit in core:
        category = hit.entry.category
        if category in OPERATORS:
            ops.append(Op(hit))
        elif category == "condition":
            conditions.append(hit)
        elif category == "relative":
            relatives.append(hit)
        elif category == "reporting":
            complementizers.add(hit.first)
        elif category == "epistemic":
            epistemic.append(hit)
        elif category == "false-friend":
            false_friends.append(hit)
    return Layers(  # by position (the parameter order), cheaper than by keyword
        ops,
        (  # negators
            [h for h in negators if h.entry.category != "false-friend"]
            if negating_friends
            else negators
        ),
        resolve_overlaps(hedges, GENERIC) if len(hedges) > 1 else hedges,  # hedges
        (  # intensifiers
            resolve_overlaps(intensifiers, GENERIC) if len(intensifiers) > 1 else intensifiers
        ),
        (  # low_precision
            resolve_overlaps(low_precision, GENERIC) if len(low_precision) > 1 else low_precision
        ),
        conditions,
        relatives,
        complementizers,
        epistemic,
        false_friends,
    )
