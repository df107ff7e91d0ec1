"""``render_json`` writes the ops and joins the units itself; its text is exactly
``json.dumps(report_to_dict(report), ensure_ascii=False)`` and a newline, for every kind of
unit and op (changed, added, removed, moved, ignored, with strength, roles and moves)."""

from __future__ import annotations

import json

from hypothesis import example, given
from hypothesis import strategies as st
from support.corpus import corpus_dir

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare
from drafting.diff.report import DiffReport, Match, Move, Op, Unit, report_to_dict, unit_to_dict
from drafting.diff.verdicts import strength_hook
from drafting.inputs import side_from_string
from drafting.render.json import render_json, render_json_utf8, unit_json
from drafting.strength import compare_strength
from drafting.text.hidden import escape_json


def _report(a: str, b: str, options: DiffOptions | None = None) -> DiffReport:
    side_a, side_b = side_from_string(a, name="a"), side_from_string(b, name="b")
    return compare(side_a, side_b, options or DiffOptions(), strength=strength_hook())


def _check(report: DiffReport) -> None:
    expected = json.dumps(report_to_dict(report), ensure_ascii=False) + "\n"
    assert render_json(report) == expected
    # the command line's way: units escaped and encoded one by one, the rest around them
    units = [escape_json(unit_json(unit)).encode() for unit in report.units]
    utf8 = render_json_utf8(report, units, outside_units=escape_json)
    assert utf8 == escape_json(expected).encode()


def test_every_corpus_pair_renders_as_its_dict() -> None:
    count = 0
    for pairs in sorted(corpus_dir().glob("*_pairs.jsonl")):
        for line in pairs.read_text(encoding="utf-8").splitlines():
            if line.strip():
                pair = json.loads(line)
                _check(_report(pair["before"], pair["after"]))
                count += 1
    assert count >= 100


def test_moved_ignored_and_non_ascii_units_render_as_their_dict() -> None:
    # constructed: articles moved and renumbered, a change of case only (ignored), a
    # recital, quotes, a control character and non-Latin text in the ops
    a = (
        'Preamble\nRecalling the "Charter", the Parties\n\n'
        "Article 1\nThe Parties shall consult.\tPromptly.\n\n"
        "Article 2\nСтороны обязуются не размещать ракеты.\n\n"
        "Article 3\nEach Party may withdraw on notice.\n"
    )
    b = (
        "Preamble\nRecalling the «Charter», the Parties\n\n"
        "Article 1\nEach Party may withdraw on notice.\n\n"
        "Article 2\nTHE PARTIES SHALL CONSULT.\tPromptly.\n\n"
        "Article 3\nСтороны стремятся не размещать ракеты \u2192 \U0001f600.\n"
    )
    report, ignored = _report(a, b), _report(a, b, DiffOptions(ignore_case=True))
    assert {"same", "moved", "changed"} <= {u.kind for u in report.units}
    assert any(u.strength is not None for u in report.units)
    assert any(u.role is not None for u in report.units)
    assert any(op.ignored for unit in ignored.units for op in unit.ops)
    _check(report)
    _check(ignored)


def test_paragraphs_moved_within_an_article_render_as_their_dict() -> None:
    # constructed: two paragraphs of an article trade places, and a third changes its modal
    first = "1. Each Party shall notify the depositary of its ratification.\n"
    second = "2. The depositary shall inform the other Parties without delay.\n"
    a = f"Article 4\n{first}{second}3. The Parties shall review this Article.\n"
    b = f"Article 4\n{second}{first}3. The Parties may review this Article.\n"
    (unit,) = _report(a, b).units
    assert unit.moves and unit.strength is not None
    _check(_report(a, b))


_CHANGE = compare_strength("They shall consult.", "They may consult.")
_TEXTS = st.text(alphabet=st.sampled_from('aé "\\\n\t\x01\u2028Ж'), max_size=6)
_OFFSETS = st.none() | st.integers(0, 10**6)
_UNITS = st.builds(
    Unit,
    kind=st.sampled_from(["same", "changed", "added", "removed", "moved"]),
    ops=st.lists(
        st.builds(
            Op,
            op=st.sampled_from(["equal", "delete", "insert"]),
            text=_TEXTS,
            a_start=_OFFSETS,
            b_start=_OFFSETS,
            ignored=st.booleans(),
        ),
        max_size=4,
    ).map(tuple),
    match=st.builds(
        Match,
        method=st.sampled_from(["exact", "number", "similarity", "unpaired"]),
        similarity=st.sampled_from([1.0, 0.8125, 1, float("nan"), float("inf")]) | st.floats(),
    ),
    a_label=st.none() | _TEXTS,
    b_label=st.none() | _TEXTS,
    a_span=st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99)),
    b_span=st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99)),
    a_id=st.none() | _TEXTS,
    b_id=st.none() | _TEXTS,
    renumbered=st.booleans(),
    replaced=st.booleans(),
    a_after=st.none() | _TEXTS,
    b_after=st.none() | _TEXTS,
    moves=st.lists(
        st.builds(
            Move,
            st.tuples(st.integers(0, 9), st.integers(0, 9)),
            st.just((1, 2)),
            _TEXTS,
            st.none(),
        )
    ).map(tuple),
    role=st.none() | st.sampled_from(["title", "heading", "preamble"]),
    # (a verdict: the strength keys from templates, after the other keys)
    strength=st.none() | st.just(_CHANGE),
)


@given(_UNITS)
@example(Unit("changed", (), Match("exact", 1.0), role="preamble", strength=_CHANGE))
@example(Unit("moved", (), Match("exact", 1.0), a_after="Article 2", strength=_CHANGE))
@example(Unit("same", (), Match("exact", float("nan"))))
def test_a_unit_is_written_as_the_encoder_writes_its_dict(unit: Unit) -> None:
    # constructed units of every kind: labels and texts with quotes, backslashes, control
    # and non-ASCII characters; offsets missing or not; any similarity (NaN, 1 as an int);
    # with a verdict or none
    expected = json.dumps(unit_to_dict(unit), ensure_ascii=False)
    assert unit_json(unit) == expected
