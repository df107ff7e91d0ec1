"""``drafting ls`` as text or JSON (schemas/listing.schema.json)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from drafting.model import Clause, Document, Draft, Listing

LISTING_SCHEMA_VERSION = "1"


def _latest(drafts: Sequence[Draft]) -> dict[str, Draft]:
    """Each party's latest draft (by date, then file order)."""
    latest: dict[str, Draft] = {}
    for draft in drafts:
        if draft.party not in latest or draft.date >= latest[draft.party].date:
            latest[draft.party] = draft
    return latest


def _tier(tier: int | None, polarity: str | None) -> str:
    if tier is None:
        return "tier ?"
    return f"tier {tier} {'+' if polarity == 'positive' else '−'}"


def render_text(listing: Listing) -> str:
    """A file: its parties, drafts and amendments; a folder: one line per file."""
    lines: list[str] = []
    for entry in listing.files:
        value = entry.value
        if value is None:
            lines.append(f"{entry.path}: unreadable: {entry.problem}")
            continue
        if listing.folder:
            lines.append(_index_line(entry.path, value))
            continue
        if isinstance(value, Document):
            lines.append(_index_line(entry.path, value))
            continue
        lines.append(f"clause {value.id}: {value.title}")
        lines.append("parties: " + ", ".join(f"{p.id} ({p.name})" for p in value.parties))
        if value.sources:
            lines.append("sources: " + ", ".join(s.id for s in value.sources))
        lines.append("drafts:")
        for graded in entry.drafts:
            d = graded.draft
            relation = ""
            if d.supersedes or d.responds_to:
                verb = "supersedes" if d.supersedes else "responds to"
                relation = f"  {verb} {d.supersedes or d.responds_to}"
            lines.append(
                f"  {d.id}  {d.party}  {d.status}  {d.date}  {d.instrument}  "
                f"{_tier(graded.tier, graded.polarity)}{relation}"
            )
        if value.amendments:
            lines.append("amendments:")
        for a in value.amendments:
            gave = f" -> {a.result}" if a.result else ""
            lines.append(f"  {a.id}  {a.party}  on {a.target}{gave}  {a.status}  {a.date or ''}")
        for c in value.conflicts:
            lines.append(f"CONFLICT on {c.kind} {c.id}: run `drafting resolve {entry.path}`")
    return "\n".join(line.rstrip() for line in lines) + "\n" if lines else ""


def _index_line(path: str, value: Clause | Document) -> str:
    if isinstance(value, Document):
        who = f"{value.party or '?'}  {value.date or '?'}"
        return f"{path}  document {value.id}  {who}  {len(value.articles)} articles  {value.title}"
    latest = _latest(value.drafts)
    state = ", ".join(f"{p} {d.status}" for p, d in latest.items()) or "no drafts"
    conflicts = f"  {len(value.conflicts)} CONFLICT(S)" if value.conflicts else ""
    return (
        f"{path}  clause {value.id}  {len(value.drafts)} drafts, "
        f"{len(value.amendments)} amendments  ({state}){conflicts}  {value.title}"
    )


def listing_json(listing: Listing) -> dict[str, Any]:
    files = []
    for entry in listing.files:
        value = entry.value
        item: dict[str, Any] = {"path": entry.path, "problem": entry.problem}
        if isinstance(value, Document):
            item.update(kind="document", id=value.id, title=value.title, party=value.party)
            item.update(date=value.date, articles=len(value.articles))
        elif isinstance(value, Clause):
            graded = {g.draft.id: g for g in entry.drafts}
            item.update(kind="clause", id=value.id, title=value.title)
            item["parties"] = [{"id": p.id, "name": p.name} for p in value.parties]
            item["drafts"] = [
                {
                    "id": d.id,
                    "party": d.party,
                    "status": d.status,
                    "date": d.date,
                    "instrument": d.instrument,
                    "tier": graded[d.id].tier if d.id in graded else None,
                    "polarity": graded[d.id].polarity if d.id in graded else None,
                }
                for d in value.drafts
            ]
            item["amendments"] = [
                {
                    "id": a.id,
                    "party": a.party,
                    "target": a.target,
                    "result": a.result,
                    "status": a.status,
                    "date": a.date,
                }
                for a in value.amendments
            ]
            item["conflicts"] = [{"kind": c.kind, "id": c.id} for c in value.conflicts]
        else:
            item["kind"] = None
        files.append(item)
    return {
        "schema_version": LISTING_SCHEMA_VERSION,
        "path": listing.path,
        "folder": listing.folder,
        "files": files,
    }


def render_json(listing: Listing) -> str:
    return json.dumps(listing_json(listing), indent=2, ensure_ascii=False) + "\n"
