"""Hardened XML parsing: the only way this package turns bytes into an XML tree.

Every input may be hostile. We never expand entities, load a DTD or touch the network, and we
refuse a DOCTYPE outright (entity declarations can only live inside one, so this also refuses
billion-laughs and external-entity attacks before libxml2 sees them). Size is checked before
parsing and depth while parsing, so a 50 MB file or a 100,000-deep nesting costs microseconds.
Messages say what and where (``name:line:column: message``) and never quote the input.
"""

from __future__ import annotations

import re

from lxml import etree

from drafting.errors import InputError
from drafting.formats.source import DEFAULT_MAX_BYTES, MAX_TEXT_CHARS, input_limit

MAX_BYTES = DEFAULT_MAX_BYTES
"""Default size limit (``drafting.formats.source``: raised by ``DRAFTING_MAX_BYTES``)."""

MAX_DEPTH = 64
"""Default nesting limit. A clause nests 6 levels deep, a document 7 plus inline marks; libxml2
itself stops at 256 (without ``huge_tree``), so the limit applies before a deep tree exists."""

MAX_ATTRIBUTES = 64
"""Attributes allowed on one element. Ours have at most 11 (a draft); a root with 200,000
attributes made every XML command run for most of an hour (one schema error per attribute,
each placed by a search through the whole start tag)."""

_ATTRIBUTE = rb"\s+(?!xmlns[:=\s])[^\s=/<>]+\s*=\s*(?:\"[^\"]*\"|'[^']*')"
_NAMESPACES = rb"(?:\s+xmlns(?::[^\s=/<>]+)?\s*=\s*(?:\"[^\"]*\"|'[^']*'))*"
_CROWDED_TAG = re.compile(
    rb"<([A-Za-z_][^\s/<>]*)%s(?:%s%s){%d}"
    % (_NAMESPACES, _ATTRIBUTE, _NAMESPACES, MAX_ATTRIBUTES + 1)
)
"""A start tag with more attributes than allowed, found in the bytes before libxml2 parses
them: libxml2's own parse of a start tag grows faster than its length (a 3.6 MB root tag of
400,000 attributes took 0.16 s), so a crowded file is refused in time linear in its size."""

MAX_TEXT = MAX_TEXT_CHARS
"""Characters allowed in one element's text (a sentence): ``source.MAX_TEXT_CHARS``."""

_MESSAGE_LIMIT = 160
_LOCATION_SUFFIX = re.compile(r",? line \d+, column \d+$")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Control characters (C0, DEL and C1, where U+009B starts a terminal escape) and line
separators: never printed from a message, whatever the file holds."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def make_parser() -> etree.XMLParser:
    """A fresh hardened parser (parsers keep state, so never share one between threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        remove_pis=False,
        strip_cdata=True,
        collect_ids=False,
    )


def clean_message(message: str, limit: int = _MESSAGE_LIMIT) -> str:
    """One short line: no control characters, no trailing ``line N, column M`` duplicate."""
    first = message.strip().splitlines()[0] if message.strip() else "malformed XML"
    first = _LOCATION_SUFFIX.sub("", first)
    first = _UNSAFE_CHARS.sub(" ", first)
    if len(first) > limit:
        first = first[: limit - 1] + "…"
    return first


class XMLInputError(InputError):
    """Unsafe, oversized or malformed XML, with its place: ``name:line:column: message``."""

    def __init__(self, name: str, line: int, column: int, message: str) -> None:
        self.name = name
        self.line = max(line, 1)
        self.column = max(column, 1)
        self.detail = message
        super().__init__(f"{name}:{self.line}:{self.column}: {message}")


def _prolog_text(head: bytes) -> str:
    """Bytes from the start of the input as text, decoded well enough to read markup."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if head.startswith(b"\x00<\x00") or head.startswith(b"<\x00"):
        codec = "utf-16-be" if head.startswith(b"\x00") else "utf-16-le"
        return head.decode(codec, errors="replace")
    return head.decode("latin-1")  # any ASCII-compatible encoding: markup bytes are ASCII


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _line_column_of(data: bytes, index: int) -> tuple[int, int]:
    """Line and column (in bytes) of ``data[index]``."""
    return data.count(b"\n", 0, index) + 1, index - (data.rfind(b"\n", 0, index) + 1) + 1


def _crowded(match: re.Match[bytes]) -> str:
    """The message for a start tag with too many attributes (``_CROWDED_TAG``), without
    counting them all: counting is the cost this check avoids."""
    local = match.group(1).decode("utf-8", "replace").rpartition(":")[2]
    return f"element <{clean_message(local)}> has more than {MAX_ATTRIBUTES} attributes (the limit)"


