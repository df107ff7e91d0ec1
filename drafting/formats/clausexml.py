"""Clause and document files ↔ model values: the only place that maps XML onto the model.

Reading is hardened (``drafting.formats.xmlsafe``) and, by default, validating: a file that
``drafting validate`` would reject raises ``InvalidFileError`` naming its first problem as
``path:line:column: message``, so callers never see a half-sensible model of a broken file.
Pass ``validate=False`` only for a file just validated by other means.

Writing produces the canonical form (docs/formats.md): UTF-8, LF, 2-space indent, attributes
in a fixed order, one ``<s>`` per line, sentence whitespace collapsed, final newline. The
bytes are validated before a file is touched and written atomically, so an invalid value or
an interrupted write never damages the file on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from lxml import etree

from drafting.errors import DraftingError, InputError, Problem
from drafting.formats.atomic import edit_file, write_atomic
from drafting.formats.inline import read_inline, write_inline
from drafting.formats.namespaces import CLAUSE_NS, DOCUMENT_NS, XML_LANG
from drafting.formats.source import read_bytes
from drafting.formats.validation import (
    kind_of,
    validate_bytes,
    validate_tree,
)
from drafting.formats.xmlsafe import XMLInputError, parse_xml
from drafting.model import (
    Amendment,
    Article,
    Clause,
    Conflict,
    Document,
    Draft,
    Item,
    Operation,
    Paragraph,
    Party,
    Sentence,
    Source,
)

T = TypeVar("T")

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
INDENT = "  "
SCHEMA_VERSION = "1"
BRACKETS_SCHEMA_VERSION = "2"
"""Written when a sentence holds <choice>/<option> marks (brackets as structure); a file
without them stays version 1, byte for byte as before."""


def _schema_version(sentences: Iterable[Sentence]) -> str:
    has = any(m.tag in ("choice", "option") for s in sentences for m in s.marks)
    return BRACKETS_SCHEMA_VERSION if has else SCHEMA_VERSION


OPERATION_PARTS: dict[str, tuple[str, ...]] = {
    "substitute": ("old", "new"),
    "insert": ("anchor", "new"),
    "delete": ("old",),
}
"""The child elements of each amendment operation, in canonical order."""


class InvalidFileError(InputError):
    """A well-formed file that breaks the schema or a cross-field rule.

    ``problems`` holds every problem; the message names the first.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first = str(self.problems[0])
        more = len(self.problems) - 1
        suffix = f" (and {more} more; run 'drafting validate {self.problems[0].path}')"
        super().__init__(first + (suffix if more else ""))


# --------------------------------------------------------------------------- reading


def _parse(data: bytes, name: str, validate: bool) -> etree._ElementTree:
    tree = parse_xml(data, name)
    if validate:
        problems = validate_tree(tree, name, data)
        if problems:
            raise InvalidFileError(problems)
    return tree


def _expect(tree: etree._ElementTree, name: str, kind: str) -> etree._Element:
    root = tree.getroot()
    found = kind_of(root)
    if found != kind:
        what = f"<{found}>" if found else f"<{etree.QName(root).localname}>"
        namespace = CLAUSE_NS if kind == "clause" else DOCUMENT_NS
        raise XMLInputError(
            name,
            root.sourceline or 1,
            1,
            f"expected a {kind} file (root <{kind}> in namespace {namespace}), found {what}",
        )
    return root


def _guarded(convert: Callable[[etree._Element], T], root: etree._Element, name: str) -> T:
    """Run a tree → model conversion; an unvalidated, malformed tree gives one clear error."""
    try:
        return convert(root)
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise XMLInputError(
            name, 1, 1, f"not a valid file ({type(error).__name__}); run 'drafting validate'"
        ) from None


def from_tree(tree: etree._ElementTree, name: str) -> Clause | Document:
    """The model of an already parsed (and, ideally, validated) clause or document tree."""
    root = tree.getroot()
    if kind_of(root) == "document":
        return _guarded(_document_from_tree, root, name)
    return _guarded(_clause_from_tree, _expect(tree, name, "clause"), name)


def parse_clause(data: bytes, name: str, *, validate: bool = True) -> Clause:
    """A clause from the bytes of a clause file called ``name`` (used in messages)."""
    tree = _parse(data, name, validate)
    return _guarded(_clause_from_tree, _expect(tree, name, "clause"), name)


