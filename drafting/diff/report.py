"""The diff report: plain frozen dataclasses passed from the diff core to the renderers.

``report_to_dict`` gives the structure described by ``schemas/diff-report.schema.json``; the
JSON renderer prints it and the Python API returns it, so both say the same thing.
"""

from __future__ import annotations

from typing import Any, Literal

from drafting.diff.options import DiffOptions
from drafting.model import frozen_value

__all__ = [
    "DiffOptions",  # re-exported: it lives in drafting.diff.options
    "DiffReport",
    "Match",
    "Move",
    "Op",
    "SentenceStrength",
    "SideInfo",
    "Stats",
    "Unit",
    "report_to_dict",
    "unit_head",
    "unit_tail",
    "unit_to_dict",
]

SCHEMA_VERSION = "1"

OpKind = Literal["equal", "delete", "insert"]
UnitKind = Literal["same", "changed", "added", "removed", "moved"]
Span = tuple[int, int]


@frozen_value()
class Op:
    """One piece of a unit's redline. ``a_start``/``b_start`` are offsets in the inputs.

    ``ignored`` marks a delete/insert pair that differs only in what the options normalise
    away (whitespace, typographic quotes and dashes, Unicode form, case or punctuation when
    asked): kept so that the ops still rebuild both texts exactly, but not a change.
    """

    op: OpKind
    text: str
    a_start: int | None = None
    b_start: int | None = None
    ignored: bool = False


@frozen_value()
class Match:
    """How the two sides of a unit were paired, so a user can ask why a unit "moved".

    ``method``: ``exact`` (same normalised content), ``number`` (same article number),
    ``similarity`` (content alike above ``match_above``), ``position`` (the only unpaired
    items at the same place), ``hash`` (identical sentence), ``id`` (two clause drafts'
    sentences with the same id), ``unpaired`` (added/removed).
    """

    method: str
    similarity: float


@frozen_value()
class Move:
    """A sentence of an article that moved within it, unchanged: deleted at ``a_span`` and
    inserted at ``b_span``; ``a_after``/``b_after`` quote the opening words of the sentence
    before it on each side (None: it came first)."""

    a_span: Span
    b_span: Span
    a_after: str | None
    b_after: str | None


@frozen_value()
class SentenceStrength:
    """The strength verdict of the sentences one change touches (spans in each input)."""

    a_span: Span | None
    b_span: Span | None
    change: Any
    description: str = ""
    """The verdict and the terms that changed, in words (``verdicts.describe``)."""
    kind: str = "changed"
    """``added`` or ``removed`` for a sentence on one side only, else ``changed``."""


@frozen_value()
class Unit:
    """One aligned article or sentence with its word-level ops."""

    kind: UnitKind
    ops: tuple[Op, ...]
    match: Match
    a_label: str | None = None
    b_label: str | None = None
    a_span: Span | None = None
    b_span: Span | None = None
    a_id: str | None = None
    b_id: str | None = None
    renumbered: bool = False
    replaced: bool = False
    """True when a sentence was too dissimilar for a word diff and is shown as replaced."""
    a_after: str | None = None
    b_after: str | None = None
    """For a moved article: the label of the article before it in A and in B (None: first)."""
    strength: Any = None
    """The strength comparison of the two sides (``drafting.strength``) when analysed."""
    strength_marks: tuple[tuple[str, int, int], ...] = ()
    """Where the changed strength terms are: ``("a" | "b", start, end)`` input offsets."""
    strength_sentences: tuple[SentenceStrength, ...] = ()
    """Every changed sentence (group) analysed; ``strength`` is the most significant one."""
    moves: tuple[Move, ...] = ()
    """Sentences that moved within the article, unchanged (shown deleted and inserted)."""
    role: str | None = None
    """``title``, ``heading`` or ``preamble`` when the changed text is not operative and was
    therefore not graded as an obligation (the scale grades recitals 0)."""

    @property
    def a_text(self) -> str:
        return "".join(o.text for o in self.ops if o.op != "insert")

    @property
    def b_text(self) -> str:
        return "".join(o.text for o in self.ops if o.op != "delete")

    @property
    def changed(self) -> bool:
        return any(o.op != "equal" and not o.ignored for o in self.ops)


@frozen_value()
class Stats:
    """Counts of changes: ops (insertions, deletions, replacements) and units."""

    insertions: int = 0
    deletions: int = 0
    replacements: int = 0
    moved: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    same: int = 0


@frozen_value()
class SideInfo:
    """What one side of the diff was: where it came from and how its offsets are counted."""

    name: str
    kind: Literal["text", "document", "clause"]
    length: int
    draft: str | None = None
    language: str | None = None
    instrument: str | None = None
    offsets: Literal["input", "rendering"] = "input"
    """``input``: offsets count characters of the file as read; ``rendering``: of the plain-text
    rendering of XML described in docs/diff.md."""
    party: str | None = None
    date: str | None = None
    """A clause draft's party and date (None for other inputs)."""


def metadata_changes(a: SideInfo, b: SideInfo) -> tuple[tuple[str, str, str], ...]:
    """Instrument, language, party and date where both sides give one and they differ: the
    same words in a treaty and in a declaration do not bind alike (strength-scale C1)."""
    out = []
    for field in ("instrument", "language", "party", "date"):
        va, vb = getattr(a, field), getattr(b, field)
        if va is not None and vb is not None and va != vb:
            out.append((field, va, vb))
    return tuple(out)


