"""Pair the parts of two texts before any word is diffed: articles, then sentences.

Articles are paired by passes in a fixed order, each recorded with its name and the similarity
it measured so a user can ask why a unit was called moved:

1. ``exact``: the same normalised content (catches moved and renumbered articles unchanged);
2. ``number``: the same article number and content at least ``match_above`` alike;
3. ``similarity``: the most alike remaining articles, best pair first, above ``match_above``;
4. ``number`` again for what is left with the same number (a rewritten Article 5 is still
   Article 5), and ``position`` for a lone unnumbered block on each side (the preamble).

The order matters: exact content is the strongest evidence and must not be stolen by a
number match; numbers beat loose similarity because renumbering is rarer than editing.
Paired articles whose order differs from the other side's are ``moved``: the pairs outside
a longest increasing subsequence of positions (the fewest moves that explain the order).
Sentences inside a pair are aligned by hash (diff-match-patch over sentence hashes), then the
leftovers between two identical sentences are paired by word similarity, in order.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from drafting.diff.worddiff import Engine, encode

_WORD = re.compile(r"\w+")

MAX_REGION_CELLS = 40_000
"""Largest unmatched region (sentences A x sentences B) paired by similarity; a larger one is
reported as removed plus added sentences, and the report says so."""


@dataclass(frozen=True)
class Pair:
    """One aligned item: indices into each side (``None`` when added or removed), how it was
    matched and how alike the two sides are (1.0 for identical)."""

    a: int | None
    b: int | None
    method: str
    similarity: float
    moved: bool = False
    a_count: int = 1
    b_count: int = 1
    """A sentence split in two (or two merged into one) pairs two items with one."""


def words_of(key: str) -> Counter[str]:
    return Counter(_WORD.findall(key))


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Dice similarity of two word bags (1.0 for two empty bags)."""
    total = sum(a.values()) + sum(b.values())
    if total == 0:
        return 1.0
    shared = sum((a & b).values())
    return 2.0 * shared / total


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
    without ``measure`` it is paired without measuring (``position``, similarity 0)."""
    m, n = a1 - a0, b1 - b0
    if m == 1 and n == 1 and not measure:
        return [Pair(a0, b0, "position", 0.0)]
    if m == 0 or n == 0 or m * n > max_cells:
        return [Pair(i, None, "unpaired", 0.0) for i in range(a0, a1)] + [
            Pair(None, j, "unpaired", 0.0) for j in range(b0, b1)
        ]
    bags_a = [words_of(a_keys[i]) for i in range(a0, a1)]
    bags_b = [words_of(b_keys[j]) for j in range(b0, b1)]
    sims = [[dice(x, y) for y in bags_b] for x in bags_a]
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
        if s >= threshold and best[i][j] == s + best[i + 1][j + 1]:
            pairs.append(Pair(a0 + i, b0 + j, "similarity", round(s, 4)))
            i += 1
            j += 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append(Pair(a0 + i, None, "unpaired", 0.0))
            i += 1
        else:
            pairs.append(Pair(None, b0 + j, "unpaired", 0.0))
            j += 1
    pairs.extend(Pair(a0 + k, None, "unpaired", 0.0) for k in range(i, m))
    pairs.extend(Pair(None, b0 + k, "unpaired", 0.0) for k in range(j, n))
    pairs = _pair_in_place(pairs, bags_a, bags_b, a0, b0)
    if m != n:
        pairs = _join_split_sentences(pairs, bags_a, bags_b, a0, b0)
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


def _pair_in_place(
    pairs: list[Pair], bags_a: list[Counter[str]], bags_b: list[Counter[str]], a0: int, b0: int
) -> list[Pair]:
    """Between two pairs, as many removed as added items are rewrites of one another: pair
    them in order (``position``), so a rewritten sentence is shown as replaced."""

    def rewrite(run: list[Pair]) -> list[Pair]:
        removed = [q.a for q in run if q.a is not None]
        added = [q.b for q in run if q.b is not None]
        if not removed or len(removed) != len(added):
            return run
        return [
            Pair(i, j, "position", round(dice(bags_a[i - a0], bags_b[j - b0]), 4))
            for i, j in zip(removed, added, strict=True)
        ]

    return _each_gap(pairs, rewrite)


def _join_split_sentences(
    pairs: list[Pair], bags_a: list[Counter[str]], bags_b: list[Counter[str]], a0: int, b0: int
) -> list[Pair]:
    """Fold an unpaired sentence into its paired neighbour when together they match the other
    side better: one sentence split in two, or two merged into one, is one edited unit."""

    def bag(side: list[Counter[str]], first: int, count: int, base: int) -> Counter[str]:
        total: Counter[str] = Counter()
        for k in range(first - base, first - base + count):
            total.update(side[k])
        return total

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
                sim = dice(bag(bags_a, a, a_count, a0), bag(bags_b, b, b_count, b0))
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
    code_a, code_b = encode(a_keys, b_keys)
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
            pairs.extend(Pair(ia + k, ib + k, "hash", 1.0) for k in range(length))
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


@dataclass(frozen=True)
class BlockInfo:
    """What article alignment needs to know of an article: its number and its content."""

    num: str | None
    key: str
    """Normalised content (sentence keys joined), without the heading line."""
    sentence_keys: tuple[str, ...]


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


def _sentence_overlap(a: BlockInfo, b: BlockInfo) -> float:
    """Dice similarity of two articles' identical sentences (a cheap content similarity)."""
    total = len(a.sentence_keys) + len(b.sentence_keys)
    if total == 0:
        return 1.0
    set_a, set_b = set(a.sentence_keys), set(b.sentence_keys)
    if len(set_a) == len(a.sentence_keys) and len(set_b) == len(b.sentence_keys):
        shared = len(set_a & set_b)  # no repeated sentence: sets count the same as bags
    else:
        shared = sum((Counter(a.sentence_keys) & Counter(b.sentence_keys)).values())
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
            block = (self.a, self.b)[side][index]
            words = _WORD.findall(block.key)
            bag = self.bags[side, index] = Counter(pairwise(words))
        return bag

    def __call__(self, i: int, j: int) -> float:
        overlap = _sentence_overlap(self.a[i], self.b[j])
        if overlap >= 0.5:
            return overlap
        return max(overlap, dice(self._bag(0, i), self._bag(1, j)))


