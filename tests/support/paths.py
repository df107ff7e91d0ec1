"""Where the tests find the repository's files, wherever a test module sits under tests/."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
TEXTS = REPO / "texts"
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
CASES = TESTS / "cases"
