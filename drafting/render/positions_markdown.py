"""The positions report as Markdown: the four-column table negotiators know (one column per
position, facts then one row per sentence), then each changed cell's redline in CriticMarkup,
the summary, the similarity matrix and the conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from drafting.diff.positions import PositionsReport, Segment, Timeline
from drafting.render.positions_text import (
    column_facts,
    comparison_line,
    reading_line,
    timeline_verdict,
)


def _cell(text: str) -> str:
    """Text safe inside a table cell: pipes escaped, line breaks as spaces."""
    return " ".join(text.replace("|", "\\|").split())


def critic(redline: Sequence[Segment]) -> str:
    """``{--deleted--}{++inserted++}``, with closing marks in the text defused."""
    out = []
    for segment in redline:
        text = segment.text.replace("--}", "--\u200b}").replace("++}", "++\u200b}")
        if segment.kind == "delete":
            out.append(f"{{--{text}--}}")
        elif segment.kind == "insert":
            out.append(f"{{++{text}++}}")
        else:
            out.append(text)
    return "".join(out)


def render_positions_markdown(report: PositionsReport) -> str:
    """A heading, the table, the redlines, the summary, the matrix and the conflicts."""
    title = report.title or report.clause or "loose drafts"
    out = [f"# Positions: {title}", "", f"Base: `{report.base}`.", ""]
    columns = report.columns
    out.append("| | " + " | ".join(_cell(c.party_name) for c in columns) + " |")
    out.append("|---" * (len(columns) + 1) + "|")
    facts = [dict(column_facts(c)) for c in columns]
    labels = list(dict.fromkeys(label for f in facts for label in f if label != "party"))
    for label in labels:
        out.append(
            f"| **{_cell(label)}** | " + " | ".join(_cell(f.get(label, "")) for f in facts) + " |"
        )
    for row in report.rows:
        texts = []
        for cell in row.cells:
            if cell.change == "absent":
                texts.append("—")
                continue
            text = cell.text if cell.text is not None else "*(omitted)*"
            if cell.against_base is not None:
                text += f" *({comparison_line(cell.against_base)})*"
            elif cell.change == "added":
                text += " *(added)*"
            texts.append(_cell(text))
        out.append(f"| **{row.id}** | " + " | ".join(texts) + " |")
    out.append("")
    out += ["## Redlines against the base", ""]
    names = {c.key: f"{c.party_name} ({c.draft})" for c in columns}
    for row in report.rows:
        changed = [c for c in row.cells[1:] if c.change in ("changed", "added", "omitted")]
        if not changed:
            continue
        out += [f"### Row {row.id}", ""]
        for cell in changed:
            out.append(f"- **{names[cell.column]}** ({cell.change}): {critic(cell.redline)}")
            if cell.reading is not None:
                out.append(f"  - {reading_line(cell.reading)}")
            if cell.against_base is not None:
                out.append(f"  - {cell.against_base.explanation}")
        out.append("")
    out += ["## Summary", ""]
    out += [f"- {line}" for line in report.summary.lines] or ["- only the base"]
    out += ["", "## Similarity", ""]
    keys = [c.key for c in columns]
    out.append("| | " + " | ".join(f"`{k}`" for k in keys) + " |")
    out.append("|---" * (len(keys) + 1) + "|")
    for key, values in zip(keys, report.similarity, strict=True):
        out.append(f"| `{key}` | " + " | ".join(f"{v:.2f}" for v in values) + " |")
    if report.closest_pair is not None:
        a, b, value = report.closest_pair
        out += ["", f"Closest positions: `{a}` and `{b}` ({value:.2f})."]
    out += ["", "## Conflicts", ""]
    if not report.conflicts:
        out.append("None: no sentence was changed differently by two or more parties.")
    for conflict in report.conflicts:
        out.append(f"- **Row {conflict.row}**, base: {conflict.base_text or '—'}")
        for entry in conflict.entries:
            verdict = f", {entry.verdict}" if entry.verdict else ""
            out.append(f"  - `{entry.column}` ({entry.change}{verdict}): {entry.text or '—'}")
    if report.notes:
        out.append("")
        out += [f"> note: {note}" for note in report.notes]
    return "\n".join(out).rstrip("\n") + "\n"


def render_timeline_markdown(value: Timeline) -> str:
    """A table: one row per draft in date order."""
    out = [f"# Timeline: {value.title or value.clause}", ""]
    out.append("| date | draft | party | status | strength | against | verdict |")
    out.append("|---|---|---|---|---|---|---|")
    for e in value.entries:
        against = f"{e.relation} `{e.against}`" if e.against else "—"
        verdict = timeline_verdict(e) if e.comparison else "—"
        out.append(
            f"| {e.date or '—'} | `{e.draft}` | {_cell(e.party_name)} | {e.status or '—'} | "
            f"{_cell(reading_line(e.reading))} | {against} | {_cell(verdict)} |"
        )
    out += [f"> note: {note}" for note in value.notes]
    return "\n".join(out) + "\n"
