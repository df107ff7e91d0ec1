"""How a ``drafting`` process ends (``drafting.cli._exit_now``): at once, without tearing its
objects down one by one, but with nothing lost that Python's own exit would have kept: the
exit handlers run, the standard streams are flushed, the exit status and the report are the
same, and a thread still running is waited for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from support.cli import run_drafting

from drafting.cli import cli

A = "The Parties shall consult each other on matters of common concern.\n"
B = "The Parties should consult each other on matters of common concern.\n"
"""Constructed sentences (not quotations)."""


def _program(tmp_path: Path, before: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A Python program that runs ``before`` and then the console entry ``main`` with
    ``args`` (as ``drafting ARGS``), output captured; its standard output is buffered, as
    it is by default for a pipe, whatever this process was started with."""
    code = "import sys\n" + before + "\nfrom drafting.cli import main\n"
    code += f"sys.argv = ['drafting', *{list(args)!r}]\nmain()\n"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )


def _pair(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return "a.txt", "b.txt"


def _diff_after(tmp_path: Path, before: str) -> subprocess.CompletedProcess[str]:
    """``drafting diff --format json`` of two different texts in a program that runs
    ``before`` first (``_program``); its exit status checked."""
    done = _program(tmp_path, before, "diff", "--format", "json", *_pair(tmp_path))
    assert done.returncode == 1, done.stderr
    return done


def test_exit_handlers_run_and_their_output_is_flushed(tmp_path: Path) -> None:
    # print() into a pipe stays in its buffer until a flush: lost unless the exit runs the
    # handler and flushes standard output after it, as Python's own exit does
    done = _diff_after(tmp_path, "import atexit\natexit.register(print, 'handler ran', end='')")
    report, _, rest = done.stdout.partition("\n")
    assert json.loads(report)["identical"] is False
    assert rest == "handler ran"


def test_each_exit_status_and_its_message_are_kept(tmp_path: Path) -> None:
    a, b = _pair(tmp_path)
    same = run_drafting("diff", "--format", "json", a, a, cwd=tmp_path)
    assert same.returncode == 0, same.stderr
    different = run_drafting("diff", "--format", "json", a, b, cwd=tmp_path)
    assert different.returncode == 1, different.stderr
    missing = run_drafting("diff", a, "missing.txt", cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("drafting: ") and missing.stderr.count("\n") == 1
    usage = run_drafting("diff", "--format", "nonsense", a, b, cwd=tmp_path)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    # the report through the pipe is whole: the one click's runner gets in this process
    paths = [str(tmp_path / a), str(tmp_path / b)]
    inside = CliRunner().invoke(cli, ["diff", "--format", "json", *paths], standalone_mode=False)
    assert inside.return_value == 1
    assert run_drafting("diff", "--format", "json", *paths).stdout == inside.output


def test_a_report_written_to_a_file_is_whole_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    a, b = _pair(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    done = run_drafting("diff", "--format", "json", "-o", "out/report.json", a, b, cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    piped = run_drafting("diff", "--format", "json", a, b, cwd=tmp_path)
    assert (out / "report.json").read_text(encoding="utf-8") == piped.stdout
    assert [p.name for p in out.iterdir()] == ["report.json"]


def test_a_thread_still_running_is_waited_for(tmp_path: Path) -> None:
    # Python's exit waits for a (non-daemon) thread; ending the process at once would cut it
    before = (
        "import threading, time\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    open('late.txt', 'w').write('written')\n"
        "threading.Thread(target=late).start()"
    )
    _diff_after(tmp_path, before)
    assert (tmp_path / "late.txt").read_text() == "written"


def test_the_run_s_objects_are_not_torn_down_one_by_one(tmp_path: Path) -> None:
    # what the quick exit is for: a finaliser of an object still alive at exit (as every
    # value of a long diff is) does not run; with Python's own exit this one would write
    before = (
        "class Kept:\n"
        "    def __del__(self, _open=open):  # builtins may be gone by then\n"
        "        _open('torn-down.txt', 'w').write('freed')\n"
        "kept = Kept()"
    )
    _diff_after(tmp_path, before)
    assert not (tmp_path / "torn-down.txt").exists()
    # and the same program that exits through Python's own way does tear it down
    plain = subprocess.run(
        [sys.executable, "-c", before], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert plain.returncode == 0
    assert (tmp_path / "torn-down.txt").read_text() == "freed"
