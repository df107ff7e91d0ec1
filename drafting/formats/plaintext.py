"""Turn a plain-text or Markdown draft treaty into a :class:`~drafting.model.Document`.

A pipeline of named stages, each a function: find the non-blank lines, cut them into the
preamble and one section per article heading, group each section's lines into paragraphs,
split paragraphs into sentences, then give everything a stable id. Every Article, Paragraph
and Sentence keeps a ``span`` into the text *as given*, so reports can point at the input.

Recognised article headings (optionally as a Markdown heading or in ``**bold**``): "Article 4",
"Art. 4", "ARTICLE IV" (Roman numerals become "4"), "Статья 4", "Стаття 4", "Ст. 4",
"Article premier" / "Article 1er" (become "1"), with an optional heading after a dash, colon
or full stop on the same line, or alone on the next line. A text without any article heading
becomes one article with id ``text`` and no number, so two plain clauses diff paragraph by
paragraph just like two articles would.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from drafting import model
from drafting.model import made_at_once
from drafting.text.language import detect_language
from drafting.text.sentences import split_range

if TYPE_CHECKING:
    from drafting.diff.sides import ArticleSpans
    from drafting.model import Article, Document, Paragraph, Sentence

# (the values are made as model.Sentence and so on: drafting.model defines them on first use,
# and a diff of two text files, which needs only the spans, makes none; start-up time)

_LINE = re.compile(r"^[ \t\u00a0\r\ufeff]*(\S(?:[^\n]*\S)?)", re.MULTILINE)
"""A non-blank line; group 1 is its content without surrounding blanks."""

_ARTICLE = re.compile(
    r"(?:\#{1,6}[ \t]+)?(?P<bold>\*\*|__)?"
    r"(?P<label>(?:Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ|Ст\.|Стаття|СТАТТЯ)"
    r"[ \t\u00a0]+"
    r"(?P<num>premier|PREMIER|Premier|1er|1ER|\d{1,4}(?:[ \t]?(?:bis|ter|quater|[a-z])\b)?"
    r"|[IVXLCDM]{1,8}(?![\w]))"
    r")(?![\w.]\w)"
    r"(?:\*\*|__)?"
    r"(?P<rest>[^\n]*?)[ \t\u00a0\r#]*$",
    re.MULTILINE,
)
"""An article heading line (matched at the start of a line's content)."""

_HEADING_STARTS = "#*_AС"
"""The characters an ``_ARTICLE`` match starts with: a Markdown heading's ``#``, bold's ``*``
or ``_``, and the first letters of its labels (Latin A, Cyrillic С)."""

_SEPARATOR = re.compile(r"[ \t\u00a0]*(?:[—–:.\-]|\*\*|__)+[ \t\u00a0]*")
"""What may sit between an article's label and its heading on the same line."""


@cache
def _md_heading() -> re.Pattern[str]:
    """A Markdown heading marker; the heading text starts at the match end. (Compiled when a
    line first starts with "#", as are ``_bullet`` and ``_number_only``: start-up time.)"""
    return re.compile(r"(#{1,6})[ \t]+(?=\S)")


_PARA_NUM = re.compile(
    r"(?:(?P<a>\d{1,3})[.)]|\((?P<b>[0-9a-zA-Z]{1,6})\)|(?P<c>[a-z])\))[ \t\u00a0\r\n]+(?=\S)"
)
"""A paragraph number at the start of a line: "1.", "1)", "(a)", "(iv)", "a)"."""


@cache
def _bullet() -> re.Pattern[str]:
    """A list bullet at the start of a line ("- ", "* ", "• "): a paragraph without a number.
    (Its class beyond Latin-1 made compiling it about 2.7 M instructions at start-up.)"""
    return re.compile(r"[-*•–][ \t\u00a0]+(?=\S)")


@cache
def _number_only() -> re.Pattern[str]:
    """A line holding nothing but a paragraph number."""
    return re.compile(r"(?:\d{1,3}[.)]|\([0-9a-zA-Z]{1,6}\)|[a-z]\))\Z")


_BULLETS = "-*•–"
"""The characters a ``_bullet()`` match starts with."""


def _may_open_number(char: str) -> bool:
    """Whether a paragraph number (``_PARA_NUM``, ``_number_only()``) can start with ``char``:
    a decimal digit (``\\d``), "(" or a small letter. Most lines start with none, and this
    test is several times cheaper than trying the pattern there."""
    return char.isdecimal() or char == "(" or "a" <= char <= "z"


_TERMINAL = re.compile(r"[.!?…;:][\"'»”’)\]*_]*\Z")
"""A line ending like this closes its paragraph; otherwise the next line continues it."""

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9]+")


