"""``drafting git install``: teach one repository to diff and check clause files.

Drivers cannot ship inside a repository, so install writes, all repository-local:

- ``git config diff.clause.command``: an external diff (``git diff``) that shows clause
  changes as word diffs with strength flags;
- ``git config diff.clause.textconv`` and ``diff.clause.xfuncname``: a one-line-per-sentence
  rendering with strength flags for ``git log -p`` / ``git show`` (which do not run external
  diffs unless given ``--ext-diff``), whose hunk headers name the draft; ``cachetextconv``
  so each blob is rendered once (git keeps the cache in ``refs/notes/textconv/clause``);
- ``git config merge.clause.driver``: the three-way merge driver (``drafting.git.mergedriver``)
  that merges parties, sources, drafts and amendments by id;
- a marked block in ``.gitattributes`` (``*.xml diff=clause merge=clause`` or the patterns);
- hooks: ``pre-commit`` and ``pre-merge-commit`` validate staged clause files and check their
  canonical form; ``post-commit`` and ``post-rewrite`` report an invalid clause file that
  cherry-pick or rebase committed (git runs no pre-commit hook for those).

Every command names ``sys.executable`` so hooks run the Python (and venv) that installed them.
``uninstall`` removes exactly these: the two config sections, the marked block (and the file
when install created it), the hook when it is ours, and git's textconv cache.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shlex
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError
from drafting.formats.atomic import edit_file, write_atomic
from drafting.git.repo import (
    config_get,
    config_remove_section,
    git,
    git_path,
    repo_root,
)

DRIVER = "clause"
BEGIN = "# >>> drafting: clause files (added by `drafting git install`)"
END = "# <<< drafting"
HOOK_MARKER = "# drafting hook (installed by `drafting git install`)"
OLD_HOOK_MARKER = "# drafting pre-commit hook (installed by `drafting git install`)"
HOOKS: dict[str, tuple[str, str]] = {
    "pre-commit": ("pre-commit", "Refuses a commit of an invalid or non-canonical clause file."),
    "pre-merge-commit": (
        "pre-commit",
        "Refuses a merge commit of an invalid clause file (git merge skips pre-commit).",
    ),
    "post-commit": (
        "post-commit",
        "Reports an invalid clause file committed by cherry-pick or rebase --continue.",
    ),
    "post-rewrite": (
        'post-rewrite "$1"',
        "Reports invalid clause files in the commits a rebase or amend made.",
    ),
}
"""Hook name -> (our entry point, what it does). git runs pre-commit only for `git commit`:
merges run pre-merge-commit, and cherry-pick and rebase commit without either."""
XFUNCNAME = r"^((draft|amendment|article) .*|preamble)$"
"""Hunk headers name the draft (or article) a change is in: see drafting.git.textconv.
git shows the first group of the match, so the whole line is one group."""
DEFAULT_PATTERNS = ("*.xml",)
TEXTCONV_CACHE = f"refs/notes/textconv/{DRIVER}"


@dataclass(frozen=True)
class Installed:
    """What install did, for the message and the tests."""

    root: Path
    gitattributes: Path
    hook: Path | None
    patterns: tuple[str, ...]


def command(python: str, entry: str) -> str:
    """The shell command git runs for ``entry`` (git runs driver commands through ``sh``)."""
    return f"{shlex.quote(python)} -m drafting git {entry}"


def attribute_pattern(pattern: str) -> str:
    """``pattern`` as it must be written in ``.gitattributes``, or one-line DraftingError.

    A newline would start a new attribute line (injecting attributes), a leading ``#`` makes
    a comment and ``!`` is not allowed in .gitattributes; whitespace would end the pattern,
    so a pattern with a space or a quote is written C-quoted, as git reads it.
    """
    bad = next((c for c in pattern if c in "\n\r\0" or (ord(c) < 32 and c != "\t")), None)
    if not pattern.strip() or bad is not None:
        what = "is empty" if bad is None else f"holds a control character (U+{ord(bad):04X})"
        raise DraftingError(f"--pattern {pattern!r} {what}: give one path pattern per --pattern")
    if pattern.startswith(("#", "!")):
        raise DraftingError(
            f"--pattern {pattern!r}: a .gitattributes pattern cannot start with "
            f"{pattern[0]!r} ('#' starts a comment, '!' is not allowed)"
        )
    if any(c in pattern for c in ' \t"'):
        escaped = pattern.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
        return f'"{escaped}"'
    return pattern


def _block(patterns: Sequence[str]) -> list[str]:
    lines = (f"{attribute_pattern(p)} diff={DRIVER} merge={DRIVER}" for p in patterns)
    return [BEGIN, *lines, END]


def _read_lines(path: Path) -> tuple[list[str], str]:
    """The lines of a text file kept byte for byte (any encoding: bytes are read as
    Latin-1, which maps each byte to one character and back), and its line ending."""
    return _lines_of(path.read_bytes())


def _lines_of(data: bytes) -> tuple[list[str], str]:
    """``_read_lines`` of bytes already read."""
    newline = "\r\n" if b"\r\n" in data else "\n"
    text = data.decode("latin-1")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines], newline


def _joined(lines: Sequence[str], newline: str) -> bytes:
    return "".join(f"{line}{newline}" for line in lines).encode("latin-1")


def _without_block(lines: list[str]) -> tuple[list[str], bool]:
    """The lines with our marked block taken out, and whether there was one."""
    if BEGIN not in lines:
        return lines, False
    start = lines.index(BEGIN)
    end = lines.index(END, start) if END in lines[start:] else start
    return lines[:start] + lines[end + 1 :], True


def _hook_text(python: str, name: str) -> str:
    entry, what = HOOKS[name]
    return f"#!/bin/sh\n{HOOK_MARKER}\n# {what}\nexec {command(python, entry)}\n"


def install(
    cwd: str | os.PathLike[str] = ".",
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    *,
    hook: bool = True,
    python: str | None = None,
) -> Installed:
    """Install (or refresh: running it twice changes nothing) the driver, attributes, hook."""
    root = repo_root(cwd)
    recover(root)
    python = python or sys.executable
    hooks = git_path("hooks", root)
    hook_path = hooks / "pre-commit" if hook else None
    for name in HOOKS if hook else ():
        path = hooks / name
        if path.exists() and not _ours(path):
            raise DraftingError(
                f"{path}: a {name} hook is already there and is not ours; add "
                f"`{command(python, HOOKS[name][0])}` to it yourself, or use the pre-commit "
                "framework (.pre-commit-hooks.yaml), or install with --no-hook"
            )
    block = _block(patterns)  # refuses a bad --pattern before anything is touched
    attributes = root / ".gitattributes"
    existed = attributes.exists()
    newline = "\n"
    hook_files = [hooks / name for name in HOOKS] if hook else []
    config = git_path("config", root)
    with _journal(root, [attributes, config, *hook_files]):
        settings = {
            f"diff.{DRIVER}.command": command(python, "diff-driver"),
            f"diff.{DRIVER}.textconv": command(python, "textconv"),
            f"diff.{DRIVER}.xfuncname": XFUNCNAME,
            f"diff.{DRIVER}.cachetextconv": "true",
            f"merge.{DRIVER}.name": "drafting clause files: merge by id (docs/git.md)",
            f"merge.{DRIVER}.driver": command(python, "merge-driver") + " %O %A %B %P",
        }
        if config_get("drafting.gitattributes", root) is None:
            settings["drafting.gitattributes"] = "appended" if existed else "created"
        if hook_path is not None:
            settings["drafting.hook"] = str(hook_path)
        if existed:  # locked read-modify-write: an edit made meanwhile is kept, not lost
            edit_file(attributes, lambda data: _with_lines(data, lambda rest: [*rest, *block]))
        else:
            _write_bytes(attributes, _joined(block, newline))
        for name in HOOKS if hook else ():
            path = hooks / name
            path.parent.mkdir(parents=True, exist_ok=True)
            text = _hook_text(python, name)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                _write_text(path, text)
            mode = path.stat().st_mode
            path.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        _set_config(config, settings, root)  # last, in one atomic swap of the config file
    _drop_textconv_cache(root)  # re-running install after an upgrade refreshes the flags
    return Installed(root, attributes, hook_path, tuple(patterns))


def uninstall(cwd: str | os.PathLike[str] = ".") -> list[str]:
    """Remove what install added; returns what was removed, one line each."""
    root = repo_root(cwd)
    recover(root)
    removed: list[str] = []
    created = config_get("drafting.gitattributes", root) == "created"
    attributes = root / ".gitattributes"
    if attributes.exists():
        lines, _ = _read_lines(attributes)
        rest, had_block = _without_block(lines)
        if had_block:
            tracked = bool(git(["ls-files", "--", ".gitattributes"], root).strip())
            if created and not tracked and not any(line.strip() for line in rest):
                attributes.unlink()
                removed.append(f"{attributes} (created by install)")
            else:
                edit_file(attributes, lambda data: _with_lines(data, lambda rest: rest))
                removed.append(f"the drafting block in {attributes}")
    for name in HOOKS:
        hook_path = git_path("hooks", root) / name
        if hook_path.exists() and _ours(hook_path):
            hook_path.unlink()
            removed.append(str(hook_path))
    if config_get(f"diff.{DRIVER}.command", root) is not None:
        removed.append(f"git config diff.{DRIVER}.*")
    if _drop_textconv_cache(root):
        removed.append(f"{TEXTCONV_CACHE} (git's cache of the textconv rendering)")
    if config_get(f"merge.{DRIVER}.driver", root) is not None:
        removed.append(f"git config merge.{DRIVER}.*")
    config_remove_section(f"diff.{DRIVER}", root)
    config_remove_section(f"merge.{DRIVER}", root)
    config_remove_section("drafting", root)
    return removed


def _drop_textconv_cache(root: Path) -> bool:
    """Forget cached renderings (their strength flags may predate this version's lexicon)."""
    if not git(["rev-parse", "--verify", "--quiet", TEXTCONV_CACHE], root, check=False):
        return False
    git(["update-ref", "-d", TEXTCONV_CACHE], root)
    return True


def _ours(hook: Path) -> bool:
    text = hook.read_text(encoding="utf-8", errors="replace")
    return HOOK_MARKER in text or OLD_HOOK_MARKER in text


def _write_text(path: Path, text: str) -> None:
    write_atomic(path, text)


def _write_bytes(path: Path, data: bytes) -> None:
    write_atomic(path, data)


def _with_lines(data: bytes, keep: Callable[[list[str]], list[str]]) -> bytes | None:
    """``.gitattributes`` bytes with our block replaced by what ``keep`` gives for the
    other lines (None: unchanged), line endings and encoding kept."""
    lines, newline = _lines_of(data)
    rest, _ = _without_block(lines)
    new = keep(rest)
    return None if new == lines else _joined(new, newline)


def _set_config(config: Path, settings: dict[str, str], root: Path) -> None:
    """Every setting in one atomic replacement of git's config file: git writes them into a
    copy (its own syntax and quoting), then the copy replaces the file at once. The file is
    read and replaced under git's own lock (``config.lock``, created exclusively, then
    renamed over the file, as git does), so a ``git config`` run meanwhile waits or fails
    rather than being lost."""
    lock = config.with_name(config.name + ".lock")
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        raise DraftingError(
            f"{lock}: another git command is changing the repository's configuration; try "
            "again (if no git command is running, remove that file)"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            with tempfile.TemporaryDirectory(prefix=".drafting-config.", dir=config.parent) as tmp:
                copy = Path(tmp) / "config"
                shutil.copyfile(config, copy)
                for key, value in settings.items():
                    git(["config", "--file", str(copy), key, value], root)
                handle.write(copy.read_bytes())
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(config, lock)
        os.replace(lock, config)
    except BaseException:
        lock.unlink(missing_ok=True)
        raise


JOURNAL = "drafting-install.journal"
"""Kept in the git folder while install writes: what every file was before, so that a run
killed half-way is undone by the next install or uninstall (all or nothing)."""


@contextlib.contextmanager
def _journal(root: Path, paths: Sequence[Path]) -> Iterator[None]:
    """Record ``paths`` as they are, run the body, forget the record. On an error the files
    are restored at once; after a kill -9, by ``recover`` on the next run."""
    journal = git_path(JOURNAL, root)
    before = {
        str(p): base64.b64encode(p.read_bytes()).decode() if p.exists() else None for p in paths
    }
    write_atomic(journal, json.dumps(before))
    try:
        yield
    except BaseException:
        recover(root, killed=False)
        raise
    journal.unlink()


def recover(root: Path, *, killed: bool = True) -> bool:
    """Undo an install that was killed half-way (its journal is still there); True if so.
    ``killed=False``: an install undoing its own error, which has released its lock on
    git's config already (a ``config.lock`` there now is another git command's)."""
    journal = git_path(JOURNAL, root)
    if not journal.exists():
        return False
    try:
        before = json.loads(journal.read_text(encoding="utf-8"))
    except ValueError:  # killed while writing the journal itself: nothing was changed yet
        journal.unlink()
        return False
    if killed:  # perhaps while holding git's lock on its config (``_set_config``)
        config = git_path("config", root)
        config.with_name(config.name + ".lock").unlink(missing_ok=True)
    for name, data in before.items():
        path = Path(name)
        if data is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, base64.b64decode(data))
    journal.unlink()
    return True
