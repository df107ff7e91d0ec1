"""Strength verdicts on diff units: only changed units, the right sentences, marked terms."""

from __future__ import annotations

import json

from support.corpus import corpus_dir
from support.paths import REPO
from support.reports import check_report

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare
from drafting.diff.report import report_to_dict
from drafting.diff.verdicts import add_strength
from drafting.inputs import side_from_string

TEXTS = REPO / "texts"

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


def test_a_clause_whose_one_sentence_changed_is_analysed_once_per_side() -> None:
    # constructed: the sentence is the whole clause, so the unit's verdict and the overall
    # one compare the same two texts, and each side's analysis is made once and shared
    a, b = "The Parties shall consult.", "The Parties should consult."
    report = strength_report(a, b)
    (unit,) = report.units
    assert unit.strength is not None and report.strength is not None
    assert unit.strength.before.text == a and report.strength.before.text == a
    assert report.strength.before is unit.strength.before
    assert report.strength.after is unit.strength.after
    assert report.strength.verdict == unit.strength.verdict == "weakened"


def test_there_is_no_size_limit_on_strength() -> None:
    import inspect

    assert "limit" not in inspect.signature(add_strength).parameters
    b = A.replace("shall withdraw", "should withdraw")
    report = strength_report(A, b)
    assert report.strength_summary is not None and report.strength_summary["weakened"] == 1


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


# ---- issue 9: every strength change named, with its terms (constructed sentences, each
# built on a wording type the issue reports; labelled constructed)


def _line(a: str, b: str, **kw: str) -> str:
    from drafting import compare
    from drafting.render.text import render_text

    text = render_text(compare(a, b))
    return "\n".join(line for line in text.splitlines() if line.startswith("⚑ strength:"))


def _flagged(a: str, b: str) -> str:
    from drafting import compare
    from drafting.render.text import render_text

    return render_text(compare(a, b)).splitlines()[3]


def test_the_changed_verb_is_named_not_its_unchanged_neighbour() -> None:
    # constructed: обязуются -> стремятся printed воздерживаться (5) -> воздерживаться (2)
    line = _line(
        "Стороны обязуются воздерживаться от применения силы.",
        "Стороны стремятся воздерживаться от применения силы.",
    )
    assert "обязуются (4, binding obligation) → стремятся (2" in line
    assert "воздерживаться" not in line
    assert line.count("стремятся") == 1  # the hedge is the term: named once


def test_a_removed_and_a_negated_intensifier_are_named_with_what_replaced_them() -> None:
    # constructed: "legally binding guarantees" -> "assurances that are not legally binding"
    a = "The Parties shall provide legally binding guarantees."
    b = "The Parties shall provide assurances that are not legally binding."
    line = _line(a, b)
    assert line.startswith("⚑ strength: weakened:")
    assert "negates intensifier 'legally binding'" in line
    assert (
        "removes intensifier 'guarantees' "
        "('legally binding guarantees' → 'assurances that are not legally binding')"
    ) in line
    assert "shall (4, binding obligation) → shall (4" not in line
    # both hunks carry the flag: the one adding "not" and the one dropping "guarantees"
    assert _flagged(a, b).count("⚑") == 2
    back = _line(b, a)
    assert back.startswith("⚑ strength: strengthened:")
    assert "intensifier 'legally binding' no longer negated" in back
    assert "adds intensifier 'guarantees'" in back


def test_an_intensifier_negated_where_it_stands_is_named() -> None:
    # constructed: the same intensifiers, in the same order, on both sides; only "not" is
    # added before one of them, so it no longer counts
    a = "The Parties shall give firm and legally binding assurances."
    b = "The Parties shall give firm and not legally binding assurances."
    line = _line(a, b)
    assert line.startswith("⚑ strength: weakened:")
    assert "negates intensifier 'legally binding'" in line
    assert "intensifier 'legally binding' no longer negated" in _line(b, a)
    assert _flagged(a, b).count("⚑") == 1


def test_hedges_and_conditions_are_flagged_on_their_hunk_and_named() -> None:
    cases = [  # constructed around the phrases the issue lists
        (
            "The Parties shall consult.",
            "The Parties shall, as appropriate, consult.",
            "{+, as appropriate,+}⚑",
            "adds hedge 'as appropriate'",
        ),
        (
            "The Parties shall consult.",
            "The Parties shall seek to consult.",
            "{+seek to+}⚑",
            "adds hedge 'seek to'",
        ),
        (
            "The Parties shall consult wherever possible.",
            "The Parties shall consult.",
            "[- wherever possible-]⚑",
            "removes hedge 'wherever possible'",
        ),
        (
            "The Parties shall deploy forces.",
            "The Parties shall deploy forces provided that the Council agrees.",
            "{+ provided that the Council agrees+}⚑",
            "adds condition 'provided that'",
        ),
    ]
    for a, b, hunk, name in cases:
        assert hunk in _flagged(a, b), (a, b)
        assert name in _line(a, b), (a, b)
        # and the other way round: what one side adds, the other removes, flagged and named
        opposite = name.replace("adds", "REMOVES").replace("removes", "adds")
        opposite = opposite.replace("REMOVES", "removes")
        assert "⚑" in _flagged(b, a), (b, a)
        assert opposite in _line(b, a), (b, a)


