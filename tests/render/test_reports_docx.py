"""Word redlines (``drafting diff --format docx``) reopened with python-docx, converted by the
real LibreOffice, and accepted by an XML transform that must give exactly the later text.

Inputs are the bundled texts (real quotations): a clause's two drafts (the seed case), two
draft treaties with added and removed articles in both directions, and clause files whose
removed sentences sit first and last.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from support.cli import run_drafting
from support.paths import REPO

docx = pytest.importorskip("docx")

ROOT = REPO
TEXTS = ROOT / "texts"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CASES: dict[str, tuple[str, ...]] = {
    "seed": (f"{TEXTS}/ua-ge-membership.xml#nato-2008", f"{TEXTS}/ua-ge-membership.xml#rus-2022"),
    "treaties": (f"{TEXTS}/rus-nato-2021.xml", f"{TEXTS}/rus-usa-2021.xml"),
    "treaties-back": (f"{TEXTS}/rus-usa-2021.xml", f"{TEXTS}/rus-nato-2021.xml"),
    "budapest": (f"{TEXTS}/budapest-memorandum.xml",),
    "forces": (f"{TEXTS}/forces-deployment.xml",),
    "ukraine": (f"{TEXTS}/nato-ukraine-membership.xml",),
}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    """Each case's .docx and JSON report, both from the command line."""
    out = tmp_path_factory.mktemp("docx")
    found = {}
    for name, inputs in CASES.items():
        path = out / f"{name}.docx"
        done = run_drafting("diff", "--format", "docx", "-o", str(path), *inputs)
        assert done.returncode == 1, done.stderr
        report = json.loads(run_drafting("diff", "--format", "json", *inputs).stdout)
        found[name] = (path, report)
    return found


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml")).find(_q("body"))


def _b_text(inputs: tuple[str, ...]) -> str:
    from drafting.inputs import load_pair

    return load_pair(inputs)[1].text


