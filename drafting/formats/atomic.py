"""The one atomic writer, and the one way to edit a file in place without losing an edit.

``write_atomic(path, data)``: a reader (or a crash) sees either the old file or the whole new
one, never half of it. The new bytes go to a temporary file, are flushed to disk, and are
renamed over the target. Faithful to what was there:

- a **symbolic link** is followed: the file it points to is replaced, the link stays a link;
- a file with **several hard links** is rewritten in place (a rename would split the links;
  the complete new bytes are on disk in the temporary folder first);
- the original's **mode** is kept (a new file gets ``0666 & ~umask``, as ``open()`` would),
  and its **owner and group** where the user may set them (root may; others keep the group
  if they belong to it);
- the temporary file lives in a private folder ``.drafting-tmp.XXXXXXXX`` beside the target
  (same file system, so the rename is atomic) holding a ``.gitignore`` of ``*``: ``git add
  -A`` and shell globs never pick it up. The writer holds a lock on that folder while it
  works; folders left by a killed run are unlocked and are removed by the next write there.

``edit_file(path, change)``: a read-modify-write that cannot lose a concurrent edit. It takes
an exclusive ``fcntl.flock`` on the file (re-taken if the file was replaced while waiting),
reads it, calls ``change(data)``, and before replacing checks that the file is unchanged
since it was read (another program that does not lock may have written it). When it changed,
the edit is redone on the new content (up to ``RETRIES`` times); a lock held for longer than
``lock_timeout()`` seconds fails with one line and exit 2.

Every failure is one ``DraftingError`` line naming the path: a full disk, a read-only
folder, a folder where the file should be, a symbolic link loop.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from drafting.errors import DraftingError
from drafting.formats import source

TMP_PREFIX = ".drafting-tmp."
"""Name prefix of the private temporary folders (hidden from globs; git-ignored inside)."""

LOCK_TIMEOUT_ENV = "DRAFTING_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0
"""Seconds a command waits for another drafting process editing the same file."""

RETRIES = 5
"""How often an edit is redone when the file changed under it before giving up."""


class WriteError(DraftingError):
    """A file could not be written; nothing was changed."""


def lock_timeout() -> float:
    """Seconds to wait for a lock: ``$DRAFTING_LOCK_TIMEOUT`` or ``DEFAULT_LOCK_TIMEOUT``."""
    raw = os.environ.get(LOCK_TIMEOUT_ENV)
    try:
        return float(raw) if raw else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        raise DraftingError(f"{LOCK_TIMEOUT_ENV}: not a number of seconds: {raw!r}") from None


def _failure(path: str, error: OSError) -> WriteError:
    return WriteError(f"{source.os_error_message(path, error)} (nothing was written)")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must replace: through symbolic links, refusing a folder."""
    name = os.fspath(path)
    try:
        real = Path(os.path.realpath(name, strict=False))
        os.stat(real)  # ELOOP for a loop; ENOENT is fine (a new file)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise _failure(name, error) from None
    if real.is_dir():
        raise WriteError(f"{name}: is a folder, not a file (nothing was written)")
    return real


def remove_stale(folder: Path) -> int:
    """Remove the temporary folders of killed writers in ``folder``; how many were removed."""
    removed = 0
    try:
        names = [n for n in os.listdir(folder) if n.startswith(TMP_PREFIX)]
    except OSError:
        return 0
    for name in names:
        stale = folder / name
        try:
            fd = os.open(stale, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue  # a live writer holds it
        try:
            shutil.rmtree(stale, ignore_errors=True)
            removed += 1
        finally:
            os.close(fd)
    return removed


@contextlib.contextmanager
def _private_folder(folder: Path, name: str) -> Iterator[Path]:
    """A locked, git-ignored temporary folder in ``folder``, removed afterwards."""
    try:
        tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX, dir=folder))
    except OSError as error:
        raise _failure(name, error) from None
    fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            (tmp / ".gitignore").write_bytes(b"*\n")
        except OSError as error:
            raise _failure(name, error) from None
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        os.close(fd)


def _keep_owner(tmp: Path, info: os.stat_result) -> None:
    """The original's owner and group where allowed (root: both; others: the group, if
    they belong to it); silently what the user may otherwise."""
    if (info.st_uid, info.st_gid) == (os.geteuid(), os.getegid()):
        return
    with contextlib.suppress(OSError):
        os.chown(tmp, info.st_uid, info.st_gid)
        return
    with contextlib.suppress(OSError):
        os.chown(tmp, -1, info.st_gid)


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Replace ``path`` with ``data`` atomically and faithfully (see the module docstring)."""
    name = os.fspath(path)
    target = resolve_target(name)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    remove_stale(folder)
    try:
        info: os.stat_result | None = os.stat(target)
    except OSError:
        info = None
    with _private_folder(folder, name) as tmp_folder:
        tmp = tmp_folder / target.name
        try:
            with open(tmp, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, stat.S_IMODE(info.st_mode) if info else _default_mode())
            if info is not None:
                _keep_owner(tmp, info)
            if info is not None and info.st_nlink > 1:
                _rewrite_in_place(target, payload)
            else:
                os.replace(tmp, target)
                _sync_folder(folder)
        except OSError as error:
            raise _failure(name, error) from None


def _rewrite_in_place(target: Path, payload: bytes) -> None:
    """Keep every hard link: write into the same inode (the full copy is already on disk)."""
    with open(target, "r+b") as handle:
        handle.write(payload)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float | None = None) -> Iterator[Path]:
    """Hold an exclusive ``flock`` on the file ``path`` resolves to.

    A writer replaces the file by renaming, so a lock taken on the old file after a wait is
    worthless: the lock is taken again on the new one until the two agree.
    """
    name = os.fspath(path)
    target = resolve_target(name)
    wait = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + wait
    while True:
        source.check_regular(target)
        try:
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as error:
            raise _failure(name, error) from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise DraftingError(
                            f"{name}: another drafting command has been editing it for "
                            f"{wait:g} s; nothing was written (try again, or raise "
                            f"{LOCK_TIMEOUT_ENV})"
                        ) from None
                    time.sleep(0.01)
            try:
                same = os.fstat(fd).st_ino == os.stat(target).st_ino
            except FileNotFoundError:
                same = False
            if same:
                yield target
                return
        finally:
            os.close(fd)  # releases the lock


def _signature(path: Path) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_ino, info.st_size, info.st_mtime_ns


def edit_file(
    path: str | os.PathLike[str],
    change: Callable[[bytes], bytes | None],
    *,
    timeout: float | None = None,
) -> bytes | None:
    """Locked read-modify-write of ``path``: ``change(old_bytes)`` gives the new bytes (None:
    write nothing). Returns what was written (or None). ``change`` may run more than once
    when the file changes under it, so it must not print or write anything itself."""
    name = os.fspath(path)
    with locked(name, timeout) as target:
        for _ in range(RETRIES):
            before = _signature(target)
            data = source.read_bytes(target)
            new = change(data)
            if new is None:
                return None
            if _signature(target) == before and source.read_bytes(target) == data:
                write_atomic(target, new)
                return new
        raise DraftingError(
            f"{name}: it kept changing while being edited ({RETRIES} tries); nothing was "
            "written. Is another program writing it?"
        )
