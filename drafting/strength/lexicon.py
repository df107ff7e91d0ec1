"""Strength lexicons: one JSON file per language, validated, merged and compiled once.

A lexicon is data (``drafting/lexicons/<lang>.json``, schema ``schemas/lexicon.schema.json``):
every entry names its ``category``, lexical ``tier`` and the ``rule`` that reports it. The
rules in :mod:`drafting.strength.rules` decide what a match means in context; the lexicon only
says what to look for.

Pattern syntax (one string per entry, matched case-insensitively):

- words separated by spaces must follow each other (whitespace between them);
- ``…`` (or ``…N``) is a gap of up to 6 (or N) words inside one clause: ``shall … not``;
- ``*`` inside a word is any run of word characters: ``обязу*``, ``undertake*``;
- ``(a|b)`` and ``?`` work as in regular expressions: ``undertake(s)?``, ``s'(engag|oblig)*``;
- ``{`` … ``}`` around some words marks the part reported as the term (default: the whole
  match), so ``parties {*ent}`` reports only the verb.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from functools import cache, cached_property
from typing import Any

from drafting.errors import DraftingError
from drafting.model import frozen_value
from drafting.resources import data_file, schema_path
from drafting.text.language import LANGUAGES

OPERATOR_CATEGORIES: tuple[str, ...] = (
    "prohibition",
    "obligation",
    "commitment",
    "recommendation",
    "intention",
    "permission",
    "saving",
    "acknowledgement",
    "preamble",
)
"""Categories that carry a tier of their own and can set the clause's tier."""

MODIFIER_CATEGORIES: tuple[str, ...] = (
    "negation",
    "absolute",
    "hedge",
    "intensifier",
    "condition",
    "false-friend",
    "low-precision",
    "epistemic",
    "reporting",
    "relative",
)
"""Categories that change how operators are read but have no tier of their own."""

WORD = r"[\w']+"
GAP_SEP = r"[^\w'.;:!?\[\]]+"
DEFAULT_GAP = 6


@frozen_value()  # (every entry of a lexicon is made when it is read: ~400 for en and fr)
class Entry:
    """One lexicon entry. ``tier`` is None for modifiers (hedges, negators, …)."""

    id: str
    pattern: str
    category: str
    tier: int | None
    rule: str
    polarity: str = "positive"
    context: str | None = None
    weight: float = 0.0
    """A small score offset that orders terms of one tier (``strongly urges`` > ``urges``)."""
    scope: str | None = None
    """For negators: ``near`` (next to the verb) or ``clause`` (``no … shall``); for
    conditions: ``clause`` when the condition opens a clause whose modals are triggers."""
    modal: bool = False
    """True for modal auxiliaries (shall, will, may …): they head their own clause and are
    never absorbed as the content verb of another operator."""
    note: str = ""

    @property
    def is_operator(self) -> bool:
        return self.category in OPERATOR_CATEGORIES


@frozen_value()
class Lexicon:
    """The entries for one language, in file order (earlier entries win ties)."""

    language: str
    entries: tuple[Entry, ...]
    sources: tuple[str, ...] = field(default=(), compare=False)

    def merged(self, overlay: Lexicon) -> Lexicon:
        """A new lexicon: ``overlay`` entries replace entries with the same id, others are added."""
        replaced = {e.id: e for e in overlay.entries}
        entries = [replaced.pop(e.id, e) for e in self.entries]
        entries.extend(e for e in overlay.entries if e.id in replaced)
        return Lexicon(self.language, tuple(entries), self.sources + overlay.sources)

    @cached_property
    def compiled(self) -> CompiledLexicon:
        """Regexes built once per lexicon object (cached on the frozen instance)."""
        return CompiledLexicon(self)


