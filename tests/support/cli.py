"""Run the real ``drafting`` command line in a child process, as a user would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any


def run_drafting(
    *args: str,
    stdin: str | bytes | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    text: bool = True,
) -> subprocess.CompletedProcess[Any]:
    """``python -m drafting ARGS``; ``env`` is the child's whole environment (None: inherit).

    With ``text=False`` standard input and output are bytes (for byte-exact XML checks).
    """
    return subprocess.run(
        [sys.executable, "-m", "drafting", *args],
        input=stdin,
        capture_output=True,
        text=text,
        cwd=cwd,
        env=env,
        check=False,
    )


def start_drafting(
    *args: str, cwd: Path | None = None, stdin: bool = False
) -> subprocess.Popen[Any]:
    """``python -m drafting ARGS`` started and left running, output captured: text, or bytes
    with ``stdin`` (a pipe the caller writes to and closes)."""
    return subprocess.Popen(
        [sys.executable, "-m", "drafting", *args],
        cwd=cwd,
        stdin=subprocess.PIPE if stdin else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=not stdin,
    )


CONSTRUCTED_BASE = "The Parties shall consult each other on matters of common concern."
"""A constructed sentence (not a quotation) that the edit and rewrite tests amend."""


def new_clause(folder: Path, text: str = CONSTRUCTED_BASE) -> Path:
    """``c.xml`` in ``folder``: a new clause with one treaty draft of party ``a`` holding
    ``text``, made by the real commands (``drafting new`` and ``drafting draft add``)."""
    done = run_drafting("new", "c", "--title", "Constructed", "--party", "a=Party A", cwd=folder)
    assert done.returncode == 0, done.stderr
    done = run_drafting(
        "draft", "add", "c.xml", "--party", "a", "--date", "2024-01-01", "--id", "a-1",
        "--instrument", "treaty", "--text", text, cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return folder / "c.xml"
