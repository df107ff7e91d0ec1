"""Benchmark: ``drafting diff`` on generated treaty pairs against the tools a user would pick.

Workloads come from ``gen_treaty.py`` (``/work/shared/bench/gen_treaty.py``, override with
``GEN_TREATY``): 10k, 50k, 100k and 200k words, about 2% of words changed, sentences added
and removed, two articles moved; its ``truth.json`` says what was changed. In ONE run, every
tool is timed as a whole process (start-up, reading, diffing, writing the output to
/dev/null), the runs interleaved round-robin, every tool at every size in each round, so
that load from other work, and this machine's speed moving from minute to minute, hit all
tools and sizes alike (the 200k/100k ratio compares times taken in the same minutes); the
table gives medians, ratios to git, peak memory (``ru_maxrss`` of the process) and the
machine's load average before and after.

- ``drafting`` — ``drafting diff --format json a.txt b.txt`` (C++ diff-match-patch);
- ``drafting-py`` — the same with ``--engine python`` (pure-Python diff-match-patch);
- ``git`` — ``git diff --no-index --word-diff=porcelain a.txt b.txt``;
- ``difflib`` — Python's ``SequenceMatcher`` on words (``split()``), ``autojunk=False``;
- ``redlines`` — ``Redlines(a, b).output_markdown`` (10k and 50k only: about 34 s at 100k),
  run by the interpreter given with ``--redlines-python`` (a separate venv, see README).

Quality, from drafting's JSON for each size: the share of moved articles reported as
``moved`` and the share of modal swaps shown locally (the old modal inside a delete op and
the new one inside an insert op, each op at most 40 characters).

Usage: python bench/bench_diff.py [--sizes 10000 50000 100000 200000] [--repeat 5]
       [--redlines-python bench/work/redlines-venv/bin/python] [--json results.json]
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import compile_drafting

ROOT = Path(__file__).resolve().parent.parent
GEN_TREATY = Path(os.environ.get("GEN_TREATY", "/work/shared/bench/gen_treaty.py"))
DEFAULT_REDLINES = ROOT / "bench" / "work" / "redlines-venv" / "bin" / "python"
REDLINES_MAX_WORDS = 50_000
TOOLS = ("drafting", "drafting-py", "git", "difflib", "redlines")
SLOW_SECONDS = 5.0
"""A tool whose warm-up takes longer is timed twice in all (warm-up included): its ratio is
in the hundreds either way, and five more runs would take minutes."""
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Python tools run with bytecode caching on (the warm-up run writes it), as after a normal
install; an environment that forbids it would charge every run for compiling every module."""

DIFFLIB = """
import sys, difflib
a = open(sys.argv[1], encoding="utf-8").read().split()
b = open(sys.argv[2], encoding="utf-8").read().split()
ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
sys.stdout.write("".join(f"{t} {i1} {i2} {j1} {j2}\\n" for t, i1, i2, j1, j2 in ops))
"""

REDLINES = """
import sys
from redlines import Redlines
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
sys.stdout.write(Redlines(a, b).output_markdown)
"""


