"""``drafting amendment withdraw|reject|accept``: an amendment's lifecycle."""

from __future__ import annotations

import click

from drafting.cli.common import check_date


@click.group(
    "amendment",
    epilog="""\b
Examples:
  drafting amendment withdraw clause.xml rus-a1
  drafting amendment reject clause.xml rus-a1 --date 2022-01-12
  drafting amendment accept clause.xml nato-a2

Withdraw (by its party), reject (by the others) or accept (status `agreed`). A withdrawn or
rejected amendment is never applied (`drafting amend --amendment ID --apply` refuses it).""",
)
def amendment() -> None:
    """Withdraw, reject or accept an amendment."""


def _action(name: str, summary: str) -> click.Command:
    @click.command(name, help=summary)
    @click.argument("file", type=click.Path(dir_okay=False, exists=True))
    @click.argument("amendment_id", metavar="ID")
    @click.option("--date", help="The date of the decision, YYYY-MM-DD (sets the amendment's).")
    def run(file: str, amendment_id: str, date: str | None) -> int:
        from drafting.amend.clauseedit import (  # start-up time
            AMENDMENT_ACTIONS,
            set_amendment_status,
        )
        from drafting.errors import DraftingError  # start-up time
        from drafting.formats.clausexml import edit_clause  # start-up time
        from drafting.model import Clause  # start-up time

        check_date(date)
        status = AMENDMENT_ACTIONS[name]

        def change(clause: Clause) -> Clause:
            # locked read-modify-write (formats.atomic.edit_file): may run again
            try:
                return set_amendment_status(clause, amendment_id, status, date)
            except DraftingError as error:
                raise DraftingError(f"{file}: {error}") from None

        edit_clause(file, change)
        click.echo(f"{file}: amendment {amendment_id} {status}", err=True)
        return 0

    return run


amendment.add_command(_action("withdraw", "Withdraw an amendment (status withdrawn)."))
amendment.add_command(_action("reject", "Reject an amendment (status rejected)."))
amendment.add_command(_action("accept", "Accept an amendment (status agreed)."))
