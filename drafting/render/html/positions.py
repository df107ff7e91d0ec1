"""Positions as an HTML page: the columns table (one column per party's draft, one row per
aligned sentence, each cell redlined against the base), the summary, conflicts and sources;
and the positions timeline as inline SVG. Takes ``drafting.diff.positions`` values."""

from __future__ import annotations

from typing import Any

from drafting.diff.positions import Cell, Column, Comparison, PositionsReport, Reading, Timeline
from drafting.render.html.page import esc, legend, page
from drafting.render.html.timeline import Point, strength_timeline


def _tier(reading: Reading | None) -> str:
    if reading is None:
        return ""
    if reading.tier is not None:
        tier = f"tier {reading.tier}"
    elif reading.tier_range:
        tier = f"tier {reading.tier_range[0]}–{reading.tier_range[1]}"
    else:
        tier = "no tier"
    main = f" “{reading.main_term}”" if reading.main_term else ""
    return f"{tier}, {reading.polarity}{main}"


def comparison_badge(comparison: Comparison | None, reading: Reading | None) -> str:
    """A badge for a verdict against the base; its tooltip names the words and the stance."""
    if comparison is None:
        return ""
    verdict = comparison.verdict
    reversed_ = comparison.stance == "reversed"
    symbol = {"strengthened": "▲", "weakened": "▼"}.get(verdict, "=")
    words = [t.text for t in reading.terms] if reading is not None else []
    tip = f"{verdict} against {comparison.against}: {comparison.explanation}"
    tip += f" Stance {comparison.stance}: {comparison.stance_reason}."
    if words:
        tip += " Terms: " + ", ".join(f"“{w}”" for w in words) + "."
    label = f"{symbol}{' ⇅' if reversed_ else ''} {verdict}"
    classes = f"badge {verdict}{' reversed' if reversed_ else ''}"
    return (
        f'<span class="{esc(classes)}" tabindex="0" role="note" title="{esc(tip)}" '
        f'data-verdict="{esc(verdict)}" data-words="{esc(" | ".join(words))}" '
        f'aria-label="{esc(tip)}">{esc(label)}</span>'
    )


def redline_html(cell: Cell) -> list[str]:
    """A cell's redline against the base: deletions and insertions as hunks."""
    parts = []
    for seg in cell.redline:
        if seg.kind == "delete":
            parts.append(f'<del class="hunk">{esc(seg.text)}</del>')
        elif seg.kind == "insert":
            parts.append(f'<ins class="hunk">{esc(seg.text)}</ins>')
        else:
            parts.append(esc(seg.text))
    return parts


def _cell(cell: Cell) -> str:
    parts = redline_html(cell)
    if not parts and cell.text:
        parts.append(esc(cell.text))
    if not parts:
        parts.append(f'<span class="meta">({esc(cell.change)})</span>')
    badge = ""
    if cell.against_base is not None and (
        cell.against_base.verdict != "unchanged" or cell.against_base.stance == "reversed"
    ):
        badge = comparison_badge(cell.against_base, cell.reading)
    return (
        f'<td data-column="{esc(cell.column)}" data-change="{esc(cell.change)}">'
        f'<div class="text">{"".join(parts)}</div>{badge}'
        f'<div class="label">{esc(cell.change)} · {esc(_tier(cell.reading))}</div></td>'
    )


def _source(column: Column) -> str:
    src = column.source
    if src is None:
        return ""
    cite = esc(src.citation)
    if src.href:
        cite = f'<a href="{esc(src.href)}" rel="noreferrer">{cite}</a>'
    caveat = f'<div class="notes">{esc(src.caveat)}</div>' if src.caveat else ""
    return f'<div class="label">{cite}</div>{caveat}'


def _head(column: Column) -> str:
    facts = ", ".join(
        x for x in (column.date, column.status, column.instrument, column.language) if x
    )
    role = "base" if column.is_base else ""
    return (
        f'<th scope="col" data-column="{esc(column.key)}">{esc(column.party_name)}'
        f'<div class="label">{esc(column.draft)}{" (base)" if role else ""} · {esc(facts)}</div>'
        f'<div class="label">{esc(_tier(column.reading))}</div>'
        f"{comparison_badge(column.against_base, column.reading)}{_source(column)}</th>"
    )


