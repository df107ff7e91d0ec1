"""Plain text and Markdown → Document: headings, paragraphs, ids, spans, and the CLI round trip.

Article texts quoted from a party come from /work/shared/corpus (Russia's draft agreement with
NATO of 17 December 2021, entries S048-S053); every other text is constructed for the test.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support.cli import run_drafting

from drafting.formats.clausexml import read_document
from drafting.formats.plaintext import import_text, normalise_article_number
from drafting.formats.validation import validate_path
from drafting.model import Document
from drafting.text.language import detect_language

# Russia's draft agreement with NATO (corpus S048, S049, S050, S053), laid out as plain text.
RUS_NATO = """\
Agreement on measures to ensure the security of the Russian Federation and member States of NATO

Article 1
1. The Parties shall guide in their relations by the principles of cooperation, equal and \
indivisible security. They shall not strengthen their security individually, within \
international organizations, military alliances or coalitions at the expense of the security \
of other Parties.
2. The Parties shall settle all international disputes in their mutual relations by peaceful \
means and refrain from the use or threat of force in any manner inconsistent with the purposes \
of the United Nations.

Article 6
All member States of the North Atlantic Treaty Organization commit themselves to refrain from \
any further enlargement of NATO, including the accession of Ukraine as well as other States.
"""


def check_spans(text: str, doc: Document) -> None:
    """Every sentence's span reads back as its text (whitespace runs collapsed)."""
    for article in doc.articles:
        assert article.span is not None
    for sentence in doc.sentences:
        assert sentence.span is not None
        start, end = sentence.span
        assert " ".join(text[start:end].split()) == sentence.text


def test_corpus_draft_imports_with_numbers_ids_and_exact_spans() -> None:
    doc = import_text(RUS_NATO, doc_id="rus-nato-2021", party="rus", date="2021-12-17")
    assert doc.title.startswith("Agreement on measures")
    assert doc.preamble == ()
    assert [a.id for a in doc.articles] == ["art-1", "art-6"]
    assert [a.label for a in doc.articles] == ["Article 1", "Article 6"]
    first = doc.articles[0]
    assert [p.num for p in first.paragraphs] == ["1", "2"]
    assert [s.id for s in first.sentences] == ["art-1-p1-s1", "art-1-p1-s2", "art-1-p2-s1"]
    assert first.sentences[1].text.startswith("They shall not strengthen")
    assert doc.articles[1].paragraphs[0].num is None
    check_spans(RUS_NATO, doc)
    for sentence in doc.sentences:  # single-line input: spans are the text exactly
        assert sentence.span is not None
        assert RUS_NATO[sentence.span[0] : sentence.span[1]] == sentence.text


@pytest.mark.parametrize(
    ("line", "num", "label", "heading"),
    [
        ("Article 4", "4", "Article 4", None),
        ("Art. 4", "4", "Art. 4", None),
        ("ARTICLE IV", "4", "ARTICLE IV", None),
        ("Article XIV", "14", "Article XIV", None),
        ("Статья 4", "4", "Статья 4", None),
        ("Стаття 4", "4", "Стаття 4", None),
        ("Article premier", "1", "Article premier", None),
        ("Article 1er", "1", "Article 1er", None),
        ("Article 4 bis", "4bis", "Article 4 bis", None),
        ("## Article 4 — Scope", "4", "Article 4", "Scope"),
        ("# Article 4: Scope", "4", "Article 4", "Scope"),
        ("Article 4. Scope", "4", "Article 4", "Scope"),
        ("Article 4 - Scope", "4", "Article 4", "Scope"),
        ("**Article 4**", "4", "Article 4", None),
        ("Статья 5. Заключительные положения", "5", "Статья 5", "Заключительные положения"),
    ],
)
def test_heading_forms(line: str, num: str, label: str, heading: str | None) -> None:
    text = f"{line}\nThe Parties agree.\n"  # constructed
    doc = import_text(text)
    assert len(doc.articles) == 1
    article = doc.articles[0]
    assert (article.num, article.label, article.heading) == (num, label, heading)
    assert article.id == f"art-{num.lower()}"
    assert [s.text for s in article.sentences] == ["The Parties agree."]


