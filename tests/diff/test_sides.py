"""A side sent between processes (pickled, as ``fork_map`` sends a side loaded in a child)
comes back equal, field for field, with pieces of the same class and values."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from drafting.diff.sides import Block, Piece, Side, side_from_document, side_from_draft
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
