"""The positions report and the timeline as JSON (``schemas/positions.schema.json``): one
line, keys in field order, non-ASCII kept, so the same inputs give byte-identical output."""

from __future__ import annotations

import json

from drafting.diff.positions import PositionsReport, Timeline, positions_to_dict


def render_positions_json(report: PositionsReport | Timeline) -> str:
    """One line of JSON and a newline."""
    return json.dumps(positions_to_dict(report), ensure_ascii=False) + "\n"