class CompiledEntry:
    """One entry of a ``CompiledLexicon``, with what the matcher needs to find it.

    A plain class, not a frozen dataclass: it never leaves the strength engine's lookups
    (the matcher, ``drafting.diff.chance``), is never compared or hashed there, and is made
    only when a text needs it, while making the dataclass cost about 4.5 M instructions when
    ``drafting.strength`` is imported (on the serial path of a diff). Treat it as read-only."""

    def __init__(
        self,
        entry: Entry,
        source: str,
        has_term_group: bool,
        has_gaps: bool,
        second: frozenset[str] | None,
        order: int,
        literal: bool,
        following: tuple[frozenset[str], ...] | None,
        term: tuple[int, int] | None,
        required: tuple[str, ...] | None,
    ) -> None:
        self.entry = entry
        self.source = source
        """The entry's regex source (``pattern_source``), compiled on first use: a text meets
        few of a lexicon's entries, and compiling all of them is most of a lexicon's load
        time."""
        self.has_term_group = has_term_group
        self.has_gaps = has_gaps
        self.second = second
        """The words that can follow the first one, when that is a finite set: a cheap check
        before the regex runs."""
        self.order = order
        """The entry's position in its lexicon (``CompiledLexicon.orders``): earlier entries
        win ties."""
        self.literal = literal
        r"""The whole pattern is one word from a finite set (``shall``, ``obligation(s)?``,
        ``(обязу(ются|ется)|обяж(утся|ется))``): at a word the index lists it for, it
        matches exactly that word, so no regex needs to run (a word of the text is a maximal
        run of word characters, and every word of the set is one; the regex's ``(?<!\w)``
        and ``(?!\w)`` hold at a word's edges)."""
        self.following = following
        r"""The pattern is words from finite sets, with no gap (``shall``, ``shall not``,
        ``(is|are) prohibited``): the sets of the second, third … word (``()`` for a
        ``literal`` entry); None otherwise. Such an entry matches where the next words of the
        text are in these sets with only whitespace between them (the regex's ``\s+``), so it
        runs no regex either (see ``matcher.find_hits``)."""
        self.term = term
        """With ``following``: the first and last word of the ``{…}`` term group, counted
        from the pattern's first word (None: the whole match is the term)."""
        self.required = required
        """For an entry matched by its regex: the words of a later word of its pattern that
        is a finite set (``not`` in ``shall … not``), one of which the text must hold
        somewhere, as a substring, for the regex to match: checked first, so the regex
        neither runs nor is compiled for a text without one. None: no such word."""

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.source)


