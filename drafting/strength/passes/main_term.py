"""Pass 7, ``main``: the strongest term sets the clause's tier and polarity.

Ties go to the stronger reading before caps, then to the negative content of a commitment
("will refrain"), then to a modal. Excluded and subordinate terms never win.
"""

from __future__ import annotations

from drafting.strength.passes.state import Op


def main_term(ops: list[Op]) -> Op | None:
    """The operator that sets the tier, or None when there is none."""
    best: Op | None = None
    best_key: tuple[int, int, bool, bool] | None = None
    for op in ops:
        if op.excluded or op.subordinate:
            continue
        key = (op.tier, op.raw_tier, op.polarity == "negative", op.entry.modal)
        if best_key is None or key > best_key:  # the first of equals stays
            best, best_key = op, key
    return best
