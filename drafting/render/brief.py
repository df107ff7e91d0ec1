"""A briefing over several clauses: who moved where on each, in Markdown and HTML.

The value is a ``Brief``: the clause files in order, each with its positions report
(``drafting.diff.positions``). The top table is clauses x parties, each cell the verdict of
that party's latest position against the clause's base; then per clause the summary lines,
who strengthened or weakened it, the key redlines (the cells that moved, strongest change
first) and the sources with their caveats. The Word brief is in ``docx_brief.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.diff.positions import Cell, Column, PositionsReport
from drafting.render.html.page import esc, legend, page
from drafting.render.html.positions import comparison_badge, redline_html
from drafting.render.positions_markdown import critic

KEY_REDLINES = 5
"""Redlines shown per clause: enough for the moves that matter, short enough to read."""


@dataclass(frozen=True)
class BriefItem:
    """One clause file and its positions report."""

    path: str
    report: PositionsReport


@dataclass(frozen=True)
class Brief:
    items: tuple[BriefItem, ...]
    notes: tuple[str, ...] = ()
    """Inputs left out (not a clause file, unreadable) and why."""


def parties(brief: Brief) -> list[str]:
    """Every party's name, in order of first appearance."""
    return list(dict.fromkeys(c.party_name for item in brief.items for c in item.report.columns))


def verdict(report: PositionsReport, party: str) -> str:
    """What the top table says for one party on one clause: its latest position's verdict
    against the base (``stance reversed`` added), ``base`` when its only column is the
    base, an empty string when it has no position."""
    columns = [c for c in report.columns if c.party_name == party]
    moved = [c for c in columns if not c.is_base and c.against_base is not None]
    if moved:
        versus = moved[-1].against_base
        assert versus is not None
        return versus.verdict + (", stance reversed" if versus.stance == "reversed" else "")
    return "base" if columns else ""


def title_of(item: BriefItem) -> str:
    return item.report.title or item.report.clause or item.path


def key_redlines(report: PositionsReport) -> list[tuple[Column, str, Cell]]:
    """(column, row id, cell) for the cells that changed against the base: those whose
    verdict moved or whose stance reversed first, then the others, at most KEY_REDLINES."""
    found = []
    for row in report.rows:
        for column, cell in zip(report.columns, row.cells, strict=True):
            if column.is_base or cell.change in ("base", "same", "absent"):
                continue
            versus = cell.against_base
            weight = 0
            if versus is not None:
                weight = 2 * (versus.stance == "reversed") + (versus.verdict != "unchanged")
            found.append((-weight, column, row.id, cell))
    found.sort(key=lambda f: f[0])  # stable: ties stay in row and column order
    return [(c, r, cell) for _, c, r, cell in found[:KEY_REDLINES]]


def movers(report: PositionsReport) -> tuple[list[str], list[str]]:
    """The party names (and drafts) that strengthened and weakened the clause."""
    names = {c.key: f"{c.party_name} ({c.draft})" for c in report.columns}
    summary = report.summary
    return [names[k] for k in summary.strengthened], [names[k] for k in summary.weakened]


# ---------------------------------------------------------------- Markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_redline(cell: Cell) -> str:
    return critic(cell.redline) or (cell.text or "")


