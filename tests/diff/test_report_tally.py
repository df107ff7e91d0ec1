"""The report's similarity and counts (``pipeline._tally`` of each unit's ``_outline``, one
pass over its ops) against their definitions, written here plainly: a Dice share of
characters, and a change per run of deletes and inserts between two equal or ignored ops."""

from __future__ import annotations

from itertools import groupby

from hypothesis import given
from hypothesis import strategies as st

from drafting.diff.pipeline import _outline, _tally
from drafting.diff.report import Match, Op, Stats, Unit
from drafting.inputs import side_from_string

OPS = st.builds(
    Op,
    op=st.sampled_from(["equal", "delete", "insert"]),
    text=st.text(alphabet="ab ", max_size=4),
    ignored=st.booleans(),
)
UNITS = st.builds(
    Unit,
    kind=st.sampled_from(["same", "changed", "added", "removed", "moved"]),
    ops=st.lists(OPS, max_size=8).map(tuple),
    match=st.just(Match("number", 1.0)),
)


def _similarity(units: list[Unit], a_text: str, b_text: str) -> float:
    # an equal op's text is on both sides; an ignored pair's halves count as equal
    same = sum(
        2 * len(op.text) if op.op == "equal" else len(op.text)
        for unit in units
        for op in unit.ops
        if op.op == "equal" or op.ignored
    )
    total = sum(
        2 * len(op.text) if op.op == "equal" else len(op.text) for unit in units for op in unit.ops
    )
    if total == 0:
        return 1.0 if a_text.strip() == b_text.strip() else 0.0
    return round(same / total, 4)


def _stats(units: list[Unit]) -> Stats:
    changes = {"insertions": 0, "deletions": 0, "replacements": 0}
    for unit in units:
        if unit.kind in ("added", "removed"):
            continue
        runs = groupby(unit.ops, key=lambda op: op.op != "equal" and not op.ignored)
        for is_change, run in runs:
            if not is_change:
                continue
            names = {op.op for op in run}
            if names == {"delete", "insert"}:
                changes["replacements"] += 1
            elif names == {"delete"}:
                changes["deletions"] += 1
            else:
                changes["insertions"] += 1
    kinds = {k: sum(u.kind == k for u in units) for k in ("same", "changed", "added", "moved")}
    return Stats(**changes, **kinds, removed=sum(u.kind == "removed" for u in units))


@given(st.lists(UNITS, max_size=6), st.sampled_from(["x", " x ", "y"]))
def test_tally_is_the_similarity_and_counts_by_their_definitions(
    units: list[Unit], b_text: str
) -> None:
    a, b = side_from_string("x", name="a"), side_from_string(b_text, name="b")
    outlines = [_outline(unit) for unit in units]
    assert _tally(outlines, a, b) == (_similarity(units, "x", b_text), _stats(units))
