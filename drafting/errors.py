"""Errors as values with a location, turned into one line and an exit code at the edge."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_DIFFERENT = 1  # also: validation problems found, files would be reformatted
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 130


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, reported as ``path:line:column: message``."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DraftingError(Exception):
    """A failure the user can act on: the CLI prints ``drafting: <message>`` and exits 2.

    Raise it with a message that says what went wrong and where; never with file contents
    that the user did not ask to see.
    """

    exit_code = EXIT_TROUBLE


class InputError(DraftingError):
    """An input could not be read or parsed (unreadable file, hostile or malformed XML)."""
