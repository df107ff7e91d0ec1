"""Pair the parts of two texts before any word is diffed: articles, then sentences.

Articles are paired by passes in a fixed order, each recorded with its name and the similarity
it measured so a user can ask why a unit was called moved:

1. ``exact``: the same normalised content (catches moved and renumbered articles unchanged);
2. ``number``: the same article number and content at least ``match_above`` alike;
3. ``similarity``: the most alike remaining articles, best pair first, above ``match_above``;
4. ``content``: numbers agree but content does not: an article pairs with the article, or
   paragraph of an article, of the other side that it is clearly most alike in content words
   (Art. 6 of one draft is Art. 4(1) of the other);
5. ``number`` again for what is left with the same number (a rewritten Article 5 is still
   Article 5), and ``position`` for a lone unnumbered block on each side (the preamble).

The order matters: exact content is the strongest evidence and must not be stolen by a
number match; numbers beat loose similarity because renumbering is rarer than editing, and
content overrules a number only when the numbered partner matches clearly worse.
Paired articles whose order differs from the other side's are ``moved``: the pairs outside
a longest increasing subsequence of positions (the fewest moves that explain the order).
Sentences inside a pair are aligned by hash (diff-match-patch over sentence hashes), then the
leftovers between two identical sentences are paired by word similarity, in order.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache, partial
from itertools import pairwise, repeat
from typing import NamedTuple

from drafting.diff.chance import FUNCTION_WORDS
from drafting.diff.worddiff import Engine, agreeing, encode

_WORD = re.compile(r"\w+")


@cache
def paragraph_number() -> re.Pattern[str]:
    """A paragraph's number on a line of its own piece ("1.", "(a)", "iv)"); compiled when a
    short piece first needs it (start-up time: most texts have none)."""
    return re.compile(r"\(?([0-9]{1,3}|[a-z]{1,4}|[ivxlc]{1,6})[.)]\)?")


MAX_REGION_CELLS = 40_000
"""Largest unmatched region (sentences A x sentences B) paired by similarity; a larger one is
reported as removed plus added sentences, and the report says so."""


class Pair(NamedTuple):
    """One aligned item: indices into each side (``None`` when added or removed), how it was
    matched and how alike the two sides are (1.0 for identical). A named tuple, not a frozen
    dataclass: an alignment makes one per sentence, and a tuple is five times cheaper to make."""

    a: int | None
    b: int | None
    method: str
    similarity: float
    moved: bool = False
    a_count: int = 1
    b_count: int = 1
    """A sentence split in two (or two merged into one) pairs two items with one."""
    a_part: int | None = None
    b_part: int | None = None
    """Articles only: where a part of a split article starts (index into
    ``BlockInfo.paragraphs``). An article is split when one of its paragraphs pairs with an
    article of the other side: that paragraph is a part, and each run of paragraphs between
    such is one; a part runs to where the next part of the same article starts."""


_ASCII_WORD = re.compile(r"\w+", re.ASCII)
"""``_WORD`` for an all-ASCII text: the same runs (an ASCII character is a word character in
both modes exactly when it is a letter, a digit or "_"), found faster."""


_ASCII_WORD_BYTES = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
r"""The ASCII word characters (``\w`` of ASCII); the tables below are made of them in C at
import (by a test of each of the 128 characters, they took 0.67 M instructions)."""

_ASCII_NOT_WORD_BYTES = bytes(range(128)).translate(None, _ASCII_WORD_BYTES)

_ASCII_NON_WORD = bytes.maketrans(_ASCII_NOT_WORD_BYTES, b" " * len(_ASCII_NOT_WORD_BYTES))
"""A table for ``bytes.translate`` that turns every ASCII character that is no word character
into a space: for an all-ASCII text, ``text.encode().translate(_ASCII_NON_WORD).decode()``
split at whitespace is ``_ASCII_WORD.findall(text)`` (the spaces left are exactly the gaps
between its runs). Over bytes the table is read by index (a ``str.translate`` table is a
dict, looked up once per character): with the encoding and decoding, the words of the 1,050
sentence keys that the bench pair's word diffs measure take 21 M instructions, against 31 M
by ``str.translate``."""


_ASCII_WORD_MARK = bytes.maketrans(
    _ASCII_NOT_WORD_BYTES + _ASCII_WORD_BYTES,
    b" " * len(_ASCII_NOT_WORD_BYTES) + b"a" * len(_ASCII_WORD_BYTES),
)
"""A table for ``bytes.translate`` that turns every ASCII word character into ``a`` and every
other one into a space: the words of an ASCII text are then the ``a`` that start it or follow
a space (``_word_count``)."""


def _word_count(key: str) -> int:
    """``len(_word_list(key))``, without making the list for an ASCII key."""
    if key.isascii():
        marks = key.encode("ascii").translate(_ASCII_WORD_MARK)
        return marks.count(b" a") + marks.startswith(b"a")
    return len(_WORD.findall(key))


def _similarity_by_middles(a_key: str, b_key: str) -> float | None:
    """``dice`` of the word bags of two ASCII keys (the same float as ``_set_dice`` of their
    ``_word_set``), measured on their middles alone: the words before the keys' first
    difference and after their last (each cut back to a word boundary) are the same words on
    both sides, all of them shared, so the bags share those and what the middles share. None
    for a key that is not ASCII (only ASCII word characters are told here)."""
    if not (a_key.isascii() and b_key.isascii()):
        return None
    head = agreeing(a_key, b_key, "little")
    start, end = head, len(a_key) - agreeing(a_key[head:], b_key[head:], "big")
    while start > 0 and (a_key[start - 1].isalnum() or a_key[start - 1] == "_"):
        start -= 1  # (back to the start of a word the first difference cuts)
    while end < len(a_key) and (a_key[end].isalnum() or a_key[end] == "_"):
        end += 1  # (on to the end of a word the last difference cuts)
    a_middle = _word_list(a_key[start:end])
    b_middle = _word_list(b_key[start : len(b_key) - len(a_key) + end])
    edges = _word_count(a_key) - len(a_middle)  # the words of the identical head and tail
    total = 2 * edges + len(a_middle) + len(b_middle)
    if total == 0:
        return 1.0  # (dice of two empty bags)
    return 2.0 * (edges + len(_word_set(a_middle) & _word_set(b_middle))) / total


def _settled_in_place(
    a_keys: Sequence[str], b_keys: Sequence[str], a0: int, b0: int, count: int, threshold: float
) -> list[float] | None:
    """The similarities of the pairs in place of a region of ``count`` items on each side
    (the first with the first, and so on) when pairing by similarity pairs them so, known
    without measuring the pairs across: when each pair in place is at least ``threshold``
    alike and, from each pair on, their similarities add up to at least the number of pairs
    after it. Any other pairing of the items from that pair on has fewer pairs than the items,
    each at most 1.0 alike, so it sums to no more: the weighted longest common subsequence of
    ``_pair_region`` takes the pair in place at every step (on a tie too) and pairs every
    item. None otherwise (or for a key that is not ASCII)."""
    sims = []
    for k in range(count):
        sim = _similarity_by_middles(a_keys[a0 + k], b_keys[b0 + k])
        if sim is None or sim < threshold:
            return None
        sims.append(sim)
    total = 0.0
    for k in range(count - 1, -1, -1):
        total = sims[k] + total  # (added in the order _pair_region adds the similarities)
        if total < count - k - 1:
            return None
    return sims


def words_of(key: str) -> Counter[str]:
    return Counter(_word_list(key))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice similarity of two word bags (1.0 for two empty bags)."""
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return 1.0
    # the size of the multiset intersection ``a & b``, without building that Counter
    if len(a) > len(b):
        a, b = b, a
    shared = 0
    get = b.get
    for word, n in a.items():
        m = get(word)
        if m is not None:
            least = n if n < m else m
            if least > 0:
                shared += least
    return 2.0 * shared / total


