"""Benchmark: importing a 100,000-word plain-text draft treaty (target: well under 0.1 s).

``drafting diff`` imports both sides of a plain-text pair on the fly and must finish a
100,000-word pair in 0.5 s, so ``import_text`` has a budget of a few tens of milliseconds.
The input comes from ``/work/shared/bench/gen_treaty.py`` (override with ``GEN_TREATY``).
Times, in the same run, median of ``--repeat`` runs:

- ``import_text`` (headings, paragraphs, sentences with abbreviation rules, spans, ids);
- ``split_sentences`` alone on the whole text;
- the one-line regex splitter a user would otherwise write
  (``re.split(r"(?<=[.!?])\\s+", text)``: no abbreviations, no spans, no structure),
  as the floor the ratios are measured against.

Usage: python bench/bench_import.py [--words 100000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from drafting.formats.plaintext import import_text
from drafting.text.sentences import split_sentences

GEN_TREATY = Path(os.environ.get("GEN_TREATY", "/work/shared/bench/gen_treaty.py"))
NAIVE = re.compile(r"(?<=[.!?])\s+")


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, str(GEN_TREATY), "--words", str(args.words), "--out", folder],
            check=True,
        )
        text = (Path(folder) / "a.txt").read_text(encoding="utf-8")
    doc = import_text(text)
    naive = median_seconds(lambda: NAIVE.split(text), args.repeat)
    split = median_seconds(lambda: split_sentences(text), args.repeat)
    full = median_seconds(lambda: import_text(text), args.repeat)
    print(
        f"input: {len(text.split()):,} words, {len(text):,} characters; "
        f"{len(doc.articles)} articles, {len(doc.sentences):,} sentences"
    )
    print(f"naive regex split      {naive * 1000:7.1f} ms  (1.0x)")
    print(f"split_sentences        {split * 1000:7.1f} ms  ({split / naive:.1f}x)")
    print(f"import_text            {full * 1000:7.1f} ms  ({full / naive:.1f}x)")


if __name__ == "__main__":
    main()