MAX_HEADING_WORDS = 12
"""A same-line heading longer than this is the article's first paragraph, not a heading."""

MAX_TITLE_WORDS = 30
"""A first line longer than this is preamble text, not the document's title."""


class _Line(NamedTuple):
    """A non-blank line (a named tuple: a long text has thousands, made in one pass)."""

    start: int  # offset of the first non-blank character
    end: int  # offset after the last non-blank character
    blank_before: bool  # a blank line (or the start of the text) precedes it


_NEW = tuple.__new__
"""``_NEW(_Line, (start, end, blank))`` is ``_Line(start, end, blank)`` without the named
tuple's ``__new__`` in Python."""


class _Section:
    """An article's heading match and the lines up to the next one. A plain class with slots,
    not a frozen dataclass or a named tuple: it never leaves this module and is never
    compared or printed, and making the dataclass was about 3.6 M instructions at start-up
    (a typing.NamedTuple, about 0.8 M: it compiles each field's annotation)."""

    __slots__ = ("heading", "lines")

    def __init__(self, heading: re.Match[str] | None, lines: tuple[_Line, ...]) -> None:
        self.heading = heading
        self.lines = lines


def _lines(text: str) -> list[_Line]:
    """Stage 1: the non-blank lines, each knowing whether a blank line precedes it."""
    lines: list[_Line] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        start, end = match.span(1)
        blank = not lines or text.count("\n", previous_end, start) >= 2
        lines.append(_NEW(_Line, (start, end, blank)))  # _Line(start, end, blank), in C
        previous_end = end
    return lines


def _sections(text: str, lines: list[_Line]) -> tuple[list[_Line], list[_Section]]:
    """Stage 2: the lines before the first article heading, then one section per article."""
    preamble: list[_Line] = []
    sections: list[_Section] = []
    heading: re.Match[str] | None = None
    body: list[_Line] = []
    previous: _Line | None = None
    for line in lines:
        # (a heading starts with one of _HEADING_STARTS: most lines are not tried at all)
        match = (
            _ARTICLE.match(text, line.start, line.end)
            if text[line.start] in _HEADING_STARTS
            else None
        )
        if match is not None and _is_heading(match) and not _continues(text, previous, line):
            if heading is not None:
                sections.append(_Section(heading, tuple(body)))
            else:
                preamble = body
            heading, body = match, []
        else:
            body.append(line)
        previous = line
    if heading is not None:
        sections.append(_Section(heading, tuple(body)))
    else:
        preamble = body
    return preamble, sections


def _continues(text: str, previous: _Line | None, line: _Line) -> bool:
    """Whether ``line`` carries on the previous line's sentence (hard-wrapped text such as
    "… in accordance with" / "Article 5."), so that a label at its start is no heading."""
    if previous is None or line.blank_before:
        return False
    last = text[previous.end - 1]
    return last.islower() or last in ",(-–"


def _is_heading(match: re.Match[str]) -> bool:
    """A label is a heading only if nothing but a separated heading follows it.

    "Article 5 of the Treaty shall apply" is a sentence, not the heading of Article 5.
    """
    rest = match.group("rest")
    if not rest.strip():
        return True
    separator = _SEPARATOR.match(rest)
    return separator is not None and separator.end() > 0


