"""The ``drafting`` command line.

Each command lives in its own module and is imported only when invoked, so that a single
``drafting diff`` does not pay for importing lxml schemas, git helpers or lexicons it does
not use. Add a command by adding a line to ``COMMANDS``.
"""

from __future__ import annotations

import atexit
import codecs
import importlib
import os
import sys

import click

from drafting import __version__
from drafting.cli.common import collector_paused, is_utf8
from drafting.errors import EXIT_INTERRUPTED, EXIT_TROUBLE, DraftingError

COMMANDS: dict[str, str] = {
    # name: "module:attribute" under drafting.cli
    "new": "new_cmd:new",
    "draft": "draft_cmd:draft",
    "amend": "amend_cmd:amend",
    "amendments": "amendments_cmd:amendments",
    "git": "git_cmd:git",
    "history": "history_cmd:history",
    "import": "import_cmd:import_",
    "export": "export_cmd:export",
    "validate": "validate_cmd:validate",
    "fmt": "fmt_cmd:fmt",
    "diff": "diff_cmd:diff",
    "positions": "positions_cmd:positions",
    "brief": "brief_cmd:brief",
    "strength": "strength_cmd:strength",
    "resolve": "resolve_cmd:resolve",
    "status": "status_cmd:status",
    "amendment": "amendment_cmd:amendment",
    "source": "source_cmd:source",
    "ls": "ls_cmd:ls",
    "show": "show_cmd:show",
    "renumber": "renumber_cmd:renumber",
    "corpus": "corpus_cmd:corpus",
    "brackets": "brackets_cmd:brackets",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        # start-up time: a command module's imports make many objects and no garbage
        module = collector_paused(importlib.import_module)(f"drafting.cli.{module_name}")
        return getattr(module, attribute)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  drafting validate texts/
  drafting diff texts/ua-ge-membership.xml
  drafting strength "Ukraine and Georgia will never become a member of NATO."

Exit codes: 0 success or identical, 1 differences or problems found, 2 trouble
(bad usage, unreadable or hostile input), 130 interrupted.""",
)
@click.version_option(__version__, "-V", "--version", prog_name="drafting")
@click.option(
    "--max-bytes",
    "max_bytes",
    metavar="SIZE",
    help="Cap on the size of each input (bytes, or with K, M, G): default 10M, or "
    "$DRAFTING_MAX_BYTES. Larger inputs are refused with one line.",
)
def cli(max_bytes: str | None) -> None:
    """Compare, validate and grade treaty clauses and draft treaties."""
    if max_bytes is not None:
        from drafting.formats.source import LIMIT_ENV, parse_size  # start-up time

        try:
            parse_size(max_bytes)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--max-bytes") from None
        os.environ[LIMIT_ENV] = max_bytes  # read by the one bytes reader, and by git's children


def main(argv: list[str] | None = None) -> None:
    """Console entry point: one line on stderr for every failure, never a traceback.

    Set ``DRAFTING_DEBUG=1`` to see the traceback of an unexpected error. Ctrl-C is exit 130
    at every stage once this runs: in a command, while a command module is being imported,
    and while a failure is being reported.

    It ends the process (``_exit_now``): to run a command inside a Python program, call
    ``cli.main(args=..., standalone_mode=False)`` instead.
    """
    _escape_unencodable()
    try:
        try:
            _run(argv)
        except KeyboardInterrupt:  # Ctrl-C while an error below was being reported
            sys.exit(EXIT_INTERRUPTED)
    except SystemExit as done:
        _exit_now(done)


def _escape_unencodable() -> None:
    """A standard output or error whose encoding cannot hold every character (a Latin-1
    locale, ``PYTHONIOENCODING=latin-1``) gets each such character as a ``\\uXXXX`` escape,
    not a failure: in JSON output the escape is the same character (a surrogate pair
    beyond U+FFFF), and text output stays readable. UTF-8 streams are left as they are."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding is None or reconfigure is None or is_utf8(encoding):
            continue
        codecs.register_error(_ESCAPES, _as_json_escapes)
        reconfigure(errors=_ESCAPES)


_ESCAPES = "drafting-json-escapes"


def _as_json_escapes(error: UnicodeError) -> tuple[str, int]:
    """The codec error handler ``_escape_unencodable`` sets: JSON escapes for the characters
    the encoding cannot hold."""
    from drafting.text.hidden import json_escape  # start-up time: only on such a stream

    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(map(json_escape, bad)), error.end


def _exit_now(done: SystemExit) -> None:
    """End the process with ``done``'s status without tearing down its objects one by one.

    A long run holds millions of small objects (a 100,000-word diff: some 50 MB), and
    Python's own exit frees each of them, which takes longer than writing the report did.
    Everything a run leaves to its exit happens here first, as Python's exit would do it:
    the exit handlers run (``atexit``: temporary folders, child processes), then standard
    output and standard error are flushed. Anything unusual takes Python's own way out
    instead (``done`` raised again): another thread still running, a status that is not a
    number, a stream that does not flush (a closed pipe says so as Python would)."""
    status = 0 if done.code is None else done.code
    threading = sys.modules.get("threading")  # not imported: no thread was started with it
    if not isinstance(status, int) or (threading is not None and threading.active_count() > 1):
        raise done
    try:
        atexit._run_exitfuncs()  # each handler once: a handler run here is not run again
        for stream in (sys.stdout, sys.stderr):
            try:
                if stream is not None:
                    stream.flush()
            except (OSError, ValueError):
                raise done from None
    except KeyboardInterrupt:  # Ctrl-C while the last of the output was being written
        os._exit(EXIT_INTERRUPTED)
    os._exit(status)


def _run(argv: list[str] | None) -> None:
    """``main`` without its last guard: runs the command and turns each failure into its
    exit status (always by ``sys.exit``)."""
    try:
        status = cli.main(args=argv, prog_name="drafting", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as usage:
        usage.show()
        sys.exit(usage.exit_code)
    except click.exceptions.Abort:
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except DraftingError as error:
        click.echo(f"drafting: {error}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # stdout closed early (``drafting diff … | head``): not an error worth a message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_TROUBLE)
    except OSError as error:  # a full disk, a read-only folder... said in our words
        from drafting.formats.source import os_error_message  # start-up time

        where = os.fsdecode(error.filename) if error.filename is not None else "drafting"
        click.echo(f"drafting: {os_error_message(where, error)}", err=True)
        sys.exit(EXIT_TROUBLE)
    except Exception as error:  # the last line of defence: one line, no traceback
        if os.environ.get("DRAFTING_DEBUG"):
            raise
        click.echo(f"drafting: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(EXIT_TROUBLE)
    # Commands return their exit status (0 same/valid, 1 different/problems found).
    sys.exit(status if isinstance(status, int) else 0)
