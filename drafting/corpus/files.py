"""Which files a corpus command reads, in a fixed order, without listing the corpus first.

Folders are walked depth-first with each folder's entries sorted, so two runs (and two
engines) see the same files in the same order; the walk is a generator, so a corpus of
250,000 files costs one folder's listing of memory, not a list of every path.
"""

from __future__ import annotations

import fnmatch
import glob
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from drafting.errors import InputError
from drafting.formats import readers, source


def suffixes() -> tuple[str, ...]:
    """The files a folder contributes: those of every registered reader (XML, text,
    Markdown, and any format a reader registers later)."""
    return tuple(dict.fromkeys(s for r in readers.REGISTRY.readers for s in r.suffixes))


@dataclass(frozen=True)
class FileData:
    """One file's name, content hash and bytes (``error`` set instead when unreadable)."""

    path: str
    sha256: str
    data: bytes
    error: str | None = None


def _walk(root: str) -> Iterator[str]:
    """Every file under ``root``, folders and files in sorted order, hidden ones skipped."""
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield os.path.join(folder, name)


def iter_paths(target: str) -> Iterator[str]:
    """The files named by ``target``: a folder (recursively, the files with a registered
    reader's suffix), a glob pattern (``*`` may cross folders; ``**`` too), or one file."""
    if os.path.isdir(target):
        known = suffixes()
        yield from (p for p in _walk(target) if p.lower().endswith(known))
    elif glob.has_magic(target):
        root = target
        while glob.has_magic(root):
            root = os.path.dirname(root)
        pattern = target.replace("**/", "*").replace("**", "*")
        yield from (p for p in _walk(root or ".") if fnmatch.fnmatch(p, pattern))
    elif os.path.isfile(target):
        yield target
    else:
        raise InputError(f"{target}: no such file or folder")


def count_paths(target: str) -> int:
    """How many files ``iter_paths`` will give (for a progress bar's length)."""
    return sum(1 for _ in iter_paths(target))


def read_file(path: str) -> FileData:
    """The bytes and SHA-256 of one file, through the one bounded bytes reader; an unreadable
    or oversized file is a value with ``error`` (one line naming the file), never an
    exception, so one bad file cannot stop a corpus run."""
    try:
        data = source.read_bytes(path)
    except InputError as error:
        return FileData(path, "", b"", str(error))
    return FileData(path, hashlib.sha256(data).hexdigest(), data)


def read_files(
    target: str, on_unreadable: Callable[[str, str], None], exclude: str | None = None
) -> Iterator[FileData]:
    """The readable files of ``target`` (``exclude``: a path to leave out, such as the run's
    own output); each unreadable one goes to ``on_unreadable(path, message)`` instead."""
    excluded = os.path.abspath(exclude) if exclude is not None else None
    for path in iter_paths(target):
        if excluded is not None and os.path.abspath(path) == excluded:
            continue
        found = read_file(path)
        if found.error is not None:
            on_unreadable(path, found.error)
            continue
        yield found