class CompiledLexicon:
    """Entries compiled to regexes and indexed by their first word for fast lookup.

    Matching walks the words of a text once; each distinct word is looked up in a small
    per-lexicon cache that lists the entries that can start at it.

    Only the index by first word is built at once. An entry is compiled (``CompiledEntry``:
    its regex source, word sequence and required words) the first time a word it can start
    at is looked up: a text meets few of a lexicon's entries (the 100,000-word bench pair
    meets 128 of 212 English ones, and none of the French one that ``drafting.diff.chance``
    reads), and the index is built in the process that forks the word diffs, before they
    are shared out, while each entry is compiled only where it is needed.
    """

    def __init__(self, lexicon: Lexicon, shortcuts: bool = True) -> None:
        """``shortcuts=False`` matches every entry with its regex (``literal`` and
        ``following`` stay unset): the reference the tests check the shortcuts against."""
        self.language = lexicon.language
        self.shortcuts = shortcuts
        self.entries = lexicon.entries
        self.exact: dict[str, list[int]] = {}
        """Entries (positions in ``entries``) whose first word is a plain finite set, by
        each word of it."""
        self.stems: dict[str, list[tuple[Callable[[str], object], int]]] = {}
        """Entries whose first word is not a plain finite set, by its first two letters,
        each with a test of a word (set membership, or the regex's ``fullmatch``)."""
        self.loose: list[tuple[Callable[[str], object], int]] = []
        self.seconds: list[frozenset[str] | None] = []
        """Per entry: ``CompiledEntry.second`` (known before the entry is compiled)."""
        self.cache: dict[str, tuple[CompiledEntry, ...]] = {}
        self.plans: dict[str, Plan] = {}
        """Per word: what ``plan`` returns, ``()`` for a word no entry starts with."""
        self.orders: dict[str, int] = {e.id: i for i, e in enumerate(lexicon.entries)}
        self._compiled: list[CompiledEntry | None] = [None] * len(lexicon.entries)
        self._split: list[tuple[list[str], list[str] | None, list[str] | None]] = []
        for index, entry in enumerate(lexicon.entries):
            words_of_pattern = _split_words(entry.pattern)
            first = _first_segment(words_of_pattern)
            second = None
            if len(words_of_pattern) > 1 and "'" not in words_of_pattern[0]:
                second = _word_set(words_of_pattern[1].strip("{}"))
            self.seconds.append(second)
            words = expand_literals(first)
            # every word the first word can be, nested groups too (None: not a finite set)
            finite = words if words is not None else expand_nested(first)
            self._split.append((words_of_pattern, words, finite))
            if words is not None:
                for word in words:
                    self.exact.setdefault(word, []).append(index)
                continue
            # a first word with nested groups: in the same place (the order of candidates is
            # kept), tested by set membership where its words are a finite set
            is_first: Callable[[str], object] = (
                frozenset(finite).__contains__
                if finite is not None
                else re.compile(first.replace("*", r"\w*")).fullmatch
            )
            prefix = literal_prefix(first)
            if len(prefix) >= 2:
                self.stems.setdefault(prefix[:2], []).append((is_first, index))
            else:
                self.loose.append((is_first, index))

    def compiled_entry(self, index: int) -> CompiledEntry:
        """The entry at ``index`` of ``entries``, compiled (once)."""
        found = self._compiled[index]
        if found is None:
            found = self._compiled[index] = self._compile(index)
        return found

    def all_compiled(self) -> list[CompiledEntry]:
        """Every entry, compiled, in lexicon order."""
        return [self.compiled_entry(index) for index in range(len(self.entries))]

    def _compile(self, index: int) -> CompiledEntry:
        entry = self.entries[index]
        words_of_pattern, words, finite = self._split[index]
        shortcuts = self.shortcuts
        source, first, has_group = _source_of_words(entry.pattern, words_of_pattern)
        second = self.seconds[index]
        literal = (
            shortcuts
            and len(words_of_pattern) == 1
            and first == words_of_pattern[0]  # no ' and no {…} in the word
            and finite is not None
        )
        following, term = (
            _word_sequence(words_of_pattern)
            if shortcuts and words is not None and len(words_of_pattern) > 1
            else ((), None)
            if literal
            else (None, None)
        )
        required = (
            _required_words(words_of_pattern, second is not None)
            if shortcuts and following is None
            else None
        )
        return CompiledEntry(
            entry,
            source,
            has_group,
            "(?P<g" in source,
            second,
            index,
            literal,
            following,
            term,
            required,
        )

    def candidates(self, word: str) -> tuple[CompiledEntry, ...]:
        """Entries whose first word can be ``word`` (lower-case, one ``\\w+`` run)."""
        found = self.cache.get(word)
        if found is not None:
            return found
        result = list(self.exact.get(word, ()))
        for is_first, index in self.stems.get(word[:2], ()):
            if is_first(word):
                result.append(index)
        for is_first, index in self.loose:
            if is_first(word):
                result.append(index)
        found = tuple(map(self.compiled_entry, result))
        if len(self.cache) > 200_000:
            self.cache.clear()
        self.cache[word] = found
        return found

    def plan(self, word: str) -> Plan:
        """The entries to try at ``word``, by the word that follows it: ``(default,
        by_following)``, where ``by_following[w]`` lists (in lexicon order) the candidates
        whose second word can be ``w`` plus those with no second-word set, and ``default``
        only the latter. One dict lookup replaces checking every candidate's second word.
        ``()`` when no entry can start at ``word``."""
        found = self.plans.get(word)
        if found is not None:
            return found
        candidates = self.candidates(word)
        if not candidates:
            found = ()
        else:
            default = tuple(c for c in candidates if c.second is None)
            following: set[str] = set()
            for candidate in candidates:
                if candidate.second is not None:
                    following.update(candidate.second)
            by_following = {
                w: tuple(c for c in candidates if c.second is None or w in c.second)
                for w in following
            }
            found = (default, by_following)
        if len(self.plans) > 200_000:
            self.plans.clear()
        self.plans[word] = found
        return found


Plan = tuple[()] | tuple[tuple[CompiledEntry, ...], dict[str, tuple[CompiledEntry, ...]]]
"""See :meth:`CompiledLexicon.plan`."""


def _word_sequence(
    words: list[str],
) -> tuple[tuple[frozenset[str], ...] | None, tuple[int, int] | None]:
    """``CompiledEntry.following`` and ``term`` for a pattern split into ``words``:
    ``(None, None)`` unless every word is a finite set of plain words (no gap, ``*`` or
    apostrophe)."""
    sets = []
    opens = closes = None
    for index, word in enumerate(words):
        if word.startswith("{"):
            opens = index
        if word.endswith("}"):
            closes = index
        expanded = _word_set(word.strip("{}"))  # the first one too: n'(affecte|…) is not
        if expanded is None:
            return None, None
        sets.append(expanded)
    term = None if opens is None or closes is None else (opens, closes)
    return tuple(sets[1:]), term