def accept_all(body: etree._Element) -> str:
    """Accept every revision (drop ``w:del``, unwrap ``w:ins``, merge a paragraph whose mark
    is deleted into the next) and return the text of the Normal paragraphs, one per line;
    headings, title and summary are skipped. ``w:br`` is a line end."""
    body = etree.fromstring(etree.tostring(body))
    for deleted in body.xpath(".//w:del[not(parent::w:rPr)]", namespaces=NS):
        deleted.getparent().remove(deleted)
    for inserted in body.xpath(".//w:ins", namespaces=NS):
        parent = inserted.getparent()
        at = parent.index(inserted)
        for child in list(inserted):
            parent.insert(at, child)
            at += 1
        parent.remove(inserted)
    assert not body.xpath(".//w:delText", namespaces=NS)
    lines: list[str] = []
    carry = ""
    for p in body.findall(_q("p")):
        text = carry + "".join(
            "\n" if el.tag == _q("br") else el.text or "" for el in p.iter(_q("t"), _q("br"))
        )
        if p.find(f"{_q('pPr')}/{_q('rPr')}/{_q('del')}") is not None:
            carry = text  # its mark is deleted: it joins the next paragraph
            continue
        carry = ""
        style = p.find(f"{_q('pPr')}/{_q('pStyle')}")
        if style is not None and style.get(_q("val")) != "Normal":
            continue
        lines.append(text)
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(CASES))
def test_docx_reopens_and_its_revisions_are_the_report_ops(
    made: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    path, report = made[name]
    document = docx.Document(str(path))  # reopens
    assert document.paragraphs
    ops = [o for u in report["units"] for o in u["ops"] if not o.get("ignored")]
    body = _body(path)
    ins = body.xpath(".//w:ins", namespaces=NS)
    dels = body.xpath(".//w:del[not(parent::w:rPr)]", namespaces=NS)
    assert len(ins) == sum(o["op"] == "insert" for o in ops)
    assert len(dels) == sum(o["op"] == "delete" for o in ops)
    inserted = [o["text"].replace("\n", "") for o in ops if o["op"] == "insert"]
    assert ["".join(i.itertext()) for i in ins] == inserted
    # a heading per article
    labelled = [u for u in report["units"] if u["a_label"] or u["b_label"]]
    headings = [p for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == len(labelled)


@pytest.mark.parametrize("name", list(CASES))
def test_accepting_all_revisions_gives_exactly_the_later_text(
    made: dict[str, tuple[Path, dict[str, Any]]], name: str
) -> None:
    path, _ = made[name]
    assert accept_all(_body(path)) == _b_text(CASES[name])


def test_accept_transform_can_fail(made: dict[str, tuple[Path, dict[str, Any]]]) -> None:
    """Rejecting instead of accepting must not give the later text (the check is not empty)."""
    path, _ = made["seed"]
    body = _body(path)
    for inserted in body.xpath(".//w:ins", namespaces=NS):
        inserted.getparent().remove(inserted)
    assert accept_all(body) != _b_text(CASES["seed"])


def test_seed_revisions_carry_the_later_party_and_date_and_a_strength_comment(
    made: dict[str, tuple[Path, dict[str, Any]]],
) -> None:
    path, report = made["seed"]
    body = _body(path)
    marks = body.xpath(".//w:ins | .//w:del", namespaces=NS)
    assert marks
    assert {m.get(_q("author")) for m in marks} == {"Russian Federation"}
    assert {m.get(_q("date")) for m in marks} == {"2022-01-10T00:00:00Z"}
    with zipfile.ZipFile(path) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
    texts = ["".join(c.itertext()) for c in comments.findall(_q("comment"))]
    assert len(texts) == 1
    strength = report["units"][0]["strength"]
    assert strength["verdict"] in texts[0]
    for change in strength["term_changes"]:
        for term in (change["before"], change["after"]):
            if term:
                assert term["rule"] in texts[0] and term["text"] in texts[0]
    # anchored on the hunk: the range opens before the first revision and closes after it
    paragraph = body.xpath(".//w:p[w:commentRangeStart]", namespaces=NS)[0]
    tags = [etree.QName(el).localname for el in paragraph]
    assert tags.index("commentRangeStart") < tags.index("del") < tags.index("ins")
    assert tags.index("ins") < tags.index("commentRangeEnd")


def test_docx_on_standard_output_is_the_document() -> None:
    done = run_drafting("diff", "--format", "docx", *CASES["seed"], text=False)
    assert done.returncode == 1
    assert zipfile.is_zipfile(io.BytesIO(done.stdout))


@pytest.fixture(scope="module")
def positions_docx(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    from drafting.diff.positions import PositionsOptions, positions
    from drafting.formats.clausexml import read_clause

    report = positions(read_clause(TEXTS / "ua-ge-membership.xml"), PositionsOptions())
    path = tmp_path_factory.mktemp("positions") / "positions.docx"
    clause = str(TEXTS / "ua-ge-membership.xml")
    done = run_drafting("positions", clause, "--format", "docx", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path, report


def test_positions_docx_sections_are_tracked_changes_by_each_party(
    positions_docx: tuple[Path, Any],
) -> None:
    path, report = positions_docx
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == len(report.columns)
    segments = [(c, s) for row in report.rows for c in row.cells for s in c.redline]
    body = _body(path)
    ins = body.xpath(".//w:ins", namespaces=NS)
    dels = body.xpath(".//w:del[not(parent::w:rPr)]", namespaces=NS)
    assert len(ins) == sum(s.kind == "insert" for _, s in segments)
    assert len(dels) == sum(s.kind == "delete" for _, s in segments)
    parties = {c.key: c.party_name for c in report.columns}
    assert {m.get(_q("author")) for m in ins + dels} == {
        parties[c.column] for c, s in segments if s.kind != "equal"
    }
    # accepting a section's revisions gives that position's wording, row by row
    accepted = accept_all(body).split("\n")
    for k, column in enumerate(report.columns):
        for row in report.rows:
            text = row.cells[k].text
            if text and row.cells[k].redline:
                assert text in accepted, (column.key, text)


def test_libreoffice_converts_the_redlines_to_pdf(
    made: dict[str, tuple[Path, dict[str, Any]]], positions_docx: tuple[Path, Any], tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("soffice is not installed (.ci/run installs it)")
        pytest.skip("soffice is not installed")
    names = ["seed", "treaties-back"]  # few documents, one soffice start
    brief = tmp_path / "brief.docx"
    made_brief = run_drafting("brief", str(TEXTS), "--format", "docx", "-o", str(brief))
    assert made_brief.returncode == 0, made_brief.stderr
    done = subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *(str(made[n][0]) for n in names),
            str(positions_docx[0]),
            str(brief),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in [*names, "positions", "brief"]:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.exists(), done.stdout + done.stderr
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and len(data) > 5000


def test_a_sentence_moved_within_an_article_gets_a_comment(tmp_path: Path) -> None:
    # constructed: paragraphs 1 and 2 of one article trade places, words unchanged
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text(
        "Article 1\n1. The Parties shall consult each other on fisheries.\n"
        "2. Each Party may request a meeting of experts.\n",
        encoding="utf-8",
    )
    b.write_text(
        "Article 1\n1. Each Party may request a meeting of experts.\n"
        "2. The Parties shall consult each other on fisheries.\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.docx"
    done = run_drafting("diff", "--format", "docx", "-o", str(out), str(a), str(b))
    assert done.returncode == 1, done.stderr
    with zipfile.ZipFile(out) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
    texts = ["".join(c.itertext()) for c in comments.findall(_q("comment"))]
    assert any(t.startswith("moved within: “The Parties shall consult each other…”") for t in texts)
