"""Akoma Ntoso 3.0 (OASIS LegalDocML) out and in.

Out (``to_akn``):

- a document becomes an ``act`` (a treaty), a ``bill`` (a draft treaty or negotiating draft)
  or a ``statement`` (every other instrument), with ``article/num/heading/paragraph/content/p``
  and eIds in the AKN naming convention (``art_1__para_2``);
- a clause file becomes a ``documentCollection``: each draft is a ``component`` holding a
  ``doc`` with its own FRBR metadata (date, language, author party), each amendment a
  ``component`` holding an ``amendment`` document whose ``mod``/``quotedText`` say the change
  in words and whose ``analysis/activeModifications/textualMod`` (substitution, insertion,
  repeal) point at them by ``href``; parties are ``TLCOrganization`` references.

Everything AKN has no place for (sentence ids, statuses, instruments, lineage, notes, sources)
rides along in attributes and ``proprietary`` metadata of our own namespace
(``urn:drafting:akn:1``), which the OASIS schema allows, so ``from_akn(to_akn(x)) == x``.

In (``from_akn``): our own exports come back exactly; an act, bill, statement or doc from
elsewhere becomes a :class:`~drafting.model.Document` (articles or sections become articles;
each numbered unit or block of text below them a paragraph, its text split into sentences;
footnotes and editorial remarks dropped).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from drafting.errors import InputError
from drafting.formats.inline import read_inline, write_inline
from drafting.formats.plaintext import normalise_article_number
from drafting.formats.xmlsafe import parse_xml
from drafting.model import (
    Amendment,
    Article,
    Clause,
    Document,
    Draft,
    Mark,
    Operation,
    Paragraph,
    Party,
    Sentence,
    Source,
)
from drafting.text.language import detect_language
from drafting.text.sentences import split_range

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
D_NS = "urn:drafting:akn:1"
_A = f"{{{AKN_NS}}}"
_D = f"{{{D_NS}}}"
_NSMAP = {None: AKN_NS, "d": D_NS}

TREATY_INSTRUMENTS = frozenset({"treaty"})
"""Instruments exported as an ``act`` (in force once signed)."""

BILL_INSTRUMENTS = frozenset({"draft-treaty", "negotiating-draft"})
"""Instruments exported as a ``bill`` (a text still under negotiation)."""

_LANG3 = {
    "en": "eng",
    "fr": "fra",
    "ru": "rus",
    "uk": "ukr",
    "de": "deu",
    "es": "spa",
    "it": "ita",
    "ar": "ara",
    "zh": "zho",
    "ka": "kat",
    "pl": "pol",
}
_LANG2 = {v: k for k, v in _LANG3.items()}

UNDATED = "0001-01-01"
"""FRBRdate is required; a value without a date gets this one with ``name="undated"``."""

_TEXTUAL = {"substitute": "substitution", "insert": "insertion", "delete": "repeal"}
_KIND = {v: k for k, v in _TEXTUAL.items()}

_SAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")


# --------------------------------------------------------------------------- writing


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str | None):
    """An AKN element (``d_`` prefixed attribute names go to our namespace)."""
    name = tag if tag.startswith("{") else _A + tag
    element = (
        etree.Element(name, nsmap=_NSMAP) if parent is None else etree.SubElement(parent, name)
    )
    for key, value in attrs.items():
        if value is None:
            continue
        key = _D + key[2:] if key.startswith("d_") else key
        element.set(key, value)
    if text is not None:
        element.text = text
    return element


def _lang3(language: str) -> str:
    primary = language.split("-")[0].lower()
    return _LANG3.get(primary, primary if len(primary) == 3 else "und")


def _identification(
    meta: etree._Element,
    work_uri: str,
    date: str | None,
    language: str,
    author: str | None,
    country: str = "un",
) -> None:
    ident = _el(meta, "identification", source="#drafting")
    when = date or UNDATED
    named = "Generation" if date else "undated"
    author_href = f"#{author}" if author else "#drafting"
    expression = f"{work_uri}/{_lang3(language)}@{date or ''}"
    for part, uri in (
        ("FRBRWork", work_uri),
        ("FRBRExpression", expression),
        ("FRBRManifestation", expression),
    ):
        frbr = _el(ident, part)
        _el(frbr, "FRBRthis", value=f"{uri}/!main")
        _el(frbr, "FRBRuri", value=uri)
        _el(frbr, "FRBRdate", date=when, name=named)
        _el(frbr, "FRBRauthor", href=author_href if part != "FRBRManifestation" else "#drafting")
        if part == "FRBRWork":
            _el(frbr, "FRBRcountry", value=country)
        if part == "FRBRExpression":
            _el(frbr, "FRBRlanguage", language=_lang3(language))


def _references(meta: etree._Element, parties: list[tuple[str, str]]) -> None:
    refs = _el(meta, "references", source="#drafting")
    _el(
        refs,
        "TLCOrganization",
        eId="drafting",
        href="/ontology/organization/drafting",
        showAs="drafting",
    )
    for pid, name in parties:
        _el(refs, "TLCOrganization", eId=pid, href=f"/ontology/organization/{pid}", showAs=name)


def _write_source(parent: etree._Element, source: Source) -> None:
    element = _el(
        parent,
        _D + "source",
        source.citation,
        id=source.id,
        date=source.date,
        href=source.href,
        note=source.note,
    )
    del element


def _sentence_spans(p: etree._Element, sentences: tuple[Sentence, ...], prefix: str) -> None:
    """One ``span`` per sentence, separated by a space, each carrying its id in ``d:id``."""
    last: etree._Element | None = None
    for i, sentence in enumerate(sentences):
        if last is not None:
            last.tail = " "
        span = _el(p, "span", eId=f"{prefix}__sent_{i + 1}", d_id=sentence.id)
        _write_marks(span, sentence.text, sentence.marks)
        last = span


def _write_marks(span: etree._Element, text: str, marks: tuple[Mark, ...]) -> None:
    """Our marks as AKN inlines: ``em`` → ``i``, ``ref`` with href → ``ref``, the rest
    (``term``, a ref without href) → ``span class=…``, attributes in our namespace."""
    write_inline(span, text, marks, AKN_NS)
    for child in span.iter():
        if child is span:
            continue
        tag = etree.QName(child).localname
        if tag == "em":
            child.tag = _A + "i"
        elif tag == "ref" and child.get("href") is not None:
            continue
        else:
            child.tag = _A + "span"
            child.set("class", tag)
            for name in list(child.attrib):
                if name != "class":
                    child.set(_D + name, child.attrib.pop(name))


def _eid(value: str) -> str:
    return _SAFE_ID.sub("_", value).strip("_") or "x"


def _write_paragraph(parent: etree._Element, paragraph: Paragraph, eid: str) -> None:
    element = _el(parent, "paragraph", eId=eid, d_id=paragraph.id)
    if paragraph.num is not None:
        _el(element, "num", paragraph.num)
    p = _el(_el(element, "content"), "p")
    _sentence_spans(p, paragraph.sentences, eid)


def _document_kind(instrument: str) -> str:
    if instrument in TREATY_INSTRUMENTS:
        return "act"
    if instrument in BILL_INSTRUMENTS:
        return "bill"
    return "statement"


def document_tree(doc: Document) -> etree._Element:
    """The AKN tree of a document (see the module docstring)."""
    root = _el(None, "akomaNtoso")
    kind = _document_kind(doc.instrument)
    top = _el(root, kind, name=doc.instrument)
    meta = _el(top, "meta")
    _identification(
        meta,
        f"/akn/un/{kind}/{doc.date or 'undated'}/{_eid(doc.id)}",
        doc.date,
        doc.language,
        doc.party,
    )
    _references(meta, [(doc.party, doc.party)] if doc.party else [])
    proprietary = _el(meta, "proprietary", source="#drafting")
    info = _el(
        proprietary,
        _D + "document",
        id=doc.id,
        instrument=doc.instrument,
        language=doc.language,
        party=doc.party,
        date=doc.date,
    )
    _el(info, _D + "title", doc.title)
    if doc.source is not None:
        _write_source(info, doc.source)
    preface = _el(top, "preface")
    _el(_el(_el(preface, "longTitle"), "p"), "docTitle", doc.title)
    if doc.preamble:
        preamble = _el(top, "preamble")
        for i, paragraph in enumerate(doc.preamble, start=1):
            eid = f"preamble__p_{i}"
            p = _el(preamble, "p", eId=eid, d_id=paragraph.id, d_num=paragraph.num)
            _sentence_spans(p, paragraph.sentences, eid)
    body = _el(top, "body" if kind != "statement" else "mainBody")
    taken: set[str] = set()
    for index, article in enumerate(doc.articles, start=1):
        eid = _unique(f"art_{_eid(article.num)}" if article.num else f"art_nn{index}", taken)
        if kind == "statement":
            element = _el(
                body, "hcontainer", name="article", eId=eid, d_id=article.id, d_label=article.label
            )
        else:
            element = _el(body, "article", eId=eid, d_id=article.id, d_label=article.label)
        if article.num is not None:
            _el(element, "num", article.num)
        if article.heading is not None:
            _el(element, "heading", article.heading)
        if not article.paragraphs:
            _el(_el(element, "content"), "p")
        for j, paragraph in enumerate(article.paragraphs, start=1):
            _write_paragraph(element, paragraph, f"{eid}__para_{j}")
    return root


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate


def _draft_component(parent: etree._Element, clause: Clause, draft: Draft, n: int) -> None:
    component = _el(parent, "component", eId=f"cmp_{n}")
    doc = _el(component, "doc", name="draft")
    meta = _el(doc, "meta")
    _identification(
        meta,
        f"/akn/un/doc/draft/{draft.date}/{_eid(clause.id)}-{_eid(draft.id)}",
        draft.date,
        draft.language,
        draft.party,
    )
    proprietary = _el(meta, "proprietary", source="#drafting")
    info = _el(
        proprietary,
        _D + "draft",
        id=draft.id,
        party=draft.party,
        status=draft.status,
        date=draft.date,
        language=draft.language,
        instrument=draft.instrument,
        source=draft.source,
        supersedes=draft.supersedes,
        respondsTo=draft.responds_to,
    )
    if draft.note is not None:
        _el(info, _D + "note", draft.note)
    body = _el(doc, "mainBody")
    p = _el(body, "p", eId=f"cmp_{n}__p_1")
    _sentence_spans(p, draft.sentences, f"cmp_{n}__p_1")


def _operation_words(operation: Operation) -> list[tuple[str | None, str]]:
    """The ``mod`` text as (role, text) pieces: role names a quotedText, None plain words."""
    at = f" in sentence {operation.at}: "
    if operation.kind == "substitute":
        return [
            (None, at + "replace "),
            ("old", operation.old or ""),
            (None, " with "),
            ("new", operation.new or ""),
        ]
    if operation.kind == "delete":
        return [(None, at + "delete "), ("old", operation.old or "")]
    if operation.anchor is not None:
        return [
            (None, at + "insert "),
            ("new", operation.new or ""),
            (None, f" {operation.position} "),
            ("anchor", operation.anchor),
        ]
    where = f" {operation.position} sentence {operation.at}: insert the sentence "
    return [(None, where), ("new", operation.new or "")]


def _amendment_component(
    parent: etree._Element, clause: Clause, amendment: Amendment, n: int
) -> None:
    component = _el(parent, "component", eId=f"cmp_{n}")
    doc = _el(component, "amendment", name="amendment")
    meta = _el(doc, "meta")
    target = clause.draft(amendment.target)
    language = target.language if target is not None else "en"
    target_uri = f"/akn/un/doc/draft/{target.date if target else 'undated'}/"
    target_uri += f"{_eid(clause.id)}-{_eid(amendment.target)}"
    _identification(
        meta,
        f"/akn/un/amendment/{amendment.date or 'undated'}/{_eid(clause.id)}-{_eid(amendment.id)}",
        amendment.date,
        language,
        amendment.party,
    )
    analysis = _el(meta, "analysis", source="#drafting")
    active = _el(analysis, "activeModifications")
    proprietary = _el(meta, "proprietary", source="#drafting")
    _el(
        proprietary,
        _D + "amendment",
        id=amendment.id,
        party=amendment.party,
        target=amendment.target,
        result=amendment.result,
        status=amendment.status,
        date=amendment.date,
    )
    body = _el(doc, "amendmentBody")
    content = _el(body, "amendmentContent")
    for k, operation in enumerate(amendment.operations, start=1):
        mod_id = f"cmp_{n}__mod_{k}"
        p = _el(content, "p")
        mod = _el(
            p,
            "mod",
            eId=mod_id,
            d_kind=operation.kind,
            d_at=operation.at,
            d_position=operation.position,
            d_newId=operation.new_id,
        )
        mod.text = f"Amend draft {amendment.target}"
        quoted: dict[str, str] = {}
        last: etree._Element | None = None
        q = 0
        for role, words in _operation_words(operation):
            if role is None:
                if last is None:
                    mod.text += words
                else:
                    last.tail = (last.tail or "") + words
                continue
            q += 1
            qid = f"{mod_id}__qstr_{q}"
            last = _el(mod, "quotedText", eId=qid, d_role=role, startQuote="“", endQuote="”")
            last.text = words
            quoted[role] = qid
        if last is not None:
            last.tail = (last.tail or "") + "."
        textual = _el(active, "textualMod", eId=f"cmp_{n}__tmod_{k}", type=_TEXTUAL[operation.kind])
        _el(textual, "source", href=f"#{mod_id}")
        pos = operation.position if operation.kind == "insert" else None
        _el(textual, "destination", href=f"{target_uri}/!main#{_eid(operation.at)}", pos=pos)
        if "old" in quoted:
            _el(textual, "old", href=f"#{quoted['old']}")
        if "new" in quoted:
            _el(textual, "new", href=f"#{quoted['new']}")


def clause_tree(clause: Clause) -> etree._Element:
    """The AKN tree of a clause file: a documentCollection of drafts and amendments."""
    root = _el(None, "akomaNtoso")
    top = _el(root, "documentCollection", name="clause")
    meta = _el(top, "meta")
    dates = sorted(d.date for d in clause.drafts if d.date)
    _identification(
        meta,
        f"/akn/un/documentCollection/clause/{_eid(clause.id)}",
        dates[-1] if dates else None,
        clause.title_language,
        None,
    )
    _references(meta, [(p.id, p.name) for p in clause.parties])
    proprietary = _el(meta, "proprietary", source="#drafting")
    info = _el(proprietary, _D + "clause", id=clause.id, titleLanguage=clause.title_language)
    _el(info, _D + "title", clause.title)
    for source in clause.sources:
        _write_source(info, source)
    preface = _el(top, "preface")
    _el(_el(_el(preface, "longTitle"), "p"), "docTitle", clause.title)
    body = _el(top, "collectionBody")
    n = 0
    for draft in clause.drafts:
        n += 1
        _draft_component(body, clause, draft, n)
    for amendment in clause.amendments:
        n += 1
        _amendment_component(body, clause, amendment, n)
    if n == 0:
        raise ValueError(
            "a clause without drafts has no Akoma Ntoso form (collectionBody needs a component)"
        )
    return root


def to_akn(value: Clause | Document) -> bytes:
    """Akoma Ntoso 3.0 bytes of a clause or document (UTF-8, indented, final newline)."""
    root = clause_tree(value) if isinstance(value, Clause) else document_tree(value)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


_MIXED = frozenset(
    _A + t for t in ("p", "span", "num", "heading", "docTitle", "mod", "quotedText")
) | {_D + "title", _D + "note", _D + "source"}


def _indent(element: etree._Element, level: int = 0) -> None:
    """Two-space indentation of the containers only: text elements (``p``, ``mod``, …) are
    left exactly as written, so no whitespace ever enters a sentence."""
    if element.tag in _MIXED or len(element) == 0:
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


# --------------------------------------------------------------------------- reading


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _find(element: etree._Element | None, *path: str) -> etree._Element | None:
    for step in path:
        if element is None:
            return None
        element = element.find(step if step.startswith("{") else _A + step)
    return element


def _dget(element: etree._Element, name: str) -> str | None:
    return element.get(_D + name)


_DROP = ("authorialNote", "remark", "noteRef", "img", "eop", "marker", "popup", "subFlow")
_EM = frozenset({"i", "em"})
_BREAKS = ("eol", "br")


def _inline_of(element: etree._Element) -> tuple[str, tuple[Mark, ...]]:
    """Plain text and our marks of an AKN mixed-content element (footnotes dropped)."""
    copy = etree.fromstring(etree.tostring(element))
    etree.strip_elements(copy, *[_A + t for t in _DROP], with_tail=False)
    for node in list(copy.iter()):
        if node is copy or not isinstance(node.tag, str):
            continue
        tag = _local(node)
        if tag in _BREAKS:
            node.tail = " " + (node.tail or "")
            node.tag = _A + "x-drop"
        elif tag in _EM:
            node.tag = _A + "em"
            node.attrib.clear()
        elif tag == "ref" and node.get("href"):
            href = node.get("href")
            node.attrib.clear()
            node.set("href", href)
        elif tag == "span" and node.get("class") in ("term", "ref"):
            node.tag = _A + str(node.get("class"))
            values = {k[len(_D) :]: v for k, v in node.attrib.items() if k.startswith(_D)}
            node.attrib.clear()
            for key, value in values.items():
                node.set(key, value)
        else:
            node.tag = _A + "x-drop"
    etree.strip_tags(copy, _A + "x-drop", etree.Comment, etree.ProcessingInstruction)
    return read_inline(copy)


def _sentences_of(p: etree._Element, prefix: str, language: str | None) -> list[Sentence]:
    """Our sentence spans back, or the block's text split into sentences."""
    spans = [c for c in p if _local(c) == "span" and _dget(c, "id") is not None]
    if spans:
        made = []
        for span in spans:
            text, marks = _inline_of(span)
            made.append(Sentence(id=str(_dget(span, "id")), text=text, marks=marks))
        return made
    text, _marks = _inline_of(p)
    return [
        Sentence(id=f"{prefix}-s{i}", text=text[a:b])
        for i, (a, b) in enumerate(split_range(text, 0, len(text), language), start=1)
    ]


