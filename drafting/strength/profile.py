"""Strength profiles: how many sentences of a text bind at each tier, and with which words.

A corpus question ("how strong is this treaty, and where?") needs counts, not one clause's
verdict. A profile analyses each sentence on its own with :func:`~drafting.strength.analyse`
and adds up tiers, polarities, hedges, intensifiers and main terms. Profiles are plain frozen
values that add up (``a + b``), so an article's profiles sum to its document's, whichever
machine computed them. Pure: no I/O, picklable, deterministic.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from drafting.strength.analyse import analyse
from drafting.strength.lexicon import LANGUAGES
from drafting.text.tokens import count_tokens

TIERS = range(6)


@dataclass(frozen=True)
class StrengthProfile:
    """Counts over the sentences of one article, draft or document.

    ``tiers[t]`` counts sentences whose main term sets tier ``t``; a sentence with no
    commitment term counts in ``no_term`` only, one with unresolved brackets in ``unresolved``.
    ``main_terms`` pairs each main term (case-folded) with how many sentences it governs,
    most frequent first. ``analysed`` is False when the language has no lexicon (counts are
    then words and sentences only).
    """

    words: int = 0
    sentences: int = 0
    tiers: tuple[int, int, int, int, int, int] = (0, 0, 0, 0, 0, 0)
    unresolved: int = 0
    no_term: int = 0
    positive: int = 0
    negative: int = 0
    hedges: int = 0
    intensifiers: int = 0
    conditions: int = 0
    main_terms: tuple[tuple[str, int], ...] = ()
    analysed: bool = True

    @property
    def tier(self) -> int | None:
        """The strongest tier reached by any sentence (None when no sentence has a term)."""
        return max((t for t in TIERS if self.tiers[t]), default=None)

    def __add__(self, other: StrengthProfile) -> StrengthProfile:
        terms = Counter(dict(self.main_terms))
        terms.update(dict(other.main_terms))
        return StrengthProfile(
            words=self.words + other.words,
            sentences=self.sentences + other.sentences,
            tiers=tuple(a + b for a, b in zip(self.tiers, other.tiers, strict=True)),  # type: ignore[arg-type]
            unresolved=self.unresolved + other.unresolved,
            no_term=self.no_term + other.no_term,
            positive=self.positive + other.positive,
            negative=self.negative + other.negative,
            hedges=self.hedges + other.hedges,
            intensifiers=self.intensifiers + other.intensifiers,
            conditions=self.conditions + other.conditions,
            main_terms=_ordered(terms),
            analysed=self.analysed and other.analysed,
        )


def _ordered(terms: Counter[str]) -> tuple[tuple[str, int], ...]:
    """Most frequent first, then alphabetical: one total order, so output is byte-stable."""
    return tuple(sorted(terms.items(), key=lambda item: (-item[1], item[0])))


def profile_sentences(
    sentences: Iterable[str], *, language: str, instrument: str | None = None
) -> StrengthProfile:
    """The profile of a run of sentences in one language (each analysed on its own)."""
    texts = [s for s in sentences if s.strip()]
    words = sum(count_tokens(s, words_only=True) for s in texts)
    if language not in LANGUAGES:
        return StrengthProfile(words=words, sentences=len(texts), analysed=False)
    tiers = [0] * 6
    counts = Counter[str]()
    terms = Counter[str]()
    for text in texts:
        result = analyse(text, language=language, instrument=instrument)
        main = result.main_term
        if result.tier is None:
            counts["unresolved"] += 1
        elif main is None:
            counts["no_term"] += 1
        else:
            tiers[result.tier] += 1
        if main is not None or result.tier is None:
            counts[result.polarity] += 1
        if main is not None:
            terms[main.text.casefold()] += 1
        counts["hedges"] += sum(m.counted for m in result.hedges)
        counts["intensifiers"] += sum(m.counted for m in result.intensifiers)
        counts["conditions"] += len(result.conditions)
    return StrengthProfile(
        words=words,
        sentences=len(texts),
        tiers=tuple(tiers),  # type: ignore[arg-type]
        unresolved=counts["unresolved"],
        no_term=counts["no_term"],
        positive=counts["positive"],
        negative=counts["negative"],
        hedges=counts["hedges"],
        intensifiers=counts["intensifiers"],
        conditions=counts["conditions"],
        main_terms=_ordered(terms),
    )


def total(profiles: Iterable[StrengthProfile]) -> StrengthProfile:
    """The sum of several profiles (an empty profile for none)."""
    result = StrengthProfile()
    for profile in profiles:
        result = result + profile
    return result
