"""Find lexicon entries in a text: words, multi-word and discontinuous terms, inflections.

The text is normalised first (lower case, one kind of apostrophe) without changing its
length, so every offset found here is an offset into the caller's text. Matching walks the
words once and tries only the entries that can start at each word (see ``CompiledLexicon``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from drafting.strength.lexicon import CompiledLexicon, Entry
from drafting.text.tokens import WORD_PATTERN, Words, has_combining_mark

_APOSTROPHES = ("’", "ʼ", "`", "′", "‘", "ʹ")
"""Characters read as an apostrophe (each replaced by ``'``, one character for one)."""

GAP_BREAKERS: frozenset[str] = frozenset(
    # Words that open a new clause: a discontinuous term never spans one ("shall ensure that
    # … not" is not "shall … not").
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "if",
        "unless",
        "when",
        "whether",
        "where",
        "because",
        "while",
        "although",
        "que",
        "qui",
        "si",
        "lorsque",
        "quand",
        "dont",
        "что",
        "который",
        "которая",
        "которые",
        "которое",
        "если",
        "когда",
        "чтобы",
        "що",
        "який",
        "яка",
        "які",
        "яке",
        "якщо",
        "коли",
        "щоб",
    ]
)


def normalise(text: str) -> str:
    """Lower-case with unified apostrophes, keeping every character at its offset."""
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) grow when lower-cased: go one by one
        low = "".join(c.lower()[:1] or c for c in text)
    if low.isascii():  # only one of the marks is ASCII
        return low.replace("`", "'") if "`" in low else low
    for apostrophe in _APOSTROPHES:  # a scan in C per mark: faster than str.translate
        if apostrophe in low:
            low = low.replace(apostrophe, "'")
    return low


class Hit:
    """One entry matched in the text. ``start``/``end`` is the reported term span,
    ``match_start``/``match_end`` what the entry matched; ``first``/``last`` are the indices
    of the first and last words of the term span; ``order`` is the entry's position in its
    lexicon (earlier entries win ties).

    Treat it as immutable (make a new one to change a field). A plain class with slots: it
    never leaves an analysis and is never compared or printed there; it is not frozen,
    because setting each field through ``object.__setattr__`` made building the few hits of
    each sentence about 4% of ``analyse()``; and it is not a dataclass, because making one
    (with slots, so the class twice) was about 3.7 M instructions when ``drafting.strength``
    is imported (on the serial path of a diff)."""

    __slots__ = ("end", "entry", "first", "last", "match_end", "match_start", "order", "start")

    def __init__(
        self,
        start: int,
        end: int,
        match_start: int,
        match_end: int,
        entry: Entry,
        first: int,
        last: int,
        order: int,
    ) -> None:
        self.start = start
        self.end = end
        self.match_start = match_start
        self.match_end = match_end
        self.entry = entry
        self.first = first
        self.last = last
        self.order = order