def _source(element: etree._Element) -> Source:
    return Source(
        id=str(element.get("id")),
        citation=element.text or "",
        date=element.get("date"),
        href=element.get("href"),
        note=element.get("note"),
    )


def _frbr_date(meta: etree._Element | None) -> str | None:
    date = _find(meta, "identification", "FRBRWork", "FRBRdate")
    if date is None or date.get("name") == "undated":
        return None
    value = date.get("date") or ""
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _frbr_language(meta: etree._Element | None) -> str | None:
    lang = _find(meta, "identification", "FRBRExpression", "FRBRlanguage")
    value = lang.get("language") if lang is not None else None
    return _LANG2.get(value, value) if value else None


def _our_paragraph(element: etree._Element, language: str | None) -> Paragraph:
    num = _find(element, "num")
    p = _find(element, "content", "p")
    pid = str(_dget(element, "id"))
    sentences = _sentences_of(p, pid, language) if p is not None else []
    return Paragraph(id=pid, sentences=tuple(sentences), num=num.text if num is not None else None)


def _our_document(top: etree._Element, info: etree._Element) -> Document:
    language = info.get("language") or "en"
    title = _find(info, _D + "title")
    source = _find(info, _D + "source")
    preamble = _find(top, "preamble")
    body = _find(top, "body")
    if body is None:
        body = _find(top, "mainBody")
    articles = []
    for element in body if body is not None else ():
        if _dget(element, "id") is None:
            continue
        num = _find(element, "num")
        heading = _find(element, "heading")
        articles.append(
            Article(
                id=str(_dget(element, "id")),
                num=num.text if num is not None else None,
                label=_dget(element, "label"),
                heading=heading.text if heading is not None else None,
                paragraphs=tuple(
                    _our_paragraph(p, language) for p in element if _local(p) == "paragraph"
                ),
            )
        )
    return Document(
        id=str(info.get("id")),
        title=(title.text or "") if title is not None else "",
        articles=tuple(articles),
        preamble=tuple(
            Paragraph(
                id=str(_dget(p, "id")),
                num=_dget(p, "num"),
                sentences=tuple(_sentences_of(p, str(_dget(p, "id")), language)),
            )
            for p in (preamble if preamble is not None else ())
            if _local(p) == "p"
        ),
        party=info.get("party"),
        date=info.get("date"),
        language=language,
        instrument=info.get("instrument") or "draft-treaty",
        source=_source(source) if source is not None else None,
    )


