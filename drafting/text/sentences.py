"""Split treaty prose into sentences, returning character spans into the text as given.

Why spans and not strings: the importer and the diff report offsets into the input as read,
so every sentence must map back exactly (``text[start:end]`` is the sentence, trimmed).

How: one compiled regex finds every *candidate* end (``.``, ``!``, ``?``, ``…`` plus any
closing quotes or brackets, followed by whitespace or the end) and every blank line; a short
check per candidate (not per character) then rejects ends that are abbreviations ("Art. 5",
"No. 3", "U.S.", "e.g.", "ст. 5", "т.е."), initials ("J. Smith"), an ellipsis inside a
quotation, or a break before a lower-case word. Decimals ("3.5") never match because the
point is not followed by whitespace. A blank line always ends a sentence (headings, list
items without a full stop).
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_CLOSERS = "»”’\"')\\]"
"""Characters that may follow the end punctuation and still belong to the sentence."""

_END = (
    r"(?P<punct>[.!?…]+)"
    r"(?P<close>(?:[\u00a0\u202f ]?»|[" + _CLOSERS + r"])*)"
    r"(?P<gap>\s+|\Z)"
)
_CANDIDATE = re.compile(_END + r"|(?P<blank>[ \t\u00a0]*\n[ \t\u00a0]*(?:\n\s*)+)")
"""A candidate sentence end, or a blank line (a hard break)."""

_CANDIDATE_ONE_LINE = re.compile(_END)
"""The same for a range without line breaks: about twice as fast to scan."""

_OPENERS = "«“„‘\"'([\u00a0\u202f "
"""Skipped at the start of the next sentence before looking at its first letter."""

_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}\Z")
"""Dotted abbreviations such as "U.S", "e.g", "i.e", "т.е", "U.S.S.R" (final point cut off)."""


def _words(table: str) -> frozenset[str]:
    """A table of words written as one space-separated string."""
    return frozenset(table.split())


_COMMON: frozenset[str] = _words(
    # references inside legal texts
    "Art art Arts arts Doc doc Res Rev Add Corr op cit ibid Ibid cf Cf al vs viz approx "
    # titles and names
    "Mr Mrs Ms Dr Prof St Ste Sr Jr Gen Col Lt Capt Sen Rep Gov Amb H.E Hon Rt Messrs Mt Ft "
    "Corp Inc Ltd Co Bros "
    # months written short
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
)
"""Abbreviations (without their point) after which a sentence never ends, in any language."""

_BY_LANGUAGE: dict[str, frozenset[str]] = {
    "fr": _words("M MM Mme Mmes Mlle Mgr art al av env cf éd dir coll suiv sq"),
    "ru": _words(
        "ст Ст стт п пп г гг ч чч см См им др проф тыс млн млрд руб стр рис напр разд прим ул "
        "д с т тт гл абз подп пр ред англ рус вв в о ок"
    ),
    "uk": _words(
        "ст Ст п пп ч р рр див Див напр ім тис млн млрд грн розд стор гл абз підп ред англ укр "
        "с т пор проф д вул"
    ),
}
"""Abbreviations by language. All of them apply to every text, whatever its language: drafts
quote each other across languages ("ст. 5" in an English note) and the lists do not collide."""

_ALL: frozenset[str] = _COMMON.union(*_BY_LANGUAGE.values())

_STRUCTURE_WORDS: frozenset[str] = _words(
    "article annex part section chapter schedule appendix title chapitre "
    "статья стаття раздел розділ глава приложение додаток"
)
"""After these a single capital is a number ("Article V."), not an initial."""

_SENTENCE_STARTERS: frozenset[str] = _words(
    "The This These That Those It Its We They He She In Each Any All No Neither Nothing Such "
    "A An If On At For As But However There"
)
"""After a dotted acronym ("U.S.") these words start a new sentence; others do not."""

_BEFORE_NUMBER: frozenset[str] = _words(
    "No no Nos nos Nr p pp para paras Para subpara vol Vol fig Fig sec Sec secs ch Ch chap "
    "Chap cl Cl n°"
)
"""Abbreviations only when a number follows ("No. 3", "p. 12"); "The answer is no. We" ends."""

_STOPPING: frozenset[str] = _ALL | _BEFORE_NUMBER
"""The words of letters after which a full stop may not end a sentence (``_is_end``)."""

_LONG_WORD = 1 + max(len(word) for word in (*_ALL, *_BEFORE_NUMBER, "т.д", "т.п"))
"""A full stop after this many letters follows a word that is no abbreviation ("subpara" is
the longest), no initial, no number and no dotted acronym: it ends the sentence."""


_NEXT_OPENERS = "«“„‘\"'([\u00a0\u202f "
"""What ``_NEXT_WORD`` skips before the next word: when the next character is none of these
(and, after a gap, no other space), the next word starts with it."""

_NEXT_WORD = re.compile(rf"[{re.escape(_NEXT_OPENERS)}]*(\w[\w\-’']*|\S?)")


def _next_word(text: str, pos: int, end: int) -> str:
    """The word starting at ``pos``, after any opening quotes or brackets."""
    match = _NEXT_WORD.match(text, pos, end)
    return match.group(1) if match else ""


def _word_before(text: str, start: int, pos: int) -> tuple[str, str]:
    """The token ending at ``pos`` (opening quotes stripped) and the token before it."""
    # the last two whitespace-separated chunks, as ``split()`` gives them, found from the end
    window = text[max(start, pos - 60) : pos].rsplit(None, 2)
    if not window:
        return "", ""
    word = window[-1].lstrip(_OPENERS)
    if "’" in word or "'" in word:
        word = re.split(r"[’']", word)[-1]  # French elision: "l’art." is "art."
    previous = window[-2] if len(window) > 1 else ""
    return word, previous


class _QuoteDepth:
    """Running count of open quotations, advanced lazily so the whole pass stays linear."""

    def __init__(self, text: str, start: int) -> None:
        self.text = text
        self.pos = start
        self.depth = 0
        self.straight = 0

    def reset(self, pos: int) -> None:
        self.pos, self.depth, self.straight = pos, 0, 0

    def at(self, pos: int) -> bool:
        t, a = self.text, self.pos
        if pos > a:
            opens = t.count("“", a, pos) + t.count("«", a, pos) + t.count("„", a, pos)
            closes = t.count("”", a, pos) + t.count("»", a, pos)
            self.depth = max(0, self.depth + opens - closes)
            self.straight += t.count('"', a, pos)
            self.pos = pos
        return self.depth > 0 or self.straight % 2 == 1


_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")


def _has_blank_line(gap: str) -> bool:
    """Whether the whitespace after a candidate end holds a blank line (a hard break)."""
    return "\n" in gap and _BLANK_LINE.search(gap) is not None


_PUNCT, _CLOSE, _GAP, _BLANK = 1, 2, 3, 4
"""The groups of ``_CANDIDATE`` (and, but for the last, ``_CANDIDATE_ONE_LINE``) by number:
a group read by number is found without a look-up of its name, and this runs per candidate."""


def _is_end(
    text: str,
    seg_start: int,
    match: re.Match[str],
    end: int,
    lines: bool,
) -> bool | None:
    """Decide whether a candidate end really ends a sentence; None for an ellipsis that ends
    it unless it is inside a quotation (the caller keeps the count of quotations).
    ``lines``: whether the range holds a line break (else the gap after the candidate cannot
    hold a blank line)."""
    nxt = match.end()
    if nxt >= end:
        return True
    if lines:
        gap = match.group(_GAP)
        if "\n" in gap and _BLANK_LINE.search(gap) is not None:
            return True  # a blank line (``_has_blank_line``, inlined: this runs per candidate)
    first = text[nxt]
    following: str | None = None  # the next word, read only when needed
    if first in _NEXT_OPENERS:
        following = _next_word(text, nxt, end)
        first = following[:1]
    if not (first.isupper() or first.isdigit()):
        return False  # "etc. and", "Non ! dit-il", "ст. 5 и"
    p, stop = match.span(_PUNCT)
    if stop - p == 1:
        mark = text[p]
        if mark != ".":
            if mark != "…":
                return True  # "!" or "?"
        elif p - seg_start >= _LONG_WORD and text[p - _LONG_WORD : p].isalpha():
            return True  # the common case: a word longer than any abbreviation, no initial
    punct = text[p:stop]
    if "…" in punct or ".." in punct:
        # "[…]" elides inside a quotation; an ellipsis within quotes keeps the sentence open.
        if p > 0 and text[p - 1] in "[(":
            return False
        return True if match.group(_CLOSE) != "" else None
    if punct != ".":
        return True
    space = text.rfind(" ", seg_start, p)
    if space >= 0 and p - space > 2:
        # the next most common: a word of letters after a space, of two letters or more and
        # none of the abbreviations (then no check below applies: they look at a number, an
        # abbreviation, a dotted word, an initial). A word of letters holds no space, quote,
        # bracket or point, so it is the word ``_word_before`` finds.
        word = text[space + 1 : p]
        if word.isalpha() and word not in _STOPPING:
            return True
    word, previous = _word_before(text, seg_start, p)
    if not word:
        return True
    if word.isdigit() and len(word) <= 3 and not text[seg_start : p - len(word)].strip():
        return False  # "2. The Parties shall": a paragraph number, not a sentence
    if following is None:
        following = _next_word(text, nxt, end)
    if word in _BEFORE_NUMBER:
        # (a Roman numeral: a pattern of re's cache, compiled when first needed; start-up time)
        return not (following[:1].isdigit() or re.match("[IVXLCDM]+\\Z", following))
    if word in _ALL:
        return False
    if word in ("т.д", "т.п"):
        return True  # "and so on" usually closes a sentence
    if _ACRONYM.match(word):
        # "U.S. The" starts a new sentence, "U.S. Government" does not.
        return word[:1].isupper() and following in _SENTENCE_STARTERS
    if len(word) == 1 and word.isalpha() and word.isupper():
        # An initial ("J. Smith") unless it is a number: "Article V. The Parties".
        return previous.lower().strip("([") in _STRUCTURE_WORDS
    return True


def _ends(
    text: str,
    seg_start: int,
    match: re.Match[str],
    end: int,
    lines: bool,
    quotes: _QuoteDepth | None,
    quote_from: int,
) -> tuple[bool, _QuoteDepth | None]:
    """``_is_end``, with an ellipsis decided by the count of quotations (the end unless it
    is inside one); the count is made from ``quote_from`` when first needed (most ranges
    never need it) and returned for the next candidates."""
    ends = _is_end(text, seg_start, match, end, lines)
    if ends is None:
        if quotes is None:
            quotes = _QuoteDepth(text, quote_from)
        ends = not quotes.at(match.start(_PUNCT))
    return ends, quotes


def _split(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (offsets into ``text``)."""
    lines = text.find("\n", start, end) >= 0
    # only a range holding a "[" can put a candidate end inside brackets
    brackets = text.find("[", start, end) >= 0
    if not lines and not brackets:
        return _split_line(text, start, end)
    spans: list[Span] = []
    seg_start = start  # start of the current (unfinished) sentence
    # only an ellipsis looks at quotations: their count starts at ``quote_from`` and is made
    # when one needs it (until then it is nothing but where it starts)
    quotes: _QuoteDepth | None = None
    quote_from = start
    found = _CANDIDATE.finditer(text, start, end) if lines else _one_line(text, start, end)
    for match in found:
        if lines and match.group(_BLANK) is not None:
            cut = match.start()
            if quotes is not None:
                quotes.reset(match.end())
            quote_from = match.end()
        else:
            cut = match.start(_GAP)
            if (
                brackets
                and _inside_brackets(text, seg_start, cut)
                and not _has_blank_line(match.group(_GAP))
            ):
                continue  # "[Alt 1: … . Alt 2: … .]" is one negotiating sentence
            ends, quotes = _ends(text, seg_start, match, end, lines, quotes, quote_from)
            if not ends:
                continue
            if lines and _has_blank_line(match.group(_GAP)):
                if quotes is not None:
                    quotes.reset(match.end())
                quote_from = match.end()
        if seg_start < cut and not text[seg_start].isspace() and not text[cut - 1].isspace():
            spans.append((seg_start, cut))  # ``_append``'s common case, inlined
        else:
            _append(text, seg_start, cut, spans)
        seg_start = match.end()
    _append(text, seg_start, end, spans)
    return spans


