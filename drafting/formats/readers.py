"""The readers registry: bytes of any supported input format → a model value.

Every input format is one ``Reader``: a name, the file suffixes it usually has, a content
sniffer and a ``read``. The registry picks the reader **by content first**: a clause file
named ``notes.txt`` is still XML, and a Word file is a Word file whatever it is called.

Using it::

    from drafting.formats import readers
    loaded = readers.read_path("texts/ua-ge-membership.xml")    # or "-" for standard input
    loaded = readers.read(data, "draft.md", readers.ReadOptions(language="en"))
    loaded.value    # a Clause or a Document
    loaded.text     # the plain text its offsets refer to (text formats), else None
    loaded.reader   # "xml", "text", "markdown", ...

How a reader is picked (``Registry.pick``):

1. every reader's ``sniff(data)`` gives a confidence from 0 (not mine) to 100 (certainly
   mine: a magic number or our namespace). The best score of at least ``STRONG`` wins;
2. otherwise a reader that claims the name's suffix (``.md`` → markdown);
3. otherwise the best score above 0 (``text``, the fallback, says 1 for anything).

Ties go to the reader registered first. Suggested scores: 100 for a magic number (``%PDF-``,
a zip holding ``word/document.xml``), 90 for a namespace or DOCTYPE check, 60 for "starts
with ``<``", 10-30 for textual hints.

Adding a format (Word, PDF, HTML, Akoma Ntoso): write a module in ``drafting/formats/`` with
a class or ``SimpleReader`` that satisfies ``Reader`` and call ``register`` for it in
``_register_builtins`` at the bottom of this file. ``sniff`` must look at bytes only (no
optional library); import an optional library inside ``read`` with a
``# optional extra: NAME`` comment and raise ``InputError`` saying which extra to install.

``read`` gets the bytes already capped by the one bytes reader (``drafting.formats.source``)
and raises ``InputError`` (one line, naming ``name``) for anything it cannot read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple, Protocol, runtime_checkable

from drafting.errors import InputError
from drafting.formats import source

if TYPE_CHECKING:  # (and what ``__getattr__`` gives)
    from drafting.formats.loaded import Loaded, ReadOptions

STRONG = 50
"""A sniff score at least this high decides the reader regardless of the file's suffix."""

_HEAD = 4096


def __getattr__(name: str) -> Any:
    """``ReadOptions`` and ``Loaded``, defined in ``drafting.formats.loaded`` and imported on
    first use (see there)."""
    if name in ("ReadOptions", "Loaded"):
        from drafting.formats import loaded  # start-up time: see drafting.formats.loaded

        value = getattr(loaded, name)
        globals()[name] = value  # found directly from now on
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@runtime_checkable
class Reader(Protocol):
    """One input format."""

    name: str
    suffixes: tuple[str, ...]

    def sniff(self, data: bytes) -> int:
        """0 (not this format) to 100 (certainly this format), from the bytes alone."""
        ...

    def read(self, data: bytes, name: str, options: ReadOptions) -> Loaded:
        """The model value of ``data`` (the input called ``name``); ``InputError`` if not."""
        ...


class SimpleReader(NamedTuple):
    """A ``Reader`` made of two functions, for formats that need no state.

    A named tuple, not a frozen dataclass: making the dataclass was about 3.5 M instructions
    at start-up (every command reads its inputs through this module)."""

    name: str
    suffixes: tuple[str, ...]
    sniffer: Callable[[bytes], int]
    reader: Callable[[bytes, str, ReadOptions], Loaded]

    def sniff(self, data: bytes) -> int:
        return self.sniffer(data)

    def read(self, data: bytes, name: str, options: ReadOptions) -> Loaded:
        return self.reader(data, name, options)