def parse_document(data: bytes, name: str, *, validate: bool = True) -> Document:
    """A document from the bytes of a document file called ``name``."""
    tree = _parse(data, name, validate)
    return _guarded(_document_from_tree, _expect(tree, name, "document"), name)


def parse_xml_bytes(data: bytes, name: str, *, validate: bool = True) -> Clause | Document:
    """A clause or a document, whichever the root element's namespace says."""
    return from_tree(_parse(data, name, validate), name)


def read_clause(path: str | os.PathLike[str], *, validate: bool = True) -> Clause:
    """Read and (by default) validate a clause file; raises InputError with path:line:col."""
    return parse_clause(read_bytes(path), os.fspath(path), validate=validate)


def read_document(path: str | os.PathLike[str], *, validate: bool = True) -> Document:
    """Read and (by default) validate a document file; raises InputError with path:line:col."""
    return parse_document(read_bytes(path), os.fspath(path), validate=validate)


def read_xml_file(path: str | os.PathLike[str], *, validate: bool = True) -> Clause | Document:
    """Read a clause or a document file, whichever its root namespace says."""
    return parse_xml_bytes(read_bytes(path), os.fspath(path), validate=validate)


def _children(parent: etree._Element, ns: str, tag: str) -> list[etree._Element]:
    return list(parent.iterchildren(f"{{{ns}}}{tag}"))


def _child(parent: etree._Element, ns: str, tag: str) -> etree._Element | None:
    return parent.find(f"{{{ns}}}{tag}")


def _text(element: etree._Element | None) -> str | None:
    """The text of a leaf element, exactly as written ("" when empty, None when absent).

    Text around a comment inside the element is joined, never cut off at the comment.
    """
    if element is None:
        return None
    return "".join(element.itertext())


def _sentence(element: etree._Element) -> Sentence:
    text, marks = read_inline(element)
    return Sentence(id=element.get("id"), text=text, marks=marks)


def _source(element: etree._Element) -> Source:
    return Source(
        id=element.get("id"),
        citation=_text(element) or "",
        date=element.get("date"),
        href=element.get("href"),
        note=element.get("note"),
    )


def _clause_from_tree(root: etree._Element) -> Clause:
    ns = CLAUSE_NS
    meta = _child(root, ns, "meta")
    title = _child(meta, ns, "title")
    return Clause(
        id=root.get("id"),
        title=_text(title) or "",
        title_language=(title.get(XML_LANG) if title is not None else None) or "en",
        parties=tuple(
            Party(id=p.get("id"), name=p.get("name")) for p in _children(meta, ns, "party")
        ),
        sources=tuple(_source(s) for s in _children(meta, ns, "source")),
        drafts=tuple(_draft(d) for d in _children(root, ns, "draft")),
        amendments=tuple(_amendment(a) for a in _children(root, ns, "amendment")),
        conflicts=tuple(_conflict(c) for c in _children(root, ns, "conflict")),
    )


def _item(element: etree._Element) -> Item:
    """A party, source, draft or amendment element as its model value."""
    tag = etree.QName(element).localname
    if tag == "party":
        return Party(id=element.get("id"), name=element.get("name"))
    if tag == "source":
        return _source(element)
    if tag == "draft":
        return _draft(element)
    if tag == "amendment":
        return _amendment(element)
    raise ValueError(f"<{tag}> cannot be a conflict side")


def _side(conflict: etree._Element, tag: str) -> Item | None:
    side = _child(conflict, CLAUSE_NS, tag)
    children = [c for c in side if isinstance(c.tag, str)] if side is not None else []
    return _item(children[0]) if children else None


def _conflict(element: etree._Element) -> Conflict:
    return Conflict(
        kind=element.get("kind"),  # type: ignore[arg-type]
        id=element.get("id"),
        after=element.get("after"),
        base=_side(element, "base"),
        ours=_side(element, "ours"),
        theirs=_side(element, "theirs"),
    )


def _draft(element: etree._Element) -> Draft:
    ns = CLAUSE_NS
    return Draft(
        id=element.get("id"),
        party=element.get("party"),
        status=element.get("status"),
        date=element.get("date"),
        language=element.get(XML_LANG),
        instrument=element.get("instrument"),
        sentences=tuple(_sentence(s) for s in _children(element, ns, "s")),
        source=element.get("source"),
        supersedes=element.get("supersedes"),
        responds_to=element.get("respondsTo"),
        note=_text(_child(element, ns, "note")),
    )


