"""The ``merge=clause`` driver git runs for a clause file: ``%O %A %B %P``.

git hands over three temporary files (the common ancestor, ours, theirs) and the path; the
driver writes the result over ours and exits 0 for a clean merge, 1 to leave the file
conflicted (git then refuses to commit the merge until it is added again, and the
pre-commit/pre-merge-commit hook refuses it while it holds a conflict or breaks a rule).

Clause files merge by :func:`drafting.amend.merge.merge_clauses`; document files by
:func:`~drafting.amend.merge.merge_documents` (by ids, a sentence by words), and, on a real
conflict — which a document file has no markup for — by git's line merge. Anything else the
attribute pattern caught (foreign XML, a file that does not parse) is merged by
``git merge-file``, git's own line merge with conflict markers, so the driver
never does worse than git would without it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafting.amend.merge import MergeResult, merge_clauses, merge_documents
from drafting.errors import DraftingError
from drafting.formats.atomic import write_atomic
from drafting.formats.clausexml import clause_to_xml, document_to_xml, parse_clause, parse_document
from drafting.formats.validation import validate_bytes
from drafting.git.repo import git
from drafting.model import Clause, Document


@dataclass(frozen=True)
class DriverOutcome:
    """What the driver did: its exit status and the lines it tells the user (stderr)."""

    status: int
    messages: tuple[str, ...]


def _clause(data: bytes, name: str) -> Clause | None:
    """The clause in ``data``; None when it is something else (left to git's line merge)."""
    try:
        return parse_clause(data, name, validate=False)
    except DraftingError:
        return None


def _line_merge(base: str, ours: str, theirs: str, path: str) -> DriverOutcome:
    """git's own three-way line merge (``git merge-file``), writing into ``ours``; conflict
    markers in the result mean a conflict."""
    labels = ["-L", f"ours:{path}", "-L", "base", "-L", f"theirs:{path}"]
    git(["merge-file", *labels, ours, base, theirs], check=False, cwd=Path(ours).parent)
    conflicted = b"\n<<<<<<< " in b"\n" + Path(ours).read_bytes()
    return DriverOutcome(1 if conflicted else 0, ())


def _document(data: bytes, name: str) -> Document | None:
    try:
        return parse_document(data, name, validate=False)
    except DraftingError:
        return None


def _merge_document(
    data: dict[str, bytes], base: str, ours: str, theirs: str, path: str
) -> DriverOutcome | None:
    """A document merged by ids (None: not three documents). A conflict, which a document
    file cannot hold, leaves git's line merge and its markers, with a note."""
    mine, yours = _document(data[ours], path), _document(data[theirs], path)
    common = _document(data[base], path) if data[base].strip() else None
    if mine is None or yours is None or (data[base].strip() and common is None):
        return None
    merged = merge_documents(common, mine, yours)
    if merged is None:
        outcome = _line_merge(base, ours, theirs, path)
        note = (
            f"drafting: {path}: both branches changed the same sentence, paragraph or article "
            "heading differently; git's conflict markers are in the file"
        )
        return DriverOutcome(outcome.status or 1, (note,))
    out = document_to_xml(merged)
    write_atomic(ours, out)
    problems = validate_bytes(out, path).problems
    return DriverOutcome(1 if problems else 0, tuple(f"drafting: {p}" for p in problems))


def run(base: str, ours: str, theirs: str, path: str) -> DriverOutcome:
    """Merge the files git named; write the result over ``ours``."""
    data = {name: Path(name).read_bytes() for name in (base, ours, theirs)}
    try:
        document = _merge_document(data, base, ours, theirs, path)
    except Exception as error:  # never lose a side: git's merge instead
        fallback = _line_merge(base, ours, theirs, path)
        note = f"drafting: {path}: the document merge failed ({type(error).__name__}); line merge"
        return DriverOutcome(fallback.status, (note,))
    if document is not None:
        return document
    mine = _clause(data[ours], path)
    yours = _clause(data[theirs], path)
    common = _clause(data[base], path) if data[base].strip() else None
    if mine is None or yours is None or (data[base].strip() and common is None):
        return _line_merge(base, ours, theirs, path)
    try:
        result = merge_clauses(common, mine, yours)
        out = clause_to_xml(result.clause)
    except Exception as error:  # a bug must never cost a side its work: git's merge instead
        fallback = _line_merge(base, ours, theirs, path)
        note = (
            f"drafting: {path}: the clause merge failed ({type(error).__name__}: {error}); "
            "merged by git's line merge instead"
        )
        return DriverOutcome(fallback.status, (note,))
    write_atomic(ours, out)
    return DriverOutcome(*_verdict(result, out, path))


def _verdict(result: MergeResult, out: bytes, path: str) -> tuple[int, tuple[str, ...]]:
    messages = [
        f"drafting: {path}: {r.kind} '{r.old}'"
        + (f" of draft '{r.draft}'" if r.draft else "")
        + f" from the other branch renamed '{r.new}' (the id was taken here)"
        for r in result.renamed
    ]
    problems = [p for p in validate_bytes(out, path).problems if "merge conflict" not in p.message]
    for conflict in result.clause.conflicts:
        messages.append(
            f"drafting: {path}: CONFLICT on {conflict.kind} '{conflict.id}': both branches "
            "changed it; run `drafting resolve "
            f"{path} --take ours|theirs|base [--id {conflict.id}]`"
        )
    messages += [f"drafting: {p}" for p in problems]
    if problems and not result.clause.conflicts:
        messages.append(
            f"drafting: {path}: merged, but the result breaks the rules above; fix it, "
            "`git add` it and commit"
        )
    return (1 if result.clause.conflicts or problems else 0), tuple(messages)
