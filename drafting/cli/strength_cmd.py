"""``drafting strength``: how strongly a clause binds, for one text or a JSONL batch."""

from __future__ import annotations

import json
import sys
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
from drafting.formats.source import check_text_length, display_name
from drafting.model import INSTRUMENTS
from drafting.text.language import LANGUAGES

if TYPE_CHECKING:
    from drafting.strength import Lexicon, StrengthResult
    from drafting.strength.batch import BatchItem

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
  drafting strength --batch clauses.jsonl --jobs 2 -o results.jsonl
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
    type=click.IntRange(1, 2),
    default=1,
    show_default=True,
    help="With --batch: 2 shares a long batch with a forked copy of this process on a second "
    "core (same output, same order).",
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
    jobs: int,
    output_format: str,
    color: str,
    output: str,
) -> int:
    """Grade how strongly a clause binds: tier 0-5, polarity, score, and the words why."""
    from drafting.errors import DraftingError  # start-up time
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
    from drafting.errors import DraftingError  # start-up time

    if text is not None and file is not None:
        raise DraftingError("give the clause as an argument or with --file, not both")
    if text == "-":  # the command-line convention: '-' is standard input, not the clause
        return read_text_input("-")
    if text is not None:
        return text
    if file is None and sys.stdin.isatty():
        raise DraftingError("no clause given: pass TEXT, --file FILE, or pipe it on stdin")
    return read_text_input(file or "-")


@collector_paused  # a batch makes a million short-lived objects and no cycles
def _run_batch(
    path: str,
    overlays: tuple[Lexicon, ...],
    language: str | None,
    instrument: str | None,
    output_format: str,
    output: str,
    explain: bool = False,
    jobs: int = 1,
) -> None:
    """Validate every line first (a bad line stops the run before any output), then analyse.
    With ``jobs`` 2 a long batch is shared with a forked process (``fork_map``), which sends
    back rendered lines in order; one process shows a progress bar instead."""
    from drafting.cli.common import fork_map  # start-up time: only a batch may fork
    from drafting.formats.atomic import write_atomic  # start-up time
    from drafting.render.strength import batch_line_json, batch_line_text  # start-up time
    from drafting.strength.batch import Analyser, BatchOptions, analyse_batch  # start-up time
    from drafting.text.hidden import escape_invisible, escape_json  # start-up time

    items, hidden = _read_batch(path)
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line
    options = BatchOptions(language=language, instrument=instrument, overlays=overlays)

    def line_of(item: BatchItem, result: StrengthResult, found: list[dict[str, Any]]) -> str:
        if output_format == "text":
            return escape_invisible(batch_line_text(item.id, result, explain))
        # U+2028 and bidi controls as \u escapes: the same JSON, safe to print
        return escape_json(batch_line_json(item.id, result, encode, explain, found))

    lines: list[str] = []
    out = sys.stdout
    if jobs > 1:
        analyser = Analyser(overlays)
        lines = fork_map(
            lambda pair: line_of(pair[0], analyser.item(pair[0], options), pair[1]),
            list(zip(items, hidden, strict=True)),
            [len(item.text) for item in items],
        )
        if output == "-":
            out.writelines(line + "\n" for line in lines)
    else:
        show_progress = len(items) >= PROGRESS_FROM and sys.stderr.isatty()
        with click.progressbar(
            analyse_batch(items, options),
            length=len(items),
            label="analysing",
            file=sys.stderr,
            hidden=not show_progress,
        ) as progress:
            for (item, result), found in zip(progress, hidden, strict=True):
                line = line_of(item, result, found)
                if output == "-":
                    out.write(line + "\n")
                else:
                    lines.append(line)
    if output != "-":
        write_atomic(output, "".join(line + "\n" for line in lines))


def _read_batch(path: str) -> tuple[list[BatchItem], list[list[dict[str, Any]]]]:
    """The batch's lines as items, each checked (``formats.jsonl``); a bad line is one error
    with file:line. Hidden and look-alike characters are warned about with file:line and
    the text graded as a reader sees it; they come back too, per item, for the JSON lines."""
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.jsonl import read_records  # start-up time
    from drafting.formats.source import read_bytes  # start-up time
    from drafting.strength.batch import BatchItem  # start-up time

    name = display_name(path)
    items = []
    hidden: list[list[dict[str, Any]]] = []
    for record in read_records(read_bytes(path), name):
        data, number = record.value, record.line
        if "id" not in data or not isinstance(data.get("text"), str):
            raise DraftingError(f"{name}:{number}: each line needs an 'id' and a string 'text'")
        if isinstance(data["id"], (dict, list)):
            raise DraftingError(f"{name}:{number}: the 'id' must be a string or a number")
        item_language = data.get("language")
        if item_language is not None and item_language not in LANGUAGES:
            raise DraftingError(
                f"{name}:{number}: language {item_language!r} is not one of " + ", ".join(LANGUAGES)
            )
        item_instrument = data.get("instrument")
        if item_instrument is not None and item_instrument not in INSTRUMENTS:
            raise DraftingError(
                f"{name}:{number}: instrument {item_instrument!r} is not one of "
                + ", ".join(INSTRUMENTS)
            )
        text = check_text_length(data["text"], f"{name}:{number}", "text")
        read, found = read_as_seen(text, f"{name}:{number}")
        hidden.append([item.to_json(text) for item in found])
        items.append(BatchItem(data["id"], read, item_language, item_instrument))
    return items, hidden
