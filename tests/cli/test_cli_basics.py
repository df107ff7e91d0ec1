"""The conventions every command shares: version, help, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


def _wait_until_reading_stdin(pid: int, limit: float = 60.0) -> None:
    """Wait until the process is blocked in read(0, …), so the signal cannot arrive during
    start-up (a fixed sleep failed on a loaded machine). Linux: /proc/PID/syscall names the
    system call a process is blocked in; read is 0 on x86-64 and 63 on arm64."""
    import platform
    import time

    read = {"x86_64": "0", "aarch64": "63"}.get(platform.machine())
    if read is None:
        time.sleep(1.5)  # unknown architecture: the old, untimed best effort
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        fields = Path(f"/proc/{pid}/syscall").read_text().split()
        if fields[:2] == [read, "0x0"]:
            return
        time.sleep(0.05)
    raise AssertionError("the command never blocked reading standard input")


def test_ctrl_c_exits_130_without_traceback() -> None:
    """A real SIGINT to a command blocked reading standard input."""
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "drafting", "strength"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_until_reading_stdin(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert "Traceback" not in stderr