def test_heading_on_the_next_line() -> None:
    text = "Article 9\nFinal provisions\nThis Agreement shall enter into force.\n"  # constructed
    article = import_text(text).articles[0]
    assert article.heading == "Final provisions"
    assert [s.text for s in article.sentences] == ["This Agreement shall enter into force."]


def test_a_lone_short_line_after_a_heading_is_text_not_heading() -> None:
    article = import_text("Article 9\nNo reservations\n").articles[0]  # constructed
    assert article.heading is None
    assert [s.text for s in article.sentences] == ["No reservations"]


def test_long_text_after_the_label_is_the_first_paragraph() -> None:
    text = (  # constructed
        "Article 5. The Parties shall settle all disputes by peaceful means and refrain from "
        "the use of force in any manner whatsoever.\n"
    )
    article = import_text(text).articles[0]
    assert article.heading is None
    assert article.sentences[0].text.startswith("The Parties shall settle")
    check_spans(text, import_text(text))


def test_a_short_sentence_after_the_label_is_text() -> None:
    article = import_text("Article 5. The Parties shall consult each other.\n").articles[0]
    assert article.heading is None  # constructed
    assert [s.text for s in article.sentences] == ["The Parties shall consult each other."]


def test_a_wrapped_reference_at_line_start_is_not_a_heading() -> None:
    text = (  # constructed
        "Article 1\nThe Parties shall act in accordance with\nArticle 5.\n"
        "Article 2\nIn case of\nArticle 5 — as above\n"
    )
    doc = import_text(text)
    assert [a.num for a in doc.articles] == ["1", "2"]
    assert [s.text for s in doc.articles[0].sentences] == [
        "The Parties shall act in accordance with Article 5."
    ]


def test_a_sentence_starting_with_article_is_not_a_heading() -> None:
    text = "Article 1\nThe Parties agree.\nArticle 5 of the Treaty shall apply.\n"  # constructed
    doc = import_text(text)
    assert [a.num for a in doc.articles] == ["1"]
    assert doc.articles[0].sentences[-1].text == "Article 5 of the Treaty shall apply."


def test_numbered_paragraphs_of_each_form() -> None:
    text = (  # constructed
        "Article 2\n"
        "1. First paragraph.\n"
        "2) Second paragraph.\n"
        "(a) a lettered item;\n"
        "(iv) a roman item;\n"
        "b) another item.\n"
    )
    paragraphs = import_text(text).articles[0].paragraphs
    assert [p.num for p in paragraphs] == ["1", "2", "a", "iv", "b"]
    assert [p.sentences[0].text for p in paragraphs] == [
        "First paragraph.",
        "Second paragraph.",
        "a lettered item;",
        "a roman item;",
        "another item.",
    ]


def test_markdown_bullets_are_paragraphs_without_their_bullet() -> None:
    text = "Article 2\nThe Parties shall\n- consult each other;\n* exchange data;\n• report.\n"
    doc = import_text(text)  # constructed
    paragraphs = doc.articles[0].paragraphs
    assert [p.sentences[0].text for p in paragraphs] == [
        "The Parties shall",
        "consult each other;",
        "exchange data;",
        "report.",
    ]
    assert [p.num for p in paragraphs] == [None, None, None, None]
    check_spans(text, doc)


def test_wrapped_lines_join_into_one_paragraph() -> None:
    text = "Article 3\n1. The Parties shall\n   consult each other.\n2. Next.\n"  # constructed
    doc = import_text(text)
    paragraphs = doc.articles[0].paragraphs
    assert [p.num for p in paragraphs] == ["1", "2"]
    assert paragraphs[0].sentences[0].text == "The Parties shall consult each other."
    check_spans(text, doc)


def test_number_alone_on_its_line_takes_the_next_line_as_text() -> None:
    text = "Article 3\n1.\nThe Parties agree.\n"  # constructed
    paragraph = import_text(text).articles[0].paragraphs[0]
    assert paragraph.num == "1"
    assert [s.text for s in paragraph.sentences] == ["The Parties agree."]


