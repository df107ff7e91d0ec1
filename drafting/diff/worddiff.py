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
from dataclasses import dataclass
from typing import NamedTuple

from drafting.diff.chance import is_chance, is_strength_word
from drafting.diff.options import DiffOptions
from drafting.diff.report import Op
from drafting.text.tokens import PUNCT, SPACE, WORD, Tokens, count_tokens, tokenize

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
    codes = {key: _code(index) for index, key in enumerate(dict.fromkeys([*a_keys, *b_keys]))}
    lookup = codes.__getitem__
    return "".join(map(lookup, a_keys)), "".join(map(lookup, b_keys))


@dataclass(frozen=True)
class PairDiff:
    """The ops of one pair of texts, how alike they are (0..1), and whether shown replaced."""

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
    sides have at its edges split off as equal."""
    blocks: list[_Block] = []
    ca = cb = 0  # token cursors
    pa = pb = 0  # positions in the anchor lists
    na, nb = len(ta.texts), len(tb.texts)

    def gap(a1: int, b1: int) -> None:
        nonlocal ca, cb
        a0, b0 = ca, cb
        if a0 == a1 and b0 == b1:
            return
        only_space = all(ta.classes[k] == SPACE for k in range(a0, a1)) and all(
            tb.classes[k] == SPACE for k in range(b0, b1)
        )
        if only_space:
            kind = "equal" if (a1 - a0) == (b1 - b0) else "soft"
            blocks.append(_Block(kind, a0, a1, b0, b1))
            ca, cb = a1, b1
            return
        if a0 < a1 and b0 < b1 and ta.classes[a0] == SPACE and tb.classes[b0] == SPACE:
            blocks.append(_Block("equal", a0, a0 + 1, b0, b0 + 1))
            a0, b0 = a0 + 1, b0 + 1
        tail: _Block | None = None
        if (
            a0 < a1
            and b0 < b1
            and ta.classes[a1 - 1] == SPACE
            and tb.classes[b1 - 1] == SPACE
            and (a1 - a0 > 1 or b1 - b0 > 1)
        ):
            tail = _Block("equal", a1 - 1, a1, b1 - 1, b1)
            a1, b1 = a1 - 1, b1 - 1
        blocks.append(_Block("change", a0, a1, b0, b1))
        if tail is not None:
            blocks.append(tail)
        ca, cb = tail.a1 if tail else a1, tail.b1 if tail else b1

    for op, length in runs:
        if op == "=":
            for _ in range(length):
                wa, wb = a_anchor[pa], b_anchor[pb]
                gap(wa, wb)
                blocks.append(_Block("equal", wa, wa + 1, wb, wb + 1))
                ca, cb = wa + 1, wb + 1
                pa += 1
                pb += 1
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
    words = [w for b in run for w in _words_between(ta, b.a0, b.a1)]
    return len(words) <= MAX_CHANCE_WORDS and all(is_chance(w) for w in words)


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
    out = list(blocks)
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
                continue
            if (
                after is not None
                and after.kind == "equal"
                and after.a1 - after.a0 == 1
                and ta.classes[after.a0] == WORD
            ):
                out[k : k + 2] = [_Block("change", block.a0, after.a1, block.b0, after.b1)]
        k += 1
    return _glue_brackets(_merge_blocks(out), ta)


OPENERS = set("<([{«“„‘\"'")
CLOSERS = set(">)]}»”’\"'")


def _glue_brackets(blocks: list[_Block], ta: Tokens) -> list[_Block]:
    """An opening bracket or quote right before a change, or a closing one right after it
    (no space between), belongs to the changed words it encloses: ``[-(a)-]{+(b)+}``, and
    ``<script>`` is never cut after its ``<``."""
    out = list(blocks)
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
                continue
        k += 1
    return _merge_blocks(out)


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


def _fold_chance(blocks: list[_Block], ta: Tokens, tb: Tokens) -> list[_Block]:
    """Fold each run of chance anchors between two changes into one change, unless that would
    bury a changed strength term in a hunk of more than ``FEW_WORDS`` words."""
    if sum(block.kind == "change" for block in blocks) < 2:
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
    # lazily: the first word that is no chance anchor settles it (head and tail joined as one
    # text, as this test has always read them)
    return all(is_chance(m.group()) for m in _WORDS.finditer(head + tail))


def _lawyer_similarity(
    blocks: list[_Block], ta: Tokens, tb: Tokens, edges: int, word_edges: int
) -> tuple[float, int, float]:
    """``_similarity`` over non-space tokens and over words at once, in one pass over the
    blocks: (similarity, changes, word similarity)."""
    a_classes, b_classes = ta.classes, tb.classes
    total = len(a_classes) - a_classes.count(SPACE) + len(b_classes) - b_classes.count(SPACE)
    total += 2 * edges
    word_total = a_classes.count(WORD) + b_classes.count(WORD) + 2 * word_edges
    matched, word_matched = edges, word_edges
    changes = 0
    previous_change = False
    for block in blocks:
        kind = block.kind
        if kind == "equal":
            for c in a_classes[block.a0 : block.a1]:
                if c != SPACE:
                    matched += 1
                    if c == WORD:
                        word_matched += 1
            previous_change = False
        elif kind == "change":
            if not previous_change:
                changes += 1
            previous_change = True
    similarity = 1.0 if total == 0 else 2.0 * matched / total
    return similarity, changes, 1.0 if word_total == 0 else 2.0 * word_matched / word_total


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


def _common_head(a: str, b: str) -> int:
    """Where to cut an identical head off both texts: the start of the last whitespace run
    before they differ, so that the tokens on either side of the cut are whole."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
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
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    i = len(a) - lo
    while i < len(a) and not a[i].isspace():
        i += 1
    while i < len(a) and a[i].isspace():
        i += 1
    if i == 0 or not a[i - 1].isspace():
        return 0
    return len(a) - i


