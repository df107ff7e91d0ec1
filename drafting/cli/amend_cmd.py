"""``drafting amend``: record an amendment to a draft ("replace X with Y"), and apply it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import click

from drafting.cli.common import format_option
from drafting.model import STATUSES

if TYPE_CHECKING:
    from drafting.model import Draft, Operation


@dataclass(frozen=True)
class Requested:
    """The operations asked for on the command line, before they are placed."""

    at: str | None = None
    replace: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    insert: str | None = None
    after: str | None = None
    before: str | None = None
    after_sentence: str | None = None
    before_sentence: str | None = None
    delete: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return bool(self.replace or self.with_ or self.insert is not None or self.delete)


def build_operations(target: Draft, req: Requested) -> tuple[Operation, ...]:
    """Operations from the options; each finds its sentence unless --at names it."""
    from drafting.amend.clauseedit import numbered_id
    from drafting.amend.operations import sentence_containing
    from drafting.errors import DraftingError
    from drafting.model import Operation

    if len(req.replace) != len(req.with_):
        raise DraftingError(
            f"--replace was given {len(req.replace)} times but --with {len(req.with_)} times; "
            "pair each --replace OLD with one --with NEW"
        )
    places = [req.after, req.before, req.after_sentence, req.before_sentence]
    given = sum(p is not None for p in places)
    if req.insert is not None and given != 1:
        raise DraftingError(
            "--insert needs exactly one of --after ANCHOR, --before ANCHOR, "
            "--after-sentence ID, --before-sentence ID"
        )
    if req.insert is None and given:
        raise DraftingError("--after/--before/--after-sentence/--before-sentence go with --insert")

    def where(text: str) -> str:
        return req.at or sentence_containing(target, text)

    operations = [
        Operation("substitute", where(old), old=old, new=new)
        for old, new in zip(req.replace, req.with_, strict=True)
    ]
    if req.insert is not None:
        position: Literal["after", "before"] = (
            "after" if req.after is not None or req.after_sentence is not None else "before"
        )
        sentence = req.after_sentence or req.before_sentence
        if sentence is not None:
            new_id = numbered_id([s.id for s in target.sentences], "s")
            operations.append(
                Operation("insert", sentence, new=req.insert, position=position, new_id=new_id)
            )
        else:
            anchor = req.after if req.after is not None else req.before
            assert anchor is not None
            operations.append(
                Operation("insert", where(anchor), new=req.insert, anchor=anchor, position=position)
            )
    operations.extend(Operation("delete", where(old), old=old) for old in req.delete)
    if not operations:
        raise DraftingError("nothing to do: give --replace/--with, --insert, or --delete")
    return tuple(operations)


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
@click.option("--date", help="The amendment's date, YYYY-MM-DD (default: the target's).")
@click.option("--status", default="proposed", show_default=True, type=click.Choice(STATUSES))
@click.option("--apply", "apply_", is_flag=True, help="Also add the resulting draft.")
@click.option("--result", "result_id", help="Id of the resulting draft (default: PARTY-DATE).")
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
    recorded: str | None,
    dry_run: bool,
    output_format: str,
) -> int:
    """Amend a draft: record the operations, and with --apply the resulting draft."""
    import dataclasses

    from drafting.amend.clauseedit import (
        add_amendment,
        add_draft,
        amendment_ids,
        draft_ids,
        ensure_party,
        free_id,
        numbered_id,
    )
    from drafting.amend.operations import apply_amendment, apply_operations
    from drafting.cli.amendments_cmd import render
    from drafting.cli.draft_cmd import check_date
    from drafting.errors import DraftingError
    from drafting.formats.clausexml import read_clause, write_clause
    from drafting.model import Amendment

    check_date(date)
    requested = Requested(
        at, replace, with_, insert, after, before, after_sentence, before_sentence, delete
    )
    clause = read_clause(file)
    if recorded is not None:
        amendment = next((a for a in clause.amendments if a.id == recorded), None)
        if amendment is None:
            raise DraftingError(f"{file}: no amendment {recorded!r}")
        if requested.any:
            raise DraftingError("--amendment uses the recorded operations; give no others")
        target = target or amendment.target
    if target is None or (recorded is None and party is None):
        raise DraftingError("give --target DRAFT and --party P (or --amendment ID)")
    base = clause.draft(target)
    if base is None:
        raise DraftingError(
            f"{file}: no draft {target!r} (drafts: {', '.join(draft_ids(clause)) or 'none'})"
        )
    if recorded is None:
        assert party is not None
        clause = ensure_party(clause, party, party_name)
        operations = build_operations(base, requested)
        apply_operations(base, operations)  # every problem, before anything is decided
        amendment = Amendment(
            id=amendment_id or numbered_id(amendment_ids(clause), f"{party}-a"),
            party=party,
            target=target,
            operations=operations,
            status=status,
            date=date or base.date,
        )
        clause = add_amendment(clause, amendment)
    result = None
    if apply_ or recorded is not None:
        stem = f"{amendment.party}-{amendment.date or base.date}"
        new_id = result_id or free_id(draft_ids(clause), stem)
        result = apply_amendment(base, amendment, result_id=new_id)
    if apply_ and result is not None:
        if recorded is None:
            amendment = dataclasses.replace(amendment, result=result.id)
            clause = dataclasses.replace(clause, amendments=(*clause.amendments[:-1], amendment))
        clause = add_draft(clause, result)
    click.echo(render(clause, amendment, base, output_format), nl=False)
    if not dry_run and (recorded is None or apply_):
        write_clause(file, clause)
        done = f"recorded amendment {amendment.id}" if recorded is None else "applied"
        click.echo(
            f"{done}{f' and added draft {result.id}' if apply_ and result else ''} in {file}",
            err=True,
        )
    return 0