_END_MARKS = ".!?…"
"""The characters a candidate end starts with (``_END``'s ``punct``)."""


def _marks(text: str, start: int, end: int) -> list[int]:
    """The offsets of the end marks in ``text[start:end]``, in order, found with ``str.find``
    (a fast search; the regex engine tests every character of the range)."""
    marks = []
    for mark in _END_MARKS:
        k = text.find(mark, start, end)
        while k >= 0:
            marks.append(k)
            k = text.find(mark, k + 1, end)
    marks.sort()
    return marks


def _split_line(text: str, start: int, end: int) -> list[Span]:
    """``_split`` of a range without a line break or a bracket (most paragraphs), in one
    pass over its end marks. The most common candidate, a full stop followed by one space
    and a capital or a digit, is decided here without the pattern: ``_CANDIDATE_ONE_LINE``
    matched there gives exactly that full stop as ``punct``, no ``close`` and the space as
    ``gap``, and ``_is_end`` ends the sentence after a word longer than any abbreviation, a
    word of letters that is none (its first two checks) or a number that is not a
    paragraph's (none of its later checks applies to digits). Every other mark goes through
    the pattern and ``_is_end``, as in ``_split``."""
    marks = _marks(text, start, end)
    spans: list[Span] = []
    seg_start = cursor = start
    quotes: _QuoteDepth | None = None
    match_at = _CANDIDATE_ONE_LINE.match
    for k in marks:
        if k < cursor:
            continue  # inside the previous match (a run of marks, or its closing quotes)
        if text[k] == "." and k + 1 == end:
            # a full stop at the end of the range (most paragraphs' last): the pattern gives
            # it as ``punct`` with an empty gap at the end, and ``_is_end`` ends it at once
            if seg_start < k and not text[seg_start].isspace():
                spans.append((seg_start, end))
            else:
                _append(text, seg_start, end, spans)
            return spans
        if text[k] == "." and k + 2 < end and text[k + 1] == " ":
            following = text[k + 2]
            if following.isupper() or following.isdigit():
                if k - seg_start >= _LONG_WORD and text[k - _LONG_WORD : k].isalpha():
                    sure = True
                else:
                    space = text.rfind(" ", seg_start, k)
                    word = text[space + 1 : k] if space >= 0 else ""
                    if word.isalpha():
                        sure = len(word) > 1 and word not in _STOPPING
                    else:
                        # a number ("in accordance with Article 5. The"): the end unless it
                        # is a paragraph's number of up to three digits, alone before it
                        sure = word.isdigit() and (
                            len(word) > 3 or text[seg_start:space].strip() != ""
                        )
                if sure:
                    if seg_start < k and not text[seg_start].isspace():
                        spans.append((seg_start, k + 1))
                    else:
                        _append(text, seg_start, k + 1, spans)
                    seg_start = cursor = k + 2
                    continue
        match = match_at(text, k, end)
        if match is None:
            continue
        cursor = match.end()
        ends, quotes = _ends(text, seg_start, match, end, False, quotes, start)
        if not ends:
            continue
        cut = match.start(_GAP)
        if seg_start < cut and not text[seg_start].isspace() and not text[cut - 1].isspace():
            spans.append((seg_start, cut))  # ``_append``'s common case, inlined
        else:
            _append(text, seg_start, cut, spans)
        seg_start = cursor
    _append(text, seg_start, end, spans)
    return spans


