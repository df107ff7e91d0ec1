"""Word (.docx) drafts in: paragraphs, headings and numbering as displayed, tracked changes.

The package is opened with python-docx (optional extra ``docx``) after a check of the zip's
own directory, so a zip bomb is refused before anything is inflated. The body is then walked
as WordprocessingML, because python-docx's ``paragraph.text`` silently drops the runs inside
tracked insertions and never shows deletions:

- each paragraph becomes a paragraph of plain text, its list number as Word displays it
  (``1.``, ``(a)``, ``Article 3``) computed from ``numbering.xml``; then the text goes
  through the plain-text importer, so article headings, numbering, the title (the first
  short line) and sentences are found exactly as for a ``.txt`` draft;
- tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``) follow
  ``ReadOptions.changes``: ``accept`` (the text as it would be with every change accepted),
  ``reject`` (as it was before them) or ``fail`` (one line naming the first change's
  paragraph, author and date);
- tables and images are skipped and comments ignored; each is counted in a note.

Every paragraph's offset in the extracted text is kept, so messages name "paragraph N".
"""

from __future__ import annotations

import io
import zipfile
from bisect import bisect_right
from dataclasses import dataclass, field

from drafting.errors import InputError
from drafting.formats.readers import Loaded, ReadOptions, loaded_from_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"

MAX_ENTRIES = 2000
"""More parts than any real Word file has (a long treaty has a few dozen)."""

MAX_EXPANDED = 200 * 1024 * 1024
"""What the whole package may inflate to."""

MAX_RATIO = 200
"""An entry over 1 MB inflating more than this many times its stored size is a bomb (text
XML compresses 5-20 times)."""


def sniff(data: bytes) -> int:
    """100 for a zip whose parts include ``word/``; 0 otherwise."""
    if not data.startswith(b"PK\x03\x04"):
        return 0
    return 100 if b"word/" in data[:65536] or b"word/" in data[-65536:] else 0


def check_package(data: bytes, name: str) -> zipfile.ZipFile:
    """The zip, once its directory shows nothing hostile; InputError (one line) otherwise."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        entries = package.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise InputError(f"{name}: not a Word file (a damaged zip: {error})") from None
    if len(entries) > MAX_ENTRIES:
        raise InputError(
            f"{name}: refused: the package has {len(entries):,} parts (at most {MAX_ENTRIES:,})"
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        stored = max(entry.compress_size, 1)
        if entry.file_size > 1024 * 1024 and entry.file_size / stored > MAX_RATIO:
            raise InputError(
                f"{name}: refused: part {entry.filename!r} would inflate "
                f"{entry.file_size // stored:,} times ({entry.file_size:,} bytes): a zip bomb"
            )
    if total > MAX_EXPANDED:
        raise InputError(
            f"{name}: refused: the package inflates to {total:,} bytes (at most {MAX_EXPANDED:,})"
        )
    if "word/document.xml" not in {e.filename for e in entries}:
        raise InputError(f"{name}: not a Word file (no word/document.xml)")
    return package


# --------------------------------------------------------------------------- numbering


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One level's counter as Word shows it for ``w:numFmt``."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class Numbering:
    """Word's list numbering: definitions from ``numbering.xml`` and the running counters."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    starts: dict[tuple[str, int], int] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, root) -> Numbering:  # type: ignore[no-untyped-def]
        made = cls()
        if root is None:
            return made
        abstract: dict[str, dict[int, _Level]] = {}
        for element in root.iter(_W + "abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in element.iter(_W + "lvl"):
                level = _Level()
                start = lvl.find(_W + "start")
                fmt = lvl.find(_W + "numFmt")
                text = lvl.find(_W + "lvlText")
                if start is not None and (start.get(_W + "val") or "").isdigit():
                    level.start = int(start.get(_W + "val"))
                if fmt is not None:
                    level.fmt = fmt.get(_W + "val") or "decimal"
                if text is not None:
                    level.text = text.get(_W + "val") or ""
                levels[int(lvl.get(_W + "ilvl") or 0)] = level
            abstract[element.get(_W + "abstractNumId") or ""] = levels
        for num in root.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            ref = num.find(_W + "abstractNumId")
            made.levels[num_id] = abstract.get(ref.get(_W + "val") if ref is not None else "", {})
            for override in num.iter(_W + "lvlOverride"):
                start = override.find(_W + "startOverride")
                if start is not None and (start.get(_W + "val") or "").isdigit():
                    made.starts[(num_id, int(override.get(_W + "ilvl") or 0))] = int(
                        start.get(_W + "val")
                    )
        return made

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of ``num_id`` at ``ilvl`` and return the label Word shows
        (None for a bullet or no numbering)."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return None
        level = levels.get(ilvl, _Level())
        counters = self.counters.setdefault(num_id, [0] * 9)
        ilvl = min(ilvl, 8)
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), level.start)
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return "-"
        if level.fmt == "none":
            return None
        label = level.text
        for k in range(9):
            token = f"%{k + 1}"
            if token in label:
                sub = levels.get(k, _Level())
                value = counters[k] or self.starts.get((num_id, k), sub.start)
                label = label.replace(token, format_number(value, sub.fmt))
        return label.strip() or None


