"""Throughput of ``drafting strength --batch`` (whole process), in MB of clause text per second.

Builds a JSONL batch from the shared corpus (dev, dev2, dev3: every language and instrument),
replicated to about ``--mb`` megabytes of clause text, then times the command end to end
(start-up, lexicon loading, JSON in and out) over ``--runs`` runs and reports the median
wall and CPU time and the load average (``--jobs`` also times ``--jobs 2``).
For scale it also times ``grep -E -o`` for the bare English modals over the same file: the
floor a user would get from a keyword search that knows no context.

    .venv/bin/python bench/bench_strength.py --mb 4
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus_path import CORPUS

ROOT = Path(__file__).resolve().parent.parent


def build_batch(target_mb: float, path: Path) -> int:
    """Write the batch; return the number of bytes of clause text in it."""
    rows = []
    for name in ("dev_sentences.jsonl", "dev2_sentences.jsonl", "dev3_sentences.jsonl"):
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            rows.append((row["text"], row["language"], row["instrument_type"]))
    text_bytes = 0
    count = 0
    with path.open("w", encoding="utf-8") as out:
        while text_bytes < target_mb * 1_000_000:
            for text, language, instrument in rows:
                out.write(
                    json.dumps(
                        {"id": count, "text": text, "language": language, "instrument": instrument},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                text_bytes += len(text.encode("utf-8"))
                count += 1
    return text_bytes


def timed(command: list[str], runs: int, sink: Path) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system, children included) of the runs;
    output goes to a real file (GNU grep stops early on /dev/null)."""
    walls, cpus = [], []
    for _ in range(runs):
        with sink.open("w") as out:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=out)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="MB of clause text in the batch")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--jobs", action="store_true", help="also time --jobs 2 (a forked copy on a second core)"
    )
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    drafting = shutil.which("drafting", path=str(Path(sys.executable).parent)) or "drafting"
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        text_bytes = build_batch(args.mb, batch)
        mb = text_bytes / 1_000_000
        sink = Path(tmp) / "out"
        ours, ours_cpu = timed([drafting, "strength", "--batch", str(batch)], args.runs, sink)
        if args.jobs:
            command = [drafting, "strength", "--batch", str(batch), "--jobs", "2"]
            two, two_cpu = timed(command, args.runs, sink)
        modals = r"\b(shall|will|should|may|must)\b"
        grep, _ = timed(["grep", "-E", "-o", modals, str(batch)], args.runs, sink)
    load = f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"batch: {mb:.2f} MB of clause text ({batch.name}), median of {args.runs} runs")
    print(f"load average (1 min): {load}")
    print(
        f"drafting strength --batch: {ours:.2f} s = {mb / ours:.2f} MB/s "
        f"(CPU {ours_cpu:.2f} s = {mb / ours_cpu:.2f} MB/s of CPU)"
    )
    if args.jobs:
        print(
            f"drafting strength --batch --jobs 2: {two:.2f} s = {mb / two:.2f} MB/s "
            f"(CPU of both processes {two_cpu:.2f} s)"
        )
    print(f"grep -E -o modals (no context, no output format): {grep:.3f} s = {mb / grep:.1f} MB/s")
    print(f"ratio: drafting takes {ours / grep:.0f}x the time of a bare keyword grep")


if __name__ == "__main__":
    main()
