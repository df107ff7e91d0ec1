"""``drafting positions``: every party's wording of a clause side by side, against a base."""

from __future__ import annotations

import shutil
import sys

import click

from drafting.cli.common import color_option, emit, format_option, output_option, want_color


@click.command(
    "positions",
    epilog="""\b
Examples:
  drafting positions texts/ua-ge-membership.xml --base nato-2008
  drafting positions texts/ua-ge-membership.xml --drafts rus-2021-nato,rus-2021-usa,usa-2022
  drafting positions texts/nato-ukraine-membership.xml --as-of 2021-12-31
  drafting positions texts/ua-ge-membership.xml --timeline
  drafting positions --party NATO=nato.txt --party Russia=russia.txt --base NATO
  drafting positions texts/non-use-of-force.xml --format markdown -o positions.md
  drafting positions texts/ua-ge-membership.xml --format json | jq .summary
  drafting positions texts/ua-ge-membership.xml --format html -o positions.html
  drafting positions texts/ua-ge-membership.xml --format docx -o positions.docx

\b
Columns: the base (--base, default the earliest draft) and each party's latest draft (as of
--as-of), or the drafts named by --drafts. Rows: sentences aligned across all drafts at once
(the base's sentence id, else the same text, else the most similar row). Each cell is
redlined against the base and graded for strength; the summary keeps the operator's polarity
("will not", "never") apart from the party's stance, and calls a position a reversal only
when the stance differs. --timeline lists every draft in date order against the draft it
supersedes or responds to. See docs/positions.md.

\b
Exit codes: 0 report written, 2 trouble (a missing or unreadable file, malformed XML, an
unknown draft or party).""",
)
@click.argument("clause_file", required=False, metavar="[CLAUSE.xml]")
@click.option(
    "--base", default=None, help="Draft id (or --party name) every cell is compared with."
)
@click.option("--drafts", default=None, metavar="ID,...", help="The drafts to show as columns.")
@click.option(
    "--as-of", "as_of", default=None, metavar="DATE", help="Leave out drafts dated later."
)
@click.option(
    "--party",
    "parties",
    multiple=True,
    metavar="NAME=FILE",
    help="A loose position: a text, document or FILE.xml#DRAFT named NAME (repeat).",
)
@click.option("--timeline", is_flag=True, help="Every draft in date order with its verdict.")
@click.option(
    "--lang",
    type=click.Choice(["en", "fr", "ru", "uk"]),
    default=None,
    help="Language of plain-text --party files (guessed when not given).",
)
@click.option("--instrument", default=None, help="Instrument type of plain-text --party files.")
@format_option("text", "markdown", "json", "html", "docx")
@output_option
@color_option
@click.option("--width", type=click.IntRange(40), default=None, help="Text width (terminal's).")
def positions(
    clause_file: str | None,
    base: str | None,
    drafts: str | None,
    as_of: str | None,
    parties: tuple[str, ...],
    timeline: bool,
    lang: str | None,
    instrument: str | None,
    output_format: str,
    output: str,
    color: str,
    width: int | None,
) -> int:
    """Show every party's position on a clause side by side, against a base."""
    from drafting.diff.positions import PositionsError, PositionsOptions  # start-up time
    from drafting.diff.positions import positions as build  # start-up time
    from drafting.diff.positions import timeline as build_timeline  # start-up time
    from drafting.errors import EXIT_OK, InputError  # start-up time
    from drafting.inputs import SideOptions, load_clause, load_named_draft  # start-up time
    from drafting.model import INSTRUMENTS  # start-up time

    if (clause_file is None) == (not parties):
        raise click.UsageError("give one clause file or --party NAME=FILE options, not both")
    if instrument is not None and instrument not in INSTRUMENTS:
        raise click.BadParameter(
            f"{instrument!r} is not one of {', '.join(INSTRUMENTS)}", param_hint="--instrument"
        )
    try:
        options = PositionsOptions(
            base=base,
            drafts=tuple(d.strip() for d in drafts.split(",") if d.strip()) if drafts else (),
            as_of=as_of,
        )
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--as-of") from None
    try:
        if clause_file is not None:
            clause = load_clause(clause_file)
            report = build_timeline(clause, options) if timeline else build(clause, options)
        else:
            if timeline:
                raise click.UsageError("--timeline needs a clause file")
            named = []
            for item in parties:
                name, sep, path = item.partition("=")
                if not sep or not name or not path:
                    raise click.BadParameter(f"{item!r} is not NAME=FILE", param_hint="--party")
                named.append(load_named_draft(name, path, options=SideOptions(lang, instrument)))
            report = build(named, options)
    except PositionsError as error:
        raise InputError(f"{clause_file or 'positions'}: {error}") from None
    if output_format == "docx":
        if timeline:
            raise click.UsageError("--format docx shows the positions table, not --timeline")
        from drafting.cli.common import emit_bytes  # start-up time
        from drafting.render.docx_redline import render_positions_docx  # start-up time

        emit_bytes(render_positions_docx(report), output)
        return EXIT_OK
    text = _render(report, output_format, output, color, width)
    if output == "-" and "\x1b[" in text:
        click.echo(text, nl=False, color=True)
    else:
        emit(text, output)
    return EXIT_OK


def _render(report: object, output_format: str, output: str, color: str, width: int | None) -> str:
    """One renderer per format (render/positions_*.py)."""
    from drafting.diff.positions import Timeline  # start-up time

    if output_format == "json":
        from drafting.render.positions_json import render_positions_json  # start-up time

        return render_positions_json(report)  # type: ignore[arg-type]
    if output_format == "html":
        from drafting.render.html.positions import (
            render_positions_html,
            render_timeline_html,
        )  # start-up time

        if isinstance(report, Timeline):
            return render_timeline_html(report)
        return render_positions_html(report)  # type: ignore[arg-type]
    if output_format == "markdown":
        from drafting.render import positions_markdown  # start-up time

        if isinstance(report, Timeline):
            return positions_markdown.render_timeline_markdown(report)
        return positions_markdown.render_positions_markdown(report)  # type: ignore[arg-type]
    from drafting.render import positions_text  # start-up time

    stream = sys.stdout if output == "-" else None
    colour = want_color(color, stream) if stream is not None else color == "always"
    columns = width or shutil.get_terminal_size((160, 24)).columns
    if isinstance(report, Timeline):
        return positions_text.render_timeline_text(report, color=colour, width=columns)
    return positions_text.render_positions_text(report, color=colour, width=columns)  # type: ignore[arg-type]
