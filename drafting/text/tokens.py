"""Split prose into tokens that cover it exactly, each with a key used only for matching.

Tokens keep punctuation and whitespace, so concatenating them gives back the input and every
token has exact character offsets. The *key* is what two tokens are compared by: Unicode NFC,
typographic quotes and dashes folded to ASCII, any whitespace run folded to one space, and
optionally case folded. The original text is never changed; only keys are normalised.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import Literal

Granularity = Literal["word", "char"]

_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
"""Combining marks stay with the character before them (a decomposed "é" is one letter)."""

_WORD = rf"\w+(?:[{_COMBINING}]+\w*)*"
r"""Word characters with combining marks among them: the same runs as ``(?:\w[marks]*)+``
(combining marks are not ``\w``), but written so that the engine scans runs of ``\w``
in one loop, which is several times faster."""

_WORD_RE = re.compile(rf"{_WORD}|\s+|[^\w\s][{_COMBINING}]*")
"""Word runs, whitespace runs, or one other character: every character is in one token."""

WORD_PATTERN = re.compile(_WORD)
"""One word: the word tokens of :func:`tokenize` and of :class:`Words` are the same."""


@cache
def _char_pattern() -> re.Pattern[str]:
    """Character granularity: one character (with its combining marks) or one whitespace run.

    This and the other patterns of this module made of a ``_COMBINING`` class that a diff of
    words never uses are compiled when first needed: each such class cost 1.3-2 M
    instructions to compile at start-up."""
    return re.compile(rf"\s+|.[{_COMBINING}]*", re.DOTALL)


FOLD = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, also the typographic apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',  # « French and Russian quotation marks
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
"""Typographic quotes and dashes fold to ASCII for matching (one character to one)."""


@cache
def _word_split() -> re.Pattern[str]:
    """``WORD_PATTERN`` as a capturing split: texts between words and words, alternating."""
    return re.compile(f"({_WORD})")


_ASCII_WORD_SPLIT = re.compile(r"(\w+)", re.ASCII)
r"""``_word_split()`` for a text that is all ASCII, where it cuts the same runs (no combining
mark is ASCII, and an ASCII character is ``\w`` in both modes exactly when it is a letter, a
digit or ``_``) a third faster: the ASCII mode tests a character with a table lookup."""


WORD, SPACE, PUNCT = 0, 1, 2
"""Token classes."""


class Tokens:
    """A text cut into tokens: ``texts`` concatenate to the input; ``starts[i]`` is the offset
    of token ``i`` (plus one final entry: the input's length); ``keys`` are for matching;
    ``classes`` are the tokens' classes (empty when not asked for).

    A plain class with slots, not a frozen dataclass (treat it as read-only): it is working
    data of the word diff, never compared or printed, and making the dataclass was about
    4 M instructions at start-up. (``Words`` likewise, for the strength matcher.)"""

    __slots__ = ("classes", "keys", "starts", "texts")

    def __init__(
        self,
        texts: tuple[str, ...],
        keys: tuple[str, ...],
        classes: tuple[int, ...],
        starts: tuple[int, ...],
    ) -> None:
        self.texts = texts
        self.keys = keys
        self.classes = classes
        self.starts = starts


def has_combining_mark(text: str) -> bool:
    r"""Whether ``text`` holds a combining mark (a word token can: they are not ``\w``)."""
    return _mark_pattern().search(text) is not None


@cache
def _mark_pattern() -> re.Pattern[str]:
    return re.compile(f"[{_COMBINING}]")  # compiled when first needed: a Unicode class


def normalise_key(text: str, *, ignore_case: bool = False) -> str:
    """The matching key of a stretch of text: NFC, folded quotes and dashes, collapsed spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(FOLD)
    key = " ".join(text.split())
    return key.casefold() if ignore_case else key


NONSPACE_PATTERN = re.compile(rf"{_WORD}|[^\w\s][{_COMBINING}]*")
"""The non-space tokens of :func:`tokenize` (words, and other characters with their marks),
found without building the tokens: for an ASCII text, they are also its non-space keys."""


_ASCII_SPACE = r"\s\x1c-\x1f"
r"""What ``\s`` matches of ASCII in a str pattern (the ASCII flag's ``\s`` lacks the four
separators ``\x1c``-``\x1f``, which ``str.isspace`` and ``\s`` count as whitespace)."""


@cache
def ascii_nonspace_pattern() -> re.Pattern[str]:
    """``NONSPACE_PATTERN`` for an all-ASCII text, in the ASCII mode (a character tested by a
    table lookup): the same tokens (no combining mark is ASCII), a third fewer instructions.
    Compiled when first needed."""
    return re.compile(rf"\w+|[^\w{_ASCII_SPACE}]", re.ASCII)


@cache
def _ascii_token_pattern() -> re.Pattern[str]:
    """``_WORD_RE`` for an all-ASCII text, in the ASCII mode (as ``ascii_nonspace_pattern``)."""
    return re.compile(rf"\w+|[{_ASCII_SPACE}]+|[^\w{_ASCII_SPACE}]", re.ASCII)


def count_tokens(text: str, *, granularity: Granularity = "word", words_only: bool = False) -> int:
    """How many non-space tokens (word tokens with ``words_only``) ``text`` has."""
    if granularity == "word":
        pattern = WORD_PATTERN if words_only else NONSPACE_PATTERN
    else:
        pattern = _char_count_pattern(words_only)
    return len(pattern.findall(text))


@cache
def _char_count_pattern(words_only: bool) -> re.Pattern[str]:
    """The non-space tokens (or only the word tokens) of character granularity."""
    return re.compile(rf"\w[{_COMBINING}]*" if words_only else rf"\S[{_COMBINING}]*")


def tokenize(
    text: str,
    *,
    granularity: Granularity = "word",
    ignore_case: bool = False,
    with_classes: bool = True,
) -> Tokens:
    """Cut ``text`` into word, whitespace and punctuation tokens (or characters) with keys.
    ``with_classes=False`` skips the token classes (``classes`` is empty) for speed."""
    ascii = text.isascii()
    if granularity != "word":
        pattern = _char_pattern()
    else:
        pattern = _ascii_token_pattern() if ascii else _WORD_RE
    texts: list[str] = pattern.findall(text)
    classes: list[int] = []
    if ascii:
        # no key to normalise but for spaces (and case): each token's class is its first
        # character's, looked up in C, and the keys are made inline, without _class and _key
        if with_classes or ignore_case:
            classes = list(map(_ASCII_CLASS.__getitem__, map(_FIRST, texts)))
            if ignore_case:
                keys = [
                    piece.casefold() if c == WORD else " " if c == SPACE else piece
                    for piece, c in zip(texts, classes, strict=True)
                ]
            elif "  " not in text and text.isprintable():
                # every whitespace token is one space (ASCII whitespace but the space is
                # unprintable), which is its own key: the keys are the texts
                keys = texts
            else:
                keys = [
                    " " if c == SPACE else piece for piece, c in zip(texts, classes, strict=True)
                ]
        else:
            keys = [" " if piece.isspace() else piece for piece in texts]
    else:
        classes = [_class(piece[0]) for piece in texts]
        keys = [_key(piece, c, ignore_case) for piece, c in zip(texts, classes, strict=True)]
    texts_tuple = tuple(texts)
    return Tokens(
        texts_tuple,
        texts_tuple if keys is texts else tuple(keys),
        tuple(classes) if with_classes else (),
        tuple(accumulate(map(len, texts), initial=0)),
    )


def _class(first: str) -> int:
    """A token's class from its first character (every token is of one class throughout)."""
    if first.isalnum() or first == "_":
        return WORD
    return SPACE if first.isspace() else PUNCT


_ASCII_CLASS = {chr(point): _class(chr(point)) for point in range(128)}
"""``_class`` of each ASCII character."""

_FIRST = itemgetter(0)


def _key(piece: str, kind: int, ignore_case: bool) -> str:
    """``normalise_key`` for one token, cheaper: only punctuation can hold a quote or dash
    to fold, and only words have case."""
    if kind == SPACE:
        return " "
    if not piece.isascii():
        piece = unicodedata.normalize("NFC", piece)
        if kind == PUNCT:
            piece = piece.translate(FOLD)
    return piece.casefold() if ignore_case and kind == WORD else piece


class Words:
    """Only the word tokens of a text, as offsets, with lookups from offsets to word indices.

    The strength matcher walks words, not spaces and punctuation; this is the same word
    pattern as :func:`tokenize`, without building the tokens it does not need. ``gaps[i -
    1]`` is the text between word ``i - 1`` and word ``i`` (one fewer than the words; empty
    when the value was built without them). A plain class with slots, as ``Tokens`` is."""

    __slots__ = ("ends", "gaps", "starts", "words")

    def __init__(
        self,
        starts: tuple[int, ...],
        ends: tuple[int, ...],
        words: tuple[str, ...],
        gaps: tuple[str, ...] = (),
    ) -> None:
        self.starts = starts
        self.ends = ends
        self.words = words
        self.gaps = gaps

    @classmethod
    def of(cls, text: str) -> Words:
        # one split gives the words at odd positions with the text between them at even
        # positions; running sums of the lengths are the offsets (all in C, no match objects)
        parts = (_ASCII_WORD_SPLIT if text.isascii() else _word_split()).split(text)
        if len(parts) == 1:
            return cls((), (), ())
        offsets = list(accumulate(map(len, parts)))
        return cls(
            tuple(offsets[0:-1:2]),
            tuple(offsets[1::2]),
            tuple(parts[1::2]),
            tuple(parts[2:-1:2]),
        )

    def index_at(self, offset: int) -> int:
        """Index of the word that starts at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def index_before(self, offset: int) -> int:
        """Index of the last word that ends at or before ``offset``."""
        return bisect_right(self.ends, offset) - 1
