"""The diff pipeline: sides → aligned units → word ops → report; and the core Python API.

    >>> from drafting.inputs import diff_texts
    >>> report = diff_texts("The Parties shall consult.", "The Parties should consult.")
    >>> report["identical"], [o["text"] for o in report["units"][0]["ops"]]
    (False, ['The Parties ', 'shall', 'should', ' consult.'])

``diff`` (loaded values) and ``drafting.inputs.diff_texts`` (plain text) return exactly the
structure ``drafting diff --format json`` prints
(``schemas/diff-report.schema.json``); ``compare`` returns the ``DiffReport`` dataclasses the
renderers take. Offsets count characters (code points) of each side's text: the input as read
for plain text, the plain-text rendering described in docs/diff.md for XML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from drafting.diff.align import (
    PASSES,
    BlockInfo,
    Pair,
    align_blocks,
    align_sequence,
    pair_moved_sentences,
    pair_same_ids,
    paragraph_number,
    part_end,
    reading_order,
)
from drafting.diff.chance import prepare as prepare_chance
from drafting.diff.options import DiffOptions
from drafting.diff.report import (
    DiffReport,
    Match,
    Move,
    Op,
    Stats,
    Unit,
    metadata_changes,
    report_to_dict,
)
from drafting.diff.sides import (
    Block,
    Piece,
    Side,
    side_from_document,
    side_from_draft,
    side_from_text,
)
from drafting.diff.worddiff import Engine, RawOp, get_engine, merge_ops, pair_ops
from drafting.text.tokens import normalise_key

if TYPE_CHECKING:
    from drafting.model import Document, Draft

__all__ = [
    "Block",  # Block, Piece, Side and the side builders live in drafting.diff.sides
    "Piece",
    "Side",
    "compare",
    "compare_with",
    "diff",
    "piece_key",
    "prepare_side",
    "side_from_document",
    "side_from_draft",
    "side_from_text",
]

_WORD = re.compile(r"\w+")


def _plain_ascii(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is ASCII and its only whitespace is single spaces and
    line breaks: then ``normalise_key`` leaves a piece of it without a line break or a
    space at its ends as it is. (Substring searches: a regex with a class of characters
    takes several times as long over an article.)"""
    stretch = text[start:end]
    return (
        stretch.isascii()
        and "  " not in stretch
        # the ASCII whitespace ``str.split`` splits on besides the space and the line break
        and "\t" not in stretch
        and "\r" not in stretch
        and "\x0b" not in stretch
        and "\x0c" not in stretch
        and "\x1c" not in stretch
        and "\x1d" not in stretch
        and "\x1e" not in stretch
        and "\x1f" not in stretch
    )


Mapper = Callable[[Callable[[Any], Any], Sequence[Any], Sequence[int]], list[Any]]
"""How ``compare`` runs its independent pieces of work: ``mapper(function, items, weights)``
returns ``[function(item) for item in items]`` in order (the weights say how much work each
item is). The default is that loop; the command line passes one that shares the work with a
forked process (``drafting.cli.common.fork_map``): the core itself starts no process."""


class Grader(Protocol):
    """What a ``StagedStrength`` hook's ``start`` gives: ``unit(unit)`` is the unit graded;
    ``summary(graded)`` what the hook's ``finish`` needs of a graded unit (small: it travels
    back from the job that graded the unit, which may run in another process)."""

    def unit(self, unit: Unit) -> Unit: ...

    def summary(self, unit: Unit) -> Any: ...


class StagedStrength(Protocol):
    """A strength hook (``drafting.diff.verdicts.StrengthHook``) that ``compare`` may run in
    two steps: ``start(a, b)`` before the word diffs, whose ``unit`` grades each unit in the
    job that makes it (one mapper call shares both kinds of work), then ``finish(report,
    grader, summaries)`` on the report of graded units, with ``grader.summary`` of each
    unit in order (the report's units may be left out: ``compare_with(keep_units=False)``).
    The report is the one ``hook(report, a, b)`` gives on the ungraded report."""

    def __call__(self, report: DiffReport, a: Side, b: Side) -> DiffReport: ...

    def start(self, a: Side, b: Side) -> Grader: ...

    def finish(self, report: DiffReport, grader: Any, summaries: Sequence[Any]) -> DiffReport: ...


_UnitJob = tuple[
    Pair,
    "tuple[Block, str | None] | None",
    "tuple[Block, str | None] | None",
    "Grader | None",
    "Callable[[Unit], Any] | None",
]
"""One aligned pair for ``_Differ._unit_job``: the pair, each side's block with the name of
what precedes it (None: unpaired), what grades the unit (None: not graded), and what else
to make of the finished unit (None: nothing)."""

