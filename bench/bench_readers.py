"""Benchmark: importing a 100-page Word draft and a 100-page PDF, and refusing hostile input.

The draft is generated treaty text (``/work/shared/bench/gen_treaty.py``, ``--words``,
default 45,000 words: about 100 pages in Word's default layout), imported with
``import_text`` and written as a .docx by python-docx (title, "Article N" headings, one Word
paragraph per paragraph); LibreOffice headless turns it into the PDF (pages counted with
pdfplumber). Times, median of ``--repeat`` runs, in the same process:

- Word: ``drafting.formats.docx.read`` (zip checks, numbering, tracked changes, the text
  importer) against python-docx's ``"\\n".join(p.text for p in doc.paragraphs)``, the line a
  user would otherwise write (no numbering, no tracked insertions, no structure);
- PDF: ``drafting.formats.pdf.read`` (words with positions, columns, furniture, markers,
  hyphens, the text importer) against ``pdftotext -layout`` (poppler, when installed) and
  pdfplumber's own ``page.extract_text()`` on every page;
- hostile inputs: a zip bomb .docx, a PDF bomb, a PDF claiming 50 million objects in one
  object stream, and HTML nested 100,000 deep: the time to the one-line refusal.

Usage: python bench/bench_readers.py [--words 45000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from drafting.errors import InputError
from drafting.formats import docx as docx_reader
from drafting.formats import html as html_reader
from drafting.formats import pdf as pdf_reader
from drafting.formats.plaintext import import_text
from drafting.formats.readers import ReadOptions
from drafting.model import Document

GEN_TREATY = Path(os.environ.get("GEN_TREATY", "/work/shared/bench/gen_treaty.py"))


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def write_docx(doc: Document, path: Path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph(doc.title, style="Title")
    for article in doc.articles:
        word.add_heading(article.label or f"Article {article.num}", level=2)
        for paragraph in article.paragraphs:
            number = f"{paragraph.num}. " if paragraph.num else ""
            word.add_paragraph(number + " ".join(s.text for s in paragraph.sentences))
    word.save(str(path))


def refusal_seconds(read: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        read()
    except InputError as error:
        return time.perf_counter() - start, str(error)
    return time.perf_counter() - start, "NOT REFUSED"


def hostile(folder: Path) -> None:
    options = ReadOptions()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"\0" * (1024 * 1024 * 1024))
    bomb = buffer.getvalue()
    body = zlib.compress(b"\0" * (512 * 1024 * 1024), 9)
    pdf_bomb = (
        b"%PDF-1.7\n1 0 obj\n<< /Length "
        + str(len(body)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + body
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    objstm = b"%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 50000000 /First 10 >>\nstream\n\n"
    objstm += b"endstream\nendobj\n%%EOF\n"
    deep = b"<html><body>" + b"<div>" * 100_000 + b"x" + b"</div>" * 100_000 + b"</body></html>"
    cases = [
        (
            f"zip bomb .docx ({len(bomb):,} bytes -> 1 GiB)",
            lambda: docx_reader.read(bomb, "bomb.docx", options),
        ),
        (
            f"PDF bomb ({len(pdf_bomb):,} bytes -> 512 MiB)",
            lambda: pdf_reader.read(pdf_bomb, "bomb.pdf", options),
        ),
        (
            "PDF object stream of 50M objects",
            lambda: pdf_reader.read(objstm, "objstm.pdf", options),
        ),
        ("HTML nested 100,000 deep", lambda: html_reader.read(deep, "deep.html", options)),
    ]
    print("\nhostile input: time to the one-line refusal")
    for label, read in cases:
        seconds, message = refusal_seconds(read)
        print(f"  {label:45} {seconds * 1000:8.1f} ms  {message[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=45_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with open("/proc/loadavg", encoding="ascii") as handle:
        print(f"load average before: {handle.read().split()[:3]}")
    folder = Path(tempfile.mkdtemp(prefix="bench-readers-"))
    subprocess.run(
        [sys.executable, str(GEN_TREATY), "--words", str(args.words), "--out", str(folder)],
        check=True,
        capture_output=True,
    )
    # a title line, as a draft has (the generated text starts with Article 1)
    text = "Generated treaty for the benchmark\n\n" + (folder / "a.txt").read_text(encoding="utf-8")
    document = import_text(text, doc_id="bench")
    path = folder / "draft.docx"
    write_docx(document, path)
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is needed to make the PDF"
    subprocess.run(
        [
            office,
            f"-env:UserInstallation=file://{folder}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pdf_path = folder / "draft.pdf"
    import docx
    import pdfplumber

    with pdfplumber.open(str(pdf_path)) as pdf:
        pages = len(pdf.pages)
    data = path.read_bytes()
    pdf_data = pdf_path.read_bytes()
    print(
        f"{len(text.split()):,} words, {len(document.sentences):,} sentences, {pages} pages; "
        f".docx {len(data):,} bytes, .pdf {len(pdf_data):,} bytes"
    )
    options = ReadOptions()
    ours_docx = median_seconds(lambda: docx_reader.read(data, "draft.docx", options), args.repeat)
    plain_docx = median_seconds(
        lambda: "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs), args.repeat
    )
    loaded = docx_reader.read(data, "draft.docx", options)
    same = [s.text for s in loaded.value.sentences] == [s.text for s in document.sentences]
    print(
        f"\nWord, {pages} pages: drafting {ours_docx:.3f} s; python-docx paragraph text "
        f"{plain_docx:.3f} s; ratio {ours_docx / plain_docx:.1f}x; "
        f"sentences equal to the text import: {same}"
    )
    ours_pdf = median_seconds(lambda: pdf_reader.read(pdf_data, "draft.pdf", options), 1)

    def plumber_text() -> str:
        with pdfplumber.open(io.BytesIO(pdf_data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)

    plumber = median_seconds(plumber_text, 1)
    loaded_pdf = pdf_reader.read(pdf_data, "draft.pdf", options)
    same_pdf = [s.text for s in loaded_pdf.value.sentences] == [s.text for s in document.sentences]
    line = (
        f"PDF, {pages} pages: drafting {ours_pdf:.2f} s; pdfplumber extract_text "
        f"{plumber:.2f} s (ratio {ours_pdf / plumber:.2f}x)"
    )
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        poppler = median_seconds(
            lambda: subprocess.run(
                [pdftotext, "-layout", str(pdf_path), "-"], check=True, capture_output=True
            ),
            args.repeat,
        )
        line += f"; pdftotext -layout {poppler:.3f} s (ratio {ours_pdf / poppler:.0f}x)"
    print(line + f"; sentences equal to the text import: {same_pdf}")
    hostile(folder)
    with open("/proc/loadavg", encoding="ascii") as handle:
        print(f"\nload average after: {handle.read().split()[:3]}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
