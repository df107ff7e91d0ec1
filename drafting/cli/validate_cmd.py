"""``drafting validate``: check clause and document files against the schema and the rules."""

from __future__ import annotations

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
    from drafting.formats.validation import FileReport


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
    from drafting.errors import EXIT_DIFFERENT, EXIT_OK, EXIT_TROUBLE, InputError  # start-up time
    from drafting.formats.source import read_bytes  # start-up time
    from drafting.formats.validation import check_file, validate_bytes, xml_files  # start-up time

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
                    reports.append(validate_bytes(read_bytes("-"), "<stdin>", hidden=True))
                else:
                    reports.append(check_file(file))
            except InputError as error:
                errors.append(str(error))
                click.echo(f"drafting: {error}", err=True)

    from drafting.render.validation import (
        render_validation_json,
        render_validation_text,
        validation_summary,
    )  # start-up time

    problems = [problem for report in reports for problem in report.problems]
    if output_format == "json":
        emit(render_validation_json(reports, errors), output)
    else:
        paint = want_color(color) and output == "-"
        text = render_validation_text(problems, color=paint)
        if paint and text:
            click.echo(text, color=True)  # click strips colour off a terminal
        elif text or output != "-":
            emit(text, output)
    click.echo(validation_summary(reports), err=True)

    if errors or any(not report.readable for report in reports):
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if problems else EXIT_OK
