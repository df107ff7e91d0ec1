"""A side sent between processes (pickled, as ``fork_map`` sends a side loaded in a child)
comes back equal, field for field, with pieces of the same class and values."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from drafting.diff.sides import (
    Block,
    Piece,
    Side,
    _gap_pieces,
    side_from_document,
    side_from_draft,
)
from drafting.inputs import load_value, side_from_string
from drafting.model import Clause, Document

REPO = Path(__file__).resolve().parents[2]

# constructed: article headings, numbered paragraphs, headings, blank lines, odd spaces
_LINES = st.sampled_from(
    [
        "Article 1",
        "Article 2 — Scope",
        "1. The Parties shall consult each other.",
        "(a) Art. 5 applies. It binds them.",
        "Стороны не размещают силы.",
        "  indented text",
        "",
        "\t",
        "Heading",
    ]
)
_TEXTS = st.lists(_LINES, max_size=12).map("\n".join)


def _fields(side: Side) -> list[object]:
    """Every value of the side, with the class of each block and piece."""
    return [
        side.info,
        side.text,
        [
            (
                (type(b), b.start, b.end, b.id, b.num, b.label, b.heading),
                [(type(p), p.start, p.end, p.id) for p in b.pieces],
            )
            for b in side.blocks
        ],
    ]


def _round_trip(side: Side) -> Side:
    found = pickle.loads(pickle.dumps(side, protocol=5))
    assert isinstance(found, Side)
    return found


@given(_TEXTS)
def test_a_side_from_text_comes_back_equal(text: str) -> None:
    side = side_from_string(text)
    found = _round_trip(side)
    assert found == side
    assert _fields(found) == _fields(side)


def test_sides_of_documents_and_drafts_come_back_equal() -> None:
    sides = []
    for path in sorted((REPO / "texts").glob("*.xml")):
        value = load_value(str(path))
        if isinstance(value, Document):
            sides.append(side_from_document(value, name=path.name))
        elif isinstance(value, Clause):
            sides += [side_from_draft(d, name=d.id) for d in value.drafts]
    assert sides
    for side in sides:
        assert _fields(_round_trip(side)) == _fields(side)


def test_a_block_without_pieces_and_pieces_without_ids_come_back() -> None:
    blocks = (Block(0, 0, ()), Block(0, 9, (Piece(0, 4), Piece(5, 9, "s1")), "b", "1", "L", "H"))
    for block in blocks:
        found = pickle.loads(pickle.dumps(block))
        assert found == block and type(found) is Block
        assert [(type(p), p.start, p.end, p.id) for p in found.pieces] == [
            (Piece, p.start, p.end, p.id) for p in block.pieces
        ]


_GAP_TEXTS = st.lists(
    st.sampled_from(["\n", " ", "\t", "\r", "\x0b", "\x85", "\u2028", "\u00a0", "1.", "a b"]),
    max_size=10,
).map("".join)


def _lines_of(text: str, start: int, end: int) -> list[tuple[int, int, None]]:
    """Each non-blank line of ``text[start:end]`` (lines end at line breaks alone), without
    the whitespace at its ends, as a piece's fields."""
    found = []
    offset = start
    for line in text[start:end].split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((offset + lead, offset + lead + len(line.strip()), None))
        offset += len(line) + 1
    return found


@given(_GAP_TEXTS)
@example("1.\na b")
@example("\n 1.\r\n\x0b a b \u2028\n")
@example(" a b\x85")
def test_the_text_between_sentences_is_a_piece_per_non_blank_line(text: str) -> None:
    # constructed: a stretch between two sentences of a block, with whitespace of every kind
    for start, end in ((0, len(text)), (1, len(text) - 1)):
        if start > end:
            continue
        found: list[Piece] = []
        _gap_pieces(text, start, end, found)
        assert [tuple(p) for p in found] == _lines_of(text, start, end)
        assert all(type(p) is Piece for p in found)
