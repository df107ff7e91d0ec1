"""The one reader of input bytes: files, ``-`` (standard input) and bytes handed in.

Every input of every command comes through here (clause and document files, text files,
``--batch``, ``--lexicon``, textconv, the diff driver, ``REV:PATH`` blobs from git), so every
input gets the same defences and the same one-line messages:

- a path that is not a regular file (a FIFO, a device such as ``/dev/zero``, a folder, a
  socket) is refused *before it is opened*: opening a FIFO blocks forever, and a device never
  ends;
- every read is capped: at most ``input_limit()`` bytes (10 MiB unless ``DRAFTING_MAX_BYTES``
  or ``drafting --max-bytes`` says otherwise). A file is refused by its size before it is
  read; a stream (standard input) is read only up to the limit plus one byte;
- text is UTF-8: invalid bytes are an error naming the byte offset, and a byte-order mark is
  dropped (``decode_text``).

Why one module: there were four readers, each with its own limits and messages, and they
disagreed (``strength --file`` kept a byte-order mark that every other command dropped).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import BinaryIO

from drafting.errors import InputError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""The default cap on one input. Our largest real text is far below 1 MB; 10 MiB leaves room
for a generated treaty of a million words while bounding memory and time."""

MAX_TEXT_CHARS = 100_000
"""Characters allowed in one sentence of a clause file, or in one clause given to
``strength``. The longest real sentence in the corpus is under 2,000 characters; a 10 MB
one-line clause made ``strength`` run for 14 s (1.2 MB of one repeated word: minutes)."""

LIMIT_ENV = "DRAFTING_MAX_BYTES"
"""Environment variable that raises (or lowers) the cap: bytes, or with a K, M or G suffix."""

STDIN_NAME = "<stdin>"
"""How standard input is named in messages."""

_CHUNK = 1 << 20
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def parse_size(text: str) -> int:
    """``"10485760"``, ``"512K"``, ``"20M"``, ``"1G"`` → bytes; ValueError for anything else."""
    raw = text.strip().upper().removesuffix("B").removesuffix("I")
    unit = raw[-1:] if raw[-1:] in ("K", "M", "G") else ""
    number = raw[: len(raw) - len(unit)]
    if not number.isdigit():
        raise ValueError(f"not a size: {text!r} (expected bytes, or a number with K, M or G)")
    return int(number) * _UNITS[unit]


def input_limit() -> int:
    """The cap on one input in bytes: ``$DRAFTING_MAX_BYTES`` or ``DEFAULT_MAX_BYTES``."""
    raw = os.environ.get(LIMIT_ENV)
    if not raw:
        return DEFAULT_MAX_BYTES
    try:
        return parse_size(raw)
    except ValueError as error:
        raise InputError(f"{LIMIT_ENV}: {error}") from None


class InputTooLarge(InputError):
    """An input over the size cap (a file by its size, a stream once past the cap).

    ``detail`` is the message without the input's name, for ``path:1:1: detail`` problems.
    """

    def __init__(self, name: str, detail: str) -> None:
        self.name = name
        self.detail = detail
        super().__init__(f"{name}: {detail}")


def _over(name: str, size: int | None, limit: int) -> InputTooLarge:
    raise_it = f"raise it with --max-bytes or {LIMIT_ENV}"
    if size is None:  # a stream: only known to go past the cap
        return InputTooLarge(name, f"more than the limit of {limit:,} bytes ({raise_it})")
    return InputTooLarge(
        name, f"file is {size:,} bytes, over the limit of {limit:,} bytes ({raise_it})"
    )


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is refused, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file: refused, reading it could block"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file: refused, it may never end"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file: refused"
    return "is not a regular file: refused"


_ERRNO_WORDS: dict[int, str] = {
    errno.ELOOP: "too many levels of symbolic links (a symbolic link loop?)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder, not a file",
    errno.ENAMETOOLONG: "file name too long",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "the file system is read-only",
    errno.EDQUOT: "disk quota exceeded",
}
"""Our words for the errors a user can act on (``strerror`` otherwise)."""