def render_positions_html(report: PositionsReport) -> str:
    """The whole page for a positions report."""
    heads = "".join(_head(c) for c in report.columns)
    rows = "".join(
        f'<tr data-row="{esc(row.id)}"><th scope="row">{esc(row.id)}</th>'
        + "".join(_cell(cell) for cell in row.cells)
        + "</tr>"
        for row in report.rows
    )
    lines = "".join(f"<li>{esc(line)}</li>" for line in report.summary.lines)
    conflicts = "".join(
        f"<li><b>{esc(c.row)}</b>: base “{esc(c.base_text or '—')}”<ul>"
        + "".join(
            f"<li>{esc(e.party)} ({esc(e.column)}, {esc(e.change)}"
            f"{', ' + esc(e.verdict) if e.verdict else ''}): {esc(e.text or '—')}</li>"
            for e in c.entries
        )
        + "</ul></li>"
        for c in report.conflicts
    )
    nearest = "".join(
        f"<li>{esc(n.column)} is closest to {esc(n.closest)} ({n.similarity:.2f})</li>"
        for n in report.nearest
    )
    notes = "".join(f'<p class="notes">note: {esc(n)}</p>' for n in report.notes)
    title = report.title or report.clause or "Positions"
    body = (
        f"<header><h1>Positions: {esc(title)}</h1>"
        f'<p class="meta">clause <code>{esc(report.clause or "—")}</code> · base '
        f"<code>{esc(report.base)}</code> · {len(report.columns)} positions, "
        f"{len(report.rows)} rows</p></header><main>"
        f'<h2>Summary</h2><ul class="summary-lines">{lines}</ul>{legend(strength=True)}'
        '<h2>Positions</h2><div style="overflow-x:auto">'
        f'<table class="grid" id="positions"><thead><tr><th scope="col">row</th>{heads}</tr>'
        f"</thead><tbody>{rows}</tbody></table></div>"
        + (f'<h2>Conflicts</h2><ul id="conflicts">{conflicts}</ul>' if conflicts else "")
        + (f"<h2>Closest positions</h2><ul>{nearest}</ul>" if nearest else "")
        + f"{notes}</main>"
    )
    return page(f"Positions: {title}", body)


def render_timeline_html(timeline: Timeline) -> str:
    """Every draft in date order: the SVG timeline and a table of verdicts."""
    points = []
    rows = []
    for e in timeline.entries:
        c = e.comparison
        verdict = f"{c.verdict} vs {e.against} ({e.relation})" if c and e.against else ""
        tip = f"{e.draft} ({e.party_name}, {e.date or 'no date'}): {_tier(e.reading)}"
        if verdict:
            tip += f"; {verdict}"
        points.append(
            Point(e.draft, e.party, e.reading.tier, e.reading.polarity == "negative", tip)
        )
        cells: list[Any] = [e.date or "", e.party_name, e.draft, e.status or "", _tier(e.reading)]
        rows.append(
            f'<tr data-draft="{esc(e.draft)}">'
            + "".join(f"<td>{esc(x)}</td>" for x in cells)
            + f"<td>{esc(verdict)} {comparison_badge(c, e.reading)}</td></tr>"
        )
    title = timeline.title or timeline.clause or "Timeline"
    notes = "".join(f'<p class="notes">note: {esc(n)}</p>' for n in timeline.notes)
    chart = strength_timeline(points, "x: drafts in date order") if points else "<p>No drafts.</p>"
    body = (
        f"<header><h1>Timeline: {esc(title)}</h1></header><main>"
        f"<h2>Strength timeline</h2>{chart}"
        '<h2>Drafts</h2><table class="grid" id="events"><thead><tr><th>date</th><th>party</th>'
        "<th>draft</th><th>status</th><th>strength</th><th>verdict</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{notes}</main>"
    )
    return page(f"Timeline: {title}", body)
