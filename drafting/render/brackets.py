"""``drafting brackets`` as text: each bracketed sentence, its choices and options with
their sponsors, and the range of tiers its settlements span."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from drafting.amend.brackets import Bracketed, choices


def _tier(tier: int | None) -> str:
    return "tier ?" if tier is None else f"tier {tier}"


def render_text(found: Sequence[Bracketed]) -> str:
    lines = []
    for entry in found:
        s = entry.sentence
        span = "not graded" if entry.tiers is None else f"tiers {entry.tiers[0]}..{entry.tiers[1]}"
        lines.append(f"{entry.where} {s.id}: {span}: {s.text}")
        for index, (choice, tiers) in enumerate(
            zip(choices(s), entry.option_tiers, strict=True), 1
        ):
            lines.append(f"  choice {index}: {s.text[choice.start : choice.end]}")
            for number, ((start, end, label, party), tier) in enumerate(
                zip(choice.options, tiers, strict=True), 1
            ):
                who = f" ({party})" if party else ""
                name = f"{label}: " if label else ""
                lines.append(f"    {index}.{number} {name}{s.text[start:end]}{who}  {_tier(tier)}")
            if len(choice.options) == 1:
                lines.append(f"    {index}.0 (dropped)")
    return "\n".join(lines) + "\n" if lines else ""


BRACKETS_SCHEMA_VERSION = "1"


def brackets_json(found: Sequence[Bracketed]) -> dict[str, Any]:
    """The listing as JSON data (schemas/brackets.schema.json)."""
    sentences = []
    for entry in found:
        s = entry.sentence
        listed = []
        for choice, tiers in zip(choices(s), entry.option_tiers, strict=True):
            listed.append(
                {
                    "text": s.text[choice.start : choice.end],
                    "options": [
                        {"text": s.text[a:b], "label": label, "party": party, "tier": tier}
                        for (a, b, label, party), tier in zip(choice.options, tiers, strict=True)
                    ],
                    "droppable": len(choice.options) == 1,
                }
            )
        low, high = entry.tiers if entry.tiers else (None, None)
        sentences.append(
            {
                "where": entry.where,
                "sentence": s.id,
                "text": s.text,
                "tier_min": low,
                "tier_max": high,
                "choices": listed,
            }
        )
    return {"schema_version": BRACKETS_SCHEMA_VERSION, "sentences": sentences}


def render_json(found: Sequence[Bracketed]) -> str:
    return json.dumps(brackets_json(found), indent=2, ensure_ascii=False) + "\n"