class _ArticlePairing:
    """The state the article passes share: who is paired so far, and content similarity."""

    def __init__(
        self, a: Sequence[BlockInfo], b: Sequence[BlockInfo], threshold: float, max_cells: int
    ) -> None:
        self.a, self.b = a, b
        self.threshold = threshold
        self.max_cells = max_cells
        self.similarity = _ContentSimilarity(a, b)
        self.pair_of_a: dict[int, Pair] = {}
        self.paired_b: set[int] = set()
        self.b_by_num: dict[str, list[int]] = {}

    def take(self, i: int, j: int, method: str, sim: float) -> None:
        self.pair_of_a[i] = Pair(i, j, method, round(sim, 4))
        self.paired_b.add(j)


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
    for j, block in enumerate(s.b):
        if j not in s.paired_b and block.num is not None:
            s.b_by_num.setdefault(block.num, []).append(j)
    for i, block in enumerate(s.a):
        if i in s.pair_of_a or block.num is None:
            continue
        for j in s.b_by_num.get(block.num, []):
            if j in s.paired_b:
                continue
            sim = s.similarity(i, j)
            if sim >= s.threshold:
                s.take(i, j, "number", sim)
                break


def _pass_similarity(s: _ArticlePairing) -> None:
    """The most alike remaining pairs, best first (ties: earlier A, then earlier B)."""
    rest_a = [i for i in range(len(s.a)) if i not in s.pair_of_a]
    rest_b = [j for j in range(len(s.b)) if j not in s.paired_b]
    if not rest_a or not rest_b or len(rest_a) * len(rest_b) > s.max_cells:
        return
    scored = []
    for i in rest_a:
        for j in rest_b:
            sim = s.similarity(i, j)
            if sim >= s.threshold:
                scored.append((-sim, i, j))
    scored.sort()
    for negative, i, j in scored:
        if i not in s.pair_of_a and j not in s.paired_b:
            s.take(i, j, "similarity", -negative)


