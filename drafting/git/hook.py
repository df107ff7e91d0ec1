"""The pre-commit check: staged clause files must validate (hidden and look-alike
characters included, as ``drafting validate`` reports them) and be in canonical form.

It reads what will be committed (the index, via one ``git cat-file --batch`` of ``:PATH``),
not the work tree, so a file fixed on disk but not re-staged is still refused. Given file
names instead (the pre-commit framework passes them, with the work tree equal to the index),
it reads those files.

Which files: those git gives the ``diff=clause`` attribute (set by ``drafting git install``),
or every ``*.xml`` passed by name; of those, only files whose root element is in a drafting
namespace are checked (read from the root start tag, never by parsing), so an SVG with a
DOCTYPE, a 50 MB export, XML nested deeper than our limit or a Jinja template is never
refused, and a broad ``*.xml`` pattern is safe in a mixed repository.

git does not run ``pre-commit`` for every commit it makes: ``git merge`` runs
``pre-merge-commit`` (the same check), and ``cherry-pick``, ``rebase --continue`` and the
commits a rebase replays run only ``post-commit`` / ``post-rewrite``. Those cannot refuse a
commit any more, so :func:`committed_problems` checks the commits just made and the hook
reports each invalid clause file with the commit that holds it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from drafting.errors import DraftingError, Problem
from drafting.formats.namespaces import CLAUSE_NS, DOCUMENT_NS
from drafting.git.repo import attribute, git, read_blobs, staged_paths

NAMESPACE_KINDS = {CLAUSE_NS: "clause", DOCUMENT_NS: "document"}


def staged_clause_files(cwd: str | os.PathLike[str] = ".") -> list[tuple[str, bytes]]:
    """(path, staged bytes) of every staged file with the ``diff=clause`` attribute."""
    paths = staged_paths(cwd)
    marked = attribute("diff", paths, cwd)
    chosen = [p for p in paths if marked.get(p) == "clause"]
    blobs = read_blobs([f":{p}" for p in chosen], cwd)
    return [(p, b) for p, b in zip(chosen, blobs, strict=True) if b is not None]


_PROLOG = re.compile(
    rb"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|\{%.*?%\}|\{#.*?#\}|\{\{.*?\}\}",
    re.DOTALL,
)
_ROOT = re.compile(rb"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_XMLNS = re.compile(rb"""xmlns(?::([\w.\-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
SNIFF_BYTES = 65536
"""How much of a file is read to find its root element (a prolog is never longer)."""


def drafting_kind(data: bytes) -> str | None:
    """``clause`` or ``document`` when the root element is in a drafting namespace, else None.

    Read from the start tag alone (after the XML declaration, comments, processing
    instructions, a DOCTYPE and template tags), never by parsing: a hook must not refuse an
    SVG with a DOCTYPE, a 50 MB XML export, XML nested 1,000 deep or a Jinja template. A file
    that names our namespace on its root is ours to check, broken or not.
    """
    head = data[:SNIFF_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    at = 0
    while True:
        skipped = _PROLOG.match(head, at)
        if skipped is None or skipped.end() == at:
            break
        at = skipped.end()
    root = _ROOT.match(head, at)
    if root is None:
        return None
    prefix = (root.group(1) or b"")[:-1]
    for match in _XMLNS.finditer(root.group(3)):
        if (match.group(1) or b"") == prefix:
            namespace = (match.group(2) or match.group(3) or b"").decode("utf-8", "replace")
            return NAMESPACE_KINDS.get(namespace)
    return None


def is_drafting_xml(data: bytes, name: str) -> bool:
    """Whether a file is ours to check (its root names a drafting namespace)."""
    del name
    return drafting_kind(data) is not None


def check_file(data: bytes, name: str) -> list[Problem]:
    """Every validation problem of one file, or one problem saying it is not canonical.
    Hidden and look-alike characters are problems here as in ``drafting validate``: a
    zero-width joiner or a Cyrillic letter inside "never" must not reach the shared text
    unnoticed (``git commit --no-verify`` still commits it deliberately)."""
    from drafting.formats.clausexml import canonicalize  # start-up time
    from drafting.formats.validation import validate_bytes  # start-up time

    report = validate_bytes(data, name, hidden=True)
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
    from drafting.formats.source import read_bytes, read_head  # start-up time

    files = []
    for path in paths:
        if drafting_kind(read_head(path, SNIFF_BYTES)) is None:
            continue  # not ours, whatever its size
        files.append((path, read_bytes(path)))
    return files


def _changed_clause_paths(commit: str, cwd: str | os.PathLike[str]) -> list[str]:
    """Clause files (by attribute) a commit added or changed against its first parent."""
    options = ["-r", "--root", "--no-commit-id", "--name-only", "-z", "--diff-filter=ACMR"]
    out = git(["diff-tree", *options, "-m", "--first-parent", commit], cwd)
    paths = [p for p in out.decode("utf-8").split("\0") if p]
    marked = attribute("diff", paths, cwd) if paths else {}
    return [p for p in paths if marked.get(p) == "clause"]


def committed_problems(commits: Sequence[str], cwd: str | os.PathLike[str] = ".") -> list[str]:
    """One line per problem of a clause file as committed in ``commits`` (post-commit and
    post-rewrite: the commit exists already, so this can only report)."""
    lines: list[str] = []
    for commit in commits:
        paths = _changed_clause_paths(commit, cwd)
        blobs = read_blobs([f"{commit}:{p}" for p in paths], cwd)
        files = [(p, b) for p, b in zip(paths, blobs, strict=True) if b is not None]
        problems = check_files(files)
        if problems:
            subject = git(["log", "-1", "--format=%h %s", commit], cwd).decode().strip()
            lines.append(f"drafting: commit {subject} holds an invalid clause file:")
            lines.extend(f"  {problem}" for problem in problems)
    if lines:
        lines.append(
            "drafting: git made these commits without the pre-commit check (cherry-pick, "
            "rebase); fix the files and commit again (or amend)"
        )
    return lines
