"""Options and output helpers shared by every command: one definition, used everywhere."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def check_date(value: str | None, option: str = "--date") -> str | None:
    """A YYYY-MM-DD option value, or a usage error naming the option."""
    if value is not None and not DATE.match(value):
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


def as_seen(text: str, name: str) -> tuple[str, tuple[Any, ...], list[str]]:
    """``read_as_seen`` without printing: the text as seen, the findings, and the warning
    lines to print (for work done in another process, whose lines are printed in order)."""
    from drafting.text.hidden import as_read, find_hidden  # start-up time

    found = find_hidden(text)
    if not found:
        return text, found, []
    warnings = hidden_warnings(found, name)
    warnings.append(
        f"drafting: {name}: graded as a reader sees it (hidden characters dropped, "
        "look-alike letters read as the letters they look like)"
    )
    return as_read(text), found, warnings


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
) -> list[R]:
    """``[function(item) for item in items]``, shared among ``processes`` processes (default:
    the cores this process may run on), so long work takes less time.

    The items are cut into that many runs of about equal weight, in order; this process does
    the first run and a forked copy of it does each later one. A child shares this process's
    memory as it was at the fork, so ``function`` may be a closure; only its results travel
    back (pickled, through a pipe), and they are put back in order, so the output is exactly
    that of the serial loop. Serial when there is too little work, one core, or not Linux; if
    a child fails in any way its items are redone here, so an error is raised as the serial
    loop would raise it. ``progress`` is called here with the fraction of this process's run
    done after each of its items (the other runs go at about the same pace)."""
    count = min(processes or _cores(), len(items)) if sys.platform.startswith("linux") else 1
    if sum(weights) < min_weight or count < 2:
        count = 1
    starts = _runs(weights, count)
    children: list[tuple[int, int, int]] = []  # (pid, read end of its pipe, its run)
    try:
        for run in range(1, count):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # a child: its run, pickled into the pipe, then gone without cleanup
                _child(function, items[starts[run] : starts[run + 1]], read_end, write_end)
            os.close(write_end)
            children.append((pid, read_end, run))
        results: list[R] = []
        mine = items[: starts[1]]
        for done, item in enumerate(mine, start=1):
            results.append(function(item))
            if progress is not None:
                progress(done / len(mine))
        while children:
            pid, read_end, run = children[0]
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            children.pop(0)
            if status == 0:
                results.extend(_unpickle(data))
            else:
                results.extend(function(item) for item in items[starts[run] : starts[run + 1]])
    except BaseException:  # an error or an interrupt here: the children's work is not wanted
        for pid, read_end, _ in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            with contextlib.suppress(OSError):  # already closed when it was being read
                os.close(read_end)
        raise
    return results


def _runs(weights: Sequence[int], count: int) -> list[int]:
    """Where each of ``count`` runs of about equal weight starts, and the end: ``count + 1``
    indices, each run at least one item."""
    total = sum(weights)
    starts, done, index = [0], 0, 0
    for run in range(1, count):
        target = total * run / count
        done += weights[index]  # every run takes at least one item ...
        index += 1
        # ... then more while that brings it nearer the target and leaves one per later run
        while index < len(weights) - (count - run) and abs(done + weights[index] - target) <= abs(
            done - target
        ):
            done += weights[index]
            index += 1
        starts.append(index)
    starts.append(len(weights))
    return starts


def _child(function: Callable[[T], R], run: Sequence[T], read_end: int, write_end: int) -> None:
    """In a forked child: ``function`` over ``run``, pickled into the pipe, then exit (status
    0 only when all went through) without running any of the parent's cleanup."""
    import pickle  # start-up time: only long work forks

    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps([function(item) for item in run], protocol=5)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)


def _unpickle(data: bytes) -> list[Any]:
    import pickle  # start-up time: only long work forks

    return pickle.loads(data)


def _cores() -> int:
    """The cores this process may run on; 1 off Linux, where forking a process that has
    loaded system frameworks is not safe (macOS) or not possible (Windows)."""
    if not sys.platform.startswith("linux"):
        return 1
    return len(os.sched_getaffinity(0))
