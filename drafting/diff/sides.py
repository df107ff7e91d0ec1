"""The sides of a diff: a text cut into blocks (articles, the front matter) of pieces
(sentences, and the other lines between them) with exact character offsets.

A side is built from an already-loaded model value: a ``Document`` imported from plain text
together with that text (``side_from_text``), a document from XML (``side_from_document``,
offsets of its plain-text rendering) or a clause ``Draft`` (``side_from_draft``). Reading
files and importing text is the edges' work (``drafting.inputs``): this module imports no
reader, so the core never reaches the formats layer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, NamedTuple

from drafting.diff.report import SideInfo
from drafting.model import frozen_value

if TYPE_CHECKING:
    from drafting.model import Document, Draft, Paragraph, Sentence


class Piece(NamedTuple):
    """A sentence of a side (``id`` set), or other text between sentences such as an article
    heading line or a paragraph number (``id`` is ``None``): ``text[start:end]``.

    A named tuple, not a dataclass: a long text has a piece per sentence, made where the
    side is loaded and again where it is unpickled, and a tuple is made in C
    (``tuple.__new__``) several times faster than a frozen dataclass instance."""

    start: int
    end: int
    id: str | None = None


@frozen_value()
class Block:
    """An article, or the text before the first article (title, preamble)."""

    start: int
    end: int
    pieces: tuple[Piece, ...]
    id: str | None = None
    num: str | None = None
    label: str | None = None
    heading: str | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its pieces as one flat list of their fields: a side loaded in a forked
        process comes back pickled, and a piece pickled as an object (its class and fields)
        costs several times as much to write and read."""
        flat = list(chain.from_iterable(self.pieces))
        fields = (self.start, self.end, flat, self.id, self.num, self.label, self.heading)
        return _unpickle_block, fields


def _unpickle_block(
    start: int,
    end: int,
    flat: list[Any],
    bid: str | None,
    num: str | None,
    label: str | None,
    heading: str | None,
) -> Block:
    """The block ``Block.__reduce__`` wrote: its pieces made again from the flat list (in C:
    ``tuple.__new__`` of each piece's three fields)."""
    fields = iter(flat)
    pieces = tuple(map(_NEW, repeat(Piece), zip(fields, fields, fields, strict=True)))
    return Block(start, end, pieces, bid, num, label, heading)


@frozen_value()
class Side:
    """One side of a diff: its text, cut into blocks of pieces with exact offsets."""

    info: SideInfo
    text: str
    blocks: tuple[Block, ...]

    @property
    def numbered(self) -> bool:
        return any(b.num is not None for b in self.blocks)


# ---------------------------------------------------------------- building sides

_LINE = re.compile(r"[^\n]+")


def _fill(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int, str]]
) -> tuple[Piece, ...]:
    """Sentences plus every other non-blank stretch of ``text[start:end]`` as pieces, so the
    pieces and the whitespace between them cover the block exactly."""
    pieces: list[Piece] = []
    cursor = start
    for sentence in sorted(sentences):
        s_start, s_end, _ = sentence
        if s_start < cursor or s_end > end:
            continue  # overlapping or outside spans: treated as other text below
        if s_start - cursor > 1 or (s_start > cursor and not text[cursor].isspace()):
            _gap_pieces(text, cursor, s_start, pieces)  # (not for one space between sentences)
        pieces.append(_NEW(Piece, sentence))  # Piece(start, end, id), made in C
        cursor = s_end
    _gap_pieces(text, cursor, end, pieces)
    return tuple(pieces)


_NEW = tuple.__new__
"""``_NEW(Piece, (start, end, id))`` is ``Piece(start, end, id)`` without the named tuple's
``__new__`` in Python."""


def _gap_pieces(text: str, start: int, end: int, out: list[Piece]) -> None:
    """Each non-blank line of a gap is a piece of its own (a heading, a paragraph number)."""
    gap = text[start:end]
    if not gap or gap.isspace():
        return  # the common case: the space or line break between two sentences
    stripped = gap.strip()
    if "\n" not in stripped:
        # the next most common: one line ("Article 4", a paragraph's "1."), which is the
        # gap without the whitespace around it (all on blank lines or its own line's ends)
        s = start + len(gap) - len(gap.lstrip())
        out.append(_NEW(Piece, (s, s + len(stripped), None)))  # Piece(s, end), in C
        return
    for match in _LINE.finditer(gap):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            s = start + match.start() + lead
            out.append(_NEW(Piece, (s, s + len(stripped), None)))  # Piece(s, end), in C


def _spans(paragraphs: Iterable[Paragraph]) -> list[tuple[int, int, str]]:
    """(start, end, id) of each sentence of the paragraphs that has a span."""
    return [
        (s.span[0], s.span[1], s.id) for p in paragraphs for s in p.sentences if s.span is not None
    ]