# --------------------------------------------------------------------------- the body


@dataclass
class Extracted:
    """The text of a Word body and where each paragraph starts in it."""

    text: str
    starts: list[int]
    notes: list[str]

    def where(self, offset: int) -> str:
        """ "paragraph N" for a character offset into ``text``."""
        return f"paragraph {max(bisect_right(self.starts, offset), 1)}"


class _Walker:
    def __init__(self, name: str, changes: str, numbering: Numbering, styles) -> None:  # type: ignore[no-untyped-def]
        self.name = name
        self.changes = changes
        self.numbering = numbering
        self.styles = styles
        self.paragraph = 0
        self.tables = 0
        self.images = 0
        self.comments: set[str] = set()
        self.tracked = 0

    def refuse_change(self, element, kind: str) -> None:  # type: ignore[no-untyped-def]
        author = element.get(_W + "author") or "unknown author"
        date = (element.get(_W + "date") or "")[:10]
        when = f" on {date}" if date else ""
        raise InputError(
            f"{self.name}: paragraph {self.paragraph}: tracked {kind} by {author}{when}; "
            "choose --changes accept or --changes reject"
        )

    def runs_text(self, element, out: list[str]) -> None:  # type: ignore[no-untyped-def]
        """The visible text below ``element`` with tracked changes resolved."""
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag in (_W + "ins", _W + "moveTo"):
                self.tracked += 1
                if self.changes == "fail":
                    self.refuse_change(child, "insertion" if tag == _W + "ins" else "move")
                if self.changes == "accept":
                    self.runs_text(child, out)
            elif tag in (_W + "del", _W + "moveFrom"):
                self.tracked += 1
                if self.changes == "fail":
                    self.refuse_change(child, "deletion" if tag == _W + "del" else "move")
                if self.changes == "reject":
                    self.runs_text(child, out)
            elif tag in (_W + "t", _W + "delText"):
                out.append(child.text or "")
            elif tag in (_W + "tab", _W + "br", _W + "cr"):
                out.append(" ")
            elif tag == _W + "noBreakHyphen":
                out.append("\u2011")
            elif tag in (_W + "drawing", _W + "pict", _W + "object"):
                self.images += 1
            elif tag in (_W + "commentReference", _W + "commentRangeStart"):
                self.comments.add(child.get(_W + "id") or "")
            elif tag in (
                _W + "footnoteReference",
                _W + "endnoteReference",
                _W + "rPr",
                _W + "pPr",
                _W + "instrText",
                _W + "delInstrText",
            ):
                continue
            else:  # runs, hyperlinks, smart tags, simple fields, content controls
                self.runs_text(child, out)

    def style_numbering(self, style_id: str | None) -> tuple[str, int] | None:
        seen = 0
        while style_id and seen < 20:
            seen += 1
            style = self.styles.get(style_id)
            if style is None:
                return None
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    return num_id.get(_W + "val") or "", int(
                        ilvl.get(_W + "val") if ilvl is not None else 0
                    )
            based = style.find(_W + "basedOn")
            style_id = based.get(_W + "val") if based is not None else None
        return None

    def paragraph_line(self, p) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
        """The paragraph as one line of text, and whether its mark was deleted (tracked), so
        that accepting joins it to the next paragraph."""
        self.paragraph += 1
        ppr = p.find(_W + "pPr")
        style_el = ppr.find(_W + "pStyle") if ppr is not None else None
        style_id = style_el.get(_W + "val") if style_el is not None else None
        numbered: tuple[str, int] | None = None
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is not None:
            num_id = num_pr.find(_W + "numId")
            ilvl = num_pr.find(_W + "ilvl")
            if num_id is not None:
                numbered = (
                    num_id.get(_W + "val") or "",
                    int(ilvl.get(_W + "val") or 0) if ilvl is not None else 0,
                )
        if numbered is None:
            numbered = self.style_numbering(style_id)
        mark_deleted = False
        mark_inserted = False
        if ppr is not None:
            rpr = ppr.find(_W + "rPr")
            if rpr is not None:
                mark_deleted = rpr.find(_W + "del") is not None
                mark_inserted = rpr.find(_W + "ins") is not None
        pieces: list[str] = []
        self.runs_text(p, pieces)
        text = " ".join("".join(pieces).split())
        if (mark_deleted or mark_inserted) and self.changes == "fail":
            change = rpr.find(_W + ("del" if mark_deleted else "ins"))
            self.refuse_change(change, "paragraph " + ("join" if mark_deleted else "split"))
        label = self.numbering.label(*numbered) if numbered and text else None
        if label == "-":
            text = "- " + text
        elif label:
            if label[0].isalpha() and len(label) > 3:  # "Article 3", "Статья 3": a heading
                text = f"{label}\n{text}" if text else label
            else:
                text = f"{label} {text}"
        joined = (mark_deleted and self.changes == "accept") or (
            mark_inserted and self.changes == "reject"
        )
        return text, joined

    def body(self, body) -> Extracted:  # type: ignore[no-untyped-def]
        parts: list[str] = []
        starts: list[int] = []
        length = 0
        carry = ""

        def visit(container) -> None:  # type: ignore[no-untyped-def]
            nonlocal length, carry
            for child in container:
                if child.tag == _W + "p":
                    line, joined = self.paragraph_line(child)
                    if joined:
                        carry = (carry + " " + line).strip()
                        continue
                    line = (carry + " " + line).strip() if carry else line
                    carry = ""
                    starts.append(length)
                    if line:
                        parts.append(line)
                        length += len(line) + 2
                elif child.tag == _W + "tbl":
                    self.tables += 1
                elif child.tag == _W + "sdt":
                    content = child.find(_W + "sdtContent")
                    if content is not None:
                        visit(content)
                elif child.tag in (_W + "ins", _W + "customXml"):
                    visit(child)

        visit(body)
        if carry:
            parts.append(carry)
        notes = []
        if self.tables:
            notes.append(f"{self.tables} table(s) skipped")
        if self.images:
            notes.append(f"{self.images} image(s) skipped")
        if self.comments:
            notes.append(f"{len(self.comments)} comment(s) ignored")
        if self.tracked:
            notes.append(f"{self.tracked} tracked change(s) {self.changes}ed")
        return Extracted(text="\n\n".join(parts) + "\n", starts=starts, notes=notes)