def _word_list(key: str) -> list[str]:
    """The words of a key, in order (what ``words_of`` counts): the runs of word characters."""
    if key.isascii():
        return key.encode("ascii").translate(_ASCII_NON_WORD).decode("ascii").split()
    return _WORD.findall(key)


def _word_set(words: list[str]) -> set[str | tuple[str, int]]:
    """A word bag as a set, for ``_set_dice``: each word, and its ``k``-th repeat (k >= 1) as
    ``(word, k)``, so that two such sets share ``min(n, m)`` items for a word that one bag
    has ``n`` times and the other ``m`` times, and ``len(a & b)`` (in C) is the size of the
    multiset intersection that ``dice`` counts word by word."""
    found: set[str | tuple[str, int]] = set(words)
    if len(found) < len(words):
        # the repeats first, each copy of a word after its first one (set.add returns None),
        # then only they are counted: a sentence repeats a few of its words
        seen: set[str] = set()
        add = seen.add
        repeats = [word for word in words if word in seen or add(word)]
        counts: dict[str, int] = {}
        for word in repeats:
            n = counts.get(word, 1)
            found.add((word, n))
            counts[word] = n + 1
    return found


def _set_dice(a: set[str | tuple[str, int]], b: set[str | tuple[str, int]]) -> float:
    """``dice`` of two bags given as ``_word_set`` values (one item per word counted: a set's
    length is its bag's total)."""
    total = len(a) + len(b)
    if total == 0:
        return 1.0
    return 2.0 * len(a & b) / total


