"""PDF drafts in: the text of each page in reading order, without the page furniture.

Extraction uses pdfplumber (optional extra ``pdf``), on pdfminer.six. Why that library: it is
maintained, pure Python over pdfminer (plus pypdfium2 wheels), and it gives every word with
its position and font size. Text-only extractors (pypdf's ``extract_text``) give a string in
content-stream order, which is exactly what cannot tell a running header, a superscript
footnote marker or the second column from body text.

From the words the reader:

- groups words into lines, and finds a **two-column** page by a vertical gutter near the
  middle that no body line crosses; each column is read top to bottom, the left first, and
  lines that span the gutter (titles, headings) are kept in place between column runs;
- drops **running headers and footers**: the top and bottom lines that repeat (digits
  ignored) on at least half the pages, and **page numbers** (``12``, ``- 12 -``,
  ``Page 3 of 9``, ``iv``) in those places;
- drops **footnote markers**: digits or ``*†‡`` set in a smaller font and raised above the
  line;
- **rejoins words hyphenated at a line end** (``guaran-`` / ``tee`` → ``guarantee``) when
  the next line goes on in lower case;
- joins the lines of a paragraph, starting a new one after a vertical gap, at a numbered or
  bulleted line, or after a short line that ends a sentence;

then gives the text to the plain-text importer, so article headings, numbered paragraphs and
sentences are found as for a ``.txt`` draft. Each paragraph remembers its page and line.

Hostile files are refused before pdfminer parses them: an object stream claiming a huge
number of objects, and any compressed stream inflating past ``MAX_INFLATED`` (a "PDF bomb"),
are found by scanning the raw bytes with a capped inflater.
"""

from __future__ import annotations

import io
import re
import zlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from drafting.errors import InputError
from drafting.formats.readers import Loaded, ReadOptions, loaded_from_text

MAX_PAGES = 3000
MAX_INFLATED = 64 * 1024 * 1024
"""What one compressed stream may inflate to (a page's content stream is a few KB; an
embedded font a few MB)."""
MAX_TOTAL_INFLATED = 512 * 1024 * 1024
MAX_OBJECTS_PER_STREAM = 100_000

_STREAM = re.compile(rb"stream\r?\n")
_OBJSTM_N = re.compile(rb"/Type\s*/ObjStm[^>]*?/N\s+(\d+)|/N\s+(\d+)[^>]*?/Type\s*/ObjStm", re.S)
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|стр\.|страница|сторінка)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|из|з)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
_MARKER = re.compile(r"^(?:\d{1,3}|[*†‡§]+)[.)]?$")
_NUMBERED = re.compile(r"^(?:\d{1,3}[.)]|\([0-9a-zA-Z]{1,6}\)|[a-z]\)|[-•*–])\s")
_HYPHENATED = re.compile(r"[^\W\d_][-\u00ad]$")
_TERMINAL = re.compile(r"[.!?…;:][\"'»”’)\]]*$")


