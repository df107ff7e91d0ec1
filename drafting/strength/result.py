"""The values a strength analysis returns: plain frozen dataclasses with ``to_json``.

Field names follow ``shared/strength-scale.md`` exactly, so the JSON a user reads, the
schema in ``schemas/strength.schema.json`` and the Python API say the same thing.
"""

from __future__ import annotations

from dataclasses import MISSING, field, fields
from typing import Any, Literal, TypeVar

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


_Frozen = TypeVar("_Frozen")


def _one_step_init(cls: type[_Frozen]) -> type[_Frozen]:
    """Give a frozen dataclass an ``__init__`` that stores every field in one step.

    The generated ``__init__`` of a frozen dataclass sets each field through
    ``object.__setattr__`` (the class forbids assignment); terms, modifiers and results are
    built for every clause analysed, and that was about 5% of ``analyse()``. This one has
    the same signature (so the same errors for a missing or unknown argument) and sets the
    instance's ``__dict__`` at once, fields in the same order. Fields with a default factory
    or keyword-only fields are not supported (none here). The class is made with
    ``dataclass(init=False)``: the ``__init__`` dataclasses would generate (and ``exec``) is
    replaced here anyway, and making it was about 1 M instructions a class at import."""
    params, names = [], []
    defaults: dict[str, Any] = {}
    for item in fields(cls):
        if item.default_factory is not MISSING or item.kw_only or not item.init:
            raise TypeError(f"{cls.__name__}.{item.name}: not supported by _one_step_init")
        names.append(item.name)
        if item.default is MISSING:
            params.append(item.name)
        else:
            defaults[item.name] = item.default
            params.append(f"{item.name}=_defaults[{item.name!r}]")
    stored = ", ".join(f"{name!r}: {name}" for name in names)
    source = f"def __init__(self, {', '.join(params)}):\n    _set(self, '__dict__', {{{stored}}})\n"
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_defaults": defaults}
    exec(source, namespace)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


@_one_step_init
@frozen_value(init=False)
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


@_one_step_init
@frozen_value(init=False)
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


@_one_step_init
@frozen_value(init=False)
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


@_one_step_init
@frozen_value(init=False)
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


@_one_step_init
@frozen_value(init=False)
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
