"""``drafting new``: create an empty clause file (title and parties, no drafts yet)."""

from __future__ import annotations

import os
import sys

import click


def parse_party(value: str) -> tuple[str, str]:
    """``nato=North Atlantic Treaty Organization`` → ``("nato", "North Atlantic …")``."""
    party_id, equals, name = value.partition("=")
    if not equals or not party_id.strip() or not name.strip():
        raise click.BadParameter(f"{value!r} is not ID=NAME", param_hint="--party")
    return party_id.strip(), " ".join(name.split())


@click.command(
    "new",
    epilog="""\b
Examples:
  drafting new ua-ge-membership --title "Future NATO membership of Ukraine and Georgia" \\
      --party nato="North Atlantic Treaty Organization" --party rus="Russian Federation"
  drafting new art-5 --title "Collective defence" -o texts/art-5.xml \
      --source wt-1949="North Atlantic Treaty, Washington, 4 April 1949"

Writes CLAUSE_ID.xml in the current folder unless -o says otherwise, and never overwrites an
existing file. Add drafts with `drafting draft add`.

\b
Exit codes: 0 created, 2 trouble (file exists, invalid id, unwritable folder).""",
)
@click.argument("clause_id")
@click.option("--title", required=True, help="The clause's title.")
@click.option("--lang", "language", default="en", show_default=True, help="Language of the title.")
@click.option(
    "--party",
    "parties",
    multiple=True,
    metavar="ID=NAME",
    help="Declare a party (repeatable).",
)
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="ID=CITATION",
    help="Declare a source: where a text was published (repeatable; see `drafting source add`).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help="The file to create (default: CLAUSE_ID.xml); - writes to standard output.",
)
def new(
    clause_id: str,
    title: str,
    language: str,
    parties: tuple[str, ...],
    sources: tuple[str, ...],
    output: str | None,
) -> int:
    """Create a new clause file with a title and parties."""
    from drafting.amend.clauseedit import add_source, new_clause  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import clause_to_xml, write_clause  # start-up time
    from drafting.model import Party, Source  # start-up time

    clause = new_clause(clause_id, title, language, [Party(*parse_party(p)) for p in parties])
    for value in sources:
        source_id, equals, citation = value.partition("=")
        if not equals or not source_id.strip() or not citation.strip():
            raise click.BadParameter(f"{value!r} is not ID=CITATION", param_hint="--source")
        clause = add_source(clause, Source(source_id.strip(), " ".join(citation.split())))
    target = output or f"{clause_id}.xml"
    if target == "-":
        sys.stdout.buffer.write(clause_to_xml(clause))
        return 0
    if os.path.lexists(target):
        raise DraftingError(f"{target}: already exists; not overwriting it")
    write_clause(target, clause)
    click.echo(f"created {target}", err=True)
    return 0
