"""``drafting brackets``: list, sponsor and settle the bracketed options of a text."""

from __future__ import annotations

import re
from typing import Any

import click

from drafting.cli.common import emit, format_option, output_option

_SETTLE = re.compile(r"(?P<sid>[^=]+)\.(?P<choice>\d+)=(?P<take>\d+)\Z")
_SPONSOR = re.compile(r"(?P<sid>[^=]+)\.(?P<choice>\d+)\.(?P<option>\d+)=(?P<party>[\w.\-]+)\Z")


def _parse(values: tuple[str, ...], pattern: re.Pattern[str], option: str, form: str) -> list:
    parsed = []
    for value in values:
        match = pattern.match(value)
        if match is None:
            raise click.BadParameter(f"{value!r} is not {form}", param_hint=option)
        parsed.append(tuple(int(v) if v.isdigit() else v for v in match.groups()))
    return parsed


@click.command(
    "brackets",
    epilog="""\b
Examples:
  drafting brackets clause.xml#nato-2024            # every choice, its options and tiers
  drafting brackets clause.xml#nato-2024 --sponsor s1.1.2=usa
  drafting brackets clause.xml#nato-2024 --settle s1.1=2
  drafting brackets texts/draft.xml --settle art-4-p1-s1.1=1
  drafting brackets texts/draft.xml --format json        # schemas/brackets.schema.json

Brackets of a negotiating text are read on import and on `draft add`: options side by side
([shall][should]), numbered alternatives ([Alt 1: … / Alt 2: …]) and a single bracketed
phrase (kept or dropped). Each sentence is graded as the range of tiers its settlements span.
SID.N=K settles choice N of sentence SID to option K (0 drops a single bracketed phrase);
SID.N.K=PARTY records who sponsors option K. The file is written only when it validates.

\b
Exit codes: 0 done (or listed), 2 trouble (unknown draft, sentence, choice or option).""",
)
@click.argument("spec", metavar="FILE[#DRAFT]")
@click.option("--settle", "settles", multiple=True, metavar="SID.N=K", help="Settle a choice.")
@click.option(
    "--sponsor", "sponsors", multiple=True, metavar="SID.N.K=PARTY", help="Sponsor an option."
)
@format_option("text", "json")
@output_option
def brackets(
    spec: str, settles: tuple[str, ...], sponsors: tuple[str, ...], output_format: str, output: str
) -> int:
    """List, sponsor and settle bracketed options."""
    from drafting.amend.brackets import edit, report  # start-up time
    from drafting.errors import DraftingError  # start-up time
    from drafting.formats.clausexml import (  # start-up time
        edit_clause,
        edit_document,
        read_xml_file,
    )
    from drafting.model import Clause  # start-up time
    from drafting.render.brackets import render_json, render_text  # start-up time

    path, _, draft = spec.partition("#")
    value = read_xml_file(path)
    if isinstance(value, Clause) and draft and value.draft(draft) is None:
        known = ", ".join(d.id for d in value.drafts) or "none"
        raise DraftingError(f"{path}: no draft {draft!r} (drafts: {known})")
    wanted = _parse(settles, _SETTLE, "--settle", "SID.N=K")
    named = _parse(sponsors, _SPONSOR, "--sponsor", "SID.N.K=PARTY")
    if wanted or named:

        def change(now: Any) -> Any:
            # locked read-modify-write on the file as it is now (formats.atomic.edit_file)
            try:
                return edit(now, draft or None, wanted, named)
            except ValueError as error:
                raise DraftingError(f"{path}: {error}") from None

        edited = (edit_clause if isinstance(value, Clause) else edit_document)(path, change)
        value = edited if edited is not None else value
        click.echo(f"{path}: {len(wanted)} settled, {len(named)} sponsored", err=True)
    found = report(value, draft or None)
    emit(render_json(found) if output_format == "json" else render_text(found), output)
    return 0
