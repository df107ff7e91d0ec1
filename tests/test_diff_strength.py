"""Strength verdicts on diff units: only changed units, the right sentences, marked terms."""

from __future__ import annotations

from support.reports import check_report

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare
from drafting.diff.report import report_to_dict
from drafting.diff.verdicts import add_strength
from drafting.inputs import side_from_string

# constructed two-article draft
A = (
    "Article 1\nThe Parties shall withdraw their forces. The Depositary keeps the records.\n\n"
    "Article 2\nEach Party may request consultations. Consultations begin within ten days.\n"
)


def strength_report(a: str, b: str, **kw: object):  # type: ignore[no-untyped-def]
    side_a, side_b = side_from_string(a, name="a"), side_from_string(b, name="b")
    report = compare(side_a, side_b, DiffOptions())
    return add_strength(report, side_a, side_b, language_a="en", language_b="en", **kw)  # type: ignore[arg-type]


def test_a_weakened_modal_in_one_article_is_flagged_there_only() -> None:
    b = A.replace("shall withdraw", "should withdraw")
    report = strength_report(A, b)
    first, second = report.units
    assert first.strength is not None and first.strength.verdict == "weakened"
    assert second.kind == "same" and second.strength is None
    marked = {(side, (A if side == "a" else b)[s:e]) for side, s, e in first.strength_marks}
    assert ("a", "shall") in {(side, t.split()[0]) for side, t in marked}
    assert ("b", "should") in {(side, t.split()[0]) for side, t in marked}
    assert report.strength_summary == {
        "analysed": 1,
        "strengthened": 0,
        "weakened": 1,
        "unchanged": 0,
        "polarity_changes": 0,
    }
    check_report(report_to_dict(report), A, b)


def test_a_change_without_strength_words_is_not_analysed() -> None:
    b = A.replace("ten days", "twelve days")
    report = strength_report(A, b)
    assert all(u.strength is None for u in report.units)
    assert report.strength_summary is not None and report.strength_summary["analysed"] == 0


def test_the_limit_skips_analysis_and_says_so() -> None:
    b = A.replace("shall withdraw", "should withdraw")
    report = strength_report(A, b, limit=10)
    assert all(u.strength is None for u in report.units)
    assert report.strength_summary is None
    assert any("strength not analysed" in note for note in report.notes)


def test_every_changed_sentence_has_its_verdict_and_the_strongest_is_the_units() -> None:
    from drafting.render.text import render_text

    b = A.replace("shall withdraw", "should withdraw").replace("may request", "shall request")
    report = strength_report(A, b)
    verdicts = [
        (s.a_span is not None, s.change.verdict) for u in report.units for s in u.strength_sentences
    ]
    assert verdicts == [(True, "weakened"), (True, "strengthened")]
    assert report.units[0].strength.verdict == "weakened"
    text = render_text(report)
    assert text.count("⚑ strength:") == 2
    check_report(report_to_dict(report), A, b)


def test_the_verdict_spans_the_changed_sentence_not_its_article() -> None:
    # the sentence's own block is found among several (the second article here)
    b = A.replace("may request", "shall request")
    report = strength_report(A, b)
    (sentence,) = report.units[1].strength_sentences
    assert sentence.a_span is not None and sentence.b_span is not None
    assert A[slice(*sentence.a_span)] == "Each Party may request consultations."
    assert b[slice(*sentence.b_span)] == "Each Party shall request consultations."


def test_the_overall_line_is_shown_only_when_several_units_were_analysed() -> None:
    from drafting.render.markdown import render_markdown
    from drafting.render.text import render_text

    b = A.replace("shall withdraw", "should withdraw").replace("may request", "shall request")
    both = strength_report(A, b)
    assert both.strength is not None
    overall = [line for line in render_text(both).splitlines() if line.startswith("overall ")]
    assert overall == [f"overall strength: {both.strength.explanation}"]
    assert f"**Overall strength: {both.strength.explanation}**" in render_markdown(both)
    one = strength_report(A, A.replace("shall withdraw", "should withdraw"))
    assert one.strength is not None
    assert "overall " not in render_text(one) and "**Overall" not in render_markdown(one)