def test_preamble_and_markdown_title() -> None:
    text = (  # constructed
        "# Draft Agreement\n\nThe Parties,\n\nRecalling the Charter,\n\n"
        "## Article 1 — Principles\n\nThe Parties agree.\n"
    )
    doc = import_text(text)
    assert doc.title == "Draft Agreement"
    assert [p.id for p in doc.preamble] == ["pre-p1", "pre-p2"]
    assert [s.id for s in doc.preamble[0].sentences] == ["pre-p1-s1"]
    assert doc.articles[0].heading == "Principles"


def test_explicit_title_wins() -> None:
    assert import_text("# Draft\n\nArticle 1\nText.\n", title="Mine").title == "Mine"


def test_text_without_articles_is_one_numberless_article() -> None:
    text = "We agreed today that these countries will become members of NATO.\n"  # corpus S083
    doc = import_text(text)
    assert doc.preamble == ()
    assert len(doc.articles) == 1
    article = doc.articles[0]
    assert (article.id, article.num, article.label) == ("text", None, None)
    assert [s.id for s in article.sentences] == ["text-p1-s1"]
    check_spans(text, doc)


def test_repeated_article_numbers_get_unique_ids() -> None:
    doc = import_text("Article 1\nA.\n\nArticle premier\nB.\n\nARTICLE I\nC.\n")  # constructed
    ids = [a.id for a in doc.articles]
    assert ids == ["art-1", "art-1-2", "art-1-3"]
    all_ids = [x.id for a in doc.articles for x in (a, *a.paragraphs, *a.sentences)]
    assert len(all_ids) == len(set(all_ids))


def test_ids_are_stable_across_imports_and_edits_elsewhere() -> None:
    before = import_text(RUS_NATO)
    edited = RUS_NATO.replace("peaceful means", "peaceful means only")
    after = import_text(edited)
    assert [s.id for s in before.sentences] == [s.id for s in after.sentences]
    assert before == import_text(RUS_NATO)


def test_spans_point_into_the_text_as_read_with_crlf_and_bom() -> None:
    text = "\ufeffArticle 1\r\n1. The Parties agree.  It binds.\r\n"  # constructed
    doc = import_text(text)
    sentences = doc.sentences
    assert [s.text for s in sentences] == ["The Parties agree.", "It binds."]
    for s in sentences:
        assert s.span is not None
        assert text[s.span[0] : s.span[1]] == s.text
    assert text[slice(*doc.articles[0].span)].startswith("Article 1")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Parties shall not deploy forces in any of the States.", "en"),
        ("Les parties conviennent qu'une attaque armée contre l'une est une attaque.", "fr"),
        ("Государство не вправе ссылаться на то обстоятельство.", "ru"),
        ("Учасник повідомляє не менш як за дванадцять місяців про свій намір.", "uk"),
        # constructed; no letter only Ukrainian has: the importer once said Russian here
        # while `drafting strength` said Ukrainian (two detectors; now one)
        ("Ми домовилися про це.", "uk"),
    ],
)
def test_language_guess(text: str, language: str) -> None:
    # corpus-like sentences (fragments of D2S088, D2S092, S164) only used to guess a language
    assert detect_language(text) == language
    assert import_text(text).language == language


def test_given_language_and_metadata_are_kept() -> None:
    doc = import_text(
        "Article 1\nTexte.\n", doc_id="x", party="fra", date="2020-01-02", language="fr"
    )
    assert (doc.id, doc.party, doc.date, doc.language) == ("x", "fra", "2020-01-02", "fr")


@pytest.mark.parametrize(
    ("raw", "num"),
    [
        ("IV", "4"),
        ("XLIX", "49"),
        ("premier", "1"),
        ("1er", "1"),
        ("007", "7"),
        ("4 bis", "4bis"),
        ("12", "12"),
        ("0", "0"),
        ("\u0663", "3"),  # an Arabic-Indic digit three is a digit as well
        ("5a", "5a"),
    ],
)
def test_article_numbers_normalise(raw: str, num: str) -> None:
    assert normalise_article_number(raw) == num


def test_article_ids_are_made_of_their_numbers() -> None:
    text = "".join(f"Article {n}\nText.\n\n" for n in ("12", "4 bis", "007", "IV", "\u0663", "12"))
    doc = import_text(text)  # constructed
    assert [a.id for a in doc.articles] == [
        "art-12",
        "art-4bis",
        "art-7",
        "art-4",
        "art-3",
        "art-12-2",
    ]


