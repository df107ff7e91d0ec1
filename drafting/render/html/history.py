"""A clause's history as an HTML page: a strength timeline (inline SVG) and the event table.

Takes the ``drafting.git.history.History`` value by its fields (render may not import git):
``path``, ``events`` (each with ``commit``, ``change``, ``draft``, ``strength``, ``verdict``,
``previous``) and ``skipped``. Parties are told apart by marker shape and a label, not by
colour alone; a negative (prohibitive) wording is a hollow marker.
"""

from __future__ import annotations

from typing import Any

from drafting.render.html.page import esc, page
from drafting.render.html.timeline import Point, strength_timeline


def timeline_svg(events: list[Any]) -> str:
    """Tier (0-5) against the order of events; one line and one marker shape per party."""
    points = []
    for e in events:
        if e.change == "removed":
            continue
        s = e.strength
        tier = s.tier if s is not None else None
        verdict = e.verdict.verdict if e.verdict is not None and e.previous else None
        tip = (
            f"{e.draft.id} ({e.draft.party}, {e.draft.status}, {e.draft.date}): "
            f"tier {'?' if tier is None else tier}"
            f"{', ' + s.polarity if s is not None and s.polarity else ''}"
            f"{'; ' + verdict + ' vs ' + e.previous[0] if verdict else ''}"
            f" — commit {e.commit.sha[:10]} {e.commit.date[:10]}"
        )
        hollow = s is not None and s.polarity == "negative"
        points.append(Point(e.draft.id, e.draft.party, tier, hollow, tip))
    return strength_timeline(points, "x: events in commit order")


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
