"""Brackets and alternatives of a negotiating text, as structure.

Negotiators leave what is not agreed in square brackets: competing options side by side
(``The Parties [shall][should] consult``), numbered alternatives (``[Alt 1: … / Alt 2: …]``),
or one bracketed phrase that may stay or go (``Ukraine [and Georgia]``). The text keeps the
brackets as written; on top of it, standoff marks say what they mean:

- a ``choice`` mark over the whole bracketed stretch (brackets and labels included);
- an ``option`` mark over each option's own words (without brackets or ``Alt N:``), with
  ``label`` (``Alt 1``) and, once known, ``party`` (who sponsors it).

A single bracketed phrase is a choice with one option: taking option 0 drops it. A sentence
with choices is graded as a range of tiers (every way of settling it), and
:func:`settle` replaces a choice by the option taken. Pure: text in, marks and text out.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from drafting.amend.operations import edit_text, normalise_space
from drafting.errors import DraftingError
from drafting.model import Clause, Document, Mark, Paragraph, Sentence

_RUN = re.compile(r"\[[^\[\]]*\](?:(?:\s*/\s*)?\[[^\[\]]*\])*")
"""A run of bracketed groups side by side (``[a][b]`` or ``[a] / [b]``; no nesting). Groups
apart by a space only (``[and Georgia] [will]``) are separate choices."""
_ALT = re.compile(r"\bAlt(?:ernative)?\.?\s*(\d+)\s*[:.)]\s*", re.IGNORECASE)
_GROUP = re.compile(r"\[([^\[\]]*)\]")
MAX_SETTLEMENTS = 64
"""At most this many ways of settling one sentence are graded (the rest are not tried)."""


@dataclass(frozen=True)
class Choice:
    """One bracketed stretch of a sentence: its span, its options' spans and labels."""

    start: int
    end: int
    options: tuple[tuple[int, int, str | None, str | None], ...]  # start, end, label, party


def find_marks(text: str) -> tuple[Mark, ...]:
    """``choice`` and ``option`` marks for the brackets of a sentence's text."""
    marks: list[Mark] = []
    for run in _RUN.finditer(text):
        groups = list(_GROUP.finditer(text, run.start(), run.end()))
        options: list[Mark] = []
        if len(groups) == 1 and len(list(_ALT.finditer(groups[0].group(1)))) >= 2:
            inner_start = groups[0].start(1)
            inner = groups[0].group(1)
            found = list(_ALT.finditer(inner))
            for index, alt in enumerate(found):
                stop = found[index + 1].start() if index + 1 < len(found) else len(inner)
                piece = inner[alt.end() : stop]
                trimmed = piece.rstrip(" /;").rstrip()
                start = inner_start + alt.end()
                if trimmed:
                    label = (("label", f"Alt {alt.group(1)}"),)
                    options.append(Mark(start, start + len(trimmed), "option", label))
        else:
            for group in groups:
                inner = group.group(1)
                stripped = inner.strip()
                if stripped:
                    start = group.start(1) + (len(inner) - len(inner.lstrip()))
                    options.append(Mark(start, start + len(stripped), "option"))
        if options:
            marks.append(Mark(run.start(), run.end(), "choice"))
            marks.extend(options)
    return tuple(marks)


def with_brackets(sentence: Sentence) -> Sentence:
    """The sentence with its brackets marked (marks it already has are kept)."""
    if "[" not in sentence.text or any(m.tag == "choice" for m in sentence.marks):
        return sentence
    found = find_marks(sentence.text)
    if not found:
        return sentence
    kept = [m for m in sentence.marks if not _crosses_any(m, found)]
    return replace(sentence, marks=tuple(sorted((*kept, *found), key=lambda m: (m.start, -m.end))))


def _crosses_any(mark: Mark, others: Sequence[Mark]) -> bool:
    return any(
        mark.start < o.end and o.start < mark.end
        and not (o.start <= mark.start and mark.end <= o.end)
        and not (mark.start <= o.start and o.end <= mark.end)
        for o in others
    )  # fmt: skip


def choices(sentence: Sentence) -> list[Choice]:
    """The choices of a sentence, in text order, from its marks."""
    found = []
    for mark in sentence.marks:
        if mark.tag != "choice":
            continue
        options = tuple(
            (m.start, m.end, dict(m.attrs).get("label"), dict(m.attrs).get("party"))
            for m in sentence.marks
            if m.tag == "option" and mark.start <= m.start and m.end <= mark.end
        )
        found.append(Choice(mark.start, mark.end, options))
    return sorted(found, key=lambda c: c.start)


def settle(sentence: Sentence, index: int, take: int) -> Sentence:
    """The sentence with its ``index``-th choice (1-based) replaced by option ``take``
    (1-based; 0 drops a single bracketed phrase)."""
    found = choices(sentence)
    if not 1 <= index <= len(found):
        raise ValueError(f"sentence {sentence.id} has {len(found)} choice(s), not {index}")
    choice = found[index - 1]
    if take == 0 and len(choice.options) == 1:
        new = ""
    elif 1 <= take <= len(choice.options):
        start, end, _, _ = choice.options[take - 1]
        new = sentence.text[start:end]
    else:
        raise ValueError(
            f"choice {index} of sentence {sentence.id} has {len(choice.options)} option(s)"
            + ("; 0 drops it" if len(choice.options) == 1 else "")
        )
    text, marks = edit_text(sentence.text, sentence.marks, [(choice.start, choice.end, new)])
    text, marks = normalise_space(text, marks)
    return replace(sentence, text=text, marks=marks)


