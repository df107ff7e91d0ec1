"""`drafting strength --batch`: the JSON Lines reader (formats/jsonl.py) through the real CLI.

Valid input that Python's line splitting or json module mishandled is accepted (U+2028
inside a string, a BOM, CRLF); values that are not JSON or cannot be echoed (NaN, Infinity,
huge numbers, deep nesting, lone surrogates, invalid UTF-8) are one line naming where, exit 2,
and nothing is written.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.cli import run_drafting

# the seed's wording (shared/seed), and a constructed plain sentence
SEED_NEVER = "Ukraine and Georgia will never become a member of NATO."
PLAIN = "The Parties shall cooperate."


def run(*args: str, stdin: str | bytes | None = None):
    return run_drafting(
        "strength", *args, stdin=stdin, env={**os.environ}, text=not isinstance(stdin, bytes)
    )


def line(ident: object, text: str) -> str:
    return json.dumps({"id": ident, "text": text}, ensure_ascii=False)


def test_line_separator_inside_a_string_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    body = line(1, "The Parties\u2028shall cooperate.") + "\r\n" + line(2, SEED_NEVER) + "\r\n"
    batch.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    done = run("--batch", str(batch))
    assert done.returncode == 0, done.stderr
    out = done.stdout.split("\n")
    assert out[-1] == "" and len(out) == 3  # two JSON lines, split on \n only
    first, second = (json.loads(x) for x in out[:2])
    assert first["id"] == 1 and first["text"] == "The Parties\u2028shall cooperate."
    assert "\u2028" not in done.stdout  # written as the escape \u2028, the same JSON value
    assert second["id"] == 2 and second["tier"] == 5


BAD_LINES = [
    ('{"id": NaN, "text": "x"}', "NaN is not JSON"),
    ('{"id": Infinity, "text": "x"}', "Infinity is not JSON"),
    ('{"id": -Infinity, "text": "x"}', "-Infinity is not JSON"),
    ('{"id": 1e999, "text": "x"}', "out of range"),
    ('{"id": ' + "9" * 5000 + ', "text": "x"}', "5,000 digits"),
    ('{"id": ' + "[" * 100_000 + "]" * 100_000 + ', "text": "x"}', "nested more than"),
    ('{"id": 2, "deep": ' + "[" * 200 + "]" * 200 + ', "text": "x"}', "nested more than"),
    ('{"id": 2, "text": "x\\ud800"}', "lone surrogate"),
    ('{"id": "\\udfff", "text": "x"}', "lone surrogate"),
    ('{"id": 2, "text": ', "not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"id": [1], "text": "x"}', "'id' must be a string or a number"),
]


@pytest.mark.parametrize(("bad", "says"), BAD_LINES, ids=[s for _, s in BAD_LINES])
def test_a_bad_line_is_one_line_with_its_number_and_nothing_is_written(
    tmp_path: Path, bad: str, says: str
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(line(1, PLAIN) + "\n\n" + bad + "\n" + line(4, PLAIN) + "\n")
    out = tmp_path / "out.jsonl"
    done = run("--batch", str(batch), "-o", str(out))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert f"{batch}:3" in done.stderr and says in done.stderr
    assert not out.exists()
    piped = run("--batch", "-", stdin=batch.read_text())  # stdout: no line 1 either
    assert (piped.returncode, piped.stdout) == (2, "")
    assert "<stdin>:3" in piped.stderr and says in piped.stderr


def test_invalid_utf8_is_an_error_with_the_byte_offset() -> None:
    data = (line(1, PLAIN) + "\n").encode() + b'{"id": 2, "text": "x\xff"}\n'
    done = run("--batch", "-", stdin=data)
    assert done.returncode == 2 and done.stdout == b""
    offset = data.index(b"\xff")
    assert f"<stdin>:2: not UTF-8 text (invalid byte at offset {offset})".encode() in done.stderr
    assert done.stderr.count(b"\n") == 1


def test_hidden_characters_in_a_batch_are_flagged_by_line_and_graded_as_read() -> None:
    tampered = SEED_NEVER.replace("never", "ne\u200dver")
    cyrillic = SEED_NEVER.replace("never", "n\u0435ver")
    done = run("--batch", "-", stdin=f"{line('a', tampered)}\n{line('b', cyrillic)}\n")
    assert done.returncode == 0, done.stderr
    results = [json.loads(x) for x in done.stdout.splitlines()]
    assert [(r["tier"], r["polarity"]) for r in results] == [(5, "negative")] * 2
    assert "<stdin>:1: invisible at character 28: U+200D ZERO WIDTH JOINER" in done.stderr
    assert "<stdin>:2: mixed-script" in done.stderr
    assert done.stderr.count("graded as a reader sees it") == 2