def _emit_equal(
    ops: list[Op], ta: Tokens, tb: Tokens, block: _Block, a_base: int, b_base: int, soft: bool
) -> None:
    """Equal keys: one equal op where the texts agree, ignored delete/insert where only the
    normalised-away form differs (so the ops still rebuild both texts exactly)."""
    if block.a1 - block.a0 == 1 and block.b1 - block.b0 == 1:  # the common case: one token
        a_text, b_text = ta.texts[block.a0], tb.texts[block.b0]
    else:
        a_text = "".join(ta.texts[block.a0 : block.a1])
        b_text = "".join(tb.texts[block.b0 : block.b1])
    if a_text == b_text:
        if a_text:
            ops.append(
                Op("equal", a_text, a_base + ta.starts[block.a0], b_base + tb.starts[block.b0])
            )
        return
    if soft or block.a1 - block.a0 != block.b1 - block.b0:
        if a_text:
            ops.append(Op("delete", a_text, a_start=a_base + ta.starts[block.a0], ignored=True))
        if b_text:
            ops.append(Op("insert", b_text, b_start=b_base + tb.starts[block.b0], ignored=True))
        return
    run_a = block.a0
    run_b = block.b0
    for offset in range(block.a1 - block.a0 + 1):
        ia, ib = block.a0 + offset, block.b0 + offset
        same = ia < block.a1 and ta.texts[ia] == tb.texts[ib]
        if ia < block.a1 and same:
            continue
        if ia > run_a:
            ops.append(
                Op(
                    "equal",
                    "".join(ta.texts[run_a:ia]),
                    a_base + ta.starts[run_a],
                    b_base + tb.starts[run_b],
                )
            )
        if ia < block.a1:
            ops.append(Op("delete", ta.texts[ia], a_start=a_base + ta.starts[ia], ignored=True))
            ops.append(Op("insert", tb.texts[ib], b_start=b_base + tb.starts[ib], ignored=True))
        run_a, run_b = ia + 1, ib + 1


def _emit_change(
    ops: list[Op], ta: Tokens, tb: Tokens, block: _Block, a_base: int, b_base: int
) -> None:
    if block.a1 > block.a0:
        text = "".join(ta.texts[block.a0 : block.a1])
        ops.append(Op("delete", text, a_start=a_base + ta.starts[block.a0]))
    if block.b1 > block.b0:
        text = "".join(tb.texts[block.b0 : block.b1])
        ops.append(Op("insert", text, b_start=b_base + tb.starts[block.b0]))


def _join(last: Op, op: Op) -> Op | None:
    """Two neighbouring ops as one when they are of the same kind (else None): the one place
    ops are merged, by the word diff and by the pipeline across pieces alike."""
    if last.op == op.op and last.ignored == op.ignored:
        return Op(op.op, last.text + op.text, last.a_start, last.b_start, op.ignored)
    return None


def merge_ops(ops: Sequence[Op]) -> list[Op]:
    """Join neighbouring ops of the same kind (equal text runs across pieces), as ``_join``
    would one pair at a time, with each run's text joined once."""
    out: list[Op] = []
    run: list[Op] = []
    for op in ops:
        if run and (op.op != run[0].op or op.ignored != run[0].ignored):
            out.append(_joined(run))
            run = []
        run.append(op)
    if run:
        out.append(_joined(run))
    return out


def _joined(run: list[Op]) -> Op:
    """A run of ops of one kind as one op (see ``_join``)."""
    if len(run) == 1:
        return run[0]
    first = run[0]
    return Op(first.op, "".join(o.text for o in run), first.a_start, first.b_start, first.ignored)


