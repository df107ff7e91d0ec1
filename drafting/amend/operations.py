"""Amending operations on a draft: apply them, check them, and generate them from two drafts.

Pure core: works on ``drafting.model`` values only (no files, no XML, no git).

Semantics, chosen so that a set of operations means one thing and can be checked before
anything is written:

- Every operation is located in the *target* draft as it was, never in a half-amended text,
  so the order of operations does not matter (except for several inserts at one point, which
  land in operation order).
- ``old`` and ``anchor`` are exact character strings that must occur exactly once in sentence
  ``at``: not found and ambiguous are errors, never a guess.
- Two operations may not touch the same characters; an insertion point may not fall inside
  text another operation replaces, and an anchor may not be text another operation changes.
- After the edits, whitespace inside each sentence is collapsed and trimmed (the canonical
  form of ``<s>``), so deleting ``today`` from ``We agreed today that`` leaves one space.
  A sentence whose text becomes empty, or whose whole text is deleted, goes.
- Inline marks (``<term>``, ``<ref>``, ``<em>``) follow the text they cover; a mark whose
  text is replaced entirely goes.

Generated operations (:func:`generate_operations`) satisfy
``apply_operations(a, generate_operations(a, b)) == b.sentences`` for sentence ids and texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from drafting.diff.worddiff import edits as diff_edits
from drafting.errors import DraftingError
from drafting.model import Amendment, Draft, Mark, Operation, Sentence

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of whitespace and single punctuation marks: every character is in one token."""

WHITESPACE = re.compile(r"\s+")


class AmendmentError(DraftingError):
    """One or more operations cannot be applied; ``problems`` says which and why."""

    def __init__(self, problems: Sequence[OperationProblem], prefix: str = "") -> None:
        self.problems = tuple(problems)
        super().__init__(prefix + "; ".join(p.message for p in self.problems))


@dataclass(frozen=True)
class OperationProblem:
    """Why operation number ``index`` (1-based) cannot be applied."""

    index: int
    reason: str  # no-such-sentence, not-found, ambiguous, overlap, duplicate-id, incomplete
    message: str


@dataclass(frozen=True)
class _Located:
    """An operation placed in its sentence: the characters it changes and what it reads."""

    index: int
    operation: Operation
    start: int  # changed range [start, end); an insertion has start == end
    end: int
    replacement: str
    read_start: int  # the range the operation quotes (old text or anchor)
    read_end: int
    whole_sentence: bool = False  # inserts a new sentence, or deletes the whole one


# ---------------------------------------------------------------------------- describing


def quote(text: str) -> str:
    return f"'{text}'"


def describe(operation: Operation) -> str:
    """One operation as an instruction a drafter would write."""
    op = operation
    if op.kind == "substitute":
        return f"In sentence {op.at}, replace {quote(op.old or '')} with {quote(op.new or '')}"
    if op.kind == "delete":
        return f"In sentence {op.at}, delete {quote(op.old or '')}"
    if op.anchor is None:
        return (
            f"{op.position.capitalize()} sentence {op.at}, insert a new sentence "
            f"{op.new_id}: {quote(op.new or '')}"
        )
    return f"In sentence {op.at}, insert {quote(op.new or '')} {op.position} {quote(op.anchor)}"


def describe_in(operation: Operation, draft: Draft) -> str:
    """:func:`describe`, saying "Delete sentence s3" when the whole sentence goes."""
    sentence = _sentences(draft).get(operation.at)
    if operation.kind == "delete" and sentence is not None and operation.old == sentence.text:
        return f"Delete sentence {operation.at}: {quote(sentence.text)}"
    return describe(operation)


# ---------------------------------------------------------------------------- locating