def _paragraph_runs(text: str, lines: tuple[_Line, ...] | list[_Line]) -> list[tuple[int, int]]:
    """Stage 3: group lines into paragraphs, as (start, end) spans.

    A paragraph starts after a blank line, at a numbered line ("1.", "(a)"), or after a line
    that ends a sentence when the next begins with a capital; otherwise a line continues the
    paragraph (hard-wrapped text).
    """
    runs: list[tuple[int, int]] = []
    for line in lines:
        if runs and not line.blank_before and not _starts_paragraph(text, line, runs[-1]):
            runs[-1] = (runs[-1][0], line.end)
        else:
            runs.append((line.start, line.end))
    return runs


def _starts_paragraph(text: str, line: _Line, previous: tuple[int, int]) -> bool:
    first, before = text[line.start], text[previous[0]]
    if (_may_open_number(first) and _PARA_NUM.match(text, line.start, line.end)) or (
        first in _BULLETS and _bullet().match(text, line.start, line.end)
    ):
        return True
    if (first == "#" and _md_heading().match(text, line.start, line.end)) or (
        before == "#" and _md_heading().match(text, *previous)
    ):
        return True  # a Markdown heading is a paragraph of its own
    if (
        previous[1] - previous[0] <= 8  # "(123456)", the longest
        and _may_open_number(before)
        and _number_only().match(text, previous[0], previous[1])
    ):
        return False  # the previous line was only a number: this is its text
    tail = text[max(previous[0], previous[1] - 8) : previous[1]]
    if not _TERMINAL.search(tail):
        return False
    return not first.islower()


def _roman_to_int(numeral: str) -> int:
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[i + 1]] if i + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


_DIGITS = re.compile(r"\d+")


def normalise_article_number(raw: str) -> str:
    """Roman "IV" → "4", "premier"/"1er" → "1", "4 bis" → "4bis", "007" → "7"."""
    if raw.isascii() and raw.isdigit() and raw[0] != "0":
        return raw  # the common case: a number as it is normalised already
    if raw.lower() in ("premier", "1er"):
        return "1"
    if raw.isupper() and all(c in _ROMAN for c in raw):
        return str(_roman_to_int(raw))
    digits = _DIGITS.match(raw)
    if digits is None:
        return raw
    return str(int(digits.group())) + raw[digits.end() :].replace(" ", "").replace("\t", "")


def _unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


_SPACE_RUN = re.compile(r"[ \t\r\n\x0b\x0c\x1c-\x1f]+")
"""Whitespace that becomes one space in a sentence: XML's own, plus the form feed and other
ASCII separators (from PDFs) that XML cannot hold. No-break spaces are text and stay."""


_ODD_SPACES = "\x0b\x0c\x1c\x1d\x1e\x1f"
"""The ASCII separators ``_SPACE_RUN`` folds that XML cannot hold."""


def _has_odd_space(text: str) -> bool:
    """Whether ``text`` holds one of ``_ODD_SPACES`` (six substring searches are many times
    faster over a long text than one scan with a character class)."""
    return any(char in text for char in _ODD_SPACES)


def _sentence_text(text: str, start: int, end: int, odd_spaces: bool) -> str:
    """The sentence as XML will hold it: the span, with whitespace runs collapsed.

    ``odd_spaces`` says whether the text holds any form feed or other ASCII separator at all,
    so the common case pays only for a few substring tests.
    """
    piece = text[start:end]
    if odd_spaces or "  " in piece or "\n" in piece or "\t" in piece or "\r" in piece:
        piece = _SPACE_RUN.sub(" ", piece)
    return piece


def _marked(sentence: Sentence) -> Sentence:
    """The sentence with its bracketed options marked (``amend.brackets.with_brackets``); a
    sentence without a ``[`` has none, and a text without any never loads that module."""
    if "[" not in sentence.text:
        return sentence
    from drafting.amend.brackets import with_brackets  # start-up time

    return with_brackets(sentence)


