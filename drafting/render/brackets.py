"""``drafting brackets`` as text: each bracketed sentence, its choices and options with
their sponsors, and the range of tiers its settlements span."""

from __future__ import annotations

from collections.abc import Sequence

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
