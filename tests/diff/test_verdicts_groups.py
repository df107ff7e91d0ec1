"""``verdicts._groups`` finds the pieces a change touches by bisection: the same groups as
testing every piece against every change, for any layout of pieces a side can have (in
reading order, not overlapping, with gaps) and any run of ops. ``verdicts._small_gap`` (one
possessive regex) says what its definition says: no clause end, at most ``NEAR_WORDS``
words."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from drafting.diff.report import Match, Op, Unit
from drafting.diff.sides import Piece
from drafting.diff.verdicts import NEAR_WORDS, _groups, _small_gap


def _touched(pieces: list[Piece], start: int, end: int) -> list[Piece]:
    return [p for p in pieces if start < p.end and p.start < end]


def _groups_by_scan(
    unit: Unit, a_pieces: list[Piece], b_pieces: list[Piece]
) -> list[tuple[list[Piece], list[Piece], list[str]]]:
    """The definition: each change against every piece, groups that share a piece joined."""
    a_pos = unit.a_span[0] if unit.a_span else 0
    b_pos = unit.b_span[0] if unit.b_span else 0
    groups: list[tuple[list[Piece], list[Piece], list[str]]] = []
    for op in unit.ops:
        size = len(op.text)
        if op.op == "equal" or op.ignored:
            a_pos += size if op.op != "insert" else 0
            b_pos += size if op.op != "delete" else 0
            continue
        if op.op == "delete":
            a_group, b_group = (
                _touched(a_pieces, a_pos, a_pos + size),
                _touched(b_pieces, b_pos - 1, b_pos + 1),
            )
            a_pos += size
        else:
            a_group, b_group = (
                _touched(a_pieces, a_pos - 1, a_pos + 1),
                _touched(b_pieces, b_pos, b_pos + size),
            )
            b_pos += size
        if groups and (
            any(p in groups[-1][0] for p in a_group) or any(p in groups[-1][1] for p in b_group)
        ):
            last_a, last_b, texts = groups[-1]
            last_a.extend(p for p in a_group if p not in last_a)
            last_b.extend(p for p in b_group if p not in last_b)
            texts.append(op.text)
        elif a_group or b_group:
            groups.append((a_group, b_group, [op.text]))
    return groups


def _pieces(draw: st.DrawFn) -> list[Piece]:
    """Pieces in reading order, not overlapping, some touching, some with ids."""
    pieces, cursor = [], draw(st.integers(0, 5))
    for _ in range(draw(st.integers(0, 8))):
        start = cursor + draw(st.integers(0, 3))
        end = start + draw(st.integers(1, 12))
        pieces.append(Piece(start, end, draw(st.sampled_from([None, f"s{start}"]))))
        cursor = end
    return pieces


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Unit, list[Piece], list[Piece]]:
    ops = [
        Op(
            draw(st.sampled_from(["equal", "delete", "insert"])),
            "x" * draw(st.integers(1, 9)),
            ignored=draw(st.booleans()) and draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 10)))
    ]
    span_a = (draw(st.integers(0, 6)), 200)
    span_b = (draw(st.integers(0, 6)), 200)
    unit = Unit("changed", tuple(ops), Match("number", 0.5), a_span=span_a, b_span=span_b)
    return unit, _pieces(draw), _pieces(draw)


@given(_cases())
def test_groups_by_bisection_are_the_groups_of_a_scan_over_every_piece(
    case: tuple[Unit, list[Piece], list[Piece]],
) -> None:
    unit, a_pieces, b_pieces = case
    assert _groups(unit, a_pieces, b_pieces) == _groups_by_scan(unit, a_pieces, b_pieces)


_GAP_PIECES = ["a", "word", "é", "Ж", "_", "7", " ", "\n", "-", ",", "'", "\u0301", "\xa0"]


@given(
    st.lists(st.sampled_from([*_GAP_PIECES, ".", ";", ":", "!", "?"]) | st.characters()).map(
        "".join
    )
)
@example("the Parties , in")  # three words: near
@example("the Parties in good")  # four words: not near
@example("shall; not")  # a clause end: not near
@example("a" * 3000 + " b c d e")  # a long word before the fourth: not near, and quickly
def test_a_small_gap_is_at_most_near_words_words_of_one_clause(text: str) -> None:
    words = re.findall(r"\w+", text)
    expected = not re.search(r"[.;:!?]", text) and len(words) <= NEAR_WORDS
    assert _small_gap(text) == expected