def find_hits(norm: str, tokens: Words, compiled: CompiledLexicon) -> list[Hit]:
    """Every entry match that starts at a word, before any overlap is resolved."""
    hits: list[Hit] = []
    starts = tokens.starts
    ends = tokens.ends
    words = tokens.words
    gaps = tokens.gaps
    count = len(words)
    # the plans looked up in C: most words start no entry, and cost only the test below
    for index, plan in enumerate(map(compiled.plans.get, words)):
        if not plan:
            if plan is not None:
                continue
            plan = compiled.plan(words[index])  # a word not seen before
            if not plan:
                continue
        default, by_following = plan
        if by_following and index + 1 < count:
            candidates = by_following.get(words[index + 1], default)
            if not candidates:  # "the", "its": an entry only before certain words
                continue
        else:
            candidates = default
        position = starts[index]
        for candidate in candidates:
            following = candidate.following
            if following is not None:  # no regex (see CompiledEntry.literal and .following)
                if not following:  # the entry is this very word
                    end = ends[index]
                    hits.append(
                        Hit(position, end, position, end, candidate.entry, index, index,
                            candidate.order)
                    )  # fmt: skip
                    continue
                # words from finite sets: the plan listed the entry for the next word, which
                # is in the first set; only whitespace may come between (the regex's \s+:
                # str.isspace and re's \s test the same characters)
                if not gaps[index].isspace():
                    continue
                last = (
                    index + 1
                    if len(following) == 1
                    else _sequence_last(words, gaps, index, following)
                )
                if last >= 0:
                    end = ends[last]
                    term = candidate.term
                    if term is None:
                        hits.append(
                            Hit(position, end, position, end, candidate.entry, index, last,
                                candidate.order)
                        )  # fmt: skip
                    else:
                        first, last = index + term[0], index + term[1]
                        hits.append(
                            Hit(starts[first], ends[last], position, end, candidate.entry,
                                first, last, candidate.order)
                        )  # fmt: skip
                    continue
                if last == _NO_MATCH:
                    continue
            required = candidate.required
            if required is not None:  # a word the regex needs: no regex without it
                for needed in required:
                    if needed in norm:
                        break
                else:
                    continue
            match = candidate.regex.match(norm, position)
            if match is None:
                continue
            if candidate.has_gaps and not _gaps_ok(match):
                continue
            match_start, match_end = match.span()  # match_start is position
            if candidate.has_term_group and match.start("t") >= 0:
                start, end = match.span("t")
                first = bisect_left(starts, start)  # tokens.index_at
                last = bisect_right(ends, end) - 1  # tokens.index_before
            else:
                start, end, first = match_start, match_end, index
                # a one-word match ends where its word does (word ends strictly increase)
                last = index if end == ends[index] else bisect_right(ends, end) - 1
            hits.append(
                Hit(
                    start,
                    end,
                    match_start,
                    match_end,
                    candidate.entry,
                    first,
                    last if last > first else first,
                    candidate.order,
                )
            )
    return hits


_NO_MATCH = -1
_ASK_THE_REGEX = -2


def _sequence_last(
    words: tuple[str, ...], gaps: tuple[str, ...], index: int, following: tuple[frozenset[str], ...]
) -> int:
    r"""The last word of a match at ``index`` of an entry of three or more words from finite
    sets, whose second word is known to match; ``_NO_MATCH``, or ``_ASK_THE_REGEX`` when the
    last word holds a combining mark after a word of its set ("not\u0301": the regex's
    ``(?!\w)`` holds there)."""
    last = index + len(following)
    if last >= len(words):
        return _NO_MATCH
    at = index + 1
    for options in following[1:]:
        at += 1
        if not gaps[at - 1].isspace():
            return _NO_MATCH
        if words[at] not in options:
            return _ASK_THE_REGEX if at == last and has_combining_mark(words[at]) else _NO_MATCH
    return last


def _gaps_ok(match: re.Match[str]) -> bool:
    for name, value in match.groupdict().items():
        if (
            name.startswith("g")
            and value
            and any(w in GAP_BREAKERS for w in WORD_PATTERN.findall(value))
        ):
            return False
    return True


def resolve_overlaps(hits: list[Hit], context_last: frozenset[str]) -> list[Hit]:
    """Keep the longest, then most specific, then earliest-listed match among overlaps.

    Entries whose context is in ``context_last`` (generic subject + verb readings) lose a tie
    to an entry that names the word itself.
    """
    if len(hits) < 2:
        return list(hits)  # most layers of a sentence hold no match or one
    previous = hits[0]
    for hit in hits[1:]:
        if hit.start <= previous.start or hit.start < previous.end:
            break
        previous = hit
    else:  # in text order without overlaps (the common case): the sort keeps that order
        return list(hits)  # and every match is kept
    ordered = sorted(
        hits,
        key=lambda h: (
            h.start,
            -(h.end - h.start),
            h.entry.context in context_last,
            h.order,
        ),
    )
    kept: list[Hit] = []
    last_end = -1
    for hit in ordered:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept
