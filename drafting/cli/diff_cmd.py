"""``drafting diff``: a word-level redline of two clauses or two whole draft treaties."""

from __future__ import annotations

import os
import sys
from functools import partial
from typing import TYPE_CHECKING

import click

from drafting.cli.common import (
    collector_paused,
    color_option,
    emit,
    emit_bytes,
    fork_map,
    format_option,
    is_utf8,
    keep_until_exit,
    output_option,
    want_color,
)
from drafting.text.language import LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Callable

    from drafting.diff.options import DiffOptions
    from drafting.diff.pipeline import SidePrep
    from drafting.diff.report import Unit
    from drafting.diff.sides import Side
    from drafting.text.hidden import Hidden


@click.command(
    "diff",
    epilog="""\b
Examples:
  drafting diff texts/ua-ge-membership.xml
  drafting diff texts/ua-ge-membership.xml#nato-2008 texts/ua-ge-membership.xml#rus-2022
  drafting diff old.txt new.txt
  drafting diff --context 1 old.txt new.txt
  drafting diff --changes-only old.txt new.txt
  drafting diff --format json -o report.json old.md new.md
  drafting diff --format markdown old.txt new.txt > redline.md
  drafting diff --format html -o redline.html old.txt new.txt
  drafting diff --format docx -o redline.docx texts/ua-ge-membership.xml
  cat new.txt | drafting diff --side-by-side old.txt -
  drafting diff HEAD~1:texts/ua-ge-membership.xml#nato-2008 texts/ua-ge-membership.xml#nato-2008
  drafting diff texts/ua-ge-membership.xml#rus-2022 --rev v1..v2

\b
Inputs: a plain-text or Markdown file (imported on the fly), a document XML file, a clause
file with a draft, FILE.xml#DRAFT_ID (without #DRAFT_ID: its most recent draft), or - for
standard input. A clause file alone compares its two most recent drafts and says which on
standard error. Articles are aligned first (moved, renumbered, added, removed), then
sentences, then words inside changed sentences. Offsets in JSON count characters of each
input as read; for XML, of its plain-text rendering (docs/diff.md).

\b
Exit codes: 0 identical after normalisation, 1 different, 2 trouble (a missing or
unreadable file, malformed XML, an unknown draft).""",
)
@click.argument("inputs", nargs=-1, required=True, metavar="A [B]")
@format_option("text", "markdown", "json", "html", "docx")
@output_option
@color_option
@click.option("--side-by-side", is_flag=True, help="Text format: the two sides in two columns.")
@click.option(
    "--width", type=click.IntRange(40), default=None, help="Side-by-side width (terminal's)."
)
@click.option(
    "--context",
    "context",
    type=click.IntRange(0),
    default=None,
    metavar="N",
    help="Text and Markdown: show N unchanged units around each change and collapse the "
    "rest (as diff -U). Default: the whole text.",
)
@click.option(
    "--changes-only",
    is_flag=True,
    help="Text and Markdown: list the changed units alone, each with its changed lines.",
)
@click.option(
    "--granularity",
    type=click.Choice(["word", "char"]),
    default="word",
    show_default=True,
    help="Diff words (with punctuation and spaces as tokens) or characters.",
)
@click.option("--ignore-case", is_flag=True, help="Treat upper and lower case as equal.")
@click.option(
    "--ignore-punctuation", is_flag=True, help="Compare words only; punctuation never differs."
)
@click.option(
    "--lang-a",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of plain-text A (guessed when not given).",
)
@click.option(
    "--lang-b",
    type=click.Choice(LANGUAGES),
    default=None,
    help="Language of plain-text B (guessed when not given).",
)
@click.option("--instrument", default=None, help="Instrument type of both plain-text sides.")
@click.option("--instrument-a", default=None, help="Instrument type of plain-text A.")
@click.option("--instrument-b", default=None, help="Instrument type of plain-text B.")
@click.option(
    "--strength",
    type=click.Choice(["always", "never"]),
    default="always",
    show_default=True,
    help="Grade the guarantee strength of changed units (always: whatever their size).",
)
@click.option(
    "--rev",
    "rev_range",
    metavar="A..B",
    help="Compare the one input PATH between two git revisions (A.. or A: B is the work tree).",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "c++", "python"]),
    default="auto",
    show_default=True,
    help="diff-match-patch implementation (same algorithm; c++ is about 40x faster).",
)
@collector_paused
def diff(
    inputs: tuple[str, ...],
    output_format: str,
    output: str,
    color: str,
    side_by_side: bool,
    width: int | None,
    context: int | None,
    changes_only: bool,
    granularity: str,
    ignore_case: bool,
    ignore_punctuation: bool,
    lang_a: str | None,
    lang_b: str | None,
    instrument: str | None,
    instrument_a: str | None,
    instrument_b: str | None,
    strength: str,
    engine: str,
    rev_range: str | None,
) -> int:
    """Show what changed between two wordings, word by word."""
    from drafting.diff.options import DiffOptions  # start-up time
    from drafting.diff.pipeline import compare_with  # start-up time
    from drafting.errors import EXIT_DIFFERENT, EXIT_OK, InputError  # start-up time
    from drafting.inputs import SideOptions, load_pair  # start-up time

    if len(inputs) > 2:
        raise click.UsageError("give one clause file or two inputs")
    if rev_range is not None:
        from drafting.git.repo import revision_pair  # start-up time

        inputs = revision_pair(inputs, rev_range)
    instrument_a = instrument_a or instrument
    instrument_b = instrument_b or instrument
    _check_instrument(instrument_a, "--instrument-a")
    _check_instrument(instrument_b, "--instrument-b")
    refused = None
    try:
        options: DiffOptions | None = DiffOptions(
            granularity=granularity,  # type: ignore[arg-type]
            ignore_case=ignore_case,
            ignore_punctuation=ignore_punctuation,
            engine=engine,  # type: ignore[arg-type]
            strength=strength,  # type: ignore[arg-type]
        )
    except ValueError as error:
        options, refused = None, str(error)  # said once the inputs are read, as it was
    notes: list[str] = []
    seen: list[tuple[tuple[Hidden, ...], SidePrep | None]] = []
    side_a, side_b = load_pair(
        inputs,
        options_a=SideOptions(lang_a, instrument_a),
        options_b=SideOptions(lang_b, instrument_b),
        notes=notes,
        mapper=fork_map,
        also=partial(_seen, options),
        made=seen,
        meanwhile=_strength_engine if strength != "never" else None,
    )
    seen_a, seen_b = seen
    for note in notes:
        click.echo(f"drafting: {note}", err=True)
    hidden_change = _hidden_change(side_a, side_b, seen_a[0], seen_b[0])
    if options is None:
        raise InputError(str(refused))
    # languages and instruments of plain-text sides went into the sides; XML has its own
    hook = None
    if options.strength != "never":
        from drafting.diff.verdicts import strength_hook  # start-up time

        hook = strength_hook(mapper=fork_map)
    prep = (seen_a[1], seen_b[1])
    units: list[bytes] = []
    made: list[Unit] = []  # the units this process made, kept (see _unit_json_utf8)
    if output_format == "json":
        from drafting.render.json import render_json_utf8, unit_json  # start-up time
        from drafting.text.hidden import escape_json, escape_json_utf8  # start-up time

        # each unit's JSON made (terminal-safe, as UTF-8) in the process that diffed and
        # graded it, in the same go; the units themselves are not needed after that, so
        # not sent back from another process (keep_units=False)
        report, units = compare_with(
            side_a,
            side_b,
            options,
            strength=hook,
            mapper=fork_map,
            also=partial(_unit_json_utf8, unit_json, escape_json_utf8, made),
            prepared=prep,
            keep_units=False,
        )
    else:
        report = compare_with(
            side_a, side_b, options, strength=hook, mapper=fork_map, prepared=prep
        )[0]
    if output_format in ("text", "markdown"):
        from drafting.render.rows import View  # start-up time

        view = View(context=context, changes_only=changes_only)
    if output_format == "json":
        # the units are escaped already (_unit_json_utf8): escape_json acts on characters
        _write_utf8(render_json_utf8(report, units, outside_units=escape_json), output)
        keep_until_exit(report, side_a, side_b, units, seen, made)
        return EXIT_OK if report.identical and not hidden_change else EXIT_DIFFERENT
    if output_format == "markdown":
        from drafting.render.markdown import render_markdown  # start-up time

        text = render_markdown(report, view=view)
    elif output_format == "html":
        from drafting.render.html.diff import render_html  # start-up time

        text = render_html(report)
    elif output_format == "docx":
        from drafting.inputs import draft_author  # start-up time
        from drafting.render.docx_redline import DocxOptions, render_docx  # start-up time

        author, date = draft_author(side_b.info.name)
        docx_options = DocxOptions(author or side_b.info.name, date, side_b.text)
        emit_bytes(render_docx(report, docx_options), output)
        return EXIT_OK if report.identical and not hidden_change else EXIT_DIFFERENT
    else:
        import shutil  # start-up time: only text output asks the terminal's width

        from drafting.render.text import render_text  # start-up time

        stream = sys.stdout if output == "-" else None
        colour = want_color(color, stream) if stream is not None else color == "always"
        columns = width or shutil.get_terminal_size((160, 24)).columns
        text = render_text(
            report, color=colour, side_by_side=side_by_side, width=columns, view=view
        )
    text = _terminal_safe(text, output_format)
    if output == "-" and "\x1b[" in text:
        # emit() lets click strip escape codes off a non-terminal; --color always keeps them
        click.echo(text, nl=False, color=True)
    else:
        emit(text, output)
    keep_until_exit(report, side_a, side_b, units, seen)
    return EXIT_OK if report.identical and not hidden_change else EXIT_DIFFERENT