def _amendment(element: etree._Element) -> Amendment:
    ns = CLAUSE_NS
    operations = tuple(
        Operation(
            kind=etree.QName(op).localname,  # type: ignore[arg-type]
            at=op.get("at"),
            old=_text(_child(op, ns, "old")),
            new=_text(_child(op, ns, "new")),
            anchor=_text(_child(op, ns, "anchor")),
            position=op.get("position") or "after",  # type: ignore[arg-type]
            new_id=op.get("newId"),
        )
        for op in element
        if isinstance(op.tag, str)
    )
    return Amendment(
        id=element.get("id"),
        party=element.get("party"),
        target=element.get("target"),
        operations=operations,
        result=element.get("result"),
        status=element.get("status") or "proposed",
        date=element.get("date"),
    )


def _paragraph(element: etree._Element) -> Paragraph:
    return Paragraph(
        id=element.get("id"),
        num=element.get("num"),
        sentences=tuple(_sentence(s) for s in _children(element, DOCUMENT_NS, "s")),
    )


def _document_from_tree(root: etree._Element) -> Document:
    ns = DOCUMENT_NS
    meta = _child(root, ns, "meta")
    source = _child(meta, ns, "source")
    preamble = _child(root, ns, "preamble")
    return Document(
        id=root.get("id"),
        title=_text(_child(meta, ns, "title")) or "",
        party=root.get("party"),
        date=root.get("date"),
        language=root.get(XML_LANG) or "en",
        instrument=root.get("instrument") or "draft-treaty",
        source=_source(source) if source is not None else None,
        preamble=tuple(_paragraph(p) for p in _children(preamble, ns, "p"))
        if preamble is not None
        else (),
        articles=tuple(
            Article(
                id=a.get("id"),
                num=a.get("num"),
                label=a.get("label"),
                heading=_text(_child(a, ns, "heading")),
                paragraphs=tuple(_paragraph(p) for p in _children(a, ns, "p")),
            )
            for a in _children(root, ns, "article")
        ),
    )


# --------------------------------------------------------------------------- writing


def _element(
    parent: etree._Element | None,
    ns: str,
    tag: str,
    attributes: Sequence[tuple[str, str | None]] = (),
    text: str | None = None,
) -> etree._Element:
    """An element with attributes in the given order (None values left out)."""
    name = f"{{{ns}}}{tag}"
    if parent is None:
        element = etree.Element(name, nsmap={None: ns})
    else:
        element = etree.SubElement(parent, name)
    for key, value in attributes:
        if value is not None:
            element.set(key, value)
    if text:
        element.text = text
    return element


def _indent(element: etree._Element, level: int = 0) -> None:
    """Put each child of a container on its own line, 2 spaces per level.

    Only containers are touched: sentences, titles, notes and operations keep their content
    exactly (indenting mixed content would change the text).
    """
    children = list(element)
    if not children or element.tag.rsplit("}", 1)[-1] not in _CONTAINERS:
        return
    inner = "\n" + INDENT * (level + 1)
    element.text = inner
    for child in children:
        child.tail = inner
        _indent(child, level + 1)
    children[-1].tail = "\n" + INDENT * level


_CONTAINERS = frozenset(
    {
        "clause",
        "meta",
        "draft",
        "amendment",
        "conflict",
        "base",
        "ours",
        "theirs",
        "document",
        "preamble",
        "article",
        "p",
    }
)
"""Elements whose children go one per line. Everything else is written on one line."""


