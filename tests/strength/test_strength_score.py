"""The score's arithmetic: the shortcut that skips ``round`` where it would change nothing."""

from __future__ import annotations

import itertools

from drafting.strength.analyse import _score
from drafting.strength.passes.state import Analysis
from drafting.strength.result import Modifier


def _analysis(intensifiers: int, hedges: int, uncounted: int, weight: float) -> Analysis:
    analysis = Analysis(0, "positive")
    analysis.intensifiers = [Modifier("x", 0, 1, "C2", "intensifier")] * intensifiers
    analysis.hedges = [Modifier("y", 0, 1, "C2", "hedge")] * hedges
    analysis.hedges += [Modifier("z", 0, 1, "C2", "hedge", counted=False)] * uncounted
    analysis.weight = weight
    return analysis


def test_a_score_without_weight_is_what_rounding_gives() -> None:
    """Without a weight the score skips ``round(…, 2)``: every tier, intensifier and hedge
    count gives exactly the rounded value (a step that is not a whole number of quarters
    would make this fail)."""
    for tier, boosts, hedges, uncounted in itertools.product(range(6), range(4), range(5), (0, 1)):
        analysis = _analysis(boosts, hedges, uncounted, 0.0)
        score = _score(analysis, tier)
        unrounded = max(0.0, min(5.0, tier + min(0.5, 0.25 * boosts) - min(1.5, 0.5 * hedges)))
        assert score == round(unrounded, 2) and isinstance(score, float)
        assert str(score) == str(round(unrounded, 2))


def test_a_weighted_score_is_rounded() -> None:
    assert _score(_analysis(1, 0, 0, 0.15), 2) == 2.4
    assert _score(_analysis(1, 1, 0, 0.3), 0) == 0.05  # summed: 0.04999999999999999
