"""``drafting amendments``: the amending instructions that turn one draft into another."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

from drafting.cli.common import emit, format_option, output_option

if TYPE_CHECKING:
    from drafting.model import Amendment, Clause, Draft

AMENDMENTS_SCHEMA_VERSION = "1"


def instructions(amendment: Amendment, target: Draft) -> list[str]:
    """Each operation as a drafter's instruction; the target draft is needed to tell a
    whole-sentence delete from a partial one."""
    from drafting.amend.operations import describe_in

    return [describe_in(op, target) for op in amendment.operations]


def amendment_json(clause: Clause, amendment: Amendment, target: Draft) -> dict[str, Any]:
    """The report as JSON data (schemas/amendments.schema.json)."""
    return {
        "schema_version": AMENDMENTS_SCHEMA_VERSION,
        "clause": clause.id,
        "amendment": {
            "id": amendment.id,
            "party": amendment.party,
            "target": amendment.target,
            "result": amendment.result,
            "status": amendment.status,
            "date": amendment.date,
            "operations": [
                {
                    "kind": op.kind,
                    "at": op.at,
                    "old": op.old,
                    "new": op.new,
                    "anchor": op.anchor,
                    "position": op.position if op.kind == "insert" else None,
                    "new_id": op.new_id,
                }
                for op in amendment.operations
            ],
        },
        "instructions": instructions(amendment, target),
    }


def amendment_xml(clause: Clause, amendment: Amendment) -> str:
    """The ``<amendment>`` element as the clause file would hold it (canonical form)."""
    import dataclasses

    from lxml import etree

    from drafting.formats.clausexml import clause_to_xml
    from drafting.formats.xmlsafe import parse_xml

    only = dataclasses.replace(clause, amendments=(amendment,))
    root = parse_xml(clause_to_xml(only), clause.id).getroot()
    element = root[-1]
    element.tail = None
    body = etree.tostring(element, encoding="unicode")
    # Re-indent the element's own lines from its depth in the file to the top level.
    lines = [line[2:] if line.startswith("  ") else line for line in body.split("\n")]
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(lines) + "\n"


def render(clause: Clause, amendment: Amendment, target: Draft, output_format: str) -> str:
    if output_format == "json":
        return (
            json.dumps(amendment_json(clause, amendment, target), indent=2, ensure_ascii=False)
            + "\n"
        )
    if output_format == "xml":
        return amendment_xml(clause, amendment) if amendment.operations else ""
    lines = instructions(amendment, target)
    return "".join(f"{n}. {line}\n" for n, line in enumerate(lines, start=1))


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
    from drafting.amend.clauseedit import add_amendment, amendment_ids, numbered_id
    from drafting.amend.operations import apply_operations, generate_amendment
    from drafting.errors import DraftingError
    from drafting.formats.clausexml import read_clause, write_clause

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
    text = render(clause, amendment, before, output_format)
    if text or output != "-":
        emit(text, output)
    if record and amendment.operations:
        write_clause(file, add_amendment(clause, amendment))
        click.echo(f"recorded amendment {amendment.id} in {file}", err=True)
    return 1 if amendment.operations else 0