def _required_words(words: list[str], second_checked: bool) -> tuple[str, ...] | None:
    """``CompiledEntry.required``: words one of which every match holds, from a word of the
    pattern after its first (and after its second, which the plan checks already when
    ``second_checked``) that is a finite set of phrases (``(upon|on)``, ``(legally )?binding``,
    ``(the )?(event|case)( that| of)?``); None when there is none. Each phrase gives its
    longest word (a word all its phrases share, when there is one: ``binding``); of the
    pattern's words, the one whose shortest required word is longest is taken (the later
    one of equals): a long word is seldom in a text by chance, ``on`` or ``to`` nearly
    always."""
    best: tuple[str, ...] | None = None
    best_length = 0
    for index in range(2 if second_checked else 1, len(words)):
        phrases = expand_phrase(words[index].strip("{}"))
        if phrases is None:
            continue
        split = [phrase.split() for phrase in phrases]
        if not all(split):
            continue  # a phrase that can be nothing at all: the word may be absent
        shared = set(split[0]).intersection(*split[1:])
        if shared:
            found = {max(sorted(shared), key=len)}
        else:
            found = {max(phrase, key=len) for phrase in split}
        length = min(map(len, found))
        if length >= best_length:
            best, best_length = tuple(sorted(found)), length
    return best


@cache
def expand_phrase(word: str, limit: int = 256) -> tuple[str, ...] | None:
    """``expand_nested`` for a word of a pattern whose groups may hold spaces (``(the
    )?(event|case)( that| of)?``, ``(able|in a position)``): every phrase it can be, its
    words separated by one space (the regex's ``\\s+``); None when it is not a finite set of
    plain words. Once per process for a word (lexicons share many: ``to``, ``(is|are)``)."""
    if "_" in word:
        return None  # the stand-in for a space below
    phrases = expand_nested(word.replace(" ", "_"), limit)
    if phrases is None:
        return None
    return tuple(sorted({" ".join(phrase.replace("_", " ").split()) for phrase in phrases}))


@cache
def _word_set(word: str) -> frozenset[str] | None:
    """``expand_literals`` as a set, once per process for a word (lexicons share many:
    ``(is|are)``, ``not``)."""
    words = expand_literals(word)
    return None if words is None else frozenset(words)


def expand_literals(word: str, limit: int = 256) -> list[str] | None:
    """Every word a first-word pattern can be, when it is a finite set (``undertake(s)?`` →
    ``undertake``, ``undertakes``); None when it has ``*`` or other open-ended syntax."""
    if _WORD_RUN.fullmatch(word):  # one plain word (most patterns): itself
        return [word]
    return _expand_flat(word, limit)


def _expand_flat(word: str, limit: int) -> list[str] | None:
    """``expand_literals`` for a word of word characters and ``(a|b)`` groups without
    groups inside, each maybe followed by ``?``; None for anything else."""
    if not _FLAT_WORD.fullmatch(word):
        return None
    results = [""]
    for run, optional, group, group_optional in _FLAT_PIECE.findall(word):
        options = [run] if run else group.split("|")
        if optional or group_optional:
            options.append("")
        results = [r + o for r in results for o in options]
        if len(results) > limit:
            return None
    words = sorted(set(results))
    return None if words[0] == "" else words  # every other string is a run of \w


_WORD_RUN = re.compile(r"\w+")
_FLAT_PIECE = re.compile(r"(\w+(?!\?)|\w)(\?)?|\((\w*(?:\|\w*)*)\)(\?)?")
"""A piece of a flat word: a run of characters (the last one alone when ``?`` follows it),
or a group; a run is one step of ``_expand_flat``, not one step a character."""
_FLAT_WORD = re.compile(r"(?:\w\??|\(\w*(?:\|\w*)*\)\??)+")
_LITERAL_RUN = re.compile(r"[\w'\-]+")

_GAP_TOKEN = re.compile(r"(?:…|\.\.\.)(\d*)")


def expand_nested(word: str, limit: int = 256) -> list[str] | None:
    """``expand_literals`` for a word with nested groups and alternatives at the top too
    (``(обязу(ются|ется)|обяж(утся|ется))``, ``(réaffirm|affirm)(e|ent)|réitérons``): every
    word it can be, or None when it is not a finite set of plain words. The words are
    exactly the strings its regex matches in full."""
    words, end = _alternatives(word, 0, limit)
    if words is None or end != len(word):
        return None
    unique = sorted(set(words))
    if any(not _WORD_RUN.fullmatch(w) for w in unique):
        return None
    return unique


