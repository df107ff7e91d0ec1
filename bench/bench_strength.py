"""Throughput of ``drafting strength --batch`` (whole process), in MB of clause text per second.

Builds a JSONL batch from the shared corpus (dev, dev2, dev3: every language and instrument),
replicated to about ``--mb`` megabytes of clause text, then times the command end to end
(start-up, lexicon loading, JSON in and out) over ``--runs`` runs and reports the median
wall and CPU time and the load average, by default (one process per core) and with
``--jobs 1`` (one process), the runs interleaved.
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

from bytecode import compile_drafting
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


def timed(commands: dict[str, list[str]], runs: int, sink: Path) -> dict[str, tuple[float, float]]:
    """Each command's median wall time and median CPU time (user + system, children
    included), the commands run in turn in each round; output goes to a real file (GNU grep
    stops early on /dev/null)."""
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            with sink.open("w") as out:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(command, check=True, stdout=out)
                walls[name].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            cpus[name].append(used)
    return {
        name: (statistics.median(walls[name]), statistics.median(cpus[name])) for name in commands
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="MB of clause text in the batch")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"corpus not found at {CORPUS}")
    compile_drafting()
    drafting = shutil.which("drafting", path=str(Path(sys.executable).parent)) or "drafting"
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        batch = Path(tmp) / "batch.jsonl"
        text_bytes = build_batch(args.mb, batch)
        mb = text_bytes / 1_000_000
        modals = r"\b(shall|will|should|may|must)\b"
        commands = {
            "drafting strength --batch": [drafting, "strength", "--batch", str(batch)],
            "drafting strength --batch --jobs 1": [
                drafting,
                "strength",
                "--batch",
                str(batch),
                "--jobs",
                "1",
            ],
            "grep -E -o modals (no context, no output format)": [
                "grep",
                "-E",
                "-o",
                modals,
                str(batch),
            ],
        }
        subprocess.run(commands["drafting strength --batch"], check=True, capture_output=True)
        results = timed(commands, args.runs, Path(tmp) / "out")
    load = f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"batch: {mb:.2f} MB of clause text ({batch.name}), median of {args.runs} runs")
    print(
        f"load average (1 min): {load}; cores this process may use: {len(os.sched_getaffinity(0))}"
    )
    for name, (wall, cpu) in results.items():
        print(f"{name}: {wall:.3f} s = {mb / wall:.2f} MB/s (CPU of all its processes {cpu:.2f} s)")
    ours = results["drafting strength --batch"][0]
    grep = results["grep -E -o modals (no context, no output format)"][0]
    print(f"ratio: drafting takes {ours / grep:.0f}x the time of a bare keyword grep")


if __name__ == "__main__":
    main()