def _parts(
    text: str, start: int, end: int, language: str | None
) -> tuple[str | None, int, list[tuple[int, int]]]:
    """Stage 4 of a paragraph ``text[start:end]``: its number (None if it has none), where
    its content starts after a Markdown heading marker, bullet or number, and its sentences'
    spans (none: no paragraph)."""
    num: str | None = None
    content = start
    marker = None
    if text[start] == "#":
        marker = _md_heading().match(text, start, end)
    elif text[start] in _BULLETS:
        marker = _bullet().match(text, start, end)
    if marker is not None:
        content = marker.end()
    number = _PARA_NUM.match(text, content, end) if _may_open_number(text[content]) else None
    if number is not None:
        num = next(g for g in number.group("a", "b", "c") if g is not None)
        content = number.end()
    return num, content, split_range(text, content, end, language)


def _paragraph(
    text: str, run: tuple[int, int], pid: str, language: str | None, odd: bool
) -> Paragraph | None:
    """Stage 4: one paragraph, its number taken off, its sentences split and numbered."""
    start, end = run
    num, content, spans = _parts(text, start, end, language)
    if not spans:
        return None
    body = text[content:end]
    if odd or "[" in body or "\n" in body or "\t" in body or "\r" in body or "  " in body:
        made = []
        for i, (a, b) in enumerate(spans, start=1):
            # (positional: id, text, marks, span; a third cheaper than keywords, per sentence)
            sentence = model.Sentence(f"{pid}-s{i}", _sentence_text(text, a, b, odd), (), (a, b))
            made.append(_marked(sentence) if "[" in sentence.text else sentence)
        sentences = tuple(made)
    else:
        # the common case, checked once for the paragraph: no whitespace to collapse in any
        # of its sentences (``_sentence_text`` keeps each as it is) and no brackets to mark
        sentences = tuple(
            [
                made_at_once(
                    model.Sentence,
                    {
                        "id": f"{pid}-s{i}",
                        "text": text[span[0] : span[1]],
                        "marks": (),
                        "span": span,
                    },
                )
                for i, span in enumerate(spans, start=1)
            ]
        )
    fields = {"id": pid, "sentences": sentences, "num": num, "span": (start, end)}
    return made_at_once(model.Paragraph, fields)


def _paragraphs(
    text: str,
    lines: tuple[_Line, ...] | list[_Line],
    prefix: str,
    language: str | None,
    odd: bool,
) -> tuple[Paragraph, ...]:
    made: list[Paragraph] = []
    for run in _paragraph_runs(text, lines):
        paragraph = _paragraph(text, run, f"{prefix}-p{len(made) + 1}", language, odd)
        if paragraph is not None:
            made.append(paragraph)
    return tuple(made)


_DANGLING = frozenset(
    " ".join(
        (
            "a an the and or of to in on at by for from with under than that as",
            "shall will may must should can cannot is are be not also",
            "le la les de des du et ou à au aux en par pour sur avec",
            "и или в во на с со по о об к от для из за",
            "і й або в у на з зі по про до від для із за",
        )
    ).split()
)
"""Words a wrapped line or a list's lead-in can end with but a heading cannot ("in
accordance with", "The Parties shall")."""


_CLOSING_PUNCTUATION = r"[.;:,]\W*\Z"
"""(A pattern of re's cache, compiled when a line is first tested for a heading.)"""


def _looks_like_heading(text: str, line: _Line, max_words: int = MAX_HEADING_WORDS) -> bool:
    """A short line without closing punctuation, not numbered, not ending on a word that
    needs a continuation: a heading on its own line."""
    content = text[line.start : line.end]
    words = content.split(None, max_words)  # (more than max_words words: no heading)
    return (
        len(words) <= max_words
        and words[-1].lower() not in _DANGLING
        and not re.search(_CLOSING_PUNCTUATION, content)
        and _PARA_NUM.match(text, line.start, line.end) is None
        and not content[:1].islower()
    )


