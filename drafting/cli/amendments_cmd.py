"""``drafting amendments``: the amending instructions that turn one draft into another."""

from __future__ import annotations

import click

from drafting.cli.common import emit, format_option, output_option


@click.command(
    "amendments",
    epilog="""\b
Examples:
  drafting amendments texts/ua-ge-membership.xml --from nato-2008 --to rus-2022
  drafting amendments clause.xml --from nato-2008 --to rus-2022 --format xml
  drafting amendments clause.xml --from nato-2008 --to rus-2022 --record

Sentences are matched by id; inside a sentence the change is found word by word and every
quoted text occurs once in its sentence. Applying the instructions to the --from draft gives
the --to draft's sentences exactly (checked before anything is shown). Inline markup
(<term>, <ref>, <em>) is not part of an instruction.

\b
Exit codes: 0 the drafts' texts are the same, 1 instructions were generated, 2 trouble.""",
)
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--from", "from_id", required=True, help="The draft to amend.")
@click.option("--to", "to_id", required=True, help="The draft the amendment should produce.")
@click.option("--id", "amendment_id", help="The amendment's id (default: PARTY-aN).")
@click.option("--record", is_flag=True, help="Also record the amendment in FILE.")
@format_option("text", "json", "xml")
@output_option
def amendments(
    file: str,
    from_id: str,
    to_id: str,
    amendment_id: str | None,
    record: bool,
    output_format: str,
    output: str,
) -> int:
    """Generate the amending instructions that turn one draft into another."""
    import dataclasses  # start-up time

    from drafting.amend.clauseedit import add_amendment, amendment_ids, numbered_id  # start-up time
    from drafting.amend.operations import apply_operations, generate_amendment  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import (  # start-up time
        amendment_to_xml,
        edit_clause,
        read_clause,
    )
    from drafting.model import Clause  # start-up time
    from drafting.render.amendments import render_amendment  # start-up time

    clause = read_clause(file)
    before, after = clause.draft(from_id), clause.draft(to_id)
    for option, wanted, found in (("--from", from_id, before), ("--to", to_id, after)):
        if found is None:
            raise DraftingError(f"{option} {wanted}: {file} has no such draft")
    assert before is not None and after is not None
    new_id = amendment_id or numbered_id(amendment_ids(clause), f"{after.party}-a")
    amendment = generate_amendment(before, after, new_id)
    got = [(s.id, s.text) for s in apply_operations(before, amendment.operations)]
    if got != [(s.id, s.text) for s in after.sentences]:  # never show wrong instructions
        raise DraftingError(
            f"internal error: instructions for {from_id} → {to_id} do not "
            "reproduce the target; please report this with the clause file"
        )
    if output_format == "xml":
        text = amendment_to_xml(amendment).decode("utf-8") if amendment.operations else ""
    else:
        text = render_amendment(clause, amendment, before, output_format)
    if text or output != "-":
        emit(text, output)
    if record and amendment.operations:
        recorded: list[str] = []

        def change(current: Clause) -> Clause:
            # locked read-modify-write (formats.atomic.edit_file, issue 16): a concurrent
            # edit may have taken the id meanwhile, so it is chosen again on the file as it is
            taken = amendment_ids(current)
            fresh = amendment
            if amendment.id in taken:
                fresh = dataclasses.replace(amendment, id=numbered_id(taken, f"{after.party}-a"))
            recorded[:] = [fresh.id]
            return add_amendment(current, fresh)

        edit_clause(file, change)
        click.echo(f"recorded amendment {recorded[0]} in {file}", err=True)
    return 1 if amendment.operations else 0
