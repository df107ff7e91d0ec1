"""The positions report in the terminal: one column per position when they fit the width,
each position stacked under the row otherwise; then the summary, the similarity matrix and
the conflicts. Redlines use wdiff's ``[-deleted-]{+inserted+}``, coloured on a terminal."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from drafting.diff.positions import (
    Cell,
    Column,
    Comparison,
    PositionsReport,
    Reading,
    Segment,
    Timeline,
    TimelineEntry,
)

RED, GREEN, BOLD, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
MIN_COLUMN = 28
"""Narrowest readable column; below it the positions are stacked."""
_MARK = re.compile(r"\[-|-\]|\{\+|\+\}")


def marked(redline: Sequence[Segment]) -> str:
    """A cell's redline in wdiff notation (plain text, for wrapping)."""
    out = []
    for segment in redline:
        if segment.kind == "delete":
            out.append(f"[-{segment.text}-]")
        elif segment.kind == "insert":
            out.append(f"{{+{segment.text}+}}")
        else:
            out.append(segment.text)
    return "".join(out)


def _colour_lines(lines: list[str]) -> list[str]:
    """Markers become colours, carried over line breaks: wrap first, colour after."""
    out = []
    open_colour = ""
    for line in lines:
        parts = [open_colour] if open_colour else []
        last = 0
        for match in _MARK.finditer(line):
            parts.append(line[last : match.start()])
            token = match.group()
            if token in ("[-", "{+"):
                open_colour = RED if token == "[-" else GREEN
                parts.append(open_colour)
            else:
                open_colour = ""
                parts.append(RESET)
            last = match.end()
        parts.append(line[last:])
        if open_colour:
            parts.append(RESET)
        out.append("".join(parts))
    return out


