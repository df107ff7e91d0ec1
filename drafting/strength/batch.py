"""Analyse many clauses with the same lexicon overlays (pure; the command reads the JSONL,
gives each line's text with its own language and instrument or the batch's, and renders the
lines).

Lexicons extended with ``--lexicon`` overlays are merged once per language, not per clause,
which is what keeps a batch of thousands of clauses fast.
"""

from __future__ import annotations

from drafting.strength.analyse import analyse
from drafting.strength.lexicon import Lexicon, with_overlays
from drafting.strength.result import StrengthResult
from drafting.text.language import detect_language


class Analyser:
    """``analyse`` with the shipped lexicon plus overlays, each language merged once."""

    def __init__(self, overlays: tuple[Lexicon, ...] = ()) -> None:
        self.overlays = overlays
        self._lexicons: dict[str, Lexicon] = {}

    def __call__(
        self, text: str, language: str | None = None, instrument: str | None = None
    ) -> StrengthResult:
        if not self.overlays:
            return analyse(text, language=language, instrument=instrument)
        language = language or detect_language(text)
        lexicon = self._lexicons.get(language)
        if lexicon is None:
            lexicon = self._lexicons[language] = with_overlays(language, self.overlays)
        return analyse(text, language=language, instrument=instrument, lexicon=lexicon)
