"""``drafting strength``: how strongly a clause binds, for one text or a JSONL batch."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from drafting.cli.common import color_option, format_option, output_option, want_color
from drafting.model import INSTRUMENTS

if TYPE_CHECKING:
    from drafting.strength import Lexicon, StrengthResult

LANGUAGE_CHOICES = ("en", "fr", "ru", "uk")
"""``drafting.strength.LANGUAGES``, spelled out so that ``--help`` does not import the
analyser; tests/test_strength_cli.py keeps the two equal."""
PROGRESS_FROM = 2000
"""Batches with at least this many lines show a progress bar on a terminal."""


@click.command(
    "strength",
    epilog="""\b
Examples:
  drafting strength --instrument political-declaration \\
      "Ukraine and Georgia will never become a member of NATO."
  drafting strength --file clause.txt --instrument treaty --format json
  echo "Les parties s'abstiennent de toute menace." | drafting strength --instrument treaty
  drafting strength --batch clauses.jsonl > results.jsonl
  drafting strength --lexicon my-terms.json "The Parties shall endeavour to cooperate."

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
    type=click.Choice(LANGUAGE_CHOICES),
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
@format_option("text", "json", "jsonl")
@color_option
@output_option
def strength(
    text: str | None,
    file: str | None,
    instrument: str | None,
    language: str | None,
    lexicon_files: tuple[str, ...],
    batch: str | None,
    output_format: str,
    color: str,
    output: str,
) -> int:
    """Grade how strongly a clause binds: tier 0-5, polarity, score, and the words why."""
    from drafting.cli.common import emit
    from drafting.errors import DraftingError
    from drafting.strength import read_lexicon_file

    overlays = tuple(read_lexicon_file(path) for path in lexicon_files)
    if batch is not None:
        if text is not None or file is not None:
            raise DraftingError("give either --batch or a text/--file, not both")
        source = click.get_current_context().get_parameter_source("output_format")
        if source == click.core.ParameterSource.DEFAULT:
            output_format = "jsonl"  # a batch is JSON lines unless text is asked for
        _run_batch(batch, overlays, language, instrument, output_format, output)
        return 0
    clause = _read_clause(text, file)
    if not clause.strip():
        raise DraftingError("the clause is empty: pass TEXT, --file FILE, or pipe it on stdin")
    result = _analyse(clause, language, instrument, overlays, {})
    if output_format == "text":
        coloured = want_color(color) if output == "-" else color == "always"
        rendered = render_text(result, coloured)
        if coloured and output == "-":
            click.echo(rendered, color=True, nl=False)  # emit() would strip the colours
            return 0
    elif output_format == "json":
        rendered = json.dumps(result.to_json(), ensure_ascii=False, indent=2)
    else:
        rendered = json.dumps(result.to_json(), ensure_ascii=False)
    emit(rendered, output)
    return 0


def _read_clause(text: str | None, file: str | None) -> str:
    from drafting.errors import DraftingError

    if text is not None and file is not None:
        raise DraftingError("give the clause as an argument or with --file, not both")
    if text is not None:
        return text
    if file is None and sys.stdin.isatty():
        raise DraftingError("no clause given: pass TEXT, --file FILE, or pipe it on stdin")
    return _read_text(file or "-")


def _read_text(path: str) -> str:
    """A UTF-8 file or standard input ('-'), with one-line errors."""
    from drafting.errors import DraftingError

    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as error:
        raise DraftingError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError as error:
        raise DraftingError(f"{path}: not UTF-8 text (byte {error.start})") from None


def _analyse(
    text: str,
    language: str | None,
    instrument: str | None,
    overlays: tuple[Lexicon, ...],
    lexicons: dict[str, Lexicon],
) -> StrengthResult:
    """Analyse with the shipped lexicon plus overlays (merged once per language)."""
    from drafting.strength import analyse, detect_language, with_overlays

    if overlays:
        language = language or detect_language(text)
        if language not in lexicons:
            lexicons[language] = with_overlays(language, overlays)
        return analyse(text, language=language, instrument=instrument, lexicon=lexicons[language])
    return analyse(text, language=language, instrument=instrument)


