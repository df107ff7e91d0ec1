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
