"""Bytes of any supported file -> the units a corpus counts: a document's articles, a clause
file's drafts. One loader for ``scan`` and ``similar``, so both see the same units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafting.errors import InputError
from drafting.formats import readers
from drafting.model import Clause, Document

UnitKind = Literal["article", "draft"]


@dataclass(frozen=True)
class Unit:
    """One article of a document or one draft of a clause, as paragraphs of sentences."""

    kind: UnitKind
    id: str
    label: str | None
    language: str
    instrument: str | None
    paragraphs: tuple[tuple[str, ...], ...]

    @property
    def sentences(self) -> tuple[str, ...]:
        return tuple(s for p in self.paragraphs for s in p)

    @property
    def text(self) -> str:
        """The unit as plain text: one line per paragraph."""
        return "\n".join(" ".join(p) for p in self.paragraphs)


@dataclass(frozen=True)
class LoadedFile:
    """The units of one file and the language and instrument of the whole (``mul`` when its
    drafts are in several languages; instrument None when unknown or mixed)."""

    kind: Literal["document", "clause"]
    language: str
    instrument: str | None
    units: tuple[Unit, ...]


def _from_document(document: Document, instrument: str | None) -> LoadedFile:
    units = tuple(
        Unit(
            "article",
            article.id,
            article.label,
            document.language,
            instrument,
            tuple(tuple(s.text for s in p.sentences) for p in article.paragraphs),
        )
        for article in document.articles
    )
    return LoadedFile("document", document.language, instrument, units)


def _from_clause(clause: Clause) -> LoadedFile:
    units = tuple(
        Unit(
            "draft",
            draft.id,
            draft.party,
            draft.language,
            draft.instrument,
            (tuple(s.text for s in draft.sentences),),
        )
        for draft in clause.drafts
    )
    languages = {u.language for u in units}
    instruments = {u.instrument for u in units}
    language = languages.pop() if len(languages) == 1 else "mul"
    instrument = instruments.pop() if len(instruments) == 1 else None
    return LoadedFile("clause", language, instrument, units)


def load_file(path: str, data: bytes, *, instrument: str | None = None) -> LoadedFile:
    """Parse one file's bytes through the readers registry (any format a reader knows). XML
    carries its own language and instrument; text formats get the importer's language and
    ``instrument`` (None: unknown, not the importer's default). Raises ``InputError`` with
    the file named when no reader can read the bytes."""
    if b"\x00" in data[:8192] and readers.pick(data, path).name in ("text", "markdown"):
        raise InputError(f"{path}: binary data, not text (a NUL byte)")
    loaded = readers.read(data, path, readers.ReadOptions(instrument=instrument))
    if isinstance(loaded.value, Clause):
        return _from_clause(loaded.value)
    document = loaded.value
    return _from_document(document, document.instrument if loaded.text is None else instrument)
