"""The validation report, as text lines and as JSON (``schemas/validation-report.schema.json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafting.errors import Problem
    from drafting.formats.validation import FileReport

SCHEMA_VERSION = 1
BOLD, RESET = "\x1b[1m", "\x1b[0m"


def render_validation_text(problems: Sequence[Problem], *, color: bool = False) -> str:
    """One ``path:line:column: message`` line per problem; the location in bold with colour."""
    if not color:
        return "\n".join(str(p) for p in problems)
    return "\n".join(f"{BOLD}{p.path}:{p.line}:{p.column}:{RESET} {p.message}" for p in problems)


def validation_summary(reports: Sequence[FileReport]) -> str:
    """The one-line tally for standard error, so stdout carries only the problems."""
    files = len(reports)
    problems = sum(len(report.problems) for report in reports)
    bad = sum(1 for report in reports if report.problems)
    noun = "file" if files == 1 else "files"
    if not files:
        return "no files checked"
    if not problems:
        return f"{files} {noun} valid"
    problem_noun = "problem" if problems == 1 else "problems"
    return f"{problems} {problem_noun} in {bad} of {files} {noun}"


def validation_to_dict(reports: Sequence[FileReport], errors: Sequence[str]) -> dict[str, object]:
    """The report as JSON data (schema: schemas/validation-report.schema.json)."""
    files = [
        {
            "path": report.path,
            "kind": report.kind,
            "status": "valid" if report.valid else ("invalid" if report.readable else "unreadable"),
            "problems": [
                {"line": p.line, "column": p.column, "message": p.message} for p in report.problems
            ],
        }
        for report in reports
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "valid": not errors and all(report.valid for report in reports),
        "files": files,
        "errors": list(errors),
        "summary": {
            "files": len(reports),
            "valid": sum(1 for report in reports if report.valid),
            "invalid": sum(1 for report in reports if report.readable and report.problems),
            "unreadable": sum(1 for report in reports if not report.readable),
            "problems": sum(len(report.problems) for report in reports),
        },
    }


def render_validation_json(reports: Sequence[FileReport], errors: Sequence[str]) -> str:
    return json.dumps(validation_to_dict(reports, errors), ensure_ascii=False, indent=2)