def occurrences(text: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``text``, overlapping ones included."""
    found: list[int] = []
    at = text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _sentences(draft: Draft) -> dict[str, Sentence]:
    return {s.id: s for s in draft.sentences}


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _find_once(
    index: int, sentence: Sentence, needle: str, what: str
) -> tuple[int | None, OperationProblem | None]:
    hits = occurrences(sentence.text, needle)
    if not hits:
        return None, OperationProblem(
            index,
            "not-found",
            f"operation {index}: {what} {quote(needle)} is not in sentence {sentence.id} "
            f"({quote(_short(sentence.text))})",
        )
    if len(hits) > 1:
        where = ", ".join(str(h) for h in hits)
        return None, OperationProblem(
            index,
            "ambiguous",
            f"operation {index}: {what} {quote(needle)} occurs {len(hits)} times in sentence "
            f"{sentence.id} (at characters {where}); quote more words to make it unique",
        )
    return hits[0], None


def _locate_one(
    index: int, op: Operation, sentences: dict[str, Sentence]
) -> tuple[_Located | None, OperationProblem | None]:
    sentence = sentences.get(op.at)
    if sentence is None:
        return None, OperationProblem(
            index, "no-such-sentence", f"operation {index}: the draft has no sentence {op.at!r}"
        )
    if op.kind in ("substitute", "delete"):
        if not op.old:
            return None, OperationProblem(
                index, "incomplete", f"operation {index}: {op.kind} needs the old text"
            )
        if op.kind == "substitute" and op.new is None:
            return None, OperationProblem(
                index, "incomplete", f"operation {index}: substitute needs the new text"
            )
        start, problem = _find_once(index, sentence, op.old, "the text")
        if start is None:
            return None, problem
        end = start + len(op.old)
        whole = op.kind == "delete" and op.old == sentence.text
        new = op.new or "" if op.kind == "substitute" else ""
        return _Located(index, op, start, end, new, start, end, whole), None
    # insert
    if not op.new:
        return None, OperationProblem(
            index, "incomplete", f"operation {index}: insert needs the new text"
        )
    if op.anchor is None:
        if not op.new.strip():
            return None, OperationProblem(
                index, "incomplete", f"operation {index}: a new sentence needs some text"
            )
        if not op.new_id:
            return None, OperationProblem(
                index,
                "incomplete",
                f"operation {index}: insert needs an anchor text, or a new sentence id",
            )
        point = 0 if op.position == "before" else len(sentence.text)
        return _Located(index, op, point, point, op.new, point, point, True), None
    start, problem = _find_once(index, sentence, op.anchor, "the anchor")
    if start is None:
        return None, problem
    end = start + len(op.anchor)
    point = end if op.position == "after" else start
    return _Located(index, op, point, point, op.new, start, end), None


def _conflict(a: _Located, b: _Located) -> bool:
    """True when two operations on one sentence touch the same characters."""
    if a.whole_sentence or b.whole_sentence:
        # A new sentence sits between sentences; it conflicts with nothing inside one.
        # Deleting a whole sentence conflicts with any other edit inside it.
        new_a = a.whole_sentence and a.operation.kind == "insert"
        new_b = b.whole_sentence and b.operation.kind == "insert"
        return not (new_a or new_b)

    def intersects(s1: int, e1: int, s2: int, e2: int) -> bool:
        return s1 < e2 and s2 < e1

    if a.start < a.end and b.start < b.end and intersects(a.start, a.end, b.start, b.end):
        return True
    for x, y in ((a, b), (b, a)):
        if x.start == x.end and y.start < x.start < y.end:  # insertion inside a change
            return True
        if y.start < y.end and intersects(x.read_start, x.read_end, y.start, y.end):
            return True  # reads (quotes) text that the other operation changes
    return False


def locate(draft: Draft, operations: Sequence[Operation]) -> list[_Located]:
    """Place every operation in ``draft``; raise :class:`AmendmentError` listing every problem."""
    sentences = _sentences(draft)
    located: list[_Located] = []
    problems: list[OperationProblem] = []
    for index, op in enumerate(operations, start=1):
        place, problem = _locate_one(index, op, sentences)
        if problem is not None:
            problems.append(problem)
        elif place is not None:
            located.append(place)
    by_sentence: dict[str, list[_Located]] = {}
    for place in located:
        by_sentence.setdefault(place.operation.at, []).append(place)
    for sid, places in by_sentence.items():
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                if _conflict(a, b):
                    problems.append(
                        OperationProblem(
                            b.index,
                            "overlap",
                            f"operations {a.index} and {b.index} overlap in sentence {sid} "
                            f"({quote(_quoted(a))} and {quote(_quoted(b))}); "
                            "combine them into one replacement",
                        )
                    )
    problems.extend(_id_problems(draft, located))
    if problems:
        raise AmendmentError(sorted(problems, key=lambda p: (p.index, p.reason)))
    return located


def _quoted(place: _Located) -> str:
    op = place.operation
    return op.old or op.anchor or op.new or ""


def _id_problems(draft: Draft, located: Sequence[_Located]) -> list[OperationProblem]:
    """New sentence ids must not collide with sentences that remain, nor with each other."""
    deleted = {p.operation.at for p in located if p.whole_sentence and p.operation.kind == "delete"}
    taken = {s.id for s in draft.sentences if s.id not in deleted}
    problems: list[OperationProblem] = []
    for place in located:
        new_id = place.operation.new_id if place.whole_sentence else None
        if new_id is None or place.operation.kind != "insert":
            continue
        if new_id in taken:
            problems.append(
                OperationProblem(
                    place.index,
                    "duplicate-id",
                    f"operation {place.index}: sentence id {new_id!r} is already in use",
                )
            )
        taken.add(new_id)
    return problems


def check(draft: Draft, operations: Sequence[Operation]) -> tuple[OperationProblem, ...]:
    """Every reason the operations cannot be applied to ``draft`` (empty when they can)."""
    try:
        locate(draft, operations)
    except AmendmentError as error:
        return error.problems
    return ()


# ---------------------------------------------------------------------------- applying


def _shift_mark(mark: Mark, start: int, end: int, length: int) -> Mark | None:
    """Where ``mark`` lands after characters [start, end) become ``length`` new ones."""
    delta = length - (end - start)
    m_start, m_end = mark.start, mark.end
    if start == end:  # insertion at a point: text inserted at a mark's edge stays outside
        if start <= m_start:
            return replace(mark, start=m_start + delta, end=m_end + delta)
        if start < m_end:
            return replace(mark, end=m_end + delta)
        return mark
    if m_end <= start:
        return mark
    if m_start >= end:
        return replace(mark, start=m_start + delta, end=m_end + delta)
    if start <= m_start and m_end <= end:  # the marked text is replaced entirely
        return None
    if m_start <= start and end <= m_end:  # the change is inside the mark
        shifted = replace(mark, end=m_end + delta)
    elif m_start < start:  # the mark ends inside the change
        shifted = replace(mark, end=start)
    else:  # the mark starts inside the change
        shifted = replace(mark, start=start + length, end=m_end + delta)
    return shifted if shifted.start < shifted.end else None


def edit_text(
    text: str, marks: tuple[Mark, ...], edits: Iterable[tuple[int, int, str]]
) -> tuple[str, tuple[Mark, ...]]:
    """Apply non-overlapping ``(start, end, replacement)`` edits, carrying marks along.

    Several insertions at one point land in the order given.
    """
    ordered = sorted(enumerate(edits), key=lambda item: (item[1][0], item[1][1], item[0]))
    for _, (start, end, new) in reversed(ordered):
        text = text[:start] + new + text[end:]
        moved = (_shift_mark(m, start, end, len(new)) for m in marks)
        marks = tuple(m for m in moved if m is not None)
    return text, marks


def normalise_space(text: str, marks: tuple[Mark, ...] = ()) -> tuple[str, tuple[Mark, ...]]:
    """Collapse whitespace runs to one space and trim, as canonical ``<s>`` text is."""
    edits: list[tuple[int, int, str]] = []
    for run in WHITESPACE.finditer(text):
        at_edge = run.start() == 0 or run.end() == len(text)
        wanted = "" if at_edge else " "
        if run.group() != wanted:
            edits.append((run.start(), run.end(), wanted))
    return edit_text(text, marks, edits) if edits else (text, marks)


def apply_operations(draft: Draft, operations: Sequence[Operation]) -> tuple[Sentence, ...]:
    """The sentences of ``draft`` after ``operations``; raises :class:`AmendmentError`."""
    located = locate(draft, operations)
    inside: dict[str, list[_Located]] = {}
    before: dict[str, list[Sentence]] = {}
    after: dict[str, list[Sentence]] = {}
    gone: set[str] = set()
    for place in located:
        op = place.operation
        if place.whole_sentence and op.kind == "insert":
            text, _ = normalise_space(op.new or "")
            target = before if op.position == "before" else after
            target.setdefault(op.at, []).append(Sentence(op.new_id or "", text))
        elif place.whole_sentence:
            gone.add(op.at)
        else:
            inside.setdefault(op.at, []).append(place)
    result: list[Sentence] = []
    for sentence in draft.sentences:
        result.extend(before.get(sentence.id, ()))
        if sentence.id not in gone:
            edits = [(p.start, p.end, p.replacement) for p in inside.get(sentence.id, ())]
            text, marks = edit_text(sentence.text, sentence.marks, edits)
            text, marks = normalise_space(text, marks)
            if text:
                result.append(Sentence(sentence.id, text, marks))
        result.extend(after.get(sentence.id, ()))
    return tuple(result)


def apply_amendment(
    target: Draft,
    amendment: Amendment,
    *,
    result_id: str | None = None,
    language: str | None = None,
    instrument: str | None = None,
) -> Draft:
    """The draft that results from ``amendment`` on ``target``.

    The result belongs to the amending party: it ``supersedes`` the target when that party
    wrote the target, and ``respondsTo`` it otherwise. Applying an amendment to a draft other
    than its own target (a newer text) works when every operation still applies, and says why
    it no longer applies when one does not.
    """
    try:
        sentences = apply_operations(target, amendment.operations)
    except AmendmentError as error:
        if target.id != amendment.target:
            raise AmendmentError(
                error.problems,
                prefix=f"amendment {amendment.id} (made against draft {amendment.target}) "
                f"no longer applies to draft {target.id}: ",
            ) from None
        raise AmendmentError(error.problems, prefix=f"amendment {amendment.id}: ") from None
    draft_id = result_id or amendment.result
    if not draft_id:
        raise DraftingError(f"amendment {amendment.id}: no id for the resulting draft")
    same_party = amendment.party == target.party
    return Draft(
        id=draft_id,
        party=amendment.party,
        status=amendment.status,
        date=amendment.date or target.date,
        language=language or target.language,
        instrument=instrument or target.instrument,
        sentences=sentences,
        supersedes=target.id if same_party else None,
        responds_to=None if same_party else target.id,
    )


# ---------------------------------------------------------------------------- generating


def _word_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """Character edits turning ``old`` into ``new``: the hunks of ``drafting diff``'s word
    diff (one engine, so an amendment and a redline cut a pair in the same places), each
    tidied to quote words rather than spaces."""
    return [_tidy(old, start, end, text) for start, end, text in diff_edits(old, new)]


def _tidy(text: str, start: int, end: int, new: str) -> tuple[int, int, str]:
    """Quote words, not spaces: insert ' never' after 'will', delete 'today'.

    A pure insertion or deletion that ends in a space is slid left over the equal space
    before it; a deletion then drops its leading space when whitespace collapse gives the
    same sentence.
    """
    if start == end:
        while new and new[-1].isspace() and start > 0 and text[start - 1] == new[-1]:
            new, start, end = new[-1] + new[:-1], start - 1, end - 1
        return start, end, new
    if new:
        return start, end, new
    while text[end - 1].isspace() and start > 0 and text[start - 1] == text[end - 1]:
        start, end = start - 1, end - 1
    wanted = normalise_space(text[:start] + text[end:])[0]
    trimmed = start + len(text[start:end]) - len(text[start:end].lstrip())
    if trimmed < end and normalise_space(text[:trimmed] + text[end:])[0] == wanted:
        start = trimmed
    return start, end, new


def _words_in(text: str) -> int:
    return sum(1 for t in TOKEN.findall(text) if t[0].isalnum() or t[0] == "_")


def _boundaries(text: str) -> list[int]:
    points = [0]
    for token in TOKEN.findall(text):
        points.append(points[-1] + len(token))
    return points


def _unique_range(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) on token boundaries until its text occurs once in ``text``."""
    points = _boundaries(text)
    lo = max(i for i, p in enumerate(points) if p <= start)
    hi = min(i for i, p in enumerate(points) if p >= end)
    grow_left = True
    while True:
        s, e = points[lo], points[hi]
        if s < e and len(occurrences(text, text[s:e])) == 1:
            return s, e
        can_left, can_right = lo > 0, hi < len(points) - 1
        if not (can_left or can_right):
            return s, e  # the whole sentence: occurs once in itself
        if (grow_left and can_left) or not can_right:
            lo -= 1
        else:
            hi += 1
        grow_left = not grow_left


def _anchor(text: str, point: int) -> tuple[str, int, int] | None:
    """A unique anchor next to ``point``: ("after", s, point) or ("before", point, e)."""
    points = _boundaries(text)
    index = points.index(point)
    for lo in range(index - 1, -1, -1):  # grow leftwards: insert after
        anchor = text[points[lo] : point]
        if _words_in(anchor) and len(occurrences(text, anchor)) == 1:
            return "after", points[lo], point
    for hi in range(index + 1, len(points)):  # grow rightwards: insert before
        anchor = text[point : points[hi]]
        if _words_in(anchor) and len(occurrences(text, anchor)) == 1:
            return "before", point, points[hi]
    return None


def _sentence_operations(sid: str, old: str, new: str) -> list[Operation]:
    """Operations on one sentence, each quoting text that occurs once and touching no other."""
    edits = _word_edits(old, new)
    while True:
        located = [_edit_to_located(i, sid, old, edit) for i, edit in enumerate(edits)]
        clash = next(
            (i for i in range(len(located) - 1) if _conflict(located[i], located[i + 1])), None
        )
        if clash is None:
            clash = next(
                (
                    i
                    for i in range(len(located))
                    for j in range(i + 2, len(located))
                    if _conflict(located[i], located[j])
                ),
                None,
            )
        if clash is None:
            return [place.operation for place in located]
        (s1, e1, n1), (s2, e2, n2) = edits[clash], edits[clash + 1]
        edits[clash : clash + 2] = [(s1, e2, n1 + old[e1:s2] + n2)]


def _edit_to_located(index: int, sid: str, text: str, edit: tuple[int, int, str]) -> _Located:
    start, end, new = edit
    if start == end:
        anchor = _anchor(text, start)
        if anchor is not None:
            position, a_start, a_end = anchor
            op = Operation("insert", sid, new=new, anchor=text[a_start:a_end], position=position)
            return _Located(index, op, start, end, new, a_start, a_end)
    s, e = _unique_range(text, start, end)
    widened = text[s:start] + new + text[end:e]
    if widened:
        op = Operation("substitute", sid, old=text[s:e], new=widened)
    else:
        op = Operation("delete", sid, old=text[s:e])
    return _Located(index, op, s, e, widened, s, e)


def generate_operations(before: Draft, after: Draft) -> tuple[Operation, ...]:
    """The operations that turn ``before`` into ``after`` (sentence ids and texts exactly).

    Sentences are matched by id (ids are never renumbered); a sentence whose id is new, or
    that moved, is inserted as a new sentence.
    """
    if not before.sentences and after.sentences:
        raise DraftingError(
            f"draft {before.id} has no sentences to amend; add draft {after.id} instead"
        )
    a_ids = [s.id for s in before.sentences]
    b_ids = [s.id for s in after.sentences]
    matcher = difflib.SequenceMatcher(None, a_ids, b_ids, autojunk=False)
    kept = {a_ids[blk.a + k] for blk in matcher.get_matching_blocks() for k in range(blk.size)}
    a_text = {s.id: s.text for s in before.sentences}
    b_text = {s.id: s.text for s in after.sentences}

    # Where each new sentence goes: after the kept sentence before it, else before the first
    # kept one, else after the last sentence of the old draft.
    placed_after: dict[str, list[Sentence]] = {}
    leading: list[Sentence] = []
    last_kept: str | None = None
    for sentence in after.sentences:
        if sentence.id in kept:
            last_kept = sentence.id
        elif last_kept is None:
            leading.append(sentence)
        else:
            placed_after.setdefault(last_kept, []).append(sentence)
    first_kept = next((sid for sid in a_ids if sid in kept), None)

    operations: list[Operation] = []
    if leading and first_kept is not None:
        operations.extend(
            Operation("insert", first_kept, new=s.text, position="before", new_id=s.id)
            for s in leading
        )
    for sid in a_ids:
        if sid not in kept:
            operations.append(Operation("delete", sid, old=a_text[sid]))
            continue
        if a_text[sid] != b_text[sid]:
            operations.extend(_sentence_operations(sid, a_text[sid], b_text[sid]))
        operations.extend(
            Operation("insert", sid, new=s.text, position="after", new_id=s.id)
            for s in placed_after.get(sid, ())
        )
    if leading and first_kept is None:  # nothing kept: the new text follows the old
        operations.extend(
            Operation("insert", a_ids[-1], new=s.text, position="after", new_id=s.id)
            for s in leading
        )
    return tuple(operations)


def generate_amendment(before: Draft, after: Draft, amendment_id: str) -> Amendment:
    """An amendment by ``after``'s party, on ``before``, whose result is ``after``."""
    return Amendment(
        id=amendment_id,
        party=after.party,
        target=before.id,
        operations=generate_operations(before, after),
        result=after.id,
        status=after.status,
        date=after.date,
    )


def sentence_containing(draft: Draft, text: str) -> str:
    """The id of the one sentence of ``draft`` that contains ``text`` (for ``--at`` left out)."""
    holders = [s.id for s in draft.sentences if text in s.text]
    if not holders:
        raise DraftingError(f"{quote(text)} is not in any sentence of draft {draft.id}")
    if len(holders) > 1:
        raise DraftingError(
            f"{quote(text)} occurs in sentences {', '.join(holders)} of draft {draft.id}; "
            "say which with --at"
        )
    return holders[0]
