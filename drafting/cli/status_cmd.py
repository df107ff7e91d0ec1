"""``drafting status``: change a draft's status (bracketed -> agreed ad referendum -> adopted)."""

from __future__ import annotations

import click

from drafting.cli.common import check_date
from drafting.model import STATUSES


@click.command(
    "status",
    epilog="""\b
Examples:
  drafting status ua-ge-membership.xml nato-2024 bracketed
  drafting status ua-ge-membership.xml nato-2024 agreed-ad-referendum --date 2024-07-10
  git commit -am "nato-2024 agreed ad referendum"

The clause is validated before it is written, and written atomically. `drafting history`
shows the change as an event of the commit that records it. --date also sets the draft's
date (the day it took this status); without it the date is kept.

\b
Exit codes: 0 changed, 2 trouble (unknown draft, invalid file or date).""",
)
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.argument("draft_id", metavar="DRAFT")
@click.argument("status", type=click.Choice(STATUSES), metavar="STATUS")
@click.option("--date", help="The date the draft took this status, YYYY-MM-DD.")
def status(file: str, draft_id: str, status: str, date: str | None) -> int:
    """Change a draft's status."""
    from drafting.amend.clauseedit import set_draft_status  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import edit_clause  # start-up time
    from drafting.model import Clause  # start-up time

    check_date(date)
    was: list[str] = []

    def change(clause: Clause) -> Clause:
        # locked read-modify-write (formats.atomic.edit_file): may run again, so no printing
        old = clause.draft(draft_id)
        was[:] = [old.status] if old else []
        try:
            return set_draft_status(clause, draft_id, status, date)
        except DraftingError as error:
            raise DraftingError(f"{file}: {error}") from None

    edit_clause(file, change)
    click.echo(f"{file}: draft {draft_id}: {was[0] if was else '?'} -> {status}", err=True)
    return 0
