"""The conventions every command shares: version, help, exit codes."""

from __future__ import annotations

import subprocess
import sys

from drafting import __version__


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "drafting", *args], capture_output=True, text=True, check=False
    )


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
