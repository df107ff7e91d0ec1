"""Options and output helpers shared by every command: one definition, used everywhere."""

from __future__ import annotations

import codecs
import contextlib
import datetime
import functools
import gc
import itertools
import os
import re
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DATE = r"\d{4}-\d{2}-\d{2}\Z"
"""A YYYY-MM-DD date (a pattern of re's cache, compiled when a command first checks one)."""


def check_date(value: str | None, option: str = "--date") -> str | None:
    """A YYYY-MM-DD option value, or a usage error naming the option."""
    if value is not None and not re.match(DATE, value):
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=option)
    return value


def today() -> str:
    """Today's date, YYYY-MM-DD (the default date of an amendment or a status change)."""
    return datetime.date.today().isoformat()


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    """``--format`` with the formats a command supports."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


color_option = click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the output: auto means only on a terminal and never when NO_COLOR is set.",
)

output_option = click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default="-",
    show_default=True,
    help="Write the report to this file (atomically) instead of standard output.",
)


def want_color(mode: str, stream: TextIO | None = None) -> bool:
    """Colour only when asked for, or on a terminal without NO_COLOR (https://no-color.org)."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def read_text_input(path: str) -> str:
    """A text file (``-``: standard input) as str, through the one bounded reader."""
    from drafting.formats.source import read_text  # start-up time

    return read_text(path)


def emit(text: str, output: str = "-") -> None:
    """Write a report to stdout or, atomically, to a file."""
    if output == "-":
        click.echo(text, nl=not text.endswith("\n"))
    else:
        from drafting.formats.atomic import write_atomic  # start-up time: only with -o FILE

        write_atomic(output, text if text.endswith("\n") else text + "\n")


def emit_bytes(data: bytes, output: str = "-") -> None:
    """Write a binary report (a .docx) to a file atomically, or to stdout when it is not a
    terminal (a terminal would show garbage: the user is told to use -o instead)."""
    from drafting.errors import DraftingError  # start-up time

    if output != "-":
        from drafting.formats.atomic import write_atomic  # start-up time: only with -o FILE

        write_atomic(output, data)
    elif sys.stdout.isatty():
        raise DraftingError("not writing a binary document to a terminal: give -o FILE")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def progress(items: list[Any], label: str, threshold: int = 20) -> Any:
    """A context manager yielding ``items``: with a progress bar on standard error when there
    are at least ``threshold`` of them and standard error is a terminal, plain otherwise."""
    if len(items) >= threshold and sys.stderr.isatty():
        return click.progressbar(items, label=label, file=sys.stderr)
    return contextlib.nullcontext(items)


def warn_hidden(text: str, name: str) -> bool:
    """One warning line on standard error per hidden or look-alike character of ``text``
    (``drafting.text.hidden``), with its position; True when there was any."""
    from drafting.text.hidden import find_hidden  # start-up time

    return bool(warn_found(find_hidden(text), name))


def warn_found(found: tuple[Any, ...], name: str) -> tuple[Any, ...]:
    """One warning line per finding of ``drafting.text.hidden.find_hidden``; the findings
    back, for a caller that needs them again (the diff compares them without a second scan)."""
    for line in hidden_warnings(found, name):
        click.echo(line, err=True)
    return found


def hidden_warnings(found: tuple[Any, ...], name: str) -> list[str]:
    """The warning lines for the findings of ``drafting.text.hidden.find_hidden`` in the
    text called ``name``, as ``warn_found`` prints them."""
    from drafting.text.hidden import escape_invisible  # start-up time

    return [f"drafting: warning: {name}: {escape_invisible(item.describe())}" for item in found]


def read_as_seen(text: str, name: str) -> tuple[str, tuple[Any, ...]]:
    """``text`` as a reader sees it (hidden characters dropped, look-alike letters read in
    their word's script), after warning about each one and saying so; and the findings
    (``drafting.text.hidden.Hidden``, offsets in ``text`` as given), for output that lists
    them (``strength --format json``, batch JSON lines)."""
    seen, found, warnings = as_seen(text, name)
    for line in warnings:
        click.echo(line, err=True)
    return seen, found


def as_seen(
    text: str, name: str, found: tuple[Any, ...] | None = None
) -> tuple[str, tuple[Any, ...], list[str]]:
    """``read_as_seen`` without printing: the text as seen, the findings, and the warning
    lines to print (for work done in another process, whose lines are printed in order).
    ``found`` is ``find_hidden(text)`` when the caller has it (a batch calls it per line,
    and an ``import`` statement per line cost as much as the check of a clean line)."""
    if found is None:
        from drafting.text.hidden import find_hidden  # start-up time

        found = find_hidden(text)
    if not found:
        return text, found, []
    from drafting.text.hidden import as_read  # start-up time

    warnings = hidden_warnings(found, name)
    warnings.append(
        f"drafting: {name}: graded as a reader sees it (hidden characters dropped, "
        "look-alike letters read as the letters they look like)"
    )
    return as_read(text), found, warnings


_KEPT: list[Any] = []


def is_utf8(encoding: str | None) -> bool:
    """Whether a stream's ``encoding`` names UTF-8 (any spelling Python knows)."""
    try:
        return encoding is not None and codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def keep_until_exit(*values: Any) -> None:
    """Hold ``values`` (a command's report, its inputs) until the process ends, or until the
    next command run in this process: a command that returns them frees them one by one
    (a 100,000-word diff: about a million objects, some 10 ms), and the quick exit
    (``drafting.cli.main``) ends the process without freeing anything."""
    _KEPT[:] = values


def collector_paused(function: F) -> F:
    """Run a command with Python's cyclic garbage collector paused, as one long computation
    that makes about a million objects and no cycles worth collecting (a 100,000-word diff:
    230 collections, 4% of its CPU time, no difference in peak memory); restored after."""

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if enabled:
                if not gc.get_freeze_count():  # (objects someone froze stay frozen)
                    # the run's objects made old first (frozen, then back in the oldest
                    # generation): a collector enabled with them all young would walk every
                    # one still alive at the next allocation (some 25 ms after a long diff)
                    gc.freeze()
                    gc.unfreeze()
                gc.enable()

    return run  # type: ignore[return-value]


T = TypeVar("T")
R = TypeVar("R")

FORK_MIN_WEIGHT = 200_000
"""Below this much work (``fork_map``'s weights: characters of changed text for a diff) one
process does it all: forking costs a few milliseconds, a clause diff takes less."""


def fork_map(
    function: Callable[[T], R],
    items: Sequence[T],
    weights: Sequence[int],
    *,
    min_weight: int = FORK_MIN_WEIGHT,
    processes: int | None = None,
    progress: Callable[[float], None] | None = None,
    shared_bytes: int = 1 << 28,
) -> list[R]:
    """``[function(item) for item in items]``, shared among ``processes`` processes (default:
    the cores this process may run on), so long work takes less time.

    The items are cut into chunks, in order, large ones first and smaller ones towards the
    end (``_chunks``). This process and forked copies of it each take the next chunk nobody
    has taken as soon as they are done with one, so whichever goes faster (cheaper items, a
    core not busy with something else) does more, and all finish within a small chunk of
    each other. A child shares this process's memory as it was at the fork, so ``function``
    may be a closure; only its results travel back (pickled, a chunk at a time, into memory
    shared with this process, and announced through a pipe that this process reads between
    its own chunks: ``_child``), and they are put back in order,
    so the output is exactly that of the serial loop. Serial when there is too little work,
    one core, or not Linux. If a child fails in any way, the chunks it took are redone here;
    an error here is raised as the serial loop would raise it (the chunks before it that
    another process took are run here first). ``progress`` is called here after each of this
    process's items with the share of all the items up to that one, and with 1.0 at the end.
    ``shared_bytes``: how much of its results each child may write into memory shared with
    this process (address space, not memory: a page is made only when written); what does not
    fit comes through its pipe, and so does everything when the system refuses that memory
    (or ``shared_bytes`` is 0).
    """
    count = min(processes or _cores(), len(items)) if sys.platform.startswith("linux") else 1
    if sum(weights) < min_weight or count < 2:
        results: list[R] = []
        for done, item in enumerate(items, start=1):
            results.append(function(item))
            if progress is not None:
                progress(done / len(items))
        return results
    import fcntl  # start-up time: only long work forks (and fcntl is not on Windows)
    import mmap  # start-up time: only long work forks
    import pickle  # start-up time: only long work forks

    bounds = _chunks(weights, count)
    chunks = len(bounds) - 1
    tickets, tickets_in = os.pipe()  # the chunks not yet taken: each read takes the next one
    os.write(tickets_in, struct.pack(f"<{chunks}I", *range(chunks)))
    os.read(tickets, 4)  # this process does the first chunk, whatever the children do
    children: list[tuple[int, int]] = []  # (pid, read end of the pipe its results come by)
    done: dict[int, list[R]] = {}  # chunk -> its results, whoever made them
    pending: dict[int, bytearray] = {}  # read end -> bytes of a frame not all read yet
    shared: dict[int, mmap.mmap | None] = {}  # read end -> where its child writes results
    try:
        for _ in range(1, count):
            read_end, write_end = os.pipe()
            with contextlib.suppress(OSError):  # room for a chunk's results: a child rarely waits
                fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
            region = _shared_region(mmap, shared_bytes)
            pid = os.fork()
            if pid == 0:  # a child: chunks until none is left, then gone without cleanup
                others = [tickets_in, read_end, *(end for _, end in children)]
                _child(function, items, bounds, tickets, others, write_end, region)
            os.close(write_end)
            os.set_blocking(read_end, False)
            children.append((pid, read_end))
            pending[read_end] = bytearray()
            shared[read_end] = region
        os.close(tickets_in)
        tickets_in = -1
        for chunk in itertools.chain((0,), _taken(tickets)):
            mine: list[R] = []
            try:
                # what the children sent is read a few times a chunk, so that a child
                # never waits long for room in its pipe (a chunk of a long batch's lines
                # is more than the pipe holds)
                step = max(1, (bounds[chunk + 1] - bounds[chunk]) // 8)
                for k in range(bounds[chunk], bounds[chunk + 1]):
                    mine.append(function(items[k]))
                    if progress is not None:
                        progress((k + 1) / len(items))
                    if (k - bounds[chunk]) % step == step - 1:
                        for _, read_end in children:  # without waiting
                            _read_frames(
                                pickle,
                                read_end,
                                pending[read_end],
                                shared[read_end],
                                done,
                                wait=False,
                            )
            except Exception:
                # the serial loop would have raised first the error of a chunk before this
                # one, if one has: those that other processes took are run here, in order
                _stop(children)
                children = []
                for before in range(chunk):
                    if before not in done:
                        done[before] = [
                            function(items[k]) for k in range(bounds[before], bounds[before + 1])
                        ]
                raise
            done[chunk] = mine
        for pid, read_end in children:
            os.set_blocking(read_end, True)
            _read_frames(pickle, read_end, pending[read_end], shared[read_end], done, wait=True)
            os.close(read_end)
            os.waitpid(pid, 0)  # a child that failed: the chunks it took are missing below
        children = []
    except BaseException:  # an error or an interrupt here: the children's work is not wanted
        _stop(children)
        raise
    finally:
        os.close(tickets)
        if tickets_in >= 0:
            os.close(tickets_in)
        for region in shared.values():
            if region is not None:
                region.close()
    results = []
    for chunk in range(chunks):
        found = done.get(chunk)
        if found is None:  # taken by a child that failed: redone here
            found = [function(items[k]) for k in range(bounds[chunk], bounds[chunk + 1])]
        results.extend(found)
    if progress is not None:
        progress(1.0)
    return results


def _chunks(weights: Sequence[int], count: int) -> list[int]:
    """Where each chunk of items starts, and the end: every chunk at least one item, each
    about a ``4 * count``-th of the weight still left (so the first are large, and few), but
    not under a ``256 * count``-th of the whole (so the last are small, and the processes
    finish together)."""
    total = sum(weights)
    smallest = total / min(256 * count, 4096)
    bounds, left, index = [0], total, 0
    while index < len(weights):
        target = max(left / (4 * count), smallest)
        taken = weights[index]  # every chunk takes at least one item ...
        index += 1
        # ... then more while they fit in the target
        while index < len(weights) and taken + weights[index] <= target:
            taken += weights[index]
            index += 1
        bounds.append(index)
        left -= taken
    return bounds


def _taken(tickets: int) -> Iterator[int]:
    """The chunks this process takes, one at a time, until none is left (a read of four
    bytes from a pipe is atomic: no two processes get the same ticket)."""
    while ticket := os.read(tickets, 4):
        yield struct.unpack("<I", ticket)[0]


def _shared_region(mmap: Any, size: int) -> Any:
    """Anonymous memory of ``size`` bytes that a child forked after this shares with this
    process (a page exists only once written); None when the system refuses it (a strict
    limit on committed memory): the child's results then all come through its pipe."""
    try:
        return mmap.mmap(-1, size)
    except (OSError, ValueError):
        return None


_IN_SHARED = 1 << 63
"""A frame header with this bit: the pickle is in the shared memory, at the offset that
follows (8 bytes), not in the pipe."""


def _child(
    function: Callable[[T], R],
    items: Sequence[T],
    bounds: list[int],
    tickets: int,
    others: list[int],
    write_end: int,
    region: Any,
) -> None:
    """In a forked child: the results of each chunk it takes, pickled with the chunk's
    number, then exit (status 0 only when all went through) without running any of the
    parent's cleanup. Each pickle is written into ``region`` (memory shared with the parent)
    and announced in the pipe by its length and offset, so that a child is never held up by a
    full pipe while the parent is busy with its own chunk (a loaded side is some 3 MB; a pipe
    holds at most 1 MB); a pickle that does not fit in what is left of ``region`` (or all of
    them, when ``region`` is None) goes through the pipe itself (its length, then the
    pickle)."""
    import pickle  # start-up time: only long work forks

    status = 1
    try:
        for fd in others:  # the parent's ends: the parent alone reads results
            os.close(fd)
        used = 0
        with os.fdopen(write_end, "wb") as pipe:
            for chunk in _taken(tickets):
                found = [function(items[k]) for k in range(bounds[chunk], bounds[chunk + 1])]
                data = pickle.dumps((chunk, found), protocol=5)
                if region is not None and used + len(data) <= len(region):
                    region[used : used + len(data)] = data
                    pipe.write((_IN_SHARED | len(data)).to_bytes(8, "little"))
                    pipe.write(used.to_bytes(8, "little"))
                    used += len(data)
                else:
                    pipe.write(len(data).to_bytes(8, "little"))
                    pipe.write(data)
                pipe.flush()
        status = 0
    finally:
        os._exit(status)


def _read_frames(
    pickle: Any,
    read_end: int,
    pending: bytearray,
    region: Any,
    done: dict[int, list[Any]],
    *,
    wait: bool,
) -> None:
    """Each whole frame a child wrote into ``read_end`` (``_child``), unpickled into ``done``
    from the pipe or from ``region``; ``pending`` keeps the bytes of a frame not all there
    yet. ``wait``: read until the child closes its end (it is done or gone), else only what
    is there now."""
    while True:
        try:
            data = os.read(read_end, 1 << 20)
        except BlockingIOError:
            return
        if not data:
            return
        pending += data
        while len(pending) >= 8:
            size = int.from_bytes(pending[:8], "little")
            if size & _IN_SHARED:
                if len(pending) < 16:
                    break
                size ^= _IN_SHARED
                start = int.from_bytes(pending[8:16], "little")
                with memoryview(region) as whole, whole[start : start + size] as frame:
                    chunk, found = pickle.loads(frame)
                del pending[:16]
            elif len(pending) < 8 + size:
                break
            else:
                chunk, found = pickle.loads(memoryview(pending)[8 : 8 + size])
                del pending[: 8 + size]
            done[chunk] = found


def _stop(children: list[tuple[int, int]]) -> None:
    """Kill and reap each child, closing its pipe."""
    import signal  # start-up time: only children that have to be stopped need it

    for pid, read_end in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        with contextlib.suppress(OSError):  # already closed when it was being read
            os.close(read_end)


def _cores() -> int:
    """The cores this process may run on; 1 off Linux, where forking a process that has
    loaded system frameworks is not safe (macOS) or not possible (Windows)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))
