"""HTML drafts in: a declaration or draft published as a web page.

Parsed with lxml's HTML parser (no network, no huge trees), then cleaned with
``lxml_html_clean`` (optional extra ``html``; the cleaner lxml itself used to ship): scripts,
styles, forms, frames and embedded objects go, and so do navigation, footers, asides and
anything marked ``role="navigation"``, ``banner`` or ``contentinfo``. When the page has a
``<main>`` (or ``role="main"``) only that is read.

The structure comes from the markup: each heading, paragraph and list item is a line of its
own; an ``<ol>`` item gets its number as the browser shows it (``start``, ``type``,
``value``), a ``<ul>`` item a bullet; then the text goes through the plain-text importer, so
article headings, numbered paragraphs and sentences are found as for a ``.txt`` draft. Every
line remembers the source line of its element, so a message can name ``line N``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from drafting.errors import InputError
from drafting.formats.docx import format_number
from drafting.formats.readers import Loaded, ReadOptions, loaded_from_text

MAX_DEPTH = 200
"""Deeper nesting is refused. Real pages nest 20-40 deep; libxml2's HTML parser silently
flattens anything past 256, which would scramble the text rather than fail."""

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "center",
    ]
)
_DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "complementary")
_SPACE = re.compile(r"\s+")


def list_label(n: int, kind: str) -> str:
    """An ``<ol>`` item's number as displayed, in a form the text importer reads as a
    paragraph number: ``1.``, ``(a)``, ``(iv)``."""
    formats = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    if kind in formats:
        return f"({format_number(n, formats[kind])})"
    return f"{n}."


@dataclass
class Extracted:
    text: str
    starts: list[int]
    lines: list[int]

    def where(self, offset: int) -> str:
        """``line N`` (of the HTML source) for an offset into ``text``."""
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return f"line {self.lines[index] if self.lines else 1}"


class _Walker:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.lines: list[int] = []
        self.length = 0

    def emit(self, text: str, line: int | None) -> None:
        text = _SPACE.sub(" ", text).strip()
        if not text:
            return
        self.starts.append(self.length)
        self.lines.append(line or 1)
        self.parts.append(text)
        self.length += len(text) + 2

    def has_blocks(self, element) -> bool:  # type: ignore[no-untyped-def]
        return any(isinstance(d.tag, str) and d.tag in _BLOCKS for d in element.iterdescendants())

    def block(self, element, prefix: str = "") -> None:  # type: ignore[no-untyped-def]
        """Emit ``element``'s text as lines: leaf blocks as one line, containers by walking
        their children (text between block children is a line of its own)."""
        if not self.has_blocks(element):
            self.emit(prefix + " " + "".join(element.itertext()), element.sourceline)
            return
        run: list[str] = [element.text or ""]
        counter = 0
        kind = element.get("type", "1") if element.tag == "ol" else ""
        if element.tag == "ol":
            start = element.get("start", "1")
            counter = int(start) - 1 if start.lstrip("-").isdigit() else 0
        for child in element:
            if not isinstance(child.tag, str):
                run.append(child.tail or "")
                continue
            if child.tag in _BLOCKS:
                self.emit(prefix + " " + "".join(run), element.sourceline)
                prefix, run = "", []
                child_prefix = ""
                if child.tag == "li" and element.tag == "ol":
                    value = child.get("value", "")
                    counter = int(value) if value.isdigit() else counter + 1
                    child_prefix = list_label(counter, kind)
                elif child.tag == "li":
                    child_prefix = "-"
                self.block(child, child_prefix)
                run.append(child.tail or "")
            else:
                run.append("".join(child.itertext()) + (child.tail or ""))
        self.emit(prefix + " " + "".join(run), element.sourceline)


def extract(data: bytes, name: str) -> Extracted:
    """The text of an HTML page's content, one line per block, blank lines between."""
    import lxml.html  # optional extra: html (lxml itself is a dependency)

    try:
        from lxml_html_clean import Cleaner  # optional extra: html
    except ImportError:
        raise InputError(
            f"{name}: reading HTML needs the lxml_html_clean package: pip install 'drafting[html]'"
        ) from None
    parser = lxml.html.HTMLParser(no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser)
    except Exception as error:  # lxml raises ParserError or ValueError for empty documents
        raise InputError(f"{name}: not an HTML page ({error})") from None
    too_deep = root.xpath("(//*[count(ancestor::*) >= $d])[1]", d=MAX_DEPTH)
    if too_deep:
        raise InputError(
            f"{name}:{too_deep[0].sourceline or 1}:1: refused: elements nest too deeply "
            f"(more than {MAX_DEPTH} levels)"
        )
    cleaner = Cleaner(
        scripts=True,
        javascript=True,
        comments=True,
        style=True,
        inline_style=True,
        links=True,
        meta=True,
        page_structure=False,
        processing_instructions=True,
        embedded=True,
        frames=True,
        forms=True,
        annoying_tags=True,
        kill_tags=[
            "nav",
            "footer",
            "aside",
            "noscript",
            "template",
            "svg",
            "math",
            "button",
            "select",
            "textarea",
            "iframe",
            "object",
            "canvas",
            "audio",
            "video",
        ],
    )
    root = cleaner.clean_html(root)
    for element in root.xpath("//*[@role or @aria-hidden='true' or @hidden]"):
        if (
            element.get("role") in _DROP_ROLES
            or element.get("aria-hidden") == "true"
            or element.get("hidden") is not None
        ) and element.getparent() is not None:
            element.drop_tree()
    main = root.xpath("//main | //*[@role='main']")
    body = main[0] if main else (root.find("body") if root.find("body") is not None else root)
    walker = _Walker()
    if body.tag != "body" and not body.xpath(".//h1"):
        title = root.xpath("//h1 | //title")
        if title:
            walker.emit("".join(title[0].itertext()), title[0].sourceline)
    walker.block(body)
    return Extracted("\n\n".join(walker.parts) + "\n", walker.starts, walker.lines)


def read(data: bytes, name: str, options: ReadOptions) -> Loaded:
    """The registry's entry point: an HTML page → a Document (through the text importer)."""
    extracted = extract(data, name)
    if not extracted.text.strip():
        raise InputError(f"{name}: the HTML page has no text")
    return loaded_from_text(extracted.text, name, options, "html")
