"""A thin wrapper over the ``git`` command line.

Why the command line and not a library (GitPython, pygit2, dulwich): it adds no dependency,
it is exactly the git the user runs (same config, attributes, hooks, revision syntax, object
formats and worktrees), and the two batch commands we need (one ``git log`` with ``--format``
and one ``git cat-file --batch``) make whole histories cheap. Every call goes through
:func:`git`, which turns failures into one-line :class:`GitError` messages.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from drafting.errors import DraftingError

FIELD = "\x1f"
RECORD = "\x1e"


class GitError(DraftingError):
    """git failed or is missing; the message carries git's own first line of complaint."""


def git(
    args: Sequence[str],
    cwd: str | os.PathLike[str] = ".",
    *,
    input: bytes | None = None,
    check: bool = True,
) -> bytes:
    """Run ``git ARGS`` in ``cwd`` and return its standard output."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=input, capture_output=True, check=False
        )
    except FileNotFoundError as missing:
        raise GitError("git is not installed (or not on PATH)") from missing
    if check and done.returncode != 0:
        complaint = done.stderr.decode("utf-8", "replace").strip().splitlines()
        first = complaint[0] if complaint else f"exit status {done.returncode}"
        raise GitError(f"git {args[0]}: {first}")
    return done.stdout


def repo_root(path: str | os.PathLike[str] = ".") -> Path:
    """The top of the work tree containing ``path``, or a clear error outside a repository."""
    folder = Path(path)
    if not folder.is_dir():
        folder = folder.parent if str(folder.parent) else Path(".")
    try:
        out = git(["rev-parse", "--show-toplevel"], folder)
    except GitError:
        raise GitError(f"{path}: not inside a git repository") from None
    return Path(out.decode("utf-8").strip())


def git_path(name: str, cwd: str | os.PathLike[str] = ".") -> Path:
    """Where git keeps ``name`` (``hooks``, ``config``), honouring core.hooksPath and worktrees."""
    out = git(["rev-parse", "--path-format=absolute", "--git-path", name], cwd)
    return Path(out.decode("utf-8").strip())


def is_revision(rev: str, cwd: str | os.PathLike[str] = ".") -> bool:
    """True when ``rev`` names a commit (``HEAD~1``, a tag, a branch, a hash)."""
    if not rev or rev.startswith("-"):
        return False
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd=cwd,
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def split_rev_path(spec: str, cwd: str | os.PathLike[str] = ".") -> tuple[str, str] | None:
    """``("HEAD~1", "texts/x.xml")`` for ``HEAD~1:texts/x.xml``; None when ``spec`` is a path.

    ``:path`` (empty revision) names the staged version, as in git. The path is git's: relative
    to the repository top, or to the current folder when it starts with ``./``.
    """
    rev, colon, path = spec.partition(":")
    if not colon or not path or os.path.exists(spec):
        return None
    if rev == "" or is_revision(rev, cwd):
        return rev, path
    return None


def read_rev_path(spec: str, cwd: str | os.PathLike[str] = ".") -> tuple[bytes, str]:
    """The bytes of ``REV:PATH`` and a display name for it, or a one-line error."""
    parts = split_rev_path(spec, cwd)
    if parts is None:
        raise GitError(f"{spec}: not a REV:PATH of this repository")
    (blob,) = read_blobs([spec], cwd)
    if blob is None:
        raise GitError(f"{spec}: no such file in revision {parts[0] or '(index)'}")
    return blob, spec


def at_revision(rev: str, path: str) -> str:
    """The ``REV:./PATH`` spec of a work-tree path (relative to the current folder)."""
    if os.path.isabs(path):
        return f"{rev}:{path}"  # git refuses absolute paths with its own message
    return f"{rev}:./{Path(path).as_posix()}"


def revision_pair(inputs: Sequence[str], rev_range: str) -> tuple[str, str]:
    """``drafting diff PATH --rev A..B`` → the two specs ``A:./PATH`` and ``B:./PATH``.

    ``A..`` or ``A`` alone compares with the work tree. A ``#DRAFT`` suffix stays on both.
    """
    if len(inputs) != 1:
        raise GitError("--rev A..B takes exactly one input PATH")
    old, dots, new = rev_range.partition("..")
    if not old or new.startswith("."):
        raise GitError(f"--rev {rev_range}: expected A..B, A.. or A")
    path, hash_, draft = inputs[0].partition("#")
    suffix = f"{hash_}{draft}"
    after = at_revision(new, path) + suffix if dots and new else inputs[0]
    return at_revision(old, path) + suffix, after


def read_blobs(specs: Sequence[str], cwd: str | os.PathLike[str] = ".") -> list[bytes | None]:
    """Contents of many ``REV:PATH`` (or object) specs with ONE ``git cat-file --batch``.

    A spec that names nothing gives None.
    """
    if not specs:
        return []
    for spec in specs:
        if "\n" in spec:
            raise GitError(f"{spec!r}: a revision spec cannot contain a newline")
    out = git(["cat-file", "--batch"], cwd, input="".join(f"{s}\n" for s in specs).encode())
    blobs: list[bytes | None] = []
    at = 0
    for _ in specs:
        line_end = out.index(b"\n", at)
        header = out[at:line_end].split(b" ")
        at = line_end + 1
        if len(header) != 3 or header[-1] == b"missing":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[at : at + size] if header[1] == b"blob" else None)
        at += size + 1  # contents, then a newline
    return blobs


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file, and the file's path in that commit."""

    sha: str
    date: str  # author date, strict ISO 8601
    author: str
    email: str
    subject: str
    path: str
    parents: tuple[str, ...] = ()
    """The nearest earlier commits that touched the file (git's parent rewriting)."""


