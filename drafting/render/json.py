"""The diff report as JSON (``schemas/diff-report.schema.json``): compact, keys in a fixed
order, non-ASCII text kept as is, so the same inputs give byte-identical output."""

from __future__ import annotations

import json as _json

from drafting.diff.report import DiffReport, report_to_dict


def render_json(report: DiffReport) -> str:
    """One line of JSON and a newline (the module docstring says why it is byte-stable)."""
    return _json.dumps(report_to_dict(report), ensure_ascii=False) + "\n"