def _pair_region(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    a0: int,
    a1: int,
    b0: int,
    b1: int,
    threshold: float,
    measure: bool = True,
    max_cells: int = MAX_REGION_CELLS,
) -> list[Pair]:
    """Pair the items of an unmatched region in order, maximising summed similarity (a
    weighted longest common subsequence); unpaired items are removed or added. A region of
    one item on each side pairs them whatever their similarity (see ``_pair_in_place``), so
    without ``measure`` it is paired without measuring (``position``, similarity 0). Without
    ``measure``, a region of as many items on each side that ``_settled_in_place`` shows to
    pair in place (most regions of a revised text: neighbouring sentences edited) is paired
    so, its pairs measured on their middles and those across not measured."""
    m, n = a1 - a0, b1 - b0
    if m == 1 and n == 1 and not measure:
        return [Pair(a0, b0, "position", 0.0)]
    if m == 0 or n == 0 or m * n > max_cells:
        return [Pair(i, None, "unpaired", 0.0) for i in range(a0, a1)] + [
            Pair(None, j, "unpaired", 0.0) for j in range(b0, b1)
        ]
    if m == n and not measure:
        settled = _settled_in_place(a_keys, b_keys, a0, b0, m, threshold)
        if settled is not None:  # (the pairs the weighted LCS below makes)
            return [
                Pair(a0 + k, b0 + k, "similarity", round(sim, 4)) for k, sim in enumerate(settled)
            ]
    words_a = [_word_list(a_keys[i]) for i in range(a0, a1)]
    words_b = [_word_list(b_keys[j]) for j in range(b0, b1)]
    sets_a = [_word_set(words) for words in words_a]
    sets_b = [_word_set(words) for words in words_b]
    sims = [[_set_dice(x, y) for y in sets_b] for x in sets_a]
    # best[i][j]: best total for a[i:], b[j:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(n - 1, -1, -1):
            take = sims[i][j] + below[j + 1] if sims[i][j] >= threshold else -1.0
            row[j] = max(take, below[j], row[j + 1])
    pairs: list[Pair] = []
    i = j = 0
    while i < m and j < n:
        s = sims[i][j]
        # (each Pair made from its fields in C, without its Python-level __new__)
        if s >= threshold and best[i][j] == s + best[i + 1][j + 1]:
            pairs.append(_new_pair((a0 + i, b0 + j, "similarity", round(s, 4), *_PAIR_REST)))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append(_new_pair((a0 + i, None, "unpaired", 0.0, *_PAIR_REST)))
            i += 1
        else:
            pairs.append(_new_pair((None, b0 + j, "unpaired", 0.0, *_PAIR_REST)))
            j += 1
    pairs.extend(Pair(a0 + k, None, "unpaired", 0.0) for k in range(i, m))
    pairs.extend(Pair(None, b0 + k, "unpaired", 0.0) for k in range(j, n))
    pairs = _pair_in_place(pairs, sims, a0, b0)
    if m != n:
        pairs = _join_split_sentences(pairs, (words_a, words_b), (sets_a, sets_b), a0, b0)
    return pairs


def _each_gap(pairs: list[Pair], rewrite: Callable[[list[Pair]], list[Pair]]) -> list[Pair]:
    """Apply ``rewrite`` to every run of unpaired items between two pairs (and at the ends)."""
    out: list[Pair] = []
    run: list[Pair] = []
    for p in pairs:
        if p.a is None or p.b is None:
            run.append(p)
            continue
        out.extend(rewrite(run) if run else ())
        run = []
        out.append(p)
    out.extend(rewrite(run) if run else ())
    return out


def _pair_in_place(pairs: list[Pair], sims: list[list[float]], a0: int, b0: int) -> list[Pair]:
    """Between two pairs, as many removed as added items are rewrites of one another: pair
    them in order (``position``), so a rewritten sentence is shown as replaced. ``sims``:
    the similarity of each item of the region (from ``a0``, ``b0``) with each of the other
    side."""
    if all(p.a is not None and p.b is not None for p in pairs):
        return pairs  # every item paired: no run to rewrite (most regions)

    def rewrite(run: list[Pair]) -> list[Pair]:
        removed = [q.a for q in run if q.a is not None]
        added = [q.b for q in run if q.b is not None]
        if not removed or len(removed) != len(added):
            return run
        return [
            Pair(i, j, "position", round(sims[i - a0][j - b0], 4))
            for i, j in zip(removed, added, strict=True)
        ]

    return _each_gap(pairs, rewrite)


def _join_split_sentences(
    pairs: list[Pair],
    words: tuple[list[list[str]], list[list[str]]],
    sets: tuple[list[set[str | tuple[str, int]]], list[set[str | tuple[str, int]]]],
    a0: int,
    b0: int,
) -> list[Pair]:
    """Fold an unpaired sentence into its paired neighbour when together they match the other
    side better: one sentence split in two, or two merged into one, is one edited unit.
    ``words``: the words of each item of the region (from ``a0``, ``b0``) on each side;
    ``sets``: their ``_word_set``."""

    def bag(side: int, first: int, count: int, base: int) -> set[str | tuple[str, int]]:
        # the words of the items joined, as a set for ``_set_dice`` (``dice`` of their bags);
        # one item's set is made already
        k = first - base
        if count == 1:
            return sets[side][k]
        return _word_set([word for item in words[side][k : k + count] for word in item])

    changed = True
    while changed:
        changed = False
        for k, p in enumerate(pairs):
            if p.a is None or p.b is None:
                continue
            for n in (k - 1, k + 1):
                if not 0 <= n < len(pairs):
                    continue
                q = pairs[n]
                a, b, a_count, b_count = p.a, p.b, p.a_count, p.b_count
                if q.b is None and q.a is not None and q.a in (p.a - 1, p.a + p.a_count):
                    a, a_count = min(p.a, q.a), a_count + 1  # a removed neighbour joins A
                elif q.a is None and q.b is not None and q.b in (p.b - 1, p.b + p.b_count):
                    b, b_count = min(p.b, q.b), b_count + 1  # an added neighbour joins B
                else:
                    continue
                sim = _set_dice(bag(0, a, a_count, a0), bag(1, b, b_count, b0))
                if sim > p.similarity:
                    pairs[k] = Pair(a, b, "similarity", round(sim, 4), False, a_count, b_count)
                    del pairs[n]
                    changed = True
                    break
            if changed:
                break
    return pairs


