"""Compile the bytecode of the ``drafting`` package that the timed commands import.

An installed wheel has its ``.pyc`` files; a source checkout gets them on its first run,
unless ``PYTHONDONTWRITEBYTECODE`` is set, and then every timed process would compile every
module from source again (about 0.1 s per process). Each benchmark calls this first, so a
figure never depends on the state of ``__pycache__``.
"""

from __future__ import annotations

import compileall
from pathlib import Path

import drafting


def compile_drafting() -> None:
    """Write (or refresh) the ``.pyc`` of every module of the imported ``drafting``."""
    compileall.compile_dir(Path(drafting.__file__).parent, quiet=1)
