"""The matching key of every piece of a side, as ``prepare_side`` works it out (with its
shortcut for plain ASCII stretches), is ``piece_key`` of the piece's text, for any text,
any pieces and either case and punctuation option."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import piece_key, prepare_side
from drafting.diff.report import SideInfo
from drafting.diff.sides import Block, Piece, Side

# constructed: ASCII words, spaces of every kind, line breaks, a non-ASCII letter and quote
_CHARS = st.sampled_from([*"aB.,", " ", "  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1f"])
_TEXT = st.lists(_CHARS | st.sampled_from(["é", "’", "\u00a0", "Shall"]), max_size=40).map("".join)


@st.composite
def _sides(draw: st.DrawFn) -> Side:
    text = draw(_TEXT)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    blocks = []
    for k in range(0, len(spans), 3):  # up to three pieces a block, in text order
        group = spans[k : k + 3]
        pieces = tuple(Piece(a, b, f"s{a}") for a, b in group)
        blocks.append(Block(group[0][0], group[-1][1], pieces))
    info = SideInfo(name="a", kind="text", length=len(text))
    return Side(info, text, tuple(blocks))


@given(_sides(), st.booleans(), st.booleans())
@example(
    Side(SideInfo("a", "text", 9), "a b\nc  d", (Block(0, 8, (Piece(0, 3), Piece(4, 8))),)),
    False,
    False,
)
@example(
    Side(SideInfo("a", "text", 5), " ab c", (Block(0, 5, (Piece(0, 3), Piece(3, 5))),)), True, False
)
@example(Side(SideInfo("a", "text", 5), "ab\tc", (Block(0, 4, (Piece(0, 4),)),)), False, False)
@example(
    Side(SideInfo("a", "text", 4), "ab c", (Block(0, 4, (Piece(0, 3), Piece(3, 4))),)), False, False
)
@example(Side(SideInfo("a", "text", 4), "a. b", (Block(0, 4, (Piece(0, 4),)),)), False, True)
@example(Side(SideInfo("a", "text", 5), "a b\nc", (Block(0, 5, (Piece(0, 5),)),)), False, False)
@example(Side(SideInfo("a", "text", 3), "a\x1cb", (Block(0, 3, (Piece(0, 3),)),)), False, False)
@example(Side(SideInfo("a", "text", 3), "a\x1fb", (Block(0, 3, (Piece(0, 3),)),)), False, False)
# pieces out of text order (the side builders never make them, but keys must not rely on it)
@example(
    Side(SideInfo("a", "text", 7), "a\tbc xy", (Block(0, 7, (Piece(4, 7), Piece(0, 3))),)),
    False,
    False,
)
def test_every_key_is_the_piece_key_of_its_text(side: Side, fold: bool, words: bool) -> None:
    options = DiffOptions(ignore_case=fold, ignore_punctuation=words)
    prep = prepare_side(side, options)
    for block in side.blocks:
        for piece in block.pieces:
            expected = piece_key(side.text[piece.start : piece.end], options)
            assert prep.keys[piece.start, piece.end] == expected, (side.text, piece)


def test_every_ascii_space_is_looked_for() -> None:
    # constructed: each ASCII character between two words, as one piece of a block
    for code in range(0x80):
        text = f"The Parties{chr(code)}shall act"
        side = Side(
            SideInfo("a", "text", len(text)), text, (Block(0, len(text), (Piece(0, len(text)),)),)
        )
        for options in (DiffOptions(), DiffOptions(ignore_case=True)):
            assert prepare_side(side, options).keys[0, len(text)] == piece_key(text, options), code
