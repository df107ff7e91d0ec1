"""Quality of strength on the labelled corpus: exact tier, within one tier, term precision and
recall per language and per instrument type, and pair verdicts, on dev, dev2 and dev3, each on
all labels and on certain labels only.

    .venv/bin/python bench/bench_strength_quality.py            # Markdown tables
    .venv/bin/python bench/bench_strength_quality.py --misses   # and every miss

The figures in docs/strength.md come from this script. The corpus is ``$DRAFTING_CORPUS`` or
``shared/corpus`` beside the repository (or a folder above it).

A label is *certain* unless its ``hard_case`` holds "uncertain" (the corpus marks judgement
calls so). The strength issue states its figures and targets on certain labels; "all" counts
every label. A bracketed clause labelled ``null`` (an unresolved range) counts in both.

The first table's last column is the in-process CPU time (``time.process_time``) of one
pass over the set's sentences and pairs in this process, one-time loads (lexicons,
morphology dictionaries) included in the first set that needs them: the cost to watch when a
pass is added.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from corpus_path import CORPUS

from drafting.strength.evaluation import certain, score_pairs, score_sentences

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "dev2", "dev3")
HEAD = "| {} | labels | clauses | exact tier | within one | term precision | term recall |"
RULE = "|---|---|---:|---:|---:|---:|---:|"


def _rows(name: str) -> list[dict]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _line(label: str, which: str, rows: list[dict]) -> str:
    s = score_sentences(rows)
    return (
        f"| {label} | {which} | {s.total} | {s.exact} ({s.exact_rate:.1%}) | "
        f"{s.within_one} ({s.within_one_rate:.1%}) | {s.term_precision:.3f} | "
        f"{s.term_recall:.3f} |"
    )


def _both(label: str, rows: list[dict]) -> list[str]:
    """The row on all labels, and on certain labels when some are uncertain."""
    lines = [_line(label, "all", rows)]
    sure = [row for row in rows if certain(row)]
    if len(sure) != len(rows):
        lines.append(_line(label, "certain", sure))
    return lines


def _timed(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    sentences = {name: _rows(f"{name}_sentences.jsonl") for name in SETS}
    pairs = {name: _rows(f"{name}_pairs.jsonl") for name in SETS}
    cpu = {
        name: _timed(lambda n=name: (score_sentences(sentences[n]), score_pairs(pairs[n])))
        for name in SETS
    }
    print("## Sentences by set\n")
    print(HEAD.format("set"))
    print(RULE)
    for name in SETS:
        print("\n".join(_both(name, sentences[name])))
    print(
        "\nCPU time of one pass (sentences and pairs): "
        + ", ".join(f"{name} {cpu[name]:.2f} s" for name in SETS)
        + f"; in all {sum(cpu.values()):.2f} s"
    )
    for key, title in (("language", "language"), ("instrument_type", "instrument type")):
        print(f"\n## Sentences by {title} (dev + dev2 + dev3, and dev3 alone)\n")
        print(HEAD.format(title))
        print(RULE)
        groups: dict[str, list[dict]] = defaultdict(list)
        held: dict[str, list[dict]] = defaultdict(list)
        for name in SETS:
            for row in sentences[name]:
                groups[row[key]].append(row)
                if name == "dev3":
                    held[row[key]].append(row)
        for value in sorted(groups):
            print("\n".join(_both(f"{value} (all sets)", groups[value])))
            if held.get(value):
                print("\n".join(_both(f"{value} (dev3)", held[value])))
    print("\n## Pair verdicts\n")
    print("| set | labels | pairs | verdicts | by instrument before |")
    print("|---|---|---:|---:|---|")
    for name in SETS:
        for which, rows in (
            ("all", pairs[name]),
            ("certain", [p for p in pairs[name] if certain(p)]),
        ):
            if which == "certain" and len(rows) == len(pairs[name]):
                continue
            scores = score_pairs(rows)
            by: dict[str, list[dict]] = defaultdict(list)
            for pair in rows:
                by[pair.get("instrument_before") or "none"].append(pair)
            parts = []
            for instrument in sorted(by):
                part = score_pairs(by[instrument])
                parts.append(f"{instrument} {part.correct}/{part.total}")
            print(
                f"| {name} | {which} | {scores.total} | {scores.correct} ({scores.rate:.1%}) | "
                + ", ".join(parts)
                + " |"
            )
    if args.misses:
        print()
        for name in SETS:
            for miss in score_pairs(pairs[name]).misses:
                sure = next(p for p in pairs[name] if p["id"] == miss[0])
                print(f"  {name} pair miss{'' if certain(sure) else ' (uncertain)'}:", miss)
        for name in SETS:
            by_id = {row["id"]: row for row in sentences[name]}
            for miss in score_sentences(sentences[name]).misses:
                tag = "" if certain(by_id[miss[0]]) else " (uncertain)"
                print(f"  {name} miss{tag}:", miss)


if __name__ == "__main__":
    main()
