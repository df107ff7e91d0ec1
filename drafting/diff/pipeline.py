"""The diff pipeline: sides → aligned units → word ops → report; and the public Python API.

    >>> from drafting.diff.pipeline import diff
    >>> report = diff("The Parties shall consult.", "The Parties should consult.")
    >>> report["identical"], [o["text"] for o in report["units"][0]["ops"]]
    (False, ['The Parties ', 'shall', 'should', ' consult.'])

``diff`` returns exactly the structure ``drafting diff --format json`` prints
(``schemas/diff-report.schema.json``); ``compare`` returns the ``DiffReport`` dataclasses the
renderers take. Offsets count characters (code points) of each side's text: the input as read
for plain text, the plain-text rendering described in docs/diff.md for XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from drafting.diff.align import (
    BlockInfo,
    Pair,
    align_blocks,
    align_sequence,
    pair_moved_sentences,
    pair_same_ids,
)
from drafting.diff.report import (
    DiffOptions,
    DiffReport,
    Match,
    Op,
    SideInfo,
    Stats,
    Unit,
    report_to_dict,
)
from drafting.diff.worddiff import Engine, diff_pair, get_engine
from drafting.model import Document, Draft, Sentence
from drafting.text.tokens import normalise_key

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Piece:
    """A sentence of a side (``id`` set), or other text between sentences such as an article
    heading line or a paragraph number (``id`` is ``None``): ``text[start:end]``."""

    start: int
    end: int
    id: str | None = None


@dataclass(frozen=True)
class Block:
    """An article, or the text before the first article (title, preamble)."""

    start: int
    end: int
    pieces: tuple[Piece, ...]
    id: str | None = None
    num: str | None = None
    label: str | None = None
    heading: str | None = None


@dataclass(frozen=True)
class Side:
    """One side of a diff: its text, cut into blocks of pieces with exact offsets."""

    info: SideInfo
    text: str
    blocks: tuple[Block, ...]

    @property
    def numbered(self) -> bool:
        return any(b.num is not None for b in self.blocks)


# ---------------------------------------------------------------- building sides


def _fill(
    text: str, start: int, end: int, sentences: Sequence[tuple[int, int, str]]
) -> tuple[Piece, ...]:
    """Sentences plus every other non-blank stretch of ``text[start:end]`` as pieces, so the
    pieces and the whitespace between them cover the block exactly."""
    pieces: list[Piece] = []
    cursor = start
    for s_start, s_end, sid in sorted(sentences):
        if s_start < cursor or s_end > end:
            continue  # overlapping or outside spans: treated as other text below
        _gap_pieces(text, cursor, s_start, pieces)
        pieces.append(Piece(s_start, s_end, sid))
        cursor = s_end
    _gap_pieces(text, cursor, end, pieces)
    return tuple(pieces)


def _gap_pieces(text: str, start: int, end: int, out: list[Piece]) -> None:
    """Each non-blank line of a gap is a piece of its own (a heading, a paragraph number)."""
    for match in re.finditer(r"[^\n]+", text[start:end]):
        line = match.group()
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            s = start + match.start() + lead
            out.append(Piece(s, s + len(stripped)))


def _spans(sentences: Sequence[Sentence]) -> list[tuple[int, int, str]]:
    return [(s.span[0], s.span[1], s.id) for s in sentences if s.span is not None]


def side_from_text(text: str, document: Document, *, name: str) -> Side:
    """A plain-text or Markdown input: offsets are those of ``text`` as read (the imported
    document's spans)."""
    blocks: list[Block] = []
    articles = [a for a in document.articles if a.span is not None]
    front_sentences = [s for p in document.preamble for s in p.sentences]
    if articles and articles[0].num is None and articles[0].label is None:
        # a text without article headings: its body is one unlabelled "article"
        front_sentences += articles.pop(0).sentences
    first = articles[0].span[0] if articles else len(text)
    front_end = len(text[:first].rstrip())
    if text[:front_end].strip():
        lead = len(text[:front_end]) - len(text[:front_end].lstrip())
        blocks.append(
            Block(lead, front_end, _fill(text, lead, front_end, _spans(front_sentences)), "front")
        )
    for article in articles:
        start, end = article.span
        blocks.append(
            Block(
                start,
                end,
                _fill(text, start, end, _spans(article.sentences)),
                article.id,
                article.num,
                article.label,
                article.heading,
            )
        )
    info = SideInfo(
        name=name,
        kind="text",
        length=len(text),
        language=document.language,
        instrument=document.instrument,
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
    )
    return Side(info, text, blocks)


def side_from_string(text: str, *, name: str = "text", language: str | None = None) -> Side:
    """Plain text given directly (imported on the fly, as a ``.txt`` file would be)."""
    from drafting.formats.plaintext import import_text

    return side_from_text(text, import_text(text, language=language), name=name)


# ---------------------------------------------------------------- diffing


def piece_key(text: str, options: DiffOptions) -> str:
    """What two pieces are compared by: normalised text, words only with
    ``ignore_punctuation``."""
    key = normalise_key(text, ignore_case=options.ignore_case)
    if options.ignore_punctuation:
        key = " ".join(_WORD.findall(key))
    return key


class _Differ:
    """Holds the options, the engine and the notes for one comparison."""

    def __init__(self, a: Side, b: Side, options: DiffOptions) -> None:
        self.a, self.b, self.options = a, b, options
        self.engine: Engine = get_engine(options.engine)
        self.notes: list[str] = []
        self._keys: dict[tuple[int, int, int], str] = {}

    def key(self, side: int, piece: Piece) -> str:
        """The piece's matching key, computed once (alignment of articles and of their
        sentences both need it)."""
        cache_key = (side, piece.start, piece.end)
        found = self._keys.get(cache_key)
        if found is None:
            text = (self.a, self.b)[side].text
            found = self._keys[cache_key] = piece_key(text[piece.start : piece.end], self.options)
        return found

    def gap(self, a0: int, a1: int, b0: int, b1: int) -> tuple[list[Op], bool]:
        """Two stretches that are most often identical (the space or line break between two
        pieces, a sentence paired by hash): one equal op without diffing, else a diff. The
        flag says the diff showed a rewritten sentence as replaced."""
        a_text = self.a.text[a0:a1]
        if a_text == self.b.text[b0:b1]:
            return ([Op("equal", a_text, a0, b0)] if a_text else []), False
        ops, _, replaced = self.pair(a0, a1, b0, b1)
        return ops, replaced

    def pair(self, a0: int, a1: int, b0: int, b1: int) -> tuple[list[Op], float, bool]:
        """The word diff of ``a.text[a0:a1]`` and ``b.text[b0:b1]``: ops, similarity,
        replaced."""
        found = diff_pair(
            self.a.text[a0:a1],
            self.b.text[b0:b1],
            a_start=a0,
            b_start=b0,
            options=self.options,
            engine=self.engine,
        )
        return list(found.ops), found.similarity, found.replaced

    def block_ops(self, ba: Block, bb: Block) -> tuple[list[Op], bool]:
        """The ops of a pair of blocks: sentences aligned, words diffed in changed pairs, the
        whitespace between pieces compared as well so the ops cover both blocks exactly."""
        ta, tb = self.a.text, self.b.text
        if ta[ba.start : ba.end] == tb[bb.start : bb.end]:
            return [Op("equal", ta[ba.start : ba.end], ba.start, bb.start)], False
        a_keys = [self.key(0, p) for p in ba.pieces]
        b_keys = [self.key(1, p) for p in bb.pieces]
        pairs = align_sequence(
            a_keys,
            b_keys,
            engine=self.engine,
            threshold=self.options.match_above,
            notes=self.notes,
            measure=False,
        )
        ops: list[Op] = []
        replaced = False

        def take_gap(a0: int, a1: int, b0: int, b1: int) -> None:
            nonlocal replaced
            found, was_replaced = self.gap(a0, a1, b0, b1)
            ops.extend(found)
            replaced = replaced or was_replaced

        ca, cb = ba.start, bb.start
        for p in pairs:
            if p.a is not None and p.b is not None:
                pa = _span_of(ba.pieces, p.a, p.a_count)
                pb = _span_of(bb.pieces, p.b, p.b_count)
                take_gap(ca, pa.start, cb, pb.start)
                take_gap(pa.start, pa.end, pb.start, pb.end)
                ca, cb = pa.end, pb.end
            elif p.a is not None:
                end = ba.pieces[p.a].end
                ops.append(self.removed(ca, end))
                ca = end
            elif p.b is not None:
                end = bb.pieces[p.b].end
                ops.append(self.added(cb, end))
                cb = end
        take_gap(ca, ba.end, cb, bb.end)
        return _merge(ops), replaced

    def removed(self, start: int, end: int) -> Op:
        """``a.text[start:end]`` deleted whole (a removed piece or block)."""
        return Op("delete", self.a.text[start:end], a_start=start)

    def added(self, start: int, end: int) -> Op:
        """``b.text[start:end]`` inserted whole (an added piece or block)."""
        return Op("insert", self.b.text[start:end], b_start=start)

    def block_units(self) -> list[Unit]:
        a_blocks, b_blocks = self.a.blocks, self.b.blocks
        info_a = [self._info(0, blk) for blk in a_blocks]
        info_b = [self._info(1, blk) for blk in b_blocks]
        pairs = align_blocks(info_a, info_b, threshold=self.options.match_above)
        units = []
        for p in pairs:
            ba = a_blocks[p.a] if p.a is not None else None
            bb = b_blocks[p.b] if p.b is not None else None
            if ba is not None and bb is not None:
                ops, replaced = self.block_ops(ba, bb)
                unit = self._unit(p, ops, ba, bb, replaced)
                if p.moved:
                    unit = replace(
                        unit,
                        a_after=_name_of(a_blocks, p.a),
                        b_after=_name_of(b_blocks, p.b),
                    )
                units.append(unit)
            elif ba is not None:
                ops = [self.removed(ba.start, ba.end)]
                units.append(self._unit(p, ops, ba, None, False))
            elif bb is not None:
                ops = [self.added(bb.start, bb.end)]
                units.append(self._unit(p, ops, None, bb, False))
        return units

    def _info(self, side: int, block: Block) -> BlockInfo:
        """Content for alignment: every piece but an article's label line, so that an
        unchanged article renumbered or moved still matches exactly."""
        pieces = block.pieces
        if block.label is not None and pieces and pieces[0].start == block.start:
            pieces = pieces[1:]
        keys = tuple(self.key(side, p) for p in pieces)
        return BlockInfo(block.num, "\n".join(keys), keys)

    def sentence_units(self) -> list[Unit]:
        """Texts without numbered articles (clauses, plain paragraphs): one unit per piece."""
        a_pieces = [p for blk in self.a.blocks for p in blk.pieces]
        b_pieces = [p for blk in self.b.blocks for p in blk.pieces]
        a_keys = [self.key(0, p) for p in a_pieces]
        b_keys = [self.key(1, p) for p in b_pieces]
        pairs = align_sequence(
            a_keys, b_keys, engine=self.engine, threshold=self.options.match_above, notes=self.notes
        )
        pairs = pair_moved_sentences(pairs, a_keys, b_keys)
        if self.a.info.kind == "clause" and self.b.info.kind == "clause":
            a_ids = [p.id for p in a_pieces]
            pairs = pair_same_ids(pairs, a_ids, [p.id for p in b_pieces], a_keys, b_keys)
        units = []
        for p in pairs:
            pa = _span_of(a_pieces, p.a, p.a_count) if p.a is not None else None
            pb = _span_of(b_pieces, p.b, p.b_count) if p.b is not None else None
            replaced = False
            if pa is not None and pb is not None:
                ops, _, replaced = self.pair(pa.start, pa.end, pb.start, pb.end)
            elif pa is not None:
                ops = [self.removed(pa.start, pa.end)]
            else:
                assert pb is not None
                ops = [self.added(pb.start, pb.end)]
            units.append(self._unit(p, ops, pa, pb, replaced))
        return units

    def _unit(
        self,
        pair: Pair,
        ops: list[Op],
        a: Block | Piece | None,
        b: Block | Piece | None,
        replaced: bool,
    ) -> Unit:
        changed = any(o.op != "equal" and not o.ignored for o in ops)
        if a is None:
            kind = "added"
        elif b is None:
            kind = "removed"
        elif pair.moved:
            kind = "moved"
        else:
            kind = "changed" if changed else "same"
        a_num = getattr(a, "num", None)
        b_num = getattr(b, "num", None)
        return Unit(
            kind=kind,
            ops=tuple(ops),
            match=Match(pair.method, pair.similarity if kind != "same" else 1.0),
            a_label=getattr(a, "label", None),
            b_label=getattr(b, "label", None),
            a_span=(a.start, a.end) if a is not None else None,
            b_span=(b.start, b.end) if b is not None else None,
            a_id=a.id if a is not None else None,
            b_id=b.id if b is not None else None,
            renumbered=a_num is not None and b_num is not None and a_num != b_num,
            replaced=replaced,
        )


def _name_of(blocks: Sequence[Block], index: int | None) -> str | None:
    """What precedes block ``index`` on its side, to say where a moved article was and is."""
    if index is None or index == 0:
        return None
    before = blocks[index - 1]
    return before.label or before.id


def _span_of(pieces: Sequence[Piece], first: int, count: int) -> Piece:
    """One piece, or several consecutive ones as one (a sentence split or merged)."""
    if count == 1:
        return pieces[first]
    last = pieces[first + count - 1]
    ids = [p.id for p in pieces[first : first + count] if p.id]
    return Piece(pieces[first].start, last.end, "+".join(ids) or None)


def _merge(ops: list[Op]) -> list[Op]:
    """Join neighbouring ops of the same kind (equal text runs across pieces)."""
    out: list[Op] = []
    for op in ops:
        if out and out[-1].op == op.op and out[-1].ignored == op.ignored:
            last = out[-1]
            out[-1] = Op(op.op, last.text + op.text, last.a_start, last.b_start, op.ignored)
        else:
            out.append(op)
    return out


def _stats(units: Sequence[Unit]) -> Stats:
    counts = {"insertions": 0, "deletions": 0, "replacements": 0}
    kinds = {"same": 0, "changed": 0, "added": 0, "removed": 0, "moved": 0}
    for unit in units:
        kinds[unit.kind] += 1
        if unit.kind in ("added", "removed"):
            continue
        has_delete = has_insert = False
        for op in (*unit.ops, Op("equal", "")):
            if op.op == "equal" or op.ignored:
                if has_delete and has_insert:
                    counts["replacements"] += 1
                elif has_delete:
                    counts["deletions"] += 1
                elif has_insert:
                    counts["insertions"] += 1
                has_delete = has_insert = False
            elif op.op == "delete":
                has_delete = True
            else:
                has_insert = True
    return Stats(**counts, **kinds)


def _similarity(units: Sequence[Unit], a: Side, b: Side) -> float:
    """Share of both texts that is equal (Dice over characters of the aligned units)."""
    same = 0
    total = 0
    for unit in units:
        for op in unit.ops:
            size = len(op.text)
            total += 2 * size if op.op == "equal" else size
            if op.op == "equal":
                same += 2 * size
            elif op.ignored:
                same += size
    if total == 0:
        return 1.0 if a.text.strip() == b.text.strip() else 0.0
    return round(same / total, 4)


def compare(
    a: Side,
    b: Side,
    options: DiffOptions | None = None,
    *,
    strength: Callable[[DiffReport, Side, Side], DiffReport] | None = None,
) -> DiffReport:
    """Diff two sides: align, diff words in changed pairs, count. ``strength`` (optional)
    adds strength verdicts to the finished report."""
    options = options or DiffOptions()
    differ = _Differ(a, b, options)
    units = differ.block_units() if a.numbered or b.numbered else differ.sentence_units()
    report = DiffReport(
        a=a.info,
        b=b.info,
        options=options,
        identical=all(u.kind == "same" for u in units),
        similarity=_similarity(units, a, b),
        stats=_stats(units),
        units=tuple(units),
        notes=tuple(dict.fromkeys(differ.notes)),
    )
    return strength(report, a, b) if strength is not None else report


def _as_side(value: str | Document | Draft | Side, name: str, language: str | None) -> Side:
    if isinstance(value, Side):
        return value
    if isinstance(value, Document):
        return side_from_document(value, name=name)
    if isinstance(value, Draft):
        return side_from_draft(value, name=name)
    return side_from_string(value, name=name, language=language)


def diff(
    a: str | Document | Draft,
    b: str | Document | Draft,
    *,
    granularity: str = "word",
    ignore_case: bool = False,
    ignore_punctuation: bool = False,
    language_a: str | None = None,
    language_b: str | None = None,
) -> dict[str, Any]:
    """Compare two texts (plain text, a ``Document`` or a clause ``Draft``) and return the
    report as plain data, exactly as ``drafting diff --format json`` prints it."""
    options = DiffOptions(
        granularity=granularity,  # type: ignore[arg-type]
        ignore_case=ignore_case,
        ignore_punctuation=ignore_punctuation,
    )
    report = compare(_as_side(a, "a", language_a), _as_side(b, "b", language_b), options)
    return report_to_dict(report)
