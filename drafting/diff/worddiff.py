"""Word (or character) diff of two short texts, as exact ops with offsets.

diff-match-patch on tokens: every distinct token key becomes one code point (the library's
``linesToChars`` trick applied to words), the two code strings are diffed with
``Diff_Timeout = 0`` (results never depend on machine speed) and no semantic cleanup (which
swallowed about a third of one-word modal swaps in a trial), and the result is mapped back to
the original token texts. Two passes of our own replace the library's cleanup:

- a sentence pair whose similarity is below ``replace_below`` and that has more than one change
  is shown as one replacement, not as confetti around chance common words ("of NATO");
- a whitespace/punctuation-only equality between two multi-word changes is folded into them,
  while a one-word substitution ("shall" -> "should") is never merged into anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial
from operator import itemgetter
from typing import Literal, NamedTuple

from drafting.diff.chance import is_chance, is_strength_word
from drafting.diff.options import DiffOptions
from drafting.diff.report import Op, OpKind
from drafting.text.tokens import (
    PUNCT,
    SPACE,
    WORD,
    Tokens,
    ascii_nonspace_pattern,
    count_tokens,
    tokenize,
)

Engine = Callable[[str, str], list[tuple[str, int]]]
"""Diff two code strings: a list of ``("=" | "-" | "+", length)`` runs."""

_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"\w+")


def _cxx_engine() -> Engine:
    import fast_diff_match_patch  # optional extra: the C++ build (falls back to pure Python)

    diff = fast_diff_match_patch.diff

    def run(a: str, b: str) -> list[tuple[str, int]]:
        return diff(a, b, timelimit=0, checklines=False, cleanup="No")

    return run


def _python_engine() -> Engine:
    from diff_match_patch import diff_match_patch  # start-up time: only without the C++ build

    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    names = {0: "=", -1: "-", 1: "+"}

    def run(a: str, b: str) -> list[tuple[str, int]]:
        return [(names[op], len(text)) for op, text in dmp.diff_main(a, b, False)]

    return run


def get_engine(name: str = "auto") -> Engine:
    """The diff-match-patch implementation: ``c++`` (fast-diff-match-patch), ``python`` (the
    reference pure-Python port), or ``auto`` (C++ when installed). Same algorithm, same output;
    docs/performance.md compares their speed."""
    if name == "python":
        return _python_engine()
    if name == "c++":
        return _cxx_engine()
    try:
        return _cxx_engine()
    except ImportError:
        return _python_engine()


def _code(index: int) -> str:
    """The code point for the ``index``-th distinct token, skipping surrogates."""
    point = 0x100 + index
    if point >= 0xD800:
        point += 0x800
    return chr(point)


def encode(a_keys: Sequence[str], b_keys: Sequence[str]) -> tuple[str, str]:
    """Map each distinct key to one code point, shared by both sequences."""
    distinct = dict.fromkeys([*a_keys, *b_keys])
    if len(distinct) < 0xD800 - 0x100:  # no surrogate to skip: the codes in one go
        codes = dict(zip(distinct, map(chr, range(0x100, 0x100 + len(distinct))), strict=True))
    else:
        codes = {key: _code(index) for index, key in enumerate(distinct)}
    lookup = codes.__getitem__
    return "".join(map(lookup, a_keys)), "".join(map(lookup, b_keys))


class PairDiff(NamedTuple):
    """The ops of one pair of texts, how alike they are (0..1), and whether shown replaced.

    A named tuple, not a frozen dataclass: ``diff_pair`` returns it to the diff's own
    modules (positions, ``edits``), and making the dataclass was about 3.6 M instructions
    at start-up."""

    ops: tuple[Op, ...]
    similarity: float
    replaced: bool


class _Block(NamedTuple):
    """Token ranges ``[a0, a1)`` and ``[b0, b1)``: equal keys, a change, or a soft change
    (only tokens the options ignore, such as punctuation with ``ignore_punctuation``).
    A named tuple, not a frozen dataclass: a long diff makes tens of thousands of these
    short-lived values inside one function, and a tuple is three times cheaper to build."""

    kind: str  # "equal", "change", "soft"
    a0: int
    a1: int
    b0: int
    b1: int


def _blocks_all(runs: list[tuple[str, int]]) -> list[_Block]:
    """Blocks when every token took part in the diff: runs map one to one onto tokens."""
    blocks: list[_Block] = []
    ia = ib = 0
    for op, length in runs:
        if op == "=":
            blocks.append(_Block("equal", ia, ia + length, ib, ib + length))
            ia += length
            ib += length
        elif op == "-":
            blocks.append(_Block("change", ia, ia + length, ib, ib))
            ia += length
        else:
            blocks.append(_Block("change", ia, ia, ib, ib + length))
            ib += length
    return blocks


def _blocks_words(
    runs: list[tuple[str, int]], ta: Tokens, tb: Tokens, a_words: list[int], b_words: list[int]
) -> list[_Block]:
    """Blocks when only word tokens took part (``ignore_punctuation``): anchor on matched
    words; what lies between two matched words is soft, what lies around changes is change."""
    blocks: list[_Block] = []
    a_classes, b_classes = ta.classes, tb.classes
    na, nb = len(ta.texts), len(tb.texts)
    pa = pb = 0  # positions in the word lists
    ca = cb = 0  # token cursors
    pending_change = False
    for op, length in runs:
        if op == "=":
            for _ in range(length):
                wa, wb = a_words[pa], b_words[pb]  # token indices of the matched words
                if wa > ca or wb > cb:
                    _add_gap(blocks, pending_change, a_classes, b_classes, ca, wa, cb, wb)
                pending_change = False
                blocks.append(_Block("equal", wa, wa + 1, wb, wb + 1))
                ca, cb = wa + 1, wb + 1
                pa += 1
                pb += 1
        elif op == "-":
            pa += length
            pending_change = True
        else:
            pb += length
            pending_change = True
    if ca < na or cb < nb:
        _add_gap(blocks, pending_change, a_classes, b_classes, ca, na, cb, nb)
    return blocks


def _add_gap(
    blocks: list[_Block],
    changed: bool,
    a_classes: Sequence[int],
    b_classes: Sequence[int],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
) -> None:
    """The tokens between two matched words: soft if no word changed there; otherwise a change
    whose leading and trailing spaces and punctuation are split off as soft."""
    if not changed:
        blocks.append(_Block("soft", a0, a1, b0, b1))
        return
    lead_a = a0
    while lead_a < a1 and a_classes[lead_a] != WORD:
        lead_a += 1
    lead_b = b0
    while lead_b < b1 and b_classes[lead_b] != WORD:
        lead_b += 1
    trail_a = a1
    while trail_a > lead_a and a_classes[trail_a - 1] != WORD:
        trail_a -= 1
    trail_b = b1
    while trail_b > lead_b and b_classes[trail_b - 1] != WORD:
        trail_b -= 1
    if lead_a > a0 or lead_b > b0:
        blocks.append(_Block("soft", a0, lead_a, b0, lead_b))
    blocks.append(_Block("change", lead_a, trail_a, lead_b, trail_b))
    if trail_a < a1 or trail_b < b1:
        blocks.append(_Block("soft", trail_a, a1, trail_b, b1))


# ---------------------------------------------------------------- hunks as a lawyer reads them

FEW_WORDS = 6
"""A hunk that changes a strength term is never grown by folding beyond this many words on
either side: the term must stay visible (``will {+never+} become``)."""

MAX_CHANCE_WORDS = 3
"""The longest run of shared function words folded into the changes around it ("of the")."""


def _anchor_blocks(
    runs: list[tuple[str, int]], ta: Tokens, tb: Tokens, a_anchor: list[int], b_anchor: list[int]
) -> list[_Block]:
    """Blocks tiling every token when only non-space tokens took part in the diff (as git's
    word diff: whitespace never anchors). Between two matched tokens: whitespace only is
    equal (or soft when it differs); anything else is one change, with the whitespace both
    sides have at its edges split off as equal.

    A stretch of matched tokens and the single spaces between them is one equal block from
    its first space to its last (the tokens before its first space and after its last are
    blocks of one token each): every later pass reads the same tokens in fewer blocks. Such
    a block never touches a change but through a space, so the glue passes, which join a
    change only with a one-token word, bracket or quote beside it, see what they would see
    one token at a time."""
    blocks: list[_Block] = []
    ca = cb = 0  # token cursors
    pa = pb = 0  # positions in the anchor lists
    na, nb = len(ta.texts), len(tb.texts)

    a_classes, b_classes = ta.classes, tb.classes
    block = partial(tuple.__new__, _Block)  # _Block(*fields), without its Python-level __new__

    def gap(a1: int, b1: int) -> None:
        nonlocal ca, cb
        a0, b0 = ca, cb
        if a0 == a1 and b0 == b1:
            return
        if a1 - a0 == 1 and b1 - b0 == 1:  # the common case: one token on each side
            only_space = a_classes[a0] == SPACE and b_classes[b0] == SPACE
        else:
            only_space = all(a_classes[k] == SPACE for k in range(a0, a1)) and all(
                b_classes[k] == SPACE for k in range(b0, b1)
            )
        if only_space:
            kind = "equal" if (a1 - a0) == (b1 - b0) else "soft"
            blocks.append(block((kind, a0, a1, b0, b1)))
            ca, cb = a1, b1
            return
        if a0 < a1 and b0 < b1 and ta.classes[a0] == SPACE and tb.classes[b0] == SPACE:
            blocks.append(block(("equal", a0, a0 + 1, b0, b0 + 1)))
            a0, b0 = a0 + 1, b0 + 1
        tail: _Block | None = None
        if (
            a0 < a1
            and b0 < b1
            and ta.classes[a1 - 1] == SPACE
            and tb.classes[b1 - 1] == SPACE
            and (a1 - a0 > 1 or b1 - b0 > 1)
        ):
            tail = block(("equal", a1 - 1, a1, b1 - 1, b1))
            a1, b1 = a1 - 1, b1 - 1
        blocks.append(block(("change", a0, a1, b0, b1)))
        if tail is not None:
            blocks.append(tail)
        ca, cb = tail.a1 if tail else a1, tail.b1 if tail else b1

    append = blocks.append

    def stretch(a0: int, b0: int) -> None:
        """The blocks of the tokens from ``a0``, ``b0`` to the cursors: matched tokens and
        single spaces, one for one on the two sides."""
        first = a0
        while first < ca and a_classes[first] != SPACE:
            first += 1
        last = ca - 1
        while last > first and a_classes[last] != SPACE:
            last -= 1
        if last <= first:  # one space or none: a block per token
            first = last = ca
        for k in range(a0, first):
            append(block(("equal", k, k + 1, b0 + k - a0, b0 + k - a0 + 1)))
        if last > first:
            append(block(("equal", first, last + 1, b0 + first - a0, b0 + last + 1 - a0)))
        for k in range(last + 1, ca):
            append(block(("equal", k, k + 1, b0 + k - a0, b0 + k - a0 + 1)))

    for op, length in runs:
        if op == "=":
            start_a = start_b = -1  # where the stretch of this run not yet in blocks starts
            for wa, wb in zip(a_anchor[pa : pa + length], b_anchor[pb : pb + length], strict=True):
                if (wa > ca or wb > cb) and not (
                    wa - ca == 1
                    and wb - cb == 1
                    and a_classes[ca] == SPACE
                    and b_classes[cb] == SPACE
                ):  # anything but one space on each side between two matched tokens
                    if start_a >= 0:
                        stretch(start_a, start_b)
                    gap(wa, wb)
                    start_a = -1
                if start_a < 0:
                    start_a, start_b = ca, cb
                ca, cb = wa + 1, wb + 1
            if start_a >= 0:
                stretch(start_a, start_b)
            pa += length
            pb += length
        elif op == "-":
            pa += length
        else:
            pb += length
    gap(na, nb)
    return blocks


def _words_between(tokens: Tokens, start: int, end: int) -> list[str]:
    return [tokens.texts[k] for k in range(start, end) if tokens.classes[k] == WORD]


def _chance_run(run: list[_Block], ta: Tokens) -> bool:
    """Whether a run of equal blocks holds only chance anchors: punctuation, and at most
    ``MAX_CHANCE_WORDS`` function words."""
    classes, texts = ta.classes, ta.texts
    count = 0
    for block in run:
        for k in range(block.a0, block.a1):
            if classes[k] == WORD:
                count += 1
                if count > MAX_CHANCE_WORDS or not is_chance(texts[k]):
                    return False  # settled at the first word too many or not chance
    return True


def _has_strength(block: _Block, ta: Tokens, tb: Tokens) -> bool:
    return any(
        is_strength_word(w)
        for w in (*_words_between(ta, block.a0, block.a1), *_words_between(tb, block.b0, block.b1))
    )


def _size(block: _Block, ta: Tokens, tb: Tokens) -> int:
    return max(
        len(_words_between(ta, block.a0, block.a1)), len(_words_between(tb, block.b0, block.b1))
    )


def _glue_punctuation(blocks: list[_Block], ta: Tokens, tb: Tokens) -> list[_Block]:
    """A change of punctuation alone that touches a word (no space between) changes that
    word, as a reader sees it: ``[-electoral-]{+electoral,+}`` rather than a hunk of its own
    for the comma (git's word diff, which cuts at spaces, shows the same)."""
    a_classes, b_classes = ta.classes, tb.classes
    if not any(
        kind == "change"
        and a_classes[a0:a1].count(PUNCT) == a1 - a0
        and b_classes[b0:b1].count(PUNCT) == b1 - b0
        for kind, a0, a1, b0, b1 in blocks
    ):
        return _glue_brackets(blocks, ta)  # no change of punctuation alone (most pairs)
    out = list(blocks)
    glued = False
    k = 0
    while k < len(out):
        block = out[k]
        punct_only = (
            block.kind == "change"
            and all(ta.classes[i] == PUNCT for i in range(block.a0, block.a1))
            and all(tb.classes[i] == PUNCT for i in range(block.b0, block.b1))
        )
        if punct_only:
            before = out[k - 1] if k else None
            after = out[k + 1] if k + 1 < len(out) else None
            if (
                before is not None
                and before.kind == "equal"
                and before.a1 - before.a0 == 1
                and ta.classes[before.a0] == WORD
            ):
                out[k - 1 : k + 1] = [_Block("change", before.a0, block.a1, before.b0, block.b1)]
                glued = True
                continue
            if (
                after is not None
                and after.kind == "equal"
                and after.a1 - after.a0 == 1
                and ta.classes[after.a0] == WORD
            ):
                out[k : k + 2] = [_Block("change", block.a0, after.a1, block.b0, after.b1)]
                glued = True
        k += 1
    # a glued change can meet the next change; the blocks of _anchor_blocks never hold two
    # changes side by side (an anchor lies between any two), so without a glue none do
    return _glue_brackets(_merge_blocks(out) if glued else out, ta)


OPENERS = set("<([{«“„‘\"'")
CLOSERS = set(">)]}»”’\"'")
BRACKETS = OPENERS | CLOSERS


def _glue_brackets(blocks: list[_Block], ta: Tokens) -> list[_Block]:
    """An opening bracket or quote right before a change, or a closing one right after it
    (no space between), belongs to the changed words it encloses: ``[-(a)-]{+(b)+}``, and
    ``<script>`` is never cut after its ``<``."""
    if BRACKETS.isdisjoint(ta.texts):
        return list(blocks)  # nothing to glue: every glue is of a bracket or quote of A's
    out = list(blocks)
    glued = False
    k = 0
    while k < len(out):
        block = out[k]
        if block.kind == "change":
            before = out[k - 1] if k else None
            if (
                before is not None
                and before.kind == "equal"
                and before.a1 - before.a0 == 1
                and ta.texts[before.a0] in OPENERS
            ):
                out[k - 1 : k + 1] = [_Block("change", before.a0, block.a1, before.b0, block.b1)]
                glued = True
                k -= 1
                continue
            after = out[k + 1] if k + 1 < len(out) else None
            if (
                after is not None
                and after.kind == "equal"
                and after.a1 - after.a0 == 1
                and ta.texts[after.a0] in CLOSERS
                and (block.a1 > block.a0 and ta.classes[block.a1 - 1] != SPACE)
            ):
                out[k : k + 2] = [_Block("change", block.a0, after.a1, block.b0, after.b1)]
                glued = True
                continue
        k += 1
    return _merge_blocks(out) if glued else out  # (no two changes side by side otherwise)


def _merge_blocks(blocks: list[_Block]) -> list[_Block]:
    """Join neighbouring change blocks (gluing can leave two side by side)."""
    out: list[_Block] = []
    for block in blocks:
        if out and block.kind == "change" and out[-1].kind == "change":
            last = out[-1]
            out[-1] = _Block("change", last.a0, block.a1, last.b0, block.b1)
        else:
            out.append(block)
    return out


_KIND = itemgetter(0)
"""A block's kind."""


def _fold_chance(blocks: list[_Block], ta: Tokens, tb: Tokens) -> list[_Block]:
    """Fold each run of chance anchors between two changes into one change, unless that would
    bury a changed strength term in a hunk of more than ``FEW_WORDS`` words."""
    if list(map(_KIND, blocks)).count("change") < 2:
        return list(blocks)  # the common case: one change, nothing between two to fold
    items: list[list[_Block]] = []  # runs of equal/soft blocks, and single change blocks
    for block in blocks:
        if block.kind != "change" and items and items[-1][0].kind != "change":
            items[-1].append(block)
        else:
            items.append([block])
    out: list[list[_Block]] = []
    index = 0
    while index < len(items):
        run = items[index]
        if (
            run[0].kind != "change"
            and out
            and out[-1][0].kind == "change"
            and index + 1 < len(items)
            and _chance_run(run, ta)
        ):
            left, right = out[-1][0], items[index + 1][0]
            merged = _Block("change", left.a0, right.a1, left.b0, right.b1)
            # a small change of a strength term stays small; a large one hides nothing more
            small_strong = any(
                _has_strength(side, ta, tb) and _size(side, ta, tb) <= FEW_WORDS
                for side in (left, right)
            )
            if not small_strong or _size(merged, ta, tb) <= FEW_WORDS:
                out[-1] = [merged]
                index += 2
                continue
        out.append(run)
        index += 1
    return [block for run in out for block in run]


def _shared_is_chance(blocks: list[_Block], ta: Tokens, head: str, tail: str) -> bool:
    """Whether every word the two sides share (in equal blocks, and the identical head and
    tail cut off before diffing) is a chance anchor: the sentence was rewritten."""
    for block in blocks:
        if block.kind != "change" and not all(
            is_chance(w) for w in _words_between(ta, block.a0, block.a1)
        ):
            return False
    return _chance_edges(head, tail)


def _chance_edges(head: str, tail: str) -> bool:
    """Whether every word of the identical head and tail is a chance anchor."""
    # lazily: the first word that is no chance anchor settles it (head and tail joined as one
    # text, as this test has always read them)
    return all(is_chance(m.group()) for m in _WORDS.finditer(head + tail))


def _lawyer_counts(blocks: list[_Block], ta: Tokens, tb: Tokens) -> tuple[int, int, int, int, int]:
    """What ``_similarity`` counts, over non-space tokens and over words at once, in one pass
    over the blocks, without the identical head and tail: (matched, total, matched words,
    total words, changes). ``_dice`` makes the similarities of them."""
    a_classes, b_classes = ta.classes, tb.classes
    total = len(a_classes) - a_classes.count(SPACE) + len(b_classes) - b_classes.count(SPACE)
    word_total = a_classes.count(WORD) + b_classes.count(WORD)
    matched = word_matched = 0
    changes = 0
    previous_change = False
    for kind, a0, a1, _, _ in blocks:
        if kind == "equal":
            if a1 - a0 == 1:  # most equal blocks: one token
                c = a_classes[a0]
                if c != SPACE:
                    matched += 1
                    if c == WORD:
                        word_matched += 1
            else:  # a stretch of tokens (see _anchor_blocks)
                stretch = a_classes[a0:a1]
                matched += len(stretch) - stretch.count(SPACE)
                word_matched += stretch.count(WORD)
            previous_change = False
        elif kind == "change":
            if not previous_change:
                changes += 1
            previous_change = True
    return matched, total, word_matched, word_total, changes


def _dice(matched: int, total: int, edges: int) -> float:
    """Dice similarity of ``matched`` tokens of ``total`` (both sides), plus ``edges`` tokens
    on each side that are identical (the head and tail cut off before diffing)."""
    total += 2 * edges
    return 1.0 if total == 0 else 2.0 * (matched + edges) / total


def _similarity(
    blocks: list[_Block], ta: Tokens, tb: Tokens, words_only: bool, edges: int
) -> tuple[float, int]:
    """Share of non-space tokens matched (Dice), and the number of change blocks. ``edges``:
    the non-space tokens of the identical head and tail cut off before diffing."""
    if words_only:
        a_count = [1 if c == WORD else 0 for c in ta.classes]
        total = sum(a_count) + sum(1 for c in tb.classes if c == WORD)
    else:
        a_count = [0 if k == " " else 1 for k in ta.keys]
        total = sum(a_count) + sum(1 for k in tb.keys if k != " ")
    total += 2 * edges
    matched = edges
    changes = 0
    previous_change = False
    for block in blocks:
        if block.kind == "equal":
            matched += sum(a_count[block.a0 : block.a1])
            previous_change = False
        elif block.kind == "change":
            if not previous_change:
                changes += 1
            previous_change = True
    if total == 0:
        return 1.0, changes
    return 2.0 * matched / total, changes


def agreeing(a: str, b: str, end: Literal["little", "big"]) -> int:
    """How many characters ``a`` and ``b`` share at their start (``little``) or at their
    end (``big``). Two ASCII texts (their first or last ``n`` characters, ``n`` the shorter
    length) are read as two integers with the end to compare from most significant: the
    highest bit where the two differ (``bit_length`` of their XOR) is in the first character
    that differs from that end (a few calls in C instead of a bisection in Python; reading
    the highest bit, not the lowest, saves two operations on the whole integers)."""
    n = min(len(a), len(b))
    if a.isascii() and b.isascii():  # (for ASCII text, encode()'s UTF-8 is its ASCII)
        if end == "little":
            x = int.from_bytes(a[:n].encode(), "big") ^ int.from_bytes(b[:n].encode(), "big")
        else:
            x = int.from_bytes(a[len(a) - n :].encode(), "little") ^ int.from_bytes(
                b[len(b) - n :].encode(), "little"
            )
        return n - 1 - ((x.bit_length() - 1) >> 3) if x else n
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if (a[:mid] == b[:mid]) if end == "little" else (a[len(a) - mid :] == b[len(b) - mid :]):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_head(a: str, b: str) -> int:
    """Where to cut an identical head off both texts: the start of the last whitespace run
    before they differ, so that the tokens on either side of the cut are whole."""
    lo = agreeing(a, b, "little")
    k = min(lo, len(a) - 1)
    while k >= 0 and not a[k].isspace():
        k -= 1
    if k <= 0:
        return 0
    while k > 0 and a[k - 1].isspace():
        k -= 1
    return k


def _common_tail(a: str, b: str) -> int:
    """How long an identical tail to cut off both texts: it starts right after a whitespace
    run, so that the tokens on either side of the cut are whole."""
    lo = agreeing(a, b, "big")
    i = len(a) - lo
    while i < len(a) and not a[i].isspace():
        i += 1
    while i < len(a) and a[i].isspace():
        i += 1
    if i == 0 or not a[i - 1].isspace():
        return 0
    return len(a) - i


RawOp = tuple[OpKind, str, int | None, int | None, bool]
"""An op while it is being built: ``(op, text, a_start, b_start, ignored)``, the fields of
``Op`` in order. The passes below rewrite plain tuples (a frozen ``Op`` costs five times as
much to make, and a pair's ops are rewritten several times); ``_ops`` makes the ``Op`` values
of a pair once, at the end, and ``merge_ops`` those of a stretch of pairs."""


def _ops(raw: list[RawOp]) -> tuple[Op, ...]:
    return tuple(Op(*op) for op in raw)


def _emit_equal(
    ops: list[RawOp], ta: Tokens, tb: Tokens, block: _Block, a_base: int, b_base: int, soft: bool
) -> None:
    """Equal keys: one equal op where the texts agree, ignored delete/insert where only the
    normalised-away form differs (so the ops still rebuild both texts exactly)."""
    _, a0, a1, b0, b1 = block
    if a1 - a0 == 1 and b1 - b0 == 1:  # the common case: one token
        a_text, b_text = ta.texts[a0], tb.texts[b0]
    else:
        a_text = "".join(ta.texts[a0:a1])
        b_text = "".join(tb.texts[b0:b1])
    if a_text == b_text:
        if a_text:
            ops.append(("equal", a_text, a_base + ta.starts[a0], b_base + tb.starts[b0], False))
        return
    if soft or a1 - a0 != b1 - b0:
        if a_text:
            ops.append(("delete", a_text, a_base + ta.starts[a0], None, True))
        if b_text:
            ops.append(("insert", b_text, None, b_base + tb.starts[b0], True))
        return
    run_a = a0
    run_b = b0
    for offset in range(a1 - a0 + 1):
        ia, ib = a0 + offset, b0 + offset
        same = ia < a1 and ta.texts[ia] == tb.texts[ib]
        if ia < a1 and same:
            continue
        if ia > run_a:
            ops.append(
                (
                    "equal",
                    "".join(ta.texts[run_a:ia]),
                    a_base + ta.starts[run_a],
                    b_base + tb.starts[run_b],
                    False,
                )
            )
        if ia < a1:
            ops.append(("delete", ta.texts[ia], a_base + ta.starts[ia], None, True))
            ops.append(("insert", tb.texts[ib], None, b_base + tb.starts[ib], True))
        run_a, run_b = ia + 1, ib + 1


def _emit_blocks(
    ops: list[RawOp],
    ta: Tokens,
    tb: Tokens,
    blocks: list[_Block],
    a_text: str,
    a_base: int,
    b_base: int,
) -> None:
    """The ops of all blocks, in order (``_emit_change``, ``_emit_equal``), except that a run
    of blocks whose texts agree on both sides becomes one equal op at once: the same op that
    ``_merge_adjacent`` would join from one op per block."""
    a_texts, b_texts, a_starts = ta.texts, tb.texts, ta.starts
    run_a = run_b = run_end = -1  # the run of agreeing text not yet in an op (token indices)
    # an empty change after the last block writes out the last run (and emits nothing)
    end = _Block("change", len(a_texts), len(a_texts), len(b_texts), len(b_texts))
    for block in (*blocks, end):
        kind, a0, a1, b0, b1 = block
        if kind != "change":
            if a1 - a0 == 1 and b1 - b0 == 1:
                same = a_texts[a0] == b_texts[b0]
            else:
                same = "".join(a_texts[a0:a1]) == "".join(b_texts[b0:b1])
            if same:
                if a1 > a0:
                    if run_a < 0:
                        run_a, run_b = a0, b0
                    run_end = a1
                continue
        if run_a >= 0:
            ops.append(
                (
                    "equal",
                    a_text[a_starts[run_a] : a_starts[run_end]],
                    a_base + a_starts[run_a],
                    b_base + tb.starts[run_b],
                    False,
                )
            )
            run_a = -1
        if kind == "change":
            _emit_change(ops, ta, tb, block, a_base, b_base)
        else:
            _emit_equal(ops, ta, tb, block, a_base, b_base, kind == "soft")


def _emit_change(
    ops: list[RawOp], ta: Tokens, tb: Tokens, block: _Block, a_base: int, b_base: int
) -> None:
    _, a0, a1, b0, b1 = block
    if a1 > a0:
        text = ta.texts[a0] if a1 - a0 == 1 else "".join(ta.texts[a0:a1])
        ops.append(("delete", text, a_base + ta.starts[a0], None, False))
    if b1 > b0:
        text = tb.texts[b0] if b1 - b0 == 1 else "".join(tb.texts[b0:b1])
        ops.append(("insert", text, None, b_base + tb.starts[b0], False))


def merge_ops(ops: Sequence[RawOp]) -> list[Op]:
    """The ops of a stretch (``RawOp`` tuples) as ``Op`` values, neighbouring ops of the same
    kind (equal text runs across pieces) joined: a run of ops of one kind (and ``ignored``
    flag) becomes one op with the run's text and the first one's offsets, as
    ``_merge_adjacent`` joins the ops of one pair."""
    out: list[Op] = []
    count, k = len(ops), 0
    while k < count:
        kind, text, a_start, b_start, ignored = ops[k]
        end = k + 1
        while end < count and ops[end][0] == kind and ops[end][4] == ignored:
            end += 1
        if end - k > 1:
            text = "".join([op[1] for op in ops[k:end]])
        out.append(Op(kind, text, a_start, b_start, ignored))
        k = end
    return out


def _merge_adjacent(ops: list[RawOp]) -> list[RawOp]:
    """Join neighbouring ops of the same kind, and order each change as delete then insert."""
    merged: list[RawOp] = []
    for op in ops:
        if merged:
            last = merged[-1]
            kind, ignored = op[0], op[4]
            if last[0] == kind and last[4] == ignored:
                merged[-1] = (kind, last[1] + op[1], last[2], last[3], ignored)
                continue
            if (
                kind == "delete"
                and last[0] == "insert"
                and not ignored
                and not last[4]
                and len(merged) >= 2
                and merged[-2][0] == "delete"
                and not merged[-2][4]
            ):
                # delete, insert, delete -> one delete then the insert
                before = merged[-2]
                merged[-2] = ("delete", before[1] + op[1], before[2], None, False)
                continue
        merged.append(op)
    return merged


def _start_at_words(ops: list[RawOp]) -> list[RawOp]:
    """Slide a lone insertion or deletion that starts with a space and is followed by that
    same space so that it starts at its word: "deploy[ any] forces" → "deploy [any ]forces"."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        before, op, after = out[k - 1], out[k], out[k + 1]
        text = op[1]
        if (
            before[0] == "equal"
            and after[0] == "equal"
            and op[0] != "equal"
            and not op[4]
            and text[:1] == " "
            and after[1][:1] == " "
            and not text[-1:].isspace()
        ):
            # the space moves from the front of the change to the end of the equal before it
            out[k - 1] = ("equal", before[1] + " ", before[2], before[3], False)
            if op[0] == "insert":
                out[k] = ("insert", text[1:] + " ", None, (op[3] or 0) + 1, False)
            else:
                out[k] = ("delete", text[1:] + " ", (op[2] or 0) + 1, None, False)
            a_next = (after[2] or 0) + 1
            b_next = (after[3] or 0) + 1
            out[k + 1] = ("equal", after[1][1:], a_next, b_next, False)
    return [op for op in out if op[1]]


def _shared_spaces_outside(ops: list[RawOp]) -> list[RawOp]:
    """A replacement whose deleted and inserted texts both end (or both start) with the same
    space gives that space to the equal text after (or before) it: ``[-by the-]{+of+} x``,
    not ``[-by the -]{+of +}x``."""
    out = list(ops)
    for k in range(len(out) - 1):
        d, i = out[k], out[k + 1]
        if d[0] != "delete" or i[0] != "insert" or d[4] or i[4]:
            continue
        after = out[k + 2] if k + 2 < len(out) else None
        if (
            after is not None
            and after[0] == "equal"
            and len(d[1]) > 1
            and len(i[1]) > 1
            and d[1][-1] == i[1][-1] == " "
        ):
            out[k] = ("delete", d[1][:-1], d[2], None, False)
            out[k + 1] = ("insert", i[1][:-1], None, i[3], False)
            out[k + 2] = ("equal", " " + after[1], (after[2] or 0) - 1, (after[3] or 0) - 1, False)
            d, i = out[k], out[k + 1]
        before = out[k - 1] if k else None
        if (
            before is not None
            and before[0] == "equal"
            and len(d[1]) > 1
            and len(i[1]) > 1
            and d[1][0] == i[1][0] == " "
        ):
            out[k - 1] = ("equal", before[1] + " ", before[2], before[3], False)
            out[k] = ("delete", d[1][1:], (d[2] or 0) + 1, None, False)
            out[k + 1] = ("insert", i[1][1:], None, (i[3] or 0) + 1, False)
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _fold_confetti(ops: list[RawOp]) -> list[RawOp]:
    """Fold a space/punctuation-only equality between two multi-word changes into them.

    A change counts as multi-word when either side has two words or more, so a one-word
    substitution such as "shall" -> "should" always stays a change of its own.
    """
    if len(ops) < 5:
        return ops
    # group into change runs (consecutive non-equal, non-ignored ops) and other ops
    items: list[list[RawOp]] = []
    for op in ops:
        is_change = op[0] != "equal" and not op[4]
        if is_change and items and items[-1][0][0] != "equal" and not items[-1][0][4]:
            items[-1].append(op)
        else:
            items.append([op])

    def big(group: list[RawOp]) -> bool:
        if group[0][0] == "equal" or group[0][4]:
            return False
        deleted = sum(_words(o[1]) for o in group if o[0] == "delete")
        inserted = sum(_words(o[1]) for o in group if o[0] == "insert")
        return max(deleted, inserted) >= 2

    out: list[list[RawOp]] = []
    index = 0
    while index < len(items):
        group = items[index]
        if (
            out
            and group[0][0] == "equal"
            and index + 1 < len(items)
            and not _WORD_CHAR.search(group[0][1])
            and big(out[-1])
            and big(items[index + 1])
        ):
            equal = group[0]
            left = out.pop()
            right = items[index + 1]
            deleted = [o for o in left if o[0] == "delete"]
            inserted = [o for o in left if o[0] == "insert"]
            a_start = deleted[0][2] if deleted else equal[2]
            b_start = inserted[0][3] if inserted else equal[3]
            a_text = "".join(o[1] for o in deleted) + equal[1]
            a_text += "".join(o[1] for o in right if o[0] == "delete")
            b_text = "".join(o[1] for o in inserted) + equal[1]
            b_text += "".join(o[1] for o in right if o[0] == "insert")
            out.append(
                [("delete", a_text, a_start, None, False), ("insert", b_text, None, b_start, False)]
            )
            index += 2
            continue
        out.append(group)
        index += 1
    return [op for group in out for op in group]


def diff_pair(
    a_text: str,
    b_text: str,
    *,
    a_start: int = 0,
    b_start: int = 0,
    options: DiffOptions | None = None,
    engine: Engine | None = None,
) -> PairDiff:
    """Diff two short texts (a sentence pair, a heading) into exact ops with input offsets.

    The equal and delete ops concatenate to ``a_text``; the equal and insert ops to
    ``b_text``. ``a_start``/``b_start`` are added to every offset.
    """
    options = options or DiffOptions()
    engine = engine or get_engine(options.engine)
    ops, similarity, replaced = _diff(a_text, b_text, a_start, b_start, options, engine, True)
    assert similarity is not None  # measured whenever asked
    return PairDiff(_ops(ops), round(similarity, 4), replaced)


def pair_ops(
    a_text: str, b_text: str, a_start: int, b_start: int, options: DiffOptions, engine: Engine
) -> tuple[list[RawOp], bool]:
    """``diff_pair``'s ops as tuples (see ``RawOp``), and whether the pair is shown
    replaced, without its similarity: the pipeline joins these ops with those around them
    (``merge_ops``) and never reads the similarity, which takes two more scans of the text
    to measure (the replacement test measures it only when it cannot tell without)."""
    ops, _, replaced = _diff(a_text, b_text, a_start, b_start, options, engine, False)
    return ops, replaced


def _diff(
    a_text: str,
    b_text: str,
    a_start: int,
    b_start: int,
    options: DiffOptions,
    engine: Engine,
    measure: bool,
) -> tuple[list[RawOp], float | None, bool]:
    """``diff_pair`` as ops, similarity (``None`` unless ``measure`` or needed) and replaced."""
    if a_text == b_text:
        return ([("equal", a_text, a_start, b_start, False)] if a_text else []), 1.0, False
    head = _common_head(a_text, b_text)
    tail = _common_tail(a_text[head:], b_text[head:])
    a_mid = a_text[head : len(a_text) - tail]
    b_mid = b_text[head : len(b_text) - tail]
    lawyer = options.granularity == "word" and not options.ignore_punctuation
    if (
        lawyer
        and not measure
        and options.whole_sentence == "chance"
        and a_mid.isascii()
        and b_mid.isascii()
    ):
        found = _lone_change(a_text, b_text, a_mid, b_mid, head, tail, a_start, b_start, options)
        if found is not None:
            return found[0], None, found[1]
    if lawyer:
        ta, tb, blocks, similarity, whole = _lawyer_blocks(
            a_text, a_mid, b_mid, head, tail, options, engine, measure
        )
    else:
        ta, tb, blocks, similarity, whole = _plain_blocks(
            a_text, a_mid, b_mid, head, tail, options, engine
        )
    if whole:
        return _whole(a_text, b_text, a_start, b_start), similarity, True
    ops: list[RawOp] = [("equal", a_text[:head], a_start, b_start, False)] if head else []
    _emit_blocks(ops, ta, tb, blocks, a_mid, a_start + head, b_start + head)
    if tail:
        tail_text = a_text[len(a_text) - tail :]
        ops.append(
            ("equal", tail_text, a_start + head + len(a_mid), b_start + head + len(b_mid), False)
        )
    if lawyer:
        return _shared_spaces_outside(_start_at_words(_merge_adjacent(ops))), similarity, False
    return _start_at_words(_fold_confetti(_merge_adjacent(ops))), similarity, False


def _lone_change(
    a_text: str,
    b_text: str,
    a_mid: str,
    b_mid: str,
    head: int,
    tail: int,
    a_start: int,
    b_start: int,
    options: DiffOptions,
) -> tuple[list[RawOp], bool] | None:
    """``_diff`` of a pair without measuring (the ``chance`` test, word granularity with
    punctuation) whose ASCII middles share no non-space token: the common case, one word
    replaced, added or removed. None when they share one. The steps of ``_lawyer_blocks`` and
    ``_emit_blocks`` worked out on the middles as strings, without tokenizing them: nothing
    anchors, so the middle is one change (a whitespace run that both sides have at its start,
    and one at its end, split off as equal or, where they differ, ignored), or, when neither
    side has a non-space token, one block of whitespace that is no change. In ASCII text the
    non-space tokens are their own keys (``ignore_case``: lower-cased)."""
    find = ascii_nonspace_pattern().findall
    if options.ignore_case:
        a_keys, b_keys = find(a_mid.lower()), find(b_mid.lower())
    else:
        a_keys, b_keys = find(a_mid), find(b_mid)
    mark = ""
    if not set(a_keys).isdisjoint(b_keys):
        # one shared token may end both middles, a full stop or comma after the change
        # (`` sovereignty.`` against `` agreement.``, the end of a sentence): the diff anchors
        # on it alone, and the ops are those of a framed change (below) with the mark in
        # the frame after it, as the token path gives them: no glue joins a change with a
        # mark that is neither a word nor a bracket, and one change folds nothing
        mark = a_keys[-1]
        if mark not in _PLAIN_MARKS or not set(a_keys[:-1]).isdisjoint(b_keys[:-1]):
            return None  # (_framed_change checks that B's middle ends with it too)
    a_base, b_base = a_start + head, b_start + head
    if a_keys and b_keys:
        framed = _framed_change(a_text, a_mid, b_mid, head, a_start, b_start, mark)
        if framed is not None:
            if _rewritten(a_text, a_mid, b_mid, head, tail, options.rewrite_below):
                return _whole(a_text, b_text, a_start, b_start), True
            return framed, False
        if mark:
            return None
    ops: list[RawOp] = [("equal", a_text[:head], a_start, b_start, False)] if head else []
    changed = bool(a_keys or b_keys)
    if not changed:  # whitespace only: an equal (or soft) block of different spaces
        if a_mid:
            ops.append(("delete", a_mid, a_base, None, True))
        if b_mid:
            ops.append(("insert", b_mid, None, b_base, True))
    else:
        core_a, core_b = a_mid, b_mid
        if a_mid[:1].isspace() and b_mid[:1].isspace():
            core_a, core_b = a_mid.lstrip(), b_mid.lstrip()
            _emit_spaces(
                ops,
                a_mid[: len(a_mid) - len(core_a)],
                b_mid[: len(b_mid) - len(core_b)],
                a_base,
                b_base,
            )
        trail_a = trail_b = ""
        if core_a[-1:].isspace() and core_b[-1:].isspace():
            # (a side with a non-space token that ends with a space has two tokens or more)
            kept_a, kept_b = core_a.rstrip(), core_b.rstrip()
            trail_a, trail_b = core_a[len(kept_a) :], core_b[len(kept_b) :]
            core_a, core_b = kept_a, kept_b
        if core_a:
            ops.append(
                ("delete", core_a, a_base + len(a_mid) - len(trail_a) - len(core_a), None, False)
            )
        if core_b:
            ops.append(
                ("insert", core_b, None, b_base + len(b_mid) - len(trail_b) - len(core_b), False)
            )
        if trail_a:
            _emit_spaces(
                ops,
                trail_a,
                trail_b,
                a_base + len(a_mid) - len(trail_a),
                b_base + len(b_mid) - len(trail_b),
            )
    if tail:
        tail_text = a_text[len(a_text) - tail :]
        ops.append(("equal", tail_text, a_base + len(a_mid), b_base + len(b_mid), False))
    if changed and _rewritten(a_text, a_mid, b_mid, head, tail, options.rewrite_below):
        return _whole(a_text, b_text, a_start, b_start), True
    return _shared_spaces_outside(_start_at_words(_merge_adjacent(ops))), False


def _whole(a_text: str, b_text: str, a_start: int, b_start: int) -> list[RawOp]:
    """The ops of a pair shown replaced: all of A deleted, all of B inserted."""
    return [
        op
        for op in (
            ("delete", a_text, a_start, None, False),
            ("insert", b_text, None, b_start, False),
        )
        if op[1]
    ]


_PLAIN_MARKS = frozenset(".,;:!?")
"""Punctuation that is neither a word nor a bracket or quote (which glue to a change)."""


def _framed_change(
    a_text: str, a_mid: str, b_mid: str, head: int, a_start: int, b_start: int, mark: str = ""
) -> list[RawOp] | None:
    """``_lone_change``'s ops in its most common shape, made directly: each middle is one
    stretch of non-space tokens (``core``) between the same whitespace on both sides
    (`` for `` against `` distionvenor ``). The ops are then those that ``_merge_adjacent``,
    ``_start_at_words`` and ``_shared_spaces_outside`` leave of its general steps: the head
    and the whitespace before as one equal, the two cores as one deletion and one insertion
    (neither starts or ends with a space, so no space moves), the whitespace after and the
    tail as one equal. With a ``mark``, each middle ends with that token after its core
    (whitespace between them, and after it, the same on both sides): it is in the frame
    after the core. None for any other shape."""
    core_a, core_b = a_mid.strip(), b_mid.strip()
    if mark:  # (A's middle ends with it; where B's does not, the frame checks below fail)
        core_a, core_b = core_a[:-1].rstrip(), core_b[:-1].rstrip()
        if not core_b:
            return None
    lead = a_mid.find(core_a)  # (the first match: what comes before it is whitespace)
    end = lead + len(core_a)
    if (
        not lead
        or end == len(a_mid)
        or len(b_mid) != len(a_mid) - len(core_a) + len(core_b)
        or not b_mid.startswith(a_mid[:lead])
        or not b_mid.endswith(a_mid[end:])
    ):
        return None
    a_at, b_at = a_start + head + lead, b_start + head + lead
    return [
        ("equal", a_text[: head + lead], a_start, b_start, False),
        ("delete", core_a, a_at, None, False),
        ("insert", core_b, None, b_at, False),
        ("equal", a_text[head + end :], a_at + len(core_a), b_at + len(core_b), False),
    ]


def _emit_spaces(ops: list[RawOp], a_space: str, b_space: str, a_at: int, b_at: int) -> None:
    """A whitespace token on each side (``_emit_equal`` of a one-token block)."""
    if a_space == b_space:
        ops.append(("equal", a_space, a_at, b_at, False))
    else:
        ops.append(("delete", a_space, a_at, None, True))
        ops.append(("insert", b_space, None, b_at, True))


def _rewritten(
    a_text: str, a_mid: str, b_mid: str, head: int, tail: int, rewrite_below: float
) -> bool:
    """``_lawyer_blocks``'s ``chance`` test for ``_lone_change``, where no word of the
    middles matched: few words shared (only the identical head and tail), or only chance
    words."""
    a_words = len(_WORDS.findall(a_mid))
    word_total = a_words + len(_WORDS.findall(b_mid))
    if head or tail:
        find = _WORD_CHAR.search
        some = find(a_text, 0, head) or find(a_text, len(a_text) - tail)
        rewrite = _dice(0, word_total, 1 if some else 0) < rewrite_below
        if rewrite and some:
            word_edges = count_tokens(a_text, words_only=True) - a_words
            rewrite = _dice(0, word_total, word_edges) < rewrite_below
    else:
        rewrite = _dice(0, word_total, 0) < rewrite_below
    return rewrite or _chance_edges(a_text[:head], a_text[len(a_text) - tail :])


def _plain_blocks(
    whole_a: str,
    a_text: str,
    b_text: str,
    head: int,
    tail: int,
    options: DiffOptions,
    engine: Engine,
) -> tuple[Tokens, Tokens, list[_Block], float, bool]:
    """Character granularity, or words only (``ignore_punctuation``): the tokens and blocks
    of the middles ``a_text``/``b_text``, the similarity and whether shown replaced."""
    words_only = options.ignore_punctuation
    granularity = options.granularity
    edges = 0
    if head:
        edges += count_tokens(whole_a[:head], granularity=granularity, words_only=words_only)
    if tail:
        tail_text = whole_a[len(whole_a) - tail :]
        edges += count_tokens(tail_text, granularity=granularity, words_only=words_only)
    ta = tokenize(
        a_text, granularity=granularity, ignore_case=options.ignore_case, with_classes=words_only
    )
    tb = tokenize(
        b_text, granularity=granularity, ignore_case=options.ignore_case, with_classes=words_only
    )
    if words_only:
        a_words = [i for i, c in enumerate(ta.classes) if c == WORD]
        b_words = [i for i, c in enumerate(tb.classes) if c == WORD]
        code_a, code_b = encode([ta.keys[i] for i in a_words], [tb.keys[i] for i in b_words])
        runs = engine(code_a, code_b)
        blocks = _blocks_words(runs, ta, tb, a_words, b_words)
    else:
        code_a, code_b = encode(ta.keys, tb.keys)
        blocks = _blocks_all(engine(code_a, code_b))
    similarity, changes = _similarity(blocks, ta, tb, words_only, edges)
    whole = options.whole_sentence in ("similarity", "chance")
    return ta, tb, blocks, similarity, whole and changes > 1 and similarity < options.replace_below


def _lawyer_blocks(
    whole_a: str,
    a_text: str,
    b_text: str,
    head: int,
    tail: int,
    options: DiffOptions,
    engine: Engine,
    measure: bool,
) -> tuple[Tokens, Tokens, list[_Block], float | None, bool]:
    """Word granularity with punctuation (the default): hunks as a lawyer reads them,
    anchored on non-space tokens, punctuation glued to its word, chance anchors folded.
    The tokens and blocks of the middles, the similarity (when ``measure``, or when the
    options need it) and whether the pair is shown replaced."""
    ta = tokenize(a_text, ignore_case=options.ignore_case)
    tb = tokenize(b_text, ignore_case=options.ignore_case)
    a_anchor = [i for i, c in enumerate(ta.classes) if c != SPACE]
    b_anchor = [i for i, c in enumerate(tb.classes) if c != SPACE]
    a_keys = [ta.keys[i] for i in a_anchor]
    b_keys = [tb.keys[i] for i in b_anchor]
    if set(a_keys).isdisjoint(b_keys):
        # no token in common, so no equal run (the common case: one word replaced, added
        # or removed): the diff would give only the deletion and insertion runs, which lay
        # no anchor; one change, so there is nothing to glue or fold either
        blocks = _anchor_blocks([], ta, tb, a_anchor, b_anchor)
        anchored = False
    else:
        runs = engine(*encode(a_keys, b_keys))
        blocks = _anchor_blocks(runs, ta, tb, a_anchor, b_anchor)
        anchored = any(op == "=" for op, _ in runs)
    matched, total, word_matched, word_total, changes = _lawyer_counts(blocks, ta, tb)
    if anchored:
        blocks = _fold_chance(_glue_punctuation(blocks, ta, tb), ta, tb)
    mode = options.whole_sentence
    measure = measure or mode == "similarity"
    cut = bool(head or tail)
    edges = word_edges = 0
    if cut and measure:
        edges, word_edges = _edge_tokens(whole_a, ta)
    similarity = _dice(matched, total, edges) if measure else None
    if mode == "similarity":
        assert similarity is not None
        return ta, tb, blocks, similarity, changes > 1 and similarity < options.replace_below
    if mode != "chance":
        return ta, tb, blocks, similarity, False
    rewrite_below = options.rewrite_below
    if cut and not measure:
        # the word similarity grows with the identical words cut off: one is enough to know
        # that most pairs are no rewrite, before counting them all
        find = _WORD_CHAR.search
        some = find(whole_a, 0, head) or find(whole_a, len(whole_a) - tail)
        rewrite = _dice(word_matched, word_total, 1 if some else 0) < rewrite_below
        if rewrite and some:
            word_edges = _edge_tokens(whole_a, ta)[1]
            rewrite = _dice(word_matched, word_total, word_edges) < rewrite_below
    else:
        rewrite = _dice(word_matched, word_total, word_edges) < rewrite_below
    whole = rewrite or _shared_is_chance(blocks, ta, whole_a[:head], whole_a[len(whole_a) - tail :])
    # (gluing and folding join changes, never drop them: a change is left if there was one)
    return ta, tb, blocks, similarity, whole and changes > 0


def _edge_tokens(whole_a: str, ta: Tokens) -> tuple[int, int]:
    """The non-space tokens and the words of the identical head and tail of ``whole_a``,
    whose middle ``ta`` holds. They are cut at whitespace, so the tokens of the whole text are
    theirs plus the middle's: the whole is counted once rather than head and tail apart."""
    classes = ta.classes
    tokens = count_tokens(whole_a) - (len(classes) - classes.count(SPACE))
    return tokens, count_tokens(whole_a, words_only=True) - classes.count(WORD)


def edits(
    a_text: str, b_text: str, options: DiffOptions | None = None
) -> list[tuple[int, int, str]]:
    """The hunks of ``diff_pair`` as edits of ``a_text``: ``(start, end, new text)``, in order.
    Differences the options normalise away are edits too, so applying every edit gives
    ``b_text`` exactly; amendment generation uses this, so it cuts a pair where diff does."""
    found = diff_pair(a_text, b_text, options=options)
    out: list[tuple[int, int, str]] = []
    position = 0
    current: list[int | str] | None = None  # [start, end, inserted text]
    for op in found.ops:
        if op.op == "equal":
            if current is not None:
                out.append((int(current[0]), int(current[1]), str(current[2])))
                current = None
            position += len(op.text)
            continue
        if current is None:
            current = [position, position, ""]
        if op.op == "delete":
            position += len(op.text)
            current[1] = position
        else:
            current[2] = str(current[2]) + op.text
    if current is not None:
        out.append((int(current[0]), int(current[1]), str(current[2])))
    return out
