"""``term_changes`` and ``compare_results`` against the definition of a term change: each
term of one side is matched by one counterpart of the other (the same words up to case and
spacing, the same effective tier and polarity), a repeated term as often as it occurs; the
two main terms, when both are unmatched, are one replacement. The terms below are
constructed, not quoted."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from drafting.strength import compare_results
from drafting.strength.result import StrengthResult, Term, TermChange
from drafting.strength.verdict import term_changes

TERM = st.tuples(
    st.sampled_from(["shall", "Shall", "shall  not", "shall not", "may", "must"]),
    st.sampled_from([2, 4, 5]),
    st.sampled_from(["positive", "negative"]),
)
SIDE = st.tuples(st.lists(TERM, max_size=5), st.integers(min_value=-1, max_value=4))


def _result(side: tuple[list[tuple[str, int, str]], int]) -> StrengthResult:
    specs, main = side
    terms = tuple(
        Term(text, 2 * k, 2 * k + 1, "obligation", tier, False, "C1", polarity, tier, k == main)
        for k, (text, tier, polarity) in enumerate(specs)
    )
    tier = max((t.effective_tier for t in terms if t.main), default=0)
    return StrengthResult(
        "constructed", tier, None, "positive", float(tier), terms, (), (), (), "en", None
    )


def _defined(a: StrengthResult, b: StrengthResult) -> tuple[TermChange, ...]:
    def key(term: Term) -> tuple[str, int, str]:
        return (" ".join(term.text.lower().split()), term.effective_tier, term.polarity)

    def unmatched(terms: tuple[Term, ...], others: tuple[Term, ...]) -> list[Term]:
        left = Counter(key(t) for t in others)
        out = []
        for term in terms:
            if left[key(term)] > 0:
                left[key(term)] -= 1
            else:
                out.append(term)
        return out

    removed, added = unmatched(a.terms, b.terms), unmatched(b.terms, a.terms)
    changes = []
    main_a = next((t for t in a.terms if t.main), None)
    main_b = next((t for t in b.terms if t.main), None)
    if main_a in removed and main_b in added:
        changes.append(TermChange("replaced", main_a, main_b))
        removed.remove(main_a)
        added.remove(main_b)
    changes += [TermChange("removed", t, None) for t in removed]
    changes += [TermChange("added", None, t) for t in added]
    return tuple(changes)


@given(SIDE, SIDE)
def test_term_changes_are_the_unmatched_terms(a_side, b_side) -> None:  # type: ignore[no-untyped-def]
    a, b = _result(a_side), _result(b_side)
    assert term_changes(a, b) == _defined(a, b)
    assert compare_results(a, b).term_changes == _defined(a, b)


def test_a_repeated_term_counts_as_often_as_it_occurs() -> None:
    """'shall' twice against once: one 'shall' removed, whatever the order."""
    a = _result(([("shall", 4, "positive"), ("may", 2, "positive"), ("shall", 4, "positive")], 0))
    b = _result(([("may", 2, "positive"), ("Shall", 4, "positive")], 1))
    assert [(c.kind, c.before and c.before.start) for c in term_changes(a, b)] == [("removed", 4)]
