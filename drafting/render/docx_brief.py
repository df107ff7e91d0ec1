"""The briefing (``render.brief.Brief``) as a Word document: the clauses x parties table,
then per clause its summary, movers, key redlines as tracked changes by the party that made
them (with the verdict as a comment) and its sources."""

from __future__ import annotations

from drafting.render.brief import Brief, key_redlines, movers, parties, title_of, verdict
from drafting.render.docx_redline import DocxOptions, RevisionWriter, save, write_cell


def render_brief_docx(brief: Brief) -> bytes:
    """The ``.docx`` bytes of the briefing."""
    import docx  # optional extra: docx

    document = docx.Document()
    title = f"Briefing: {len(brief.items)} clauses"
    document.core_properties.title = title
    document.core_properties.comments = "made by drafting brief --format docx"
    document.add_heading(title, level=1)
    names = parties(brief)
    table = document.add_table(rows=1, cols=len(names) + 1)
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, ["clause", *names], strict=True):
        cell.text = name
    for item in brief.items:
        values = [title_of(item)] + [verdict(item.report, n) or "—" for n in names]
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    for note in brief.notes:
        document.add_paragraph(f"note: {note}", style="Subtitle")
    first_id = 10_000
    for item in brief.items:
        report = item.report
        document.add_heading(title_of(item), level=2)
        document.add_paragraph(
            f"{item.path} · base {report.base} · {len(report.columns)} positions",
            style="Subtitle",
        )
        up, down = movers(report)
        document.add_paragraph(
            f"Strengthened: {', '.join(up) or 'none'}. Weakened: {', '.join(down) or 'none'}."
        )
        for line in report.summary.lines:
            document.add_paragraph(line, style="List Bullet")
        redlines = key_redlines(report)
        if redlines:
            document.add_heading("Key redlines", level=3)
        for column, row, cell in redlines:
            writer = RevisionWriter(document, DocxOptions(column.party_name, column.date), first_id)
            writer.equal(f"{column.party_name} ({column.draft}, {row}): ")
            write_cell(writer, cell, only_moved=False)
            writer.close()
            first_id = writer.next_id
        sources = [c for c in report.columns if c.source is not None]
        if sources:
            document.add_heading("Sources", level=3)
        for c in sources:
            src = c.source
            assert src is not None
            text = f"{c.party_name}, {c.draft}: {src.citation}"
            text += f" <{src.href}>" if src.href else ""
            text += f" ({src.caveat})" if src.caveat else ""
            document.add_paragraph(text, style="List Bullet")
    return save(document)
