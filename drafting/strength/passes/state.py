"""What the passes share: the working state of one analysis and the word lists they read.

The word lists are data (``drafting/lexicons/rule-words.json``), so a linguist extends them
without touching Python; the instrument groups come from the scale's rule C1.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from itertools import compress, repeat
from operator import is_not
from typing import NamedTuple

from drafting.resources import data_file
from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.result import Modifier, Term
from drafting.text.tokens import Words

# package data read once on import, like the lexicons
with open(data_file("lexicons", "rule-words.json"), encoding="utf-8") as _file:
    RULE_WORDS = json.load(_file)


def word_set(name: str) -> frozenset[str]:
    """One named word list of ``rule-words.json``."""
    return frozenset(RULE_WORDS["sets"][name]["words"])


CONDITION_OPENERS = word_set("CONDITION_OPENERS")
QUESTION_PARTICLES = word_set("QUESTION_PARTICLES")
QUESTION_NEEDLES = {"en": "whether", "ru": " ли ", "uk": " чи "}
"""The particle of ``QUESTION_PARTICLES`` each language can hold, as text to look for."""
BE_FUTURE = word_set("BE_FUTURE")
INSTRUMENTAL_ENDINGS = ("ом", "ем", "ём", "єм", "ой", "ей", "ью", "ою", "ею", "єю", "ами", "ями")
"""Russian and Ukrainian instrumental endings: the predicate noun of "будет членом",
"будуть гарантами", "буде частиною" (adjectives and other cases read no future of 'be')."""
TREATY = frozenset({"treaty", "draft-treaty", "negotiating-draft"})
POLITICAL = frozenset(
    {"political-declaration", "political-agreement", "memorandum", "mou", "communique", "statement"}
)
SC = "un-sc-resolution"
GA = "un-ga-resolution"
UN = frozenset({SC, GA})

_SENTENCE_MARK = re.compile(r"[.!?]\s")
"""A sentence ends at a full stop, question or exclamation mark followed by a space."""
_COMMA_LIKE = re.compile(r"[,;:()\[\]–—]")
_ONE_SPACE = " "


class Inherited(NamedTuple):
    """The operator of a chapeau, lent to a list item that has none of its own (C3).

    A named tuple, not a frozen dataclass: it never leaves an analysis, and making a
    dataclass cost about 3.5 M instructions when ``drafting.strength`` is imported (on the
    serial path of a diff, which seldom lends one)."""

    tier: int
    polarity: str
    text: str


class Op:
    """Working state of one operator match while the passes run (local to one analysis).

    ``entry`` is ``hit.entry``, stored (the passes read it some 35 times per clause, and a
    property cost a Python call each time): replace ``hit`` only through :meth:`rehit`.

    A plain class with slots, not a dataclass: it never leaves an analysis and is never
    compared or printed, and making the dataclass cost about 6 M instructions when
    ``drafting.strength`` is imported (on the serial path of a diff)."""

    __slots__ = (
        "absorbed",
        "cap",
        "done",
        "entry",
        "excluded",
        "extend_to",
        "framed",
        "hit",
        "negated",
        "polarity",
        "raw_tier",
        "reason",
        "rule",
        "subordinate",
        "tier",
    )

    def __init__(self, hit: Hit) -> None:
        self.hit = hit
        self.entry: Entry = hit.entry
        self.tier = 0
        self.polarity = "positive"
        self.negated = False
        self.rule = ""
        self.reason = ""
        self.excluded = ""
        self.subordinate = ""
        self.absorbed = False
        self.framed = False
        self.raw_tier = 0
        self.extend_to = 0
        self.done = False
        self.cap: tuple[int, str] | None = None
        """A ceiling and its reason, set when the operator sits in the that-clause of a
        recommendation ("Recommends that … shall" is a recommendation, 2)."""

    def rehit(self, hit: Hit) -> None:
        """Replace the match (and with it ``entry``)."""
        self.hit = hit
        self.entry = hit.entry


class Analysis:
    """What the rules found in one text (the assembler turns it into a StrengthResult).

    A plain class with slots, not a dataclass, for the reason ``Op`` gives (about 5 M
    instructions at import)."""

    __slots__ = (
        "conditions",
        "flags",
        "hedges",
        "intensifiers",
        "main_reason",
        "passes",
        "polarity",
        "terms",
        "tier",
        "weight",
    )

    def __init__(self, tier: int, polarity: str) -> None:
        self.tier = tier
        self.polarity = polarity
        self.terms: list[Term] = []
        self.hedges: list[Modifier] = []
        self.intensifiers: list[Modifier] = []
        self.conditions: list[Modifier] = []
        self.flags: list[Modifier] = []
        self.weight = 0.0
        self.main_reason = ""
        self.passes: list[str] = []
        """The passes that changed the reading, in order."""


class Context:
    """Sentence and clause boundaries of one text, computed once."""

    def __init__(
        self, text: str, norm: str, tokens: Words, instrument: str | None, language: str = ""
    ) -> None:
        self.text = text
        self.language = language
        self.norm = norm
        self.tokens = tokens
        self.instrument = instrument
        self.fired: dict[str, None] = {}
        """Passes that changed something (an ordered set), for ``--explain``."""
        self.forecast_sentences: set[int] = set()
        """Sentences where a 'will' was read as a forecast (for "and will" after it)."""
        count = len(tokens.words)
        self.sentence = sentence_of = [0] * count
        self.clause = clause_of = [0] * count
        self.comma_before = comma_before = [False] * count
        self._breaks: list[int] = []
        """Words after a comma-like mark or opening a sentence: where a punctuated run ends."""
        self.commas: list[int] = []
        """The words with ``comma_before``, in text order."""
        breaks, commas = self._breaks, self.commas
        # only the gaps between two words that are not one space can hold a mark (marks
        # before the first word or after the last one bound nothing); a gap without a mark
        # changes nothing below
        gaps = tokens.gaps
        if len(gaps) != count - 1:  # a Words built without its gaps
            gaps = tuple(norm[tokens.ends[i - 1] : tokens.starts[i]] for i in range(1, count))
        self.gaps = gaps
        """``gaps[i - 1]``: the text between word ``i - 1`` and word ``i``."""
        if gaps.count(_ONE_SPACE) == len(gaps):
            return  # one space between every two words (most sentences): no mark at all
        sentence = clause = 0
        sentence_from = clause_from = 0  # where the current sentence and clause numbers start
        chapeau = False
        # "is not" one space: the split gives CPython's one-character string itself for
        # a one-space gap; any other gap is only looked at (and a space one changes nothing)
        for i in compress(range(1, count), map(is_not, gaps, repeat(_ONE_SPACE))):
            gap = gaps[i - 1]
            if ("\n" in gap and gap.count("\n") >= 2) or (
                ("." in gap or "!" in gap or "?" in gap) and _SENTENCE_MARK.search(gap)
            ):
                sentence_of[sentence_from:i] = [sentence] * (i - sentence_from)
                clause_of[clause_from:i] = [clause] * (i - clause_from)
                sentence += 1
                clause += 1
                sentence_from = clause_from = i
                chapeau = False
                opens_sentence = True
            else:
                opens_sentence = False
                if ";" in gap and not chapeau:
                    clause_of[clause_from:i] = [clause] * (i - clause_from)
                    clause += 1  # a semicolon ends a clause, except under a chapeau
                    clause_from = i
            if ":" in gap:
                chapeau = True
            if "," in gap or _COMMA_LIKE.search(gap) is not None:
                comma_before[i] = True
                commas.append(i)
                breaks.append(i)
            elif opens_sentence:
                breaks.append(i)
        sentence_of[sentence_from:] = [sentence] * (count - sentence_from)
        clause_of[clause_from:] = [clause] * (count - clause_from)

    def fire(self, name: str) -> None:
        """Record that pass ``name`` changed the reading."""
        self.fired[name] = None

    def sentence_start(self, index: int) -> int:
        """Index of the first word of the sentence that word ``index`` belongs to (sentence
        numbers never decrease along the text)."""
        return bisect_left(self.sentence, self.sentence[index])

    def sentence_last(self, index: int) -> int:
        """Index of the last word of the sentence that word ``index`` belongs to."""
        return bisect_right(self.sentence, self.sentence[index]) - 1

    def clause_end(self, index: int) -> int:
        """Index of the last word of the clause that word ``index`` belongs to (clause
        numbers never decrease along the text)."""
        return bisect_right(self.clause, self.clause[index]) - 1

    def punctuated_end(self, index: int) -> int:
        """Index of the last word before the next comma, semicolon or sentence end."""
        after = bisect_right(self._breaks, index)
        return self._breaks[after] - 1 if after < len(self._breaks) else len(self.clause) - 1

    def in_opening_condition(self, index: int) -> bool:
        """Whether word ``index`` stands in a sentence that opens with a condition clause
        ("If a Party considers that …, it may …", "Should any Party consider …")."""
        words = self.tokens.words
        start = self.sentence_start(index)
        if words[start] in CONDITION_OPENERS:
            return True
        return start + 1 < len(words) and f"{words[start]} {words[start + 1]}" in CONDITION_OPENERS

    def may_hold_question(self) -> bool:
        """A cheap test before ``in_embedded_question``: whether a question particle can
        stand in the text at all."""
        needle = QUESTION_NEEDLES.get(self.language)
        return needle is not None and needle in self.norm

    def in_embedded_question(self, index: int) -> bool:
        """Whether word ``index`` stands in an embedded yes/no question: a question particle
        between the comma (or sentence start) before it and the word after it ("оценивает,
        будет ли экспорт способствовать", "оцінює, чи сприятиме", "whether … shall")."""
        words = self.tokens.words
        start = self.sentence_start(index)
        commas = self.commas
        if commas and commas[0] <= index:
            start = max(start, commas[bisect_right(commas, index) - 1])
        end = index + 1 if index + 1 < len(words) and self.comma_before[index + 1] else index + 2
        for j in range(start, end):
            word = words[j]
            # Ukrainian "чи" is also "or" ("прямо чи опосередковано"): a question only where
            # it opens the stretch after a comma ("оцінює, чи сприятиме")
            if word in QUESTION_PARTICLES and (
                word != "чи" or (j == start and self.comma_before[j])
            ):
                return True
        return False

    def clause_initial(self, index: int) -> bool:
        """Whether word ``index`` opens its sentence or follows a comma-like mark."""
        if index == 0 or self.comma_before[index]:
            return True
        return self.sentence[index - 1] != self.sentence[index]


class Negators:
    """Negators and absolute markers indexed by their first and last word."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.by_first: dict[int, list[Hit]] = {}
        self.by_last: dict[int, list[Hit]] = {}
        for hit in hits:
            self.by_first.setdefault(hit.first, []).append(hit)
            self.by_last.setdefault(hit.last, []).append(hit)
        self._lasts = sorted(self.by_last)
        """The keys of ``by_last`` in order: ``near`` takes a stretch of them by bisection
        (a text holds a few negators; a stretch of word indices is a dozen lookups)."""

    def near(self, first: int, last: int) -> list[Hit]:
        """Those that end up to eight words before, sit inside, or start two words after."""
        found: list[Hit] = []
        lasts = self._lasts
        for index in lasts[bisect_left(lasts, first - 8) : bisect_right(lasts, last)]:
            found.extend(self.by_last[index])
        for index in (last + 1, last + 2):
            starting = self.by_first.get(index)
            if starting:
                found.extend(h for h in starting if h.last > last)
        return found

    def inside(self, start: int, end: int, first: int, last: int) -> bool:
        return any(
            start <= h.start and h.end <= end
            for index in range(first, last + 1)
            for h in self.by_first.get(index, ())
        )


def between(ops: list[Op], firsts: list[int], after: int, last: int) -> list[Op]:
    """The operators whose first word lies in (after, last]; ``firsts`` are their first words,
    in text order."""
    return ops[bisect_right(firsts, after) : bisect_right(firsts, last)]
