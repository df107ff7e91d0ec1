"""``drafting corpus`` at scale: throughput, Dask speed-up, borrowing recall, flat memory.

Builds (once) a constructed corpus with ``bench/gen_corpus.py`` (10,000 treaties of about
2,000 words by default, a fifth borrowing an article, three bad files), then measures:

- ``per-core``: ``drafting corpus scan --workers 1`` on the first ``--core-docs`` documents
  (whole process): documents and words per second on one core;
- ``scan``: ``drafting corpus scan`` of the whole corpus on the local pool (``--workers``),
  with the planted profiles checked against the rows;
- ``similar``: ``drafting corpus similar`` of the whole corpus: time, candidates against the
  n² pairs, recall of the planted borrowings and precision of what was found;
- ``dask``: the scan of ``--dask-docs`` documents on a 1-worker and on a 2-worker
  ``distributed.LocalCluster`` started here (cluster start-up not timed): the speed-up;
- ``memory``: peak memory (ru_maxrss) of an in-process scan and similar search over growing
  slices of the corpus, each in a fresh process.

    .venv/bin/python bench/bench_corpus.py --json bench/work/corpus-results.json

Nothing here asserts a time; the figures and their discussion are in ``docs/scale.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PER_FOLDER = 500
MEMORY_CHILD = """
import resource, sys, time
from drafting.corpus.engine import EngineOptions
what, target, out = sys.argv[1:4]
start = time.perf_counter()
if what == "scan":
    from drafting.corpus.scan import scan
    from drafting.corpus.tasks import ScanOptions
    scan(target, out, options=ScanOptions(), engine=EngineOptions(workers=1))
else:
    from drafting.corpus.similar import find_similar
    from drafting.corpus.tasks import SimilarOptions
    find_similar(target, options=SimilarOptions(), engine=EngineOptions(workers=1))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - start)