def align_sequence(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    *,
    engine: Engine,
    threshold: float = 0.5,
    notes: list[str] | None = None,
    measure: bool = True,
    max_cells: int = MAX_REGION_CELLS,
) -> list[Pair]:
    """Align two sequences of sentence keys in order: identical ones by hash, the rest by
    word similarity. Returns every index of both sides exactly once, in reading order.
    ``measure=False`` skips measuring a lone pair whose similarity nobody reads."""
    # a paragraph number never anchors the alignment on its own: "2." is the second
    # paragraph's number on each side, whatever the paragraphs say (it pairs afterwards,
    # by similarity, with the number beside the sentence it goes with)
    code_a, code_b = encode(_unanchored(a_keys, "a"), _unanchored(b_keys, "b"))
    pairs: list[Pair] = []
    ia = ib = 0
    pending_a = pending_b = 0

    def flush() -> None:
        nonlocal pending_a, pending_b
        if pending_a or pending_b:
            a0, b0 = ia - pending_a, ib - pending_b
            if pending_a * pending_b > max_cells and notes is not None:
                notes.append(
                    f"{pending_a} x {pending_b} unmatched sentences were too many to pair by "
                    "similarity and are reported as removed and added"
                )
            pairs.extend(
                _pair_region(a_keys, b_keys, a0, ia, b0, ib, threshold, measure, max_cells)
            )
        pending_a = pending_b = 0

    for op, length in engine(code_a, code_b):
        if op == "=":
            flush()
            # Pair(ia + k, ib + k, "hash", 1.0) for each k, its fields zipped (all in C)
            pairs.extend(
                map(
                    _new_pair,
                    zip(
                        range(ia, ia + length),
                        range(ib, ib + length),
                        *_HASH_PAIR,
                        strict=False,  # (the repeats are endless)
                    ),
                )
            )
            ia += length
            ib += length
        elif op == "-":
            ia += length
            pending_a += length
        else:
            ib += length
            pending_b += length
    flush()
    return pairs


_new_pair = partial(tuple.__new__, Pair)
"""``Pair(*fields)`` without its Python-level ``__new__``."""

_HASH_PAIR = tuple(repeat(field) for field in ("hash", 1.0, False, 1, 1, None, None))
"""The fields of a pair by hash after its indices (to zip with them)."""

_PAIR_REST = (False, 1, 1, None, None)
"""The fields of a pair of one item on each side after its similarity (their defaults)."""


def _unanchored(keys: Sequence[str], side: str) -> Sequence[str]:
    """``keys`` with each paragraph number made unique to its side and place."""
    # (a paragraph number is at most 8 characters long: most keys are not looked at, and
    # a list without a key that short, most lists, is returned after one pass in C)
    if not keys or min(map(len, keys)) > 8:
        return keys
    numbers = [
        k
        for k, size in enumerate(map(len, keys))
        if size <= 8 and paragraph_number().fullmatch(keys[k])
    ]
    if not numbers:
        return keys
    out = list(keys)
    for k in numbers:
        out[k] = f"\x00{side}{k}"
    return out


def pair_moved_sentences(
    pairs: list[Pair], a_keys: Sequence[str], b_keys: Sequence[str]
) -> list[Pair]:
    """A removed and an added sentence with the same key are one sentence moved."""
    removed: dict[str, list[int]] = {}
    for p in pairs:
        if p.b is None and p.a is not None:
            removed.setdefault(a_keys[p.a], []).append(p.a)
    if not removed:
        return pairs
    moved_a: dict[int, int] = {}
    for p in pairs:
        if p.a is None and p.b is not None:
            candidates = removed.get(b_keys[p.b])
            if candidates:
                moved_a[candidates.pop(0)] = p.b
    if not moved_a:
        return pairs
    out: list[Pair] = []
    targets = {b: a for a, b in moved_a.items()}
    for p in pairs:
        if p.a is not None and p.a in moved_a and p.b is None:
            continue
        if p.a is None and p.b is not None and p.b in targets:
            out.append(Pair(targets[p.b], p.b, "hash", 1.0, moved=True))
            continue
        out.append(p)
    return out


def pair_same_ids(
    pairs: list[Pair],
    a_ids: Sequence[str | None],
    b_ids: Sequence[str | None],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
) -> list[Pair]:
    """Between two pairs, a removed and an added sentence with the same id are one sentence
    rewritten (``id``): clause drafts keep a sentence's id across drafts (a new sentence gets
    a new id), so the id says what the words cannot, as between two languages."""

    def rewrite(run: list[Pair]) -> list[Pair]:
        added = {b_ids[q.b]: q.b for q in run if q.b is not None and b_ids[q.b] is not None}
        matched: dict[int, int] = {}
        last_b = -1
        for q in run:
            j = added.get(a_ids[q.a]) if q.a is not None and a_ids[q.a] is not None else None
            if q.a is not None and j is not None and j > last_b:
                matched[q.a] = j
                last_b = j
        taken_b = set(matched.values())
        out: list[Pair] = []
        for q in run:
            if q.a is not None and q.a in matched:
                sim = dice(words_of(a_keys[q.a]), words_of(b_keys[matched[q.a]]))
                out.append(Pair(q.a, matched[q.a], "id", round(sim, 4)))
            elif q.b is None or q.b not in taken_b:
                out.append(q)
        return out

    return _each_gap(pairs, rewrite)


class BlockInfo(NamedTuple):
    """What article alignment needs to know of an article: its number and its content.

    A named tuple, not a frozen dataclass: it stays inside the diff (``prepare_side`` to
    article alignment), and making the dataclass was about 3.6 M instructions at start-up."""

    num: str | None
    key: str
    """Normalised content (sentence keys joined), without the heading line."""
    sentence_keys: tuple[str, ...]
    paragraphs: tuple[str, ...] = ()
    """Normalised content of each paragraph when the article has more than one: an article
    of one side may be a paragraph of an article of the other (Art. 6 → Art. 4(1))."""


