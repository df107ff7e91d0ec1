"""``drafting resolve``: settle the merge conflicts the clause merge driver left in a file."""

from __future__ import annotations

import click


@click.command(
    "resolve",
    epilog="""\b
Examples:
  drafting resolve ua-ge-membership.xml                     # list the conflicts
  drafting resolve ua-ge-membership.xml --take theirs       # take their version of each
  drafting resolve ua-ge-membership.xml --take ours --id nato-2024
  git add ua-ge-membership.xml && git commit

A conflict is an item (party, source, draft, amendment) both branches changed differently;
the merge driver keeps every version inside a <conflict> element (docs/git.md). --take
replaces the item with the chosen side's version (base: the common ancestor's); a side that
had deleted the item deletes it. The file is written only when the result validates, so a
choice that would break a reference is refused and the file left as it was.

\b
Exit codes: 0 resolved (or, without --take, no conflict left), 1 conflicts remain (listed),
2 trouble (unreadable file, unknown --id, a result that would not validate).""",
)
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--take",
    type=click.Choice(["ours", "theirs", "base"]),
    help="Which side's version to keep (without it, list the conflicts).",
)
@click.option("--id", "ids", multiple=True, metavar="ID", help="Only the conflict on this id.")
def resolve(path: str, take: str | None, ids: tuple[str, ...]) -> int:
    """List or settle the merge conflicts in a clause file."""
    from drafting.amend.merge import resolve as settle  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import edit_clause, read_clause  # start-up time
    from drafting.model import Clause  # start-up time

    clause = read_clause(path, validate=False)
    if take is None:
        for conflict in clause.conflicts:
            sides = ", ".join(
                f"{side} {'has it' if getattr(conflict, side) else 'has none'}"
                for side in ("base", "ours", "theirs")
            )
            click.echo(f"{conflict.kind} {conflict.id}: {sides}")
        return 1 if clause.conflicts else 0
    if not clause.conflicts:
        click.echo(f"{path}: no conflict to resolve", err=True)
        return 0

    def change(now: Clause) -> Clause:
        # locked read-modify-write on the file as it is now (formats.atomic.edit_file)
        try:
            return settle(now, take, ids)  # type: ignore[arg-type]
        except ValueError as error:
            raise DraftingError(f"{path}: {error}") from None

    result = edit_clause(path, change, validate=False)
    assert result is not None
    done = len(clause.conflicts) - len(result.conflicts)
    click.echo(
        f"{path}: {done} conflict(s) resolved with {take}"
        + (f"; {len(result.conflicts)} left" if result.conflicts else ""),
        err=True,
    )
    return 0
