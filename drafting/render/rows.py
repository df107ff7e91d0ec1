"""Cut a unit's ops into rows (lines) of styled segments: what every redline renderer needs.

A row ends at a line break inside an equal op, so a row shows the same paragraph on both
sides; a change that spans lines stays in one row. Ignored differences (normalised away)
are shown as the B text, unmarked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from drafting.diff.report import DiffReport, Op, Unit

Style = Literal["equal", "delete", "insert", "flag-a", "flag-b", "space-a", "space-b"]
"""``flag-a``/``flag-b``: a marker right after a change that adds or removes a strength term
on side A or B. ``space-a``/``space-b``: the trailing spaces of a pure deletion or insertion,
shown unmarked after the mark (``will {+never+} become``, as git and wdiff show it) and only
on that side's column."""

FLAG = "⚑"


@dataclass(frozen=True)
class Row:
    """One line of a unit's redline: styled segments, both sides' versions of it together."""

    segments: tuple[tuple[str, Style], ...]

    @property
    def changed(self) -> bool:
        return any(style in ("delete", "insert") for _, style in self.segments)

    def side(self, which: Literal["a", "b"]) -> tuple[tuple[str, Style], ...]:
        """The segments one side shows: A drops insertions, B drops deletions."""
        drop = ("insert", "flag-b", "space-b") if which == "a" else ("delete", "flag-a", "space-a")
        return tuple(s for s in self.segments if s[1] not in drop)


def _flagged(unit: Unit, side: str, start: int | None, size: int) -> bool:
    if start is None:
        return False
    return any(
        s == side and begin < start + size and start < end for s, begin, end in unit.strength_marks
    )


def _pure(ops: tuple[Op, ...], index: int) -> bool:
    """Whether ``ops[index]`` is a deletion or insertion alone between two equal texts, the
    one before ending in a space (so its own trailing spaces can be shown after its mark)."""
    before = ops[index - 1] if index else None
    after = ops[index + 1] if index + 1 < len(ops) else None
    return (
        before is not None
        and after is not None
        and before.op == "equal"
        and after.op == "equal"
        and before.text.endswith(" ")
        and ops[index].text.strip() != ""
    )


def unit_rows(unit: Unit) -> list[Row]:
    """The unit's ops as rows (see the module docstring); empty rows are dropped."""
    rows: list[Row] = []
    current: list[tuple[str, Style]] = []
    ops = unit.ops
    for index, op in enumerate(ops):
        if op.ignored and op.op == "delete":
            continue
        if op.op in ("delete", "insert") and not op.ignored:
            side = "a" if op.op == "delete" else "b"
            start = op.a_start if side == "a" else op.b_start
            text, trailing = op.text, ""
            if _pure(ops, index):
                text = op.text.rstrip(" ")
                trailing = op.text[len(text) :]
            current.append((text, op.op))
            if _flagged(unit, side, start, len(op.text)):
                current.append((FLAG, "flag-a" if side == "a" else "flag-b"))
            if trailing:
                current.append((trailing, "space-a" if side == "a" else "space-b"))
            continue
        # equal text, or the B side of an ignored difference: shown plain, cut at line ends
        lines = op.text.split("\n")
        for k, line in enumerate(lines):
            if k:
                rows.append(Row(tuple(current)))
                current = []
            if line:
                current.append((line, "equal"))
    rows.append(Row(tuple(current)))
    return [r for r in rows if r.segments]


def unit_title(unit: Unit) -> str:
    """``Article 51 (moved; matched by number, similarity 0.93)`` and the like."""
    a_name = unit.a_label or _name(unit.a_id)
    b_name = unit.b_label or _name(unit.b_id)
    if a_name and b_name and a_name != b_name:
        name = f"{a_name} → {b_name}"
    else:
        name = a_name or b_name or "text"
    detail = unit.kind
    if unit.kind == "moved" and unit.a_span is not None:
        was = f"after {unit.a_after}" if unit.a_after else "first"
        now = f"after {unit.b_after}" if unit.b_after else "first"
        detail += f" from {was} to {now}"
    if unit.renumbered:
        detail += ", renumbered"
    if unit.replaced:
        detail += ", rewritten sentence shown as replaced"
    if unit.role == "preamble":
        detail += ", preamble recital: graded 0, not operative"
    elif unit.role is not None:
        detail += f", {unit.role}: not graded as operative text"
    if unit.kind not in ("added", "removed"):
        detail += f"; matched by {unit.match.method}, similarity {unit.match.similarity:.2f}"
    return f"{name} ({detail})"


def _name(block_id: str | None) -> str | None:
    return "title and preamble" if block_id == "front" else block_id


