"""Benchmark: how our redline reads against git's word diff on every real corpus pair.

For each pair of ``../shared/corpus/*_pairs.jsonl`` (``$DRAFTING_CORPUS``), both sides are
written to files and compared by

- ``drafting`` (in-process: ``drafting.compare``, strength on, as ``drafting diff`` runs);
- ``git`` (``git diff --no-index --word-diff=porcelain``): the reference;
- ``wdiff`` (``wdiff -n``) when installed, and the ``redlines`` package when an interpreter
  with it is given (``--redlines-python``, a separate venv: ``bench/work/redlines-venv``).

Figures per pair and in total, all counting words as ``\\w+`` runs so that the tools are
measured alike:

- ``hunks``: maximal runs of changed text between two unchanged stretches;
- ``interleaved``: our hunks that are not one deletion followed by one insertion;
- ``words``: words deleted plus words inserted;
- ``isolated``: our hunks that change a strength term (they carry a ⚑ mark) and have at most
  ``FEW_WORDS`` words on each side.

The issue-9 targets, checked on every pair: ``hunks <= git hunks + isolated``,
``interleaved == 0`` and ``words <= 1.25 * git words + 2``. The script prints a table and
the pairs that miss a target, and exits 1 when any does.

Usage: python bench/bench_redline_quality.py [--json out.json] [--redlines-python PY]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from corpus_path import CORPUS

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")
DEFAULT_REDLINES = ROOT / "bench" / "work" / "redlines-venv" / "bin" / "python"
REDLINES = """
import sys
from redlines import Redlines
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
sys.stdout.write(Redlines(a, b).output_markdown)
"""


def words(text: str) -> int:
    return len(WORD.findall(text))


def git_figures(a: Path, b: Path) -> dict[str, int]:
    """Hunks and changed words of git's porcelain word diff: a hunk is a run of ``-``/``+``
    lines with no unchanged text (`` ``) between them."""
    done = subprocess.run(
        ["git", "diff", "--no-index", "--word-diff=porcelain", "--", str(a), str(b)],
        capture_output=True,
        text=True,
        check=False,
    )
    hunks = changed = 0
    in_hunk = False
    body = done.stdout.split("\n@@", 1)[1].split("\n", 1)[1] if "\n@@" in done.stdout else ""
    for line in body.split("\n"):
        if line.startswith(("-", "+")):
            changed += words(line[1:])
            if not in_hunk:
                hunks += 1
            in_hunk = True
        elif line.startswith(" "):
            in_hunk = False
    return {"hunks": hunks, "words": changed}


def marked_figures(text: str, pattern: re.Pattern[str]) -> dict[str, int]:
    """Hunks and changed words of a marked-up redline (wdiff's or redlines' notation):
    neighbouring marks with only spaces between them are one hunk."""
    hunks = changed = 0
    last_end = -1
    for match in pattern.finditer(text):
        changed += words(match.group(1))
        if last_end < 0 or text[last_end : match.start()].strip():
            hunks += 1
        last_end = match.end()
    return {"hunks": hunks, "words": changed}


WDIFF_MARK = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.DOTALL)
REDLINES_MARK = re.compile(
    r"<(?:del|ins)[^>]*>(.*?)</(?:del|ins)>|<span[^>]*>(.*?)</span>", re.DOTALL
)


def _join(match: re.Match[str]) -> str:
    return next((g for g in match.groups() if g is not None), "")


def wdiff_figures(a: Path, b: Path) -> dict[str, int] | None:
    if shutil.which("wdiff") is None:
        return None
    done = subprocess.run(["wdiff", str(a), str(b)], capture_output=True, text=True, check=False)
    text = done.stdout
    hunks = changed = 0
    last_end = -1
    for match in WDIFF_MARK.finditer(text):
        changed += words(_join(match))
        if last_end < 0 or text[last_end : match.start()].strip():
            hunks += 1
        last_end = match.end()
    return {"hunks": hunks, "words": changed}


def redlines_figures(python: Path | None, a: Path, b: Path) -> dict[str, int] | None:
    if python is None or not python.exists():
        return None
    done = subprocess.run(
        [str(python), "-c", REDLINES, str(a), str(b)], capture_output=True, text=True, check=False
    )
    if done.returncode:
        return None
    text = done.stdout
    hunks = changed = 0
    last_end = -1
    for match in REDLINES_MARK.finditer(text):
        changed += words(_join(match))
        if last_end < 0 or text[last_end : match.start()].strip():
            hunks += 1
        last_end = match.end()
    return {"hunks": hunks, "words": changed}


def our_figures(before: str, after: str) -> dict[str, int]:
    """Hunks, interleaved hunks, changed words and isolated strength terms of our report."""
    from drafting import compare
    from drafting.diff.worddiff import FEW_WORDS

    report = compare(before, after)
    hunks = interleaved = changed = isolated = 0
    for unit in report.units:
        marks = unit.strength_marks
        group: list[Any] = []
        for op in (*unit.ops, None):
            if op is not None and op.op != "equal" and not op.ignored:
                group.append(op)
                continue
            if group:
                hunks += 1
                kinds = "".join("-" if o.op == "delete" else "+" for o in group)
                if kinds not in ("-", "+", "-+"):
                    interleaved += 1
                changed += sum(words(o.text) for o in group)
                flagged = False
                for o in group:
                    side, start = ("a", o.a_start) if o.op == "delete" else ("b", o.b_start)
                    end = (start or 0) + len(o.text)
                    flagged = flagged or any(
                        s == side and b0 < end and (start or 0) < b1 for s, b0, b1 in marks
                    )
                size = max(
                    (sum(words(o.text) for o in group if o.op == k) for k in ("delete", "insert")),
                    default=0,
                )
                if flagged and size <= FEW_WORDS:
                    isolated += 1
                group = []
    return {"hunks": hunks, "interleaved": interleaved, "words": changed, "isolated": isolated}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write per-pair figures here")
    parser.add_argument("--redlines-python", type=Path, default=DEFAULT_REDLINES)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "a.txt", Path(tmp) / "b.txt"
        for path in sorted(CORPUS.glob("*_pairs.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                pair = json.loads(line)
                a.write_text(pair["before"] + "\n", encoding="utf-8")
                b.write_text(pair["after"] + "\n", encoding="utf-8")
                row: dict[str, Any] = {"set": path.name.split("_")[0], "id": pair["id"]}
                row["ours"] = our_figures(pair["before"] + "\n", pair["after"] + "\n")
                row["git"] = git_figures(a, b)
                row["wdiff"] = wdiff_figures(a, b)
                row["redlines"] = redlines_figures(args.redlines_python, a, b)
                ours, git = row["ours"], row["git"]
                row["misses"] = [
                    name
                    for name, ok in (
                        ("hunks", ours["hunks"] <= git["hunks"] + ours["isolated"]),
                        ("interleaved", ours["interleaved"] == 0),
                        ("words", ours["words"] <= 1.25 * git["words"] + 2),
                    )
                    if not ok
                ]
                rows.append(row)
    print(f"{'pair':14} {'hunks':>11} {'words':>11} {'inter':>5} {'isol':>4}  wdiff  redlines")
    for row in rows:
        o, g = row["ours"], row["git"]
        w = row["wdiff"] or {}
        r = row["redlines"] or {}
        print(
            f"{row['set'] + ' ' + row['id']:14} {o['hunks']:>5}/{g['hunks']:<5} "
            f"{o['words']:>5}/{g['words']:<5} {o['interleaved']:>5} {o['isolated']:>4}  "
            f"{w.get('hunks', '-')!s:>2}/{w.get('words', '-')!s:<4} "
            f"{r.get('hunks', '-')!s:>2}/{r.get('words', '-')!s:<4}"
            + (f"  MISSES {','.join(row['misses'])}" if row["misses"] else "")
        )
    total = {
        tool: {
            key: sum((row[tool] or {}).get(key, 0) for row in rows)
            for key in ("hunks", "words", "interleaved", "isolated")
        }
        for tool in ("ours", "git", "wdiff", "redlines")
    }
    missed = [row for row in rows if row["misses"]]
    print(
        f"total over {len(rows)} pairs: ours {total['ours']['hunks']} hunks "
        f"({total['ours']['isolated']} isolated strength terms, "
        f"{total['ours']['interleaved']} interleaved), {total['ours']['words']} changed words; "
        f"git {total['git']['hunks']} hunks, {total['git']['words']} words; "
        f"wdiff {total['wdiff']['hunks']} hunks, {total['wdiff']['words']} words; "
        f"redlines {total['redlines']['hunks']} hunks, {total['redlines']['words']} words"
    )
    print(f"pairs missing a target: {len(missed)} of {len(rows)}")
    if args.json:
        args.json.write_text(
            json.dumps({"pairs": rows, "total": total}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
