"""A strength timeline as inline SVG, shared by the history and positions timeline pages.

Tier (0-5) against the order of drafts; one line and one marker shape per party, a label
under each point, the tier names on the axis: parties are told apart by shape and label, not
by colour alone, and a negative (prohibitive) wording is a hollow marker. Every point has a
``title`` (the tooltip) saying which draft, tier and verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafting.render.html.page import esc
from drafting.strength.result import TIER_NAMES

SHAPES = ("circle", "square", "diamond", "triangle", "cross")
WIDTH, HEIGHT = 860, 300
LEFT, RIGHT, TOP, BOTTOM = 150, 30, 20, 70


@dataclass(frozen=True)
class Point:
    """One draft on the timeline."""

    label: str
    series: str
    """The party: one line and one marker shape each."""
    tier: int | None
    hollow: bool
    tip: str


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


def strength_timeline(points: list[Point], x_caption: str) -> str:
    """The figure: the SVG chart and a key of the parties' marker shapes."""
    series = list(dict.fromkeys(p.series for p in points))
    shape = {s: SHAPES[k % len(SHAPES)] for k, s in enumerate(series)}
    inner_w = WIDTH - LEFT - RIGHT
    inner_h = HEIGHT - TOP - BOTTOM
    step = inner_w / max(len(points) - 1, 1)

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
    lines: dict[str, list[tuple[float, float]]] = {s: [] for s in series}
    marks: list[str] = []
    for k, p in enumerate(points):
        x = LEFT + (step * k if len(points) > 1 else inner_w / 2)
        y = y_of(p.tier)
        lines[p.series].append((x, y))
        marks.append(_marker(shape[p.series], x, y, p.hollow, p.tip))
        label_y = HEIGHT - BOTTOM + 16
        out.append(
            f'<text x="{x:.1f}" y="{label_y}" font-size="10" text-anchor="end" '
            f'transform="rotate(-30 {x:.1f} {label_y})">{esc(p.label)}</text>'
        )
        if p.tier is None:
            out.append(f'<text x="{x + 9:.1f}" y="{y - 8:.1f}" font-size="11">?</text>')
    for name, pts in lines.items():
        if len(pts) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="currentColor" '
                f'stroke-opacity=".45" stroke-width="1.5" data-party="{esc(name)}"/>'
            )
    out += marks
    out.append("</svg>")
    key = "".join(
        f'<span class="key"><svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">'
        f"{_marker(shape[s], 9, 9, False, s)}</svg> {esc(s)}</span> "
        for s in series
    )
    return (
        f'<figure class="timeline">{"".join(out)}<figcaption>{key}'
        f"· filled: positive wording, hollow: negative (a prohibition); {esc(x_caption)}, "
        "y: tier</figcaption></figure>"
    )
