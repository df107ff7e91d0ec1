"""A clause or document as lines of text for git's textconv: one sentence per line, flagged.

``git log -p`` and ``git show`` diff this rendering line by line (``--word-diff`` for words).
Every draft (or article) starts with a header line that ``diff.clause.xfuncname`` matches, so
each hunk header names the draft its change is in. Every sentence carries its strength flag
(tier and polarity), so a change of force shows on the changed line even in a line diff.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from drafting.model import Amendment, Clause, Document, Draft, Sentence

Flag = Callable[[str, str, str], str]
"""(sentence text, language, instrument) → a short strength flag such as ``tier 3 +``."""

POLARITY_SIGN = {"positive": "+", "negative": "−"}


def strength_flag() -> Flag:
    """A flagger backed by ``drafting.strength``, remembering the sentences it has graded."""
    from drafting.strength import analyse  # start-up time

    cache: dict[tuple[str, str, str], str] = {}

    def flag(text: str, language: str, instrument: str) -> str:
        key = (text, language, instrument)
        if key not in cache:
            try:
                result = analyse(text, language=language, instrument=instrument)
            except Exception:  # git must still show the change: no flag rather than no diff
                cache[key] = "strength n/a"
                return cache[key]
            tier = result.tier if result.tier is not None else "?"
            cache[key] = f"tier {tier} {POLARITY_SIGN.get(result.polarity, '?')}"
        return cache[key]

    return flag


def _sentence_lines(
    sentences: Sequence[Sentence], language: str, instrument: str, flag: Flag | None
) -> list[str]:
    lines = []
    for s in sentences:
        mark = f"[{flag(s.text, language, instrument)}] " if flag else ""
        lines.append(f"  {s.id}: {mark}{s.text}")
    return lines


def _draft_header(d: Draft) -> str:
    parts = [f"draft {d.id}", d.party, d.status, d.date, d.instrument, d.language]
    if d.supersedes:
        parts.append(f"supersedes {d.supersedes}")
    if d.responds_to:
        parts.append(f"responds to {d.responds_to}")
    return " · ".join(parts)


def _amendment_lines(a: Amendment) -> list[str]:
    from drafting.amend.operations import describe  # start-up time

    head = [f"amendment {a.id}", a.party, f"on {a.target}"]
    if a.result:
        head.append(f"gives {a.result}")
    head += [a.status, a.date or ""]
    lines = [" · ".join(p for p in head if p)]
    lines += [f"  {n}. {describe(op)}" for n, op in enumerate(a.operations, start=1)]
    return lines


def clause_lines(clause: Clause, flag: Flag | None = None) -> list[str]:
    lines = [f"clause {clause.id}: {clause.title}"]
    lines += [f"party {p.id}: {p.name}" for p in clause.parties]
    lines += [f"source {s.id}: {s.citation}" for s in clause.sources]
    for d in clause.drafts:
        lines.append("")
        lines.append(_draft_header(d))
        if d.note:
            lines.append(f"  note: {d.note}")
        lines += _sentence_lines(d.sentences, d.language, d.instrument, flag)
    for a in clause.amendments:
        lines.append("")
        lines += _amendment_lines(a)
    return lines


def document_lines(doc: Document, flag: Flag | None = None) -> list[str]:
    head = [f"document {doc.id}", doc.party or "", doc.date or "", doc.instrument, doc.language]
    lines = [" · ".join(p for p in head if p), f"title: {doc.title}"]
    if doc.preamble:
        lines += ["", "preamble"]
        for p in doc.preamble:
            lines += _sentence_lines(p.sentences, doc.language, doc.instrument, flag)
    for article in doc.articles:
        label = article.display_label or article.id
        lines += [
            "",
            f"article {article.id} · {label}"
            + (f" · {article.heading}" if article.heading else ""),
        ]
        for p in article.paragraphs:
            lines += _sentence_lines(p.sentences, doc.language, doc.instrument, flag)
    return lines


def render(value: Clause | Document, flag: Flag | None = None) -> str:
    lines = (
        document_lines(value, flag) if isinstance(value, Document) else clause_lines(value, flag)
    )
    return "\n".join(lines) + "\n"


def convert(path: str) -> tuple[bytes, str | None]:
    """What textconv prints for ``path`` (``-``: standard input) and a note for standard
    error when it could not be rendered. On *any* error the file is shown as it is (git then
    diffs its plain lines): one bad committed file must never stop ``git log -p``."""
    from drafting.formats.clausexml import parse_xml_bytes  # start-up time
    from drafting.formats.source import read_bytes  # start-up time

    try:
        data = read_bytes(path)
    except Exception as error:  # too large, not a regular file: nothing we may read whole
        return b"", f"drafting: not shown: {one_line(error)}"
    try:
        value = parse_xml_bytes(data, path, validate=False)
    except Exception:  # not a clause file at all: shown as it is, nothing to say
        return data, None
    try:
        return render(value, strength_flag()).encode("utf-8"), None
    except Exception as error:  # a file drafting cannot render: its plain lines
        return data, f"drafting: could not render {path} ({one_line(error)}); shown as it is"


def one_line(error: BaseException, limit: int = 160) -> str:
    """An error as one short line without control characters (it may quote a file)."""
    text = " ".join(str(error).split())
    text = "".join(c if c.isprintable() else "?" for c in text)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
