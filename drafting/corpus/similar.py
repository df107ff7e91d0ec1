"""``corpus similar``: near-duplicate and borrowed articles across the files of a corpus.

Three named stages. ``sketch``: each file's articles become shingle hashes and a MinHash
signature (in parallel, on either engine). ``candidates``: each article is looked up in a
MinHash LSH index of the articles before it, then added, so only articles sharing an LSH band
are ever compared (no n² pass). ``verify``: each candidate pair's exact Jaccard similarity
is computed from the shingle hashes and kept if it reaches the threshold. Pairs are between
articles of different files; within a file they are not borrowings.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from drafting.corpus.engine import Engine, EngineOptions, batched
from drafting.corpus.files import read_file, read_files
from drafting.corpus.load import load_file
from drafting.corpus.tasks import BadFile, FileSketch, SimilarOptions, sketch_batch
from drafting.errors import InputError
from drafting.text.shingles import SCHEME, SEED, jaccard

BATCH = 8
LSH_WEIGHTS = (0.2, 0.8)
"""datasketch picks the LSH bands to minimise 0.2 × false positives + 0.8 × false negatives
at the threshold: a missed borrowing is lost for good, while a false candidate only costs
one exact comparison."""


@dataclass(frozen=True, order=True)
class ArticleRef:
    """An article (or draft) of a file of the corpus."""

    path: str
    unit: str
    label: str | None = None
    words: int = 0


@dataclass(frozen=True)
class SimilarPair:
    """Two articles of different files and their exact Jaccard similarity (``a`` comes first
    in the corpus order)."""

    similarity: float
    a: ArticleRef
    b: ArticleRef


@dataclass(frozen=True)
class SimilarResult:
    """The pairs, most similar first, and what the search looked at."""

    pairs: tuple[SimilarPair, ...]
    files: int
    articles: int
    candidates: int
    bad: tuple[BadFile, ...]


def _order(pair: SimilarPair) -> tuple[Any, ...]:
    return (-pair.similarity, pair.a.path, pair.a.unit, pair.b.path, pair.b.unit)


class _Index:
    """The LSH index and each indexed article's shingle hashes (for the exact check)."""

    def __init__(self, options: SimilarOptions) -> None:
        self.options = options
        self.lsh = MinHashLSH(
            threshold=options.threshold, num_perm=options.num_perm, weights=LSH_WEIGHTS
        )
        self.refs: list[ArticleRef] = []
        self.files: list[int] = []
        self.shingles: list[np.ndarray] = []
        self.candidates = 0

    def add(self, file_no: int, path: str, sketch: Any) -> Iterator[SimilarPair]:
        """Pairs of this article with earlier ones of other files, then index it."""
        ref = ArticleRef(path, sketch.id, sketch.label, sketch.words)
        minhash = LeanMinHash(seed=SEED, hashvalues=sketch.signature, scheme=SCHEME)
        for key in sorted(self.lsh.query(minhash)):
            if self.files[key] == file_no:
                continue
            self.candidates += 1
            similarity = jaccard(self.shingles[key], sketch.shingles)
            if similarity >= self.options.threshold:
                yield SimilarPair(round(similarity, 4), self.refs[key], ref)
        key = len(self.refs)
        self.refs.append(ref)
        self.files.append(file_no)
        self.shingles.append(sketch.shingles)
        self.lsh.insert(key, minhash, check_duplication=False)


def find_similar(
    target: str,
    *,
    options: SimilarOptions,
    engine: EngineOptions,
    on_file: Callable[[str], None] = lambda path: None,
    on_bad: Callable[[BadFile], None] = lambda bad: None,
) -> SimilarResult:
    """Every pair of articles of different files of ``target`` at least ``threshold``
    similar (the ``top`` most similar with ``top``)."""
    index = _Index(options)
    bad: list[BadFile] = []
    kept: list[tuple[Any, ...]] = []  # a heap of (negated order, pair) when top is set
    pairs: list[SimilarPair] = []

    def report(problem: BadFile) -> None:
        bad.append(problem)
        on_bad(problem)

    def unreadable(path: str, message: str) -> None:
        report(BadFile(path, message))
        on_file(path)

    items = ((f.path, f.sha256, f.data) for f in read_files(target, unreadable))

    files = 0
    with Engine(engine) as runner:
        for results in runner.map(sketch_batch, batched(items, BATCH), options):
            for result in results:
                on_file(result.path)
                if isinstance(result, BadFile):
                    report(result)
                    continue
                assert isinstance(result, FileSketch)
                files += 1
                for sketch in result.units:
                    for pair in index.add(files, result.path, sketch):
                        if options.top is None:
                            pairs.append(pair)
                        else:
                            entry = (_Reverse(_order(pair)), pair)
                            if len(kept) < options.top:
                                heapq.heappush(kept, entry)
                            elif entry[0] > kept[0][0]:
                                heapq.heapreplace(kept, entry)
    if options.top is not None:
        pairs = [pair for _, pair in kept]
    pairs.sort(key=_order)
    return SimilarResult(tuple(pairs), files, len(index.refs), index.candidates, tuple(bad))


class _Reverse:
    """Inverts an order key, so the heap's smallest element is the least similar pair."""

    __slots__ = ("key",)

    def __init__(self, key: tuple[Any, ...]) -> None:
        self.key = key

    def __lt__(self, other: _Reverse) -> bool:
        return self.key > other.key

    def __gt__(self, other: _Reverse) -> bool:
        return self.key < other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reverse) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)


def article_text(ref: ArticleRef, instrument: str | None = None) -> str:
    """The text of one article of a pair, read again from its file (for a redline)."""
    found = read_file(ref.path)
    if found.error is not None:
        raise InputError(found.error)
    loaded = load_file(ref.path, found.data, instrument=instrument)
    return next(u.text for u in loaded.units if u.id == ref.unit)


def pair_to_dict(pair: SimilarPair) -> dict[str, Any]:
    def side(ref: ArticleRef) -> dict[str, Any]:
        return {"path": ref.path, "unit": ref.unit, "label": ref.label, "words": ref.words}

    return {"similarity": pair.similarity, "a": side(pair.a), "b": side(pair.b)}
