"""Errors as values with a location, turned into one line and an exit code at the edge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (what ``__getattr__`` gives, for type checkers)
    from drafting.problems import Problem

__all__ = [
    "EXIT_DIFFERENT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TROUBLE",
    "DraftingError",
    "InputError",
    "Problem",
]

EXIT_OK = 0
EXIT_DIFFERENT = 1  # also: validation problems found, files would be reformatted
EXIT_TROUBLE = 2
EXIT_INTERRUPTED = 130


def __getattr__(name: str) -> Any:
    """``Problem``, defined in ``drafting.problems`` and imported on first use (see there)."""
    if name == "Problem":
        from drafting.problems import Problem  # start-up time: see drafting.problems

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DraftingError(Exception):
    """A failure the user can act on: the CLI prints ``drafting: <message>`` and exits 2.

    Raise it with a message that says what went wrong and where; never with file contents
    that the user did not ask to see.
    """

    exit_code = EXIT_TROUBLE


class InputError(DraftingError):
    """An input could not be read or parsed (unreadable file, hostile or malformed XML)."""