"""


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def generate(work: Path, docs: int, words: int) -> dict[str, Any]:
    truth_path = work / "truth.json"
    if truth_path.exists():
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if truth["docs"] == docs and truth["words"] == words:
            return {"seconds": None, "reused": True}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "gen_corpus.py"), "--docs", str(docs),
         "--words", str(words), "--bad", "--out", str(work)],
        check=True,
    )  # fmt: skip
    return {"seconds": round(time.perf_counter() - start, 1), "reused": False}


def glob_for(work: Path, docs: int) -> str:
    """``s000``..``sNNN`` for the first ``docs`` documents, as a glob of explicit folders."""
    folders = docs // PER_FOLDER
    assert folders * PER_FOLDER == docs, "sizes are multiples of 500"
    tens, units = divmod(folders - 1, 10)
    if tens == 0:
        return str(work / f"s00[0-{units}]" / "doc-*.txt")
    raise ValueError("slices above 5,000 documents: use the whole folder")


def timed(args: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def words_in(rows_path: Path) -> tuple[int, int]:
    """(documents, words) over the document rows of a scan output."""
    docs = words = 0
    with rows_path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["level"] == "document":
                docs += 1
                words += row["words"]
    return docs, words


def per_core(work: Path, out: Path, docs: int) -> dict[str, Any]:
    out.unlink(missing_ok=True)
    before = load()
    seconds, done = timed(
        [sys.executable, "-m", "drafting", "corpus", "scan", glob_for(work, docs), "-o", str(out),
         "--workers", "1"]
    )  # fmt: skip
    count, words = words_in(out)
    return {
        "docs": count,
        "words": words,
        "seconds": round(seconds, 1),
        "docs_per_second": round(count / seconds, 2),
        "words_per_second": round(words / seconds),
        "load_before": before,
        "load_after": load(),
        "exit": done.returncode,
    }


def check_profiles(work: Path, rows_path: Path) -> dict[str, Any]:
    planted = {}
    with (work / "profiles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            planted[str(work / row["path"])] = row
    same = total = 0
    keys = ("sentences", "positive", "negative", "hedges", "intensifiers", "no_term")
    with rows_path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["level"] != "document":
                continue
            total += 1
            want = planted[row["path"]]
            got_tiers = [row[f"tier_{t}"] for t in range(6)]
            same += got_tiers == want["tiers"] and all(row[k] == want[k] for k in keys)
    return {"documents_checked": total, "profiles_exactly_as_planted": same}


def scan_all(work: Path, out: Path, workers: int) -> dict[str, Any]:
    out.unlink(missing_ok=True)
    before = load()
    seconds, done = timed(
        [sys.executable, "-m", "drafting", "corpus", "scan", str(work), "-o", str(out),
         "--workers", str(workers)]
    )  # fmt: skip
    count, words = words_in(out)
    skipped = [line for line in done.stderr.splitlines() if line.startswith("drafting: ")]
    resumed_seconds, resumed = timed(
        [sys.executable, "-m", "drafting", "corpus", "scan", str(work), "-o", str(out),
         "--workers", str(workers)]
    )  # fmt: skip
    return {
        "workers": workers,
        "docs": count,
        "words": words,
        "seconds": round(seconds, 1),
        "docs_per_second": round(count / seconds, 2),
        "words_per_second": round(words / seconds),
        "bad_files_skipped": len(skipped),
        "exit": done.returncode,
        "summary": done.stderr.strip().splitlines()[-1],
        "rerun_seconds": round(resumed_seconds, 1),
        "rerun_summary": resumed.stderr.strip().splitlines()[-1],
        "load_before": before,
        "load_after": load(),
        **check_profiles(work, out),
    }


def similar_all(work: Path, out: Path, workers: int, threshold: float) -> dict[str, Any]:
    before = load()
    seconds, done = timed(
        [sys.executable, "-m", "drafting", "corpus", "similar", str(work), "--format", "json",
         "-o", str(out), "--workers", str(workers), "--threshold", str(threshold)]
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    truth = json.loads((work / "truth.json").read_text(encoding="utf-8"))
    cluster: dict[tuple[str, str], tuple[str, str]] = {}
    planted = set()
    for b in truth["borrowings"]:
        source = (str(work / b["source"][0]), b["source"][1])
        target = (str(work / b["target"][0]), b["target"][1])
        cluster.setdefault(source, source)
        cluster[target] = source
        planted.add(frozenset([source, target]))
    found = {
        frozenset([(p["a"]["path"], p["a"]["unit"]), (p["b"]["path"], p["b"]["unit"])])
        for p in report["pairs"]
    }

    def borrowed(pair: frozenset[tuple[str, str]]) -> bool:
        roots = {cluster.get(article) for article in pair}
        return len(roots) == 1 and None not in roots

    correct = sum(borrowed(pair) for pair in found)
    articles = report["articles"]
    return {
        "threshold": threshold,
        "workers": workers,
        "seconds": round(seconds, 1),
        "files": report["files"],
        "articles": articles,
        "all_pairs": articles * (articles - 1) // 2,
        "candidates": report["candidates"],
        "pairs_found": len(found),
        "planted": len(planted),
        "recall": round(len(found & planted) / len(planted), 4),
        "precision": round(correct / len(found), 4) if found else None,
        "exit": done.returncode,
        "load_before": before,
        "load_after": load(),
    }


def dask_speedup(work: Path, docs: int, tmp: Path) -> dict[str, Any]:
    from distributed import LocalCluster

    from drafting.corpus.engine import EngineOptions
    from drafting.corpus.scan import scan
    from drafting.corpus.tasks import ScanOptions

    result: dict[str, Any] = {"docs": docs, "load_before": load()}
    outputs = {}
    for workers in (1, 2):
        with LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster:
            out = tmp / f"dask-{workers}.jsonl"
            out.unlink(missing_ok=True)
            start = time.perf_counter()
            scan(
                glob_for(work, docs),
                str(out),
                options=ScanOptions(),
                engine=EngineOptions(scheduler=cluster.scheduler_address),
            )
            result[f"seconds_{workers}_worker"] = round(time.perf_counter() - start, 1)
            outputs[workers] = out.read_bytes()
    result["speedup"] = round(result["seconds_1_worker"] / result["seconds_2_worker"], 2)
    result["identical_output"] = outputs[1] == outputs[2]
    result["load_after"] = load()
    return result


def memory(work: Path, sizes: list[int], tmp: Path) -> dict[str, Any]:
    curve: dict[str, Any] = {"scan": [], "similar": []}
    for what in ("scan", "similar"):
        for size in sizes:
            out = tmp / f"mem-{size}.jsonl"
            out.unlink(missing_ok=True)
            done = subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD, what, glob_for(work, size), str(out)],
                capture_output=True,
                text=True,
                check=True,
            )
            peak_kib, seconds = done.stdout.split()
            curve[what].append(
                {"docs": size, "peak_mib": round(int(peak_kib) / 1024, 1),
                 "seconds": round(float(seconds), 1)}
            )  # fmt: skip
    return curve


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--work", type=Path, default=ROOT / "bench" / "work" / "corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--core-docs", type=int, default=1000)
    ap.add_argument("--dask-docs", type=int, default=1000)
    ap.add_argument("--memory-sizes", default="500,1000,2000,4000")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument(
        "--steps",
        default="per-core,scan,similar,dask,memory",
        help="comma-separated subset of per-core,scan,similar,dask,memory",
    )
    ap.add_argument("--json", type=Path, help="write the results here as well")
    args = ap.parse_args()
    steps = set(args.steps.split(","))
    tmp = args.work.parent / "corpus-out"
    tmp.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {
        "machine": {"cores": os.cpu_count(), "note": "shared with other sessions: under load"},
        "generate": generate(args.work, args.docs, args.words),
    }

    def record(name: str, value: Any) -> None:
        results[name] = value
        print(name, json.dumps(value), flush=True)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")

    record("generate", results["generate"])
    if "per-core" in steps:
        record("per_core", per_core(args.work, tmp / "core.jsonl", args.core_docs))
    if "scan" in steps:
        record("scan", scan_all(args.work, tmp / "scan.jsonl", args.workers))
    if "similar" in steps:
        record(
            "similar", similar_all(args.work, tmp / "similar.json", args.workers, args.threshold)
        )
    if "dask" in steps:
        record("dask", dask_speedup(args.work, args.dask_docs, tmp))
    if "memory" in steps:
        sizes = [int(s) for s in args.memory_sizes.split(",")]
        record("memory", memory(args.work, sizes, tmp))


if __name__ == "__main__":
    main()