def file_log(path: str, cwd: str | os.PathLike[str] = ".", *, follow: bool = True) -> list[Commit]:
    """Every commit that changed ``path``, oldest first, following renames: ONE ``git log``.

    ``path`` is relative to ``cwd``; returned paths are relative to the repository top.
    """
    fmt = RECORD + FIELD.join(["%H", "%aI", "%an", "%ae", "%s"])
    args = ["log", f"--format={fmt}", "--name-only", "--no-color"]
    if follow:
        args.append("--follow")
    out = git([*args, "--", path], cwd).decode("utf-8", "replace")
    commits: list[Commit] = []
    fallback = _top_relative(path, cwd)
    for record in out.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        sha, date, author, email, subject = header.split(FIELD)
        name = next((n for n in names.splitlines() if n.strip()), "")
        commits.append(Commit(sha, date, author, email, subject, name or fallback))
    commits.reverse()
    return commits


def file_graph(
    path: str, cwd: str | os.PathLike[str] = ".", *, first_parent: bool = False
) -> list[Commit]:
    """Every commit that changed ``path`` under any name it had, oldest first, each with its
    parents rewritten to the nearest commits that changed it (the graph ``git log --graph
    -- PATH`` draws). Two ``git log``: one ``--follow`` for the names, one for the graph
    (``--follow`` alone cannot rewrite parents, so it cannot show merges)."""
    top = repo_root(cwd)
    current = _top_relative(path, cwd)
    named = git(["log", "--follow", "--name-only", "--format=", "--", path], cwd)
    names = list(dict.fromkeys([current, *named.decode("utf-8", "replace").split("\n")]))
    names = [n for n in names if n]
    fmt = RECORD + FIELD.join(["%H", "%P", "%aI", "%an", "%ae", "%s"])
    args = ["log", f"--format={fmt}", "--name-only", "--no-color", "--parents", "--topo-order"]
    if first_parent:
        args.append("--first-parent")
    out = git([*args, "--", *(f":(top,literal){n}" for n in names)], top)
    commits: list[Commit] = []
    wanted = set(names)
    for record in out.decode("utf-8", "replace").split(RECORD)[1:]:
        header, _, files = record.partition("\n")
        sha, parents, date, author, email, subject = header.split(FIELD)
        name = next((n for n in files.splitlines() if n in wanted), "")
        parent_ids = tuple(parents.split())
        if first_parent:
            parent_ids = parent_ids[:1]
        commits.append(Commit(sha, date, author, email, subject, name, parent_ids))
    commits.reverse()
    # git lists no names for a merge: it has its first parent's (oldest first, so known)
    path_of: dict[str, str] = {}
    for index, commit in enumerate(commits):
        if not commit.path:
            inherited = next((path_of[p] for p in commit.parents if p in path_of), current)
            commits[index] = replace(commit, path=inherited)
        path_of[commit.sha] = commits[index].path
    return commits


def _top_relative(path: str, cwd: str | os.PathLike[str]) -> str:
    out = git(["ls-files", "--full-name", "--", path], cwd).decode("utf-8").splitlines()
    if out:
        return out[0]
    prefix = git(["rev-parse", "--show-prefix"], cwd).decode("utf-8").strip()
    return (Path(prefix) / path).as_posix()


def staged_paths(cwd: str | os.PathLike[str] = ".") -> list[str]:
    """Files added, copied, modified or renamed in the index (relative to the top)."""
    out = git(["diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z"], cwd)
    return [p for p in out.decode("utf-8").split("\0") if p]


def attribute(name: str, paths: Sequence[str], cwd: str | os.PathLike[str] = ".") -> dict[str, str]:
    """The value of git attribute ``name`` for each path, as git itself resolves it."""
    if not paths:
        return {}
    out = git(["check-attr", "-z", name, "--", *paths], cwd).decode("utf-8").split("\0")
    values: dict[str, str] = {}
    for i in range(0, len(out) - 2, 3):
        values[out[i]] = out[i + 2]
    return values


def config_get(key: str, cwd: str | os.PathLike[str] = ".") -> str | None:
    """A repository-local config value, or None when unset."""
    out = git(["config", "--local", "--get", key], cwd, check=False)
    value = out.decode("utf-8").rstrip("\n")
    return value if out else None


def config_set(key: str, value: str, cwd: str | os.PathLike[str] = ".") -> None:
    git(["config", "--local", key, value], cwd)


def config_remove_section(section: str, cwd: str | os.PathLike[str] = ".") -> None:
    """Remove a config section if present (no error when it is not there)."""
    git(["config", "--local", "--remove-section", section], cwd, check=False)


def git_wants_color(stdout_is_tty: bool, cwd: str | os.PathLike[str] = ".") -> bool:
    """Whether git would colour a diff here: ``color.diff`` / ``color.ui`` as git reads them
    (``auto`` means a terminal, or git's pager, which git announces with GIT_PAGER_IN_USE),
    and never with NO_COLOR. An external diff driver gets no ``--color`` flag from git, so
    this is how it follows the user's choice."""
    if os.environ.get("NO_COLOR"):
        return False
    tty = stdout_is_tty or os.environ.get("GIT_PAGER_IN_USE") == "true"
    out = git(
        ["config", "--get-colorbool", "color.diff", "true" if tty else "false"], cwd, check=False
    )
    return out.strip() == b"true"
