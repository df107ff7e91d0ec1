"""``drafting ls``: what a clause file holds, or an index of a folder of them."""

from __future__ import annotations

import click

from drafting.cli.common import emit, format_option, output_option


@click.command(
    "ls",
    epilog="""\b
Examples:
  drafting ls ua-ge-membership.xml       # parties, drafts (status, tier), amendments
  drafting ls texts/                     # one line per clause or document file
  drafting ls texts/ --format json

For a clause file: its parties and sources, each draft with party, status, date, instrument,
strength tier and what it supersedes or responds to, each amendment with its target, the
draft it gave and its status, and any unresolved merge conflict. For a folder: one line per
`*.xml` (hidden folders skipped): drafts, amendments, each party's latest status.

\b
Exit codes: 0 listed, 1 a listed file is unreadable or invalid, 2 trouble (no such path).""",
)
@click.argument("path", default=".", type=click.Path())
@format_option("text", "json")
@output_option
def ls(path: str, output_format: str, output: str) -> int:
    """List the drafts and amendments of a clause file, or index a folder."""
    from drafting.formats.listing import list_path  # start-up time
    from drafting.render.listing import render_json, render_text  # start-up time

    listing = list_path(path)
    emit(render_json(listing) if output_format == "json" else render_text(listing), output)
    return 1 if any(entry.problem for entry in listing.files) else 0
