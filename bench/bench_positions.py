"""Benchmark: ``drafting positions`` on a clause of 12 drafts against the equivalent pairwise
diffs (the base against each other draft, as an analyst would run them without it).

The clause is generated (a benchmark input, not a quotation): a base of about ``--words``
words built from the English sentences of the labelled corpus (``../shared/corpus`` or
``DRAFTING_CORPUS``) in a fixed pseudo-random order, and ``--drafts - 1`` other drafts made
from it by seeded edits: about 5% of sentences with a modal swapped, a hedge inserted or a
word dropped, 2% removed, 2% added, and in every third draft the sentence ids renumbered (so
rows must be found by text and similarity, not ids). In ONE run, interleaved round-robin:

- ``positions`` — the core call ``positions(clause, options)`` (alignment of all drafts,
  redlines, strength per distinct sentence, similarity matrix, conflicts);
- ``pairwise`` — ``compare(base, draft, strength=strength_hook())`` for each other draft:
  the same diffs with strength, one pair at a time;
- ``positions-cli`` / ``diff-cli`` — the same as whole processes: one ``drafting positions
  --format json`` against one ``drafting diff --format json FILE#base FILE#draft`` per
  draft (what a user's shell loop runs), with ``--cli``.

Medians of ``--repeat`` runs and the ratio pairwise / positions; the load average before and
after, since other work on the machine slows every tool alike.

Usage: python bench/bench_positions.py [--drafts 12] [--words 2000] [--repeat 5] [--cli]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus_path import CORPUS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafting.diff.pipeline import compare  # noqa: E402
from drafting.diff.positions import PositionsOptions, positions  # noqa: E402
from drafting.diff.sides import side_from_draft  # noqa: E402
from drafting.diff.verdicts import strength_hook  # noqa: E402
from drafting.formats.clausexml import to_xml  # noqa: E402
from drafting.model import Clause, Draft, Party, Sentence  # noqa: E402

SWAPS = (("shall", "should"), ("will", "may"), ("undertake", "endeavour"), ("must", "shall"))
HEDGES = ("where possible, ", "as appropriate, ", "in principle, ")


def corpus_sentences() -> list[str]:
    folder = CORPUS
    out = []
    for name in ("dev_sentences.jsonl", "dev2_sentences.jsonl", "dev3_sentences.jsonl"):
        path = folder / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                if entry["language"] == "en":
                    out.append(" ".join(entry["text"].split()))
    if not out:
        sys.exit("bench_positions: no corpus found (set DRAFTING_CORPUS)")
    return out


def edit(rng: random.Random, text: str) -> str:
    words = text.split(" ")
    choice = rng.random()
    for old, new in SWAPS:
        if choice < 0.5 and old in words:
            k = words.index(old)
            words[k] = new
            return " ".join(words)
    if choice < 0.8 and len(words) > 4:
        k = rng.randrange(1, len(words) - 1)
        words.insert(k, rng.choice(HEDGES).strip())
        return " ".join(words)
    if len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def make_clause(drafts: int, words: int, seed: int = 1) -> Clause:
    rng = random.Random(seed)
    pool = corpus_sentences()
    base: list[str] = []
    count = 0
    while count < words:
        sentence = rng.choice(pool)
        base.append(sentence)
        count += len(sentence.split())
    made = [
        Draft(
            "d00",
            "p00",
            "proposed",
            "2020-01-01",
            "en",
            "draft-treaty",
            tuple(Sentence(f"s{k + 1}", t) for k, t in enumerate(base)),
        )
    ]
    for n in range(1, drafts):
        sentences: list[Sentence] = []
        next_id = len(base) + 1
        for k, text in enumerate(base):
            roll = rng.random()
            if roll < 0.02:
                continue  # removed
            if roll < 0.07:
                text = edit(rng, text)
            sentences.append(Sentence(f"s{k + 1}", text))
            if rng.random() < 0.02:
                sentences.append(Sentence(f"s{next_id}", rng.choice(pool)))
                next_id += 1
        if n % 3 == 0:  # renumbered: rows must be found without ids
            sentences = [Sentence(f"x{k + 1}", s.text) for k, s in enumerate(sentences)]
        made.append(
            Draft(
                f"d{n:02d}",
                f"p{n:02d}",
                "proposed",
                f"2021-01-{n:02d}",
                "en",
                "draft-treaty",
                tuple(sentences),
            )
        )
    parties = tuple(Party(d.party, f"Party {d.party}") for d in made)
    return Clause("bench", "Generated benchmark clause (not a quotation)", parties, (), tuple(made))


def time_it(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=12)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cli", action="store_true", help="also time whole processes")
    args = parser.parse_args()
    clause = make_clause(args.drafts, args.words)
    base, others = clause.drafts[0], clause.drafts[1:]
    options = PositionsOptions(base=base.id, drafts=tuple(d.id for d in others))
    report = positions(clause, options)  # warm-up: lexicons, engine
    print(
        f"{len(clause.drafts)} drafts, base {len(base.text.split())} words, "
        f"{len(report.rows)} rows, {len(report.conflicts)} conflicts"
    )
    hook = strength_hook()
    side = side_from_draft(base, name="base")

    def pairwise() -> None:
        for draft in others:
            compare(side, side_from_draft(draft, name=draft.id), strength=hook)

    runs: dict[str, list[float]] = {"positions": [], "pairwise": []}
    if args.cli:
        work = ROOT / "bench" / "work"
        work.mkdir(parents=True, exist_ok=True)
        path = work / "positions-bench.xml"
        path.write_bytes(to_xml(clause))
        drafting = [sys.executable, "-m", "drafting"]
        runs["positions-cli"] = []
        runs["diff-cli"] = []

        def positions_cli() -> None:
            subprocess.run(
                [
                    *drafting,
                    "positions",
                    str(path),
                    "--base",
                    base.id,
                    "--drafts",
                    ",".join(d.id for d in others),
                    "--format",
                    "json",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        def diff_cli() -> None:
            for draft in others:
                subprocess.run(
                    [
                        *drafting,
                        "diff",
                        "--format",
                        "json",
                        f"{path}#{base.id}",
                        f"{path}#{draft.id}",
                    ],
                    stdout=subprocess.DEVNULL,
                )

    load_before = os.getloadavg()
    for _ in range(args.repeat):
        runs["positions"].append(time_it(lambda: positions(clause, options)))
        runs["pairwise"].append(time_it(pairwise))
        if args.cli:
            runs["positions-cli"].append(time_it(positions_cli))
            runs["diff-cli"].append(time_it(diff_cli))
    load_after = os.getloadavg()
    medians = {name: statistics.median(values) for name, values in runs.items()}
    for name, value in medians.items():
        print(
            f"{name:>14}: median {value:.3f} s (runs: {', '.join(f'{v:.3f}' for v in runs[name])})"
        )
    print(f"pairwise / positions: {medians['pairwise'] / medians['positions']:.2f}")
    if args.cli:
        print(f"diff-cli / positions-cli: {medians['diff-cli'] / medians['positions-cli']:.2f}")
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (2 cores shared)")


if __name__ == "__main__":
    main()
