"""The conventions every command shares: version, help, exit codes."""

from __future__ import annotations

import subprocess
import sys

from support.cli import run_drafting

from drafting import __version__

run = run_drafting


def test_version_prints_the_package_version() -> None:
    done = run("--version")
    assert done.returncode == 0
    assert __version__ in done.stdout


def test_help_lists_examples_and_exit_codes() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "Examples:" in done.stdout
    assert "Exit codes" in done.stdout


def test_unknown_command_is_a_usage_error_without_traceback() -> None:
    done = run("no-such-command")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_ctrl_c_exits_130_without_traceback() -> None:
    """A real SIGINT to a command blocked reading standard input."""
    import signal
    import time

    process = subprocess.Popen(
        [sys.executable, "-m", "drafting", "strength"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)  # let it start and block on stdin; not a timing assertion
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in stderr
