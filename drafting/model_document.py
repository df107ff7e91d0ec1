"""The values of a document: a plain-text, Markdown or document-XML text as articles of
paragraphs of sentences (``Sentence``, ``Paragraph``, ``Article``, ``Document``). Frozen
dataclasses, as in ``drafting.model``, which imports them from here on first use: import
them from there.

A diff of two text files makes none of them (its sides are made from the importer's spans,
``drafting.formats.plaintext.import_spans``), and making the four dataclasses was about
17 M instructions at its start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafting.model import Mark, Source, Span


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    marks: tuple[Mark, ...] = ()
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Paragraph:
    id: str
    sentences: tuple[Sentence, ...]
    num: str | None = None
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Article:
    """An article of a draft treaty. ``label`` is the heading line as written ("Article 51",
    "Статья 4"), ``num`` its normalised number ("51", "4"), ``heading`` its title if any."""

    id: str
    paragraphs: tuple[Paragraph, ...]
    num: str | None = None
    label: str | None = None
    heading: str | None = None
    span: Span | None = field(default=None, compare=False)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def display_label(self) -> str | None:
        """The label to show: as written, else "Article NUM" (English, as our docs and
        reports are), else None for an unnumbered, unlabelled article."""
        return self.label or (f"Article {self.num}" if self.num else None)


@dataclass(frozen=True)
class Document:
    """A whole draft treaty: one party's text, as articles of paragraphs of sentences."""

    id: str
    title: str
    articles: tuple[Article, ...]
    preamble: tuple[Paragraph, ...] = ()
    party: str | None = None
    date: str | None = None
    language: str = "en"
    instrument: str = "draft-treaty"
    source: Source | None = None

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        pre = tuple(s for p in self.preamble for s in p.sentences)
        return pre + tuple(s for a in self.articles for s in a.sentences)
