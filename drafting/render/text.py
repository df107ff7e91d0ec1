"""The terminal redline: changed lines of each changed unit, in colour on a terminal, with
``[-deleted-]{+inserted+}`` markers otherwise (wdiff's notation), or side by side."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from drafting.diff.report import DiffReport, Unit
from drafting.render.rows import (
    Row,
    Style,
    View,
    collapsed_line,
    layout,
    move_lines,
    overall_strength_line,
    strength_lines,
    summary,
    unit_rows,
    unit_title,
)

RED, GREEN, BOLD, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"
MARKS: dict[str, tuple[str, str]] = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
COLOURS: dict[str, str] = {"delete": RED, "insert": GREEN}


def _mark(text: str, style: Style, color: bool) -> str:
    if style in ("equal", "space-a", "space-b") or not text:
        return text
    if style in ("flag-a", "flag-b"):
        return f"{BOLD}{text}{RESET}" if color else text
    if color:
        return f"{COLOURS[style]}{text}{RESET}"
    left, right = MARKS[style]
    return f"{left}{text}{right}"


def _line(segments: Sequence[tuple[str, Style]], color: bool) -> str:
    return "".join(_mark(text, style, color) for text, style in segments)


def _wrap(segments: Sequence[tuple[str, Style]], width: int, color: bool) -> list[str]:
    """Wrap styled text to ``width`` visible characters, breaking at spaces and at every
    line break inside a segment (a change may span lines), so no line is ever wider."""
    lines: list[str] = []
    current = ""
    visible = 0

    def flush() -> None:
        nonlocal current, visible
        lines.append(current)
        current, visible = "", 0

    for text, style in segments:
        if not color and style in ("delete", "insert"):
            left, right = MARKS[style]
            pieces = [(left, "equal"), *[(w, "equal") for w in _words(text)], (right, "equal")]
        else:
            pieces = [(w, style) for w in _words(text)]
        for chunk, chunk_style in pieces:
            for k, word in enumerate(chunk.replace("\t", " ").split("\n")):
                if k:
                    flush()
                while len(word) > width:
                    if visible:
                        flush()
                    lines.append(_mark(word[:width], chunk_style, color))
                    word = word[width:]
                if visible + len(word) > width and visible:
                    flush()
                    word = word.lstrip(" ")
                    while len(word) > width:
                        lines.append(_mark(word[:width], chunk_style, color))
                        word = word[width:]
                if word:
                    current += _mark(word, chunk_style, color)
                    visible += len(word)
    if current or not lines:
        lines.append(current)
    return lines


def _words(text: str) -> list[str]:
    """Words with their following spaces, so wrapping keeps exact spacing within a line."""
    out: list[str] = []
    start = 0
    for index, char in enumerate(text):
        if char == " " and index + 1 < len(text) and text[index + 1] != " ":
            out.append(text[start : index + 1])
            start = index + 1
    if start < len(text):
        out.append(text[start:])
    return out


def _side_by_side(rows: Sequence[Row], width: int, color: bool) -> list[str]:
    column = max(1, (width - 3) // 2)
    out: list[str] = []
    for row in rows:
        left = _wrap(row.side("a"), column, color)
        right = _wrap(row.side("b"), column, color)
        for k in range(max(len(left), len(right))):
            lft = left[k] if k < len(left) else ""
            rgt = right[k] if k < len(right) else ""
            pad = column - _visible_length(lft)
            out.append(f"{lft}{' ' * pad} │ {rgt}".rstrip())
    return out


def _visible_length(text: str) -> int:
    for code in (RED, GREEN, BOLD, DIM, RESET):
        text = text.replace(code, "")
    return len(text)


def render_text(
    report: DiffReport,
    *,
    color: bool = False,
    side_by_side: bool = False,
    width: int = 160,
    view: View | None = None,
) -> str:
    """The redline: a header, the text with its changes marked (``view``: all of it by
    default, some context, or the changed units alone), a summary line."""
    view = view or View()
    head = f"--- {report.a.name}\n+++ {report.b.name}\n"
    out = [f"{BOLD}{head}{RESET}" if color else head]
    for item in layout(report, view):
        if isinstance(item, int):
            line = collapsed_line(item)
            out.append(f"{DIM}{line}{RESET}\n" if color else f"{line}\n")
        elif item.kind == "same" and not view.changes_only:
            out.append(_same(item, side_by_side, width))
        else:
            out.append(_unit(item, color, side_by_side, width, view.changes_only))
    for note in report.notes:
        out.append(f"note: {note}\n")
    overall = overall_strength_line(report)
    if overall:
        out.append(f"overall {overall}\n")
    out.append(summary(report) + "\n")
    text = "".join(out)
    return _fit(text, width) if side_by_side else text


def _fit(text: str, width: int) -> str:
    """Side by side, every line fits ``width`` (headers, notes and flags wrapped too)."""
    out: list[str] = []
    for line in text.split("\n"):
        if _visible_length(line) <= width:
            out.append(line)
            continue
        out += textwrap.wrap(line, width, break_long_words=True, break_on_hyphens=False) or [""]
    return "\n".join(out)


def _same(unit: Unit, side_by_side: bool, width: int) -> str:
    """An unchanged unit as it reads (both columns alike side by side)."""
    rows = unit_rows(unit)
    if side_by_side:
        return "".join(line + "\n" for line in _side_by_side(rows, width, False))
    return "".join(_line(r.segments, False) + "\n" for r in rows)


def _unit(unit: Unit, color: bool, side_by_side: bool, width: int, changes_only: bool) -> str:
    title = f"@@ {unit_title(unit)} @@"
    lines = [f"{DIM}{title}{RESET}" if color else title]
    rows = unit_rows(unit)
    if changes_only:
        rows = [r for r in rows if r.changed or unit.kind in ("added", "removed")]
    if side_by_side:
        lines += _side_by_side(rows, width, color)
    else:
        lines += [_line(r.segments, color) for r in rows]
    lines += move_lines(unit)
    for flag in strength_lines(unit):
        lines.append(f"{BOLD}⚑ {flag}{RESET}" if color else f"⚑ {flag}")
    return "\n".join(lines) + "\n"
