"""JSON Lines in: bytes to lines (``split_lines``), each line to a checked record
(``parse_record``); a caller that writes output does so once every line is checked.

Why a reader of its own rather than ``json.loads`` per ``str.splitlines()`` line (issue 16,
items 4-5): ``splitlines`` also cuts at U+2028 and U+2029, which are valid inside a JSON
string; Python's ``json`` accepts ``NaN`` and ``Infinity`` (not JSON, and echoed back as
invalid JSON), turns a 5,000-digit number into a ``ValueError`` and a 100,000-deep array into
a ``RecursionError``, and lets a lone surrogate (``"\\ud800"``) through until the output
cannot be encoded. Here each of those is one ``InputError`` naming the line.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from drafting.errors import InputError
from drafting.formats.source import decode_text

MAX_NUMBER_DIGITS = 100
"""A number with more characters than this is refused (an id, not a computation)."""

MAX_DEPTH = 64
"""Arrays and objects nested deeper than this are refused."""


@dataclass(frozen=True)
class Record:
    """One non-blank line: its 1-based line number and the JSON object on it."""

    line: int
    value: dict[str, Any]


class _Refused(ValueError):
    """A value JSON or this reader does not accept (raised from the parser's hooks)."""


def _constant(name: str) -> Any:
    raise _Refused(f"{name} is not JSON (numbers must be finite)")


def _integer(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number of {len(text):,} digits (the limit is {MAX_NUMBER_DIGITS})")
    return int(text)


def _real(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number of {len(text):,} characters (the limit is {MAX_NUMBER_DIGITS})")
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"the number {text} is out of range")
    return value


_DECODER = json.JSONDecoder(parse_constant=_constant, parse_int=_integer, parse_float=_real)


def _depth(value: Any) -> int:
    """How deeply arrays and objects nest in ``value`` (0 for a scalar), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend((child, level + 1) for child in children)
    return deepest


def _surrogate(value: Any) -> bool:
    """True when a string (or key) in ``value`` holds a lone surrogate, which no UTF-8
    output can carry."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _decode(line: str) -> Any:
    """``_DECODER.decode(line)``: a line that is one JSON value and nothing else (every
    batch line) is scanned directly, anything else (spaces around it, an error) by
    ``decode``, which says what is wrong where."""
    try:
        value, end = _SCAN(line, 0)
    except StopIteration:  # not a value where the line starts: spaces, or no JSON at all
        return _DECODER.decode(line)
    return value if end == len(line) else _DECODER.decode(line)


_SCAN = _DECODER.scan_once
"""The decoder's scanner (in C): ``decode`` is this after skipping spaces, then checks that
nothing but spaces follows."""


def _encodes(line: str) -> bool:
    """True when ``line`` is UTF-8 text: no lone surrogate (U+D800-U+DFFF), which a decoded
    file cannot hold but a ``str`` can; the encoder (in C) says so sooner than a search."""
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_line(line: str, name: str, number: int) -> Any:
    """One line's JSON value; anything refused is one ``InputError`` at ``name:number``."""
    try:
        value = _decode(line)
    except json.JSONDecodeError as error:
        raise InputError(f"{name}:{number}:{error.colno}: not valid JSON: {error.msg}") from None
    except _Refused as error:
        raise InputError(f"{name}:{number}: not accepted: {error}") from None
    except RecursionError:
        raise InputError(
            f"{name}:{number}: not accepted: arrays or objects nested more than {MAX_DEPTH} deep"
        ) from None
    # Both walks below only when the line could hold what they look for: nesting deeper
    # than MAX_DEPTH needs that many brackets on the line, and a lone surrogate in a decoded
    # string can only come from a \u escape or from the line itself.
    if (
        isinstance(value, (dict, list))
        and line.count("[") + line.count("{") > MAX_DEPTH
        and _depth(value) > MAX_DEPTH
    ):
        raise InputError(
            f"{name}:{number}: not accepted: arrays or objects nested more than {MAX_DEPTH} deep"
        )
    if ("\\u" in line or not (line.isascii() or _encodes(line))) and _surrogate(value):
        raise InputError(
            f"{name}:{number}: not accepted: a lone surrogate escape (\\ud800-\\udfff) is "
            "not a character"
        )
    return value


def _line_of_bad_byte(data: bytes) -> int:
    """The 1-based line of the first byte that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return data.count(b"\n", 0, error.start) + 1
    return 1


def split_lines(data: bytes, name: str) -> list[tuple[int, str]]:
    """The non-blank lines of JSON Lines ``data``, each with its 1-based line number, not
    yet parsed: ``parse_record`` parses one, so a long batch can be parsed in parts."""
    try:
        text = decode_text(data, name)
    except InputError as error:  # the same message, with the line of the bad byte
        where = f"{name}:{_line_of_bad_byte(data)}: "
        raise InputError(str(error).replace(f"{name}: ", where, 1)) from None
    return [
        (number, line)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip(" \t\r")
    ]


def parse_record(line: str, name: str, number: int) -> Record:
    """One line of JSON Lines as a checked ``Record``: it must hold a JSON object."""
    value = parse_line(line, name, number)
    if not isinstance(value, dict):
        raise InputError(f"{name}:{number}: expected a JSON object")
    return Record(number, value)
