"""The history timeline as text and Markdown (``drafting history``; JSON is
``drafting.git.history.history_to_json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    what = f"changed ({', '.join(event.changed)})" if event.change == "changed" else event.change
    if event.merge and event.parent:
        what = f"merge vs {event.parent[:10]}: {what}"
    return what


def _subject(event: Event) -> str:
    """What the event is about: ``draft rus-2022 (rus, proposed, 2022-01-10)``, ``article
    art-4 (Article 4)``, ``amendment rus-a1 (rus, rejected, on nato-2008)``."""
    d, a = event.draft, event.amendment
    if a is not None:
        gave = f", gave {a.result}" if a.result else ""
        return f"amendment {a.id} ({a.party}, {a.status}, on {a.target}{gave})"
    if event.item == "article":
        return f"article {d.id} ({d.note or 'no number'})"
    return f"draft {d.id} ({d.party}, {d.status}, {d.date})"


def render_text(history: History) -> str:
    lines = []
    for e in history.events:
        strength = "" if e.amendment is not None else f" {_strength(e)}"
        lines.append(
            f"{e.commit.sha[:10]} {e.commit.date[:10]} {e.commit.author} “{e.commit.subject}”: "
            f"{_what(e)} {_subject(e)}{strength}" + (f"; {_verdict(e)}" if _verdict(e) else "")
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
        "| commit | date | author | subject | change | draft | party | status | strength "
        "| verdict |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for e in history.events:
        d = e.draft
        cells = [
            f"`{e.commit.sha[:10]}`",
            e.commit.date[:10],
            e.commit.author,
            e.commit.subject,
            _what(e) if e.item == "draft" else f"{_what(e)} {e.item}",
            e.amendment.id if e.amendment else d.id,
            e.amendment.party if e.amendment else d.party,
            e.amendment.status if e.amendment else d.status,
            "—" if e.amendment else _strength(e),
            _verdict(e),
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if history.skipped:
        lines += ["", "Skipped (unreadable versions):", ""]
        lines += [f"- `{v.commit.sha[:10]}`: {_cell(v.problem or '')}" for v in history.skipped]
    return "\n".join(lines) + "\n"