@frozen_value()
class DiffReport:
    """Everything one comparison found, in the order the renderers show it; the JSON report
    is ``report_to_dict`` of it."""

    a: SideInfo
    b: SideInfo
    options: DiffOptions
    identical: bool
    similarity: float
    stats: Stats
    units: tuple[Unit, ...]
    strength: Any = None
    """Overall strength comparison of the two whole texts, when analysed."""
    notes: tuple[str, ...] = ()
    """Anything the diff had to simplify, said out loud (never degrade silently)."""
    strength_summary: dict[str, int] | None = None
    """Counts of unit verdicts when strength was analysed."""
    metadata_changes: tuple[tuple[str, str, str], ...] = ()
    """``(field, a, b)`` for each of instrument, language, party and date that the two sides
    both give and give differently: with the same words, the report is not identical."""
    alignment: tuple[tuple[str, int], ...] = ()
    """How many units each alignment pass paired, in the passes' order (``align.PASSES``)."""


def _op_dict(op: Op) -> dict[str, Any]:
    out: dict[str, Any] = {"op": op.op, "text": op.text}
    if op.a_start is not None:
        out["a_start"] = op.a_start
    if op.b_start is not None:
        out["b_start"] = op.b_start
    if op.ignored:
        out["ignored"] = True
    return out


def _strength_dict(value: Any) -> Any:
    if value is None:
        return None
    to_json = getattr(value, "to_json", None)
    data = to_json() if callable(to_json) else dict(value)
    data.pop("schema_version", None)
    return data


def unit_to_dict(unit: Unit) -> dict[str, Any]:
    """One unit as in the JSON report: strength keys only when strength was analysed."""
    return {**unit_head(unit), "ops": [_op_dict(o) for o in unit.ops], **unit_tail(unit)}


def unit_head(unit: Unit) -> dict[str, Any]:
    """The keys of ``unit_to_dict`` before ``ops`` (the JSON renderer writes the ops itself)."""
    return {
        "kind": unit.kind,
        "a_label": unit.a_label,
        "b_label": unit.b_label,
        "a_id": unit.a_id,
        "b_id": unit.b_id,
        "a_span": list(unit.a_span) if unit.a_span is not None else None,
        "b_span": list(unit.b_span) if unit.b_span is not None else None,
        "match": {"method": unit.match.method, "similarity": unit.match.similarity},
        "renumbered": unit.renumbered,
        "replaced": unit.replaced,
    }


def unit_tail(unit: Unit, *, strength: bool = True) -> dict[str, Any]:
    """The keys of ``unit_to_dict`` after ``ops``: role, moves, strength, when there are
    (``strength=False``: not the strength keys, which come last; the JSON renderer writes
    them itself)."""
    out: dict[str, Any] = {}
    if unit.role is not None:
        out["role"] = unit.role
    if unit.moves:
        out["moves"] = [
            {
                "a_span": list(m.a_span),
                "b_span": list(m.b_span),
                "a_after": m.a_after,
                "b_after": m.b_after,
            }
            for m in unit.moves
        ]
    if unit.kind == "moved":
        out["a_after"] = unit.a_after
        out["b_after"] = unit.b_after
    if strength and unit.strength is not None:
        out["strength"] = _strength_dict(unit.strength)
        out["strength_marks"] = [
            {"side": side, "start": start, "end": end} for side, start, end in unit.strength_marks
        ]
        out["strength_sentences"] = [
            {
                "a_span": list(s.a_span) if s.a_span is not None else None,
                "b_span": list(s.b_span) if s.b_span is not None else None,
                "verdict": s.change.verdict,
                "polarity_change": s.change.polarity_change,
                "explanation": s.change.explanation,
                "kind": s.kind,
                "description": s.description,
            }
            for s in unit.strength_sentences
        ]
    return out


def _side_dict(side: SideInfo) -> dict[str, Any]:
    return {
        "name": side.name,
        "kind": side.kind,
        "draft": side.draft,
        "language": side.language,
        "instrument": side.instrument,
        "length": side.length,
        "offsets": side.offsets,
        "party": side.party,
        "date": side.date,
    }


def report_to_dict(report: DiffReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (``schemas/diff-report.schema.json``)."""
    opts = report.options
    stats = report.stats
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "a": _side_dict(report.a),
        "b": _side_dict(report.b),
        "options": opts.to_json(),
        "identical": report.identical,
        "similarity": report.similarity,
        "stats": {
            "insertions": stats.insertions,
            "deletions": stats.deletions,
            "replacements": stats.replacements,
            "moved": stats.moved,
            "added": stats.added,
            "removed": stats.removed,
            "changed": stats.changed,
            "same": stats.same,
        },
        "notes": list(report.notes),
        "alignment": dict(report.alignment),
        "metadata_changes": [
            {"field": field, "a": a, "b": b} for field, a, b in report.metadata_changes
        ],
        "units": [unit_to_dict(u) for u in report.units],
    }
    if report.strength is not None:
        out["strength"] = _strength_dict(report.strength)
    if report.strength_summary is not None:
        out["strength_summary"] = dict(report.strength_summary)
    return out
