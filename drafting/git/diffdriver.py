"""What ``git diff`` shows for a clause file: the external diff driver's output.

For each draft that changed between the two versions, a header naming the draft, then the
word diff of its text from the diff engine (``drafting.diff.pipeline``) with strength flags. A new
draft that supersedes or responds to another is shown as a word diff against that draft, which
is what an amendment produces. Amendments and metadata are shown as changed lines of the
textconv rendering. A document (a whole draft treaty) gets the engine's article-aligned
redline. A version that cannot be parsed falls back to a plain line diff, so ``git diff``
never fails on a broken file.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING

from drafting.git.textconv import Flag, clause_lines, one_line, render, strength_flag
from drafting.model import Clause, Document, Draft

if TYPE_CHECKING:
    from drafting.diff.pipeline import Side

Value = Clause | Document


def _load(path: str) -> tuple[Value | None, bytes]:
    from drafting.formats.clausexml import parse_xml_bytes  # start-up time
    from drafting.formats.source import read_bytes  # start-up time

    if path == "/dev/null":
        return None, b""
    data = read_bytes(path)
    try:
        return parse_xml_bytes(data, path, validate=False), data
    except Exception:  # broken or not ours: the caller falls back to a line diff
        return None, data


def _line_diff(a: str, b: str, path: str) -> str:
    lines = difflib.unified_diff(
        a.splitlines(keepends=True), b.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _header(draft: Draft, note: str) -> str:
    bits = [f"draft {draft.id}", draft.party, draft.status, draft.date, draft.instrument]
    return "== " + " · ".join(bits) + (f" ({note})" if note else "") + "\n"


def _redline(
    a: Side, b: Side, hook: Callable[..., object], draft: str | None, color: bool = False
) -> str:
    """``drafting diff``'s text redline without its ``---``/``+++`` lines (the driver prints
    the file's); with ``draft``, every hunk header names it: "@@ draft rus-2022 · s1 …"."""
    from drafting.diff.pipeline import compare  # start-up time
    from drafting.render.rows import View  # start-up time
    from drafting.render.text import render_text  # start-up time

    report = compare(a, b, strength=hook)
    view = View(changes_only=True)  # git shows the file's own context: the changes alone
    lines = render_text(report, color=color, width=100, view=view).split("\n")[2:]
    if draft is not None:
        lines = [f"@@ draft {draft} · {x[3:]}" if x.startswith("@@ ") else x for x in lines]
    return "\n".join(lines)


def word_diff(old: Draft, new: Draft, color: bool = False) -> str:
    """The diff engine's redline of two drafts, with its strength verdicts."""
    from drafting.diff.pipeline import side_from_draft  # start-up time

    return _redline(
        side_from_draft(old, name=old.id),
        side_from_draft(new, name=new.id),
        _hook(old, new),
        new.id,
        color,
    )


def document_diff(old: Document, new: Document, color: bool = False) -> str:
    """Two versions of a draft treaty: articles aligned, then sentences, then words."""
    from drafting.diff.pipeline import side_from_document  # start-up time

    return _redline(
        side_from_document(old, name=old.id),
        side_from_document(new, name=new.id),
        _hook(old, new),
        None,
        color,
    )


METADATA = ("instrument", "party", "date", "language", "status")
"""Draft fields whose change the driver names (with what it does to the strength grade)."""


def metadata_changes(old: Draft, new: Draft, flag: Flag | None) -> list[str]:
    """One line per changed metadata field of a draft, with its strength consequence.

    Instrument and language change how a text is graded ("will" binds in a treaty, it only
    commits in a declaration), so the draft's text is graded under both; party, date and
    status do not enter the grade, and the line says so.
    """
    lines = []
    for name in METADATA:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        line = f"~ {name}: {before} → {after}"
        if name in ("instrument", "language") and flag is not None:
            was = flag(old.text, old.language, old.instrument)
            now = flag(old.text, new.language, new.instrument)
            consequence = f"unchanged ({now})" if was == now else f"{was} → {now}"
            line += f"; strength of the same text: {consequence}"
        else:
            line += "; strength grade unaffected"
        lines.append(line + "\n")
    return lines


def _hook(old: Draft | Document, new: Draft | Document) -> Callable[..., object]:
    """``drafting diff``'s strength grading, with each version's language and instrument."""
    from drafting.diff.verdicts import strength_hook  # start-up time

    return strength_hook(
        language_a=old.language,
        language_b=new.language,
        instrument_a=old.instrument,
        instrument_b=new.instrument,
    )


def _sentences(draft: Draft, sign: str, flag: Flag | None) -> str:
    out = []
    for s in draft.sentences:
        mark = f"  [{flag(s.text, draft.language, draft.instrument)}]" if flag else ""
        out.append(f"{sign} {s.id}: {s.text}{mark}\n")
    return "".join(out)