NUMBER_FLOOR = 0.1
"""The least content similarity for two rewritten articles to pair by their number alone:
below it they share no more than any two articles do ("the Parties shall"), so an Article 6
on enlargement is not shown as a rewrite of an Article 6 on missiles (removed and added)."""


def _pass_number_rewritten(s: _ArticlePairing) -> None:
    """What is left with the same number on both sides: a rewritten Article 5 is still
    Article 5 (recorded as ``number``, with its low similarity), unless their content shares
    less than ``NUMBER_FLOOR``."""
    for i, block in enumerate(s.a):
        if i in s.pair_of_a:
            continue
        for j in s.b_by_num.get(block.num, []) if block.num is not None else []:
            if j not in s.paired_b:
                similarity = s.similarity(i, j)
                if similarity >= NUMBER_FLOOR:
                    s.take(i, j, "number", similarity)
                break


def _pass_position(s: _ArticlePairing) -> None:
    """A lone unnumbered block at the start of each side (title and preamble)."""
    if (
        s.a
        and s.b
        and 0 not in s.pair_of_a
        and 0 not in s.paired_b
        and s.a[0].num is None
        and s.b[0].num is None
    ):
        s.take(0, 0, "position", s.similarity(0, 0))


ARTICLE_PASSES: tuple[tuple[str, Callable[[_ArticlePairing], None]], ...] = (
    ("exact", _pass_exact),
    ("number", _pass_number),
    ("similarity", _pass_similarity),
    ("number-rewritten", _pass_number_rewritten),
    ("position", _pass_position),
)
"""The article passes in the order they run (the module docstring says why this order);
moves are marked afterwards, on the finished pairing (``_order``)."""

PASSES = ("exact", "hash", "id", "number", "similarity", "position", "moved", "unpaired")
"""The ``match.method`` values of units, in the order the report counts them (``alignment``):
articles by ``exact``, ``number``, ``similarity``, ``position``; sentences by ``hash``, then
``similarity``, ``position`` and, between clause drafts, ``id``; ``moved`` counts units
marked moved by the move pass, whatever paired them; ``unpaired`` counts added and removed."""


def align_blocks(
    a_blocks: Sequence[BlockInfo],
    b_blocks: Sequence[BlockInfo],
    *,
    threshold: float = 0.5,
    max_cells: int = MAX_REGION_CELLS,
) -> list[Pair]:
    """Pair articles by the passes of ``ARTICLE_PASSES``, in order; order the result as the
    B side reads, each removed article after its predecessor's partner."""
    state = _ArticlePairing(a_blocks, b_blocks, threshold, max_cells)
    for _name, run in ARTICLE_PASSES:
        run(state)
    return _order(state.pair_of_a, len(a_blocks), len(b_blocks))


def _order(pair_of_a: dict[int, Pair], na: int, nb: int) -> list[Pair]:
    """Mark moves (pairs outside a longest increasing run of B positions) and order all items
    as B reads, a removed A item right after the partner of the A item before it."""
    in_order = sorted(pair_of_a)
    b_positions = [pair_of_a[i].b for i in in_order]
    keep = {in_order[k] for k in longest_increasing([b for b in b_positions if b is not None])}
    pairs: dict[int, Pair] = {}
    for i in in_order:
        p = pair_of_a[i]
        pairs[i] = p if i in keep else Pair(p.a, p.b, p.method, p.similarity, moved=True)
    b_to_pair = {p.b: p for p in pairs.values() if p.b is not None}
    keyed: list[tuple[int, int, int, Pair]] = []
    for j in range(nb):
        keyed.append((j, 0, 0, b_to_pair.get(j) or Pair(None, j, "unpaired", 0.0)))
    anchor = -1
    for i in range(na):
        p = pairs.get(i)
        if p is not None:
            if not p.moved and p.b is not None:
                anchor = p.b
            continue
        keyed.append((anchor, 1, i, Pair(i, None, "unpaired", 0.0)))
    keyed.sort(key=lambda item: item[:3])
    return [item[3] for item in keyed]
