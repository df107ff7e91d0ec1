"""``drafting strength``: how strongly a clause binds, for one text or a JSONL batch."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from drafting.cli.common import (
    collector_paused,
    color_option,
    emit,
    format_option,
    output_option,
    read_as_seen,
    read_text_input,
    want_color,
)
from drafting.errors import DraftingError
from drafting.formats.source import check_text_length, display_name
from drafting.model import INSTRUMENTS
from drafting.text.language import LANGUAGES

if TYPE_CHECKING:
    from drafting.strength import Lexicon

PROGRESS_FROM = 2000
"""Batches with at least this many lines show a progress bar on a terminal."""


@click.command(
    "strength",
    epilog="""\b
Examples:
  drafting strength --instrument political-declaration \\
      "Ukraine and Georgia will never become a member of NATO."
  drafting strength --file clause.txt --instrument treaty --format json
  drafting strength --file clause.txt --format html -o strength.html
  echo "Les parties s'abstiennent de toute menace." | drafting strength --instrument treaty
  drafting strength - < clause.txt                      # '-': standard input, as no TEXT
  drafting strength --batch clauses.jsonl > results.jsonl
  drafting strength --batch clauses.jsonl --jobs 1 -o results.jsonl   # one process
  drafting strength --lexicon my-terms.json "The Parties shall endeavour to cooperate."
  drafting strength --explain --instrument treaty "Украина никогда не станет членом НАТО."

\b
Batch lines are JSON objects: {"id": …, "text": …, "language": …, "instrument": …}
(language and instrument optional); each gives one JSON line with the same id
(or, with --format text, one tab-separated line: id, tier, polarity, score, explanation).

