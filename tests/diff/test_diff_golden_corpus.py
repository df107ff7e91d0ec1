"""Golden redlines of real corpus pairs, text and Markdown (issue 9): each was read by hand
when written; a change of the redline shows here as a diff to read again.

Regenerate with ``DRAFTING_REGEN_GOLDEN=1`` and read every changed file before committing.
"""

from __future__ import annotations

import json
import os

import pytest
from support.corpus import corpus_dir
from support.paths import GOLDEN

from drafting import compare
from drafting.render.markdown import render_markdown
from drafting.render.text import render_text

GOLDEN = GOLDEN / "diff" / "corpus"

PAIRS = [
    # same language, real wordings from two instruments or two summits
    "D2P01", "D2P02", "D2P03", "D2P05", "D2P07", "D2P08", "D2P09", "D2P11", "D2P13",
    "D2P16", "D2P17", "D2P18", "D2P27", "D2P28", "P01", "P02", "P06", "P07", "H2P001",
    "H2P006", "H2P009", "H2P037", "P03", "P04",
    # two authentic language versions of one text
    "P10", "H2P019",
]  # fmt: skip


def _pairs() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for path in sorted(corpus_dir().glob("*_pairs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                found.setdefault(row["id"], row)
    return found


@pytest.mark.parametrize("pair_id", PAIRS)
def test_golden_redline_of_a_real_pair(pair_id: str) -> None:
    row = _pairs()[pair_id]
    report = compare(row["before"] + "\n", row["after"] + "\n")
    outputs = {"txt": render_text(report), "md": render_markdown(report)}
    for suffix, text in outputs.items():
        path = GOLDEN / f"{pair_id}.{suffix}"
        if os.environ.get("DRAFTING_REGEN_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), path.name
    # the shape every golden must have: one deletion then one insertion per hunk
    for unit in report.units:
        kinds = "".join("=" if o.op == "equal" or o.ignored else o.op[0] for o in unit.ops)
        assert all(h in ("", "d", "i", "di") for h in kinds.split("=")), (pair_id, kinds)


def test_at_least_twenty_real_pairs_have_goldens() -> None:
    assert len(PAIRS) >= 20
    assert len(list(GOLDEN.glob("*.txt"))) >= 20 and len(list(GOLDEN.glob("*.md"))) >= 20


def test_every_real_pair_meets_the_redline_targets_against_git() -> None:
    # the issue-9 targets, measured by the one benchmark that counts them: on every real
    # pair, hunks <= git's word diff + isolated strength terms, one deletion then one
    # insertion per hunk, changed words <= 1.25 x git's + 2
    import subprocess
    import sys

    from support.paths import REPO

    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "bench_redline_quality.py")],
        capture_output=True,
        text=True,
        env={**os.environ, "DRAFTING_CORPUS": str(corpus_dir())},
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "pairs missing a target: 0 of " in done.stdout
