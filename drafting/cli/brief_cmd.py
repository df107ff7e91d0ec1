"""``drafting brief``: one briefing over a set of clause files, for colleagues who read in a
browser or in Word."""

from __future__ import annotations

import click

from drafting.cli.common import emit, emit_bytes, format_option, output_option, progress

PROGRESS_FROM = 5
"""More files than a few: a progress bar on standard error (on a terminal)."""


@click.command(
    "brief",
    epilog="""\b
Examples:
  drafting brief texts/
  drafting brief texts/ --format html -o brief.html
  drafting brief texts/ua-ge-membership.xml texts/nato-ukraine-membership.xml \\
      --format docx -o brief.docx

\b
A folder stands for the .xml files in it (and below it). Each clause file gets its positions
report (docs/positions.md): the top table has one row per clause and one column per party,
each cell the verdict of that party's latest position against the clause's base; then per
clause the summary, who strengthened or weakened it, the key redlines and the sources.
Document files (whole draft treaties) are left out with a note on standard error.

\b
Exit codes: 0 written, 2 trouble (no clause file, a missing or malformed file).""",
)
@click.argument("inputs", nargs=-1, required=True, metavar="FOLDER|FILES...")
@format_option("markdown", "html", "docx", default="markdown")
@output_option
def brief(inputs: tuple[str, ...], output_format: str, output: str) -> int:
    """Brief colleagues on several clauses: who moved where, with the redlines and sources."""
    # start-up time: the core and the renderers load only when the command runs
    from drafting.diff.positions import PositionsError, PositionsOptions, positions  # start-up time
    from drafting.errors import EXIT_OK, InputError  # start-up time
    from drafting.inputs import load_value  # start-up time
    from drafting.model import Clause  # start-up time
    from drafting.render.brief import Brief, BriefItem  # start-up time

    files = _collect(inputs)
    items: list[BriefItem] = []
    notes: list[str] = []
    with progress(files, "briefing", threshold=PROGRESS_FROM) as bar:
        for path in bar:
            value = load_value(path)
            if not isinstance(value, Clause):
                notes.append(f"{path}: a document, not a clause file: left out")
                continue
            try:
                items.append(BriefItem(path, positions(value, PositionsOptions())))
            except PositionsError as error:
                notes.append(f"{path}: {error}: left out")
    for note in notes:
        click.echo(f"drafting: {note}", err=True)
    if not items:
        raise InputError(f"{', '.join(inputs)}: no clause file to brief on")
    value = Brief(tuple(items), tuple(notes))
    if output_format == "docx":
        from drafting.render.docx_brief import render_brief_docx  # start-up time

        emit_bytes(render_brief_docx(value), output)
    elif output_format == "html":
        from drafting.render.brief import render_brief_html  # start-up time

        emit(render_brief_html(value), output)
    else:
        from drafting.render.brief import render_brief_markdown  # start-up time

        emit(render_brief_markdown(value), output)
    return EXIT_OK


def _collect(inputs: tuple[str, ...]) -> list[str]:
    """The files named, a folder standing for its .xml files (sorted, recursively)."""
    from pathlib import Path  # start-up time

    from drafting.errors import InputError  # start-up time

    files: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*.xml") if p.is_file())
            if not found:
                raise InputError(f"{name}: no .xml files in this folder")
            files += found
        elif path.exists():
            files.append(name)
        else:
            raise InputError(f"{name}: no such file or folder")
    return files