Outline = tuple[str, str, int, int, int, int, int]
"""What a report adds up of one unit (``_outline``): its kind, how it was paired
(``Match.method``), its equal and all characters (both sides' of an equal op), and its
insertions, deletions and replacements."""


def serial_map(
    function: Callable[[Any], Any], items: Sequence[Any], weights: Sequence[int]
) -> list[Any]:
    """The default ``Mapper``: one item after the other, in this process."""
    del weights
    return [function(item) for item in items]


# ---------------------------------------------------------------- diffing


def piece_key(text: str, options: DiffOptions) -> str:
    """What two pieces are compared by: normalised text, words only with
    ``ignore_punctuation``."""
    key = normalise_key(text, ignore_case=options.ignore_case)
    if options.ignore_punctuation:
        key = " ".join(_WORD.findall(key))
    return key


class SidePrep(NamedTuple):
    """What ``compare`` works out from one side alone before it pairs the two sides' articles:
    each block's content for alignment (``prepare_side``). Made where the side is loaded (on
    the command line, in the process that loads it), it saves ``compare_with`` that work.

    A named tuple, not a frozen dataclass: only ``compare_with`` reads it, and making the
    dataclass was about 3.6 M instructions at start-up."""

    length: int
    """The length of the side's text, to tell a preparation of another side."""
    key_options: tuple[bool, bool]
    """``ignore_case`` and ``ignore_punctuation`` of the options it was made with."""
    infos: tuple[BlockInfo, ...]
    keys: dict[tuple[int, int], str]
    """The matching key of every piece, by its span (the word diffs read them again)."""

    def fits(self, side: Side, options: DiffOptions) -> bool:
        """Whether this was made of ``side`` (as far as its length and blocks tell) with
        options that give the same keys."""
        return (
            self.length == len(side.text)
            and len(self.infos) == len(side.blocks)
            and self.key_options == (options.ignore_case, options.ignore_punctuation)
        )


def prepare_side(side: Side, options: DiffOptions | None = None) -> SidePrep:
    """The ``SidePrep`` of one side: what ``compare_with(..., prepared=)`` takes."""
    options = options or DiffOptions()
    differ = _Differ(side, side, options, serial_map)  # (only side "a" is read)
    infos = tuple(differ._info(0, block) for block in side.blocks)
    key_options = (options.ignore_case, options.ignore_punctuation)
    return SidePrep(len(side.text), key_options, infos, differ._keys[0])