def find_doctype(data: bytes) -> tuple[int, int] | None:
    """Where a DOCTYPE declaration starts in the prolog, or None.

    Scans only the prolog (XML declaration, comments, processing instructions, whitespace)
    up to the root element, so a ``<!DOCTYPE`` quoted inside a sentence is not mistaken.
    The first 64 KB almost always hold the whole prolog; only if not is all of it decoded.
    """
    window = 64 * 1024
    found, decided = _scan_prolog(_prolog_text(data[:window]))
    if decided or len(data) <= window:
        return found
    return _scan_prolog(_prolog_text(data))[0]


def _scan_prolog(text: str) -> tuple[tuple[int, int] | None, bool]:
    """(where a markup declaration starts, or None; whether the prolog ended in ``text``)."""
    i = 0
    size = len(text)
    while i < size:
        if text[i] in " \t\r\n":
            i += 1
            continue
        if text.startswith("<?", i) or text.startswith("<!--", i):
            opener, closer = ("<?", "?>") if text[i + 1] == "?" else ("<!--", "-->")
            end = text.find(closer, i + len(opener))
            if end < 0:
                return None, False  # runs past the text: undecided
            i = end + len(closer)
            continue
        if text.startswith("<!", i):
            # <!DOCTYPE in any case, or any other markup declaration: never allowed here.
            return _line_column(text, i), True
        return None, True
    return None, False


def parse_xml(
    data: bytes, name: str, *, max_bytes: int | None = None, max_depth: int = MAX_DEPTH
) -> etree._ElementTree:
    """Parse ``data`` (the bytes of the file called ``name``) with every defence on.

    Raises InputError ``name:line:column: message`` for input that is too large, declares a
    DOCTYPE or entities, nests deeper than ``max_depth`` or is not well-formed XML.
    """
    max_bytes = input_limit() if max_bytes is None else max_bytes
    if len(data) > max_bytes:
        raise XMLInputError(
            name, 1, 1, f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes"
        )
    where = find_doctype(data)
    if where is not None:
        raise XMLInputError(
            name,
            *where,
            "DOCTYPE and entity declarations are not allowed (refused for safety: no DTDs, "
            "no entities)",
        )
    # the check after parsing covers every element of every encoding; this one only spares
    # libxml2 a huge crowded tag, so only a file whose tags average many attributes is
    # scanned (two byte counts; the scan itself would be a sixth of parsing a normal file)
    crowded = data.count(b"=") > 8 * (data.count(b"<") + 1)
    crowded_tag = _CROWDED_TAG.search(data) if crowded else None
    if crowded_tag is not None:
        raise XMLInputError(
            name, *_line_column_of(data, crowded_tag.start()), _crowded(crowded_tag)
        )
    parser = make_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (error.lineno or 1, 1)
        message = clean_message(error.msg or "malformed XML")
        if "Excessive depth" in message:
            message = f"elements nest too deeply (more than {min(max_depth, 256)} levels)"
        elif "not defined" in message and message.startswith("Entity"):
            message = f"{message} (entities are not allowed)"
        raise XMLInputError(name, line or 1, column or 1, message) from None
    except ValueError as error:  # e.g. a str with an encoding declaration, never bytes
        raise XMLInputError(name, 1, 1, clean_message(str(error))) from None
    tree = root.getroottree()
    docinfo = tree.docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise XMLInputError(name, 1, 1, "DOCTYPE and entity declarations are not allowed")
    too_deep = _first_too_deep(root, max_depth)
    if too_deep is not None:
        raise XMLInputError(
            name,
            too_deep.sourceline or 1,
            1,
            f"elements nest too deeply (more than {max_depth} levels)",
        )
    crowded = root.xpath("(/descendant-or-self::*[count(@*) > $n])[1]", n=MAX_ATTRIBUTES)
    if crowded:
        element = crowded[0]
        raise XMLInputError(
            name,
            element.sourceline or 1,
            1,
            f"element <{etree.QName(element).localname}> has {len(element.attrib):,} attributes, "
            f"over the limit of {MAX_ATTRIBUTES}",
        )
    long_text = root.xpath("(/descendant-or-self::*[string-length(text()) > $n])[1]", n=MAX_TEXT)
    if long_text:
        element = long_text[0]
        raise XMLInputError(
            name,
            element.sourceline or 1,
            1,
            f"element <{etree.QName(element).localname}> holds {len(element.text or ''):,} "
            f"characters of text, over the limit of {MAX_TEXT:,} for one element",
        )
    entity = next(root.iter(etree.Entity), None)  # impossible without a DTD; never trusted
    if entity is not None:
        raise XMLInputError(name, entity.sourceline or 1, 1, "entity references are not allowed")
    return tree


def _first_too_deep(root: etree._Element, max_depth: int) -> etree._Element | None:
    """The first element deeper than ``max_depth`` (the root is depth 1), found in C."""
    if max_depth >= 256:
        return None  # libxml2 already refused anything deeper while parsing
    found = root.xpath("(/descendant-or-self::*[count(ancestor::*) >= $d])[1]", d=max_depth)
    return found[0] if found else None
