"""``import_spans`` is ``import_text`` as spans and ids: the same articles, paragraphs and
sentences, with the same spans and ids, for any text; a diff side loaded from a plain-text
or Markdown input through it is the side made of ``import_text``'s document.

Every text here is constructed for the test."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.corpus import corpus_dir

from drafting.diff.sides import Side, side_from_text
from drafting.errors import InputError
from drafting.formats.plaintext import TextSpans, import_spans, import_text
from drafting.formats.source import MAX_TEXT_CHARS
from drafting.inputs import SideOptions, load_side
from drafting.model import Document, Paragraph

# constructed: what the importer tells apart (article labels of each form, paragraph numbers,
# bullets, Markdown headings and titles, wrapped lines, blank lines, odd spaces, brackets)
_PARTS = st.sampled_from(
    [
        "Article 1",
        "Article 2 — Scope",
        "ARTICLE IV",
        "Статья 3",
        "## Article 5",
        "**Article 6**",
        "Art. 8.",
        "Article 1er",
        "Article 9 of the Treaty applies.",
        "# Title",
        "## Heading",
        "Heading words",
        "1. ",
        "(a) ",
        "a) ",
        "- ",
        "* ",
        "The Parties shall act.",
        "It binds them. No. 5 applies",
        " in accordance with",
        "[Alt 1: x. Alt 2: y.]",
        "Стороны не размещают силы.",
        "\n",
        "\n\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "\r\n",
        "\x0c",
        "\u00a0",
    ]
)
_TEXTS = st.lists(_PARTS, max_size=40).map("".join)


def _paragraph_spans(paragraphs: tuple[Paragraph, ...]) -> list[tuple[int, int, str]]:
    found = []
    for paragraph in paragraphs:
        for sentence in paragraph.sentences:
            assert sentence.span is not None
            found.append((*sentence.span, sentence.id))
    return found


def _as_spans(document: Document) -> TextSpans:
    """What ``import_spans`` should give for a document ``import_text`` made."""
    articles = []
    for article in document.articles:
        assert article.span is not None
        sentences = _paragraph_spans(article.paragraphs)
        articles.append(
            (*article.span, sentences, article.id, article.num, article.label, article.heading)
        )
    paragraphs = (*document.preamble, *(p for a in document.articles for p in a.paragraphs))
    longest = max((p.span[1] - p.span[0] for p in paragraphs if p.span is not None), default=0)
    return TextSpans(document.language, _paragraph_spans(document.preamble), articles, longest)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.sampled_from([None, "fr"]))
def test_import_spans_is_import_text_as_spans_and_ids(text: str, language: str | None) -> None:
    assert import_spans(text, language=language) == _as_spans(import_text(text, language=language))


def _text_side(text: str) -> Side:
    """The side of ``text`` made of ``import_text``'s document, as ``load_side`` makes it."""
    side = side_from_text(text, import_text(text), name="-")
    return replace(side, info=replace(side.info, instrument=None))


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_a_loaded_text_is_the_side_of_its_document(text: str) -> None:
    # (a text that starts like XML or Markdown goes to the reader its content picks)
    data = text.encode()
    assert load_side("-", stdin=io.BytesIO(data)) == _text_side(text)


def test_corpus_texts_load_as_the_sides_of_their_documents() -> None:
    texts = []
    for path in sorted(corpus_dir().glob("*_pairs.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts += [v for k, v in record.items() if k in ("before", "after", "a", "b")]
    assert len(texts) > 100
    for text in texts:
        assert import_spans(text) == _as_spans(import_text(text))
        assert load_side("-", stdin=io.BytesIO(text.encode())) == _text_side(text)


def test_instrument_and_language_given_for_a_side_are_kept() -> None:
    data = b"Article 1\nThe Parties shall act.\n"
    side = load_side("-", options=SideOptions("fr", "treaty"), stdin=io.BytesIO(data))
    assert (side.info.language, side.info.instrument) == ("fr", "treaty")


def test_a_sentence_over_the_cap_is_refused_and_a_long_paragraph_is_read() -> None:
    # constructed: one sentence over the cap; then a paragraph over it of two sentences under
    long = "Word " + "word " * (MAX_TEXT_CHARS // 5 - 1) + "end."
    with pytest.raises(InputError, match=r"sentence \S+ is 100,004 characters, over"):
        load_side("-", stdin=io.BytesIO(f"Article 1\nFirst.\n\n{long} Next.".encode()))
    half = "Word " + "word " * (MAX_TEXT_CHARS // 10 - 1) + "end."
    text = f"Article 1\n{half} {half}\n"
    assert import_spans(text).longest > MAX_TEXT_CHARS
    assert load_side("-", stdin=io.BytesIO(text.encode())) == _text_side(text)


def test_a_text_without_article_headings_is_one_front_block_of_its_sentences() -> None:
    text = "One thing. Another.\n\n1. A third.\n"  # constructed
    side = load_side("-", stdin=io.BytesIO(text.encode()))
    assert [(b.id, b.num, b.start, b.end) for b in side.blocks] == [("front", None, 0, 32)]
    assert [(p.start, p.end, p.id) for p in side.blocks[0].pieces] == [
        (0, 10, "text-p1-s1"),
        (11, 19, "text-p1-s2"),
        (21, 23, None),
        (24, 32, "text-p2-s1"),
    ]


def test_sentence_ids_number_every_sentence_of_a_long_paragraph() -> None:
    text = "Article 1\n" + " ".join(
        f"Sentence number {k} ends." for k in range(1, 71)
    )  # constructed
    found = import_spans(text)
    ids = [sid for _, _, sid in found.articles[0][2]]
    assert ids == [f"art-1-p1-s{k}" for k in range(1, 71)]
    assert found == _as_spans(import_text(text))
