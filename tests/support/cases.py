"""Case files: one JSON object a line, in every ``*.jsonl`` of a folder (the data-driven
strength tests read them)."""

from __future__ import annotations

import json
from pathlib import Path


def jsonl_cases(folder: Path) -> list[dict]:
    """Every line of every ``*.jsonl`` file in ``folder`` (files in name order), each with
    ``_where`` ("file.jsonl:line") for the failure message."""
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                case = json.loads(line)
                case["_where"] = f"{path.name}:{number}"
                cases.append(case)
    return cases
