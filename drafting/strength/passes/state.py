"""What the passes share: the working state of one analysis and the word lists they read.

The word lists are data (``drafting/lexicons/rule-words.json``), so a linguist extends them
without touching Python; the instrument groups come from the scale's rule C1.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field

from drafting.resources import data_path
from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.result import Modifier, Term
from drafting.text.tokens import Words

RULE_WORDS = json.loads(data_path("lexicons", "rule-words.json").read_text(encoding="utf-8"))
"""Package data read once on import, like the lexicons."""


def word_set(name: str) -> frozenset[str]:
    """One named word list of ``rule-words.json``."""
    return frozenset(RULE_WORDS["sets"][name]["words"])


TREATY = frozenset({"treaty", "draft-treaty", "negotiating-draft"})
POLITICAL = frozenset(
    {"political-declaration", "political-agreement", "memorandum", "mou", "communique", "statement"}
)
SC = "un-sc-resolution"
GA = "un-ga-resolution"
UN = frozenset({SC, GA})

_PUNCTUATION = re.compile(r"[.!?;:,()\[\]–—\n]")
_SENTENCE_MARK = re.compile(r"[.!?]\s")
"""A sentence ends at a full stop, question or exclamation mark followed by a space."""
_COMMA_LIKE = re.compile(r"[,;:()\[\]–—]")


@dataclass(frozen=True)
class Inherited:
    """The operator of a chapeau, lent to a list item that has none of its own (C3)."""

    tier: int
    polarity: str
    text: str


@dataclass(slots=True)
class Op:
    """Working state of one operator match while the passes run (local to one analysis).

    ``entry`` is ``hit.entry``, stored (the passes read it some 35 times per clause, and a
    property cost a Python call each time): replace ``hit`` only through :meth:`rehit`."""

    hit: Hit
    tier: int = 0
    polarity: str = "positive"
    negated: bool = False
    rule: str = ""
    reason: str = ""
    excluded: str = ""
    subordinate: str = ""
    absorbed: bool = False
    framed: bool = False
    raw_tier: int = 0
    extend_to: int = 0
    done: bool = False
    cap: tuple[int, str] | None = None
    """A ceiling and its reason, set when the operator sits in the that-clause of a
    recommendation ("Recommends that … shall" is a recommendation, 2)."""
    entry: Entry = field(init=False)

    def __post_init__(self) -> None:
        self.entry = self.hit.entry

    def rehit(self, hit: Hit) -> None:
        """Replace the match (and with it ``entry``)."""
        self.hit = hit
        self.entry = hit.entry


@dataclass
class Analysis:
    """What the rules found in one text (the assembler turns it into a StrengthResult)."""

    tier: int
    polarity: str
    terms: list[Term] = field(default_factory=list)
    hedges: list[Modifier] = field(default_factory=list)
    intensifiers: list[Modifier] = field(default_factory=list)
    conditions: list[Modifier] = field(default_factory=list)
    flags: list[Modifier] = field(default_factory=list)
    weight: float = 0.0
    main_reason: str = ""
    passes: list[str] = field(default_factory=list)
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
        self.comma_before = [False] * count
        # the words that follow punctuation (marks before the first word or after the last
        # one bound nothing); each such word's gap is read with string searches in C
        starts, ends = tokens.starts, tokens.ends
        after_marks: dict[int, None] = {}
        for mark in _PUNCTUATION.finditer(norm):
            i = bisect_right(starts, mark.start())
            if 0 < i < count:
                after_marks[i] = None
        self._breaks: list[int] = []
        """Words after a comma-like mark or opening a sentence: where a punctuated run ends."""
        self.commas: list[int] = []
        """The words with ``comma_before``, in text order."""
        sentence = clause = 0
        chapeau = False
        done = 0  # words before this index have their sentence and clause
        for i in after_marks:  # in text order
            sentence_of[done:i] = [sentence] * (i - done)
            clause_of[done:i] = [clause] * (i - done)
            done = i
            gap = norm[ends[i - 1] : starts[i]]  # a word follows: a mark never ends the text
            if gap.count("\n") >= 2 or _SENTENCE_MARK.search(gap):
                sentence += 1
                clause += 1
                chapeau = False
            elif ";" in gap and not chapeau:
                clause += 1  # a semicolon ends a clause, except under a chapeau
            if ":" in gap:
                chapeau = True
            if _COMMA_LIKE.search(gap) is not None:
                self.comma_before[i] = True
                self.commas.append(i)
                self._breaks.append(i)
            elif sentence != sentence_of[i - 1]:
                self._breaks.append(i)
        sentence_of[done:] = [sentence] * (count - done)
        clause_of[done:] = [clause] * (count - done)

    def fire(self, name: str) -> None:
        """Record that pass ``name`` changed the reading."""
        self.fired[name] = None

    def clause_end(self, index: int) -> int:
        """Index of the last word of the clause that word ``index`` belongs to (clause
        numbers never decrease along the text)."""
        return bisect_right(self.clause, self.clause[index]) - 1

    def punctuated_end(self, index: int) -> int:
        """Index of the last word before the next comma, semicolon or sentence end."""
        after = bisect_right(self._breaks, index)
        return self._breaks[after] - 1 if after < len(self._breaks) else len(self.clause) - 1

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

    def near(self, first: int, last: int) -> list[Hit]:
        """Those that end up to eight words before, sit inside, or start two words after."""
        found: list[Hit] = []
        for index in range(first - 8, last + 1):
            found.extend(self.by_last.get(index, ()))
        for index in range(last + 1, last + 3):
            found.extend(h for h in self.by_first.get(index, ()) if h.last > last)
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