class _Differ:
    """Holds the options, the engine and the notes for one comparison."""

    def __init__(
        self,
        a: Side,
        b: Side,
        options: DiffOptions,
        mapper: Mapper,
        prepared: tuple[SidePrep | None, SidePrep | None] = (None, None),
    ) -> None:
        self.a, self.b, self.options, self.mapper = a, b, options, mapper
        self.prepared = prepared
        self.keep_units = True
        """False: a unit job sends back only its unit's outline and what else it made
        (``compare_with(keep_units=False)``), not the unit."""
        self.engine: Engine = get_engine(options.engine)
        self.notes: list[str] = []
        # each side's keys by span: those of a preparation that fits, else made as needed
        self._keys: tuple[dict[tuple[int, int], str], ...] = tuple(
            dict(prep.keys) if prep is not None and prep.fits(side, options) else {}
            for prep, side in zip(prepared, (a, b), strict=True)
        )

    def key(self, side: int, piece: Piece) -> str:
        """The piece's matching key, computed once (alignment of articles and of their
        sentences both need it)."""
        return self.keys(side, (piece,))[0]

    def keys(self, side: int, pieces: Sequence[Piece]) -> list[str]:
        """``key`` of each piece (one call for a whole block: this runs for every piece)."""
        cache = self._keys[side]
        get = cache.get
        if not pieces or get((pieces[0].start, pieces[0].end)) is not None:
            known = [get((piece.start, piece.end)) for piece in pieces]
            if None not in known:  # every key made already (a preparation's, or earlier)
                return known  # type: ignore[return-value]
        # (a first key not made yet: none is, as where a side is prepared; one loop below)
        text = (self.a, self.b)[side].text
        options = self.options
        # Over a stretch of ASCII text whose only spaces are single spaces and line breaks,
        # the key of a piece without a line break or a space at either end is its text (so
        # ``normalise_key``, which splits and joins it, is not needed). Checked once for the
        # stretch from the first piece to the last.
        lo = hi = 0
        if pieces and not options.ignore_punctuation:
            lo, hi = pieces[0].start, pieces[-1].end
            if not _plain_ascii(text, lo, hi):
                hi = lo
        fold = options.ignore_case
        out = []
        for start, end, _ in pieces:  # (a piece is a named tuple: unpacked in one step)
            span = (start, end)
            found = get(span)
            if found is None:
                piece_text = text[start:end]
                if (
                    lo <= start
                    and end <= hi
                    and "\n" not in piece_text
                    and piece_text[:1] != " "
                    and piece_text[-1:] != " "
                ):
                    found = piece_text.casefold() if fold else piece_text
                elif options.ignore_punctuation:
                    found = piece_key(piece_text, options)
                else:  # piece_key without the call, for every piece of both sides
                    found = normalise_key(piece_text, ignore_case=fold)
                cache[span] = found
            out.append(found)
        return out

    def pair(self, a0: int, a1: int, b0: int, b1: int) -> tuple[list[RawOp], bool]:
        """The word diff of ``a.text[a0:a1]`` and ``b.text[b0:b1]`` (``diff_pair``): ops as
        tuples, and whether shown replaced."""
        a, b = self.a.text[a0:a1], self.b.text[b0:b1]
        return pair_ops(a, b, a0, b0, self.options, self.engine)

    def block_ops(self, ba: Block, bb: Block) -> tuple[list[Op], bool]:
        """The ops of a pair of blocks: sentences aligned, words diffed in changed pairs, the
        whitespace between pieces compared as well so the ops cover both blocks exactly."""
        ta, tb = self.a.text, self.b.text
        if ta[ba.start : ba.end] == tb[bb.start : bb.end]:
            return [Op("equal", ta[ba.start : ba.end], ba.start, bb.start)], False
        a_keys = self.keys(0, ba.pieces)
        b_keys = self.keys(1, bb.pieces)
        pairs = align_sequence(
            a_keys,
            b_keys,
            engine=self.engine,
            threshold=self.options.match_above,
            notes=self.notes,
            measure=False,
            max_cells=self.options.max_region_cells,
        )
        ops: list[RawOp] = []  # made into Op values once, joined (merge_ops)
        replaced = False
        # the start of the run of identical text read so far and not yet in an op: most
        # stretches (the spaces between pieces, sentences paired by hash) are identical, and
        # one equal op is made per run of them instead of one per stretch
        same_a = same_b = -1

        def flush(a1: int) -> None:
            nonlocal same_a
            if same_a >= 0:
                if a1 > same_a:
                    ops.append(("equal", ta[same_a:a1], same_a, same_b, False))
                same_a = -1

        def take_gap(a0: int, a1: int, b0: int, b1: int) -> None:
            """Two stretches: identical (one run of equal text), else diffed."""
            nonlocal replaced, same_a, same_b
            if a1 - a0 == b1 - b0 and ta[a0:a1] == tb[b0:b1]:
                if same_a < 0:
                    same_a, same_b = a0, b0
                return
            flush(a0)
            found, was_replaced = self.pair(a0, a1, b0, b1)
            ops.extend(found)
            replaced = replaced or was_replaced

        ca, cb = ba.start, bb.start
        a_pieces, b_pieces = ba.pieces, bb.pieces
        for i, j, _, _, _, a_count, b_count, _, _ in pairs:  # (the fields of each Pair)
            if i is not None and j is not None:
                if a_count == 1 and b_count == 1:
                    pa, pb = a_pieces[i], b_pieces[j]
                else:
                    pa = _span_of(a_pieces, i, a_count)
                    pb = _span_of(b_pieces, j, b_count)
                a_end, b_end = pa.end, pb.end
                if (
                    pa.start - ca == pb.start - cb
                    and a_end - ca == b_end - cb
                    and ta[ca:a_end] == tb[cb:b_end]
                ):
                    # the space before and the pieces identical (most pairs): take_gap's
                    # two stretches as one, equal
                    if same_a < 0:
                        same_a, same_b = ca, cb
                else:
                    take_gap(ca, pa.start, cb, pb.start)
                    take_gap(pa.start, a_end, pb.start, b_end)
                ca, cb = a_end, b_end
            elif i is not None:
                end = a_pieces[i].end
                flush(ca)
                ops.append(("delete", ta[ca:end], ca, None, False))  # a removed piece
                ca = end
            elif j is not None:
                end = b_pieces[j].end
                flush(ca)
                ops.append(("insert", tb[cb:end], None, cb, False))  # an added piece
                cb = end
        take_gap(ca, ba.end, cb, bb.end)
        flush(ba.end)
        return merge_ops(ops), replaced

    def removed(self, start: int, end: int) -> Op:
        """``a.text[start:end]`` deleted whole (a removed piece or block)."""
        return Op("delete", self.a.text[start:end], a_start=start)

    def added(self, start: int, end: int) -> Op:
        """``b.text[start:end]`` inserted whole (an added piece or block)."""
        return Op("insert", self.b.text[start:end], b_start=start)

    def block_units(
        self,
        grader: Grader | None = None,
        also: Callable[[Unit], Any] | None = None,
    ) -> tuple[list[Unit], list[Outline], list[Any], list[Any]]:
        """A unit per aligned article (or part of one); ``grader`` grades each and ``also``
        runs on the graded unit in the job that makes it, as the mapper shares the jobs out;
        the units (none unless ``keep_units``), the outline of each (``_outline``), the
        ``grader.summary`` of each (None without a grader) and what ``also`` gave for each
        (empty without it)."""
        a_blocks, b_blocks = self.a.blocks, self.b.blocks
        info_a = self._infos(0, a_blocks)
        info_b = self._infos(1, b_blocks)
        pairs = align_blocks(
            info_a,
            info_b,
            threshold=self.options.match_above,
            max_cells=self.options.max_region_cells,
            notes=self.notes,
        )
        # an article paired by one of its paragraphs reads as one item per paragraph
        items_a = self._items(0, info_a, _starts((p.a, p.a_part) for p in pairs))
        items_b = self._items(1, info_b, _starts((p.b, p.b_part) for p in pairs))
        jobs = [
            (
                p,
                items_a[p.a, p.a_part] if p.a is not None else None,
                items_b[p.b, p.b_part] if p.b is not None else None,
                grader,
                also,
            )
            for p in pairs
        ]
        units: list[Unit] = []
        outlines: list[Outline] = []
        summaries: list[Any] = []
        extra: list[Any] = []
        weights = [self._job_weight(job) for job in jobs]
        changed = sum(
            1
            for (_, a_item, b_item, _, _), weight in zip(jobs, weights, strict=True)
            if a_item is not None and b_item is not None and weight > 1
        )
        if changed > 1:
            # two article pairs or more to diff, which the mapper may share with another
            # process: the lexicons that tell a strength word (for folding chance anchors)
            # compiled here first, not in each process that comes to need them
            prepare_chance((self.a.info.language, self.b.info.language))
        for unit, outline, summary, notes, found in self.mapper(self._unit_job, jobs, weights):
            self.notes.extend(notes)
            if unit is not None:
                units.append(unit)
            outlines.append(outline)
            summaries.append(summary)
            extra.append(found)
        return units, outlines, summaries, extra if also is not None else []

    def _unit_job(self, job: _UnitJob) -> tuple[Unit | None, Outline, Any, list[str], Any]:
        """The unit of one aligned pair (graded when the job says how; None unless
        ``keep_units``), its outline, the grader's summary of it, the notes its word diff
        made and what the job's ``also`` gives for it (the mapper may run it in another
        process: all travel back, and the unit's ops and verdicts are most of that)."""
        p, a_item, b_item, grader, also = job
        notes: list[str] = []
        if a_item is not None and b_item is not None:
            ba, bb = a_item[0], b_item[0]
            ops, replaced, notes, moves = self._block_job((ba, bb))
            after = (a_item[1], b_item[1]) if p.moved else None
            unit = self._unit(p, ops, ba, bb, replaced, after, moves)
        elif a_item is not None:
            ba = a_item[0]
            unit = self._unit(p, [self.removed(ba.start, ba.end)], ba, None, False)
        else:
            assert b_item is not None
            bb = b_item[0]
            unit = self._unit(p, [self.added(bb.start, bb.end)], None, bb, False)
        summary = None
        if grader is not None:
            unit = grader.unit(unit)
            summary = grader.summary(unit)
        found = also(unit) if also is not None else None
        return unit if self.keep_units else None, _outline(unit), summary, notes, found

    def _job_weight(self, job: _UnitJob) -> int:
        """How much work a job is: a pair's ``_weight``; an added or removed article's
        characters when it is graded (nothing to diff otherwise)."""
        _, a_item, b_item, grader, _ = job
        if a_item is not None and b_item is not None:
            return self._weight(a_item[0], b_item[0])
        block = a_item[0] if a_item is not None else b_item[0]  # type: ignore[index]
        return block.end - block.start if grader is not None else 1

    def _moves_within(self, ba: Block, bb: Block, ops: Sequence[Op]) -> tuple[Move, ...]:
        """Sentences of an article pair that the ops delete whole on one side and insert
        whole, with the same words, on the other: a sentence moved within the article."""
        deleted = [
            (o.a_start, o.a_start + len(o.text))
            for o in ops
            if o.a_start is not None and o.op == "delete"
        ]
        inserted = [
            (o.b_start, o.b_start + len(o.text))
            for o in ops
            if o.b_start is not None and o.op == "insert"
        ]
        if not deleted or not inserted:
            return ()
        a_sentences = [p for p in ba.pieces if p.id is not None]
        b_sentences = [p for p in bb.pieces if p.id is not None]
        gone: dict[str, list[int]] = {}
        longest = max(end - start for start, end in deleted)
        for k, piece in enumerate(a_sentences):
            # (a sentence longer than every deleted stretch lies in none: most edits are a
            # few words, so this skips the range test for nearly every sentence)
            if piece.end - piece.start <= longest and _within(piece, deleted):
                gone.setdefault(self.key(0, piece), []).append(k)
        if not gone:
            return ()
        moves = []
        for k, piece in enumerate(b_sentences):
            found = gone.get(self.key(1, piece)) if _within(piece, inserted) else None
            if found:
                i = found.pop(0)
                moves.append(
                    Move(
                        (a_sentences[i].start, a_sentences[i].end),
                        (piece.start, piece.end),
                        _quote_before(self.a.text, a_sentences, i),
                        _quote_before(self.b.text, b_sentences, k),
                    )
                )
        return tuple(moves)

    def _block_job(
        self, blocks: tuple[Block, Block]
    ) -> tuple[list[Op], bool, list[str], tuple[Move, ...]]:
        """``block_ops`` of a pair of blocks, with the notes it made and the sentences moved
        within it (the mapper may run it in another process: all travel back together)."""
        first = len(self.notes)
        ops, replaced = self.block_ops(*blocks)
        notes = self.notes[first:]
        del self.notes[first:]
        return ops, replaced, notes, self._moves_within(*blocks, ops)

    def _weight(self, ba: Block, bb: Block) -> int:
        """How much work a pair of blocks is: its characters when they differ."""
        if ba.end - ba.start == bb.end - bb.start and (
            self.a.text[ba.start : ba.end] == self.b.text[bb.start : bb.end]
        ):
            return 1
        return ba.end - ba.start + bb.end - bb.start

    def _items(
        self, side: int, info: Sequence[BlockInfo], starts: dict[int, list[int]]
    ) -> dict[tuple[int, int | None], tuple[Block, str | None]]:
        """Each article, or each part of a split one, as a block, with the name of what
        precedes it on its side (to say where a moved one was and is)."""
        blocks = (self.a, self.b)[side].blocks
        out: dict[tuple[int, int | None], tuple[Block, str | None]] = {}
        before: str | None = None
        for index, part in reading_order(info, starts):
            block = blocks[index]
            if part is not None:
                end = part_end(starts[index], part, len(info[index].paragraphs))
                block = _paragraph_block((self.a, self.b)[side].text, block, part, end)
            out[index, part] = (block, before)
            before = block.label or block.id
        return out

    def _infos(self, side: int, blocks: Sequence[Block]) -> Sequence[BlockInfo]:
        """``_info`` of each block of a side: worked out where the side was loaded when
        ``compare_with`` was given it (``prepare_side``), else here."""
        prep = self.prepared[side]
        if prep is not None and prep.fits((self.a, self.b)[side], self.options):
            return prep.infos
        return [self._info(side, blk) for blk in blocks]

    def _info(self, side: int, block: Block) -> BlockInfo:
        """Content for alignment: every piece but an article's label line, so that an
        unchanged article renumbered or moved still matches exactly; and, for an article
        of several paragraphs, each paragraph's content."""
        pieces = block.pieces
        every = self.keys(side, pieces)
        if block.label is not None and pieces and pieces[0].start == block.start:
            keys = every[1:]
        else:
            keys = every
        paragraphs: tuple[str, ...] = ()
        if block.num is not None:
            text = (self.a, self.b)[side].text
            ranges = _paragraph_ranges(text, block)
            if len(ranges) > 1:
                paragraphs = tuple("\n".join(every[first:end]) for first, end in ranges)
        # paragraph numbers are not sentences: "1." and "2." on both sides would make any two
        # articles of two paragraphs half alike
        # (a paragraph number is at most 9 characters long: "(iiiiii.)")
        sentences = tuple([k for k in keys if len(k) > 9 or not paragraph_number().fullmatch(k)])
        return BlockInfo(block.num, "\n".join(keys), sentences, paragraphs)

    def sentence_units(self) -> list[Unit]:
        """Texts without numbered articles (clauses, plain paragraphs): one unit per piece."""
        a_pieces = [p for blk in self.a.blocks for p in blk.pieces]
        b_pieces = [p for blk in self.b.blocks for p in blk.pieces]
        a_keys = self.keys(0, a_pieces)
        b_keys = self.keys(1, b_pieces)
        pairs = align_sequence(
            a_keys,
            b_keys,
            engine=self.engine,
            threshold=self.options.match_above,
            notes=self.notes,
            max_cells=self.options.max_region_cells,
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
                found, replaced = self.pair(pa.start, pa.end, pb.start, pb.end)
                ops = [Op(*op) for op in found]
            elif pa is not None:
                ops = [self.removed(pa.start, pa.end)]
            else:
                assert pb is not None
                ops = [self.added(pb.start, pb.end)]
            after = None
            if p.moved:
                after = (
                    _quote_before(self.a.text, a_pieces, p.a),
                    _quote_before(self.b.text, b_pieces, p.b),
                )
            units.append(self._unit(p, ops, pa, pb, replaced, after))
        return units

    def _unit(
        self,
        pair: Pair,
        ops: list[Op],
        a: Block | Piece | None,
        b: Block | Piece | None,
        replaced: bool,
        after: tuple[str | None, str | None] | None = None,
        moves: tuple[Move, ...] = (),
    ) -> Unit:
        """The unit of one aligned pair; ``after``: for a moved pair, what precedes it on
        each side; ``moves``: the sentences moved within it (kept unless it is the same)."""
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
            renumbered=a_num is not None
            and b_num is not None
            and a_num.split("(")[0] != b_num.split("(")[0],
            replaced=replaced,
            a_after=after[0] if after is not None else None,
            b_after=after[1] if after is not None else None,
            moves=moves if kind != "same" else (),
        )


