"""Cross-field checks the XSD cannot express, run on a parsed tree so each has a line number.

The schema's key/keyref already catches unknown parties and sources, dangling draft
references and duplicate ids. Here: ``supersedes`` must name the same party's draft (and not
itself), and every amendment operation must fit its target draft: sentence ``at`` exists,
``old`` text or ``anchor`` occurs in it exactly once, a ``newId`` is not taken. Operations are
checked against the target as it stands, never a half-amended text (the rule of
``drafting.amend.operations``). Checks tolerate trees the schema rejected: a missing attribute
is the schema's problem, not a crash here.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from drafting.formats.inline import collapse, read_inline
from drafting.formats.namespaces import CLAUSE_NS


def _q(name: str) -> str:
    return f"{{{CLAUSE_NS}}}{name}"


@dataclass(frozen=True)
class Finding:
    """A problem at an element (and, if given, one of its attributes): the caller turns it into
    ``path:line:column`` using the element's source line and the file's text."""

    element: etree._Element
    message: str
    attribute: str | None = None


def check_clause(root: etree._Element) -> list[Finding]:
    """Problems with the drafts and amendments of a clause tree, in document order."""
    drafts: dict[str, etree._Element] = {}
    for draft in root.iterchildren(_q("draft")):
        draft_id = draft.get("id")
        if draft_id is not None and draft_id not in drafts:
            drafts[draft_id] = draft
    problems: list[Finding] = []
    for draft in root.iterchildren(_q("draft")):
        problems.extend(_check_draft_lineage(draft, drafts))
    for amendment in root.iterchildren(_q("amendment")):
        problems.extend(_check_amendment(amendment, drafts))
    for conflict in root.iterchildren(_q("conflict")):
        problems.append(_conflict_finding(conflict))
    return problems


def _conflict_finding(conflict: etree._Element) -> Finding:
    """An unresolved merge conflict is a problem until ``drafting resolve`` settles it."""
    sides = []
    for tag in ("base", "ours", "theirs"):
        side = conflict.find(_q(tag))
        if side is not None:
            sides.append(f"{tag} {'has it' if len(side) else 'has none'}")
    return Finding(
        conflict,
        f"unresolved merge conflict on {conflict.get('kind')} '{conflict.get('id')}' "
        f"({', '.join(sides)}); settle it with `drafting resolve FILE --take ours|theirs|base`",
    )


def _check_draft_lineage(draft: etree._Element, drafts: dict[str, etree._Element]) -> list[Finding]:
    problems: list[Finding] = []
    draft_id = draft.get("id")
    for attribute in ("supersedes", "respondsTo"):
        if draft_id is not None and draft.get(attribute) == draft_id:
            problems.append(Finding(draft, f"draft '{draft_id}' {attribute} itself", attribute))
    earlier_id = draft.get("supersedes")
    earlier = drafts.get(earlier_id) if earlier_id else None
    if earlier is not None and earlier is not draft and earlier.get("party") != draft.get("party"):
        problems.append(
            Finding(
                draft,
                f"draft '{draft_id}' of party '{draft.get('party')}' supersedes '{earlier_id}', "
                f"a draft of party '{earlier.get('party')}' (supersedes names the same party's "
                "earlier draft; use respondsTo for the other side's text)",
                "supersedes",
            )
        )
    return problems


def _sentences(draft: etree._Element) -> dict[str, str]:
    texts: dict[str, str] = {}
    for sentence in draft.iterchildren(_q("s")):
        sentence_id = sentence.get("id")
        if sentence_id is not None and sentence_id not in texts:
            texts[sentence_id] = read_inline(sentence)[0]
    return texts


def _check_amendment(amendment: etree._Element, drafts: dict[str, etree._Element]) -> list[Finding]:
    amendment_id = amendment.get("id")
    target_id = amendment.get("target")
    target = drafts.get(target_id) if target_id else None
    if target is None:
        return []  # a dangling target is reported by the schema (keyref amendment-target)
    sentences = _sentences(target)
    inserted: set[str] = set()
    problems: list[Finding] = []
    for operation in amendment:
        if not isinstance(operation.tag, str):
            continue
        kind = etree.QName(operation).localname
        at = operation.get("at")
        if at is None or at in inserted:
            continue  # no anchor, or a sentence this amendment inserts: nothing to compare
        where = f"amendment '{amendment_id}', {kind} at '{at}'"
        if at not in sentences:
            message = f"{where}: no sentence '{at}' in target '{target_id}'"
            problems.append(Finding(operation, message, "at"))
            continue
        for part in ("old", "anchor"):
            element = operation.find(_q(part))
            wanted = "".join(element.itertext()) if element is not None else ""
            if not wanted:
                continue  # a missing or empty <old> is the schema's to report
            count = _occurrences(wanted, sentences[at])
            if count != 1:
                what = f"{where}: {part} text"
                sentence = f"sentence '{at}' of '{target_id}'"
                problems.append(Finding(element, _occurs_message(what, sentence, count)))
        new_id = operation.get("newId")
        if new_id is not None:
            if new_id in sentences or new_id in inserted:
                message = f"{where}: newId '{new_id}' is already a sentence of '{target_id}'"
                problems.append(Finding(operation, message, "newId"))
            inserted.add(new_id)
    return problems


def _occurrences(wanted: str, text: str) -> int:
    """How often ``wanted`` occurs in a sentence's plain text (collapsed, if need be)."""
    count = text.count(wanted)
    if count == 0 and collapse(wanted) != wanted:
        count = text.count(collapse(wanted))
    return count


def _occurs_message(what: str, sentence: str, count: int) -> str:
    if count == 0:
        return f"{what} not found in {sentence}"
    return f"{what} occurs {count} times in {sentence} (ambiguous: quote more words)"
