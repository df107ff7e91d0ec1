"""``drafting import``: a draft in (text, Markdown, Word, PDF, HTML, Akoma Ntoso), XML out."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from drafting.formats.readers import Reader

from drafting.cli.common import output_option
from drafting.errors import DraftingError, InputError
from drafting.model import INSTRUMENTS, Clause, Document

_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._\-]{0,99}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all (form feeds and the like become spaces instead)."""


def _refuse_control_characters(text: str, path: str) -> None:
    bad = _CONTROL.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            f"{path}:{line}:{column}: control character U+{ord(bad.group()):04X} cannot be "
            "stored in XML; remove it and try again"
        )


def _check(value: str | None, pattern: re.Pattern[str], option: str, wanted: str) -> None:
    if value is not None and not pattern.match(value):
        raise click.BadParameter(f"{value!r} is not {wanted}", param_hint=option)


def _default_id(path: str) -> str:
    """The file name without extension, made into a valid id; "imported" for stdin."""
    if path == "-":
        return "imported"
    stem = re.sub(r"[^A-Za-z0-9._\-]+", "-", Path(path).stem).strip("-.")[:100]
    return stem if stem and _ID.match(stem) else "imported"


@click.command(
    "import",
    epilog="""\b
Examples:
  drafting import draft.txt -o texts/draft.xml --party rus --date 2021-12-17
  drafting import --lang fr --instrument treaty traite.md
  pbpaste | drafting import - --title "Draft agreement" > draft.xml
  drafting import --update texts/draft.xml draft-v2.txt      # keeps the ids of kept text
  drafting import --changes accept draft-with-revisions.docx -o texts/draft.xml
  drafting import declaration.pdf --party nato --date 2008-04-03
  drafting import act.akn.xml            # Akoma Ntoso (our exports come back exactly)

The format is recognised by content, whatever the file is called: Word (.docx, needs
drafting[docx]), PDF (drafting[pdf]), HTML (drafting[html]), Akoma Ntoso, our XML, else plain
text or Markdown. Word, PDF and HTML become text first (numbering as displayed; tables,
images, comments, running headers, page numbers, footnote markers, scripts and navigation
left out, with a note), then go through the importer for plain text, which recognises
article headings
"Article 4", "Art. 4", "ARTICLE IV", "Статья 4", "Стаття 4", "Article premier" (also as
Markdown headings), numbered paragraphs "1.", "(a)", "1)", and splits sentences. Text
before the first article is the preamble; a text without article headings becomes one
article without a number.

\b
Exit codes: 0 written, 2 trouble (unreadable input, bad option, nothing to import).""",
)
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@output_option
@click.option("--id", "doc_id", help="Document id (default: the file name without extension).")
@click.option("--title", help="Document title (default: a '# Title' or first short line).")
@click.option("--party", help="Party id, such as rus or nato.")
@click.option("--date", help="Date of the draft, YYYY-MM-DD.")
@click.option("--lang", "language", help="Language (en, fr, ru, uk…); guessed if omitted.")
@click.option(
    "--instrument",
    type=click.Choice(INSTRUMENTS),
    default=None,
    help="Kind of instrument [default: draft-treaty, or the --update document's].",
)
@click.option(
    "--update",
    "update",
    type=click.Path(dir_okay=False, exists=True),
    metavar="DOC.xml",
    help="Re-import a new version of this document: unchanged and moved text keeps its ids, "
    "only new text gets new ids; DOC.xml is rewritten (unless -o names another file).",
)
@click.option(
    "--changes",
    type=click.Choice(["accept", "reject", "fail"]),
    default="fail",
    show_default=True,
    help="Tracked changes in a Word file: accept them, reject them, or refuse the file.",
)
def import_(
    file: str,
    output: str,
    doc_id: str | None,
    title: str | None,
    party: str | None,
    date: str | None,
    language: str | None,
    instrument: str | None,
    update: str | None,
    changes: str,
) -> int:
    """Turn a draft FILE ('-' for stdin) into document XML: plain text, Markdown, Word,
    PDF, HTML or Akoma Ntoso, recognised by content."""
    _check(doc_id, _ID, "--id", "an id (letters, digits, '.', '_', '-')")
    _check(party, _ID, "--party", "a party id (letters, digits, '.', '_', '-')")
    _check(date, _DATE, "--date", "a date YYYY-MM-DD")
    _check(language, _LANG, "--lang", "a language tag such as en or fr")
    if date is not None:
        import datetime  # start-up time

        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            raise click.BadParameter(
                f"{date!r} is not a calendar date", param_hint="--date"
            ) from None

    from drafting.formats import readers, source  # start-up time

    data = source.read_bytes(file)
    name = source.display_name(file)
    reader = readers.pick(data, name)
    given = Given(doc_id, title, party, date, language, instrument, changes)

    if update is None:
        value, notes = _build(data, file, name, reader, given)
        for note in notes:
            click.echo(note, err=True)
        _write(value, output)
        return 0
    from drafting.formats.atomic import resolve_target  # start-up time
    from drafting.formats.clausexml import edit_document, read_document  # start-up time

    if output != "-" and resolve_target(output) != resolve_target(update):
        old = read_document(update)
        value, notes = _build(data, file, name, reader, given, old, update)
        for note in notes:
            click.echo(note, err=True)
        _write(value, output)
        return 0
    # DOC.xml is rewritten: a locked read-modify-write (formats.atomic.edit_file), so an
    # edit made to it meanwhile (amend --apply, brackets...) is redone on, never lost
    built: list[list[str]] = []

    def change(old: Document) -> Document:
        value, notes = _build(data, file, name, reader, given, old, update)
        built[:] = [notes]
        if not isinstance(value, Document):  # _build refuses it first; this is for types
            raise DraftingError(f"{file}: a clause file cannot update a document")
        return value

    edit_document(update, change)
    for note in built[0] if built else []:
        click.echo(note, err=True)
    return 0