def commands(folder: Path, redlines: Path | None, words: int) -> dict[str, list[str]]:
    a, b = str(folder / "a.txt"), str(folder / "b.txt")
    drafting = [sys.executable, "-m", "drafting", "diff", "--format", "json"]
    found = {
        "drafting": [*drafting, a, b],
        "drafting-py": [*drafting, "--engine", "python", a, b],
        "git": ["git", "diff", "--no-index", "--word-diff=porcelain", a, b],
        "difflib": [sys.executable, "-c", DIFFLIB, a, b],
    }
    if redlines is not None and words <= REDLINES_MAX_WORDS:
        found["redlines"] = [str(redlines), "-c", REDLINES, a, b]
    return found


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one whole process."""
    with open(os.devnull, "wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=sink, stderr=subprocess.PIPE, cwd=ROOT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        message = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{argv[0]} failed ({process.returncode}): {message}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_maxrss / 1024


def quality(folder: Path) -> dict[str, float]:
    """Moved articles and local modal swaps found in drafting's JSON against truth.json."""
    done = subprocess.run(
        [sys.executable, "-m", "drafting", "diff", "--format", "json", "a.txt", "b.txt"],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    report = json.loads(done.stdout)
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    moved = {u["a_label"] for u in report["units"] if u["kind"] == "moved"}
    expected = {f"Article {n}" for n in truth["moved_articles"]}
    deletes = sorted(
        (o["a_start"], o["a_start"] + len(o["text"]))
        for u in report["units"]
        for o in u["ops"]
        if o["op"] == "delete" and not o.get("ignored") and len(o["text"]) <= 40
    )
    inserts = sorted(
        (o["b_start"], o["b_start"] + len(o["text"]))
        for u in report["units"]
        for o in u["ops"]
        if o["op"] == "insert" and not o.get("ignored") and len(o["text"]) <= 40
    )

    def inside(spans: list[tuple[int, int]], span: list[int]) -> bool:
        k = bisect.bisect_right(spans, (span[0], float("inf"))) - 1
        return k >= 0 and spans[k][0] <= span[0] and span[1] <= spans[k][1]

    swaps = truth["modal_swaps"]
    local = sum(1 for s in swaps if inside(deletes, s["a_span"]) and inside(inserts, s["b_span"]))
    return {
        "moved_found": len(moved & expected),
        "moved_expected": len(expected),
        "moved_wrong": len(moved - expected),
        "modal_local": local,
        "modal_swaps": len(swaps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000, 200_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work" / "diff")
    parser.add_argument("--redlines-python", type=Path, default=DEFAULT_REDLINES)
    parser.add_argument("--json", type=Path, default=None, help="Also write results here.")
    parser.add_argument(
        "--tools",
        nargs="+",
        default=list(TOOLS),
        choices=TOOLS,
        help="Tools to time (git is always timed: the ratios are to it).",
    )
    args = parser.parse_args()
    if shutil.which("git") is None:
        raise SystemExit("git is needed on PATH")
    compile_drafting()
    redlines = args.redlines_python if args.redlines_python.exists() else None
    if redlines is None:
        print(f"redlines skipped: no interpreter at {args.redlines_python}", file=sys.stderr)
    load_before = os.getloadavg()
    # every size's tools are timed round by round, all sizes in each round: this machine's
    # speed moves by half from one minute to the next, and a size timed in a fast minute
    # against another in a slow one would make the 200k/100k ratio about the minutes
    tools_of: dict[int, dict[str, list[str]]] = {}
    for words in args.sizes:
        folder = args.work / f"w{words}"
        if not (folder / "truth.json").exists():
            subprocess.run(
                [sys.executable, str(GEN_TREATY), "--words", str(words), "--out", str(folder)],
                check=True,
            )
        tools_of[words] = {
            name: argv
            for name, argv in commands(folder, redlines, words).items()
            if name in args.tools or name == "git"
        }
    times = {words: {name: [] for name in tools} for words, tools in tools_of.items()}
    memory = {words: dict.fromkeys(tools, 0.0) for words, tools in tools_of.items()}
    slow: set[tuple[int, str]] = set()
    for words, tools in tools_of.items():
        for name, argv in tools.items():  # one warm-up each (file cache, .pyc)
            seconds, megabytes = run_once(argv)
            if seconds > SLOW_SECONDS:  # a slow tool: the warm-up counts, one more run
                slow.add((words, name))
                times[words][name].append(seconds)
                memory[words][name] = megabytes
    for round_ in range(args.repeat):
        for words, tools in tools_of.items():
            for name, argv in tools.items():
                if (words, name) in slow and round_ > 0:
                    continue
                seconds, megabytes = run_once(argv)
                times[words][name].append(seconds)
                memory[words][name] = max(memory[words][name], megabytes)
    results: dict[int, dict[str, dict[str, float]]] = {
        words: {
            name: {
                "median_s": statistics.median(times[words][name]),
                "peak_mb": memory[words][name],
            }
            for name in tools
        }
        for words, tools in tools_of.items()
    }
    found_quality: dict[int, dict[str, float]] = {}
    for words in tools_of:
        found_quality[words] = quality(args.work / f"w{words}")
        print(f"{words} words done", file=sys.stderr)
    load_after = os.getloadavg()
    print(report(results, found_quality, load_before, load_after, args.repeat))
    if args.json is not None:
        data = {
            "results": {str(k): v for k, v in results.items()},
            "quality": {str(k): v for k, v in found_quality.items()},
            "load_before": load_before,
            "load_after": load_after,
            "repeat": args.repeat,
            "cpus": os.cpu_count(),
        }
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def report(
    results: dict[int, dict[str, dict[str, float]]],
    found_quality: dict[int, dict[str, float]],
    load_before: tuple[float, float, float],
    load_after: tuple[float, float, float],
    repeat: int,
) -> str:
    names = list(TOOLS)
    lines = [
        f"Median seconds of {repeat} whole-process runs (2 for tools slower than "
        f"{SLOW_SECONDS:g} s; ratio to git's word diff), "
        f"{os.cpu_count()} CPUs, load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after.",
        "",
        "| words | " + " | ".join(names) + " | drafting peak MB |",
        "|---:|" + "---:|" * len(names) + "---:|",
    ]
    for words, tools in results.items():
        git = tools["git"]["median_s"]
        cells = []
        for name in names:
            if name not in tools:
                cells.append("–")
                continue
            seconds = tools[name]["median_s"]
            cells.append(f"{seconds:.3f} ({seconds / git:.0f}×)")
        peak = tools["drafting"]["peak_mb"] if "drafting" in tools else float("nan")
        lines.append(f"| {words:,} | " + " | ".join(cells) + f" | {peak:.0f} |")
    sizes = sorted(results)
    if all(w in results and "drafting" in results[w] for w in (100_000, 200_000)):
        ratio = results[200_000]["drafting"]["median_s"] / results[100_000]["drafting"]["median_s"]
        lines += ["", f"drafting 200k/100k time ratio: {ratio:.2f}"]
    lines += ["", "| words | moved articles found | wrong moves | modal swaps shown locally |"]
    lines.append("|---:|---:|---:|---:|")
    for words in sizes:
        q = found_quality[words]
        share = q["modal_local"] / q["modal_swaps"] if q["modal_swaps"] else 1.0
        lines.append(
            f"| {words:,} | {q['moved_found']}/{q['moved_expected']} | {q['moved_wrong']} | "
            f"{q['modal_local']}/{q['modal_swaps']} ({share:.1%}) |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
