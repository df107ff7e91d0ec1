"""The per-file work of a corpus command: module-level functions over plain values.

Each task takes a batch of files' bytes and returns one result per file, in order. Nothing
here knows which engine runs it: a process pool pickles the same arguments that Dask ships
to a worker, so both give byte-identical results. A file that cannot be read gives a
``BadFile`` value instead of raising, so one bad file never stops a run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from drafting.corpus.load import LoadedFile, Unit, load_file
from drafting.errors import DraftingError
from drafting.strength.profile import StrengthProfile, profile_sentences, total
from drafting.text.shingles import NUM_PERM, SHINGLE_WORDS, hashes_of_words, signature, words_of

Item = tuple[str, str, bytes]
"""``(path, sha256, bytes)`` of one file."""


@dataclass(frozen=True)
class BadFile:
    """A file that was skipped, and why: ``message`` is one line that starts with the path
    (``path:line:column: …`` for XML)."""

    path: str
    message: str


@dataclass(frozen=True)
class ScanOptions:
    """Every knob of ``corpus scan``: the instrument assumed for plain text (None: unknown)."""

    instrument: str | None = None


@dataclass(frozen=True)
class UnitProfile:
    kind: str
    id: str
    label: str | None
    language: str
    instrument: str | None
    profile: StrengthProfile


@dataclass(frozen=True)
class FileProfile:
    """The strength profile of one file: each unit's and the whole's (their sum)."""

    path: str
    sha256: str
    kind: str
    language: str
    instrument: str | None
    units: tuple[UnitProfile, ...]
    profile: StrengthProfile


def _load(path: str, data: bytes, instrument: str | None) -> LoadedFile | BadFile:
    try:
        return load_file(path, data, instrument=instrument)
    except DraftingError as error:
        message = str(error)
        return BadFile(path, message if message.startswith(path) else f"{path}: {message}")
    except (RecursionError, MemoryError, ValueError) as error:
        return BadFile(path, f"{path}: cannot be read ({type(error).__name__})")


def profile_file(item: Item, options: ScanOptions) -> FileProfile | BadFile:
    """Load one file and profile every unit of it."""
    path, sha, data = item
    loaded = _load(path, data, options.instrument)
    if isinstance(loaded, BadFile):
        return loaded
    units = tuple(
        UnitProfile(
            unit.kind,
            unit.id,
            unit.label,
            unit.language,
            unit.instrument,
            profile_sentences(unit.sentences, language=unit.language, instrument=unit.instrument),
        )
        for unit in loaded.units
    )
    return FileProfile(
        path,
        sha,
        loaded.kind,
        loaded.language,
        loaded.instrument,
        units,
        total(u.profile for u in units),
    )


def scan_batch(batch: tuple[Item, ...], options: ScanOptions) -> tuple[FileProfile | BadFile, ...]:
    """``profile_file`` over a batch (one task per batch keeps the per-task overhead small)."""
    return tuple(profile_file(item, options) for item in batch)


@dataclass(frozen=True)
class SimilarOptions:
    """Every knob of ``corpus similar``.

    ``threshold``: the least exact Jaccard similarity (of ``shingle_words``-word shingles)
    reported. ``min_words``: shorter articles are left out (a one-line "This Agreement shall
    enter into force on signature" recurs everywhere and borrows nothing). ``top``: report
    only the most similar pairs (None: all).
    """

    threshold: float = 0.5
    top: int | None = None
    min_words: int = 30
    shingle_words: int = SHINGLE_WORDS
    num_perm: int = NUM_PERM
    instrument: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.top is not None and self.top < 1:
            raise ValueError("top must be at least 1")


@dataclass(frozen=True, eq=False)
class UnitSketch:
    """What similarity search keeps of an article: its shingle hashes and their signature."""

    id: str
    label: str | None
    words: int
    shingles: np.ndarray
    signature: np.ndarray


@dataclass(frozen=True, eq=False)
class FileSketch:
    path: str
    sha256: str
    units: tuple[UnitSketch, ...]


def _sketch(unit: Unit, options: SimilarOptions) -> UnitSketch | None:
    words = words_of(unit.text)
    if len(words) < options.min_words:
        return None
    hashes = hashes_of_words(words, options.shingle_words)
    return UnitSketch(unit.id, unit.label, len(words), hashes, signature(hashes, options.num_perm))


def sketch_file(item: Item, options: SimilarOptions) -> FileSketch | BadFile:
    """Load one file and sketch each unit long enough to compare."""
    path, sha, data = item
    loaded = _load(path, data, options.instrument)
    if isinstance(loaded, BadFile):
        return loaded
    sketches = (_sketch(unit, options) for unit in loaded.units)
    return FileSketch(path, sha, tuple(s for s in sketches if s is not None))


def sketch_batch(
    batch: tuple[Item, ...], options: SimilarOptions
) -> tuple[FileSketch | BadFile, ...]:
    """``sketch_file`` over a batch."""
    return tuple(sketch_file(item, options) for item in batch)
