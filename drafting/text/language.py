"""Tell English, French, Russian and Ukrainian apart, cheaply and deterministically.

Script first (Cyrillic or Latin), then letters only one language uses (ukr. і ї є ґ, rus. ы э
ъ ё), then a count of very common function words. Good enough for a clause; ``--lang``
overrides it.
"""

from __future__ import annotations

import re
from functools import cache

LANGUAGES: tuple[str, ...] = ("en", "fr", "ru", "uk")
"""The languages the toolkit reads, defined once (lexicons, ``--lang`` choices, batch lines)."""

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")
_WORDS = re.compile(r"\w+")


@cache
def _cyrillic_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The letters only Ukrainian uses, those only Russian uses, and a Ukrainian apostrophe
    between two letters: compiled when a Cyrillic text first needs them (start-up time: a
    Latin text never does, and each costs about 0.2 ms to compile)."""
    return (
        re.compile(r"[іїєґІЇЄҐ]"),
        re.compile(r"[ыэъёЫЭЪЁ]"),
        re.compile(r"[\u0400-\u04ff]['’ʼ][\u0400-\u04ff]"),
    )


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UK_WORDS = _words(
    "та що як це щодо або цього цей ця ці цих його її які яка який щоб також між від "
    "відповідно до у з після може можуть буде будуть"
)
_RU_WORDS = _words(
    "и что как это этого этот эта эти его ее её которые которая который чтобы также между от "
    "соответствии в с после может могут будет будут"
)
_FR = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "un",
        "une",
        "et",
        "est",
        "sont",
        "aux",
        "au",
        "dans",
        "pour",
        "par",
        "sur",
        "qui",
        "que",
        "ne",
        "pas",
        "leur",
        "leurs",
        "ses",
        "son",
        "sa",
        "cette",
        "ces",
        "entre",
        "avec",
        "été",
        "présent",
        "présente",
        "traité",
        "parties",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "are",
        "be",
        "that",
        "this",
        "with",
        "for",
        "by",
        "on",
        "as",
        "their",
        "its",
        "shall",
        "will",
        "which",
        "from",
        "any",
        "or",
        "not",
        "have",
        "has",
        "parties",
        "treaty",
    ]
)


def detect_language(text: str) -> str:
    """``en``, ``fr``, ``ru`` or ``uk`` (English when there is nothing to go on)."""
    sample = text[:4000]
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cyrillic > latin:
        uk_letters, ru_letters, uk_apostrophe = _cyrillic_patterns()
        uk = len(uk_letters.findall(sample))
        ru = len(ru_letters.findall(sample))
        if uk > ru:
            return "uk"
        if ru > uk:
            return "ru"
        words = [w.lower() for w in _WORDS.findall(sample)]
        # only Ukrainian spells words with an apostrophe (зобов'язання); Russian uses ъ
        ukrainian = len(uk_apostrophe.findall(sample)) + sum(1 for w in words if w in _UK_WORDS)
        russian = sum(1 for w in words if w in _RU_WORDS)
        return "uk" if ukrainian > russian else "ru"
    words = [w.lower() for w in _WORDS.findall(sample)]
    french = sum(1 for w in words if w in _FR)
    english = sum(1 for w in words if w in _EN)
    accents = len(re.findall(r"[éèêàùçâîôû]", sample))
    return "fr" if french + accents / 2 > english else "en"
