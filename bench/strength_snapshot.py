"""Snapshot of strength on every corpus line, to prove a refactor changed nothing.

Dumps, as one JSON file, for every clause of dev, dev2 and dev3: ``analyse()`` with the
labelled language and instrument, ``analyse()`` with the language detected, and the output
of ``drafting strength --batch`` (JSONL and text); for every pair, ``compare_strength()``.
Two snapshots are then compared byte for byte::

    .venv/bin/python bench/strength_snapshot.py --out /tmp/after.json
    .venv/bin/python bench/strength_snapshot.py --rev main --out /tmp/before.json
    .venv/bin/python bench/strength_snapshot.py --compare /tmp/before.json /tmp/after.json

``--rev`` exports that commit with ``git archive`` and runs this script against it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

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
"""``$DRAFTING_CORPUS``, else ``shared/corpus`` beside the repository or a folder above it."""
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
            clauses[row["id"]] = {"given": given.to_json(), "detected": detected.to_json()}
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
            for fmt in ("jsonl", "text"):
                runs[fmt] = subprocess.run(
                    [sys.executable, "-m", "drafting", "strength", "--batch", str(batch)]
                    + (["--format", "text"] if fmt == "text" else []),
                    check=True,
                    capture_output=True,
                    text=True,
                    env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
                ).stdout
        out[name] = {"clauses": clauses, "pairs": pairs, "batch": runs}
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