def summary(report: DiffReport) -> str:
    """One line of counts, the same in every human-readable format."""
    if report.identical:
        return "identical after normalisation"
    s = report.stats
    parts = [
        f"{s.changed} changed",
        f"{s.moved} moved",
        f"{s.added} added",
        f"{s.removed} removed",
        f"{s.same} same",
    ]
    ops = f"{s.replacements} replacements, {s.deletions} deletions, {s.insertions} insertions"
    return f"{', '.join(parts)} · {ops} · similarity {report.similarity:.3f}"


def strength_line(strength: Any) -> str | None:
    """``strength: will (3, …) → will never (5, …): strengthened, polarity …`` or None."""
    if strength is None or getattr(strength, "verdict", None) is None:
        return None
    explanation = getattr(strength, "explanation", "")
    if explanation:
        return f"strength: {explanation}"
    before, after = strength.before, strength.after
    return f"strength: tier {before.tier} → tier {after.tier}: {strength.verdict}"


def flagged(strength: Any) -> bool:
    """Whether a strength comparison is worth a line: a verdict, a reversal or a changed term."""
    return strength is not None and (
        getattr(strength, "verdict", "unchanged") != "unchanged"
        or getattr(strength, "polarity_change", False)
        or bool(getattr(strength, "term_changes", ()))
    )


def strength_lines(unit: Unit) -> list[str]:
    """One ``strength:`` line per changed sentence whose verdict moved or whose polarity
    reversed; the unit's own line when none did but its terms changed."""
    lines = [
        f"strength: {s.description}" if s.description else line
        for s in unit.strength_sentences
        if (
            s.change.verdict != "unchanged"
            or s.change.polarity_change
            or s.kind != "changed"
            or (s.description and s.description != (s.change.explanation or s.change.verdict))
        )
        and (line := strength_line(s.change))
    ]
    if not lines and flagged(unit.strength):
        line = strength_line(unit.strength)
        if line:
            lines.append(line)
    return lines


def move_lines(unit: Unit) -> list[str]:
    """``moved within: “The Parties shall consult…” from first to after “Each Party may…”``
    for each sentence that moved, unchanged, within the article."""
    out = []
    for move in unit.moves:
        words = _text_at(unit, move.a_span).split()
        opening = " ".join(words[:6]) + ("…" if len(words) > 6 else "")
        was = f"after {move.a_after}" if move.a_after else "first"
        now = f"after {move.b_after}" if move.b_after else "first"
        out.append(f"moved within: “{opening}” from {was} to {now}")
    return out


def _text_at(unit: Unit, span: tuple[int, int]) -> str:
    """The A text at ``span`` (inside one deleted op of the unit)."""
    for op in unit.ops:
        start = op.a_start
        inside = start is not None and start <= span[0] and span[1] <= start + len(op.text)
        if op.op == "delete" and start is not None and inside:
            return op.text[span[0] - start : span[1] - start]
    return ""


def overall_strength_line(report: DiffReport) -> str | None:
    """The whole texts' strength line, or None: shown only when more than one unit was
    analysed (with one, that unit's own line already says it) and something moved."""
    several = sum(1 for u in report.units if u.strength is not None) > 1
    same_words = all(u.kind == "same" for u in report.units)
    several = several or (bool(report.metadata_changes) and same_words)  # another instrument
    return strength_line(report.strength) if several and flagged(report.strength) else None


def shown_units(report: DiffReport) -> list[Unit]:
    """The units a redline shows: every unit but a same one without a strength flag."""
    return [u for u in report.units if u.kind != "same" or flagged(u.strength)]


@dataclass(frozen=True)
class View:
    """How much of the text a redline shows (docs/diff.md): ``context=None`` and not
    ``changes_only`` is the full redline (the default): every unit, unchanged text as it
    reads; ``context=N`` keeps N unchanged units either side of a change and collapses the
    rest, as ``diff -U`` does; ``changes_only`` lists the changed units and their changed
    lines alone."""

    context: int | None = None
    changes_only: bool = False


def layout(report: DiffReport, view: View) -> list[Unit | int]:
    """The units a redline shows, in order; an int stands for that many unchanged units
    collapsed under ``view.context``."""
    if view.changes_only:
        return list(shown_units(report))
    units = list(report.units)
    if view.context is None:
        return list(units)
    shown = {k for k, u in enumerate(units) if u.kind != "same" or flagged(u.strength)}
    keep = {
        j
        for k in shown
        for j in range(k - view.context, k + view.context + 1)
        if 0 <= j < len(units)
    }
    out: list[Unit | int] = []
    for k, unit in enumerate(units):
        if k in keep:
            out.append(unit)
        elif out and isinstance(out[-1], int):
            out[-1] += 1
        else:
            out.append(1)
    return out


def collapsed_line(count: int) -> str:
    return f"… {count} unchanged {'unit' if count == 1 else 'units'} …"