def _article(
    text: str, section: _Section, taken: set[str], language: str | None, odd: bool
) -> Article:
    """Build one article from its heading match and body lines."""
    aid, num, label, heading, lines, span = _article_parts(text, section, taken)
    return model.Article(
        id=aid,
        paragraphs=_paragraphs(text, lines, aid, language, odd),
        num=num,
        label=label,
        heading=heading,
        span=span,
    )


def _article_parts(
    text: str, section: _Section, taken: set[str]
) -> tuple[str, str, str, str | None, list[_Line], tuple[int, int]]:
    """One article's id, number, label, heading (None if it has none), body lines and span,
    from its heading match and lines."""
    match = section.heading
    assert match is not None
    num = normalise_article_number(match.group("num"))
    # (a number of ASCII letters and digits, the common case, has nothing to replace)
    safe = num if num.isascii() and num.isalnum() else _ID_UNSAFE.sub("-", num).strip("-")
    aid = _unique_id("art-" + safe.lower(), taken)
    rest_start, rest_end = match.span("rest")
    separator = _SEPARATOR.match(text, rest_start, rest_end)
    heading_start = separator.end() if separator else rest_start
    heading: str | None = text[heading_start:rest_end].strip() or None
    lines = list(section.lines)
    if heading is not None and _reads_as_text(heading):
        # "Article 5. The Parties shall …": the text of the article, not a heading.
        lines.insert(0, _Line(heading_start, heading_start + len(heading), True))
        heading = None
    elif heading is None and len(lines) > 1 and _looks_like_heading(text, lines[0]):
        heading = text[lines[0].start : lines[0].end]
        lines.pop(0)
    if heading is not None:
        heading = _strip_markdown_emphasis(heading)
    end = lines[-1].end if lines else match.end()
    return aid, num, match.group("label"), heading or None, lines, (match.start(), end)


def _reads_as_text(heading: str) -> bool:
    """Same-line text after a label that is the article's first paragraph, not its heading:
    long, or a full sentence of more than a few words ("Article 5. It binds the Parties.")."""
    words = len(heading.split())
    return words > MAX_HEADING_WORDS or (words > 4 and heading[-1] in ".;!?")


def _strip_markdown_emphasis(heading: str) -> str:
    return _SPACE_RUN.sub(" ", heading.strip("*_ \t")).strip()


def _title_line(
    text: str, preamble: list[_Line], has_articles: bool
) -> tuple[str | None, list[_Line]]:
    """A Markdown "# Title", or a short unpunctuated first line followed by more text, is the
    document's title (and not part of the preamble)."""
    if not preamble:
        return None, preamble
    first = preamble[0]
    marker = _md_heading().match(text, first.start, first.end)
    if marker is not None:
        if len(marker.group(1)) == 1:
            return _SPACE_RUN.sub(" ", text[marker.end() : first.end].strip("# \t")), preamble[1:]
        return None, preamble
    if (len(preamble) > 1 or has_articles) and _looks_like_heading(text, first, MAX_TITLE_WORDS):
        return _SPACE_RUN.sub(" ", text[first.start : first.end]), preamble[1:]
    return None, preamble


def import_text(
    text: str,
    *,
    doc_id: str = "imported",
    title: str | None = None,
    party: str | None = None,
    date: str | None = None,
    language: str | None = None,
    instrument: str = "draft-treaty",
) -> Document:
    """Read a plain-text or Markdown draft treaty into a Document with spans into ``text``.

    Ids are positional and stable for the same input: ``pre-p1-s1`` in the preamble,
    ``art-4``, ``art-4-p1``, ``art-4-p1-s2`` in Article 4 (a repeated number gets ``-2``),
    ``text-p1-s1`` when the text has no article headings.
    """
    language = language or detect_language(text)
    odd = _has_odd_space(text)
    found_title, preamble_lines, sections = _outline(text)
    taken: set[str] = set()
    if sections:
        preamble = _paragraphs(text, preamble_lines, "pre", language, odd)
        articles = tuple(_article(text, s, taken, language, odd) for s in sections)
    else:
        preamble = ()
        body = _paragraphs(text, preamble_lines, "text", language, odd)
        span = (preamble_lines[0].start, preamble_lines[-1].end) if preamble_lines else None
        articles = (model.Article(id="text", paragraphs=body, span=span),) if body else ()
    return model.Document(
        id=doc_id,
        title=title or found_title or doc_id,
        articles=articles,
        preamble=preamble,
        party=party,
        date=date,
        language=language,
        instrument=instrument,
    )