def _serialize(root: etree._Element) -> bytes:
    _indent(root)
    return (DECLARATION + etree.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _write_sentence(parent: etree._Element, ns: str, sentence: Sentence) -> None:
    element = _element(parent, ns, "s", (("id", sentence.id),))
    write_inline(element, sentence.text, sentence.marks, ns)


def _write_source(parent: etree._Element, ns: str, source: Source) -> None:
    _element(
        parent,
        ns,
        "source",
        (("id", source.id), ("date", source.date), ("href", source.href), ("note", source.note)),
        source.citation,
    )


def _build(what: str, build: Callable[[], bytes]) -> bytes:
    """Run a model → tree build; a value XML cannot hold becomes one clear DraftingError."""
    try:
        return build()
    except (ValueError, TypeError) as error:
        raise DraftingError(f"cannot write {what}: {error}") from None


def clause_to_xml(clause: Clause) -> bytes:
    """The canonical bytes of a clause file (not validated: see ``write_clause``)."""
    return _build(f"clause '{clause.id}'", lambda: _serialize(_clause_tree(clause)))


def _clause_tree(clause: Clause) -> etree._Element:
    ns = CLAUSE_NS
    every = (s for d in clause.drafts for s in d.sentences)
    version = _schema_version(every)
    root = _element(None, ns, "clause", (("id", clause.id), ("schemaVersion", version)))
    meta = _element(root, ns, "meta")
    _element(meta, ns, "title", ((XML_LANG, clause.title_language),), clause.title)
    for party in clause.parties:
        _write_item(meta, party)
    for source in clause.sources:
        _write_item(meta, source)
    for draft in clause.drafts:
        _write_item(root, draft)
    for amendment in clause.amendments:
        _write_item(root, amendment)
    for conflict in clause.conflicts:
        element = _element(
            root,
            ns,
            "conflict",
            (("kind", conflict.kind), ("id", conflict.id), ("after", conflict.after)),
        )
        for tag in ("base", "ours", "theirs"):
            side = _element(element, ns, tag)
            item = getattr(conflict, tag)
            if item is not None:
                _write_item(side, item)
    return root


def _write_item(parent: etree._Element, item: Item) -> None:
    """Write a party, source, draft or amendment (in place, or as one side of a conflict)."""
    ns = CLAUSE_NS
    if isinstance(item, Party):
        _element(parent, ns, "party", (("id", item.id), ("name", item.name)))
    elif isinstance(item, Source):
        _write_source(parent, ns, item)
    elif isinstance(item, Draft):
        _write_draft(parent, item)
    else:
        _write_amendment(parent, item)


def _write_draft(parent: etree._Element, draft: Draft) -> None:
    ns = CLAUSE_NS
    element = _element(
        parent,
        ns,
        "draft",
        (
            ("id", draft.id),
            ("party", draft.party),
            ("status", draft.status),
            ("date", draft.date),
            (XML_LANG, draft.language),
            ("instrument", draft.instrument),
            ("source", draft.source),
            ("supersedes", draft.supersedes),
            ("respondsTo", draft.responds_to),
        ),
    )
    if draft.note is not None:
        _element(element, ns, "note", (), draft.note)
    for sentence in draft.sentences:
        _write_sentence(element, ns, sentence)


def _write_amendment(parent: etree._Element, amendment: Amendment) -> None:
    ns = CLAUSE_NS
    element = _element(
        parent,
        ns,
        "amendment",
        (
            ("id", amendment.id),
            ("party", amendment.party),
            ("target", amendment.target),
            ("result", amendment.result),
            ("status", amendment.status),
            ("date", amendment.date),
        ),
    )
    for op in amendment.operations:
        attributes: list[tuple[str, str | None]] = [("at", op.at)]
        if op.kind == "insert":
            attributes += [("position", op.position), ("newId", op.new_id)]
        if op.kind not in OPERATION_PARTS:
            raise ValueError(f"unknown operation kind {op.kind!r}")
        operation = _element(element, ns, op.kind, attributes)
        for part in OPERATION_PARTS[op.kind]:
            value = getattr(op, part)
            if value is not None:  # a missing required part is left for the schema
                _element(operation, ns, part, (), value)


def amendment_to_xml(amendment: Amendment) -> bytes:
    """One ``<amendment>`` element on its own, in canonical form (``amend --format xml``)."""

    def build() -> bytes:
        holder = _element(None, CLAUSE_NS, "clause")
        _write_amendment(holder, amendment)
        _indent(holder)
        element = holder[0]
        element.tail = None
        body = etree.tostring(element, encoding="unicode")
        lines = [line[2:] if line.startswith("  ") else line for line in body.split("\n")]
        return (DECLARATION + "\n".join(lines) + "\n").encode("utf-8")

    return _build(f"amendment '{amendment.id}'", build)


def document_to_xml(doc: Document) -> bytes:
    """The canonical bytes of a document file (not validated: see ``write_document``)."""
    return _build(f"document '{doc.id}'", lambda: _serialize(_document_tree(doc)))


def _write_paragraph(parent: etree._Element, ns: str, paragraph: Paragraph) -> None:
    element = _element(parent, ns, "p", (("id", paragraph.id), ("num", paragraph.num)))
    for sentence in paragraph.sentences:
        _write_sentence(element, ns, sentence)


def _document_tree(doc: Document) -> etree._Element:
    ns = DOCUMENT_NS
    root = _element(
        None,
        ns,
        "document",
        (
            ("id", doc.id),
            ("schemaVersion", _schema_version(doc.sentences)),
            ("party", doc.party),
            ("date", doc.date),
            (XML_LANG, doc.language),
            ("instrument", doc.instrument),
        ),
    )
    meta = _element(root, ns, "meta")
    _element(meta, ns, "title", (), doc.title)
    if doc.source is not None:
        _write_source(meta, ns, doc.source)
    if doc.preamble:
        preamble = _element(root, ns, "preamble")
        for paragraph in doc.preamble:
            _write_paragraph(preamble, ns, paragraph)
    for article in doc.articles:
        element = _element(
            root,
            ns,
            "article",
            (("id", article.id), ("num", article.num), ("label", article.label)),
        )
        if article.heading is not None:
            _element(element, ns, "heading", (), article.heading)
        for paragraph in article.paragraphs:
            _write_paragraph(element, ns, paragraph)
    return root


def to_xml(value: Clause | Document) -> bytes:
    """Canonical bytes of a clause or a document."""
    return document_to_xml(value) if isinstance(value, Document) else clause_to_xml(value)


def checked_bytes(value: Clause | Document, name: str) -> bytes:
    """Canonical bytes, validated (schema + cross-field checks) before anyone writes them.

    Raises DraftingError naming the first problem (line numbers are those of the new bytes).
    """
    data = to_xml(value)
    report = validate_bytes(data, name)
    if report.problems:
        first = report.problems[0]
        more = len(report.problems) - 1
        raise DraftingError(
            f"{name}: not written, the result would not validate: line {first.line}: "
            f"{first.message}" + (f" (and {more} more)" if more else "")
        )
    return data


def write_clause(path: str | os.PathLike[str], clause: Clause) -> None:
    """Write a clause file in canonical form, atomically, only if it validates."""
    write_atomic(path, checked_bytes(clause, os.fspath(path)))


def write_document(path: str | os.PathLike[str], doc: Document) -> None:
    """Write a document file in canonical form, atomically, only if it validates."""
    write_atomic(path, checked_bytes(doc, os.fspath(path)))


def canonicalize(data: bytes, name: str) -> bytes:
    """The canonical form of a clause or document file's bytes (what ``drafting fmt`` writes).

    Refuses (InputError) a file that is unsafe, invalid, or holds comments or processing
    instructions (the model has no place for them, so formatting would silently drop them).
    The result is validated and read back to the same model before it is returned.
    """
    tree = _parse(data, name, validate=True)
    extras = tree.xpath("//comment() | //processing-instruction()")
    if extras:
        first = extras[0]
        what = "comment" if isinstance(first, etree._Comment) else "processing instruction"
        raise XMLInputError(
            name,
            first.sourceline or 1,
            1,
            f"{what} would be lost by formatting; move its text into <note> or remove it",
        )
    value = from_tree(tree, name)
    result = checked_bytes(value, name)
    if from_tree(parse_xml(result, name), name) != value:
        raise DraftingError(f"{name}: not formatted: the canonical form would change content")
    return result


def edit_clause(
    path: str | os.PathLike[str],
    change: Callable[[Clause], Clause | None],
    *,
    validate: bool = True,
) -> Clause | None:
    """A read-modify-write of a clause file that cannot lose a concurrent edit
    (``drafting.formats.atomic.edit_file``: locked, checked unchanged before the rename).

    ``change`` gets the clause as it is on disk now and returns the new clause (None: write
    nothing). It may run more than once, so it must not print: keep what it computes and
    report after this returns. Returns the clause written (or None).
    """
    return _edit(path, parse_clause, change, validate)


def edit_document(
    path: str | os.PathLike[str],
    change: Callable[[Document], Document | None],
    *,
    validate: bool = True,
) -> Document | None:
    """``edit_clause`` for a document file: a locked read-modify-write that cannot lose a
    concurrent edit. ``change`` may run more than once, so it must not print."""
    return _edit(path, parse_document, change, validate)


V = TypeVar("V", Clause, Document)


def _edit(
    path: str | os.PathLike[str],
    parse: Callable[..., V],
    change: Callable[[V], V | None],
    validate: bool,
) -> V | None:
    """The locked read-modify-write behind ``edit_clause`` and ``edit_document``."""
    name = os.fspath(path)
    written: list[V] = []

    def on_bytes(data: bytes) -> bytes | None:
        written.clear()
        new = change(parse(data, name, validate=validate))
        if new is None:
            return None
        written.append(new)
        return checked_bytes(new, name)

    edit_file(path, on_bytes)
    return written[0] if written else None
