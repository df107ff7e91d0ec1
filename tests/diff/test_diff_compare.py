"""The diff pipeline end to end: exact ops over whole texts, structure, schema, determinism."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.reports import check_report

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare, side_from_document, side_from_draft
from drafting.diff.report import report_to_dict
from drafting.inputs import diff_texts as diff
from drafting.inputs import side_from_string
from drafting.model import Article, Document, Draft, Paragraph, Sentence

SENTENCES = st.sampled_from(
    [
        "The Parties shall consult each other.",
        "Les Parties s’abstiennent de tout déploiement ; elles coopèrent « de bonne foi ».",
        "Стороны не размещают вооружённые силы.",
        "Сторони не розміщують збройні сили.",
        "Cafe\u0301 de\u0301cide\u0301 — now.",
        "NATO will never deploy forces.",
        "  ",
        "",
    ]
)
WORD_EDIT = st.sampled_from(["shall", "should", "never", "не", "«", "—", "  ", "\n", "Article 2\n"])


@st.composite
def text_pairs(draw: st.DrawFn) -> tuple[str, str]:
    parts = draw(st.lists(SENTENCES, max_size=8))
    a = " ".join(parts)
    edits = draw(st.lists(st.tuples(st.integers(0, max(0, len(a))), WORD_EDIT), max_size=4))
    b = a
    for position, word in sorted(edits, reverse=True):
        b = b[:position] + word + b[position:]
    if draw(st.booleans()):
        a = "Article 1\n" + a
        b = "Article 1\n" + b
    return a, b


@settings(max_examples=60, deadline=None)
@given(text_pairs(), st.booleans(), st.booleans(), st.sampled_from(["word", "char"]))
def test_ops_rebuild_every_unit_of_random_texts(
    pair: tuple[str, str], case: bool, punct: bool, granularity: str
) -> None:
    a, b = pair
    options = DiffOptions(ignore_case=case, ignore_punctuation=punct, granularity=granularity)
    report = diff(a, b, options)
    check_report(report, a, b)


@settings(max_examples=40, deadline=None)
@given(st.lists(SENTENCES, max_size=6))
def test_texts_differing_only_in_whitespace_are_identical(parts: list[str]) -> None:
    a = " ".join(parts)
    b = "\n".join(p.replace(" ", "  ") for p in parts)
    report = diff(a, b)
    check_report(report, a, b)
    assert report["identical"]


def test_empty_inputs() -> None:
    for a, b in (("", ""), ("", "Some text."), ("Some text.", "")):
        report = diff(a, b)
        check_report(report, a, b)
        assert report["identical"] == (a == b)


# constructed treaty text: distinct articles with real-looking, invented sentences
ARTICLES = [
    "Article {n}\nThe Parties shall respect the borders of each other. They consult in good faith.",
    "Article {n}\nNo Party shall deploy missiles in range of the other. Inspections are mutual.",
    "Article {n}\nEach Party may withdraw by written notice. Withdrawal takes six months.",
    "Article {n}\nDisputes are settled by negotiation. The Depositary keeps the records.",
    "Article {n}\nThis Agreement enters into force on signature. It lasts ten years.",
]


def treaty(order: list[int], edit: dict[int, tuple[str, str]] | None = None) -> str:
    parts = []
    for k in order:
        text = ARTICLES[k].format(n=k + 1)
        if edit and k in edit:
            text = text.replace(*edit[k])
        parts.append(text)
    return "\n\n".join(parts) + "\n"


def test_a_moved_article_is_reported_as_moved_with_its_edits() -> None:
    a = treaty([0, 1, 2, 3, 4])
    b = treaty([0, 2, 3, 1, 4], {1: ("shall deploy", "should deploy")})
    report = diff(a, b)
    check_report(report, a, b)
    kinds = [(u["kind"], u["a_label"]) for u in report["units"]]
    assert kinds == [
        ("same", "Article 1"),
        ("same", "Article 3"),
        ("same", "Article 4"),
        ("moved", "Article 2"),
        ("same", "Article 5"),
    ]
    moved = report["units"][3]
    assert (moved["a_after"], moved["b_after"]) == ("Article 1", "Article 4")
    changes = [(o["op"], o["text"]) for o in moved["ops"] if o["op"] != "equal"]
    assert changes == [("delete", "shall"), ("insert", "should")]
    assert report["stats"]["moved"] == 1
    assert not report["identical"]


def test_a_single_modal_change_is_a_unit_and_an_op_of_its_own() -> None:
    # constructed clause, sentence units
    a = "The Parties shall consult each other. They will notify the Council."
    b = "The Parties should consult each other. They will notify the Council."
    report = diff(a, b)
    check_report(report, a, b)
    changed = [u for u in report["units"] if u["kind"] != "same"]
    assert len(changed) == 1
    assert [(o["op"], o["text"]) for o in changed[0]["ops"]] == [
        ("equal", "The Parties "),
        ("delete", "shall"),
        ("insert", "should"),
        ("equal", " consult each other."),
    ]
    assert report["stats"] == {
        "insertions": 0,
        "deletions": 0,
        "replacements": 1,
        "moved": 0,
        "added": 0,
        "removed": 0,
        "changed": 1,
        "same": 1,
    }


def test_renumbered_article_keeps_its_pair_and_says_renumbered() -> None:
    a = treaty([0, 1, 2])
    b = (
        "Article 1\nA new first article is inserted here today.\n\n"
        + "\n\n".join(ARTICLES[k].format(n=k + 2) for k in range(3))
        + "\n"
    )
    report = diff(a, b)
    check_report(report, a, b)
    renumbered = [u for u in report["units"] if u["renumbered"]]
    assert [(u["a_label"], u["b_label"]) for u in renumbered] == [
        ("Article 1", "Article 2"),
        ("Article 2", "Article 3"),
        ("Article 3", "Article 4"),
    ]
    assert report["stats"]["added"] == 1


def test_documents_and_drafts_are_rendered_with_stated_offsets() -> None:
    sentence = Sentence("art-1-p1-s1", "The Parties shall not deploy forces.")
    document = Document(
        id="d",
        title="Constructed agreement",
        articles=(
            Article("art-1", (Paragraph("art-1-p1", (sentence,), num="1"),), "1", "Article 1"),
        ),
    )
    side = side_from_document(document, name="d.xml")
    assert (
        side.text == "Constructed agreement\n\nArticle 1\n1. The Parties shall not deploy forces.\n"
    )
    assert side.info.offsets == "rendering"
    draft = Draft(
        "x",
        "p",
        "proposed",
        "2022-01-01",
        "en",
        "statement",
        (Sentence("s1", "A."), Sentence("s2", "B.")),
    )
    assert side_from_draft(draft, name="c.xml#x").text == "A. B."


def test_identical_output_on_every_run() -> None:
    a = treaty([0, 1, 2, 3, 4])
    b = treaty([4, 1, 2, 3, 0], {2: ("may", "shall")})
    first = json.dumps(diff(a, b), ensure_ascii=False)
    assert all(json.dumps(diff(a, b), ensure_ascii=False) == first for _ in range(3))


def test_report_dataclasses_match_the_api() -> None:
    a, b = treaty([0, 1]), treaty([1, 0])
    report = compare(side_from_string(a, name="a"), side_from_string(b, name="b"), DiffOptions())
    assert report_to_dict(report)["units"] == diff(a, b)["units"]


def test_bad_options_are_refused() -> None:
    with pytest.raises(ValueError):
        DiffOptions(replace_below=2.0)
    with pytest.raises(ValueError):
        DiffOptions(granularity="line")  # type: ignore[arg-type]


# constructed articles with distinct words, for moves in a longer text
WORDS = [f"w{k}x" for k in range(400)]


def numbered_article(number: int, index: int) -> str:
    words = WORDS[index * 12 : index * 12 + 12]
    return f"Article {number}\nThe Parties {' '.join(words[:6])}. They {' '.join(words[6:])}."


@settings(max_examples=30, deadline=None)
@given(st.integers(6, 20), st.data())
def test_an_article_moved_two_places_or_more_is_reported_moved(
    count: int, data: st.DataObject
) -> None:
    source = data.draw(st.integers(0, count - 1))
    target = data.draw(st.integers(0, count - 1).filter(lambda t: abs(t - source) >= 2))
    order = list(range(count))
    order.insert(target, order.pop(source))
    a = "\n\n".join(numbered_article(k + 1, k) for k in range(count)) + "\n"
    b = "\n\n".join(numbered_article(k + 1, k) for k in order) + "\n"
    report = diff(a, b)
    check_report(report, a, b)
    moved = [u["a_label"] for u in report["units"] if u["kind"] == "moved"]
    assert moved == [f"Article {source + 1}"]
    assert report["stats"]["same"] == count - 1


@settings(max_examples=40, deadline=None)
@given(text_pairs())
def test_redlines_keep_marks_within_a_line(pair: tuple[str, str]) -> None:
    import re

    from drafting.render.markdown import render_markdown
    from drafting.render.text import render_text

    a, b = pair
    report = compare(side_from_string(a, name="a"), side_from_string(b, name="b"))
    markdown = render_markdown(report)
    for mark in re.findall(r"\{--.*?--\}|\{\+\+.*?\+\+\}", markdown, flags=re.DOTALL):
        assert "\n" not in mark
    for width in (40, 120):
        # two columns of max(20, (width - 3) // 2) characters around " │ "
        widest = 2 * max(20, (width - 3) // 2) + 3
        for line in render_text(report, side_by_side=True, width=width).splitlines():
            if " │ " in line:
                assert len(line) <= widest, line
    plain = render_text(report)
    assert plain.count("[-") == plain.count("-]") or "-]" in a + b or "[-" in a + b


def test_the_lexicons_of_strength_words_are_compiled_before_the_jobs_are_shared_out() -> None:
    """Articles to diff that a mapper may share with forked processes: the lexicons that
    tell a strength word (English and French for a Latin text) are compiled before the
    mapper runs, once, rather than in each process that folds chance anchors (constructed
    articles)."""
    from drafting.diff import chance
    from drafting.diff.pipeline import serial_map

    seen: list[int] = []

    def mapper(function, items, weights):  # type: ignore[no-untyped-def]
        seen.append(chance._compiled.cache_info().currsize)
        return serial_map(function, items, weights)

    a = "Article 1\nThe Parties shall consult.\n\nArticle 2\nThe Parties shall not deploy forces.\n"
    b = "Article 1\nThe Parties should consult.\n\nArticle 2\nThe Parties may deploy forces.\n"
    side_a = side_from_string(a, name="a", language="en")
    side_b = side_from_string(b, name="b", language="en")
    chance._compiled.cache_clear()
    compare(side_a, side_b, mapper=mapper)
    assert seen == [2]
    chance._compiled.cache_clear()
    compare(side_a, side_from_string(a.replace("shall consult", "should consult")), mapper=mapper)
    assert seen == [2, 0]  # one article pair to diff: nothing to share, nothing compiled ahead
