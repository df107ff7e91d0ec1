"""Ctrl-C at any moment after start-up: exit 130, no traceback, no half-written output.

A real SIGINT to a real ``drafting strength --batch - -o OUT`` process. The batch is larger
than a pipe's buffer, so when our write of it returns the command is past its start-up and
reading; the signal then comes at a random moment of the reading, checking, analysing or
writing. (The signal during start-up itself is not tested: before Python has installed its
handler, SIGINT kills any Python program.) The sentences are constructed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import time
from pathlib import Path

from support.cli import start_drafting

LONG = os.environ.get("DRAFTING_RELIABILITY_LONG") == "1"
RUNS = 20 if LONG else 3


def _start_batch(data: bytes, out: Path) -> subprocess.Popen[bytes]:
    """``drafting strength --batch - -o OUT`` running, with all of ``data`` written to it."""
    process = start_drafting("strength", "--batch", "-", "-o", str(out), stdin=True)
    assert process.stdin is not None
    process.stdin.write(data)
    process.stdin.close()
    process.stdin = None  # written and closed: communicate() must not flush it
    return process


def test_ctrl_c_during_a_batch_is_130_and_writes_nothing(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": n, "text": f"The Parties shall consult on matter {n} at once."})
        for n in range(3000)
    ]
    data = ("\n".join(lines) + "\n").encode()
    assert len(data) > 2 * 65536  # more than a pipe holds: the write returns once it is read
    # how long the whole batch takes here, from the moment it is written: the signals come
    # at random moments within that (a faster machine or engine only moves them earlier)
    timed = _start_batch(data, tmp_path / "whole.jsonl")
    start = time.monotonic()
    timed.communicate(timeout=60)
    duration = time.monotonic() - start
    assert timed.returncode == 0
    rng = random.Random(130)
    seen: dict[int, int] = {}
    for run in range(RUNS):
        out = tmp_path / f"out{run}.jsonl"
        process = _start_batch(data, out)
        signal_after = rng.uniform(0.0, 0.8 * duration)
        try:
            process.wait(timeout=signal_after)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        stderr = err.decode("utf-8", "replace")
        assert "Traceback" not in stderr
        assert process.returncode in (0, 130), stderr
        seen[process.returncode] = seen.get(process.returncode, 0) + 1
        if process.returncode == 130:
            assert not out.exists()  # nothing half-written
        else:  # it finished before the signal: the whole output
            assert len(out.read_text().splitlines()) == len(lines)
    assert seen.get(130), seen  # the signal did interrupt at least one run