def longest_increasing(values: Sequence[int]) -> list[int]:
    """Indices of one longest strictly increasing subsequence of ``values`` (patience sort)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(values)
    for index, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_index.append(index)
        else:
            tails[k] = value
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    out: list[int] = []
    index = tail_index[-1] if tail_index else -1
    while index != -1:
        out.append(index)
        index = previous[index]
    return out[::-1]


def _heaviest_increasing(values: Sequence[int], preferred: Sequence[bool]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of ``values`` that holds as many
    ``preferred`` items as any such does (O(n²): used only when content pairs exist)."""
    n = len(values)
    score: list[tuple[int, int]] = [(1, int(p)) for p in preferred]
    previous = [-1] * n
    for k in range(n):
        for j in range(k):
            if values[j] < values[k]:
                candidate = (score[j][0] + 1, score[j][1] + int(preferred[k]))
                if candidate >= score[k]:  # ties: the later predecessor, as patience sort
                    score[k], previous[k] = candidate, j
    if not n:
        return []
    index = max(range(n), key=lambda k: (score[k], -k))
    out: list[int] = []
    while index != -1:
        out.append(index)
        index = previous[index]
    return out[::-1]


def _sentence_overlap(a: BlockInfo, b: BlockInfo) -> float:
    """Dice similarity of two articles' identical sentences (a cheap content similarity)."""
    keys_a, keys_b = a.sentence_keys, b.sentence_keys
    total = len(keys_a) + len(keys_b)
    if total == 0:
        return 1.0
    # a sentence both hold counts min(times in A, times in B): once when one side has no
    # repeated sentence, so the keys of that side met in the other's (in C) count the same
    set_a = set(keys_a)
    if len(set_a) == len(keys_a):
        shared = len(set_a.intersection(keys_b))
    else:
        set_b = set(keys_b)
        if len(set_b) == len(keys_b):
            shared = len(set_a & set_b)
        else:
            shared = sum((Counter(keys_a) & Counter(keys_b)).values())
    return 2.0 * shared / total


class _ContentSimilarity:
    """How alike two articles are: the share of identical sentences, or of word pairs when
    that is below 0.5 (an article whose every sentence was edited still shares most of its
    word pairs; single words would match any two articles on "the Parties shall").
    Bags are built once per article, and only when needed."""

    def __init__(self, a: Sequence[BlockInfo], b: Sequence[BlockInfo]) -> None:
        self.a, self.b = a, b
        self.bags: dict[tuple[int, int], Counter[str]] = {}

    def _bag(self, side: int, index: int) -> Counter[str]:
        bag = self.bags.get((side, index))
        if bag is None:
            words = _word_list((self.a, self.b)[side][index].key)
            bag = self.bags[side, index] = Counter(pairwise(words))
        return bag

    def __call__(self, i: int, j: int) -> float:
        overlap = _sentence_overlap(self.a[i], self.b[j])
        if overlap >= 0.5:
            return overlap
        return max(overlap, dice(self._bag(0, i), self._bag(1, j)))


Item = tuple[int, int | None]
"""An article (block index, ``None``) or a part of a split one (block index, the index of
its first paragraph)."""


class _ContentWords:
    """How alike two articles or paragraphs are in what they are about: the Dice share of
    their content words (function words and numbers dropped, words cut to their first five
    letters so "deploy" meets "deployment"), each word weighted by its inverse document
    frequency over the paragraphs of both texts. "the Parties shall" and a name every article
    repeats weigh next to nothing; "accession" and "further" shared by two paragraphs weigh a
    lot. Sets, not bags: an article naming an organisation twice is not about it twice."""

    def __init__(self, a: Sequence[BlockInfo], b: Sequence[BlockInfo]) -> None:
        self.a, self.b = a, b
        documents = [
            self._words(text) for block in (*a, *b) for text in (block.paragraphs or (block.key,))
        ]
        frequency: Counter[str] = Counter(w for words in documents for w in words)
        total = len(documents) + 1
        self.weight = {w: math.log(total / (n + 0.5)) for w, n in frequency.items()}
        self._bags: dict[tuple[int, Item], frozenset[str]] = {}

    @staticmethod
    def _words(text: str) -> frozenset[str]:
        return frozenset(
            w[:5]
            for w in _WORD.findall(text.lower())
            if len(w) > 2 and not w.isdigit() and w not in FUNCTION_WORDS
        )

    def bag(self, side: int, item: Item) -> frozenset[str]:
        found = self._bags.get((side, item))
        if found is None:
            block = (self.a, self.b)[side][item[0]]
            text = block.key if item[1] is None else block.paragraphs[item[1]]
            found = self._bags[side, item] = self._words(text)
        return found

    def __call__(self, x: Item, y: Item) -> float:
        return self.measure(self.bag(0, x), self.bag(1, y))

    def segment(self, side: int, index: int, first: int, end: int) -> frozenset[str]:
        """The content words of paragraphs ``first:end`` of an article."""
        block = (self.a, self.b)[side][index]
        return self._words("\n".join(block.paragraphs[first:end]))

    def measure(self, bag_a: frozenset[str], bag_b: frozenset[str]) -> float:
        total = sum(self.weight[w] for w in bag_a) + sum(self.weight[w] for w in bag_b)
        if total == 0:
            return 0.0
        return 2.0 * sum(self.weight[w] for w in bag_a & bag_b) / total