def _strength_engine() -> None:
    """Import the strength engine (done while the other process loads a file: the verdicts
    need it, and so do the word diffs, which never leave a strength word as chance)."""
    import drafting.strength  # noqa: F401  start-up time: imported while a file loads


def _seen(options: DiffOptions | None, side: Side) -> tuple[tuple[Hidden, ...], SidePrep | None]:
    """What is worked out of one side alone, in the process that loads it: its hidden and
    look-alike characters, and (for a side with articles) what the diff needs of it alone."""
    from drafting.diff.pipeline import prepare_side  # start-up time
    from drafting.text.hidden import find_hidden  # start-up time

    prep = prepare_side(side, options) if options is not None and side.numbered else None
    return find_hidden(side.text), prep


def _hidden_change(
    side_a: Side, side_b: Side, found_a: tuple[Hidden, ...], found_b: tuple[Hidden, ...]
) -> bool:
    """Warn about hidden and look-alike characters on each side (issue 16: ``found_a`` and
    ``found_b``, ``find_hidden`` of each text); True when the sides differ in them, which is
    a change even where the visible text is the same."""
    from drafting.cli.common import warn_found  # start-up time
    from drafting.text.hidden import hidden_signature  # start-up time

    warn_found(found_a, side_a.info.name)
    warn_found(found_b, side_b.info.name)
    if hidden_signature(side_a.text, found_a) == hidden_signature(side_b.text, found_b):
        return False
    click.echo("drafting: the inputs differ in hidden characters (counted as a change)", err=True)
    return True