def _our_clause(top: etree._Element, info: etree._Element) -> Clause:
    refs = _find(top, "meta", "references")
    parties = tuple(
        Party(id=str(r.get("eId")), name=str(r.get("showAs")))
        for r in (refs if refs is not None else ())
        if _local(r) == "TLCOrganization" and r.get("eId") != "drafting"
    )
    drafts: list[Draft] = []
    amendments: list[Amendment] = []
    collection = _find(top, "collectionBody")
    for component in collection if collection is not None else ():
        for doc in component:
            kind = _local(doc)
            proprietary = _find(doc, "meta", "proprietary")
            if kind == "doc":
                d = _find(proprietary, _D + "draft")
                if d is None:
                    continue
                note = _find(d, _D + "note")
                p = _find(doc, "mainBody", "p")
                drafts.append(
                    Draft(
                        id=str(d.get("id")),
                        party=str(d.get("party")),
                        status=str(d.get("status")),
                        date=str(d.get("date")),
                        language=str(d.get("language")),
                        instrument=str(d.get("instrument")),
                        sentences=tuple(_sentences_of(p, "s", None)) if p is not None else (),
                        source=d.get("source"),
                        supersedes=d.get("supersedes"),
                        responds_to=d.get("respondsTo"),
                        note=note.text if note is not None else None,
                    )
                )
            elif kind == "amendment":
                a = _find(proprietary, _D + "amendment")
                if a is None:
                    continue
                amendments.append(
                    Amendment(
                        id=str(a.get("id")),
                        party=str(a.get("party")),
                        target=str(a.get("target")),
                        operations=tuple(_operations(doc)),
                        result=a.get("result"),
                        status=a.get("status") or "proposed",
                        date=a.get("date"),
                    )
                )
    title = _find(info, _D + "title")
    return Clause(
        id=str(info.get("id")),
        title=(title.text or "") if title is not None else "",
        parties=parties,
        sources=tuple(_source(s) for s in info if s.tag == _D + "source"),
        drafts=tuple(drafts),
        amendments=tuple(amendments),
        title_language=info.get("titleLanguage") or "en",
    )


