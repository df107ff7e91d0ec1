"""An amendment as a drafter's numbered instructions (text) or as JSON
(schemas/amendments.schema.json); the XML form is the codec's (``amendment_to_xml``)."""

from __future__ import annotations

import json
from typing import Any

from drafting.amend.operations import describe_in
from drafting.model import Amendment, Clause, Draft

AMENDMENTS_SCHEMA_VERSION = "1"


def instructions(amendment: Amendment, target: Draft) -> list[str]:
    """Each operation as a drafter's instruction; the target draft is needed to tell a
    whole-sentence delete from a partial one."""
    return [describe_in(op, target) for op in amendment.operations]


def amendment_fields(amendment: Amendment) -> dict[str, Any]:
    """An amendment's own fields as JSON (used by this report and by history events)."""
    return {
        "id": amendment.id,
        "party": amendment.party,
        "target": amendment.target,
        "result": amendment.result,
        "status": amendment.status,
        "date": amendment.date,
    }


def amendment_json(clause: Clause, amendment: Amendment, target: Draft) -> dict[str, Any]:
    """The report as JSON data (schemas/amendments.schema.json)."""
    return {
        "schema_version": AMENDMENTS_SCHEMA_VERSION,
        "clause": clause.id,
        "amendment": {
            **amendment_fields(amendment),
            "operations": [
                {
                    "kind": op.kind,
                    "at": op.at,
                    "old": op.old,
                    "new": op.new,
                    "anchor": op.anchor,
                    "position": op.position if op.kind == "insert" else None,
                    "new_id": op.new_id,
                }
                for op in amendment.operations
            ],
        },
        "instructions": instructions(amendment, target),
    }


def render_amendment(clause: Clause, amendment: Amendment, target: Draft, fmt: str) -> str:
    """``text`` (numbered instructions) or ``json``."""
    if fmt == "json":
        data = amendment_json(clause, amendment, target)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    lines = instructions(amendment, target)
    return "".join(f"{n}. {line}\n" for n, line in enumerate(lines, start=1))
