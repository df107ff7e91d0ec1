"""The pre-commit check: staged clause files must validate and be in canonical form.

It reads what will be committed (the index, via one ``git cat-file --batch`` of ``:PATH``),
not the work tree, so a file fixed on disk but not re-staged is still refused. Given file
names instead (the pre-commit framework passes them, with the work tree equal to the index),
it reads those files.

Which files: those git gives the ``diff=clause`` attribute (set by ``drafting git install``),
or every ``*.xml`` passed by name; well-formed XML whose root is not a drafting clause or
document (a ``pom.xml``) is skipped, so a broad ``*.xml`` pattern is safe in a mixed repository.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from drafting.errors import DraftingError, Problem
from drafting.formats.namespaces import DRAFTING_NAMESPACES
from drafting.git.repo import attribute, read_blobs, staged_paths


def staged_clause_files(cwd: str | os.PathLike[str] = ".") -> list[tuple[str, bytes]]:
    """(path, staged bytes) of every staged file with the ``diff=clause`` attribute."""
    paths = staged_paths(cwd)
    marked = attribute("diff", paths, cwd)
    chosen = [p for p in paths if marked.get(p) == "clause"]
    blobs = read_blobs([f":{p}" for p in chosen], cwd)
    return [(p, b) for p, b in zip(chosen, blobs, strict=True) if b is not None]


def is_drafting_xml(data: bytes, name: str) -> bool:
    """False only for well-formed XML whose root is in another namespace (not ours to check)."""
    from lxml import etree

    from drafting.formats.xmlsafe import XMLInputError, parse_xml

    try:
        root = parse_xml(data, name).getroot()
    except XMLInputError:
        return True  # malformed or hostile: report it
    qname = etree.QName(root)
    return qname.namespace in DRAFTING_NAMESPACES or qname.localname in ("clause", "document")


def check_file(data: bytes, name: str) -> list[Problem]:
    """Every validation problem of one file, or one problem saying it is not canonical."""
    from drafting.formats.clausexml import canonicalize
    from drafting.formats.validation import validate_bytes

    report = validate_bytes(data, name)
    if report.problems:
        return list(report.problems)
    try:
        canonical = canonicalize(data, name)
    except DraftingError as error:
        return [Problem(name, 1, 1, f"cannot be put in canonical form: {error}")]
    if canonical != data:
        line = _first_difference(data, canonical)
        return [
            Problem(
                name,
                line,
                1,
                f"not in canonical form (first difference on this line); "
                f"run `drafting fmt {name}` and stage it again",
            )
        ]
    return []


def _first_difference(data: bytes, canonical: bytes) -> int:
    ours, theirs = data.split(b"\n"), canonical.split(b"\n")
    for number, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1):
        if a != b:
            return number
    return min(len(ours), len(theirs)) + 1


def check_files(files: Sequence[tuple[str, bytes]]) -> list[Problem]:
    problems: list[Problem] = []
    for name, data in files:
        if is_drafting_xml(data, name):
            problems.extend(check_file(data, name))
    return problems


def read_named(paths: Sequence[str]) -> list[tuple[str, bytes]]:
    """(path, bytes) of files named on the command line (pre-commit framework mode)."""
    from drafting.formats.validation import read_limited

    files = []
    for path in paths:
        data = read_limited(path)
        if data is None:
            raise DraftingError(f"{path}: too large to check")
        files.append((path, data))
    return files