def _operations(doc: etree._Element) -> Iterator[Operation]:
    """The amendment's operations from its ``mod`` elements, checked against the
    ``textualMod`` of the same source (the type must agree)."""
    types = {}
    for textual in doc.iter(_A + "textualMod"):
        source = _find(textual, "source")
        if source is not None:
            types[(source.get("href") or "").lstrip("#")] = textual.get("type")
    for mod in doc.iter(_A + "mod"):
        kind = _dget(mod, "kind") or _KIND.get(types.get(mod.get("eId") or "", ""), "")
        quoted = {_dget(q, "role"): q.text or "" for q in mod if _local(q) == "quotedText"}
        position = _dget(mod, "position") or "after"
        yield Operation(
            kind=kind,  # type: ignore[arg-type]
            at=str(_dget(mod, "at")),
            old=quoted.get("old"),
            new=quoted.get("new"),
            anchor=quoted.get("anchor"),
            position="before" if position == "before" else "after",
            new_id=_dget(mod, "newId"),
        )


_UNIT_TAGS = frozenset({"article", "section", "rule"})
_PARAGRAPH_TAGS = frozenset(
    {
        "paragraph",
        "subsection",
        "subparagraph",
        "point",
        "item",
        "clause",
        "subclause",
        "list",
        "alinea",
        "indent",
        "hcontainer",
        "level",
        "division",
        "blockList",
    }
)
_BLOCK_TAGS = frozenset({"p", "listIntroduction", "listWrapUp", "heading", "subheading"})
_HEADINGS = frozenset({"heading", "subheading"})
_WRAPPERS = frozenset({"content", "intro", "wrapUp", "blockContainer", "wrap"})