def _merge_adjacent(ops: list[Op]) -> list[Op]:
    """Join neighbouring ops of the same kind, and order each change as delete then insert."""
    merged: list[Op] = []
    for op in ops:
        if merged:
            last = merged[-1]
            joined = _join(last, op)
            if joined is not None:
                merged[-1] = joined
                continue
            if (
                op.op == "delete"
                and last.op == "insert"
                and not op.ignored
                and not last.ignored
                and len(merged) >= 2
                and merged[-2].op == "delete"
                and not merged[-2].ignored
            ):
                # delete, insert, delete -> one delete then the insert
                before = merged[-2]
                merged[-2] = Op("delete", before.text + op.text, before.a_start, None)
                continue
        merged.append(op)
    return merged


def _start_at_words(ops: list[Op]) -> list[Op]:
    """Slide a lone insertion or deletion that starts with a space and is followed by that
    same space so that it starts at its word: "deploy[ any] forces" → "deploy [any ]forces"."""
    out = list(ops)
    for k in range(1, len(out) - 1):
        before, op, after = out[k - 1], out[k], out[k + 1]
        if (
            before.op == "equal"
            and after.op == "equal"
            and op.op != "equal"
            and not op.ignored
            and op.text[:1] == " "
            and after.text[:1] == " "
            and not op.text[-1:].isspace()
        ):
            # the space moves from the front of the change to the end of the equal before it
            out[k - 1] = Op("equal", before.text + " ", before.a_start, before.b_start)
            if op.op == "insert":
                out[k] = Op("insert", op.text[1:] + " ", b_start=(op.b_start or 0) + 1)
            else:
                out[k] = Op("delete", op.text[1:] + " ", a_start=(op.a_start or 0) + 1)
            a_next = (after.a_start or 0) + 1
            b_next = (after.b_start or 0) + 1
            out[k + 1] = Op("equal", after.text[1:], a_next, b_next)
    return [op for op in out if op.text]


