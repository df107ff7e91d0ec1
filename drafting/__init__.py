"""drafting: diff, validate and grade the guarantee strength of treaty and diplomatic clauses.

The public Python API (``docs/api.md``)::

    >>> import drafting
    >>> result = drafting.analyse("Ukraine and Georgia will never become a member of NATO.",
    ...                           instrument="political-declaration")
    >>> result.tier, result.polarity
    (5, 'negative')
    >>> report = drafting.compare("These countries will become members of NATO.",
    ...                           "Ukraine and Georgia will never become a member of NATO.")
    >>> report.identical
    False

The names are imported on first use, so ``import drafting`` (and the command line) stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "load": "drafting.api",
    "compare": "drafting.api",
    "analyse": "drafting.api",
    "compare_strength": "drafting.api",
    "validate": "drafting.api",
    "positions": "drafting.api",
    "timeline": "drafting.api",
    "PositionsOptions": "drafting.diff.positions",
    "PositionsReport": "drafting.diff.positions",
    "NamedDraft": "drafting.diff.positions",
    "DiffOptions": "drafting.diff.report",
    "DiffReport": "drafting.diff.report",
    "StrengthResult": "drafting.strength.result",
    "StrengthChange": "drafting.strength.result",
    "Clause": "drafting.model",
    "Document": "drafting.model",
    "Draft": "drafting.model",
    "DraftingError": "drafting.errors",
}

__all__ = [
    "Clause",
    "DiffOptions",
    "DiffReport",
    "Document",
    "Draft",
    "DraftingError",
    "NamedDraft",
    "PositionsOptions",
    "PositionsReport",
    "StrengthChange",
    "StrengthResult",
    "__version__",
    "analyse",
    "compare",
    "compare_strength",
    "load",
    "positions",
    "timeline",
    "validate",
]

if TYPE_CHECKING:
    from drafting.api import analyse, compare, compare_strength, load, positions, timeline, validate
    from drafting.diff.positions import NamedDraft, PositionsOptions, PositionsReport
    from drafting.diff.report import DiffOptions, DiffReport
    from drafting.errors import DraftingError
    from drafting.model import Clause, Document, Draft
    from drafting.strength.result import StrengthChange, StrengthResult


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'drafting' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
