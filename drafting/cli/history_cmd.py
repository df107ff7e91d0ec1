"""``drafting history``: a clause's timeline across commits."""

from __future__ import annotations

import json

import click

from drafting.cli.common import emit, format_option, output_option


@click.command(
    "history",
    epilog="""\b
Examples:
  drafting history texts/ua-ge-membership.xml
  drafting history texts/ua-ge-membership.xml --party rus --format markdown
  drafting history clause.xml --draft nato-2008 --format json
  drafting history texts/ua-ge-membership.xml --format html -o history.html

One line per draft added, changed or removed in a commit (oldest first): commit, author
date, author, subject, party, draft, status, strength (tier, polarity, score) and the verdict
against the text it follows (its previous version, else the draft it supersedes or responds
to). Each commit is compared with its parent(s) in the file's history, as `git log --graph
-- FILE` draws it; a merge is compared with each parent ("merge vs PARENT: added draft X":
what the other side brought). Renames are followed.

\b
Exit codes: 0 done, 2 trouble (not in a repository, file never committed, an unknown
--draft or --party: the known ones are listed).""",
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--draft", "draft_id", help="Only this draft's events.")
@click.option("--party", help="Only this party's drafts.")
@click.option(
    "--first-parent",
    is_flag=True,
    help="Follow only the first parent of merges (the main line, one event set per merge).",
)
@format_option("text", "json", "markdown", "html")
@output_option
def history(
    file: str,
    draft_id: str | None,
    party: str | None,
    first_parent: bool,
    output_format: str,
    output: str,
) -> int:
    """Show a clause's timeline across commits."""
    import os  # start-up time

    from drafting.errors import DraftingError  # start-up time
    from drafting.git.history import (  # start-up time
        History,
        history_to_json,
        known,
        load_versions,
        select,
        strength_functions,
        timeline,
    )
    from drafting.render.history import render_markdown, render_text  # start-up time

    folder, name = os.path.split(file)
    versions = load_versions(name, folder or ".", first_parent=first_parent)
    if not versions:
        raise DraftingError(f"{file}: no commits touch this file")
    drafts, parties = known(versions)
    for option, value, ids in (("--draft", draft_id, drafts), ("--party", party, parties)):
        if value is not None and value not in ids:
            raise DraftingError(
                f"{file}: {option} {value}: not in its history; known: {', '.join(ids)}"
            )
    analyse, compare = strength_functions()
    events, skipped = timeline(versions, analyse, compare)
    report = History(file, select(events, draft_id, party), skipped)
    if output_format == "json":
        text = json.dumps(history_to_json(report), indent=2, ensure_ascii=False) + "\n"
    elif output_format == "markdown":
        text = render_markdown(report)
    elif output_format == "html":
        from drafting.render.html.history import render_html  # start-up time

        text = render_html(report)
    else:
        text = render_text(report)
    if text:
        emit(text, output)
    return 0