def render_brief_markdown(brief: Brief) -> str:
    """The briefing as Markdown (CriticMarkup redlines)."""
    names = parties(brief)
    out = [
        f"# Briefing: {len(brief.items)} clauses",
        "",
        "| clause | " + " | ".join(_md_cell(n) for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for item in brief.items:
        cells = [verdict(item.report, n) or "—" for n in names]
        out.append(f"| {_md_cell(title_of(item))} | " + " | ".join(cells) + " |")
    out.append("")
    out += [line for n in brief.notes for line in (f"> note: {n}", "")]
    for item in brief.items:
        report = item.report
        up, down = movers(report)
        out += [
            f"## {title_of(item)}",
            "",
            f"`{item.path}` · base `{report.base}` · {len(report.columns)} positions",
            "",
            f"**Strengthened:** {', '.join(up) or 'none'}. "
            f"**Weakened:** {', '.join(down) or 'none'}.",
            "",
        ]
        out += [f"- {line}" for line in report.summary.lines] + [""]
        redlines = key_redlines(report)
        if redlines:
            out += ["### Key redlines", ""]
            for column, row, cell in redlines:
                versus = cell.against_base
                why = f" — *{versus.verdict}, stance {versus.stance}*" if versus else ""
                out.append(
                    f"- **{column.party_name}** ({column.draft}, {row}): {_md_redline(cell)}{why}"
                )
            out.append("")
        sources = [c for c in report.columns if c.source is not None]
        if sources:
            out += ["### Sources", ""]
            for c in sources:
                src = c.source
                assert src is not None
                link = f" <{src.href}>" if src.href else ""
                caveat = f" ({src.caveat})" if src.caveat else ""
                out.append(f"- {c.party_name}, {c.draft}: {src.citation}{link}{caveat}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- HTML


def _html_redline(cell: Cell) -> str:
    return "".join(redline_html(cell)) or esc(cell.text or "")


def _html_source(column: Column) -> str:
    src = column.source
    assert src is not None
    link = f' <a href="{esc(src.href)}" rel="noreferrer">{esc(src.href)}</a>' if src.href else ""
    caveat = f' <span class="notes">({esc(src.caveat)})</span>' if src.caveat else ""
    return (
        f"<li>{esc(column.party_name)}, {esc(column.draft)}: {esc(src.citation)}{link}{caveat}</li>"
    )


def render_brief_html(brief: Brief) -> str:
    """The briefing as one self-contained page."""
    names = parties(brief)
    head = "".join(f'<th scope="col">{esc(n)}</th>' for n in names)
    rows = []
    for k, item in enumerate(brief.items, 1):
        cells = "".join(
            f'<td data-party="{esc(n)}">{esc(verdict(item.report, n) or "—")}</td>' for n in names
        )
        rows.append(
            f'<tr data-clause="{esc(item.report.clause or item.path)}"><th scope="row">'
            f'<a href="#clause-{k}">{esc(title_of(item))}</a></th>{cells}</tr>'
        )
    sections = []
    for k, item in enumerate(brief.items, 1):
        report = item.report
        up, down = movers(report)
        lines = "".join(f"<li>{esc(line)}</li>" for line in report.summary.lines)
        redlines = "".join(
            f"<li><b>{esc(c.party_name)}</b> ({esc(c.draft)}, {esc(row)}): "
            f'<span class="text">{_html_redline(cell)}</span>'
            f"{comparison_badge(cell.against_base, cell.reading)}</li>"
            for c, row, cell in key_redlines(report)
        )
        sources = "".join(_html_source(c) for c in report.columns if c.source is not None)
        sections.append(
            f'<section class="unit" id="clause-{k}"><h2>{esc(title_of(item))}</h2>'
            f'<p class="meta"><code>{esc(item.path)}</code> · base <code>{esc(report.base)}</code>'
            f" · {len(report.columns)} positions</p>"
            f"<p><b>Strengthened:</b> {esc(', '.join(up) or 'none')}. "
            f"<b>Weakened:</b> {esc(', '.join(down) or 'none')}.</p>"
            f"<ul>{lines}</ul>"
            + (f'<h3>Key redlines</h3><ul class="redlines">{redlines}</ul>' if redlines else "")
            + (f"<h3>Sources</h3><ul>{sources}</ul>" if sources else "")
            + "</section>"
        )
    notes = "".join(f'<p class="notes">note: {esc(n)}</p>' for n in brief.notes)
    body = (
        f"<header><h1>Briefing: {len(brief.items)} clauses</h1></header><main>"
        f'<table class="grid" id="brief"><thead><tr><th scope="col">clause</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>{notes}{legend(strength=True)}"
        f"{''.join(sections)}</main>"
    )
    return page(f"Briefing: {len(brief.items)} clauses", body)