@dataclass(frozen=True)
class Given:
    """What the command line said about the document (None: not given)."""

    doc_id: str | None
    title: str | None
    party: str | None
    date: str | None
    language: str | None
    instrument: str | None
    changes: str


def _build(
    data: bytes,
    file: str,
    name: str,
    reader: Reader,
    given: Given,
    old: Document | None = None,
    update: str = "",
) -> tuple[Clause | Document, list[str]]:
    """The imported value and the notes to print. ``old``: the document being updated
    (``update``: its path), whose ids are kept and whose metadata fills what was not given.
    Pure, as it may run more than once under the lock of ``--update``: the notes are
    returned, not printed."""
    from drafting.formats import readers, source  # start-up time
    from drafting.formats.plaintext import import_text  # start-up time

    title, party, date = given.title, given.party, given.date
    language, instrument = given.language, given.instrument
    if old is not None:
        title = title or old.title
        party = party or old.party
        date = date or old.date
        language = language or old.language
        instrument = instrument or old.instrument
    new_id = given.doc_id or (old.id if old else _default_id(file))
    notes: list[str] = []
    if reader.name in ("text", "markdown"):
        text = source.decode_text(data, name)
        _refuse_control_characters(text, file)
        document = import_text(
            text,
            doc_id=new_id,
            title=title,
            party=party,
            date=date,
            language=language,
            instrument=instrument or "draft-treaty",
        )
    else:  # Word, PDF, HTML, Akoma Ntoso, our XML: the registry's reader (by content)
        options = readers.ReadOptions(
            language=language, instrument=instrument, doc_id=new_id, changes=given.changes
        )
        loaded = reader.read(data, name, options)
        notes += [f"drafting: note: {note}" for note in loaded.notes]
        if isinstance(loaded.value, Clause):
            if old is not None:
                raise DraftingError(f"{file}: a clause file cannot update a document")
            return loaded.value, notes
        if loaded.text is not None:
            _refuse_control_characters(loaded.text, file)
        fields = {"id": given.doc_id, "title": title, "party": party, "date": date}
        fields |= {"language": language, "instrument": instrument}
        document = replace(loaded.value, **{k: v for k, v in fields.items() if v is not None})
    if not document.sentences:
        raise DraftingError(f"{file}: no text to import")
    if old is not None:
        from drafting.amend.reimport import keep_ids  # start-up time

        done = keep_ids(old, replace(document, source=old.source))
        document = done.document
        notes.append(
            f"{update}: {done.kept} sentence ids kept, {done.edited} kept for "
            f"edited sentences, {done.new} new"
        )
    return document, notes


def _write(value: Clause | Document, output: str) -> None:
    """Canonical bytes, validated against the schema before anything is written."""
    from drafting.formats.atomic import write_atomic  # start-up time
    from drafting.formats.clausexml import checked_bytes  # start-up time

    data = checked_bytes(value, "<stdout>" if output == "-" else output)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            write_atomic(output, data)
        except OSError as error:
            raise DraftingError(f"{output}: cannot write: {error.strerror or error}") from None