def _unit_json_utf8(
    unit_json: Callable[[Unit], str],
    escape_json_utf8: Callable[[str], bytes],
    made: list[Unit],
    unit: Unit,
) -> bytes:
    """A unit's JSON text with its invisible characters escaped, as UTF-8
    (``escape_json_utf8``), in the process that makes the unit: ``render_json_utf8``
    escapes the rest of the report and only copies the units' bytes (a long report's text
    is megabytes: encoding it took the one process that runs after the stage about as long
    as the rest of its work). The unit goes into ``made``, which the command keeps until
    the process exits (``keep_until_exit``; a forked child exits without freeing anything):
    the report keeps no units (``compare_with(keep_units=False)``), and freeing each one's
    hundreds of objects one by one was 46 M instructions on the 100k-word bench pair."""
    made.append(unit)
    return escape_json_utf8(unit_json(unit))


def _write_utf8(data: bytes, output: str) -> None:
    """Write the JSON report's UTF-8 to a file (atomically) or to stdout, as ``emit`` writes
    its text: a stdout that does not write UTF-8 with bare line breaks gets the text."""
    if output != "-":
        emit_bytes(data, output)
        return
    stream = sys.stdout  # the stream itself: click.get_text_stream wraps a Latin-1 one in UTF-8
    buffer = getattr(stream, "buffer", None)
    if buffer is None or os.linesep != "\n" or not is_utf8(getattr(stream, "encoding", None)):
        click.echo(data.decode(), nl=False, color=True)
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()


def _terminal_safe(text: str, output_format: str) -> str:
    """No raw bidi, zero-width or control character from an input reaches a terminal (or a
    report): shown as <U+202E> in text and Markdown (JSON: ``escape_json``, a unit at a
    time, see ``_unit_json_utf8``)."""
    from drafting.text.hidden import escape_invisible  # start-up time

    if output_format in ("text", "markdown"):
        return escape_invisible(text, keep_colour=True)
    return text


def _check_instrument(value: str | None, option: str) -> None:
    """Refuse an unknown instrument as a usage error, before any input is read."""
    from drafting.model import INSTRUMENTS  # start-up time

    if value is not None and value not in INSTRUMENTS:
        raise click.BadParameter(
            f"{value!r} is not one of {', '.join(INSTRUMENTS)}", param_hint=option
        )