def sponsor(sentence: Sentence, index: int, option: int, party: str) -> Sentence:
    """The sentence with option ``option`` of choice ``index`` (both 1-based) sponsored by
    ``party``."""
    found = choices(sentence)
    if not 1 <= index <= len(found) or not 1 <= option <= len(found[index - 1].options):
        raise ValueError(f"sentence {sentence.id} has no option {index}.{option}")
    start, end, _, _ = found[index - 1].options[option - 1]
    marks = []
    for mark in sentence.marks:
        if mark.tag == "option" and (mark.start, mark.end) == (start, end):
            attrs = tuple((k, v) for k, v in mark.attrs if k != "party")
            mark = replace(mark, attrs=tuple(sorted((*attrs, ("party", party)), key=_attr_order)))
        marks.append(mark)
    return replace(sentence, marks=tuple(marks))


def _attr_order(item: tuple[str, str]) -> int:
    return ("label", "party").index(item[0]) if item[0] in ("label", "party") else 2


def settlements(sentence: Sentence) -> list[str]:
    """The sentence's text under every way of settling its choices (at most
    ``MAX_SETTLEMENTS``): each choice takes each option (a single bracketed phrase: kept or
    dropped)."""
    found = choices(sentence)
    ranges = [range(0 if len(c.options) == 1 else 1, len(c.options) + 1) for c in found]
    texts = []
    for combination in itertools.islice(itertools.product(*ranges), MAX_SETTLEMENTS):
        settled = sentence
        for index in range(len(found), 0, -1):  # from the end: earlier offsets stay valid
            settled = settle(settled, index, combination[index - 1])
        texts.append(settled.text)
    return texts


def tier_range(sentence: Sentence, grade: Callable[[str], int | None]) -> tuple[int, int] | None:
    """(lowest, highest) tier over every settlement; None when none could be graded."""
    tiers = [t for t in map(grade, settlements(sentence)) if t is not None]
    return (min(tiers), max(tiers)) if tiers else None


@dataclass(frozen=True)
class Bracketed:
    """One sentence with choices, where it is, and how strong each settlement is."""

    where: str  # "draft nato-2024" or the document id
    sentence: Sentence
    tiers: tuple[int, int] | None
    option_tiers: tuple[tuple[int | None, ...], ...]  # per choice, per option


def _grader(language: str, instrument: str) -> Callable[[str], int | None]:
    from drafting.strength import analyse  # start-up time: grading only when asked

    def grade(text: str) -> int | None:
        try:
            return analyse(text, language=language, instrument=instrument).tier
        except (DraftingError, ValueError):  # a language without a lexicon: not graded
            return None

    return grade


def _value_sentences(
    value: Clause | Document, draft: str | None
) -> list[tuple[str, str, str, Sentence]]:
    """(where, language, instrument, sentence) of the drafts chosen, or of a document."""
    if isinstance(value, Document):
        return [(value.id, value.language, value.instrument, s) for s in value.sentences]
    drafts = [d for d in value.drafts if draft is None or d.id == draft]
    return [(f"draft {d.id}", d.language, d.instrument, s) for d in drafts for s in d.sentences]


def report(value: Clause | Document, draft: str | None = None) -> list[Bracketed]:
    """Every sentence with brackets, graded as a range of tiers over its settlements; each
    option graded with that choice settled to it (the other brackets left as written)."""
    found = []
    for where, language, instrument, sentence in _value_sentences(value, draft):
        listed = choices(sentence)
        if not listed:
            continue
        grade = _grader(language, instrument)
        option_tiers = tuple(
            tuple(grade(settle(sentence, i, k).text) for k in range(1, len(c.options) + 1))
            for i, c in enumerate(listed, start=1)
        )
        found.append(Bracketed(where, sentence, tier_range(sentence, grade), option_tiers))
    return found


def edit(
    value: Clause | Document,
    draft: str | None,
    settles: Sequence[tuple[str, int, int]] = (),
    sponsors: Sequence[tuple[str, int, int, str]] = (),
) -> Clause | Document:
    """Sponsor options and settle choices of sentences (by id) of one draft or a document.
    Sponsoring comes first; settling several choices of one sentence goes from the last,
    so the numbers given all refer to the sentence as it was."""

    def change(sentence: Sentence) -> Sentence:
        for sid, index, option, party in sponsors:
            if sid == sentence.id:
                sentence = sponsor(sentence, index, option, party)
        for sid, index, take in sorted(settles, key=lambda s: -s[1]):
            if sid == sentence.id:
                sentence = settle(sentence, index, take)
        return sentence

    named = {s for s, *_ in (*settles, *sponsors)}
    have = {s.id for _, _, _, s in _value_sentences(value, draft)}
    missing = sorted(named - have)
    if missing:
        raise ValueError(f"no sentence {', '.join(missing)} there")
    if isinstance(value, Document):
        return replace(
            value,
            preamble=tuple(_paragraph(p, change) for p in value.preamble),
            articles=tuple(
                replace(a, paragraphs=tuple(_paragraph(p, change) for p in a.paragraphs))
                for a in value.articles
            ),
        )
    if draft is None:
        raise ValueError("name the draft: FILE#DRAFT")
    return replace(
        value,
        drafts=tuple(
            replace(d, sentences=tuple(map(change, d.sentences))) if d.id == draft else d
            for d in value.drafts
        ),
    )


def _paragraph(paragraph: Paragraph, change: Callable[[Sentence], Sentence]) -> Paragraph:
    return replace(paragraph, sentences=tuple(map(change, paragraph.sentences)))
