"""The redline as a Word document with real tracked changes (``w:ins``/``w:del``).

python-docx writes the package (styles, headings, comments part); the revision marks are
WordprocessingML elements added to its lxml tree, because python-docx has no API for them.
Each non-ignored delete op becomes one ``w:del`` and each insert op one ``w:ins``, with the
author and date of the later draft, so Word's "Accept all" gives the later text. Strength
flags are Word comments anchored on the change they are about (``hunks.verdicts_by_change``,
the same placement as the HTML badges).

Layout: a title and a summary line, then the text. Line ends in unchanged text are
paragraph ends; line ends inside a revision are line breaks (``w:br``) in it, so a revision
never has to delete a paragraph mark. A unit with an article label gets a heading when it
starts a paragraph. A removed unit is a paragraph of its own whose paragraph mark is deleted
too (``w:pPr/w:rPr/w:del``): accepting it leaves nothing behind. Headings, the title and the
summary are navigation, not text: the later text is the Normal paragraphs, joined by line
ends, once all revisions are accepted (given ``b_text``, exactly; see ``DocxOptions``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from drafting.diff.report import DiffReport, Unit
from drafting.render.hunks import changes_of, flag_of, verdicts_by_change
from drafting.render.rows import move_lines, overall_strength_line, summary, unit_title
from drafting.text.hidden import escape_invisible

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
COMMENT_AUTHOR = "drafting strength"


@dataclass(frozen=True)
class DocxOptions:
    """Who made the revisions and what fills the gaps between units.

    ``author``/``date``: the party and the date of the later draft (Word shows them on every
    revision); ``date`` is an ISO date or date-time. ``b_text``: the later input's whole
    text; the report's units cover its sentences and articles but not always the separators
    between them (a space between two sentences, a blank line between two articles), which
    are taken from it so that accepting every revision gives exactly this text.
    """

    author: str = "drafting"
    date: str | None = None
    b_text: str | None = None


def _qn(tag: str) -> str:
    return f"{{{W}}}{tag}"


class RevisionWriter:
    """Appends text, revisions, headings and comments to a python-docx document in order."""

    def __init__(self, document: Any, options: DocxOptions, first_id: int = 10_000) -> None:
        from docx.oxml import OxmlElement  # optional extra: docx

        self.doc = document
        self.element = OxmlElement
        self.options = options
        self.para: Any = None
        self.next_id = first_id  # revision ids apart from python-docx's comment ids (0, 1, …)
        self.revisions = {"ins": 0, "del": 0}

    # -- paragraphs
    def paragraph(self) -> Any:
        if self.para is None:
            self.para = self.doc.add_paragraph(style="Normal")
        return self.para

    def close(self) -> None:
        self.paragraph()
        self.para = None

    def heading(self, text: str) -> None:
        if self.para is None:
            self.doc.add_heading(text, level=2)

    # -- runs
    def _run(self, text: str, deleted: bool) -> Any:
        """A ``w:r`` holding ``text``; line ends become ``w:br``; hidden characters are
        shown (``show_hidden``; a control character could not even be stored)."""
        r = self.element("w:r")
        for k, line in enumerate(escape_invisible(text).split("\n")):
            if k:
                r.append(self.element("w:br"))
            if line:
                t = self.element("w:delText" if deleted else "w:t")
                t.text = line
                t.set(XML_SPACE, "preserve")
                r.append(t)
        return r

    def equal(self, text: str) -> None:
        for k, line in enumerate(text.split("\n")):
            if k:
                self.close()
            if line:
                self.paragraph()._p.append(self._run(line, deleted=False))

    def _mark(self, kind: str) -> Any:
        mark = self.element(f"w:{kind}")
        mark.set(_qn("id"), str(self.next_id))
        self.next_id += 1
        mark.set(_qn("author"), self.options.author)
        if self.options.date:
            date = self.options.date
            mark.set(_qn("date"), date if "T" in date else f"{date}T00:00:00Z")
        return mark

    def revision(self, kind: str, text: str) -> Any:
        """A ``w:ins`` or ``w:del`` around one run, appended to the current paragraph."""
        mark = self._mark(kind)
        mark.append(self._run(text, deleted=kind == "del"))
        self.paragraph()._p.append(mark)
        self.revisions[kind] += 1
        return mark

    def delete_paragraph_mark(self) -> None:
        """Mark the current paragraph's end as deleted (accepting merges it away)."""
        p = self.paragraph()._p
        ppr = p.get_or_add_pPr()
        rpr = ppr.find(_qn("rPr"))
        if rpr is None:
            rpr = self.element("w:rPr")
            ppr.append(rpr)
        rpr.append(self._mark("del"))
        self.para = None

    def comment(self, first: Any, last: Any, text: str) -> None:
        """A Word comment whose range spans the revision elements ``first`` to ``last``."""
        from docx.text.run import Run  # optional extra: docx

        first_run = first.find(_qn("r"))
        last_run = last.findall(_qn("r"))[-1]
        comment = self.doc.add_comment(
            [Run(first_run, self.para), Run(last_run, self.para)],
            text=text,
            author=COMMENT_AUTHOR,
            initials="DS",
        )
        # dated like the revisions, not by the clock, so the same inputs give the same file
        when = first.get(_qn("date"))
        element = comment._comment_elm
        if when:
            element.set(_qn("date"), when)
        else:
            element.attrib.pop(_qn("date"), None)
        # python-docx puts the range marks next to the runs, inside the revision: move them
        # out so the comment reference run is never itself inserted or deleted
        start = first_run.getprevious()
        first.addprevious(start)
        end = last_run.getnext()
        reference = end.getnext()
        last.addnext(reference)
        last.addnext(end)


