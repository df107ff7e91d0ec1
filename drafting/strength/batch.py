"""Analyse many clauses at once: parsed records in, results out (pure; the command reads the
JSONL and renders the lines).

Lexicons extended with ``--lexicon`` overlays are merged once per language, not per clause,
which is what keeps a batch of thousands of clauses fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafting.strength.analyse import analyse
from drafting.strength.lexicon import Lexicon, with_overlays
from drafting.strength.result import StrengthResult
from drafting.text.language import detect_language


@dataclass(frozen=True)
class BatchItem:
    """One clause of a batch: its caller's id, the text, and optional per-item settings."""

    id: Any
    text: str
    language: str | None = None
    instrument: str | None = None


@dataclass(frozen=True)
class BatchOptions:
    """Every knob of a batch: defaults for items that do not set their own, and overlays."""

    language: str | None = None
    instrument: str | None = None
    overlays: tuple[Lexicon, ...] = field(default=())


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

    def item(self, item: BatchItem, options: BatchOptions) -> StrengthResult:
        """One item of a batch: its own language and instrument, else the batch's."""
        return self(
            item.text, item.language or options.language, item.instrument or options.instrument
        )
