"""A clause's history as an HTML page: a strength timeline (inline SVG) and the event table.

Takes the ``drafting.git.history.History`` value by its fields (render may not import git):
``path``, ``events`` (each with ``commit``, ``change``, ``draft``, ``strength``, ``verdict``,
``previous``) and ``skipped``. Parties are told apart by marker shape and a label, not by
colour alone; a negative (prohibitive) wording is a hollow marker.
"""

from __future__ import annotations

from typing import Any

from drafting.render.html.page import esc, page
from drafting.strength.result import TIER_NAMES

SHAPES = ("circle", "square", "diamond", "triangle", "cross")
WIDTH, HEIGHT = 860, 300
LEFT, RIGHT, TOP, BOTTOM = 150, 30, 20, 70


def _marker(shape: str, x: float, y: float, hollow: bool, tip: str) -> str:
    fill = "#fff" if hollow else "currentColor"
    style = f'fill="{fill}" stroke="currentColor" stroke-width="2"'
    if shape == "circle":
        body = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" {style}/>'
    elif shape == "square":
        body = f'<rect x="{x - 5.5:.1f}" y="{y - 5.5:.1f}" width="11" height="11" {style}/>'
    elif shape == "diamond":
        pts = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
        body = f'<polygon points="{pts}" {style}/>'
    elif shape == "triangle":
        pts = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y + 6:.1f} {x - 7:.1f},{y + 6:.1f}"
        body = f'<polygon points="{pts}" {style}/>'
    else:
        body = (
            f'<path d="M{x - 6:.1f},{y - 6:.1f}L{x + 6:.1f},{y + 6:.1f}M{x - 6:.1f},{y + 6:.1f}'
            f'L{x + 6:.1f},{y - 6:.1f}" stroke="currentColor" stroke-width="3"/>'
        )
    return f'<g class="point" tabindex="0"><title>{esc(tip)}</title>{body}</g>'


def timeline_svg(events: list[Any]) -> str:
    """Tier (0-5) against the order of events; one line and one marker shape per party."""
    plotted = [e for e in events if e.change != "removed"]
    parties = list(dict.fromkeys(e.draft.party for e in plotted))
    shape = {p: SHAPES[k % len(SHAPES)] for k, p in enumerate(parties)}
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(plotted) - 1, 1)

    def y_of(tier: int | None) -> float:
        return TOP + inner_h * (1 - (tier if tier is not None else 0) / 5)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="tl-title">'
        '<title id="tl-title">Strength tier of each draft over time</title>'
    ]
    for tier in range(6):
        y = y_of(tier)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-dasharray="3 3"/>'
            f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
            f"{tier} {esc(TIER_NAMES[tier])}</text>"
        )
    points: dict[str, list[tuple[float, float]]] = {p: [] for p in parties}
    marks: list[str] = []
    for k, e in enumerate(plotted):
        x = LEFT + (step * k if len(plotted) > 1 else inner_w / 2)
        s = e.strength
        tier = s.tier if s is not None else None
        y = y_of(tier)
        points[e.draft.party].append((x, y))
        verdict = e.verdict.verdict if e.verdict is not None and e.previous else None
        tip = (
            f"{e.draft.id} ({e.draft.party}, {e.draft.status}, {e.draft.date}): "
            f"tier {'?' if tier is None else tier}"
            f"{', ' + s.polarity if s is not None and s.polarity else ''}"
            f"{'; ' + verdict + ' vs ' + e.previous[0] if verdict else ''}"
            f" — commit {e.commit.sha[:10]} {e.commit.date[:10]}"
        )
        hollow = s is not None and s.polarity == "negative"
        marks.append(_marker(shape[e.draft.party], x, y, hollow, tip))
        label_y = HEIGHT - BOTTOM + 16
        out.append(
            f'<text x="{x:.1f}" y="{label_y}" font-size="10" text-anchor="end" '
            f'transform="rotate(-30 {x:.1f} {label_y})">{esc(e.draft.id)}</text>'
        )
        if tier is None:
            out.append(f'<text x="{x + 9:.1f}" y="{y - 8:.1f}" font-size="11">?</text>')
    for party, pts in points.items():
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="currentColor" '
                f'stroke-opacity=".45" stroke-width="1.5" data-party="{esc(party)}"/>'
            )
    out += marks
    out.append("</svg>")
    key = "".join(
        f'<span class="key"><svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">'
        f"{_marker(shape[p], 9, 9, False, p)}</svg> {esc(p)}</span> "
        for p in parties
    )
    return (
        f'<figure class="timeline">{"".join(out)}<figcaption>{key}'
        "· filled: positive wording, hollow: negative (a prohibition); "
        "x: events in commit order, y: tier</figcaption></figure>"
    )


def _cells(e: Any) -> list[str]:
    s, v = e.strength, e.verdict
    strength = "—"
    if s is not None:
        strength = f"tier {'?' if s.tier is None else s.tier} {s.polarity or '?'}"
        if s.score is not None:
            strength += f", score {s.score:.2f}"
    verdict = ""
    if v is not None and e.previous is not None:
        verdict = f"{v.verdict or '?'}{', polarity reversed' if v.polarity_change else ''}"
        verdict += f" vs {e.previous[0]}"
    what = f"changed ({', '.join(e.changed)})" if e.change == "changed" else e.change
    return [
        e.commit.sha[:10],
        e.commit.date[:10],
        e.commit.author,
        what,
        e.draft.id,
        e.draft.party,
        e.draft.status,
        strength,
        verdict,
    ]


def render_html(history: Any) -> str:
    """The whole page: the timeline, then one table row per event."""
    events = list(history.events)
    heads = ["commit", "date", "author", "change", "draft", "party", "status", "strength"]
    head = "".join(f"<th>{h}</th>" for h in [*heads, "verdict"])
    rows = "".join(
        f'<tr data-draft="{esc(e.draft.id)}">'
        + "".join(f"<td>{esc(c)}</td>" for c in _cells(e))
        + "</tr>"
        for e in events
    )
    skipped = "".join(
        f"<li><code>{esc(v.commit.sha[:10])}</code>: {esc(v.problem or '')}</li>"
        for v in history.skipped
    )
    body = (
        f"<header><h1>History of <code>{esc(history.path)}</code></h1>"
        f'<p class="meta">{len(events)} events</p></header><main>'
        f"<h2>Strength timeline</h2>{timeline_svg(events) if events else '<p>No events.</p>'}"
        f'<h2>Events</h2><table class="grid" id="events"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        + (f"<h2>Skipped (unreadable versions)</h2><ul>{skipped}</ul>" if skipped else "")
        + "</main>"
    )
    return page(f"History of {history.path}", body)