def _shared_spaces_outside(ops: list[Op]) -> list[Op]:
    """A replacement whose deleted and inserted texts both end (or both start) with the same
    space gives that space to the equal text after (or before) it: ``[-by the-]{+of+} x``,
    not ``[-by the -]{+of +}x``."""
    out = list(ops)
    for k in range(len(out) - 1):
        d, i = out[k], out[k + 1]
        if d.op != "delete" or i.op != "insert" or d.ignored or i.ignored:
            continue
        after = out[k + 2] if k + 2 < len(out) else None
        if (
            after is not None
            and after.op == "equal"
            and len(d.text) > 1
            and len(i.text) > 1
            and d.text[-1] == i.text[-1] == " "
        ):
            out[k] = Op("delete", d.text[:-1], a_start=d.a_start)
            out[k + 1] = Op("insert", i.text[:-1], b_start=i.b_start)
            out[k + 2] = Op(
                "equal", " " + after.text, (after.a_start or 0) - 1, (after.b_start or 0) - 1
            )
            d, i = out[k], out[k + 1]
        before = out[k - 1] if k else None
        if (
            before is not None
            and before.op == "equal"
            and len(d.text) > 1
            and len(i.text) > 1
            and d.text[0] == i.text[0] == " "
        ):
            out[k - 1] = Op("equal", before.text + " ", before.a_start, before.b_start)
            out[k] = Op("delete", d.text[1:], a_start=(d.a_start or 0) + 1)
            out[k + 1] = Op("insert", i.text[1:], b_start=(i.b_start or 0) + 1)
    return out


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _fold_confetti(ops: list[Op]) -> list[Op]:
    """Fold a space/punctuation-only equality between two multi-word changes into them.

    A change counts as multi-word when either side has two words or more, so a one-word
    substitution such as "shall" -> "should" always stays a change of its own.
    """
    if len(ops) < 5:
        return ops
    # group into change runs (consecutive non-equal, non-ignored ops) and other ops
    items: list[list[Op]] = []
    for op in ops:
        is_change = op.op != "equal" and not op.ignored
        if is_change and items and items[-1][0].op != "equal" and not items[-1][0].ignored:
            items[-1].append(op)
        else:
            items.append([op])

    def big(group: list[Op]) -> bool:
        if group[0].op == "equal" or group[0].ignored:
            return False
        deleted = sum(_words(o.text) for o in group if o.op == "delete")
        inserted = sum(_words(o.text) for o in group if o.op == "insert")
        return max(deleted, inserted) >= 2

    out: list[list[Op]] = []
    index = 0
    while index < len(items):
        group = items[index]
        if (
            out
            and group[0].op == "equal"
            and index + 1 < len(items)
            and not _WORD_CHAR.search(group[0].text)
            and big(out[-1])
            and big(items[index + 1])
        ):
            equal = group[0]
            left = out.pop()
            right = items[index + 1]
            deleted = [o for o in left if o.op == "delete"]
            inserted = [o for o in left if o.op == "insert"]
            a_start = deleted[0].a_start if deleted else equal.a_start
            b_start = inserted[0].b_start if inserted else equal.b_start
            a_text = "".join(o.text for o in deleted) + equal.text
            a_text += "".join(o.text for o in right if o.op == "delete")
            b_text = "".join(o.text for o in inserted) + equal.text
            b_text += "".join(o.text for o in right if o.op == "insert")
            out.append(
                [Op("delete", a_text, a_start=a_start), Op("insert", b_text, b_start=b_start)]
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
    if a_text == b_text:
        ops = (Op("equal", a_text, a_start, b_start),) if a_text else ()
        return PairDiff(ops, 1.0, False)
    words_only = options.ignore_punctuation
    granularity = options.granularity
    head = _common_head(a_text, b_text)
    tail = _common_tail(a_text[head:], b_text[head:])
    edges = 0
    ops: list[Op] = []
    if head:
        ops.append(Op("equal", a_text[:head], a_start, b_start))
        edges += count_tokens(a_text[:head], granularity=granularity, words_only=words_only)
    if tail:
        tail_text = a_text[len(a_text) - tail :]
        edges += count_tokens(tail_text, granularity=granularity, words_only=words_only)
    whole_a, whole_b = a_text, b_text
    a_text = a_text[head : len(a_text) - tail]
    b_text = b_text[head : len(b_text) - tail]
    a_start += head
    b_start += head
    lawyer = granularity == "word" and not words_only
    classes = words_only or lawyer
    ta = tokenize(
        a_text, granularity=granularity, ignore_case=options.ignore_case, with_classes=classes
    )
    tb = tokenize(
        b_text, granularity=granularity, ignore_case=options.ignore_case, with_classes=classes
    )
    if lawyer:
        a_anchor = [i for i, c in enumerate(ta.classes) if c != SPACE]
        b_anchor = [i for i, c in enumerate(tb.classes) if c != SPACE]
        code_a, code_b = encode([ta.keys[i] for i in a_anchor], [tb.keys[i] for i in b_anchor])
        runs = engine(code_a, code_b)
        blocks = _anchor_blocks(runs, ta, tb, a_anchor, b_anchor)
    elif words_only:
        a_words = [i for i, c in enumerate(ta.classes) if c == WORD]
        b_words = [i for i, c in enumerate(tb.classes) if c == WORD]
        code_a, code_b = encode([ta.keys[i] for i in a_words], [tb.keys[i] for i in b_words])
        runs = engine(code_a, code_b)
        blocks = _blocks_words(runs, ta, tb, a_words, b_words)
    else:
        code_a, code_b = encode(ta.keys, tb.keys)
        blocks = _blocks_all(engine(code_a, code_b))
    if not lawyer:
        similarity, changes = _similarity(blocks, ta, tb, words_only, edges)
        word_similarity = similarity
    mode = options.whole_sentence
    if lawyer:
        word_edges = count_tokens(whole_a[:head], words_only=True)
        if tail:
            word_edges += count_tokens(whole_a[len(whole_a) - tail :], words_only=True)
        similarity, changes, word_similarity = _lawyer_similarity(blocks, ta, tb, edges, word_edges)
        blocks = _fold_chance(_glue_punctuation(blocks, ta, tb), ta, tb)
    if mode == "similarity":
        whole = changes > 1 and similarity < options.replace_below
    elif mode == "chance" and lawyer:
        whole = word_similarity < options.rewrite_below or _shared_is_chance(
            blocks, ta, whole_a[:head], whole_a[len(whole_a) - tail :]
        )
        whole = whole and any(b.kind == "change" for b in blocks)
    elif mode == "chance":
        whole = changes > 1 and similarity < options.replace_below
    else:
        whole = False
    if whole:
        replaced = tuple(
            op
            for op in (
                Op("delete", whole_a, a_start=a_start - head),
                Op("insert", whole_b, b_start=b_start - head),
            )
            if op.text
        )
        return PairDiff(replaced, round(similarity, 4), True)
    for block in blocks:
        if block.kind == "change":
            _emit_change(ops, ta, tb, block, a_start, b_start)
        else:
            _emit_equal(ops, ta, tb, block, a_start, b_start, block.kind == "soft")
    if tail:
        ops.append(
            Op(
                "equal",
                whole_a[len(whole_a) - tail :],
                a_start + len(a_text),
                b_start + len(b_text),
            )
        )
    if lawyer:
        ops = _shared_spaces_outside(_start_at_words(_merge_adjacent(ops)))
        return PairDiff(tuple(ops), round(similarity, 4), False)
    ops = _start_at_words(_fold_confetti(_merge_adjacent(ops)))
    return PairDiff(tuple(ops), round(similarity, 4), False)


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
