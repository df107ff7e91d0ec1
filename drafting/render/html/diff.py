"""The redline as one HTML page: inline and side-by-side views, a list of changes, badges.

Rendered generically from the report's units and ops (and the strength verdicts the diff
attached), so a new unit kind or a new op field shows without a change here. A *change* is a
run of consecutive delete/insert ops in a unit (a replacement is one change); it gets one
entry in the list of changes and an anchor ``c{n}`` on its first hunk in the inline view.
"""

from __future__ import annotations

from typing import Any

from drafting.diff.report import DiffReport, Op, SideInfo, Unit
from drafting.render.html.page import esc, legend, page
from drafting.render.hunks import Change, changes_of, flag_of, term_marked, verdicts_by_change
from drafting.render.rows import (
    FLAG,
    move_lines,
    overall_strength_line,
    shown_units,
    strength_lines,
    summary,
    unit_title,
)


def badge(change: Any) -> str:
    """A strength badge whose tooltip names the verdict, the rules and the words."""
    flag = flag_of(change)
    symbol = {"strengthened": "▲", "weakened": "▼"}.get(flag.verdict, "=")
    label = f"{symbol}{' ⇅' if flag.reversed else ''} {flag.verdict}"
    classes = f"badge {flag.verdict}{' reversed' if flag.reversed else ''}"
    return (
        f'<span class="{esc(classes)}" tabindex="0" role="note" title="{esc(flag.text)}" '
        f'data-verdict="{esc(flag.verdict)}" data-rules="{esc(" ".join(flag.rules))}" '
        f'data-words="{esc(" | ".join(flag.words))}" aria-label="{esc(flag.text)}">'
        f"{esc(label)}</span>"
    )


def _hunk(op: Op, change: Change, unit: Unit, *, anchor: bool) -> str:
    tag = "del" if op.op == "delete" else "ins"
    side = "a" if op.op == "delete" else "b"
    start = op.a_start if op.op == "delete" else op.b_start
    ident = f' id="{change.ident}"' if anchor else ""
    out = f'<{tag} class="hunk"{ident} data-change="{change.ident}">{esc(op.text)}</{tag}>'
    if term_marked(unit, side, start, len(op.text)):
        out += f'<span class="flag" title="strength term changed here">{FLAG}</span>'
    return out


def _unit_text(
    unit: Unit,
    changes: list[Change],
    badges: dict[str, list[str]],
    side: str | None,
    *,
    anchors: bool,
) -> str:
    """The unit's text: both sides inline (``side`` None) or one side of side-by-side."""
    by_first = {c.first: c for c in changes}
    current: Change | None = None
    out: list[str] = []
    for k, op in enumerate(unit.ops):
        current = by_first.get(k, current)
        if op.op == "equal":
            out.append(esc(op.text))
            continue
        if op.ignored:  # a normalised-away difference: one version, unmarked (A's in A)
            if (op.op == "delete") == (side == "a"):
                out.append(esc(op.text))
            continue
        assert current is not None
        shown = side is None or (side == "a") == (op.op == "delete")
        if shown:
            first_shown = anchors and k == current.first
            out.append(_hunk(op, current, unit, anchor=first_shown))
        if k == current.last and (side is None or side == "b" or unit.kind == "removed"):
            out.extend(badges.get(current.ident, []))
    return "".join(out)


def _side_line(label: str, side: SideInfo) -> str:
    bits = [side.kind]
    for value in (side.draft and f"draft {side.draft}", side.language, side.instrument):
        if value:
            bits.append(value)
    return f"<b>{label}</b> <code>{esc(side.name)}</code> ({esc(', '.join(bits))})"


def _entry(unit: Unit, change: Change, name: str) -> str:
    ops = unit.ops[change.first : change.last + 1]
    deleted = "".join(o.text for o in ops if o.op == "delete")
    inserted = "".join(o.text for o in ops if o.op == "insert")
    what = "replaced" if deleted and inserted else "deleted" if deleted else "inserted"
    snippet = " ".join((inserted or deleted).split())
    if len(snippet) > 48:
        snippet = snippet[:47] + "…"
    return f'<li><a href="#{change.ident}">{esc(name)}: {what} <q>{esc(snippet)}</q></a></li>'


