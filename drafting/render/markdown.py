"""The redline as Markdown with CriticMarkup (``{--deleted--}{++inserted++}``): a brief a
colleague can read in any Markdown viewer, or accept and reject in a CriticMarkup editor.
Each changed unit is shown whole, one paragraph per line of the text."""

from __future__ import annotations

from drafting.diff.report import DiffReport, Unit
from drafting.render.rows import (
    View,
    collapsed_line,
    layout,
    move_lines,
    overall_strength_line,
    strength_lines,
    summary,
    unit_rows,
    unit_title,
)

MARKS = {"delete": ("{--", "--}"), "insert": ("{++", "++}")}


def _escape_inline(text: str) -> str:
    """Keep text from closing a CriticMarkup mark early."""
    return text.replace("--}", "--\u200b}").replace("++}", "++\u200b}")


def _unit(unit: Unit) -> str:
    out = [f"## {unit_title(unit)}", ""]
    for row in unit_rows(unit):
        parts = []
        for text, style in row.segments:
            if style not in MARKS:
                parts.append(text)
                continue
            left, right = MARKS[style]
            # CriticMarkup cannot span paragraphs: close and reopen the mark at line breaks.
            lines = _escape_inline(text).split("\n")
            parts.append("\n\n".join(f"{left}{line}{right}" if line else "" for line in lines))
        out.append("".join(parts))
        out.append("")
    for line in move_lines(unit):
        out += [f"> {line}", ""]
    for flag in strength_lines(unit):
        out += [f"> **⚑ {flag}**", ""]
    return "\n".join(out)


def _same(unit: Unit) -> str:
    """An unchanged unit as it reads: one paragraph per line, no heading of its own."""
    out = []
    for row in unit_rows(unit):
        out += ["".join(text for text, _ in row.segments), ""]
    return "\n".join(out)


def render_markdown(report: DiffReport, *, view: View | None = None) -> str:
    """A heading, the summary, then the text with its changes marked (``view``: all of it
    by default, some context, or each changed unit alone) as sections."""
    view = view or View()
    out = [
        f"# Redline: `{report.a.name}` → `{report.b.name}`",
        "",
        f"*{summary(report)}*",
        "",
    ]
    overall = overall_strength_line(report)
    if overall:
        out += [f"**Overall {overall}**", ""]
    for note in report.notes:
        out += [f"> note: {note}", ""]
    for item in layout(report, view):
        if isinstance(item, int):
            out += [f"*{collapsed_line(item)}*", ""]
        elif item.kind == "same" and not view.changes_only:
            out.append(_same(item))
        else:
            out.append(_unit(item))
    return "\n".join(out).rstrip("\n") + "\n"
