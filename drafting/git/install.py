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
- a ``pre-commit`` hook that validates staged clause files and checks their canonical form.

Every command names ``sys.executable`` so hooks run the Python (and venv) that installed them.
``uninstall`` removes exactly these: the two config sections, the marked block (and the file
when install created it), the hook when it is ours, and git's textconv cache.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drafting.errors import DraftingError
from drafting.git.repo import (
    config_get,
    config_remove_section,
    config_set,
    git,
    git_path,
    repo_root,
)

DRIVER = "clause"
BEGIN = "# >>> drafting: clause files (added by `drafting git install`)"
END = "# <<< drafting"
HOOK_MARKER = "# drafting pre-commit hook (installed by `drafting git install`)"
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


def _block(patterns: Sequence[str]) -> list[str]:
    return [BEGIN, *(f"{p} diff={DRIVER} merge={DRIVER}" for p in patterns), END]


def _without_block(lines: list[str]) -> tuple[list[str], bool]:
    """The lines with our marked block taken out, and whether there was one."""
    if BEGIN not in lines:
        return lines, False
    start = lines.index(BEGIN)
    end = lines.index(END, start) if END in lines[start:] else start
    return lines[:start] + lines[end + 1 :], True


def _hook_text(python: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{HOOK_MARKER}\n"
        "# Refuses a commit of an invalid or non-canonical clause file.\n"
        f"exec {command(python, 'pre-commit')}\n"
    )


def install(
    cwd: str | os.PathLike[str] = ".",
    patterns: Sequence[str] = DEFAULT_PATTERNS,
    *,
    hook: bool = True,
    python: str | None = None,
) -> Installed:
    """Install (or refresh: running it twice changes nothing) the driver, attributes, hook."""
    root = repo_root(cwd)
    python = python or sys.executable
    hook_path = git_path("hooks", root) / "pre-commit" if hook else None
    if hook_path is not None and hook_path.exists() and not _ours(hook_path):
        raise DraftingError(
            f"{hook_path}: a pre-commit hook is already there and is not ours; add "
            f"`{command(python, 'pre-commit')}` to it yourself, or use the pre-commit "
            "framework (.pre-commit-hooks.yaml), or install with --no-hook"
        )
    attributes = root / ".gitattributes"
    existed = attributes.exists()
    old = attributes.read_text(encoding="utf-8").splitlines() if existed else []
    rest, _ = _without_block(old)
    if config_get("drafting.gitattributes", root) is None:
        config_set("drafting.gitattributes", "appended" if existed else "created", root)
    config_set(f"diff.{DRIVER}.command", command(python, "diff-driver"), root)
    config_set(f"diff.{DRIVER}.textconv", command(python, "textconv"), root)
    config_set(f"diff.{DRIVER}.xfuncname", XFUNCNAME, root)
    config_set(f"diff.{DRIVER}.cachetextconv", "true", root)
    config_set(f"merge.{DRIVER}.name", "drafting clause files: merge by id (docs/git.md)", root)
    config_set(f"merge.{DRIVER}.driver", command(python, "merge-driver") + " %O %A %B %P", root)
    _drop_textconv_cache(root)  # re-running install after an upgrade refreshes the flags
    new = [*rest, *_block(patterns)]
    if new != old:
        _write_text(attributes, "\n".join(new) + "\n")
    if hook_path is not None:
        hook_path.parent.mkdir(parents=True, exist_ok=True)
        _write_text(hook_path, _hook_text(python))
        mode = hook_path.stat().st_mode
        hook_path.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        config_set("drafting.hook", str(hook_path), root)
    return Installed(root, attributes, hook_path, tuple(patterns))


def uninstall(cwd: str | os.PathLike[str] = ".") -> list[str]:
    """Remove what install added; returns what was removed, one line each."""
    root = repo_root(cwd)
    removed: list[str] = []
    created = config_get("drafting.gitattributes", root) == "created"
    attributes = root / ".gitattributes"
    if attributes.exists():
        lines = attributes.read_text(encoding="utf-8").splitlines()
        rest, had_block = _without_block(lines)
        if had_block:
            if created and not any(line.strip() for line in rest):
                attributes.unlink()
                removed.append(f"{attributes} (created by install)")
            else:
                _write_text(attributes, "".join(f"{line}\n" for line in rest))
                removed.append(f"the drafting block in {attributes}")
    hook_path = git_path("hooks", root) / "pre-commit"
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
    return HOOK_MARKER in hook.read_text(encoding="utf-8", errors="replace")


def _write_text(path: Path, text: str) -> None:
    from drafting.formats.atomic import write_atomic

    write_atomic(path, text)
