"""``drafting fmt``: rewrite clause and document files in canonical form, like black."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command(
    "fmt",
    epilog="""\b
Examples:
  drafting fmt texts/
  drafting fmt --check texts/            # in CI or a pre-commit hook
  drafting fmt - < clause.xml > clause.canonical.xml

Canonical form: UTF-8, LF, 2-space indent, attributes in a fixed order, one <s> per line,
whitespace inside sentences collapsed, final newline (docs/formats.md). Formatting twice
changes nothing. Files are rewritten atomically, under the lock every drafting edit takes
(an `amend --apply` or `draft add` running at the same moment is never lost: the file is
formatted as it is after that edit), and only when they validate: an invalid,
malformed or hostile file is reported (path:line:column: message on standard error) and left
untouched, and so is a file holding XML comments or processing instructions, which the
canonical form cannot keep. Changed files are listed on standard output, a summary on
standard error.

\b
Exit codes: 0 done (or, with --check, every file already canonical), 1 with --check: some
files would be reformatted, 2 trouble: a missing, unreadable, invalid or unsafe file.""",
)
@click.argument("paths", nargs=-1, type=click.Path(allow_dash=True), required=True)
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; list the files that would be reformatted and exit 1 if any.",
)
def fmt(paths: tuple[str, ...], check: bool) -> int:
    """Rewrite clause and document files in canonical form."""
    from drafting.cli.common import progress  # start-up time
    from drafting.errors import (
        EXIT_DIFFERENT,
        EXIT_OK,
        EXIT_TROUBLE,
        DraftingError,
    )  # start-up time
    from drafting.formats.atomic import edit_file  # start-up time
    from drafting.formats.clausexml import canonicalize  # start-up time
    from drafting.formats.source import read_bytes  # start-up time
    from drafting.formats.validation import xml_files  # start-up time

    changed = unchanged = failed = 0
    files: list[str | Path] = []
    for path in paths:
        try:
            files.extend(["-"] if path == "-" else xml_files(path))
        except DraftingError as error:
            click.echo(f"drafting: {error}", err=True)
            failed += 1
    with progress(files, "Formatting") as bar:
        for file in bar:
            name = "<stdin>" if file == "-" else str(file)
            if file != "-" and not check:
                try:
                    # locked read-modify-write: formats the file as it is now, and a
                    # concurrent edit between our read and our write is redone, not lost
                    written = edit_file(file, lambda data, name=name: _changed(data, name))
                except DraftingError as error:
                    _report_failure(error)
                    failed += 1
                    continue
                if written is None:
                    unchanged += 1
                else:
                    changed += 1
                    click.echo(f"reformatted {name}")
                continue
            try:
                data = read_bytes(file)
                result = canonicalize(data, name)
            except DraftingError as error:
                _report_failure(error)
                failed += 1
                continue
            if file == "-":
                changed += result != data
                unchanged += result == data
                if not check:
                    sys.stdout.buffer.write(result)
                    sys.stdout.flush()
            elif result == data:
                unchanged += 1
            else:
                changed += 1
                click.echo(f"would reformat {name}")

    click.echo(_summary(check, changed, unchanged, failed), err=True)
    if failed:
        return EXIT_TROUBLE
    return EXIT_DIFFERENT if check and changed else EXIT_OK


def _changed(data: bytes, name: str) -> bytes | None:
    """The canonical bytes of ``data``, or None when it is canonical already (nothing to
    write). Called under the file's lock, perhaps more than once: it must not print."""
    from drafting.formats.clausexml import canonicalize  # start-up time

    result = canonicalize(data, name)
    return None if result == data else result


def _report_failure(error: Exception) -> None:
    """Every problem of an invalid file on its own line; other errors as one line."""
    problems = getattr(error, "problems", None)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        click.echo(f"drafting: {problems[0].path}: not formatted: the file is invalid", err=True)
    else:
        click.echo(f"drafting: {error}", err=True)


def _summary(check: bool, changed: int, unchanged: int, failed: int) -> str:
    verb = "would be reformatted" if check else "reformatted"
    parts = [f"{changed} {'file' if changed == 1 else 'files'} {verb}"]
    parts.append(f"{unchanged} unchanged")
    if failed:
        parts.append(f"{failed} failed")
    return ", ".join(parts)
