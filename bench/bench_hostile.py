"""Every adversarial input of issue 16, timed: refused or handled in under a second, one line.

Runs the real command line (``python -m drafting``) on each hostile input for each command
that reads it, and prints per input the exit code, how many lines went to standard error,
and the worst wall and CPU time of the child (its start-up included: about 0.3-0.5 s of
CPU for Python and the imports). Exits 1 if a run took a second of CPU or more, printed a
traceback or "internal error", or an undocumented exit code. The tests check
the messages (tests/reliability/); this measures the time, which tests must not.

    python bench/bench_hostile.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLAUSE = ROOT / "texts" / "ua-ge-membership.xml"
LIMIT = 1.0
HEAD = (
    '<clause xmlns="urn:drafting:clause:1" id="c" schemaVersion="1"><meta>'
    '<title xml:lang="en">Constructed</title><party id="a" name="A"/></meta>'
)
DRAFT = (
    '<draft id="d" party="a" status="proposed" date="2024-01-01" xml:lang="en" instrument="treaty">'
)


def _write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


def _special(folder: Path, name: str) -> str:
    path = folder / name
    if name == "fifo.xml":
        os.mkfifo(path)
    elif name == "loop.xml":
        path.symlink_to(path)
    return str(path)


def _root_attributes(n: int) -> bytes:
    many = " ".join(f'a{i}="x"' for i in range(n))
    return (HEAD.replace('schemaVersion="1"', f'schemaVersion="1" {many}') + "</clause>").encode()


# each input: (how to make its path, the commands that read such a file)
XML_COMMANDS = ("validate", "fmt --check", "diff", "import", "history", "amendments")
TEXT_COMMANDS = ("strength --file", "diff", "import")
INPUTS: dict[str, tuple[Callable[[Path], str], tuple[str, ...]]] = {
    "FIFO named *.xml": (lambda f: _special(f, "fifo.xml"), (*XML_COMMANDS, "strength --file")),
    "/dev/zero": (lambda f: "/dev/zero", (*XML_COMMANDS, "strength --file", "--lexicon")),
    "a folder": (lambda f: str(f), ("validate", "diff", "strength --file")),
    "symlink loop": (lambda f: _special(f, "loop.xml"), ("validate", "diff", "strength --file")),
    "Latin-1 text": (
        lambda f: _write(f, "l1.txt", "La Partie s'engage à coopérer.\n".encode("latin-1")),
        TEXT_COMMANDS,
    ),
    "10 MB one-line text": (
        lambda f: _write(f, "big.txt", b"The Parties shall act " * 476_000 + b".\n"),
        TEXT_COMMANDS,
    ),
    "200,000 attributes": (
        lambda f: _write(f, "attrs.xml", _root_attributes(200_000)),
        XML_COMMANDS,
    ),
    "8,000 duplicate ids (minified)": (
        lambda f: _write(
            f,
            "dup.xml",
            (
                HEAD + DRAFT + '<s id="s1">The Parties shall act.</s>' * 8000 + "</draft></clause>"
            ).encode(),
        ),
        XML_COMMANDS,
    ),
    "100,000-deep nesting": (
        lambda f: _write(f, "deep.xml", b"<a>" * 100_000 + b"</a>" * 100_000),
        XML_COMMANDS,
    ),
    "1.2 MB sentence": (
        lambda f: _write(
            f,
            "long.xml",
            (HEAD + DRAFT + '<s id="s1">' + "shall " * 200_000 + "</s></draft></clause>").encode(),
        ),
        XML_COMMANDS,
    ),
}
BATCH_LINES: dict[str, bytes] = {
    "NaN id": b'{"id": NaN, "text": "x"}',
    "Infinity id": b'{"id": Infinity, "text": "x"}',
    "5,000-digit id": b'{"id": ' + b"9" * 5000 + b', "text": "x"}',
    "100,000-deep array": b'{"id": 1, "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "lone surrogate": b'{"id": 1, "text": "x\\ud800"}',
    "invalid UTF-8": b'{"id": 1, "text": "\xff"}',
    "U+2028 in a string (valid)": '{"id": 1, "text": "The Parties shall act.\u2028"}'.encode(),
    "BOM at the start (valid)": b'\xef\xbb\xbf{"id": 1, "text": "The Parties shall act."}',
}


def command_line(command: str, path: str) -> list[str]:
    if command == "diff":
        return ["diff", path, str(CLAUSE)]
    if command == "strength --file":
        return ["strength", "--file", path]
    if command == "--lexicon":
        return ["strength", "--lexicon", path, "The Parties shall act."]
    if command == "amendments":
        return ["amendments", path, "--from", "a", "--to", "b"]
    return [*command.split(), path]


def run(args: list[str], stdin: bytes | str = b"") -> tuple[int, str, float, float]:
    """Exit code, standard error, wall seconds and CPU seconds of one child; ``stdin``:
    its standard input, bytes or the path of a file to read it from (``/dev/zero``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with open(stdin if isinstance(stdin, str) else os.devnull, "rb") as stream:
        done = subprocess.run(
            [sys.executable, "-m", "drafting", *args],
            stdin=stream if isinstance(stdin, str) else None,
            input=None if isinstance(stdin, str) else stdin,
            capture_output=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.returncode, done.stderr.decode("utf-8", "replace"), wall, cpu


def main() -> int:
    bad = 0
    rows: list[tuple[str, str, int, int, float, float]] = []
    broken: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, (make, commands) in INPUTS.items():
            folder = Path(tmp) / str(len(rows))
            folder.mkdir()
            path = make(folder)
            for command in commands:
                code, err, wall, cpu = run(command_line(command, path))
                broken += [f"{label} / {command}"] * _broken(code, err)
                rows.append((label, command, code, len(err.splitlines()), wall, cpu))
        for label, line in BATCH_LINES.items():
            code, err, wall, cpu = run(["strength", "--batch", "-"], line + b"\n")
            broken += [f"{label} / --batch"] * _broken(code, err)
            rows.append((label, "strength --batch -", code, len(err.splitlines()), wall, cpu))
        for command in ("validate", "fmt", "strength", "diff"):
            args = ["diff", "-", str(CLAUSE)] if command == "diff" else [command, "-"]
            code, err, wall, cpu = run(args, "/dev/zero")
            broken += [f"/dev/zero / {command}"] * _broken(code, err)
            rows.append(("< /dev/zero", " ".join(args), code, len(err.splitlines()), wall, cpu))
    print(f"{'input':<32} {'command':<26} exit lines   wall    CPU")
    for label, command, code, lines, wall, cpu in rows:
        flag = "  OVER" if cpu >= LIMIT else ""
        bad += cpu >= LIMIT
        print(f"{label:<32} {command:<26} {code:>4} {lines:>5} {wall:6.2f}s {cpu:5.2f}s{flag}")
    worst = max(rows, key=lambda r: r[5])
    print(
        f"{len(rows)} runs; worst CPU {worst[5]:.2f} s ({worst[0]}, {worst[1]}); "
        f"worst wall {max(r[4] for r in rows):.2f} s; limit {LIMIT:g} s of CPU per run"
    )
    for what in broken:
        print(f"BAD: {what}: a traceback, 'internal error' or an undocumented exit code")
    return 1 if bad or broken else 0


def _broken(code: int, err: str) -> bool:
    return code not in (0, 1, 2) or "Traceback" in err or "internal error" in err


if __name__ == "__main__":
    sys.exit(main())
