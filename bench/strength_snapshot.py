"""Snapshot of strength on every corpus line, to prove a refactor changed nothing.

Dumps, as one JSON file, for every clause of dev, dev2 and dev3: ``analyse()`` with the
labelled language and instrument, with the language detected and with no instrument (each
with the passes that fired), and the output of ``drafting strength --batch`` (JSONL, text,
and JSONL with ``--explain``); for every pair, ``compare_strength()``. Beyond the corpus
lines: every rule case of ``tests/cases/strength/``, every corpus line under the line before
it as its chapeau, and each set's lines joined into long texts (analysed in chunks).
Two snapshots are then compared byte for byte::

    .venv/bin/python bench/strength_snapshot.py --out /tmp/after.json
    .venv/bin/python bench/strength_snapshot.py --rev main --out /tmp/before.json
    .venv/bin/python bench/strength_snapshot.py --compare /tmp/before.json /tmp/after.json

``--rev`` exports that commit with ``git archive`` and runs this script against it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from corpus_path import CORPUS

ROOT = Path(__file__).resolve().parent.parent
SETS = ("dev", "dev2", "dev3")


def _rows(name: str) -> list[dict]:
    path = CORPUS / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def snapshot() -> dict:
    """Every result as JSON, keyed by set and id (imports the checkout on ``sys.path``)."""
    import drafting  # start-up time: imports the checkout on sys.path
    from drafting.strength import analyse, compare_strength  # start-up time

    print(f"snapshot of {Path(drafting.__file__).parent}", file=sys.stderr)

    out: dict = {}
    for name in SETS:
        rows = _rows(f"{name}_sentences.jsonl")
        clauses = {}
        for row in rows:
            given = analyse(
                row["text"], language=row["language"], instrument=row["instrument_type"]
            )
            detected = analyse(row["text"], instrument=row["instrument_type"])
            bare = analyse(row["text"], language=row["language"])
            clauses[row["id"]] = {
                "given": given.to_json(),
                "detected": detected.to_json(),
                "no-instrument": bare.to_json(),
                "passes": [list(r.passes) for r in (given, detected, bare)],
            }
        pairs = {}
        for row in _rows(f"{name}_pairs.jsonl"):
            change = compare_strength(
                row["before"],
                row["after"],
                instrument_a=row.get("instrument_before"),
                instrument_b=row.get("instrument_after"),
            )
            pairs[row["id"]] = {
                "verdict": change.verdict,
                "polarity_change": change.polarity_change,
                "explanation": change.explanation,
            }
        with tempfile.TemporaryDirectory() as tmp:
            batch = Path(tmp) / "batch.jsonl"
            batch.write_text(
                "".join(
                    json.dumps(
                        {
                            "id": row["id"],
                            "text": row["text"],
                            "language": row["language"],
                            "instrument": row["instrument_type"],
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                    for row in rows
                ),
                encoding="utf-8",
            )
            runs = {}
            for fmt in ("jsonl", "text", "jsonl-explain"):
                runs[fmt] = subprocess.run(
                    [sys.executable, "-m", "drafting", "strength", "--batch", str(batch)]
                    + (["--format", "text"] if fmt == "text" else [])
                    + (["--explain"] if fmt == "jsonl-explain" else []),
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                ).stdout
        out[name] = {"clauses": clauses, "pairs": pairs, "batch": runs}
    out["extra"] = _extra(analyse)
    return out


def _extra(analyse: Any) -> dict:
    """Paths the corpus lines alone do not reach: the rule case files, every corpus line as a
    list item under the line before it (``chapeau=``), and each set's lines of one language
    and instrument joined into one long text (analysed in chunks)."""
    out: dict = {}
    for path in sorted((ROOT / "tests" / "cases" / "strength").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            for label, language in (("given", case["language"]), ("detected", None)):
                result = analyse(case["text"], language=language, instrument=case["instrument"])
                out[f"case/{case['id']}/{label}"] = [result.to_json(), list(result.passes)]
    for name in SETS:
        rows = _rows(f"{name}_sentences.jsonl")
        for before, row in itertools.pairwise(rows):
            result = analyse(
                row["text"],
                language=row["language"],
                instrument=row["instrument_type"],
                chapeau=before["text"],
            )
            out[f"chapeau/{name}/{row['id']}"] = [result.to_json(), list(result.passes)]
        groups: dict[tuple[str, str], list[str]] = {}
        for row in rows:
            groups.setdefault((row["language"], row["instrument_type"]), []).append(row["text"])
        for (language, instrument), texts in sorted(groups.items()):
            result = analyse("\n\n".join(texts), language=language, instrument=instrument)
            out[f"long/{name}/{language}/{instrument}"] = [result.to_json(), list(result.passes)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write the snapshot here")
    parser.add_argument("--rev", help="snapshot this git revision instead of the checkout")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args()
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        differing = [
            f"{name}/{kind}/{key}"
            for name in SETS
            for kind in ("clauses", "pairs", "batch")
            for key in sorted(set(before[name][kind]) | set(after[name][kind]))
            if before[name][kind].get(key) != after[name][kind].get(key)
        ]
        differing += [
            f"extra/{key}"
            for key in sorted(set(before.get("extra", {})) | set(after.get("extra", {})))
            if before.get("extra", {}).get(key) != after.get("extra", {}).get(key)
        ]
        for item in differing:
            print("differs:", item)
        same = args.compare[0].read_bytes() == args.compare[1].read_bytes()
        print("byte-identical" if same else f"{len(differing)} entries differ")
        return 0 if same else 1
    if args.rev:
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.rev], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            command = [sys.executable, str(Path(__file__).resolve()), "--out", str(args.out)]
            env = {**os.environ, "PYTHONPATH": tmp, "DRAFTING_CORPUS": str(CORPUS)}
            return subprocess.run(command, env=env, cwd=tmp, check=False).returncode
    sys.path.insert(0, os.environ.get("PYTHONPATH", str(ROOT)).split(os.pathsep)[0])
    text = json.dumps(snapshot(), ensure_ascii=False, indent=1, sort_keys=True)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