def _alternatives(word: str, i: int, limit: int) -> tuple[list[str] | None, int]:
    """The strings of ``a|b|…`` from ``word[i]`` up to a ``)`` or the end, and where it
    stopped."""
    options: list[str] = []
    while True:
        strings, i = _sequence(word, i, limit)
        if strings is None:
            return None, i
        options.extend(strings)
        if len(options) > limit:
            return None, i
        if i < len(word) and word[i] == "|":
            i += 1
            continue
        return options, i


def _sequence(word: str, i: int, limit: int) -> tuple[list[str] | None, int]:
    """The strings of characters and ``(…)`` groups (each maybe followed by ``?``) from
    ``word[i]`` up to a ``|``, a ``)`` or the end, and where it stopped."""
    results = [""]
    while i < len(word) and word[i] not in "|)":
        if word[i] == "(":
            options, i = _alternatives(word, i + 1, limit)
            if options is None or i >= len(word) or word[i] != ")":
                return None, i
            i += 1
        else:
            run = _LITERAL_RUN.match(word, i)  # characters in one step, not one at a time
            if run is None:
                return None, i
            i = run.end()
            text = run.group()
            if len(text) > 1 and i < len(word) and word[i] == "?":
                results = [r + text[:-1] for r in results]  # "?" takes only the last one
                text = text[-1]
            options = [text]
        if i < len(word) and word[i] == "?":
            options = [*options, ""]
            i += 1
        results = [r + o for r in results for o in options]
        if len(results) > limit:
            return None, i
    return results, i


def literal_prefix(word: str) -> str:
    """The letters every match of ``word`` must start with (``undertake(s)?`` → ``undertake``)."""
    match = re.match(r"\w+", word)
    if not match:
        return ""
    prefix = match.group()
    if word[match.end() : match.end() + 1] == "?":
        prefix = prefix[:-1]
    return prefix


def _split_words(pattern: str) -> list[str]:
    """Split at spaces outside parentheses: ``(the )?(event|case) of`` is two words."""
    if "(" not in pattern:  # every space is outside parentheses
        return [word for word in pattern.strip().split(" ") if word]
    head, *groups = pattern.split("(")
    if ")" in head or "\0" in pattern or any(g.count(")") != 1 for g in groups):
        return _split_words_nested(pattern)  # nested or unbalanced parentheses
    # one level of balanced parentheses (most patterns): hide their spaces, then split
    hidden = [head]
    for group in groups:
        inside, outside = group.split(")")
        hidden.append("(" + inside.replace(" ", "\0") + ")" + outside)
    return [word.replace("\0", " ") for word in "".join(hidden).strip().split(" ") if word]


def _split_words_nested(pattern: str) -> list[str]:
    """``_split_words`` one character at a time, counting parentheses."""
    words: list[str] = []
    current: list[str] = []
    depth = 0
    for char in pattern.strip():
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == " " and depth == 0:
            if current:
                words.append("".join(current))
                current = []
            continue
        current.append(char)
    if current:
        words.append("".join(current))
    return words


def compile_pattern(pattern: str) -> tuple[re.Pattern[str], str, bool]:
    """Compile the lexicon pattern syntax to a regex; also return the first word's segment."""
    source, first_segment, has_group = pattern_source(pattern)
    return re.compile(source), first_segment, has_group


def pattern_source(pattern: str) -> tuple[str, str, bool]:
    """The regex source of a lexicon pattern (checked, not compiled), the first word's
    segment, and whether it has a ``{…}`` term group."""
    return _source_of_words(pattern, _split_words(pattern))


def _source_of_words(pattern: str, tokens: list[str]) -> tuple[str, str, bool]:
    """``pattern_source`` of a pattern already split into its words (``_split_words``)."""
    if not tokens:
        raise ValueError("empty pattern")
    parts: list[str] = []
    previous_was_word = False
    group_open = False
    has_group = False
    first_word: str | None = None
    gaps = 0
    for token in tokens:
        gap = _GAP_TOKEN.fullmatch(token)
        if gap:
            if not previous_was_word:
                raise ValueError(f"a gap must follow a word: {pattern!r}")
            size = int(gap.group(1) or DEFAULT_GAP)
            parts.append(f"(?P<g{gaps}>(?:{GAP_SEP}{WORD}){{0,{size}}}?{GAP_SEP})")
            gaps += 1
            previous_was_word = False
            continue
        opens = token.startswith("{")
        closes = token.endswith("}")
        word = token.strip("{}")
        if not word:
            raise ValueError(f"empty word in pattern {pattern!r}")
        if first_word is None:
            first_word = word
        if previous_was_word:
            parts.append(r"\s+")
        if opens:
            if group_open or has_group:
                raise ValueError(f"only one {{…}} term group allowed: {pattern!r}")
            parts.append("(?P<t>")
            group_open = True
            has_group = True
        parts.append(word.replace("*", r"[\w']*").replace(" ", r"\s+"))
        if closes:
            if not group_open:
                raise ValueError(f"unbalanced }} in pattern {pattern!r}")
            parts.append(")")
            group_open = False
        previous_was_word = True
    if group_open:
        raise ValueError(f"unbalanced {{ in pattern {pattern!r}")
    if not previous_was_word:
        raise ValueError(f"a pattern cannot end with a gap: {pattern!r}")
    assert first_word is not None
    if " " in first_word:
        raise ValueError(f"the first word cannot hold a space (split the entry): {pattern!r}")
    tail = "" if tokens[-1].rstrip("}").endswith("'") else r"(?!\w)"
    source = r"(?<!\w)(?:" + "".join(parts) + ")" + tail
    return source, _first_segment(tokens), has_group