def os_error_message(path: str, error: OSError) -> str:
    """One line for an ``OSError`` on ``path``, in our words (a symlink loop is not "no such
    file", a broken link is not a missing file)."""
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"{path}: broken symbolic link (its target does not exist)"
        return f"{path}: no such file or folder"
    words = _ERRNO_WORDS.get(error.errno or 0)
    if words is None:
        reason = error.strerror or type(error).__name__
        words = reason[:1].lower() + reason[1:]
    return f"{path}: {words}"


def check_regular(path: str | os.PathLike[str]) -> os.stat_result:
    """``os.stat`` of a regular file (following symlinks), or one-line ``InputError``.

    Never opens anything: a FIFO or a device is refused by its type alone.
    """
    name = os.fspath(path)
    try:
        info = os.stat(name)
    except OSError as error:
        raise InputError(os_error_message(name, error)) from None
    why = _not_regular(info.st_mode)
    if why is not None:
        raise InputError(f"{name}: {why}")
    return info


def read_stream(stream: BinaryIO, name: str = STDIN_NAME, *, max_bytes: int | None = None) -> bytes:
    """At most ``max_bytes`` from a stream (standard input): never more than the cap plus one
    byte is held, so ``< /dev/zero`` stops at the cap with one line."""
    limit = input_limit() if max_bytes is None else max_bytes
    chunks: list[bytes] = []
    held = 0
    while held <= limit:
        try:
            chunk = stream.read(min(_CHUNK, limit + 1 - held))
        except OSError as error:
            raise InputError(os_error_message(name, error)) from None
        if not chunk:
            break
        chunks.append(chunk)
        held += len(chunk)
    if held > limit:
        raise _over(name, None, limit)
    return b"".join(chunks)


def read_bytes(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, stdin: BinaryIO | None = None
) -> bytes:
    """The bytes of a file, or of standard input for ``-``, capped at ``max_bytes``
    (default ``input_limit()``). Raises one-line ``InputError`` for anything else."""
    limit = input_limit() if max_bytes is None else max_bytes
    name = os.fspath(path)
    if name == "-":
        return read_stream(stdin if stdin is not None else sys.stdin.buffer, max_bytes=limit)
    info = check_regular(name)
    if info.st_size > limit:
        raise _over(name, info.st_size, limit)
    # O_NONBLOCK: if a FIFO replaced the file since the stat, opening it does not hang
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise InputError(os_error_message(name, error)) from None
    try:
        why = _not_regular(os.fstat(fd).st_mode)
        if why is not None:
            raise InputError(f"{name}: {why}")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_stream(handle, name, max_bytes=limit)
    finally:
        os.close(fd)


def read_head(path: str | os.PathLike[str], size: int) -> bytes:
    """At most the first ``size`` bytes of a regular file (to sniff its kind, whatever its
    length); the same refusals as ``read_bytes``."""
    name = os.fspath(path)
    check_regular(name)
    try:
        with open(name, "rb") as handle:
            return handle.read(size)
    except OSError as error:
        raise InputError(os_error_message(name, error)) from None


def check_size(data: bytes, name: str, *, max_bytes: int | None = None) -> bytes:
    """``data`` (bytes handed in, such as a ``REV:PATH`` blob from git) under the cap."""
    limit = input_limit() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise _over(name, len(data), limit)
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 bytes as text, a leading byte-order mark dropped; invalid UTF-8 is an error
    naming the byte offset (counted in the bytes as given, the mark included)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise InputError(f"{name}: not UTF-8 text (invalid byte at offset {offset})") from None


def read_text(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, stdin: BinaryIO | None = None
) -> str:
    """A UTF-8 text file or standard input (``-``) as str: ``read_bytes`` + ``decode_text``."""
    name = os.fspath(path)
    data = read_bytes(name, max_bytes=max_bytes, stdin=stdin)
    return decode_text(data, STDIN_NAME if name == "-" else name)


def check_text_length(text: str, name: str, what: str = "text") -> str:
    """``text`` if it is at most ``MAX_TEXT_CHARS`` long, else one-line ``InputError``."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"{name}: the {what} is {len(text):,} characters, over the limit of "
            f"{MAX_TEXT_CHARS:,} for one analysis (split it, or use --batch)"
        )
    return text


def display_name(path: str | os.PathLike[str]) -> str:
    """How an input is named in messages: ``<stdin>`` for ``-``."""
    name = os.fspath(path)
    return STDIN_NAME if name == "-" else name