def _short_name(unit: Unit) -> str:
    name = unit.b_label or unit.a_label or unit.b_id or unit.a_id or "text"
    return "title and preamble" if name == "front" else name


def render_html(report: DiffReport) -> str:
    """The whole page (see the module docstring)."""
    units = shown_units(report)
    counter = [0]
    per_unit = [changes_of(u, counter) for u in units]
    badges = [
        {k: [badge(v) for v in vs] for k, vs in verdicts_by_change(u, c).items()}
        for u, c in zip(units, per_unit, strict=True)
    ]

    inline: list[str] = []
    rows_a: list[str] = []
    rows_b: list[str] = []
    entries: list[str] = []
    for n, (unit, changes, marks) in enumerate(zip(units, per_unit, badges, strict=True), 1):
        title = unit_title(unit)
        why = "".join(f'<p class="why">{esc(line)}</p>' for line in move_lines(unit))
        why += "".join(f'<p class="why">⚑ {esc(line)}</p>' for line in strength_lines(unit))
        text = _unit_text(unit, changes, marks, None, anchors=True)
        inline.append(
            f'<section class="unit" id="u{n}" data-kind="{esc(unit.kind)}">'
            f"<h2>{esc(title)}</h2>"
            f'<div class="text">{text}</div>{why}</section>'
        )
        name = _short_name(unit)
        a_text = (
            _unit_text(unit, changes, marks, "a", anchors=False)
            if unit.a_span is not None
            else '<span class="meta">(not in A)</span>'
        )
        b_text = (
            _unit_text(unit, changes, marks, "b", anchors=False)
            if unit.b_span is not None
            else '<span class="meta">(not in B)</span>'
        )
        label = f'<div class="label">{esc(title)}</div>'
        row = f'<div class="row" data-unit="u{n}">{label}<div class="text">'
        rows_a.append(f"{row}{a_text}</div></div>")
        rows_b.append(f"{row}{b_text}</div></div>")
        entries += [_entry(unit, c, name) for c in changes]

    head = [
        f"<h1>Redline: <code>{esc(report.a.name)}</code> → <code>{esc(report.b.name)}</code></h1>",
        f'<p class="meta">{_side_line("A", report.a)}<br>{_side_line("B", report.b)}</p>',
        f'<p class="summary">{esc(summary(report))}</p>',
    ]
    overall = overall_strength_line(report)
    if overall:
        head.append(f'<p class="why"><b>Overall</b> {esc(overall)}</p>')
    head += [f'<p class="notes">note: {esc(note)}</p>' for note in report.notes]
    if not units:
        inline.append('<p class="summary">No changes.</p>')
    nav = (
        f'<nav class="changes" aria-label="Changes"><h2>Changes ({len(entries)})</h2>'
        '<div class="jump"><button type="button" id="prev-change" hidden>◀ previous</button>'
        '<button type="button" id="next-change" hidden>next ▶</button>'
        '<span class="kbd noprint">keys: n, p</span></div>'
        f'<ol class="changes-list">{"".join(entries)}</ol></nav>'
    )
    views = (
        '<div class="views">'
        '<input type="radio" name="view" id="view-inline" checked>'
        '<label for="view-inline">Inline</label>'
        '<input type="radio" name="view" id="view-sbs">'
        '<label for="view-sbs">Side by side</label>'
        f'<div class="view inline-view">{"".join(inline)}</div>'
        '<div class="view sbs-view"><div class="panes">'
        f'<div class="pane" id="pane-a"><h3>A: {esc(report.a.name)}</h3>{"".join(rows_a)}</div>'
        f'<div class="pane" id="pane-b"><h3>B: {esc(report.b.name)}</h3>{"".join(rows_b)}</div>'
        "</div></div></div>"
    )
    body = (
        f"<header>{''.join(head)}</header>\n<main>{legend(strength=True)}"
        f'<div class="layout">{nav}{views}</div></main>'
    )
    lang = report.b.language or report.a.language or "en"
    return page(f"Redline: {report.a.name} → {report.b.name}", body, lang=lang)