def _first_segment(tokens: list[str]) -> str:
    """The part of a pattern's first word (split into ``tokens``) before any apostrophe
    (``s'(engag|oblig)*`` → ``s``), which the index of a lexicon lists the entry by."""
    first_word = tokens[0].strip("{}") if tokens else ""
    return first_word.split("'")[0] or first_word


# --- loading --------------------------------------------------------------------------------


@cache
def _lexicon_validator() -> Any:
    import jsonschema  # start-up time (validation only when asked)

    schema = json.loads(schema_path("lexicon.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def lexicon_from_data(data: Mapping[str, Any], source: str, validate: bool = True) -> Lexicon:
    """Validate parsed JSON against the lexicon schema and check every pattern compiles.

    The shipped lexicons skip the schema check at run time (the test suite validates them);
    every user file is checked.
    """
    errors = (
        sorted(_lexicon_validator().iter_errors(data), key=lambda e: list(e.path))
        if validate
        else []
    )
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.path) or "(root)"
        raise DraftingError(f"{source}: invalid lexicon at {where}: {first.message}")
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, raw in enumerate(data["entries"]):
        if raw["id"] in seen:
            raise DraftingError(f"{source}: entries/{index}: duplicate id {raw['id']!r}")
        seen.add(raw["id"])
        try:
            if validate:
                compile_pattern(raw["pattern"])
        except (ValueError, re.error) as error:
            raise DraftingError(
                f"{source}: entries/{index} ({raw['id']}): bad pattern: {error}"
            ) from None
        entries.append(
            Entry(
                id=raw["id"],
                pattern=raw["pattern"],
                category=raw["category"],
                tier=raw["tier"],
                rule=raw["rule"],
                polarity=raw.get("polarity", "positive"),
                context=raw.get("context"),
                weight=float(raw.get("weight", 0.0)),
                scope=raw.get("scope"),
                modal=bool(raw.get("modal", False)),
                note=raw.get("note", ""),
            )
        )
    return Lexicon(data["language"], tuple(entries), (source,))


def read_lexicon_file(path: str | os.PathLike[str], validate: bool = True) -> Lexicon:
    """Read and validate a lexicon (or overlay) file; one-line errors for bad input."""
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except OSError as error:
        raise DraftingError(f"{path}: cannot read lexicon: {error.strerror}") from None
    return lexicon_from_text(text, path, validate)


def lexicon_from_text(text: str, name: str, validate: bool = True) -> Lexicon:
    """A lexicon from the JSON text of a file called ``name`` (the command line reads user
    files through the one bounded reader, drafting.formats.source, and passes the text)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DraftingError(
            f"{name}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    return lexicon_from_data(data, name, validate)


@cache
def load_lexicon(language: str) -> Lexicon:
    """The shipped lexicon for ``language`` (en, fr, ru, uk), read once per process.

    Not schema-checked here: that would import jsonschema on every run for files that only
    change with a release; ``tests/strength/test_strength_lexicon.py`` validates them instead.
    """
    if language not in LANGUAGES:
        raise DraftingError(
            f"no lexicon for language {language!r}; supported: {', '.join(LANGUAGES)}"
        )
    return read_lexicon_file(data_file("lexicons", f"{language}.json"), validate=False)


def with_overlays(language: str, overlays: Iterable[Lexicon]) -> Lexicon:
    """The shipped lexicon for ``language`` with the overlays for that language applied."""
    lexicon = load_lexicon(language)
    for overlay in overlays:
        if overlay.language == language:
            lexicon = lexicon.merged(overlay)
    return lexicon
