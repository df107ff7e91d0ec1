"""Find the labelled corpus (``shared/corpus``) that sits beside the repository.

``$DRAFTING_CORPUS`` names the corpus folder itself; without it, ``shared/corpus`` beside the
repository is used. Tests that need it call :func:`corpus_dir`, which skips when it is
missing on a developer's machine but fails under ``CI=true``, so a floor can never pass by
not running.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.paths import REPO


def find_corpus() -> Path | None:
    override = os.environ.get("DRAFTING_CORPUS")
    candidate = Path(override) if override else REPO.parent / "shared" / "corpus"
    return candidate if (candidate / "dev_sentences.jsonl").is_file() else None


def corpus_dir() -> Path:
    """The corpus folder; skip (or, with ``CI=true``, fail) when it cannot be found."""
    found = find_corpus()
    if found is None:
        message = "labelled corpus not found: set DRAFTING_CORPUS or put shared/ beside the repo"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return found


def shared_dir() -> Path:
    """The ``shared/`` folder (corpus, seed, strength scale) holding the corpus."""
    return corpus_dir().parent
