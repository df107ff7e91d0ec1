"""Where every benchmark finds the labelled corpus (``shared/corpus``).

``$DRAFTING_CORPUS`` names the corpus folder itself. Without it, the first ``shared/corpus``
beside the repository or beside a folder above it is used (a clean clone sits beside
``shared/``, a git worktree one level deeper). Scripts run as ``python bench/NAME.py``, so
this module is imported by its plain name.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def find_corpus() -> Path:
    """The corpus folder (it may not exist: each script says so in its own words)."""
    given = os.environ.get("DRAFTING_CORPUS")
    if given:
        return Path(given)
    for folder in ROOT.parents:
        if (folder / "shared" / "corpus" / "dev_sentences.jsonl").is_file():
            return folder / "shared" / "corpus"
    return ROOT.parent / "shared" / "corpus"


CORPUS = find_corpus()
