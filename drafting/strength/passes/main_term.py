"""Pass 7, ``main``: the strongest term sets the clause's tier and polarity.

Ties go to the stronger reading before caps, then to the negative content of a commitment
("will refrain"), then to a modal. Excluded and subordinate terms never win.
"""

from __future__ import annotations

from drafting.strength.passes.state import Op


def main_term(ops: list[Op]) -> Op | None:
    """The operator that sets the tier, or None when there is none."""
    candidates = [op for op in ops if not op.excluded and not op.subordinate]
    best: Op | None = None
    for op in candidates:
        if best is None or (op.tier, op.raw_tier, op.polarity == "negative", op.entry.modal) > (
            best.tier,
            best.raw_tier,
            best.polarity == "negative",
            best.entry.modal,
        ):
            best = op
    return best
