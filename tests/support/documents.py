"""Build Word, PDF and HTML drafts from a real document of ``texts/`` for the reader tests.

The words all come from the document given (``texts/rus-nato-2021.xml`` is Russia's draft
agreement with NATO of 17 December 2021, quoted from the shared corpus); what these helpers
add is layout only: styles, list numbering, running headers, columns, markup. Tracked
changes and comments that a test adds are labelled "Constructed" as their author.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

from drafting.model import Document

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def plain_text(doc: Document) -> str:
    """The document as a plain-text draft: title, preamble, "Article N", numbered paragraphs."""
    lines = [doc.title, ""]
    for paragraph in doc.preamble:
        lines += [" ".join(s.text for s in paragraph.sentences), ""]
    for article in doc.articles:
        lines += [article.label or f"Article {article.num}", ""]
        if article.heading:
            lines += [article.heading, ""]
        for paragraph in article.paragraphs:
            number = f"{paragraph.num}. " if paragraph.num else ""
            lines += [number + " ".join(s.text for s in paragraph.sentences), ""]
    return "\n".join(lines)


def tiny_png() -> bytes:
    """A valid 1x1 PNG (for an image the reader must skip)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_pdf(docx_paths: list[Path], outdir: Path) -> list[Path]:
    """Convert Word files to PDF with LibreOffice headless, all in one run (it is slow to
    start). A private profile folder keeps it off any running instance."""
    office = soffice()
    assert office is not None, "LibreOffice (soffice) is needed for the PDF tests"
    profile = outdir / "lo-profile"
    subprocess.run(
        [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(outdir), *map(str, docx_paths)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    made = [outdir / (p.stem + ".pdf") for p in docx_paths]
    for path in made:
        assert path.is_file(), f"LibreOffice made no {path.name}"
    return made


def build_docx(
    doc: Document,
    path: Path,
    *,
    tracked: bool = False,
    extras: bool = False,
    header: str | None = None,
    columns: int = 1,
    footnote_markers: bool = False,
    repeat: int = 1,
) -> Path:
    """Write ``doc`` as a Word file: the title in Title style, "Article N" as Heading 2, a
    heading line as Heading 3, numbered paragraphs with real Word list numbering (restarted
    in each article). ``tracked``: the first sentence of each paragraph gets a tracked
    insertion (its last word) and a tracked deletion (a constructed word), so accepting gives
    the document's text and rejecting does not. ``extras``: a table, an image and a comment,
    which the reader must skip. ``header``: a running header and a page-number footer.
    ``repeat``: the articles again and again (for long documents)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    numbering = word.part.numbering_part.element
    list_number = word.styles["List Number"].element
    base_num = list_number.pPr.numPr.numId.val
    abstract = next(
        n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.iter(qn("w:num"))
        if n.get(qn("w:numId")) == str(base_num)
    )
    next_num = 900

    def restart() -> str:
        nonlocal next_num
        next_num += 1
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), str(next_num))
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), abstract)
        num.append(ref)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        start = OxmlElement("w:startOverride")
        start.set(qn("w:val"), "1")
        override.append(start)
        num.append(override)
        numbering.append(num)
        return str(next_num)

    def change(kind: str, text: str):  # type: ignore[no-untyped-def]
        element = OxmlElement(f"w:{kind}")
        element.set(qn("w:id"), str(next_num * 10 + len(text)))
        element.set(qn("w:author"), "Constructed")
        element.set(qn("w:date"), "2022-01-10T00:00:00Z")
        run = OxmlElement("w:r")
        t = OxmlElement("w:delText" if kind == "del" else "w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        run.append(t)
        element.append(run)
        return element

    section = word.sections[0]
    if columns > 1:
        cols = section._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = OxmlElement("w:cols")
            section._sectPr.append(cols)
        cols.set(qn("w:num"), str(columns))
        cols.set(qn("w:space"), "720")
    if header is not None:
        section.header.paragraphs[0].text = header
        footer = section.footer.paragraphs[0]
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = "1"
        run.append(t)
        field.append(run)
        footer._p.append(field)
    word.add_paragraph(doc.title, style="Title")
    for round_ in range(repeat):
        for article in doc.articles:
            word.add_heading(article.label or f"Article {article.num}", level=2)
            if article.heading:
                word.add_heading(article.heading, level=3)
            num_id = restart()
            for paragraph in article.paragraphs:
                sentences = [s.text for s in paragraph.sentences]
                p = word.add_paragraph(style="List Number" if paragraph.num else None)
                if paragraph.num:
                    p.paragraph_format.element.get_or_add_pPr()
                    num_pr = p._p.pPr.get_or_add_numPr()
                    num_pr.get_or_add_numId().val = int(num_id)
                    num_pr.get_or_add_ilvl().val = 0
                first = sentences[0]
                head, _, last_word = first.rpartition(" ")
                if tracked and head:
                    p.add_run(head + " ")
                    p._p.append(change("del", "constructed "))
                    p._p.append(change("ins", last_word))
                else:
                    run = p.add_run(first)
                    if footnote_markers:
                        marker = p.add_run(str(round_ + 1))
                        marker.font.superscript = True
                        del run
                for sentence in sentences[1:]:
                    p.add_run(" " + sentence)
    if extras:
        table = word.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Constructed table cell"
        import io

        word.add_picture(io.BytesIO(tiny_png()))
        anchor = word.paragraphs[1].runs
        word.add_comment(anchor, text="Constructed comment", author="Constructed")
    word.save(str(path))
    return path