def extract(data: bytes, name: str, changes: str = "fail") -> Extracted:
    """The text of a Word file's body, tracked changes resolved per ``changes``."""
    check_package(data, name)
    try:
        import docx  # optional extra: docx (python-docx)
        from docx.opc.exceptions import PackageNotFoundError  # optional extra: docx
    except ImportError:
        raise InputError(
            f"{name}: reading Word needs the python-docx package: pip install 'drafting[docx]'"
        ) from None

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise InputError(f"{name}: not a Word document ({type(error).__name__})") from None
    except Exception as error:  # lxml syntax errors and the like in a damaged package
        raise InputError(f"{name}: cannot read the Word document: {error}") from None
    part = document.part
    try:
        numbering_root = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_root = None
    styles = {}
    try:
        for style in part.styles.element.iter(_W + "style"):
            styles[style.get(_W + "styleId") or ""] = style
    except (KeyError, NotImplementedError):
        pass
    walker = _Walker(name, changes, Numbering.from_part(numbering_root), styles)
    return walker.body(document.element.body)


def read(data: bytes, name: str, options: ReadOptions) -> Loaded:
    """The registry's entry point: a Word file → a Document (through the text importer)."""
    extracted = extract(data, name, options.changes)
    if not extracted.text.strip():
        raise InputError(f"{name}: the Word document has no text")
    return loaded_from_text(
        extracted.text, name, options, "docx", tuple(f"{name}: {n}" for n in extracted.notes)
    )
