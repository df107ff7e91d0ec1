"""Mixed content of ``<s>`` ↔ plain text plus standoff marks.

The core works on a sentence's plain text; inline elements (``<term>``, ``<ref>``, ``<em>``)
become ``Mark`` ranges over it. Reading collapses runs of XML whitespace (space, tab, CR, LF;
never the no-break spaces of French typography) to one space and trims the ends, moving the
marks with the text, so the canonical writer and the reader agree on every sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from drafting.model import Mark

INLINE_TAGS: tuple[str, ...] = ("term", "ref", "em", "choice", "option")
"""Inline elements allowed inside ``<s>``, in the order the schema lists them."""

MARK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "term": ("category", "rule"),
    "ref": ("href",),
    "em": (),
    "choice": (),
    "option": ("label", "party"),
}
"""Attributes each inline element may carry, in canonical order."""

_XML_SPACE = re.compile(r"[ \t\r\n]+")


def collapse(text: str) -> str:
    """Collapse XML whitespace runs to one space and trim (no-break spaces are kept)."""
    return _XML_SPACE.sub(" ", text).strip(" ")


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def read_inline(element: etree._Element) -> tuple[str, tuple[Mark, ...]]:
    """Plain text and marks (in document order: outer before inner) of a mixed-content element.

    Comments and processing instructions inside the element are skipped; their tails count.
    """
    if len(element) == 0:  # the common case, kept fast: no marks to carry along
        return collapse(element.text or ""), ()
    pieces: list[str] = []
    raw_marks: list[tuple[int, int, str, tuple[tuple[str, str], ...]]] = []
    length = 0

    def walk(node: etree._Element) -> None:
        nonlocal length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            if isinstance(child.tag, str):
                tag = _local(child.tag)
                index = len(raw_marks)
                attrs = tuple(
                    (name, child.get(name))
                    for name in MARK_ATTRIBUTES.get(tag, ())
                    if child.get(name) is not None
                )
                raw_marks.append((length, length, tag, attrs))
                walk(child)
                raw_marks[index] = (raw_marks[index][0], length, tag, attrs)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)

    walk(element)
    raw = "".join(pieces)
    # new_index[i] is where raw[i] lands in the collapsed text (or would, if dropped).
    new_index = [0] * (len(raw) + 1)
    out: list[str] = []
    previous_space = True  # drops leading whitespace
    for i, char in enumerate(raw):
        new_index[i] = len(out)
        if char in " \t\r\n":
            if not previous_space:
                out.append(" ")
                previous_space = True
        else:
            out.append(char)
            previous_space = False
    new_index[len(raw)] = len(out)
    if out and out[-1] == " ":
        out.pop()
    size = len(out)
    marks = tuple(
        Mark(min(new_index[start], size), min(new_index[end], size), tag, attrs)
        for start, end, tag, attrs in raw_marks
    )
    return "".join(out), marks


def canonical_mark_order(marks: Sequence[Mark]) -> tuple[Mark, ...]:
    """Marks in the order reading gives them: by start, longer (outer) first, stable."""
    return tuple(sorted(marks, key=lambda m: (m.start, -m.end)))


def write_inline(element: etree._Element, text: str, marks: Sequence[Mark], ns: str) -> None:
    """Fill ``element`` with ``text`` and nested inline elements for ``marks``.

    Raises ValueError for marks that cross, fall outside the text or use an unknown tag.
    """
    ordered = canonical_mark_order(marks)
    for mark in ordered:
        if not 0 <= mark.start <= mark.end <= len(text):
            raise ValueError(f"mark {mark.tag} [{mark.start}, {mark.end}) is outside the text")
        if mark.tag not in MARK_ATTRIBUTES:
            raise ValueError(f"unknown inline element <{mark.tag}>")
    _fill(element, text, ordered, 0, len(text), ns)


def _fill(
    parent: etree._Element,
    text: str,
    marks: Sequence[Mark],
    start: int,
    end: int,
    ns: str,
) -> None:
    """Write text[start:end] into parent, turning the top-level marks into child elements."""
    cursor = start
    last: etree._Element | None = None
    i = 0
    while i < len(marks):
        mark = marks[i]
        # Marks nested inside this one follow it directly in canonical order.
        j = i + 1
        while j < len(marks) and marks[j].start >= mark.start and marks[j].end <= mark.end:
            j += 1
        if mark.start < cursor:
            raise ValueError(f"marks cross at characters {mark.start}..{cursor}")
        _append_text(parent, last, text[cursor : mark.start])
        child = etree.SubElement(parent, f"{{{ns}}}{mark.tag}")
        names = MARK_ATTRIBUTES[mark.tag]
        given = dict(mark.attrs)
        unknown = sorted(set(given) - set(names))
        if unknown:
            raise ValueError(f"<{mark.tag}> has no attribute {unknown[0]!r}")
        for name in names:
            if name in given:
                child.set(name, given[name])
        _fill(child, text, marks[i + 1 : j], mark.start, mark.end, ns)
        cursor = mark.end
        last = child
        i = j
    _append_text(parent, last, text[cursor:end])


def _append_text(parent: etree._Element, last: etree._Element | None, piece: str) -> None:
    if not piece:
        return
    if last is None:
        parent.text = (parent.text or "") + piece
    else:
        last.tail = (last.tail or "") + piece
