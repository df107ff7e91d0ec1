"""Word shingles, MinHash signatures and exact Jaccard similarity, for finding borrowed text.

Comparing every article of a corpus with every other is n²; MinHash signatures put similar
articles into the same LSH buckets so only candidates are compared, and then exactly.
The shingle hashes are stable across processes and machines (BLAKE2b, not Python's seeded
``hash``), so a signature computed on a Dask worker equals one computed here.

Signatures use datasketch's MinHash (its permutations from a fixed seed); the permutations
are built once per process, not once per article.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash

from drafting.text.tokens import normalise_key

SHINGLE_WORDS = 3
"""Words per shingle: one edited word breaks at most three shingles, so a lightly edited
article keeps most of its shingles, while stock phrases ("in accordance with") are short
enough to be shared by unrelated articles only in small numbers."""
NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
"""datasketch's hashing scheme, named rather than left to the library's default, so that a
newer datasketch cannot silently change every signature."""

_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)


def words_of(text: str) -> list[str]:
    """The case-folded words of ``text`` (punctuation and spacing do not count)."""
    return _WORD.findall(normalise_key(text, ignore_case=True))


def shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The sorted, distinct 64-bit hashes of the ``size``-word shingles of ``text``.

    A text shorter than ``size`` words is one shingle (itself); an empty text has none.
    """
    return hashes_of_words(words_of(text), size)


def hashes_of_words(words: list[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """``shingle_hashes`` of text already cut into words."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    count = max(1, len(words) - size + 1)
    pieces = (" ".join(words[i : i + size]).encode() for i in range(count))
    values = [
        int.from_bytes(hashlib.blake2b(piece, digest_size=8).digest(), "little") for piece in pieces
    ]
    return np.unique(np.array(values, dtype=np.uint64))


def _identity(value: int) -> int:
    """The shingle is already hashed: MinHash takes the value as it is."""
    return value


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    return MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations


def signature(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """The MinHash signature (``num_perm`` uint32 values) of a set of shingle hashes."""
    minhash = MinHash(
        num_perm=num_perm,
        seed=seed,
        hashfunc=_identity,
        permutations=_permutations(num_perm, seed),
        scheme=SCHEME,
    )
    if len(hashes):
        minhash.update_batch((hashes & _MASK32).tolist())
    return minhash.hashvalues.copy()


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted, distinct hash arrays."""
    if not len(a) and not len(b):
        return 0.0
    common = len(np.intersect1d(a, b, assume_unique=True))
    return common / (len(a) + len(b) - common)
