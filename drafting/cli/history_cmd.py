"""``drafting history``: a clause's timeline across commits."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from drafting.cli.common import emit, format_option, output_option

if TYPE_CHECKING:
    from drafting.git.history import Event, History


def _strength(event: Event) -> str:
    s = event.strength
    if s is None:
        return "—"
    tier = "?" if s.tier is None else str(s.tier)
    score = "" if s.score is None else f", score {s.score:.2f}"
    return f"tier {tier} {s.polarity or '?'}{score}"


def _verdict(event: Event) -> str:
    v = event.verdict
    if v is None or event.previous is None:
        return ""
    reversed_ = ", polarity reversed" if v.polarity_change else ""
    return f"{v.verdict or '?'}{reversed_} vs {event.previous[0]}"


def _what(event: Event) -> str:
    if event.change == "changed":
        return f"changed ({', '.join(event.changed)})"
    return event.change


def render_text(history: History) -> str:
    lines = []
    for e in history.events:
        d = e.draft
        lines.append(
            f"{e.commit.sha[:10]} {e.commit.date[:10]} {e.commit.author}: {_what(e)} draft "
            f"{d.id} ({d.party}, {d.status}, {d.date}) {_strength(e)}"
            + (f"; {_verdict(e)}" if _verdict(e) else "")
        )
        if e.verdict is not None and e.verdict.explanation:
            lines.append(f"    {e.verdict.explanation}")
    lines += [f"skipped {v.commit.sha[:10]}: {v.problem}" for v in history.skipped]
    return "\n".join(lines) + "\n" if lines else ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(history: History) -> str:
    lines = [
        f"# History of `{history.path}`",
        "",
        "| commit | date | author | change | draft | party | status | strength | verdict |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in history.events:
        d = e.draft
        cells = [
            f"`{e.commit.sha[:10]}`",
            e.commit.date[:10],
            e.commit.author,
            _what(e),
            d.id,
            d.party,
            d.status,
            _strength(e),
            _verdict(e),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if history.skipped:
        lines += ["", "Skipped (unreadable versions):", ""]
        lines += [f"- `{v.commit.sha[:10]}`: {_cell(v.problem or '')}" for v in history.skipped]
    return "\n".join(lines) + "\n"


@click.command(
    "history",
    epilog="""\b
Examples:
  drafting history texts/ua-ge-membership.xml
  drafting history texts/ua-ge-membership.xml --party rus --format markdown
  drafting history clause.xml --draft nato-2008 --format json
  drafting history texts/ua-ge-membership.xml --format html -o history.html

One line per draft added, changed or removed in a commit (oldest first): commit, author
date, author, party, draft, status, strength (tier, polarity, score) and the verdict against
the text it follows (its previous version, else the draft it supersedes or responds to).
Renames are followed. Reads every version with one `git log` and one `git cat-file --batch`.

\b
Exit codes: 0 done, 2 trouble (not in a repository, file never committed).""",
)
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--draft", "draft_id", help="Only this draft's events.")
@click.option("--party", help="Only this party's drafts.")
@format_option("text", "json", "markdown", "html")
@output_option
def history(
    file: str, draft_id: str | None, party: str | None, output_format: str, output: str
) -> int:
    """Show a clause's timeline across commits."""
    import os

    from drafting.errors import DraftingError
    from drafting.git.history import (
        History,
        history_to_json,
        load_versions,
        select,
        strength_functions,
        timeline,
    )

    folder, name = os.path.split(file)
    versions = load_versions(name, folder or ".")
    if not versions:
        raise DraftingError(f"{file}: no commits touch this file")
    analyse, compare = strength_functions()
    events, skipped = timeline(versions, analyse, compare)
    report = History(file, select(events, draft_id, party), skipped)
    if output_format == "json":
        text = json.dumps(history_to_json(report), indent=2, ensure_ascii=False) + "\n"
    elif output_format == "markdown":
        text = render_markdown(report)
    elif output_format == "html":
        from drafting.render.html.history import render_html

        text = render_html(report)
    else:
        text = render_text(report)
    if text:
        emit(text, output)
    return 0