def _one_line(text: str, start: int, end: int) -> list[re.Match[str]]:
    """``list(_CANDIDATE_ONE_LINE.finditer(text, start, end))``, faster: a candidate can only
    start at an end mark, so the pattern is matched at each of ``_marks``."""
    marks = _marks(text, start, end)
    cursor = start
    match_at = _CANDIDATE_ONE_LINE.match
    found = []
    for k in marks:
        if k < cursor:
            continue  # inside the previous match (a run of marks, or its closing quotes)
        match = match_at(text, k, end)
        if match is not None:
            cursor = match.end()
            found.append(match)
    return found


def _inside_brackets(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` is inside square brackets opened since ``start``: bracketed options
    and alternatives of a negotiating text (``[shall][should]``, ``[Alt 1: … Alt 2: …]``)
    stay in their sentence, whatever full stops they hold. A blank line still ends it."""
    return text.count("[", start, pos) > text.count("]", start, pos)


def _append(text: str, a: int, b: int, spans: list[Span]) -> None:
    """Add ``text[a:b]`` trimmed of surrounding whitespace, if anything is left."""
    if a < b and not text[a].isspace() and not text[b - 1].isspace():
        spans.append((a, b))  # the common case: cut right after a gap and right before one
        return
    piece = text[a:b]
    stripped = piece.lstrip()
    if not stripped:
        return
    a += len(piece) - len(stripped)
    b = a + len(stripped.rstrip())
    spans.append((a, b))


def split_sentences(text: str, language: str | None = None) -> list[Span]:
    """Spans ``(start, end)`` of the sentences of ``text``, trimmed of surrounding whitespace.

    A blank line always ends a sentence. ``language`` (``en``, ``fr``, ``ru``, ``uk``) is
    accepted for callers that know it, but every language's abbreviations apply to every text
    (see ``_BY_LANGUAGE``), so the result does not depend on it today.
    """
    del language  # part of the interface; see the docstring
    return _split(text, 0, len(text))


def split_range(text: str, start: int, end: int, language: str | None = None) -> list[Span]:
    """Like :func:`split_sentences` on ``text[start:end]`` without copying the slice."""
    del language
    return _split(text, start, end)