class _ArticlePairing:
    """The state the article passes share: who is paired so far, which articles were split
    into their paragraphs, and the two content similarities."""

    def __init__(
        self, a: Sequence[BlockInfo], b: Sequence[BlockInfo], threshold: float, max_cells: int
    ) -> None:
        self.a, self.b = a, b
        self.threshold = threshold
        self.max_cells = max_cells
        self.notes: list[str] = []
        self.similarity = _ContentSimilarity(a, b)
        self._content: _ContentWords | None = None
        self.pair_of_a: dict[Item, Pair] = {}
        self.paired_b: set[Item] = set()
        self.split_a: set[int] = set()
        self.split_b: set[int] = set()
        self.starts: tuple[dict[int, list[int]], dict[int, list[int]]] = ({}, {})
        """Per split article, where its parts start (``_segment``)."""
        self.b_by_num: dict[str, list[int]] = {}

    @property
    def content(self) -> _ContentWords:
        """Built only when a pass needs it (most diffs pair every article before)."""
        if self._content is None:
            self._content = _ContentWords(self.a, self.b)
        return self._content

    def free_a(self, i: int) -> bool:
        return (i, None) not in self.pair_of_a and i not in self.split_a

    def free_b(self, j: int) -> bool:
        return (j, None) not in self.paired_b and j not in self.split_b

    def take(
        self,
        i: int,
        j: int,
        method: str,
        sim: float,
        a_part: int | None = None,
        b_part: int | None = None,
    ) -> None:
        self.pair_of_a[i, a_part] = Pair(i, j, method, round(sim, 4), a_part=a_part, b_part=b_part)
        self.paired_b.add((j, b_part))
        if a_part is not None:
            self.split_a.add(i)
        if b_part is not None:
            self.split_b.add(j)


def _pass_exact(s: _ArticlePairing) -> None:
    """Exact content: the strongest evidence, so a number match cannot steal it."""
    by_key: dict[str, list[int]] = {}
    for i, block in enumerate(s.a):
        by_key.setdefault(block.key, []).append(i)
    for j, block in enumerate(s.b):
        candidates = by_key.get(block.key)
        if candidates:
            s.take(candidates.pop(0), j, "exact", 1.0)


def _pass_number(s: _ArticlePairing) -> None:
    """The same number and content at least ``match_above`` alike."""
    # (``free_a``/``free_b`` written out: this pass asks them of every article)
    pair_of_a, paired_b, split_a, split_b = s.pair_of_a, s.paired_b, s.split_a, s.split_b
    b_by_num = s.b_by_num
    for j, block in enumerate(s.b):
        if block.num is not None and (j, None) not in paired_b and j not in split_b:
            b_by_num.setdefault(block.num, []).append(j)
    similarity, threshold = s.similarity, s.threshold
    for i, block in enumerate(s.a):
        if block.num is None or (i, None) in pair_of_a or i in split_a:
            continue
        for j in b_by_num.get(block.num, ()):
            if (j, None) in paired_b or j in split_b:
                continue
            sim = similarity(i, j)
            if sim >= threshold:
                s.take(i, j, "number", sim)
                break


def _pass_similarity(s: _ArticlePairing) -> None:
    """The most alike remaining pairs, best first (ties: earlier A, then earlier B)."""
    rest_a = [i for i in range(len(s.a)) if s.free_a(i)]
    rest_b = [j for j in range(len(s.b)) if s.free_b(j)]
    if not rest_a or not rest_b:
        return
    if len(rest_a) * len(rest_b) > s.max_cells:
        s.notes.append(_too_many(len(rest_a), len(rest_b), "similarity"))
        return
    scored = []
    for i in rest_a:
        for j in rest_b:
            sim = s.similarity(i, j)
            if sim >= s.threshold:
                scored.append((-sim, i, j))
    scored.sort()
    for negative, i, j in scored:
        if s.free_a(i) and s.free_b(j):
            s.take(i, j, "similarity", -negative)


CONTENT_FLOOR = 0.2
"""The least content-word similarity (``_ContentWords``) for the ``content`` pass to pair two
articles, or an article and a paragraph, across different numbers."""

CONTENT_MARGIN = 1.5
"""How many times more alike than the article with the same number a content partner must
be: numbers are the drafters' own pairing, so content overrules them only clearly."""


def _units(blocks: Sequence[BlockInfo], rest: Sequence[int]) -> list[Item]:
    """The remaining articles, each whole and, when it has several, each of its paragraphs."""
    out: list[Item] = []
    for i in rest:
        out.append((i, None))
        if len(blocks[i].paragraphs) > 1:
            out.extend((i, k) for k in range(len(blocks[i].paragraphs)))
    return out


