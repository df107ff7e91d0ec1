"""``drafting amend``: record an amendment to a draft ("replace X with Y"), and apply it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from drafting.cli.common import check_date, format_option, today
from drafting.model import INSTRUMENTS, STATUSES

if TYPE_CHECKING:
    from drafting.amend.workflow import Requested
    from drafting.model import Clause, Document


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
  drafting amend texts/draft.xml --at 4.1 --replace "shall not" --with "should not"

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
@click.option(
    "--at",
    help="The sentence id the texts are in; in a document file also an address: "
    "ARTICLE, ARTICLE.PARAGRAPH, ARTICLE.PARAGRAPH.SENTENCE (4.1.2), 'Article 4(1)', preamble.",
)
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
        edit_clause,
        read_xml_file,
    )
    from drafting.model import Document  # start-up time
    from drafting.render.amendments import render_amendment  # start-up time

    check_date(date)
    value = read_xml_file(file)
    if isinstance(value, Document):
        wanted = Requested(
            None, replace, with_, insert, after, before, after_sentence, before_sentence, delete
        )
        used = [o for o, v in (("--amendment", recorded), ("--apply", apply_)) if v]
        return _amend_document(file, value, wanted, at, used, output_format, dry_run)
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
    outcome: list[Any] = []

    def change(clause: Clause) -> Clause | None:
        # locked read-modify-write on the file as it is now (formats.atomic.edit_file,
        # issue 16): concurrent amend runs each see the other's result, none is lost
        outcome[:] = [amend_clause(clause, request)]
        return outcome[0].clause if not dry_run and outcome[0].changed else None

    edit_clause(file, change)
    done = outcome[0]
    if output_format == "xml":
        text = amendment_to_xml(done.amendment).decode("utf-8")
    else:
        text = render_amendment(done.clause, done.amendment, done.target, output_format)
    click.echo(text, nl=False)
    if not dry_run and done.changed:
        what = f"recorded amendment {done.amendment.id}" if recorded is None else "applied"
        added = f" and added draft {done.result.id}" if apply_ and done.result else ""
        click.echo(f"{what}{added} in {file}", err=True)
    return 0


def _amend_document(
    file: str,
    doc: Document,
    wanted: Requested,
    address: str | None,
    used: list[str],
    output_format: str,
    dry_run: bool,
) -> int:
    """A document file is edited in place (it keeps no amendments: git keeps the record)."""
    from drafting.amend.workflow import amend_document  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import amendment_to_xml, edit_document  # start-up time
    from drafting.model import Amendment, Clause  # start-up time
    from drafting.render.amendments import render_amendment  # start-up time

    if used:
        raise DraftingError(
            f"{file} is a document file: it is edited in place and keeps no amendments; "
            f"{' and '.join(used)} work on clause files"
        )
    edits: list[Any] = []

    def change(now: Document) -> Document | None:
        # locked read-modify-write on the file as it is now (formats.atomic.edit_file)
        edits[:] = [amend_document(now, wanted, address)]
        return None if dry_run else edits[0].document

    edit_document(file, change)
    done = edits[0]
    shown = Amendment("edit", doc.party or "unknown", doc.id, done.operations, date=doc.date)
    holder = Clause(doc.id, doc.title, (), (), ())
    if output_format == "xml":
        text = amendment_to_xml(shown).decode("utf-8")
    else:
        text = render_amendment(holder, shown, done.before, output_format)
    click.echo(text, nl=False)
    if not dry_run:
        click.echo(f"edited {len(done.operations)} place(s) in {file}", err=True)
    return 0
