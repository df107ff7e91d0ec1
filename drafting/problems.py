"""``Problem``: one thing wrong with an input, as validation reports it. Defined here and
imported from ``drafting.errors`` on first use, so a command that finds no problems (a diff)
does not make the dataclass at start-up (with ``order=True``, about 6 M instructions):
import it from ``drafting.errors``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, reported as ``path:line:column: message``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"
