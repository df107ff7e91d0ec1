"""Quality of strength on the labelled corpus: exact tier, within one tier, term precision and
recall per language and per instrument type, and pair verdicts, on dev, dev2 and dev3.

    .venv/bin/python bench/bench_strength_quality.py            # a Markdown table
    .venv/bin/python bench/bench_strength_quality.py --misses   # and every miss

The figures in docs/strength.md come from this script. The corpus is ``$DRAFTING_CORPUS`` or
``shared/corpus`` beside the repository (or a folder above it).
"""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from pathlib import Path

from drafting.strength.evaluation import score_pairs, score_sentences

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(
    os.environ.get("DRAFTING_CORPUS")
    or next(
        (
            up / "shared" / "corpus"
            for up in ROOT.parents
            if (up / "shared" / "corpus" / "dev_sentences.jsonl").is_file()
        ),
        ROOT.parent / "shared" / "corpus",
    )
)
SETS = ("dev", "dev2", "dev3")


def _rows(name: str) -> list[dict]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _line(label: str, rows: list[dict]) -> str:
    s = score_sentences(rows)
    return (
        f"| {label} | {s.total} | {s.exact} ({s.exact_rate:.1%}) | "
        f"{s.within_one} ({s.within_one_rate:.1%}) | {s.term_precision:.3f} | "
        f"{s.term_recall:.3f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    head = "| {} | clauses | exact tier | within one | term precision | term recall |"
    rule = "|---|---:|---:|---:|---:|---:|"
    print("## Sentences by set\n")
    print(head.format("set"))
    print(rule)
    sentences = {name: _rows(f"{name}_sentences.jsonl") for name in SETS}
    for name in SETS:
        print(_line(name, sentences[name]))
    for key, title in (("language", "language"), ("instrument_type", "instrument type")):
        print(f"\n## Sentences by {title} (dev + dev2 + dev3, and dev3 alone)\n")
        print(head.format(title))
        print(rule)
        groups: dict[str, list[dict]] = defaultdict(list)
        held: dict[str, list[dict]] = defaultdict(list)
        for name in SETS:
            for row in sentences[name]:
                groups[row[key]].append(row)
                if name == "dev3":
                    held[row[key]].append(row)
        for value in sorted(groups):
            print(_line(f"{value} (all)", groups[value]))
            if held.get(value):
                print(_line(f"{value} (dev3)", held[value]))
    print("\n## Pair verdicts\n")
    print("| set | pairs | verdicts | by instrument before |")
    print("|---|---:|---:|---|")
    for name in SETS:
        pairs = _rows(f"{name}_pairs.jsonl")
        scores = score_pairs(pairs)
        by: dict[str, list[dict]] = defaultdict(list)
        for pair in pairs:
            by[pair.get("instrument_before") or "none"].append(pair)
        parts = []
        for instrument in sorted(by):
            part = score_pairs(by[instrument])
            parts.append(f"{instrument} {part.correct}/{part.total}")
        print(
            f"| {name} | {scores.total} | {scores.correct} ({scores.rate:.1%}) | "
            + ", ".join(parts)
            + " |"
        )
        if args.misses:
            for miss in scores.misses:
                print("  pair miss:", miss)
    if args.misses:
        for name in SETS:
            for miss in score_sentences(sentences[name]).misses:
                print(f"  {name} miss:", miss)


if __name__ == "__main__":
    main()