class Registry:
    """Readers in registration order; see the module docstring for how one is picked.

    A plain class, not a dataclass (making one was about 1.5 M instructions at start-up)."""

    def __init__(self, readers: list[Reader] | None = None) -> None:
        self.readers: list[Reader] = [] if readers is None else readers

    def register(self, reader: Reader, *, replace: bool = False) -> Reader:
        """Add ``reader``; a second reader of the same name is an error unless ``replace``."""
        for i, known in enumerate(self.readers):
            if known.name == reader.name:
                if not replace:
                    raise ValueError(f"a reader named {reader.name!r} is already registered")
                self.readers[i] = reader
                return reader
        self.readers.append(reader)
        return reader

    def names(self) -> list[str]:
        return [r.name for r in self.readers]

    def get(self, name: str) -> Reader:
        for reader in self.readers:
            if reader.name == name:
                return reader
        raise InputError(f"no reader for format {name!r} (known: {', '.join(self.names())})")

    def pick(self, data: bytes, name: str = "") -> Reader:
        """The reader for ``data`` (called ``name``): by content, then suffix, then fallback."""
        if not self.readers:
            raise InputError(f"{name}: no readers registered")
        scores = [(reader.sniff(data), -i, reader) for i, reader in enumerate(self.readers)]
        best_score, _, best = max(scores, key=lambda s: (s[0], s[1]))
        if best_score >= STRONG:
            return best
        suffix = os.path.splitext(name)[1].lower()
        if suffix:
            for reader in self.readers:
                if suffix in reader.suffixes:
                    return reader
        if best_score > 0:
            return best
        raise InputError(f"{name}: not a format drafting can read ({', '.join(self.names())})")

    def read(
        self, data: bytes, name: str, options: ReadOptions | None = None, *, fmt: str | None = None
    ) -> Loaded:
        """Read ``data`` with the reader ``fmt`` names, or the one ``pick`` chooses."""
        reader = self.get(fmt) if fmt else self.pick(data, name)
        if options is None:
            from drafting.formats.loaded import ReadOptions  # start-up time: see there

            options = ReadOptions()
        return reader.read(data, name, options)

    def read_path(
        self,
        path: str | os.PathLike[str],
        options: ReadOptions | None = None,
        *,
        fmt: str | None = None,
        stdin: BinaryIO | None = None,
    ) -> Loaded:
        """Read a file, or standard input for ``-``, through the one bounded bytes reader."""
        data = source.read_bytes(path, stdin=stdin)
        return self.read(data, source.display_name(path), options, fmt=fmt)


# --------------------------------------------------------------------------- built-in readers