def _num_text(element: etree._Element) -> str | None:
    num = _find(element, "num")
    if num is None:
        return None
    text, _ = _inline_of(num)
    return text or None


_LABEL = re.compile(
    r"^(?:Art(?:icle|icolo|\.)?|Section|Sec\.|Статья|Стаття|Rule)\s*", re.IGNORECASE
)


def _article_number(raw: str | None) -> str | None:
    if not raw:
        return None
    bare = _LABEL.sub("", raw).strip(" .:-—–")
    match = re.match(
        r"(\d{1,4}(?:[ -]?(?:bis|ter|quater|quinquies|sexies|[a-z])\b)?|[IVXLCDM]+\b)", bare
    )
    return normalise_article_number(match.group(1)) if match else (bare or None)


def _foreign_paragraphs(article: etree._Element, aid: str, language: str) -> list[Paragraph]:
    """Every block of text below an article, in order, as a paragraph; a numbered unit's
    number goes to its first block ("1.", "a)" become "1", "a")."""
    made: list[Paragraph] = []
    pending: str | None = None

    def visit(element: etree._Element) -> None:
        nonlocal pending
        for child in element:
            tag = _local(child)
            if tag in _DROP or tag == "num" or (element is article and tag in _HEADINGS):
                continue
            if tag in _BLOCK_TAGS:
                pid = f"{aid}-p{len(made) + 1}"
                sentences = _sentences_of(child, pid, language)
                if sentences:
                    made.append(Paragraph(id=pid, sentences=tuple(sentences), num=pending))
                    pending = None
            elif tag in _PARAGRAPH_TAGS or tag in _WRAPPERS:
                num = _num_text(child) if tag in _PARAGRAPH_TAGS else None
                if num is not None:
                    pending = num.strip("()").rstrip(".)") or num
                visit(child)

    visit(article)
    return made


