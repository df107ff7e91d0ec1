"""Guarantee strength: how strongly a clause binds, and what changed between two wordings.

The scale is ``shared/strength-scale.md`` (explained in ``docs/strength.md``)::

    >>> from drafting.strength import analyse, compare_strength
    >>> analyse("Ukraine and Georgia will never become a member of NATO.",
    ...         instrument="political-declaration").tier
    5
"""

from drafting.strength.analyse import analyse, explain
from drafting.strength.lexicon import (
    LANGUAGES,
    Entry,
    Lexicon,
    load_lexicon,
    read_lexicon_file,
    with_overlays,
)
from drafting.strength.result import (
    SCHEMA_VERSION,
    TIER_NAMES,
    Modifier,
    StrengthChange,
    StrengthResult,
    Term,
    TermChange,
)
from drafting.strength.verdict import compare_results, compare_strength
from drafting.text.language import detect_language

__all__ = [
    "LANGUAGES",
    "SCHEMA_VERSION",
    "TIER_NAMES",
    "Entry",
    "Lexicon",
    "Modifier",
    "StrengthChange",
    "StrengthResult",
    "Term",
    "TermChange",
    "analyse",
    "compare_results",
    "compare_strength",
    "detect_language",
    "explain",
    "load_lexicon",
    "read_lexicon_file",
    "with_overlays",
]
