"""``resolve_overlaps`` against its definition: sort by start, longer first, a generic
reading after a named one, then lexicon order; keep each match that starts at or after the
end of the last one kept. The shortcut for matches already in text order without overlaps
must give the same list."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit, resolve_overlaps

GENERIC = frozenset({"subject"})
ENTRIES = [
    Entry(id=f"test.{i}", pattern="", category="obligation", tier=4, rule="T4", context=context)
    for i, context in enumerate([None, "subject", "will"])
]


def _defined(hits: list[Hit], context_last: frozenset[str]) -> list[Hit]:
    ordered = sorted(
        hits,
        key=lambda h: (h.start, -(h.end - h.start), h.entry.context in context_last, h.order),
    )
    kept: list[Hit] = []
    last_end = -1
    for hit in ordered:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


@st.composite
def _hits(draw: st.DrawFn, in_order: bool) -> list[Hit]:
    """Matches at random places, or (``in_order``) mostly one after the other, as a
    sentence's matches come from the matcher (with a few that touch or overlap)."""
    hits = []
    position = 0
    for order in range(draw(st.integers(0, 6))):
        start = position + draw(st.integers(-2, 4)) if in_order else draw(st.integers(0, 30))
        start = max(start, 0)
        end = start + draw(st.integers(0, 6))
        position = end
        entry = draw(st.sampled_from(ENTRIES))
        hits.append(Hit(start, end, start, end, entry, start, end, draw(st.integers(0, 3)) + order))
    return hits


@given(st.one_of(_hits(in_order=True), _hits(in_order=False)))
def test_resolve_overlaps_is_its_definition(hits: list[Hit]) -> None:
    got = resolve_overlaps(hits, GENERIC)
    expected = _defined(hits, GENERIC)
    assert [id(h) for h in got] == [id(h) for h in expected]
    assert got is not hits  # a new list: callers may change it


def test_matches_in_order_are_kept_as_they_are() -> None:
    a, b, c = (
        Hit(0, 5, 0, 5, ENTRIES[0], 0, 0, 2),
        Hit(6, 9, 6, 9, ENTRIES[1], 1, 1, 0),
        Hit(9, 12, 9, 12, ENTRIES[2], 2, 2, 1),
    )
    assert resolve_overlaps([a, b, c], GENERIC) == [a, b, c]
    # an empty match at the start of the next one: the longer one sorts first and wins
    empty = Hit(6, 6, 6, 6, ENTRIES[0], 1, 1, 0)
    assert resolve_overlaps([a, empty, b], GENERIC) == _defined([a, empty, b], GENERIC)