def _foreign_document(top: etree._Element, name: str) -> Document:
    meta = _find(top, "meta")
    language = _frbr_language(meta)
    title_el = next(top.iter(_A + "docTitle"), None)
    title = _inline_of(title_el)[0] if title_el is not None else ""
    if not title:
        alias = next(
            (a for a in top.iter(_A + "FRBRalias") if a.get("name") in ("title", "short")), None
        )
        title = alias.get("value", "") if alias is not None else ""
    body = _find(top, "body")
    if body is None:
        body = _find(top, "mainBody")
    if body is None:
        raise InputError(f"{name}: Akoma Ntoso {_local(top)} without a body to import")
    units = [e for e in body.iter() if _local(e) in _UNIT_TAGS]
    units = [u for u in units if not any(_local(a) in _UNIT_TAGS for a in u.iterancestors())]
    if language is None:
        language = detect_language(" ".join(body.itertext())[:20000])
    taken: set[str] = set()
    articles: list[Article] = []
    for unit in units:
        raw = _num_text(unit)
        num = _article_number(raw)
        base = "art-" + (re.sub(r"[^A-Za-z0-9]+", "-", num).strip("-").lower() if num else "x")
        aid = _unique(base, taken)
        heading_el = _find(unit, "heading")
        heading = _inline_of(heading_el)[0] if heading_el is not None else None
        label = raw if raw and not raw[0].isdigit() else (f"Article {num}" if num else None)
        articles.append(
            Article(
                id=aid,
                paragraphs=tuple(_foreign_paragraphs(unit, aid, language)),
                num=num,
                label=label,
                heading=heading or None,
                span=(unit.sourceline or 0, unit.sourceline or 0),
            )
        )
    if not units:
        articles.append(
            Article(id="text", paragraphs=tuple(_foreign_paragraphs(body, "text", language)))
        )
    preamble_el = _find(top, "preamble")
    preamble = _foreign_paragraphs(preamble_el, "pre", language) if preamble_el is not None else []
    frbr_this = _find(meta, "identification", "FRBRWork", "FRBRthis")
    doc_id = "imported"
    if frbr_this is not None and frbr_this.get("value"):
        doc_id = (
            _eid(
                "-".join(
                    p
                    for p in frbr_this.get("value", "").split("/")[2:]
                    if p and not p.startswith("!")
                )
            )[:100]
            or "imported"
        )
    return Document(
        id=doc_id,
        title=title or doc_id,
        articles=tuple(a for a in articles if a.paragraphs or a.heading),
        preamble=tuple(preamble),
        date=_frbr_date(meta),
        language=language,
        instrument="treaty" if _local(top) == "act" else "draft-treaty",
    )


