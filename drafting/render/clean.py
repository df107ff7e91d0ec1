"""Clean text: a draft's sentences, or a document's articles, with no markup (``drafting
show``), for reading or pasting into a letter."""

from __future__ import annotations

from drafting.model import Document, Draft, Paragraph


def draft_text(draft: Draft) -> str:
    """The draft's sentences as one paragraph."""
    return draft.text + "\n"


def _paragraph(paragraph: Paragraph) -> str:
    text = " ".join(s.text for s in paragraph.sentences)
    if not paragraph.num:
        return text
    label = f"{paragraph.num}." if paragraph.num.isalnum() else paragraph.num  # "1." / "(a)"
    return f"{label} {text}"


def document_text(doc: Document) -> str:
    """Preamble, then each article's label, heading and paragraphs, blank lines between."""
    blocks = [doc.title]
    blocks += [_paragraph(p) for p in doc.preamble]
    for article in doc.articles:
        head = (article.display_label or "") + (f"\n{article.heading}" if article.heading else "")
        blocks.append(head)
        blocks += [_paragraph(p) for p in article.paragraphs]
    return "\n\n".join(blocks) + "\n"
