"""Bytes of any supported file -> the units a corpus counts: a document's articles, a clause
file's drafts. One loader for ``scan`` and ``similar``, so both see the same units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafting.errors import InputError
from drafting.model import Clause, Document
from drafting.text.language import detect_language

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


def _is_xml(path: str, data: bytes) -> bool:
    if path.lower().endswith(".xml"):
        return True
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


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
    """Parse one file's bytes. XML carries its own language and instrument; plain text gets
    the one language detector's guess and ``instrument`` (None: unknown). Raises
    ``InputError`` with the file named when the bytes cannot be read as either."""
    if _is_xml(path, data):
        from drafting.formats.clausexml import parse_xml_bytes  # start-up time: lxml schemas

        parsed = parse_xml_bytes(data, path)
        if isinstance(parsed, Document):
            return _from_document(parsed, parsed.instrument)
        return _from_clause(parsed)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (invalid byte at offset {error.start})") from None
    if "\x00" in text:
        raise InputError(f"{path}: binary data, not text (a NUL byte)")
    from drafting.formats.plaintext import import_text  # start-up time

    document = import_text(text, doc_id="imported", language=detect_language(text))
    return _from_document(document, instrument)