def _pass_content(s: _ArticlePairing) -> None:
    """Numbers agree but content does not: an article pairs with the remaining article, or
    paragraph of an article, of the other side that it is most alike in content words, when
    each is the other's best match, they share at least ``CONTENT_FLOOR``, and the articles
    with their numbers match them less than ``1 / CONTENT_MARGIN`` as well. A paragraph that
    pairs this way splits its article into paragraphs (``Pair.a_part``/``b_part``): Art. 6
    of one draft is Art. 4(1) of the other."""
    # numbered articles only: the front matter pairs with the front matter (``position``)
    rest_a = [i for i in range(len(s.a)) if s.free_a(i) and s.a[i].num is not None]
    rest_b = [j for j in range(len(s.b)) if s.free_b(j) and s.b[j].num is not None]
    if not rest_a or not rest_b:
        return
    units_a, units_b = _units(s.a, rest_a), _units(s.b, rest_b)
    if len(units_a) * len(units_b) > s.max_cells:
        s.notes.append(_too_many(len(units_a), len(units_b), "content"))
        return
    sims = {(x, y): s.content(x, y) for x in units_a for y in units_b}

    best_of_a = {x: _best([(y, sims[x, y]) for y in units_b]) for x in units_a}
    best_of_b = {y: _best([(x, sims[x, y]) for x in units_a]) for y in units_b}
    num_a = {s.a[i].num: i for i in reversed(rest_a) if s.a[i].num is not None}
    num_b = {s.b[j].num: j for j in reversed(rest_b) if s.b[j].num is not None}

    def by_number(side: int, item: Item) -> float:
        """How well the article with the same number on the other side matches ``item``."""
        block = (s.a, s.b)[side][item[0]]
        partner = (num_b, num_a)[side].get(block.num) if block.num is not None else None
        if partner is None:
            return 0.0
        mine = _units((s.a, s.b)[side], [item[0]]) if item[1] is None else [item]
        theirs = _units((s.b, s.a)[side], [partner])
        if side == 0:
            return max(sims[x, y] for x in mine for y in theirs)
        return max(sims[x, y] for x in theirs for y in mine)

    accepted = []
    for x in units_a:
        y = best_of_a[x]
        if y is None or best_of_b[y] != x:
            continue
        sim = sims[x, y]
        if sim < CONTENT_FLOOR:
            continue
        num_x, num_y = s.a[x[0]].num, s.b[y[0]].num
        if num_x is not None and num_x == num_y:
            continue  # the same number: the number passes pair them
        if sim < CONTENT_MARGIN * max(by_number(0, x), by_number(1, y)):
            continue
        accepted.append((-sim, x, y))
    accepted.sort(key=lambda t: (t[0], t[1][0], t[1][1] if t[1][1] is not None else -1))
    for negative, (i, ka), (j, kb) in accepted:
        if (i, ka) in s.pair_of_a or (j, kb) in s.paired_b:
            continue
        if (i, None) in s.pair_of_a or (j, None) in s.paired_b:
            continue
        if (ka is None and i in s.split_a) or (kb is None and j in s.split_b):
            continue
        s.take(i, j, "content", -negative, ka, kb)
    _segment(s)


def _segment(s: _ArticlePairing) -> None:
    """Cut each split article into parts: each paragraph paired by content, and each run of
    paragraphs between them (what is left of the article stays together)."""
    for side, blocks, split, taken in (
        (0, s.a, s.split_a, {item for item in s.pair_of_a}),
        (1, s.b, s.split_b, s.paired_b),
    ):
        for index in split:
            size = len(blocks[index].paragraphs)
            cuts = {0}
            for k in range(size):
                if (index, k) in taken:
                    cuts.update((k, k + 1))
            s.starts[side][index] = sorted(c for c in cuts if c < size)


def part_end(starts: Sequence[int], first: int, size: int) -> int:
    """Where the part starting at paragraph ``first`` ends: the next part's start."""
    later = [k for k in starts if k > first]
    return later[0] if later else size


def _too_many(m: int, n: int, how: str) -> str:
    return (
        f"{m} x {n} unpaired articles (and paragraphs) were too many to pair by {how} "
        "(max_region_cells); what is left pairs by number or is reported removed and added"
    )


def _best(scored: Sequence[tuple[Item, float]]) -> Item | None:
    """The highest-scoring item; the earliest of equals."""
    found: Item | None = None
    top = -1.0
    for item, value in scored:
        if value > top:
            found, top = item, value
    return found


NUMBER_FLOOR = 0.1
"""The least content similarity for two rewritten articles to pair by their number alone:
below it they share no more than any two articles do ("the Parties shall"), so an Article 6
on enlargement is not shown as a rewrite of an Article 6 on missiles (removed and added)."""


def _pass_number_rewritten(s: _ArticlePairing) -> None:
    """What is left with the same number on both sides: a rewritten Article 5 is still
    Article 5 (recorded as ``number``, with its low similarity), unless their content shares
    less than ``NUMBER_FLOOR``. When one of the two was split by the content pass, its first
    part left over is what remains of that article."""
    for i, block in enumerate(s.a):
        if block.num is None or (i, None) in s.pair_of_a:
            continue
        for j in s.b_by_num.get(block.num, []):
            if (j, None) in s.paired_b:
                continue
            if i in s.split_a or j in s.split_b:
                _pair_leftover(s, i, j)
            elif s.free_a(i):
                similarity = s.similarity(i, j)
                if similarity >= NUMBER_FLOOR:
                    s.take(i, j, "number", similarity)
            break