def parse_akn(data: bytes, name: str) -> Clause | Document:
    """Read Akoma Ntoso bytes: our own exports exactly, other acts as documents.

    Hostile or malformed XML is refused by :func:`~drafting.formats.xmlsafe.parse_xml`
    (``name:line:column: message``).
    """
    root = parse_xml(data, name).getroot()
    if root.tag != _A + "akomaNtoso":
        raise InputError(
            f"{name}:{root.sourceline or 1}:1: not Akoma Ntoso 3.0 (root is "
            f"<{_local(root) or '?'}>, expected <akomaNtoso> in {AKN_NS})"
        )
    top = next((c for c in root if isinstance(c.tag, str)), None)
    if top is None:
        raise InputError(f"{name}:{root.sourceline or 1}:1: empty <akomaNtoso>")
    proprietary = _find(top, "meta", "proprietary")
    if proprietary is not None:
        clause = _find(proprietary, _D + "clause")
        if clause is not None:
            return _our_clause(top, clause)
        document = _find(proprietary, _D + "document")
        if document is not None:
            return _our_document(top, document)
    if _local(top) in (
        "documentCollection",
        "amendment",
        "amendmentList",
        "debate",
        "debateReport",
        "judgment",
        "officialGazette",
    ):
        raise InputError(
            f"{name}:{top.sourceline or 1}:1: Akoma Ntoso <{_local(top)}> from elsewhere "
            "cannot be imported (acts, bills, statements and docs can)"
        )
    return _foreign_document(top, name)


def is_akn(data: bytes) -> bool:
    """Whether the bytes look like Akoma Ntoso (its namespace near the start)."""
    return AKN_NS.encode() in data[:4096]