Exit codes: 0 analysed, 2 trouble (bad usage, unreadable file, bad batch line).""",
)
@click.argument("text", required=False)
@click.option(
    "--file",
    "file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the clause from this file ('-' for standard input).",
)
@click.option(
    "--instrument",
    type=click.Choice(INSTRUMENTS),
    help="Instrument type: decides what 'will' means (rule C1). Default: unknown.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    help="Language of the text (default: detected).",
)
@click.option(
    "--lexicon",
    "lexicon_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A lexicon file whose entries add to or override the shipped ones (repeatable).",
)
@click.option(
    "--batch",
    "batch",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Analyse every line of a JSONL file; write one JSON line per input line.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also list the rule passes that fired, in the order they ran (docs/strength.md).",
)
@click.option(
    "--jobs",
    type=click.IntRange(1),
    default=None,
    metavar="N",
    help="With --batch: share a long batch among N processes (forked copies of this one), "
    "with the same output in the same order. Default: one per core this process may use.",
)
@format_option("text", "json", "jsonl", "html")
@color_option
@output_option
def strength(
    text: str | None,
    file: str | None,
    instrument: str | None,
    language: str | None,
    lexicon_files: tuple[str, ...],
    batch: str | None,
    explain: bool,
    jobs: int | None,
    output_format: str,
    color: str,
    output: str,
) -> int:
    """Grade how strongly a clause binds: tier 0-5, polarity, score, and the words why."""
    from drafting.render.strength import render_json, render_text  # start-up time
    from drafting.strength.batch import Analyser  # start-up time
    from drafting.strength.lexicon import lexicon_from_text  # start-up time
    from drafting.text.hidden import escape_json  # start-up time

    overlays = tuple(
        lexicon_from_text(read_text_input(path), path) for path in lexicon_files
    )  # through the one bounded reader: a FIFO or /dev/zero is refused, size capped
    if batch is not None:
        if output_format == "html":
            raise DraftingError("--format html shows one clause, not a --batch")
        if text is not None or file is not None:
            raise DraftingError("give either --batch or a text/--file, not both")
        source = click.get_current_context().get_parameter_source("output_format")
        if source == click.core.ParameterSource.DEFAULT:
            output_format = "jsonl"  # a batch is JSON lines unless text is asked for
        _run_batch(batch, overlays, language, instrument, output_format, output, explain, jobs)
        return 0
    clause = _read_clause(text, file)
    check_text_length(clause, "clause" if file is None else display_name(file), "clause")
    if not clause.strip():
        raise DraftingError("the clause is empty: pass TEXT, --file FILE, or pipe it on stdin")
    given = clause
    clause, found = read_as_seen(clause, "clause" if file is None else display_name(file))
    result = Analyser(overlays)(clause, language, instrument)
    if output_format == "text":
        coloured = want_color(color) if output == "-" else color == "always"
        rendered = render_text(result, coloured, explain)
        if coloured and output == "-":
            click.echo(rendered, color=True, nl=False)  # emit() would strip the colours
            return 0
    elif output_format == "html":
        from drafting.render.html.strength import render_html  # start-up time

        rendered = render_html(result, f"Strength of {file}" if file else "Strength", found)
    else:
        indent = 2 if output_format == "json" else None
        hidden = [item.to_json(given) for item in found]
        rendered = escape_json(render_json(result, indent=indent, explain=explain, hidden=hidden))
    emit(rendered, output)
    return 0


def _read_clause(text: str | None, file: str | None) -> str:
    if text is not None and file is not None:
        raise DraftingError("give the clause as an argument or with --file, not both")
    if text == "-":  # the command-line convention: '-' is standard input, not the clause
        return read_text_input("-")
    if text is not None:
        return text
    if file is None and sys.stdin.isatty():
        raise DraftingError("no clause given: pass TEXT, --file FILE, or pipe it on stdin")
    return read_text_input(file or "-")


@dataclass(frozen=True)
class _BatchLine:
    """What one batch line came to when there is more than its output line (a ``str``): the
    error that stops the batch, or the warnings to print before the line (hidden characters,
    in the line's order)."""

    output: str
    warnings: list[str]
    error: DraftingError | None = None


@collector_paused  # a batch makes a million short-lived objects and no cycles
def _run_batch(
    path: str,
    overlays: tuple[Lexicon, ...],
    language: str | None,
    instrument: str | None,
    output_format: str,
    output: str,
    explain: bool = False,
    jobs: int | None = None,
) -> None:
    """Each line is parsed, checked, analysed and rendered on its own, the lines shared
    among ``jobs`` processes (``fork_map``; default: the cores this process may use). The
    output is written once every line is known good, so a bad line stops the run before any
    output, after the warnings of the lines before it: the output of one process, in order."""
    from drafting.cli.common import as_seen, fork_map  # start-up time: only a batch may fork
    from drafting.formats.atomic import write_atomic  # start-up time
    from drafting.formats.jsonl import parse_record, split_lines  # start-up time
    from drafting.formats.source import read_bytes  # start-up time
    from drafting.render.strength import batch_line_json, batch_line_text  # start-up time
    from drafting.strength.batch import Analyser  # start-up time
    from drafting.text.hidden import escape_invisible, escape_json, find_hidden  # start-up time

    name = display_name(path)
    lines = split_lines(read_bytes(path), name)
    analyser = Analyser(overlays)

    def one_line(numbered: tuple[int, str]) -> str | _BatchLine:
        number, line = numbered
        where = f"{name}:{number}"
        try:
            data = parse_record(line, name, number).value
            item_language, item_instrument = _checked_settings(data, where)
            text = check_text_length(data["text"], where, "text")
        except DraftingError as error:
            return _BatchLine("", [], error)
        read, found, warnings = as_seen(text, where, find_hidden(text))
        # the line's own language and instrument, else the batch's
        result = analyser(read, item_language or language, item_instrument or instrument)
        if output_format == "text":
            rendered = escape_invisible(batch_line_text(data["id"], result, explain))
        else:  # U+2028 and bidi controls as \u escapes: the same JSON, safe to print
            hidden = [finding.to_json(text) for finding in found]
            rendered = escape_json(batch_line_json(data["id"], result, explain, hidden))
        # nearly every line is its output alone: a str is also the least a child pickles
        return _BatchLine(rendered, warnings) if warnings else rendered

    show_progress = len(lines) >= PROGRESS_FROM and sys.stderr.isatty()
    with click.progressbar(
        length=len(lines), label="analysing", file=sys.stderr, hidden=not show_progress
    ) as bar:

        def advance(fraction: float) -> None:
            bar.update(round(fraction * len(lines)) - bar.pos)

        done = fork_map(
            one_line,
            lines,
            [len(line) for _, line in lines],
            processes=jobs,
            progress=advance if show_progress else None,
        )
    for result in done:
        if type(result) is _BatchLine:
            for warning in result.warnings:
                click.echo(warning, err=True)
            if result.error is not None:
                raise result.error
    outputs = [result if type(result) is str else result.output for result in done]
    outputs.append("")  # each line ends with a line break: none for an empty batch
    text = "\n".join(outputs)
    if output == "-":
        sys.stdout.write(text)
    else:
        write_atomic(output, text)


def _checked_settings(data: dict[str, Any], where: str) -> tuple[str | None, str | None]:
    """A batch line's own language and instrument, after checking its fields: an 'id' that
    is a string or a number, a string 'text', a known language and instrument."""
    if "id" not in data or not isinstance(data.get("text"), str):
        raise DraftingError(f"{where}: each line needs an 'id' and a string 'text'")
    if isinstance(data["id"], (dict, list)):
        raise DraftingError(f"{where}: the 'id' must be a string or a number")
    item_language = data.get("language")
    if item_language is not None and item_language not in LANGUAGES:
        raise DraftingError(
            f"{where}: language {item_language!r} is not one of " + ", ".join(LANGUAGES)
        )
    item_instrument = data.get("instrument")
    if item_instrument is not None and item_instrument not in INSTRUMENTS:
        raise DraftingError(
            f"{where}: instrument {item_instrument!r} is not one of " + ", ".join(INSTRUMENTS)
        )
    return item_language, item_instrument