def check_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose streams would inflate past the limits, or whose object streams
    claim absurd object counts, in one pass over the raw bytes."""
    for match in _OBJSTM_N.finditer(data[: 64 * 1024 * 1024]):
        count = int(match.group(1) or match.group(2))
        if count > MAX_OBJECTS_PER_STREAM:
            raise InputError(
                f"{name}: refused: an object stream claims {count:,} objects "
                f"(at most {MAX_OBJECTS_PER_STREAM:,})"
            )
    total = 0
    position = 0
    while True:
        match = _STREAM.search(data, position)
        if match is None:
            break
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        position = end + 9
        header = data[max(0, match.start() - 512) : match.start()]
        if b"FlateDecode" not in header.rpartition(b"obj")[2]:
            continue
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(data[start:end], MAX_INFLATED + 1)
        except zlib.error:
            continue  # damaged or not really Flate: pdfminer will say so or skip it
        if len(out) > MAX_INFLATED:
            raise InputError(
                f"{name}: refused: a compressed stream at byte {start:,} inflates past "
                f"{MAX_INFLATED:,} bytes (a PDF bomb)"
            )
        total += len(out)
        if total > MAX_TOTAL_INFLATED:
            raise InputError(
                f"{name}: refused: the streams inflate past {MAX_TOTAL_INFLATED:,} bytes"
            )


@dataclass
class _Line:
    words: list[dict]  # type: ignore[type-arg]
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    column: int = 0

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def _lines(words: list[dict]) -> list[_Line]:  # type: ignore[type-arg]
    """Words grouped into lines by their vertical position, each line left to right."""
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        height = max(word["bottom"] - word["top"], 0.1)
        for line in reversed(lines[-3:]):
            overlap = min(line.bottom, word["bottom"]) - max(line.top, word["top"])
            if overlap > 0.3 * min(height, line.bottom - line.top):
                line.words.append(word)
                line.top = min(line.top, word["top"])
                line.bottom = max(line.bottom, word["bottom"])
                line.x0 = min(line.x0, word["x0"])
                line.x1 = max(line.x1, word["x1"])
                break
        else:
            lines.append(
                _Line(
                    [word], word["top"], word["bottom"], word["x0"], word["x1"], word.get("size", 0)
                )
            )
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
        weights: Counter[float] = Counter()
        for word in line.words:  # the size most of the line's letters are set in
            weights[round(word.get("size", 0), 1)] += len(word["text"])
        line.size = weights.most_common(1)[0][0] if weights else 0
    lines.sort(key=lambda line: line.top)
    return lines


def _crosses(word: dict, x: float) -> bool:  # type: ignore[type-arg]
    return word["x0"] < x + 3 and word["x1"] > x - 3


def _gutter(words: list[dict], width: float) -> float | None:  # type: ignore[type-arg]
    """The x of a column gutter near the middle: a band that (almost) no word crosses, with
    plenty of words on both sides."""
    if len(words) < 40:
        return None
    best: tuple[int, float] | None = None
    for step in range(70, 131):
        x = width * step / 200
        crossing = sum(1 for w in words if _crosses(w, x))
        left = sum(1 for w in words if w["x1"] <= x - 3)
        right = sum(1 for w in words if w["x0"] >= x + 3)
        if min(left, right) >= len(words) // 5 and crossing <= len(words) // 50:
            score = crossing * 10_000 - min(left, right)
            if best is None or score < best[0]:
                best = (score, x)
    return best[1] if best else None


def _split_columns(page_words: list[dict], width: float) -> list[_Line]:  # type: ignore[type-arg]
    """The page's lines in reading order, two columns read one after the other."""
    x = _gutter(page_words, width)
    if x is None:
        return _lines(page_words)
    ordered: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []
    for line in _lines(page_words):
        if any(_crosses(w, x) for w in line.words):  # a title or heading across the page
            ordered += left + right + [line]
            left, right = [], []
            continue
        side_left = [w for w in line.words if w["x1"] <= x]
        side_right = [w for w in line.words if w["x1"] > x]
        for words, column, into in ((side_left, 1, left), (side_right, 2, right)):
            for part in _lines(words):
                part.column = column
                into.append(part)
    return ordered + left + right