def _paragraph_ranges(text: str, block: Block) -> list[tuple[int, int]]:
    """The block's paragraphs as ranges ``[first, end)`` of its pieces: a line break between
    two pieces starts a new paragraph once a sentence was seen; lines that are not sentences
    (the label line, a heading, a paragraph number) go with the paragraph they precede."""
    pieces = block.pieces
    ranges: list[tuple[int, int]] = []
    first = 0
    seen_sentence = False
    # the first line break at or after the end of the piece before (-1: none is left), found
    # once per line rather than once per piece
    newline = text.find("\n", block.start, block.end)
    for k, piece in enumerate(pieces):
        if k and seen_sentence and 0 <= newline < piece.start:
            ranges.append((first, k))
            first, seen_sentence = k, False
        seen_sentence = seen_sentence or piece.id is not None
        if 0 <= newline < piece.end:
            newline = text.find("\n", piece.end, block.end)
    if first < len(pieces):
        if seen_sentence or not ranges:
            ranges.append((first, len(pieces)))
        else:
            ranges[-1] = (ranges[-1][0], len(pieces))
    return ranges


def _paragraph_block(text: str, block: Block, first: int, end: int) -> Block:
    """Paragraphs ``first:end`` of an article as a block of its own, labelled as cited
    ("Article 4(1)", "Article 4(2)–(3)", by the paragraphs' own numbers where they have
    them); the part that starts the article keeps its label line."""
    ranges = _paragraph_ranges(text, block)
    pieces = block.pieces[ranges[first][0] : ranges[end - 1][1]]

    def marker(k: int) -> str:
        for piece in block.pieces[ranges[k][0] : ranges[k][1]]:
            found = paragraph_number().fullmatch(text[piece.start : piece.end])
            if piece.id is None and found is not None:
                return found.group(1)
        return str(k + 1)

    cited = f"({marker(first)})" + (f"–({marker(end - 1)})" if end - first > 1 else "")
    start = block.start if first == 0 else pieces[0].start
    return Block(
        start,
        pieces[-1].end,
        pieces,
        f"{block.id}{cited}" if block.id else None,
        f"{block.num}{cited}" if block.num else None,
        f"{block.label}{cited}" if block.label else None,
        block.heading if first == 0 else None,
    )


