"""``drafting draft add``: add one party's draft to a clause file, from text."""

from __future__ import annotations

import sys

import click

from drafting.cli.common import check_date
from drafting.model import INSTRUMENTS, STATUSES


def read_text(text: str | None, source: str | None) -> str:
    """The draft's text from --text, --from FILE (``-`` for stdin) or piped standard input."""
    from drafting.cli.common import read_text_input  # start-up time
    from drafting.errors import DraftingError  # start-up time

    if text is not None and source is not None:
        raise DraftingError("give the text with --text or --from, not both")
    if text is not None:
        return text
    if source is None and sys.stdin.isatty():
        raise DraftingError("no text: give --text, --from FILE, or pipe the text in")
    return read_text_input(source or "-")


@click.group(
    "draft",
    epilog="""\b
Examples:
  drafting draft add clause.xml --party nato --date 2008-04-03 \\
      --instrument political-declaration --text "We agreed today that …"
  drafting draft add --help""",
)
def draft() -> None:
    """Add drafts to a clause file."""


@draft.command(
    "add",
    epilog="""\b
Examples:
  drafting draft add texts/ua-ge-membership.xml --party nato --date 2008-04-03 \\
      --instrument political-declaration --status adopted --id nato-2008 \\
      --text "We agreed today that these countries will become members of NATO."
  drafting draft add clause.xml --party rus --date 2022-01-10 --instrument statement \\
      --responds-to nato-2008 --from reply.txt
  pbpaste | drafting draft add clause.xml --party nato --date 2024-07-10 \\
      --instrument communique --supersedes nato-2008

The text is split into sentences s1, s2, … The clause is validated before it is written, and
written atomically; an existing draft id is never overwritten.

\b
Exit codes: 0 added, 2 trouble (duplicate id, unknown party or draft, invalid result).""",
)
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--party", required=True, help="The party whose draft this is (its id).")
@click.option("--party-name", help="Declare --party with this name if the clause lacks it.")
@click.option("--date", "date", required=True, help="The draft's date, YYYY-MM-DD.")
@click.option("--lang", "language", default="en", show_default=True, help="Its language.")
@click.option(
    "--instrument",
    required=True,
    type=click.Choice(INSTRUMENTS),
    help="The kind of instrument (changes what 'will' means).",
)
@click.option("--status", type=click.Choice(STATUSES), default="proposed", show_default=True)
@click.option("--id", "draft_id", help="The draft's id (default: PARTY-DATE).")
@click.option("--supersedes", help="The same party's earlier draft this one replaces.")
@click.option("--responds-to", "responds_to", help="The other side's draft this one answers.")
@click.option("--source", help="Id of a <source> declared in the clause.")
@click.option("--note", help="A free-text note on the draft.")
@click.option("--text", help="The draft's text.")
@click.option(
    "--from",
    "from_file",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Read the text from this file (- for standard input).",
)
def add(
    file: str,
    party: str,
    party_name: str | None,
    date: str,
    language: str,
    instrument: str,
    status: str,
    draft_id: str | None,
    supersedes: str | None,
    responds_to: str | None,
    source: str | None,
    note: str | None,
    text: str | None,
    from_file: str | None,
) -> int:
    """Add a draft to a clause file."""
    from drafting.amend.clauseedit import (  # start-up time
        add_draft,
        draft_ids,
        ensure_party,
        free_id,
        sentences_from_spans,
    )
    from drafting.formats.clausexml import edit_clause  # start-up time
    from drafting.model import Clause, Draft  # start-up time
    from drafting.text.sentences import split_sentences  # start-up time

    check_date(date)
    body = read_text(text, from_file)
    sentences = sentences_from_spans(body, split_sentences(body, language))
    added: list[Draft] = []

    def change(clause: Clause) -> Clause:
        # locked read-modify-write: runs on the file as it is now (formats.atomic.edit_file)
        clause = ensure_party(clause, party, party_name)
        new = Draft(
            id=draft_id or free_id(draft_ids(clause), f"{party}-{date}"),
            party=party,
            status=status,
            date=date,
            language=language,
            instrument=instrument,
            sentences=sentences,
            source=source,
            supersedes=supersedes,
            responds_to=responds_to,
            note=" ".join(note.split()) if note else None,
        )
        added[:] = [new]
        return add_draft(clause, new)

    edit_clause(file, change)
    new = added[0]
    count = f"{len(sentences)} sentence{'' if len(sentences) == 1 else 's'}"
    click.echo(f"added draft {new.id} ({count}) to {file}", err=True)
    return 0
