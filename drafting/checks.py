"""Cross-field checks the XSD cannot express, run on a parsed tree so each has a line number.

The schema's key/keyref already catches unknown parties and sources, dangling draft
references and duplicate ids. Here: ``supersedes`` must name the same party's draft (and not
itself), and every amendment operation must fit its target draft: sentence ``at`` exists,
``old`` text or ``anchor`` occurs in it exactly once, a ``newId`` is not taken. Operations are
checked against the target as it stands, never a half-amended text (the rule of
``drafting.amend``). Checks tolerate trees the schema rejected: a missing attribute is the
schema's problem, not a crash here.
"""

from __future__ import annotations

from lxml import etree

from drafting.errors import Problem
from drafting.inline import collapse, read_inline

CLAUSE_NS = "urn:drafting:clause:1"


def _q(name: str) -> str:
    return f"{{{CLAUSE_NS}}}{name}"


def _problem(path: str, element: etree._Element, message: str) -> Problem:
    return Problem(path, element.sourceline or 1, 1, message)


def check_clause(root: etree._Element, path: str) -> list[Problem]:
    """Problems with the drafts and amendments of a clause tree, in document order."""
    drafts: dict[str, etree._Element] = {}
    for draft in root.iterchildren(_q("draft")):
        draft_id = draft.get("id")
        if draft_id is not None and draft_id not in drafts:
            drafts[draft_id] = draft
    problems: list[Problem] = []
    for draft in root.iterchildren(_q("draft")):
        problems.extend(_check_draft_lineage(draft, drafts, path))
    for amendment in root.iterchildren(_q("amendment")):
        problems.extend(_check_amendment(amendment, drafts, path))
    return problems


def _check_draft_lineage(
    draft: etree._Element, drafts: dict[str, etree._Element], path: str
) -> list[Problem]:
    problems: list[Problem] = []
    draft_id = draft.get("id")
    for attribute in ("supersedes", "respondsTo"):
        if draft_id is not None and draft.get(attribute) == draft_id:
            problems.append(_problem(path, draft, f"draft '{draft_id}' {attribute} itself"))
    earlier_id = draft.get("supersedes")
    earlier = drafts.get(earlier_id) if earlier_id else None
    if earlier is not None and earlier is not draft and earlier.get("party") != draft.get("party"):
        problems.append(
            _problem(
                path,
                draft,
                f"draft '{draft_id}' of party '{draft.get('party')}' supersedes '{earlier_id}', "
                f"a draft of party '{earlier.get('party')}' (supersedes names the same party's "
                "earlier draft; use respondsTo for the other side's text)",
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


def _check_amendment(
    amendment: etree._Element, drafts: dict[str, etree._Element], path: str
) -> list[Problem]:
    amendment_id = amendment.get("id")
    target_id = amendment.get("target")
    target = drafts.get(target_id) if target_id else None
    if target is None:
        return []  # a dangling target is reported by the schema (keyref amendment-target)
    sentences = _sentences(target)
    inserted: set[str] = set()
    problems: list[Problem] = []
    for operation in amendment:
        if not isinstance(operation.tag, str):
            continue
        kind = etree.QName(operation).localname
        at = operation.get("at")
        if at is None:
            continue
        where = f"amendment '{amendment_id}', {kind} at '{at}'"
        sentence = f"sentence '{at}' of '{target_id}'"
        if at in inserted:
            continue  # anchored on a sentence this amendment inserts: nothing to compare
        if at not in sentences:
            problems.append(
                _problem(path, operation, f"{where}: no sentence '{at}' in target '{target_id}'")
            )
            continue
        text = sentences[at]
        for part in ("old", "anchor"):
            element = operation.find(_q(part))
            if element is None or not element.text:
                continue
            problems.extend(
                _check_occurs(path, element, f"{where}: {part} text", sentence, element.text, text)
            )
        new_id = operation.get("newId")
        if new_id is not None:
            if new_id in sentences or new_id in inserted:
                problems.append(
                    _problem(
                        path,
                        operation,
                        f"{where}: newId '{new_id}' is already a sentence of '{target_id}'",
                    )
                )
            inserted.add(new_id)
    return problems


def _check_occurs(
    path: str, element: etree._Element, what: str, sentence: str, wanted: str, text: str
) -> list[Problem]:
    count = text.count(wanted)
    if count == 0 and collapse(wanted) != wanted:
        count = text.count(collapse(wanted))
    if count == 1:
        return []
    if count == 0:
        return [_problem(path, element, f"{what} not found in {sentence}")]
    return [
        _problem(
            path,
            element,
            f"{what} occurs {count} times in {sentence} (ambiguous: quote more words)",
        )
    ]