def _pair_leftover(s: _ArticlePairing, i: int, j: int) -> None:
    """Article ``i`` and article ``j`` share a number and one of them (or both) was split:
    pair the first free part of a split one with the other article, or with its first free
    part."""
    if i in s.split_a and j in s.split_b:
        left_a = [k for k in s.starts[0][i] if (i, k) not in s.pair_of_a]
        left_b = [k for k in s.starts[1][j] if (j, k) not in s.paired_b]
        if left_a and left_b:
            end_a = part_end(s.starts[0][i], left_a[0], len(s.a[i].paragraphs))
            end_b = part_end(s.starts[1][j], left_b[0], len(s.b[j].paragraphs))
            similarity = s.content.measure(
                s.content.segment(0, i, left_a[0], end_a),
                s.content.segment(1, j, left_b[0], end_b),
            )
            if similarity >= NUMBER_FLOOR:
                s.take(i, j, "number", similarity, a_part=left_a[0], b_part=left_b[0])
        return
    if i in s.split_a:
        if not s.free_b(j):
            return
        starts = s.starts[0][i]
        left = [k for k in starts if (i, k) not in s.pair_of_a]
        if left:
            end = part_end(starts, left[0], len(s.a[i].paragraphs))
            bag = s.content.segment(0, i, left[0], end)
            similarity = s.content.measure(bag, s.content.bag(1, (j, None)))
            if similarity >= NUMBER_FLOOR:
                s.take(i, j, "number", similarity, a_part=left[0])
    elif s.free_a(i):
        starts = s.starts[1][j]
        left = [k for k in starts if (j, k) not in s.paired_b]
        if left:
            end = part_end(starts, left[0], len(s.b[j].paragraphs))
            bag = s.content.segment(1, j, left[0], end)
            similarity = s.content.measure(s.content.bag(0, (i, None)), bag)
            if similarity >= NUMBER_FLOOR:
                s.take(i, j, "number", similarity, b_part=left[0])


def _pass_position(s: _ArticlePairing) -> None:
    """A lone unnumbered block at the start of each side (title and preamble)."""
    if s.a and s.b and s.free_a(0) and s.free_b(0) and s.a[0].num is None and s.b[0].num is None:
        s.take(0, 0, "position", s.similarity(0, 0))


ARTICLE_PASSES: tuple[tuple[str, Callable[[_ArticlePairing], None]], ...] = (
    ("exact", _pass_exact),
    ("number", _pass_number),
    ("similarity", _pass_similarity),
    ("content", _pass_content),
    ("number-rewritten", _pass_number_rewritten),
    ("position", _pass_position),
)
"""The article passes in the order they run (the module docstring says why this order);
moves are marked afterwards, on the finished pairing (``_order``)."""

PASSES = (
    "exact",
    "hash",
    "id",
    "number",
    "similarity",
    "content",
    "position",
    "moved",
    "unpaired",
)
"""The ``match.method`` values of units, in the order the report counts them (``alignment``):
articles by ``exact``, ``number``, ``similarity``, ``content``, ``position``; sentences by
``hash``, then ``similarity``, ``position`` and, between clause drafts, ``id``; ``moved``
counts units marked moved by the move pass, whatever paired them; ``unpaired`` counts added
and removed."""


def align_blocks(
    a_blocks: Sequence[BlockInfo],
    b_blocks: Sequence[BlockInfo],
    *,
    threshold: float = 0.5,
    max_cells: int = MAX_REGION_CELLS,
    notes: list[str] | None = None,
) -> list[Pair]:
    """Pair articles by the passes of ``ARTICLE_PASSES``, in order; order the result as the
    B side reads, each removed article after its predecessor's partner. An article split
    into parts by the content pass appears once per part (``a_part``/``b_part``).
    A pass skipped because too many articles were left is said in ``notes``."""
    state = _ArticlePairing(a_blocks, b_blocks, threshold, max_cells)
    for _name, run in ARTICLE_PASSES:
        run(state)
    if notes is not None:
        notes.extend(state.notes)
    return _order(state)


def reading_order(
    blocks: Sequence[BlockInfo], starts: dict[int, list[int]] | None = None
) -> list[Item]:
    """A side's items as it reads: each article, or each part of a split one (``starts``:
    where the parts of each split article start)."""
    starts = starts or {}
    out: list[Item] = []
    for i in range(len(blocks)):
        if i in starts:
            out.extend((i, k) for k in starts[i])
        else:
            out.append((i, None))
    return out


def _order(s: _ArticlePairing) -> list[Pair]:
    """Mark moves (pairs outside a longest increasing run of B positions) and order all items
    as B reads, a removed A item right after the partner of the A item before it."""
    items_a = reading_order(s.a, s.starts[0])
    items_b = reading_order(s.b, s.starts[1])
    rank_b = {item: k for k, item in enumerate(items_b)}
    in_order = [item for item in items_a if item in s.pair_of_a]
    b_positions = [rank_b[s.pair_of_a[item].b, s.pair_of_a[item].b_part] for item in in_order]
    methods = [s.pair_of_a[item].method for item in in_order]
    if "content" in methods:
        # of the longest runs in order, keep the one with the fewest content pairs: those are
        # the articles and paragraphs that went elsewhere, so they are the ones to call moved
        kept = _heaviest_increasing(b_positions, [m != "content" for m in methods])
    else:
        kept = longest_increasing(b_positions)
    keep = {in_order[k] for k in kept}
    pairs: dict[Item, Pair] = {}
    for item in in_order:
        p = s.pair_of_a[item]
        pairs[item] = p if item in keep else p._replace(moved=True)
    b_to_pair = {(p.b, p.b_part): p for p in pairs.values() if p.b is not None}
    keyed: list[tuple[int, int, int, Pair]] = []
    for k, (j, part) in enumerate(items_b):
        found = b_to_pair.get((j, part)) or Pair(None, j, "unpaired", 0.0, b_part=part)
        keyed.append((k, 0, 0, found))
    anchor = -1
    for k, (i, part) in enumerate(items_a):
        p = pairs.get((i, part))
        if p is not None:
            if not p.moved and p.b is not None:
                anchor = rank_b[p.b, p.b_part]
            continue
        keyed.append((anchor, 1, k, Pair(i, None, "unpaired", 0.0, a_part=part)))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]