# ------------------------------------------------------------------------- properties

WORDS = st.sampled_from(
    ["The", "Parties", "shall", "Art.", "5", "U.S.", "e.g.", "3.5", "«", "»", "Non", "!", "ст."]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda w: " ".join(w) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.tuples(
    st.sampled_from(["Article", "ARTICLE", "Art.", "Статья", "## Article"]),
    st.integers(min_value=1, max_value=30),
    st.lists(PARAGRAPH, min_size=1, max_size=3),
    st.sampled_from(["\n", "\n\n", "\r\n"]),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(ARTICLE, max_size=5), st.lists(PARAGRAPH, max_size=2))
def test_generated_drafts_keep_every_word_with_exact_spans(articles, preamble) -> None:  # type: ignore[no-untyped-def]
    parts = ["\n\n".join(preamble)] if preamble else []
    for word, number, paragraphs, newline in articles:
        parts.append(f"{word} {number}{newline}" + newline.join(paragraphs))
    text = "\n\n".join(parts) + "\n"
    doc = import_text(text)
    check_spans(text, doc)
    spans = [s.span for s in doc.sentences]
    assert all(a is not None for a in spans)
    assert spans == sorted(spans)  # type: ignore[type-var]
    for (_, end), (start, _) in itertools.pairwise(spans):  # type: ignore[misc]
        assert end <= start
    ids = [x.id for p in doc.preamble for x in (p, *p.sentences)]
    ids += [x.id for a in doc.articles for x in (a, *a.paragraphs, *a.sentences)]
    assert len(ids) == len(set(ids))
    paragraphs_in = [*preamble, *(p for _, _, ps, _ in articles for p in ps)]
    words_in = re.findall(r"\w+", "\n".join(paragraphs_in))
    paragraphs_out = [*doc.preamble, *(p for a in doc.articles for p in a.paragraphs)]
    pieces = [x for p in paragraphs_out for x in (p.num or "", *(s.text for s in p.sentences))]
    words_out = re.findall(r"\w+", " ".join(pieces))  # a paragraph number is kept as its num
    assert words_out == words_in


# ------------------------------------------------------------------------- command line


drafting = run_drafting


def test_cli_import_round_trip_validates(tmp_path: Path) -> None:
    source = tmp_path / "rus-nato.txt"
    source.write_text(RUS_NATO, encoding="utf-8")
    out = tmp_path / "rus-nato.xml"
    done = drafting("import", str(source), "-o", str(out), "--party", "rus", "--date", "2021-12-17")
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert validate_path(out) == []
    back = read_document(out)
    assert back == import_text(RUS_NATO, doc_id="rus-nato", party="rus", date="2021-12-17")


def test_cli_import_reads_stdin_and_writes_stdout(tmp_path: Path) -> None:
    done = drafting("import", "-", "--lang", "en", "--title", "T", stdin=RUS_NATO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<document ')
    out = tmp_path / "out.xml"
    out.write_text(done.stdout, encoding="utf-8")
    assert validate_path(out) == []
    assert read_document(out).title == "T"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "17.12.2021"], "--date"),
        (["--date", "2021-02-30"], "calendar date"),
        (["--party", "not a party"], "--party"),
        (["--id", "bad id"], "--id"),
        (["--instrument", "pact"], "--instrument"),
    ],
)
def test_cli_import_rejects_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Article 1\nText.\n", encoding="utf-8")
    done = drafting("import", str(source), *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_import_trouble_is_one_line_and_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out.xml"
    out.write_bytes(b"original")
    cases = {
        "missing": (tmp_path / "missing.txt", "no such file"),
        "binary": (tmp_path / "latin1.txt", "not UTF-8"),
        "empty": (tmp_path / "empty.txt", "no text to import"),
    }
    cases["binary"][0].write_bytes("Article 1\nCafé.\n".encode("latin-1"))
    cases["empty"][0].write_text(" \n\n", encoding="utf-8")
    for path, message in cases.values():
        done = drafting("import", str(path), "-o", str(out))
        assert done.returncode == 2
        assert message in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
        assert "Traceback" not in done.stderr
        assert out.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "latin1.txt", "out.xml"]