def side_from_text(text: str, document: Document, *, name: str) -> Side:
    """A plain-text or Markdown input: offsets are those of ``text`` as read (the imported
    document's spans)."""
    articles = [
        (a.span[0], a.span[1], _spans(a.paragraphs), a.id, a.num, a.label, a.heading)
        for a in document.articles
        if a.span is not None
    ]
    return side_from_spans(
        text,
        _spans(document.preamble),
        articles,
        name=name,
        language=document.language,
        instrument=document.instrument,
    )


ArticleSpans = tuple[
    int, int, Sequence[tuple[int, int, str]], str, str | None, str | None, str | None
]
"""An article of a text for ``side_from_spans``: its span, its sentences' spans and ids,
and its id, number, label and heading."""


def side_from_spans(
    text: str,
    preamble: Sequence[tuple[int, int, str]],
    articles: Sequence[ArticleSpans],
    *,
    name: str,
    language: str,
    instrument: str | None,
) -> Side:
    """A side of ``text`` from its sentences' spans and ids: those of its preamble, and
    each article's (``side_from_text`` of a document, or a text importer's spans without
    the document)."""
    blocks: list[Block] = []
    front = list(preamble)
    if articles and articles[0][4] is None and articles[0][5] is None:
        # a text without article headings: its body is one unlabelled "article"
        front += articles[0][2]
        articles = articles[1:]
    first = articles[0][0] if articles else len(text)
    front_end = len(text[:first].rstrip())
    if text[:front_end].strip():
        lead = len(text[:front_end]) - len(text[:front_end].lstrip())
        pieces = _fill(text, lead, front_end, front)
        blocks.append(Block(lead, front_end, pieces, "front"))
    for start, end, sentences, aid, num, label, heading in articles:
        pieces = _fill(text, start, end, sentences)
        blocks.append(Block(start, end, pieces, aid, num, label, heading))
    info = SideInfo(
        name=name, kind="text", length=len(text), language=language, instrument=instrument
    )
    return Side(info, text, tuple(blocks))


class _Writer:
    """Build a plain-text rendering and remember where each sentence landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def put(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def _render_paragraph(
    writer: _Writer, sentences: Sequence[Sentence], num: str | None
) -> list[tuple[int, int, str]]:
    """Write ``num. `` (if numbered) and the sentences joined by one space; their spans."""
    spans = []
    if num:
        writer.put(f"{num}. ")
    for k, sentence in enumerate(sentences):
        if k:
            writer.put(" ")
        start, end = writer.put(sentence.text)
        spans.append((start, end, sentence.id))
    return spans


def side_from_document(document: Document, *, name: str) -> Side:
    """Document XML: offsets refer to this plain-text rendering (docs/diff.md): the title on
    the first line, then one line per preamble paragraph; then each article after a blank
    line: its label line ("Article 4"; "Article 4" made from the number if it has no label),
    its heading on the next line if any, and one line per paragraph ("1. " before a numbered
    paragraph, sentences joined by one space). The rendering ends with a newline."""
    writer = _Writer()
    raw: list[tuple[int, int, list[tuple[int, int, str]], str, str | None, str | None, str | None]]
    raw = []
    front: list[tuple[int, int, str]] = []
    if document.title:
        writer.put(document.title)
    for paragraph in document.preamble:
        if writer.length:
            writer.put("\n")
        front += _render_paragraph(writer, paragraph.sentences, paragraph.num)
    if writer.length:
        raw.append((0, writer.length, front, "front", None, None, None))
    for article in document.articles:
        if writer.length:
            writer.put("\n\n")
        start = writer.length
        label = article.display_label
        writer.put("\n".join(line for line in (label, article.heading) if line))
        spans: list[tuple[int, int, str]] = []
        for paragraph in article.paragraphs:
            if writer.length > start:
                writer.put("\n")
            spans += _render_paragraph(writer, paragraph.sentences, paragraph.num)
        raw.append((start, writer.length, spans, article.id, article.num, label, article.heading))
    if writer.length:
        writer.put("\n")
    text = writer.text()
    blocks = tuple(
        Block(start, end, _fill(text, start, end, spans), bid, num, label, heading)
        for start, end, spans, bid, num, label, heading in raw
    )
    info = SideInfo(
        name=name,
        kind="document",
        length=len(text),
        language=document.language,
        instrument=document.instrument,
        offsets="rendering",
    )
    return Side(info, text, blocks)


def side_from_draft(draft: Draft, *, name: str) -> Side:
    """A clause draft: offsets refer to its sentences joined by one space (``Draft.text``)."""
    writer = _Writer()
    spans = _render_paragraph(writer, draft.sentences, None)
    text = writer.text()
    blocks = (Block(0, len(text), _fill(text, 0, len(text), spans), draft.id),) if text else ()
    info = SideInfo(
        name=name,
        kind="clause",
        length=len(text),
        draft=draft.id,
        language=draft.language,
        instrument=draft.instrument,
        offsets="rendering",
        party=draft.party,
        date=draft.date,
    )
    return Side(info, text, blocks)