def _normalise(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


@dataclass
class Extracted:
    text: str
    starts: list[int]
    places: list[str]
    notes: list[str]

    def where(self, offset: int) -> str:
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return self.places[index] if self.places else "page 1"


def _pages(data: bytes, name: str) -> tuple[list[tuple[list[dict], float]], float]:  # type: ignore[type-arg]
    try:
        import pdfplumber  # optional extra: pdf
        from pdfminer.pdfparser import PDFSyntaxError  # optional extra: pdf (pdfplumber's)
    except ImportError:
        raise InputError(
            f"{name}: reading PDF needs the pdfplumber package: pip install 'drafting[pdf]'"
        ) from None

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFSyntaxError as error:
        raise InputError(f"{name}: not a readable PDF ({error})") from None
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        raise InputError(f"{name}: not a readable PDF ({type(error).__name__})") from None
    with pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise InputError(f"{name}: refused: {len(pdf.pages):,} pages (at most {MAX_PAGES:,})")
        pages: list[tuple[list[dict], float]] = []  # type: ignore[type-arg]
        sizes: Counter[float] = Counter()
        for number, page in enumerate(pdf.pages, start=1):
            try:
                words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            except Exception as error:
                raise InputError(
                    f"{name}: page {number}: cannot extract its text ({type(error).__name__})"
                ) from None
            for word in words:
                sizes[round(word["size"], 1)] += len(word["text"])
            pages.append((words, float(page.width)))
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    return pages, body_size


def _drop_markers(line: _Line, body_size: float) -> None:
    """Footnote markers: digits or daggers in a clearly smaller font, raised on the line."""
    if body_size <= 0:
        return
    kept = []
    for word in line.words:
        small = word.get("size", body_size) < body_size * 0.8
        raised = word["bottom"] < line.bottom - body_size * 0.15
        if small and raised and _MARKER.match(word["text"]):
            continue
        kept.append(word)
    line.words = kept


def _without_furniture(
    pages: list[tuple[list[dict], float]],  # type: ignore[type-arg]
    dropped: Counter[str],
) -> list[list[_Line]]:
    """Each page's lines in reading order, its running header and footer lines and page
    numbers removed first (found by position on the whole page, before columns are read)."""
    laid = [(_lines(words), width) for words, width in pages]
    furniture: Counter[str] = Counter()
    for lines, _width in laid:
        if lines:
            furniture.update({_normalise(lines[0].text), _normalise(lines[-1].text)})
    repeated = {t for t, n in furniture.items() if len(pages) >= 2 and n >= len(pages) / 2}
    result: list[list[_Line]] = []
    for lines, width in laid:
        body = list(lines)
        for edge in (0, -1):
            while body:
                text = body[edge].text
                if _normalise(text) in repeated:
                    dropped["running header or footer line"] += 1
                elif _PAGE_NUMBER.match(text):
                    dropped["page number"] += 1
                else:
                    break
                body.pop(edge)
        words = [w for line in body for w in line.words]
        result.append(_split_columns(words, width))
    return result


def extract(data: bytes, name: str) -> Extracted:
    """The text of a PDF draft without its page furniture (see the module docstring)."""
    check_streams(data, name)
    raw_pages, body_size = _pages(data, name)
    dropped = Counter[str]()
    pages = _without_furniture(raw_pages, dropped)
    paragraphs: list[str] = []
    places: list[str] = []
    current: list[str] = []
    previous: _Line | None = None

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for number, body in enumerate(pages, start=1):
        edges: dict[int, tuple[float, float]] = {}
        for line in body:
            low, high = edges.get(line.column, (line.x0, line.x1))
            edges[line.column] = (min(low, line.x0), max(high, line.x1))
        for index, line in enumerate(body, start=1):
            before = len(line.words)
            _drop_markers(line, body_size)
            if len(line.words) < before:
                dropped["footnote marker"] += before - len(line.words)
            text = line.text.strip()
            if not text:
                continue
            hyphenated = bool(current) and _HYPHENATED.search(current[-1]) and text[:1].islower()
            if previous is not None and current and not hyphenated:
                pitch = max(previous.bottom - previous.top, 1.0)
                gap = line.top - previous.bottom
                new_column = line.top < previous.top - pitch
                column_left, column_right = edges.get(previous.column, (0.0, previous.x1))
                width = max(column_right - column_left, 1.0)
                short = previous.x1 < column_right - width * 0.2
                last = current[-1]
                if (
                    (gap > pitch * 0.9 and not new_column)
                    or _NUMBERED.match(text)
                    or (short and _TERMINAL.search(last))
                    or abs(line.size - previous.size) > body_size * 0.1
                ):
                    flush()
            if not current:
                places.append(f"page {number}, line {index}")
            if hyphenated:
                current[-1] = current[-1][:-1] + text  # a word hyphenated at the line end
            else:
                current.append(text)
            previous = line
        # a page break does not end a paragraph unless the line said so
    flush()
    notes = [f"{n} {what}(s) removed" for what, n in sorted(dropped.items())]
    text = "\n\n".join(paragraphs) + "\n"
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    return Extracted(text=text, starts=starts, places=places, notes=notes)


def read(data: bytes, name: str, options: ReadOptions) -> Loaded:
    """The registry's entry point: a PDF → a Document (through the text importer)."""
    extracted = extract(data, name)
    if not extracted.text.strip():
        raise InputError(f"{name}: the PDF has no text layer (a scan needs OCR first)")
    return loaded_from_text(
        extracted.text, name, options, "pdf", tuple(f"{name}: {n}" for n in extracted.notes)
    )
