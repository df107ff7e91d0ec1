"""Which shared words are chance anchors, and which words carry guarantee strength.

A word diff of a rewritten passage anchors on whatever the two sides happen to share: "of",
"the", a comma. Such anchors carry no structure, so the redline folds them into the change
around them (``[-shall undertake not to deploy-]{+are prohibited from deploying+}``, not four
interleaved pairs). Words that do carry the structure ("will ... become ... of NATO") stay
common, and so does every word that can carry strength ("will", "not", "shall"): a strength
term is never chance.

The function words are closed classes (articles, prepositions, conjunctions, pronouns) of the
four languages we read, English, French, Russian and Ukrainian; the strength words are every
word that can start a lexicon entry of ``drafting.strength`` in any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

FUNCTION_WORDS: frozenset[str] = frozenset(
    word
    for line in (
        "a an the of to in on at by for with from into onto upon within and or nor but that which",
        "who whom whose this these those its it their them they his her our your as than",
        "such other same each between among about against over under after before during",
        "l le la les un une des du de d à au aux et ou en dans par pour sur avec sans entre",
        "que qui",
        "dont ce cet cette ces son sa ses leur leurs se s y",
        "и в во на с со к ко по о об от из для что а или но же его ее её их этот эта это эти",
        "тот та те который которая которое которые при за над под между до",
        "і й та в у на з зі із до по про від для що а або але його її їх цей ця це ці який яка яке",
        "які при за над під між",
    )
    for word in line.split()
)
"""Closed-class words (lower case) that never anchor a redline on their own."""


def is_strength_word(word: str) -> bool:
    """Whether ``word`` can carry guarantee strength (a modal, negator, hedge, condition …)."""
    if word.lower() in FUNCTION_WORDS:
        return False
    return _candidate(word.lower())


_SCRIPT_LANGUAGES = {"en": ("en", "fr"), "fr": ("en", "fr"), "ru": ("ru", "uk"), "uk": ("ru", "uk")}
"""The lexicons ``_languages`` reads for the words of a text in each language (its script's)."""


def prepare(languages: Iterable[str | None]) -> None:
    """Compile now the lexicons that ``is_strength_word`` reads for words of texts in these
    languages (a Latin word is looked up in English and French, a Cyrillic one in Russian and
    Ukrainian; an unknown language: none). Done before the word diffs are shared out to
    forked processes, each lexicon is compiled once, not in every process that meets a word
    to test. Only speed depends on it."""
    for language in languages:
        for name in _SCRIPT_LANGUAGES.get(language or "", ()):
            _compiled(name)


@cache
def _compiled(language: str) -> object:
    from drafting.strength import load_lexicon  # start-up time: lexicon files

    return load_lexicon(language).compiled


def _languages(word: str) -> tuple[str, ...]:
    """The lexicons a word can belong to, by its script: only those are loaded."""
    if word.isascii():
        return ("en", "fr")
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return ("ru", "uk")
    return ("fr",)


@cache
def _candidate(word: str) -> bool:
    """Whether some lexicon entry starts at ``word`` with ``word`` as (part of) its term. An
    entry whose next word is always a term word of its own ("(we|allies|states|…)
    decide") has ``word`` as the term's subject: "States" carries no strength."""
    for language in _languages(word):
        for candidate in _compiled(language).candidates(word):  # type: ignore[attr-defined]
            second = candidate.second
            if second is None or not all(_term_word(language, w) for w in second):
                return True
    return False


def _term_word(language: str, word: str) -> bool:
    """Whether ``word``, second in an entry, is a word that an entry spells out after its
    first word (a verb or noun of a term: "decide"), not a function word ("seek to")."""
    return word not in FUNCTION_WORDS and word in _term_words(language)


@cache
def _term_words(language: str) -> frozenset[str]:
    from drafting.strength import load_lexicon  # start-up time: lexicon files

    words: set[str] = set()
    for entry in load_lexicon(language).entries:
        words.update(re.findall(r"[^\W\d_]+", entry.pattern.lower())[1:])
    # and the second words the lexicon expands ("{guarantee(s)?}" gives "guarantees")
    for second in _compiled(language).seconds:  # type: ignore[attr-defined]
        words.update(second or ())
    return frozenset(words)


def is_chance(word: str) -> bool:
    """Whether a shared word token is a chance anchor: a function word that carries no
    strength. Punctuation is tested by the caller (it is always chance)."""
    return word.lower() in FUNCTION_WORDS
