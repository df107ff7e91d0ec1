"""The diff report as JSON (``schemas/diff-report.schema.json``): compact, keys in a fixed
order, non-ASCII text kept as is, so the same inputs give byte-identical output."""

from __future__ import annotations

import json as _json
from dataclasses import replace
from typing import TYPE_CHECKING

from drafting.diff.report import DiffReport, Unit, report_to_dict, unit_to_dict

if TYPE_CHECKING:
    from drafting.diff.pipeline import Mapper


def render_json(report: DiffReport, *, mapper: Mapper | None = None) -> str:
    """One line of JSON and a newline (the module docstring says why it is byte-stable).

    ``mapper`` (``drafting.diff.pipeline.Mapper``) may encode the units, most of a long
    report, elsewhere: without indentation an object is encoded the same wherever it
    nests, so the units' texts joined into the rest are the text of the whole."""
    if mapper is None:
        return _json.dumps(report_to_dict(report), ensure_ascii=False) + "\n"
    units = mapper(_unit_json, report.units, [_size(unit) for unit in report.units])
    rest = report_to_dict(replace(report, units=()))
    members = [
        f"{_encode(key)}: " + ("[" + ", ".join(units) + "]" if key == "units" else _encode(value))
        for key, value in rest.items()
    ]
    return "{" + ", ".join(members) + "}\n"


def _encode(value: object) -> str:
    return _json.dumps(value, ensure_ascii=False)


def _unit_json(unit: Unit) -> str:
    return _encode(unit_to_dict(unit))


def _size(unit: Unit) -> int:
    """About how much JSON a unit makes: its text, and a line per op and verdict."""
    return sum(len(op.text) + 60 for op in unit.ops) + 400 * len(unit.strength_sentences)
