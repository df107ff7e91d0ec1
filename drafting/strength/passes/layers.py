"""Pass 1, ``layers``: split the matches into operators, negators and modifiers.

Overlaps are resolved within a layer only, so a negator or a hedge never hides the operator
next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(slots=True)
class Layers:
    """The matches of one text, split by what the passes do with them."""

    ops: list[Op]
    negators: list[Hit]
    hedges: list[Hit]
    intensifiers: list[Hit]
    low_precision: list[Hit]
    conditions: list[Hit]
    relatives: list[Hit]
    complementizers: set[int]
    """Word indices of "that", "que", "что" …: where a reported (that-) clause opens."""
    epistemic: list[Hit]
    false_friends: list[Hit]


def _by_category(hits: list[Hit]) -> dict[str, list[Hit]]:
    """The hits grouped by their entry's category, each group in the order given."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.entry.category, []).append(hit)
    return groups


def layers(hits: list[Hit]) -> Layers:
    """The layers of one text's matches, each free of overlaps."""
    core = resolve_overlaps([h for h in hits if h.entry.category in CORE], GENERIC)
    negators = resolve_overlaps([h for h in hits if h.entry.category in NEGATION_LAYER], GENERIC)
    found = _by_category(hits)
    in_core = _by_category(core)
    return Layers(
        ops=[Op(h) for h in core if h.entry.is_operator],
        negators=[h for h in negators if h.entry.category != "false-friend"],
        hedges=resolve_overlaps(found.get("hedge", []), GENERIC),
        intensifiers=resolve_overlaps(found.get("intensifier", []), GENERIC),
        low_precision=resolve_overlaps(found.get("low-precision", []), GENERIC),
        conditions=in_core.get("condition", []),
        relatives=in_core.get("relative", []),
        complementizers={h.first for h in in_core.get("reporting", ())},
        epistemic=in_core.get("epistemic", []),
        false_friends=in_core.get("false-friend", []),
    )
