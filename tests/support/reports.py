"""Checks every diff report must pass: valid against its schema, ops that rebuild the inputs."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from drafting.resources import schema_path


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("diff-report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check_report(report: dict[str, Any], a_text: str, b_text: str) -> None:
    """Valid against the schema; every unit's ops rebuild text[a_span] and text[b_span] and
    every op's offsets point at its text in the input."""
    validator().validate(report)
    for unit in report["units"]:
        a_part = "".join(o["text"] for o in unit["ops"] if o["op"] != "insert")
        b_part = "".join(o["text"] for o in unit["ops"] if o["op"] != "delete")
        if unit["a_span"] is None:
            assert a_part == ""
        else:
            assert a_part == a_text[unit["a_span"][0] : unit["a_span"][1]]
        if unit["b_span"] is None:
            assert b_part == ""
        else:
            assert b_part == b_text[unit["b_span"][0] : unit["b_span"][1]]
        for op in unit["ops"]:
            if "a_start" in op:
                assert a_text[op["a_start"] : op["a_start"] + len(op["text"])] == op["text"]
            if "b_start" in op:
                assert b_text[op["b_start"] : op["b_start"] + len(op["text"])] == op["text"]
