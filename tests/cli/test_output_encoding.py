"""A standard output that cannot hold every character (a Latin-1 locale, here
``PYTHONIOENCODING=latin-1``) gets ``\\uXXXX`` escapes for those characters instead of an
"internal error": the JSON a command writes is the same JSON value, and text stays readable.
The seed clause's redline holds ⚑ and → (not Latin-1), its positions box-drawing lines."""

from __future__ import annotations

import json
import os
from pathlib import Path

from support.cli import run_drafting

ROOT = Path(__file__).resolve().parents[2]
SEED = str(ROOT / "texts" / "ua-ge-membership.xml")


def _latin1() -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "latin-1"}


def test_json_on_a_latin1_stdout_is_the_same_json() -> None:
    args = ("diff", "--format", "json", f"{SEED}#nato-2008", f"{SEED}#rus-2022")
    usual = run_drafting(*args)
    latin1 = run_drafting(*args, env=_latin1(), text=False)
    assert usual.returncode == 1, usual.stderr
    assert latin1.returncode == 1, latin1.stderr
    assert b"internal error" not in latin1.stderr
    written = latin1.stdout.decode("latin-1")
    assert "\\u2192" in written  # → escaped, where the UTF-8 run writes it as it is
    assert "→" in usual.stdout
    assert json.loads(written) == json.loads(usual.stdout)


def test_text_and_positions_on_a_latin1_stdout_are_escaped_not_refused() -> None:
    args = ("diff", f"{SEED}#nato-2008", f"{SEED}#rus-2022")
    redline = run_drafting(*args, env=_latin1(), text=False)
    assert redline.returncode == 1, redline.stderr
    assert b"internal error" not in redline.stderr
    assert "\\u2691" in redline.stdout.decode("latin-1")  # the ⚑ of a strength hunk
    assert "⚑" in run_drafting(*args).stdout
    positions = run_drafting("positions", SEED, "--base", "nato-2008", env=_latin1(), text=False)
    assert positions.returncode == 0, positions.stderr
    assert b"internal error" not in positions.stderr
