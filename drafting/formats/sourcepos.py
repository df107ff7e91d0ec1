"""Columns for problems that libxml2 and lxml place only by line.

lxml gives an element's line (``sourceline``) but not its column, and schema errors come with
column 0. To report ``path:line:column`` an editor can jump to, we look the element's start
tag (and, if named, the attribute) up in that line of the source text. When the line holds
several tags of the same name and we cannot tell which one is meant, the column is 1.
"""

from __future__ import annotations

import bisect
import codecs
import re
from functools import cache

from lxml import etree

LINE_CAP = 65535
"""Beyond this line libxml2's line numbers for elements are approximate."""


@cache
def _tag_pattern(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(?:[\w.-]+:)?{re.escape(tag)}(?=[\s/>]|$)")


@cache
def _attribute_pattern(attribute: str) -> re.Pattern[str]:
    return re.compile(rf"\s({re.escape(attribute)})\s*=")


def _tag_end(text: str, start: int) -> int:
    """Where the start tag at ``start`` ends (its ``>``, or the end of the text)."""
    end = text.find(">", start)
    return len(text) if end < 0 else end


class SourceColumns:
    """Finds columns (1-based, in characters) of start tags and attributes in a file's text."""

    def __init__(self, data: bytes | None, encoding: str | None = None) -> None:
        self._data = data
        self._encoding = encoding or "utf-8"
        self._lines: list[str] | None = None
        self._text: str | None = None
        self._line_starts: list[int] = []
        self._rank_cache: dict[str, dict[etree._Element, tuple[int, int]]] = {}
        self._tag_offsets: dict[str, list[int]] = {}
        self._line_tags: dict[tuple[int, str], list[int]] = {}

    def _decoded(self) -> str:
        if self._text is None:
            try:
                codec = codecs.lookup(self._encoding).name
            except LookupError:
                codec = "utf-8"
            data = self._data or b""
            self._text = data.decode(codec, errors="replace").lstrip("\ufeff")
        return self._text

    def _line(self, number: int) -> str | None:
        if self._data is None or number < 1:
            return None
        if self._lines is None:
            self._lines = self._decoded().split("\n")
        return self._lines[number - 1] if number <= len(self._lines) else None

    def column(
        self, line: int, tag: str, attribute: str | None = None, nth: int | None = None
    ) -> int:
        """Column of the ``nth`` start tag ``<tag`` on ``line`` (of its ``attribute`` if
        given). ``nth=None`` means "the only one": 1 when the line has several."""
        text = self._line(line)
        if text is None:
            return 1
        starts = self._starts_on_line(line, tag, text)
        if nth is None:
            if len(starts) != 1:
                return 1
            nth = 0
        if nth >= len(starts):
            return 1
        position = starts[nth]
        if attribute:
            # only within this start tag: a search to the end of a long line, once per
            # problem, made validate quadratic on a minified file
            end = text.find(">", position)
            found = _attribute_pattern(attribute).search(
                text, position, len(text) if end < 0 else end
            )
            if found:
                return found.start(1) + 1
        return position + 1

    def _starts_on_line(self, line: int, tag: str, text: str) -> list[int]:
        """Offsets of every ``<tag`` on ``line``, found once per (line, tag)."""
        key = (line, tag)
        starts = self._line_tags.get(key)
        if starts is None:
            starts = self._line_tags[key] = [m.start() for m in _tag_pattern(tag).finditer(text)]
        return starts

    def of_element(self, element: etree._Element, attribute: str | None = None) -> int:
        """Column of an element of a parsed tree (or of one of its attributes)."""
        return self.locate(element, attribute)[1]

    def _ranks(self, element: etree._Element) -> dict[etree._Element, tuple[int, int]]:
        """For every element named like ``element``: its rank among them in document order,
        and how many of them come before it on the same line. Built once per name."""
        tag = element.tag
        if tag not in self._rank_cache:
            ranks: dict[etree._Element, tuple[int, int]] = {}
            previous_line, on_line = -1, 0
            for rank, other in enumerate(element.getroottree().getroot().iter(tag)):
                on_line = on_line + 1 if other.sourceline == previous_line else 0
                previous_line = other.sourceline
                ranks[other] = (rank, on_line)  # the dict keeps the proxies (and ids) alive
            self._rank_cache[tag] = ranks
        return self._rank_cache[tag]

    def locate(self, element: etree._Element, attribute: str | None = None) -> tuple[int, int]:
        """Line and column of an element (or of one of its attributes).

        Below line 65,535 the line is lxml's; beyond it libxml2's count of an element's line
        can be off (it borrows the line of the element's first text), so the start tag is
        found in the text instead: the element's rank among same-named elements is the rank
        of its start tag in the file.
        """
        line = element.sourceline or 0
        rank, nth = self._ranks(element).get(element, (0, 0))
        name = etree.QName(element).localname
        if line < LINE_CAP or self._data is None:
            return line or 1, self.column(line, name, attribute, nth)
        text = self._decoded()
        if name not in self._tag_offsets:
            self._tag_offsets[name] = [m.start() for m in _tag_pattern(name).finditer(text)]
        offsets = self._tag_offsets[name]
        if rank >= len(offsets):
            return line, 1
        offset = offsets[rank]
        end = _tag_end(text, offset)
        named = _attribute_pattern(attribute).search(text, offset, end) if attribute else None
        if named:
            offset = named.start(1)
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return index + 1, offset - self._line_starts[index] + 1