def test_cli_help_has_examples() -> None:
    done = drafting("import", "--help")
    assert done.returncode == 0
    assert "Examples:" in done.stdout
    assert "drafting import" in done.stdout


def test_form_feeds_and_separators_become_spaces() -> None:
    text = "# Draft\x0ctitle\n\nArticle 1\nThe Parties\x0cagree.  It\x0bbinds.\n"  # constructed
    doc = import_text(text)
    assert doc.title == "Draft title"
    assert [s.text for s in doc.sentences] == ["The Parties agree.", "It binds."]


def test_cli_import_refuses_control_characters_with_their_place(tmp_path: Path) -> None:
    source = tmp_path / "ctl.txt"
    source.write_text("Article 1\nThe\x01 Parties.\n", encoding="utf-8")  # constructed
    done = drafting("import", str(source))
    assert done.returncode == 2
    assert f"{source}:2:4: control character U+0001" in done.stderr
    assert done.stdout == ""


# constructed pieces: words, full stops, runs of every kind of space the importer collapses,
# bracketed options, headings and paragraph numbers
_PIECES = st.sampled_from(
    [
        "The Parties shall act",
        "It binds them",
        ". ",
        ".",
        " ",
        "  ",
        "\t",
        "\r",
        "\n",
        "\n\n",
        "\x0c",
        "\x1e",
        "\u00a0",
        "[shall][should]",
        "[Alt 1: x. Alt 2: y.]",
        "Article 1\n",
        "1. ",
    ]
)


@given(st.lists(_PIECES, max_size=14).map("".join))
@example("The Parties shall act  It binds them.")
@example("The Parties shall act\tIt binds them.")
@example("The Parties shall act\rIt binds them.")
def test_each_sentence_is_its_span_with_spaces_collapsed_and_brackets_marked(text: str) -> None:
    from drafting.amend.brackets import with_brackets
    from drafting.model import Sentence

    document = import_text(text)
    for paragraph in (*document.preamble, *(p for a in document.articles for p in a.paragraphs)):
        assert paragraph.span is not None
        first, last = paragraph.sentences[0].span, paragraph.sentences[-1].span
        assert first is not None and last is not None
        assert paragraph.span[0] <= first[0] and last[1] == paragraph.span[1]
    for sentence in document.sentences:
        assert sentence.span is not None
        a, b = sentence.span
        expected = re.sub(r"[ \t\r\n\x0b\x0c\x1c-\x1f]+", " ", text[a:b])
        assert sentence.text == expected
        assert sentence == with_brackets(Sentence(sentence.id, expected, (), (a, b)))


def test_a_line_after_the_label_is_a_heading_up_to_twelve_words_without_closing_punctuation() -> (
    None
):
    from drafting.formats.plaintext import MAX_HEADING_WORDS

    def first_article(line: str) -> tuple[str | None, int]:
        # constructed: a label, a candidate heading line, then a sentence
        doc = import_text(f"Article 1\n{line}\nThe Parties shall act.\n")
        article = doc.articles[0]
        return article.heading, len(article.paragraphs)

    words = ["Scope", "of", "the", "mutual", "guarantees", "given", "here"] * 2
    assert first_article(" ".join(words[:MAX_HEADING_WORDS])) == (
        " ".join(words[:MAX_HEADING_WORDS]),
        1,
    )
    assert first_article(" ".join(words[: MAX_HEADING_WORDS + 1]))[0] is None
    for end in (".", ";", ":", ",", ",”"):
        assert first_article(f"Scope of the guarantees{end}")[0] is None
    assert first_article("Scope of the guarantees and")[0] is None


def test_every_label_is_a_heading_alone_in_markdown_and_in_bold() -> None:
    labels = ["Article", "ARTICLE", "Art.", "ART.", "Статья", "СТАТЬЯ", "Ст.", "Стаття", "СТАТТЯ"]
    for label in labels:
        # ("__" closing right after the number is not read as bold: only before a heading)
        for before, after in (("", ""), ("## ", ""), ("**", "**"), ("__", " — Scope__")):
            # constructed: a preamble line, the heading line, one sentence
            text = f"Preamble text.\n\n{before}{label} 2{after}\nThe Parties shall act.\n"
            articles = import_text(text).articles
            assert [(a.num, a.label) for a in articles] == [("2", f"{label} 2")], text