def _head(data: bytes) -> bytes:
    return data[:_HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")


_OUR_NAMESPACES = (b"urn:drafting:clause:1", b"urn:drafting:document:1")


def _sniff_xml(data: bytes) -> int:
    head = _head(data)
    if not head.startswith(b"<"):
        return 0
    if any(ns in head for ns in _OUR_NAMESPACES):
        return 90
    return 60  # markup of some kind: our XML reader gives the clearest error for it


def _read_xml(data: bytes, name: str, options: ReadOptions) -> Loaded:
    from drafting.formats.clausexml import parse_xml_bytes  # start-up time: lxml schemas
    from drafting.formats.loaded import Loaded  # start-up time: see there

    value = parse_xml_bytes(data, name, validate=options.validate)
    return Loaded(value=value, text=None, reader="xml", name=name)


def loaded_from_text(
    text: str, name: str, options: ReadOptions, reader: str, notes: tuple[str, ...] = ()
) -> Loaded:
    """A Document imported from the plain text a reader found, as every reader of prose
    (text, Markdown, Word, PDF, HTML) returns it: headings, numbering and sentences are found
    by one importer, and the diff points into this text."""
    from drafting.formats.loaded import Loaded  # start-up time: see there
    from drafting.formats.plaintext import import_text  # start-up time

    document = import_text(
        text,
        doc_id=options.doc_id,
        language=options.language,
        instrument=options.instrument or options.default_instrument,
    )
    # the cap XML has per element (xmlsafe.MAX_TEXT). A sentence's text is its span with
    # whitespace runs collapsed, and its span lies in its paragraph's: only a paragraph
    # longer than the cap can hold a sentence over it (most texts have none, and a long
    # one has several sentences to a paragraph)
    paragraphs = (*document.preamble, *(p for a in document.articles for p in a.paragraphs))
    if any(p.span is None or p.span[1] - p.span[0] > source.MAX_TEXT_CHARS for p in paragraphs):
        for sentence in document.sentences:
            if len(sentence.text) > source.MAX_TEXT_CHARS:
                raise InputError(
                    f"{name}: sentence {sentence.id} is {len(sentence.text):,} characters, "
                    f"over the limit of {source.MAX_TEXT_CHARS:,} for one sentence (is it "
                    "one sentence?)"
                )
    return Loaded(value=document, text=text, reader=reader, name=name, notes=notes)


def _text_loaded(data: bytes, name: str, options: ReadOptions, reader: str) -> Loaded:
    return loaded_from_text(source.decode_text(data, name), name, options, reader)


def _sniff_text(data: bytes) -> int:
    return 1  # the fallback: anything else is read as text (and refused if not UTF-8)


def _sniff_markdown(data: bytes) -> int:
    head = _head(data)
    if head.startswith((b"# ", b"## ", b"### ")) or b"\n# " in head or b"\n## " in head:
        return 30
    return 0


AKN_NAMESPACE = b"http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


def _sniff_akn(data: bytes) -> int:
    head = _head(data)
    return 95 if head.startswith(b"<") and AKN_NAMESPACE in head else 0


def _read_akn(data: bytes, name: str, options: ReadOptions) -> Loaded:
    from drafting.formats.akn import parse_akn  # start-up time: lxml
    from drafting.formats.loaded import Loaded  # start-up time: see there

    return Loaded(value=parse_akn(data, name), text=None, reader="akn", name=name)


def _sniff_docx(data: bytes) -> int:
    if not data.startswith(b"PK\x03\x04"):
        return 0
    return 100 if b"word/" in data[:65536] or b"word/" in data[-65536:] else 0


def _read_docx(data: bytes, name: str, options: ReadOptions) -> Loaded:
    from drafting.formats import docx  # start-up time (python-docx is imported inside)

    return docx.read(data, name, options)


def _sniff_pdf(data: bytes) -> int:
    return 100 if data[:1024].lstrip().startswith(b"%PDF-") else 0


def _read_pdf(data: bytes, name: str, options: ReadOptions) -> Loaded:
    from drafting.formats import pdf  # start-up time (pdfplumber is imported inside)

    return pdf.read(data, name, options)


def _sniff_html(data: bytes) -> int:
    head = _head(data)[:1024].lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return 92
    if head.startswith(b"<") and (b"<body" in head or b"<head" in head):
        return 80
    return 0


def _read_html(data: bytes, name: str, options: ReadOptions) -> Loaded:
    from drafting.formats import html  # start-up time (lxml_html_clean is imported inside)

    return html.read(data, name, options)


def _register_builtins(registry: Registry) -> None:
    """The formats that ship with drafting, most specific first (ties go to the first)."""
    registry.register(SimpleReader("docx", (".docx",), _sniff_docx, _read_docx))
    registry.register(SimpleReader("pdf", (".pdf",), _sniff_pdf, _read_pdf))
    registry.register(SimpleReader("akn", (".akn",), _sniff_akn, _read_akn))
    registry.register(SimpleReader("html", (".html", ".htm"), _sniff_html, _read_html))
    registry.register(SimpleReader("xml", (".xml",), _sniff_xml, _read_xml))
    registry.register(
        SimpleReader(
            "markdown",
            (".md", ".markdown"),
            _sniff_markdown,
            lambda data, name, options: _text_loaded(data, name, options, "markdown"),
        )
    )
    registry.register(
        SimpleReader(
            "text",
            (".txt", ".text"),
            _sniff_text,
            lambda data, name, options: _text_loaded(data, name, options, "text"),
        )
    )


REGISTRY = Registry()
_register_builtins(REGISTRY)

register = REGISTRY.register
pick = REGISTRY.pick
read = REGISTRY.read
read_path = REGISTRY.read_path
