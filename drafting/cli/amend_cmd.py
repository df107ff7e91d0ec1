"""``drafting amend``: record an amendment to a draft ("replace X with Y"), and apply it."""

from __future__ import annotations

import click

from drafting.cli.common import check_date, format_option, today
from drafting.model import INSTRUMENTS, STATUSES


@click.command(
    "amend",
    epilog="""\b
Examples:
  drafting amend texts/ua-ge-membership.xml --target nato-2008 --party rus \\
      --replace "these countries will become members" \\
      --with "Ukraine and Georgia will never become a member" --apply
  drafting amend clause.xml --target nato-2008 --party nato --delete "today"
  drafting amend clause.xml --target nato-2008 --party nato \\
      --insert " soon" --after "members of NATO"
  drafting amend clause.xml --target nato-2008 --party nato \\
      --insert "A whole new sentence." --after-sentence s1
  drafting amend clause.xml --amendment rus-a1 --target nato-2010   # does it still apply?

Texts are matched exactly and must occur once in their sentence (add --at s2 to name the
sentence; otherwise the text must occur in one sentence only). Whitespace is collapsed after
the edit, so "--delete today" leaves one space. The amendment is recorded in FILE; --apply also
adds the resulting draft (it supersedes the target when the same party wrote it, and responds
to it otherwise). Nothing is written when any operation is not found, ambiguous or overlaps
another, or when the result would not validate.

\b
Exit codes: 0 recorded (or, with --amendment and no --apply, it applies), 2 trouble: an
operation not found, ambiguous, overlapping or no longer applying, or bad usage.""",
)
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--target", help="The draft to amend (default with --amendment: its target).")
@click.option("--party", help="The amending party (its id).")
@click.option("--party-name", help="Declare --party with this name if the clause lacks it.")
@click.option("--at", help="The sentence id the texts are in.")
@click.option("--replace", multiple=True, metavar="OLD", help="Text to replace (repeatable).")
@click.option("--with", "with_", multiple=True, metavar="NEW", help="Its replacement.")
@click.option("--insert", metavar="NEW", help="Text to insert (exact, spaces included).")
@click.option("--after", metavar="ANCHOR", help="Insert after this text.")
@click.option("--before", metavar="ANCHOR", help="Insert before this text.")
@click.option("--after-sentence", metavar="ID", help="Insert NEW as a new sentence after ID.")
@click.option("--before-sentence", metavar="ID", help="Insert NEW as a new sentence before ID.")
@click.option("--delete", multiple=True, metavar="OLD", help="Text to delete (repeatable).")
@click.option("--id", "amendment_id", help="The amendment's id (default: PARTY-a1, -a2, …).")
@click.option("--date", help="The amendment's date, YYYY-MM-DD (default: today).")
@click.option("--status", default="proposed", show_default=True, type=click.Choice(STATUSES))
@click.option("--apply", "apply_", is_flag=True, help="Also add the resulting draft.")
@click.option("--result", "result_id", help="Id of the resulting draft (default: PARTY-DATE).")
@click.option(
    "--instrument",
    "result_instrument",
    type=click.Choice(INSTRUMENTS),
    help="The resulting draft's instrument (default: the target's).",
)
@click.option(
    "--amendment",
    "recorded",
    metavar="ID",
    help="Use an amendment recorded in FILE instead of giving operations.",
)
@click.option("--dry-run", is_flag=True, help="Check and show; write nothing.")
@format_option("text", "json", "xml")
def amend(
    file: str,
    target: str | None,
    party: str | None,
    party_name: str | None,
    at: str | None,
    replace: tuple[str, ...],
    with_: tuple[str, ...],
    insert: str | None,
    after: str | None,
    before: str | None,
    after_sentence: str | None,
    before_sentence: str | None,
    delete: tuple[str, ...],
    amendment_id: str | None,
    date: str | None,
    status: str,
    apply_: bool,
    result_id: str | None,
    result_instrument: str | None,
    recorded: str | None,
    dry_run: bool,
    output_format: str,
) -> int:
    """Amend a draft: record the operations, and with --apply the resulting draft."""
    from drafting.amend.workflow import AmendRequest, Requested, amend_clause  # start-up time
    from drafting.formats.clausexml import (  # start-up time
        amendment_to_xml,
        read_clause,
        write_clause,
    )
    from drafting.render.amendments import render_amendment  # start-up time

    check_date(date)
    request = AmendRequest(
        today=today(),
        target=target,
        party=party,
        party_name=party_name,
        operations=Requested(
            at, replace, with_, insert, after, before, after_sentence, before_sentence, delete
        ),
        amendment_id=amendment_id,
        date=date,
        status=status,
        apply=apply_,
        result_id=result_id,
        result_instrument=result_instrument,
        recorded=recorded,
    )
    done = amend_clause(read_clause(file), request)
    if output_format == "xml":
        text = amendment_to_xml(done.amendment).decode("utf-8")
    else:
        text = render_amendment(done.clause, done.amendment, done.target, output_format)
    click.echo(text, nl=False)
    if not dry_run and done.changed:
        write_clause(file, done.clause)
        what = f"recorded amendment {done.amendment.id}" if recorded is None else "applied"
        added = f" and added draft {done.result.id}" if apply_ and done.result else ""
        click.echo(f"{what}{added} in {file}", err=True)
    return 0
