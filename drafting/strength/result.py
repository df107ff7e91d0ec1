"""The values a strength analysis returns: plain frozen dataclasses with ``to_json``.

Field names follow ``shared/strength-scale.md`` exactly, so the JSON a user reads, the
schema in ``schemas/strength.schema.json`` and the Python API say the same thing.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, Literal

from drafting.model import frozen_value

SCHEMA_VERSION = "1"

Polarity = Literal["positive", "negative"]
Verdict = Literal["strengthened", "weakened", "unchanged"]

TIER_NAMES: dict[int, str] = {
    5: "prohibition / absolute",
    4: "binding obligation",
    3: "political commitment",
    2: "recommendation / intention",
    1: "permission / entitlement",
    0: "acknowledgement",
}


@frozen_value()
class Term:
    """A flagged strength term: the words, where they are, and why they count."""

    text: str
    start: int
    end: int
    category: str
    tier: int
    negated: bool
    rule: str
    polarity: Polarity = "positive"
    effective_tier: int = 0
    """The tier after context rules (``tier`` is the lexical tier the lexicon gives)."""
    main: bool = False
    """True for the term that sets the clause's tier."""
    reason: str = ""
    """One short phrase saying which rule changed the lexical tier, if any."""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "tier": self.tier,
            "negated": self.negated,
            "rule": self.rule,
            "polarity": self.polarity,
            "effective_tier": self.effective_tier,
            "main": self.main,
            "reason": self.reason,
        }


@frozen_value()
class Modifier:
    """A hedge, intensifier, condition or other flag, with the rule that found it."""

    text: str
    start: int
    end: int
    rule: str = ""
    kind: str = ""
    counted: bool = True
    """False when the modifier was found but does not move the score (negated intensifier,
    intensifier in a preamble)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
            "kind": self.kind,
            "counted": self.counted,
        }


@frozen_value()
class StrengthResult:
    """How strongly one clause binds, and which words make it so."""

    text: str
    tier: int | None
    tier_range: tuple[int, int] | None
    polarity: Polarity
    score: float
    terms: tuple[Term, ...]
    hedges: tuple[Modifier, ...]
    intensifiers: tuple[Modifier, ...]
    conditions: tuple[Modifier, ...]
    language: str
    instrument: str | None
    flags: tuple[Modifier, ...] = ()
    """Low-precision triggers (C7), brackets (C6) and ignored false friends (C5)."""
    explanation: str = ""
    language_detected: bool = field(default=False)
    passes: tuple[str, ...] = ()
    """The rule passes that changed the reading, in the order they ran (``rules.PASSES``);
    ``drafting strength --explain`` lists them. Not part of ``to_json`` unless asked."""

    @property
    def main_term(self) -> Term | None:
        for term in self.terms:
            if term.main:
                return term
        return None

    @property
    def comparable_tier(self) -> int:
        """The tier used to order two wordings: an unresolved range counts at its low end."""
        if self.tier is not None:
            return self.tier
        return self.tier_range[0] if self.tier_range else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "text": self.text,
            "tier": self.tier,
            "tier_name": TIER_NAMES.get(self.tier) if self.tier is not None else None,
            "tier_range": list(self.tier_range) if self.tier_range else None,
            "polarity": self.polarity,
            "score": self.score,
            "terms": [t.to_json() for t in self.terms],
            "hedges": [m.to_json() for m in self.hedges],
            "intensifiers": [m.to_json() for m in self.intensifiers],
            "conditions": [m.to_json() for m in self.conditions],
            "flags": [m.to_json() for m in self.flags],
            "language": self.language,
            "language_detected": self.language_detected,
            "instrument": self.instrument,
            "explanation": self.explanation,
        }


@frozen_value()
class TermChange:
    """One term added, removed or replaced between two wordings."""

    kind: Literal["added", "removed", "replaced"]
    before: Term | None
    after: Term | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "before": self.before.to_json() if self.before else None,
            "after": self.after.to_json() if self.after else None,
        }


@frozen_value()
class StrengthChange:
    """Whether a guarantee was strengthened, weakened or left alone, and reversed or not."""

    before: StrengthResult
    after: StrengthResult
    term_changes: tuple[TermChange, ...]
    verdict: Verdict
    polarity_change: bool
    explanation: str

    def to_json(self) -> dict[str, Any]:
        before = self.before.to_json()
        after = self.after.to_json()
        before.pop("schema_version")
        after.pop("schema_version")
        return {
            "schema_version": SCHEMA_VERSION,
            "before": before,
            "after": after,
            "term_changes": [c.to_json() for c in self.term_changes],
            "verdict": self.verdict,
            "polarity_change": self.polarity_change,
            "explanation": self.explanation,
        }