def clause_diff(old: Clause, new: Clause, flag: Flag | None, color: bool = False) -> str:
    """Draft by draft: a changed draft (or a new one with a basis) as a word diff, a new or
    removed draft as flagged sentences (nothing to diff against), then metadata."""
    parts: list[str] = []
    before = {d.id: d for d in old.drafts}
    after = {d.id: d for d in new.drafts}
    for draft in new.drafts:
        earlier = before.get(draft.id)
        if earlier == draft:
            continue
        if earlier is not None:
            changed = [
                f"{f} {getattr(earlier, f)} → {getattr(draft, f)}"
                for f in METADATA
                if getattr(earlier, f) != getattr(draft, f)
            ]
            parts.append(_header(draft, "; ".join(changed)))
            parts.extend(metadata_changes(earlier, draft, flag))
            if earlier.sentences != draft.sentences:
                parts.append(word_diff(earlier, draft, color))
            continue
        basis_id = draft.supersedes or draft.responds_to
        basis = after.get(basis_id) if basis_id else None
        if basis is not None:
            how = "supersedes" if draft.supersedes else "responds to"
            parts.append(_header(draft, f"new draft, {how} {basis.id}: diffed against it"))
            parts.append(word_diff(basis, draft, color))
        else:
            parts.append(_header(draft, "new draft"))
            parts.append(_sentences(draft, "+", flag))
    for draft in old.drafts:
        if draft.id not in after:
            parts.append(_header(draft, "draft removed"))
            parts.append(_sentences(draft, "-", flag))
    if new.conflicts:
        ids = ", ".join(f"{c.kind} {c.id}" for c in new.conflicts)
        parts.append(
            f"== {len(new.conflicts)} unresolved merge conflict(s): {ids}; "
            "`drafting resolve FILE` lists them\n"
        )
    rest_old = _rest(old)
    rest_new = _rest(new)
    if rest_old != rest_new:
        parts.append("== metadata and amendments\n")
        for line in difflib.ndiff(rest_old, rest_new):
            if line[:1] in "+-":
                parts.append(f"{line[0]} {line[2:]}\n")
    return "".join(parts)


def _rest(clause: Clause) -> list[str]:
    """The textconv lines of everything but the drafts (title, parties, amendments)."""
    from dataclasses import replace  # start-up time

    return [line for line in clause_lines(replace(clause, drafts=(), conflicts=())) if line]


def render_external(
    path: str,
    old_file: str,
    new_file: str,
    flag_factory: Callable[[], Flag | None] = strength_flag,
    *,
    new_path: str | None = None,
    color: bool = False,
) -> str:
    """The whole output for one file, starting with a ``diff --git``-like header.

    ``new_path`` is git's 8th argument: the file was renamed (or copied) to it.
    """
    old, old_bytes = _load(old_file)
    new, new_bytes = _load(new_file)
    target = new_path or path
    a_name = "/dev/null" if old_file == "/dev/null" else f"a/{path}"
    b_name = "/dev/null" if new_file == "/dev/null" else f"b/{target}"
    head = f"diff --clause a/{path} b/{target}\n"
    if new_path and new_path != path:
        head += f"rename from {path}\nrename to {new_path}\n"
    head += f"--- {a_name}\n+++ {b_name}\n"
    flag = flag_factory()
    broken = [
        name
        for name, value, data in ((a_name, old, old_bytes), (b_name, new, new_bytes))
        if value is None and data
    ]
    if broken:  # a conflicted or hand-broken file: its raw text against the other's
        note = (
            f"drafting: {', '.join(broken)} is not a readable clause or document file "
            "(git's conflict markers?); showing the raw text\n"
        )
        a = old_bytes.decode("utf-8", "replace")
        b = new_bytes.decode("utf-8", "replace")
        return head + note + _line_diff(a, b, path).split("\n", 2)[-1]
    if isinstance(old, Clause) and isinstance(new, Clause):
        return head + clause_diff(old, new, flag, color)
    if isinstance(old, Clause) and new is None:
        return head + clause_diff(old, Clause(old.id, old.title, (), (), ()), flag, color)
    if old is None and isinstance(new, Clause):
        return head + clause_diff(Clause(new.id, new.title, (), (), ()), new, flag, color)
    if isinstance(old, Document) and isinstance(new, Document):
        return head + document_diff(old, new, color)
    # an added or deleted document, or a clause that became a document: a line diff of the
    # renderings
    a = render(old, flag) if old is not None else ""
    b = render(new, flag) if new is not None else ""
    return head + _line_diff(a, b, path).split("\n", 2)[-1]


def render_safely(
    path: str,
    old_file: str,
    new_file: str,
    flag_factory: Callable[[], Flag | None] = strength_flag,
    *,
    new_path: str | None = None,
    color: bool = False,
) -> str:
    """``render_external``, or, on *any* error in reading, parsing or rendering, a plain line
    diff of the two files with a one-line note: one bad committed file must never stop a
    whole ``git diff``, ``git log -p`` or ``git show``."""
    try:
        return render_external(
            path, old_file, new_file, flag_factory, new_path=new_path, color=color
        )
    except Exception as error:  # git must still show the change, whatever went wrong
        return fallback_diff(path, old_file, new_file, error)


def _raw(file: str) -> str:
    from drafting.formats.source import read_bytes  # start-up time

    if file == "/dev/null":
        return ""
    try:
        return read_bytes(file).decode("utf-8", "replace")
    except Exception as error:  # too large, unreadable: say so in place of its lines
        return f"(not shown: {one_line(error)})\n"


def fallback_diff(path: str, old_file: str, new_file: str, error: BaseException) -> str:
    """The plain line diff shown when a version cannot be rendered, under a one-line note."""
    head = f"diff --clause a/{path} b/{path}\n"
    note = f"drafting: could not render {path} ({one_line(error)}); plain line diff below\n"
    return head + note + _line_diff(_raw(old_file), _raw(new_file), path)