def _run_batch(
    path: str,
    overlays: tuple[Lexicon, ...],
    language: str | None,
    instrument: str | None,
    output_format: str,
    output: str,
) -> None:
    """Validate every line first (a bad line stops the run before any output), then analyse."""
    from drafting.formats.atomic import write_atomic

    items = list(_read_batch(path))
    lexicons: dict[str, Lexicon] = {}
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line
    lines: list[str] = []
    out = sys.stdout
    show_progress = len(items) >= PROGRESS_FROM and sys.stderr.isatty()
    with click.progressbar(
        items, label="analysing", file=sys.stderr, hidden=not show_progress
    ) as progress:
        for item_id, text, item_language, item_instrument in progress:
            result = _analyse(
                text, item_language or language, item_instrument or instrument, overlays, lexicons
            )
            if output_format == "text":
                line = f"{item_id}\t{_tier_text(result)}\t{result.polarity}\t{result.score:g}\t" + (
                    result.explanation
                )
            else:
                document = result.to_json()
                document = {
                    "schema_version": document.pop("schema_version"),
                    "id": item_id,
                    **document,
                }
                line = encode(document)
            if output == "-":
                out.write(line + "\n")
            else:
                lines.append(line)
    if output != "-":
        write_atomic(output, "".join(line + "\n" for line in lines))


def _read_batch(path: str) -> list[tuple[Any, str, str | None, str | None]]:
    from drafting.errors import DraftingError

    raw = _read_text(path)
    name = "<stdin>" if path == "-" else path
    items = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise DraftingError(
                f"{name}:{number}:{error.colno}: not valid JSON: {error.msg}"
            ) from None
        if not isinstance(data, dict):
            raise DraftingError(f"{name}:{number}: expected a JSON object with 'id' and 'text'")
        if "id" not in data or not isinstance(data.get("text"), str):
            raise DraftingError(f"{name}:{number}: each line needs an 'id' and a string 'text'")
        item_language = data.get("language")
        if item_language is not None and item_language not in LANGUAGE_CHOICES:
            raise DraftingError(
                f"{name}:{number}: language {item_language!r} is not one of "
                + ", ".join(LANGUAGE_CHOICES)
            )
        item_instrument = data.get("instrument")
        if item_instrument is not None and item_instrument not in INSTRUMENTS:
            raise DraftingError(
                f"{name}:{number}: instrument {item_instrument!r} is not one of "
                + ", ".join(INSTRUMENTS)
            )
        items.append((data["id"], data["text"], item_language, item_instrument))
    return items


def _tier_text(result: StrengthResult) -> str:
    if result.tier is not None:
        return str(result.tier)
    low, high = result.tier_range or (0, 0)
    return f"{low}-{high}"


_STYLES = {
    "main": {"fg": "red", "bold": True},
    "term": {"fg": "yellow", "bold": True},
    "hedge": {"fg": "cyan"},
    "intensifier": {"fg": "magenta"},
    "condition": {"fg": "blue"},
}


def render_text(result: StrengthResult, color: bool) -> str:
    """The clause with its terms marked, one line per finding, then the explanation."""
    from drafting.strength import TIER_NAMES

    def style(text: str, kind: str) -> str:
        return click.style(text, **_STYLES[kind]) if color else text

    if result.tier is not None:
        head = f"tier {result.tier} ({TIER_NAMES[result.tier]})"
    else:
        low, high = result.tier_range or (0, 0)
        head = f"tier {low}-{high} (unresolved bracketed options)"
    lines = [
        f"{style(head, 'main')}, {result.polarity}, score {result.score:g}"
        f"  [{result.language}, {result.instrument or 'instrument not given'}]",
        "",
        "  " + _marked(result, style),
        "",
    ]
    for term in result.terms:
        flags = [f"{term.effective_tier}", term.category]
        if term.negated:
            flags.append("negated")
        flags.append(term.polarity)
        kind = "main" if term.main else "term"
        lines.append(
            f"  {style(term.text, kind)}  ({', '.join(flags)}; rule {term.rule})"
            + (f"  {term.reason}" if term.reason else "")
        )
    for label, items in (
        ("hedge", result.hedges),
        ("intensifier", result.intensifiers),
        ("condition", result.conditions),
    ):
        for item in items:
            note = "" if item.counted or label == "condition" else " (not counted)"
            lines.append(f"  {label}: {style(item.text, label)}{note}")
    for flag in result.flags:
        lines.append(f"  flag ({flag.kind}, {flag.rule}): {flag.text}")
    lines.append("")
    lines.append(result.explanation)
    return "\n".join(lines) + "\n"


def _marked(result: StrengthResult, style: Any) -> str:
    """The clause text with each term in brackets (and colour when asked)."""
    text = result.text
    # a bracketed draft already uses [ ]: mark terms with « » there
    opening, closing = ("«", "»") if "[" in text else ("[", "]")
    spans = sorted((t.start, t.end, "main" if t.main else "term") for t in result.terms)
    pieces: list[str] = []
    cursor = 0
    for start, end, kind in spans:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(style(f"{opening}{text[start:end]}{closing}", kind))
        cursor = end
    pieces.append(text[cursor:])
    return " ".join("".join(pieces).split())
