"""``drafting validate``: check clause and document files against the schema and the rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafting.cli.common import (
    color_option,
    emit,
    format_option,
    output_option,
    progress,
    want_color,
)

if TYPE_CHECKING:
    from drafting.errors import Problem
    from drafting.formats.validation import FileReport

REPORT_SCHEMA_VERSION = 1


@click.command(
    "validate",
    epilog="""\b
Examples:
  drafting validate texts/
  drafting validate texts/ua-ge-membership.xml other/clause.xml
  drafting validate --format json texts/ > report.json
  cat clause.xml | drafting validate -

Folders are searched for *.xml (hidden folders skipped), in path order. Every problem is
printed on standard output, one per line, as path:line:column: message (schema errors and
cross-field checks: unknown party, dangling supersedes/respondsTo/target/result/source,
supersedes naming another party's draft, duplicate ids, an amendment's old text or anchor
not found in its target sentence). A summary goes to standard error. Malformed or hostile
XML (DOCTYPE, entities, too large, too deep) is reported the same way and never echoed.

\b
Exit codes: 0 all files valid, 1 problems found, 2 trouble: a missing or unreadable path,
or a file that is not well-formed, safe XML.""",
)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True), required=True)
@format_option("text", "json")
@output_option
@color_option
def validate(paths: tuple[str, ...], output_format: str, output: str, color: str) -> int:
    """Validate clause and document files (XSD plus cross-field checks)."""
    from drafting.errors import EXIT_DIFFERENT, EXIT_OK, EXIT_TROUBLE, InputError
    from drafting.formats.validation import check_file, validate_bytes, xml_files

    reports: list[FileReport] = []
    errors: list[str] = []
    files: list[str | Path] = []
    for path in paths:
        try:
            files.extend(["-"] if path == "-" else xml_files(path))
        except InputError as error:
            errors.append(str(error))
            click.echo(f"drafting: {error}", err=True)
    with progress(files, "Validating") as bar:
        for file in bar:
            try:
                if file == "-":
                    reports.append(validate_bytes(sys.stdin.buffer.read(), "<stdin>"))
                else:
                    reports.append(check_file(file))
            except InputError as error:
                errors.append(str(error))
                click.echo(f"drafting: {error}", err=True)

    problems = [problem for report in reports for problem in report.problems]
    if output_format == "json":
        emit(json.dumps(_json_report(reports, errors), ensure_ascii=False, indent=2), output)
    else:
        paint = want_color(color) and output == "-"
        lines = [
            (click.style(f"{p.path}:{p.line}:{p.column}:", bold=True) + f" {p.message}")
            if paint
            else str(p)
            for p in problems
        ]
        if paint and lines:
            click.echo("\n".join(lines), color=True)  # click strips colour off a terminal
        elif lines or output != "-":
            emit("\n".join(lines), output)
    click.echo(_summary(reports, problems), err=True)

    if errors or any(not report.readable for report in reports):
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if problems else EXIT_OK


def _summary(reports: list[FileReport], problems: list[Problem]) -> str:
    """The one-line tally on standard error, so stdout carries only the problems."""
    files = len(reports)
    bad = sum(1 for report in reports if report.problems)
    noun = "file" if files == 1 else "files"
    if not files:
        return "no files checked"
    if not problems:
        return f"{files} {noun} valid"
    problem_noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {problem_noun} in {bad} of {files} {noun}"


def _json_report(reports: list[FileReport], errors: list[str]) -> dict[str, object]:
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
        "schema_version": REPORT_SCHEMA_VERSION,
        "valid": not errors and all(report.valid for report in reports),
        "files": files,
        "errors": errors,
        "summary": {
            "files": len(reports),
            "valid": sum(1 for report in reports if report.valid),
            "invalid": sum(1 for report in reports if report.readable and report.problems),
            "unreadable": sum(1 for report in reports if not report.readable),
            "problems": sum(len(report.problems) for report in reports),
        },
    }
