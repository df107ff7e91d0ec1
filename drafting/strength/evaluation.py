"""Measure the analyser against labelled clauses and pairs (the corpus rows as dicts).

Used by ``tests/strength/test_strength_corpus.py`` and ``bench/``; pure: the caller reads the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from drafting.strength.analyse import analyse
from drafting.strength.result import StrengthResult
from drafting.strength.verdict import compare_strength


def _rate(part: int, whole: int) -> float:
    """``part / whole``, and 0.0 for an empty set rather than a ZeroDivisionError."""
    return part / whole if whole else 0.0


@dataclass
class SentenceScores:
    """Counts over labelled sentences; the rates are what the corpus floors are set on."""

    total: int = 0
    exact: int = 0
    within_one: int = 0
    term_hits: int = 0
    term_labels: int = 0
    term_correct: int = 0
    term_found: int = 0
    misses: list[tuple[str, int, int | None, str]] = field(default_factory=list)

    @property
    def exact_rate(self) -> float:
        return _rate(self.exact, self.total)

    @property
    def within_one_rate(self) -> float:
        return _rate(self.within_one, self.total)

    @property
    def term_recall(self) -> float:
        return _rate(self.term_hits, self.term_labels)

    @property
    def term_precision(self) -> float:
        return _rate(self.term_correct, self.term_found)


@dataclass
class PairScores:
    """Counts over labelled pairs: verdicts, and polarity changes where a label gives one."""

    total: int = 0
    correct: int = 0
    polarity_labels: int = 0
    polarity_correct: int = 0
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return _rate(self.correct, self.total)


def certain(row: Mapping[str, Any]) -> bool:
    """Whether a corpus label is certain: the corpus marks judgement calls with "uncertain" in
    ``hard_case``. The strength issue's targets are read on certain labels only."""
    return "uncertain" not in (row.get("hard_case") or ())


def _label_spans(text: str, labels: Iterable[Mapping[str, Any]]) -> list[tuple[int, int]]:
    spans = []
    low = text.lower()
    for label in labels:
        # a label with an ellipsis ("вновь подтверждаем ... приверженность") is found by its head
        needle = re.split(r"\s*(?:\.\.\.|…)\s*", str(label.get("text", "")).lower())[0]
        needle = needle.strip("…. ")
        at = low.find(needle) if needle else -1
        if at >= 0:
            spans.append((at, at + len(needle)))
    return spans


def score_sentences(rows: Iterable[Mapping[str, Any]]) -> SentenceScores:
    scores = SentenceScores()
    for row in rows:
        result = analyse(
            row["text"], language=row.get("language"), instrument=row.get("instrument_type")
        )
        expected = row["tier"]
        got = result.tier
        scores.total += 1
        if got == expected:
            scores.exact += 1
        if got == expected or (
            got is not None and expected is not None and abs(got - expected) <= 1
        ):
            scores.within_one += 1  # an unresolved range labelled as one (null) is exact too
        if got != expected:
            scores.misses.append((row["id"], expected, got, result.explanation))
        _score_terms(scores, row, result)
    return scores


def _score_terms(scores: SentenceScores, row: Mapping[str, Any], result: StrengthResult) -> None:
    labelled = _label_spans(row["text"], row.get("terms", ()))
    found = [(t.start, t.end) for t in result.terms]
    scores.term_labels += len(labelled)
    scores.term_hits += sum(any(a < d and c < b for c, d in found) for a, b in labelled)
    scores.term_found += len(found)
    scores.term_correct += sum(any(a < d and c < b for c, d in labelled) for a, b in found)


def score_pairs(rows: Iterable[Mapping[str, Any]]) -> PairScores:
    scores = PairScores()
    for row in rows:
        change = compare_strength(
            row["before"],
            row["after"],
            instrument_a=row.get("instrument_before"),
            instrument_b=row.get("instrument_after"),
        )
        scores.total += 1
        if change.verdict == row["expected"]:
            scores.correct += 1
        else:
            scores.misses.append((row["id"], row["expected"], change.verdict, change.explanation))
        if row.get("polarity_change") is not None:
            scores.polarity_labels += 1
            scores.polarity_correct += change.polarity_change == bool(row["polarity_change"])
    return scores