def _outline(text: str) -> tuple[str | None, list[_Line], list[_Section]]:
    """Stages 1 and 2, and the title: the document's title (None if it has none), the lines
    of its preamble and its sections."""
    preamble_lines, sections = _sections(text, _lines(text))
    found_title, preamble_lines = _title_line(text, preamble_lines, bool(sections))
    return found_title, preamble_lines, sections


class TextSpans(NamedTuple):
    """What ``import_spans`` finds in a text: ``import_text``'s document as spans and ids."""

    language: str
    preamble: list[tuple[int, int, str]]
    """The sentences of the preamble (none for a text without article headings)."""
    articles: list[ArticleSpans]
    """The articles in order (a text without article headings: one, ``text``, with no
    number or label), as ``Document.articles``."""
    longest: int
    """The length of the longest paragraph's span (0 for none)."""


def import_spans(text: str, *, language: str | None = None) -> TextSpans:
    """``import_text(text, language=language)`` as spans and ids alone: the same articles,
    paragraphs and sentences with the same spans and ids, its language, but no ``Sentence``,
    ``Paragraph``, ``Article`` or ``Document`` made (a diff of two texts needs no more of
    them, and making them was about 40% of importing a long text). Sentence texts, with
    their whitespace collapsed and their brackets marked, are not made either."""
    language = language or detect_language(text)
    _, preamble_lines, sections = _outline(text)
    if not sections:
        body, longest = _sentence_spans(text, preamble_lines, "text", language)
        if not body:
            return TextSpans(language, [], [], longest)
        first, last = preamble_lines[0].start, preamble_lines[-1].end
        return TextSpans(language, [], [(first, last, body, "text", None, None, None)], longest)
    preamble, longest = _sentence_spans(text, preamble_lines, "pre", language)
    taken: set[str] = set()
    articles: list[ArticleSpans] = []
    for section in sections:
        aid, num, label, heading, lines, (start, end) = _article_parts(text, section, taken)
        sentences, most = _sentence_spans(text, lines, aid, language)
        longest = max(longest, most)
        articles.append((start, end, sentences, aid, num, label, heading))
    return TextSpans(language, preamble, articles, longest)


def _sentence_spans(
    text: str, lines: list[_Line], prefix: str, language: str | None
) -> tuple[list[tuple[int, int, str]], int]:
    """``_paragraphs`` as its sentences' spans and ids, with the longest paragraph's length."""
    out: list[tuple[int, int, str]] = []
    count = longest = 0
    for start, end in _paragraph_runs(text, lines):
        spans = _parts(text, start, end, language)[2]
        if spans:
            count += 1
            if end - start > longest:
                longest = end - start
            pid = f"{prefix}-p{count}"
            if len(spans) <= len(_SENTENCE_SUFFIXES):
                suffixes = _SENTENCE_SUFFIXES
                out += [(a, b, pid + s) for (a, b), s in zip(spans, suffixes, strict=False)]
            else:
                out += [(a, b, f"{pid}-s{i}") for i, (a, b) in enumerate(spans, start=1)]
    return out, longest


_SENTENCE_SUFFIXES = tuple(f"-s{i}" for i in range(1, 65))
"""What a sentence's id adds to its paragraph's, for the first 64 sentences of a paragraph
(joined to it: several times cheaper than formatting the number into the id each time)."""
