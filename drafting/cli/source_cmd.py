"""``drafting source add``: declare where a text was published, so drafts can cite it."""

from __future__ import annotations

import click

from drafting.cli.common import check_date


@click.group(
    "source",
    epilog="""\b
Examples:
  drafting source add clause.xml bucharest-2008 \\
      "Bucharest Summit Declaration (NATO, 3 April 2008), para. 23" --date 2008-04-03
  drafting draft add clause.xml --source bucharest-2008 …""",
)
def source() -> None:
    """Declare sources in a clause file."""


@source.command("add")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.argument("source_id", metavar="ID")
@click.argument("citation")
@click.option("--date", help="Publication date, YYYY-MM-DD.")
@click.option("--href", help="Where it can be read (a URI).")
@click.option("--note", help="e.g. 'secondary copy', 'unofficial translation'.")
def add(
    file: str, source_id: str, citation: str, date: str | None, href: str | None, note: str | None
) -> int:
    """Declare a source (its id and citation) in a clause file."""
    from drafting.amend.clauseedit import add_source  # start-up time
    from drafting.formats.clausexml import edit_clause  # start-up time
    from drafting.model import Source  # start-up time

    check_date(date)
    source = Source(source_id, citation, date, href, note)
    edit_clause(file, lambda clause: add_source(clause, source))  # locked read-modify-write
    click.echo(f"{file}: source {source_id} declared", err=True)
    return 0