def _starts(items: Iterable[tuple[int | None, int | None]]) -> dict[int, list[int]]:
    """Where the parts of each split article start, from the aligned items (every part of a
    split article is an item, paired or not)."""
    found: dict[int, set[int]] = {}
    for index, part in items:
        if index is not None and part is not None:
            found.setdefault(index, set()).add(part)
    return {index: sorted(parts) for index, parts in found.items()}


def _quote_before(text: str, pieces: Sequence[Piece], index: int | None) -> str | None:
    """Where a moved sentence sat: the opening words of the sentence before it, quoted
    (None: it came first)."""
    if index is None or index == 0:
        return None
    before = pieces[index - 1]
    words = text[before.start : before.end].split()
    opening = " ".join(words[:6])
    return f"“{opening}…”" if len(words) > 6 else f"“{opening}”"


def _within(piece: Piece, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether ``piece`` lies inside one of ``ranges`` (a deleted or inserted stretch)."""
    return any(start <= piece.start and piece.end <= end for start, end in ranges)


def _span_of(pieces: Sequence[Piece], first: int, count: int) -> Piece:
    """One piece, or several consecutive ones as one (a sentence split or merged)."""
    if count == 1:
        return pieces[first]
    last = pieces[first + count - 1]
    ids = [p.id for p in pieces[first : first + count] if p.id]
    return Piece(pieces[first].start, last.end, "+".join(ids) or None)


def _alignment(outlines: Sequence[Outline]) -> tuple[tuple[str, int], ...]:
    """How many units each alignment pass paired (``align.PASSES`` order), and how many the
    move pass marked moved (from the units' outlines)."""
    counts = dict.fromkeys(PASSES, 0)
    for kind, method, *_ in outlines:
        counts[method] = counts.get(method, 0) + 1
        if kind == "moved":
            counts["moved"] += 1
    return tuple(counts.items())


_END = Op("equal", "")
"""Ends a unit's last run of changes in ``_outline``."""


def _outline(unit: Unit) -> Outline:
    """What the report adds up of a unit (``Outline``), in one pass over its ops. ``same``
    and ``total`` count characters for the report's similarity (an equal op's on both
    sides, an ignored op's as equal). A run of deletes and inserts between two equal or
    ignored ops is one change: a replacement when it holds both, else a deletion or an
    insertion; an added or removed unit has none."""
    same = total = insertions = deletions = replacements = 0
    kind = unit.kind
    if kind == "added" or kind == "removed":
        for op in unit.ops:
            size = len(op.text)
            if op.op == "equal":
                total += 2 * size
                same += 2 * size
            else:
                total += size
                if op.ignored:
                    same += size
        return kind, unit.match.method, same, total, 0, 0, 0
    has_delete = has_insert = False
    for op in (*unit.ops, _END):
        size = len(op.text)
        name = op.op
        if name == "equal":
            total += 2 * size
            same += 2 * size
        else:
            total += size
            if not op.ignored:
                if name == "delete":
                    has_delete = True
                else:
                    has_insert = True
                continue
            same += size
        # an equal or ignored op (or the unit's end) ends a run of changes
        if has_delete:
            if has_insert:
                replacements += 1
            else:
                deletions += 1
        elif has_insert:
            insertions += 1
        has_delete = has_insert = False
    return kind, unit.match.method, same, total, insertions, deletions, replacements


def _tally(outlines: Sequence[Outline], a: Side, b: Side) -> tuple[float, Stats]:
    """The report's similarity (the share of both texts that is equal: Dice over characters
    of the aligned units) and its counts, added up from the units' outlines."""
    same = total = insertions = deletions = replacements = 0
    kinds = {"same": 0, "changed": 0, "added": 0, "removed": 0, "moved": 0}
    for kind, _, equal, chars, inserted, deleted, replaced in outlines:
        kinds[kind] += 1
        same += equal
        total += chars
        insertions += inserted
        deletions += deleted
        replacements += replaced
    if total == 0:
        similarity = 1.0 if a.text.strip() == b.text.strip() else 0.0
    else:
        similarity = round(same / total, 4)
    stats = Stats(insertions=insertions, deletions=deletions, replacements=replacements, **kinds)
    return similarity, stats


def compare(
    a: Side,
    b: Side,
    options: DiffOptions | None = None,
    *,
    strength: Callable[[DiffReport, Side, Side], DiffReport] | StagedStrength | None = None,
    mapper: Mapper = serial_map,
) -> DiffReport:
    """Diff two sides: align, diff words in changed pairs, count. ``strength`` (optional)
    adds strength verdicts to the finished report; a ``StagedStrength`` hook grades each
    article in the job that diffs it. ``mapper`` runs those jobs (see ``Mapper``); the report
    is the same whatever runs them."""
    return compare_with(a, b, options, strength=strength, mapper=mapper)[0]


def compare_with(
    a: Side,
    b: Side,
    options: DiffOptions | None = None,
    *,
    strength: Callable[[DiffReport, Side, Side], DiffReport] | StagedStrength | None = None,
    mapper: Mapper = serial_map,
    also: Callable[[Unit], Any] | None = None,
    prepared: tuple[SidePrep | None, SidePrep | None] = (None, None),
    keep_units: bool = True,
) -> tuple[DiffReport, list[Any]]:
    """``compare``, and ``also(unit)`` of each unit of the report, in order (empty without
    ``also``): made in the job that makes the unit where it can be (an article's, with a
    ``StagedStrength`` hook or none), else over the finished units by the mapper. The
    command line renders each unit's JSON this way, in the process that diffed it.
    ``prepared``: ``prepare_side`` of each side when made already (None: worked out here; a
    preparation that does not fit its side or the options is not used).

    ``keep_units=False``: the report's ``units`` is empty, for a caller that needs of each
    unit only what ``also`` makes of it (the command line's JSON): everything the units add
    up to is there as with them (``identical``, ``similarity``, ``stats``, ``alignment``,
    the strength summary). The jobs that make the units then send back only that, not the
    units, from the process that made them (most of what travels back: their ops and
    verdicts)."""
    options = options or DiffOptions()
    differ = _Differ(a, b, options, mapper, prepared)
    grader = None
    summaries: list[Any] = []
    extra: list[Any] = []
    if a.numbered or b.numbered:
        staged = strength is None or hasattr(strength, "start")
        if strength is not None and staged:
            # each article graded in the job that diffs it: one mapper call for both
            grader = strength.start(a, b)  # type: ignore[union-attr]
        # (a hook that grades finished units, or ``also`` run on them, needs them here)
        differ.keep_units = keep_units or not staged
        units, outlines, summaries, extra = differ.block_units(grader, also if staged else None)
    else:
        units = differ.sentence_units()
        outlines = [_outline(unit) for unit in units]
    metadata = metadata_changes(a.info, b.info)
    notes = list(differ.notes)
    same = all(outline[0] == "same" for outline in outlines)
    if metadata and same:
        changed = "; ".join(f"{field} {va} → {vb}" for field, va, vb in metadata)
        notes.append(f"the same words under a different {changed}")
    similarity, stats = _tally(outlines, a, b)
    report = DiffReport(
        a=a.info,
        b=b.info,
        options=options,
        identical=same and not metadata,
        metadata_changes=metadata,
        similarity=similarity,
        stats=stats,
        units=tuple(units),
        notes=tuple(dict.fromkeys(notes)),
        alignment=_alignment(outlines),
    )
    if grader is not None:
        report = strength.finish(report, grader, summaries)  # type: ignore[union-attr]
    elif strength is not None:
        report = strength(report, a, b)  # type: ignore[operator]
    if also is not None and not extra and report.units:
        extra = mapper(also, report.units, [_size(unit) for unit in report.units])
    if not keep_units and report.units:
        report = replace(report, units=())
    return report, extra


def _size(unit: Unit) -> int:
    """About how much work ``also`` is for a finished unit: its text."""
    return sum(len(op.text) for op in unit.ops)


def _as_side(value: Document | Draft | Side, name: str) -> Side:
    if isinstance(value, Side):
        return value
    from drafting.model import Document, Draft  # start-up time: see drafting.model

    if isinstance(value, Document):
        return side_from_document(value, name=name)

    if isinstance(value, Draft):
        return side_from_draft(value, name=name)
    raise TypeError(
        f"diff() takes a Document, a Draft or a Side, not {type(value).__name__}; "
        "for plain text use drafting.inputs.diff_texts (it imports the text first)"
    )


def diff(
    a: Document | Draft | Side,
    b: Document | Draft | Side,
    options: DiffOptions | None = None,
) -> dict[str, Any]:
    """Compare two loaded texts (a ``Document``, a clause ``Draft`` or a ``Side``) and return
    the report as plain data, exactly as ``drafting diff --format json`` prints it (without
    strength). Plain text is imported by the edge: ``drafting.inputs.diff_texts``."""
    report = compare(_as_side(a, "a"), _as_side(b, "b"), options)
    return report_to_dict(report)