def test_a_modifier_swapped_for_another_of_its_kind_is_one_named_change() -> None:
    # constructed around the phrases
    cases = [
        ("The Parties shall, as appropriate, consult.", "wherever possible", "as appropriate"),
        (
            "The Parties shall deploy forces provided that the Council agrees.",
            "if",
            "provided that",
        ),
        ("The Parties shall fully implement it.", "strictly", "fully"),
    ]
    for a, new, old in cases:
        b = a.replace(old, new)
        line = _line(a, b)
        assert f"'{old}' → '{new}'" in line and "removes" not in line and "adds" not in line
        assert _flagged(a, b).count("⚑") == 2, (a, b)


def test_a_condition_on_consent_is_flagged_and_named_in_a_real_pair() -> None:
    # dev2 D2P11: Bucharest 2008's "will become a member" against Washington 2024's "We will
    # be in a position to extend an invitation … when Allies agree and conditions are met"
    from drafting import compare
    from drafting.render.text import render_text

    row = next(
        json.loads(line)
        for line in (corpus_dir() / "dev2_pairs.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["id"] == "D2P11"
    )
    assert "when Allies agree and conditions are met" in row["after"]
    text = render_text(compare(row["before"], row["after"]))
    line = next(x for x in text.splitlines() if x.startswith("⚑ strength:"))
    assert "adds condition 'when Allies agree'" in line
    assert "adds condition 'conditions are met'" in line
    assert "conditions are met.+}⚑" in text


def test_bracketed_options_give_a_tier_range() -> None:
    line = _line("The Parties [shall][should] consult.", "The Parties shall consult.")
    assert "removes bracketed options '[shall][should]' (tiers 2–4)" in line
    assert "shall (4, binding obligation) → shall (4" not in line


def test_an_added_sentence_adds_a_commitment_never_a_reversal() -> None:
    # Bucharest 2008 para. 23 and the US statement after Geneva 2022 (texts/ua-ge-membership)
    from drafting import compare

    a = "We agreed today that these countries will become members of NATO."
    b = (
        "We agreed today that these countries will become members of NATO. And we will not "
        "make any decisions about Ukraine without Ukraine, about Europe without Europe, "
        "about NATO without NATO."
    )
    report = compare(a, b)
    added = [s for u in report.units for s in u.strength_sentences if s.kind == "added"]
    assert added and all(not s.change.polarity_change for s in added)
    assert added[0].description == "adds a commitment: will not (3, political commitment)"
    assert "polarity" not in _line(a, b)


def test_a_title_is_not_graded_as_operative_text() -> None:
    from drafting import compare

    # constructed titles over one unchanged article
    a = "Treaty on Security Guarantees\n\nArticle 1\nThe Parties shall consult.\n"
    b = "Agreement on Security Measures\n\nArticle 1\nThe Parties shall consult.\n"
    report = compare(a, b)
    (unit,) = [u for u in report.units if u.kind == "changed"]
    assert unit.role == "title" and unit.strength is None
    assert _line(a, b) == ""


def test_a_recital_is_reported_as_a_recital_not_as_a_commitment_moved() -> None:
    from drafting import compare
    from drafting.render.text import render_text

    # constructed: a recital whose modal changes, before an unchanged operative sentence
    a = "Recalling that the Parties shall refrain from the threat of force,\n\n"
    a += "The Parties shall consult.\n"
    b = a.replace("Parties shall refrain", "Parties should refrain")
    report = compare(a, b)
    (unit,) = [u for u in report.units if u.kind == "changed"]
    assert unit.role == "preamble" and not unit.strength_marks
    (sentence,) = unit.strength_sentences
    assert sentence.kind == "recital" and sentence.change.verdict == "unchanged"
    text = render_text(report)
    assert "preamble recital: graded 0, not operative" in text
    assert "recital (0, acknowledgement: not operative), unchanged: 'shall' → 'should'" in text
    assert "(4, binding obligation)" not in text and "⚑{+" not in text and "-]⚑" not in text
    # a recital made operative is a strength change like any other
    c = a.replace("Recalling that the Parties shall", "The Parties shall")
    (moved,) = [u for u in compare(a, c).units if u.kind == "changed"]
    assert moved.role is None and moved.strength.verdict == "strengthened"


def test_a_preamble_of_a_document_is_graded_as_recitals() -> None:
    from drafting import compare
    from drafting.render.text import render_text

    # constructed: a document with a preamble and one article; the recital has no participle
    a = "Preamble\nThe Parties shall act in good faith,\n\nArticle 1\nThe Parties shall consult.\n"
    b = a.replace("shall act", "may act")
    (unit,) = [u for u in compare(a, b).units if u.kind == "changed"]
    assert unit.role == "preamble"
    assert [s.kind for s in unit.strength_sentences] == ["recital"]
    assert "unchanged: 'shall' → 'may'" in render_text(compare(a, b))


def test_a_removed_recital_and_a_recital_in_two_languages_are_recitals() -> None:
    from drafting import compare
    from drafting.diff.pipeline import compare as compare_sides
    from drafting.diff.verdicts import strength_hook
    from drafting.inputs import load_pair
    from drafting.render.text import render_text

    # the Budapest Memorandum (texts/): its English recital has no Ukrainian text here
    a, b = load_pair(
        [f"{TEXTS}/budapest-memorandum.xml#en-1994", f"{TEXTS}/budapest-memorandum.xml#uk-1994"]
    )
    text = render_text(compare_sides(a, b, DiffOptions(), strength=strength_hook()))
    assert "@@ r1 (removed, preamble recital: graded 0, not operative) @@" in text
    assert "removes a recital (0, acknowledgement: not operative)" in text
    # dev3 H2P027: the UDHR preamble in English and Russian, one recital
    row = next(
        json.loads(line)
        for line in (corpus_dir() / "dev3_pairs.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["id"] == "H2P027"
    )
    (unit,) = compare(row["before"], row["after"]).units
    assert [s.kind for s in unit.strength_sentences] == ["recital"]
    assert unit.strength_sentences[0].description.startswith(
        "recital (0, acknowledgement: not operative) in both language versions: Whereas"
    )


# ---- issue 9: instruments, languages and metadata; alignment


def test_the_same_words_under_another_instrument_are_reported_and_exit_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from support.cli import run_drafting

    # constructed on the Security Council's operative verb ("Demands that …")
    path = tmp_path / "x.txt"
    path.write_text("Demands that Iran shall suspend all enrichment-related activities.\n")
    done = run_drafting(
        "diff",
        "--instrument-a",
        "un-sc-resolution",
        "--instrument-b",
        "un-ga-resolution",
        str(path),
        str(path),
    )
    assert done.returncode == 1, done.stderr
    assert "the same words under a different instrument un-sc-resolution → un-ga-resolution" in (
        done.stdout
    )
    assert "overall strength:" in done.stdout and "weakened" in done.stdout


# constructed clause: one sentence, the same words in two drafts by two parties on two dates
SAME_WORDS_CLAUSE = """<?xml version="1.0" encoding="UTF-8"?>
<clause xmlns="urn:drafting:clause:1" id="c" schemaVersion="1">
  <meta><title xml:lang="en">Constructed</title>
    <party id="x" name="X"/><party id="y" name="Y"/></meta>
  <draft id="d1" party="x" status="proposed" date="2020-01-01" xml:lang="en" instrument="treaty">
    <s id="s1">The Parties will consult each other on security matters.</s></draft>
  <draft id="d2" party="y" status="proposed" date="2021-01-01" xml:lang="en" instrument="treaty">
    <s id="s1">The Parties will consult each other on security matters.</s></draft>
</clause>
"""


def test_the_same_words_under_another_party_date_language_or_instrument_exit_1(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from support.cli import run_drafting

    path = tmp_path / "will.txt"
    path.write_text("The Parties will consult each other on security matters.\n")  # constructed
    # treaty "will" against declaration "will": the scale's C1 moves it 4 -> 3
    done = run_drafting(
        "diff", "--instrument-a", "treaty", "--instrument-b", "political-declaration",
        str(path), str(path),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "the same words under a different instrument treaty → political-declaration" in (
        done.stdout
    )
    assert "will (4, binding obligation) → will (3, political commitment): weakened" in (
        done.stdout
    )
    done = run_drafting("diff", "--lang-a", "en", "--lang-b", "fr", str(path), str(path))
    assert done.returncode == 1 and "a different language en → fr" in done.stdout
    clause = tmp_path / "c.xml"
    clause.write_text(SAME_WORDS_CLAUSE, encoding="utf-8")
    done = run_drafting("diff", f"{clause}#d1", f"{clause}#d2")
    assert done.returncode == 1, done.stderr
    assert "a different party x → y; date 2020-01-01 → 2021-01-01" in done.stdout
    same = run_drafting("diff", f"{clause}#d1", f"{clause}#d1")
    assert same.returncode == 0 and "the same words under" not in same.stdout


def test_a_side_without_an_instrument_gets_a_note_in_every_format(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from support.cli import run_drafting

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The Parties shall consult.\n")  # constructed
    b.write_text("The Parties should consult.\n")
    for fmt in ("text", "markdown", "json"):
        done = run_drafting("diff", "--format", fmt, "--instrument-b", "treaty", str(a), str(b))
        out = json.loads(done.stdout)["notes"] if fmt == "json" else [done.stdout]
        assert any("a.txt: no instrument given" in n for n in out), fmt
        assert not any("b.txt: no instrument given" in n for n in out), fmt


def test_authentic_language_versions_never_change_strength_by_grammar() -> None:
    import json

    from drafting import compare

    rows = [
        json.loads(line)
        for path in sorted(corpus_dir().glob("*_pairs.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    versions = [r for r in rows if r.get("cross_language") and r["expected"] == "unchanged"]
    assert len(versions) >= 25
    for row in versions:
        report = compare(row["before"], row["after"])
        verdicts = [s.change.verdict for u in report.units for s in u.strength_sentences]
        assert all(v == "unchanged" for v in verdicts), row["id"]
        assert any("authentic versions of one instrument" in n for n in report.notes)


def test_articles_whose_numbers_agree_but_content_does_not_pair_by_content() -> None:
    from drafting.inputs import load_pair
    from drafting.render.text import render_text

    # Russia's draft agreement with NATO and its draft treaty with the USA (texts/): Art. 6
    # on enlargement and Art. 6 on missiles share nothing but their number (0.08); the
    # enlargement article's counterpart is paragraph 1 of Art. 4 of the treaty
    a, b = load_pair([str(TEXTS / "rus-nato-2021.xml"), str(TEXTS / "rus-usa-2021.xml")])
    report = compare(a, b, DiffOptions())
    by_label = {(u.a_label, u.b_label): u for u in report.units}
    six = by_label["Article 6", "Article 4(1)"]
    assert six.kind == "moved" and six.renumbered  # it went elsewhere: it is the one moved
    assert (six.a_after, six.b_after) == ("Article 4", "Article 3")
    assert six.match.method == "content" and 0.2 <= six.match.similarity < 0.5
    assert "further enlargement of NATO" in six.a_text
    assert six.b_text.startswith("Article 4\n1. The United States of America shall undertake")
    assert by_label[None, "Article 6"].kind == "added"  # the missiles article
    # what is left of Art. 4 of the treaty is still Art. 4 (its number), now after 4(1)
    four = by_label["Article 4", "Article 4(2)"]
    assert four.match.method == "number" and not four.renumbered and four.kind == "changed"
    assert four.b_text.startswith("2. The United States of America shall not establish")
    assert all(u.match.similarity >= 0.1 for u in report.units if u.match.method == "number")
    # each unit says which pass paired it and at what similarity, and the counts agree
    text = render_text(report)
    title = (
        "@@ Article 6 → Article 4(1) (moved from after Article 4 to after Article 3, renumbered;"
    )
    assert title in text
    assert dict(report.alignment)["content"] == 1
    # the two halves of Art. 4 cover it exactly, without overlap
    spans = sorted(u.b_span for u in report.units if (u.b_label or "").startswith("Article 4"))
    article_4 = next(blk for blk in b.blocks if blk.num == "4")
    assert spans[0][0] == article_4.start and spans[-1][1] == article_4.end
    assert spans[0][1] < spans[1][0]


def test_a_moved_sentence_says_where_it_was_and_is() -> None:
    from drafting.render.text import render_text

    a = "The Parties shall consult.\n\nEach Party may withdraw.\n\nThis Treaty enters into force.\n"
    b = "Each Party may withdraw.\n\nThis Treaty enters into force.\n\nThe Parties shall consult.\n"
    text = render_text(compare(side_from_string(a, name="a"), side_from_string(b, name="b")))
    assert "moved from first to after “This Treaty enters into force.”" in text
    assert "first to first" not in text


def test_the_same_term_twice_is_named_once_with_its_count() -> None:
    # constructed: two "shall" removed from one sentence
    line = _line(
        "The Parties shall consult and shall report.",
        "The Parties consult and report.",
    )
    assert "removes shall (4, binding obligation) ×2" in line
    assert line.count("removes shall") == 1