def show_hidden(document: Any) -> None:
    """Show every bidi control and invisible character of a python-docx ``document`` as
    ``<U+202E>`` (``drafting.text.hidden.escape_invisible``, as on a terminal and in HTML),
    in the text and the attributes of every XML part (body, comments, properties): Word
    would apply or hide them, and two wordings that differ only by one would look alike."""
    for part in document.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for element in root.iter():
            if element.text and not element.text.isprintable():
                element.text = escape_invisible(element.text)
            for key, value in element.attrib.items():
                if not value.isprintable():
                    element.set(key, escape_invisible(value))


def save(document: Any) -> bytes:
    """The ``.docx`` bytes of ``document``, hidden characters shown (``show_hidden``)."""
    show_hidden(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _unit(
    writer: RevisionWriter, unit: Unit, counter: list[int], *, trailing: bool = False
) -> None:
    """One unit's ops. A removed unit that starts a paragraph is a paragraph of its own with
    its mark deleted; one at the very end instead deletes the mark before it (the last
    paragraph mark of a document cannot go); one inside a paragraph is deleted runs."""
    changes = changes_of(unit, counter)
    flags = verdicts_by_change(unit, changes)
    by_first = {c.first: c for c in changes}
    moved = _moved_at(unit)
    removed = unit.b_span is None
    if trailing and writer.para is not None:
        writer.delete_paragraph_mark()
    own_paragraph = writer.para is None
    if (unit.b_label or unit.a_label) and not trailing:
        writer.heading(unit_title(unit))
    opened: Any = None
    current = None
    for k, op in enumerate(unit.ops):
        current = by_first.get(k, current)
        if op.op == "equal" or (op.ignored and op.op == "insert"):
            if removed:  # a removed unit has no equal text; kept safe all the same
                writer.revision("del", op.text)
            else:
                writer.equal(op.text)
            continue
        if op.ignored:
            continue
        mark = writer.revision("del" if op.op == "delete" else "ins", op.text)
        for line in moved.get(k, ()):
            writer.comment(mark, mark, line)  # a sentence moved within the article
        if current is not None and k == current.first:
            opened = mark
        if current is not None and k == current.last:
            for change in flags.get(current.ident, []):
                writer.comment(opened, mark, flag_of(change).text)
    if removed and own_paragraph and not trailing:
        writer.delete_paragraph_mark()


def _moved_at(unit: Unit) -> dict[int, list[str]]:
    """The ``moved within`` line of each moved sentence, by the index of the op inserting it."""
    out: dict[int, list[str]] = {}
    for move, line in zip(unit.moves, move_lines(unit), strict=True):
        for k, op in enumerate(unit.ops):
            start = op.b_start
            inside = start is not None and start <= move.b_span[0] < start + len(op.text)
            if op.op == "insert" and inside:
                out.setdefault(k, []).append(line)
                break
    return out


def _b_order(units: tuple[Unit, ...]) -> list[tuple[Unit, list[Unit]]]:
    """Each unit present in B with the removed units listed before it (they are placed
    after the separator that precedes it, so they start a paragraph); removed units at the
    end come last with ``None``."""
    out: list[tuple[Any, list[Unit]]] = []
    pending: list[Unit] = []
    for unit in units:
        if unit.b_span is None:
            pending.append(unit)
        else:
            out.append((unit, pending))
            pending = []
    out.append((None, pending))
    return out


def render_docx(report: DiffReport, options: DocxOptions | None = None) -> bytes:
    """The ``.docx`` bytes of the redline (see the module docstring)."""
    import docx  # optional extra: docx

    options = options or DocxOptions()
    document = docx.Document()
    props = document.core_properties
    props.author = options.author
    props.title = f"Redline: {report.a.name} → {report.b.name}"
    props.comments = "made by drafting diff --format docx"
    document.add_heading(props.title, level=1)
    document.add_paragraph(summary(report), style="Subtitle")
    overall = overall_strength_line(report)
    for line in ([f"Overall {overall}"] if overall else []) + [f"note: {n}" for n in report.notes]:
        document.add_paragraph(line, style="Subtitle")
    writer = RevisionWriter(document, options)
    counter = [0]
    cursor = 0
    b_text = options.b_text
    for unit, removed in _b_order(report.units):
        if b_text is not None:  # the separator before this unit (or after the last one)
            start = unit.b_span[0] if unit is not None and unit.b_span else len(b_text)
            if start > cursor:
                writer.equal(b_text[cursor:start])
            cursor = max(cursor, unit.b_span[1] if unit is not None and unit.b_span else start)
        for gone in removed:
            _unit(writer, gone, counter, trailing=unit is None)
        if unit is not None:
            _unit(writer, unit, counter)
    writer.paragraph()  # the text after the last line end (empty when it ends with one)
    return save(document)


def write_cell(writer: RevisionWriter, cell: Any, *, only_moved: bool) -> None:
    """A positions cell's redline against the base as revisions, with its verdict as a
    comment on them (``only_moved``: only when the verdict moved or the stance reversed)."""
    first = last = None
    for seg in cell.redline:
        if seg.kind == "equal":
            writer.equal(seg.text)
            continue
        last = writer.revision("del" if seg.kind == "delete" else "ins", seg.text)
        first = first if first is not None else last
    versus = cell.against_base
    if first is None or versus is None:
        return
    if only_moved and versus.verdict == "unchanged" and versus.stance != "reversed":
        return
    note = f"{versus.verdict} against {versus.against}: {versus.explanation}"
    writer.comment(first, last, f"{note} Stance {versus.stance}: {versus.stance_reason}.")


def render_positions_docx(report: Any) -> bytes:
    """A positions report (``drafting.diff.positions.PositionsReport``) as Word: the summary,
    a table of the positions, then one section per position whose text is tracked changes
    against the base, authored by that party on its draft's date, with its verdicts as
    comments. Accepting every revision in a section gives that position's wording."""
    import docx  # optional extra: docx

    document = docx.Document()
    title = report.title or report.clause or "Positions"
    document.core_properties.title = f"Positions: {title}"
    document.core_properties.comments = "made by drafting positions --format docx"
    document.add_heading(f"Positions: {title}", level=1)
    document.add_paragraph(
        f"clause {report.clause or '—'} · base {report.base} · {len(report.columns)} positions",
        style="Subtitle",
    )
    for line in report.summary.lines:
        document.add_paragraph(line, style="List Bullet")
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    names = ("party", "draft", "date", "strength", "against the base", "source")
    for cell, name in zip(table.rows[0].cells, names, strict=True):
        cell.text = name
    for column in report.columns:
        reading = column.reading
        tier = "?" if reading.tier is None else str(reading.tier)
        versus = column.against_base
        row = table.add_row().cells
        values = (
            column.party_name,
            column.draft + (" (base)" if column.is_base else ""),
            column.date or "",
            f"tier {tier}, {reading.polarity}",
            f"{versus.verdict}, stance {versus.stance}" if versus else "",
            column.source.citation if column.source else "",
        )
        for cell, value in zip(row, values, strict=True):
            cell.text = value
    first_id = 10_000
    for k, column in enumerate(report.columns):
        heading = f"{column.party_name}: {column.draft}"
        heading += " (the base)" if column.is_base else f", {column.date or 'undated'}"
        document.add_heading(heading, level=2)
        writer = RevisionWriter(document, DocxOptions(column.party_name, column.date), first_id)
        for row in report.rows:
            cell = row.cells[k]
            if not cell.redline:
                continue
            write_cell(writer, cell, only_moved=True)
            writer.close()
        first_id = writer.next_id
    return save(document)