def _wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most ``width``; continuation lines start with ``indent``."""
    return textwrap.wrap(text, width, subsequent_indent=indent, break_on_hyphens=False) or [""]


def reading_line(reading: Reading) -> str:
    """``tier 5 (prohibition / absolute), negative, score 5; main: will never``."""
    tier = (
        f"tier {reading.tier} ({reading.tier_name})"
        if reading.tier is not None
        else f"tier {reading.tier_range[0]}–{reading.tier_range[1]}"
        if reading.tier_range
        else "no tier"
    )
    parts = [tier, f"{reading.polarity} operator", f"score {reading.score:g}"]
    if reading.main_term:
        parts.append(f"main: {reading.main_term}")
    for name, values in (
        ("hedges", reading.hedges),
        ("intensifiers", reading.intensifiers),
        ("conditions", reading.conditions),
    ):
        if values:
            parts.append(f"{name}: {', '.join(values)}")
    return "; ".join(parts)


def comparison_line(comparison: Comparison) -> str:
    """``strengthened; operator polarity positive → negative; stance reversed``."""
    parts = [comparison.verdict]
    if comparison.operator_polarity_changed:
        parts.append(
            f"operator polarity {comparison.polarity_before} → {comparison.polarity_after}"
        )
    parts.append(
        {"kept": "stance kept", "reversed": "stance REVERSED", "unclear": "stance not told"}[
            comparison.stance
        ]
    )
    return "; ".join(parts)


def column_facts(column: Column) -> list[tuple[str, str]]:
    """The header facts of one position, label and value, in table order."""
    facts = [
        ("party", column.party_name),
        ("draft", column.draft + (" (base)" if column.is_base else "")),
        ("date", column.date or "—"),
        ("status", column.status or "—"),
        ("instrument", column.instrument or "—"),
        ("language", column.language or "—"),
    ]
    if column.source is not None:
        facts.append(("source", column.source.citation))
        if column.source.caveat:
            facts.append(("caveat", column.source.caveat))
    facts.append(("strength", reading_line(column.reading)))
    if column.against_base is not None:
        facts.append(("vs base", comparison_line(column.against_base)))
    if column.against_previous is not None:
        facts.append((f"vs {column.previous}", comparison_line(column.against_previous)))
    return facts


def _cell_text(cell: Cell) -> str:
    if cell.change in ("absent",):
        return "—"
    text = marked(cell.redline)
    if cell.change == "same":
        text = "= " + text
    if cell.against_base is not None:
        text += f" ⟨{comparison_line(cell.against_base)}⟩"
    return text


def _table(report: PositionsReport, width: int, color: bool) -> list[str]:
    n = len(report.columns)
    column_width = (width - 3 * (n - 1)) // n
    out: list[str] = []

    def emit(cells: list[str], bold: bool = False) -> None:
        wrapped = [_wrap(text, column_width) for text in cells]
        if color:
            wrapped = [_colour_lines(lines) for lines in wrapped]
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for lines in wrapped:
                line = lines[k] if k < len(lines) else ""
                pad = column_width - len(re.sub(r"\x1b\[[0-9;]*m", "", line))
                parts.append(line + " " * max(0, pad))
            text = " │ ".join(parts).rstrip()
            out.append(f"{BOLD}{text}{RESET}" if bold and color else text)

    facts = [column_facts(c) for c in report.columns]
    labels = list(dict.fromkeys(label for f in facts for label, _ in f))
    for label in labels:
        values = []
        for f in facts:
            value = next((v for lbl, v in f if lbl == label), "")
            values.append(f"{label}: {value}" if value else "")
        emit(values, bold=label == "party")
    out.append("─" * width)
    for row in report.rows:
        out.append(f"{DIM}row {row.id}{RESET}" if color else f"row {row.id}")
        emit([_cell_text(cell) for cell in row.cells])
        out.append("")
    return out


def _stacked(report: PositionsReport, width: int, color: bool) -> list[str]:
    out: list[str] = []
    for column in report.columns:
        title = f"== {column.party_name} · {column.draft}"
        out.append(f"{BOLD}{title}{RESET}" if color else title)
        for label, value in column_facts(column)[2:]:
            out += _wrap(f"{label}: {value}", width)
    out.append("")
    names = {c.key: f"{c.party_name} · {c.draft}" for c in report.columns}
    for row in report.rows:
        out.append(f"row {row.id}")
        for cell in row.cells:
            if cell.change == "absent":
                continue
            lines = _wrap(f"{names[cell.column]}: {_cell_text(cell)}", width)
            out += _colour_lines(lines) if color else lines
        out.append("")
    return out


def render_positions_text(report: PositionsReport, *, color: bool = False, width: int = 160) -> str:
    """The positions table (columns or stacked, by width), summary, matrix, conflicts."""
    title = f"Positions: {report.title or report.clause or 'loose drafts'} (base {report.base})"
    out = [f"{BOLD}{line}{RESET}" if color else line for line in _wrap(title, width)] + [""]
    n = len(report.columns)
    fits = (width - 3 * (n - 1)) // max(n, 1) >= MIN_COLUMN
    out += _table(report, width, color) if fits else _stacked(report, width, color)
    out.append("Summary")
    for line in report.summary.lines:
        out += _wrap(f"- {line}", width, "  ")
    out.append("")
    out += similarity_lines(report)
    out.append("")
    out += _wrap("Conflicts (sentences two or more parties changed differently)", width)
    if not report.conflicts:
        out.append("- none")
    for conflict in report.conflicts:
        out += _wrap(f"- row {conflict.row}: base: {conflict.base_text or '—'}", width, "  ")
        for entry in conflict.entries:
            verdict = f" ({entry.verdict})" if entry.verdict else ""
            out += _wrap(
                f"    {entry.column} [{entry.party}] {entry.change}{verdict}: {entry.text or '—'}",
                width,
                "      ",
            )
    for note in report.notes:
        out += _wrap(f"note: {note}", width)
    return "\n".join(out).rstrip("\n") + "\n"


def similarity_lines(report: PositionsReport) -> list[str]:
    """The pairwise similarity matrix with short column names, then each one's nearest."""
    keys = [c.key for c in report.columns]
    size = max(len(k) for k in keys)
    out = ["Similarity (word-bag Dice of the whole positions)"]
    out.append(" " * (size + 2) + "  ".join(f"{k[:8]:>8}" for k in keys))
    for key, values in zip(keys, report.similarity, strict=True):
        out.append(f"{key:<{size}}  " + "  ".join(f"{v:>8.2f}" for v in values))
    if report.closest_pair is not None:
        a, b, value = report.closest_pair
        out.append(f"closest: {a} and {b} ({value:.2f})")
    return out


def timeline_verdict(entry: TimelineEntry) -> str:
    """The comparison line, with the rows' verdict when the main commitment held."""
    assert entry.comparison is not None
    line = comparison_line(entry.comparison)
    if entry.overall and entry.overall != entry.comparison.verdict:
        rows = ", ".join((*entry.rows_strengthened, *entry.rows_weakened))
        line = f"{entry.overall} (rows {rows}; main commitment {line})"
    return line


def render_timeline_text(value: Timeline, *, color: bool = False, width: int = 160) -> str:
    """One line per draft in date order, its strength and its verdict against what it
    supersedes or responds to."""
    title = f"Timeline: {value.title or value.clause}"
    out = [f"{BOLD}{title}{RESET}" if color else title, ""]
    for entry in value.entries:
        head = f"{entry.date or '????-??-??'}  {entry.draft} ({entry.party_name}, {entry.status})"
        out.append(f"{BOLD}{head}{RESET}" if color else head)
        out += _wrap(f"    {reading_line(entry.reading)}", width, "      ")
        if entry.comparison is not None:
            relation = "supersedes" if entry.relation == "supersedes" else "responds to"
            out += _wrap(
                f"    {relation} {entry.against}: {timeline_verdict(entry)}"
                f" ({entry.comparison.explanation.rstrip('.')})",
                width,
                "      ",
            )
    for note in value.notes:
        out.append(f"note: {note}")
    return "\n".join(out) + "\n"
