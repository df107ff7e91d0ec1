"""Positions: every party's wording of one clause side by side, and who moved where.

The negotiator's table (the EU's four-column document, LEOS's double compare) with strength
added: one column per position, one row per sentence, each cell redlined against the base.

- Rows are aligned across *all* drafts at once, not by chaining pairwise diffs (row order
  would then depend on which pair was diffed first): the base's sentences make the first
  rows; each other draft's sentence joins the row holding the same sentence id, else the
  same text, else the most similar row (word-bag Dice at least ``match_above``, best pair
  first), else opens a row of its own after the row of its previous sentence.
- Cells are redlined against the base cell with the one word-diff engine (``worddiff``).
- The polarity of the operator ("will not", "never", "refrain") is kept apart from the
  party's *stance*: "we will not allow anyone to slam the open door" has a negative
  operator whose object is itself a negation (an implicit-negation verb such as slam,
  close, prevent, deny), so its stance is positive. A position is called a reversal only
  when the stances differ, never on the operator's polarity alone.

Everything returned is a plain frozen dataclass (``positions_to_dict`` gives the JSON of
``schemas/positions.schema.json``), so the text, Markdown, JSON, HTML and Word renderers
all take the same value. Pure: no files, no terminal.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from drafting.diff.align import dice, words_of
from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import piece_key
from drafting.diff.worddiff import Engine, diff_pair, get_engine
from drafting.model import Clause, Draft, Sentence, Source
from drafting.strength import TIER_NAMES, StrengthResult, analyse, compare_results

SCHEMA_VERSION = "1"

Verdict = Literal["strengthened", "weakened", "unchanged"]
Stance = Literal["kept", "reversed", "unclear"]
CellChange = Literal["base", "same", "changed", "added", "omitted", "absent"]

IMPLICIT_NEGATORS: dict[str, frozenset[str]] = {
    "en": frozenset(
        {
            "abandon",
            "ban",
            "bar",
            "block",
            "close",
            "deny",
            "exclude",
            "forbid",
            "forego",
            "forgo",
            "halt",
            "hinder",
            "impede",
            "obstruct",
            "oppose",
            "preclude",
            "prevent",
            "prohibit",
            "refuse",
            "reject",
            "renounce",
            "revoke",
            "shut",
            "slam",
            "stop",
            "undermine",
            "veto",
        }
    ),
}
"""Verbs whose meaning negates their object (negative-implicative verbs): "prevent the
accession" is against the accession. Counted only in the operator's scope (after the main
term, in the same sentence) and only in verb position (after "to", a modal or a negator, or
as an -ing form after "from"/"by"), so "close cooperation" is not one. A language without a
table gets no stance (``unclear``), never a guessed one."""

_VERB_SLOT = re.compile(
    r"\b(?:to|will|shall|must|may|might|should|would|can|cannot|could|not|never|n't)\s+(\w+)"
    r"|\b(?:from|by)\s+(\w+?)ing\b",
    re.IGNORECASE,
)

_SCOPE_END = re.compile(r"[.;!?]|\b(?:that|which|who|whom|whose)\b", re.IGNORECASE)

_SCOPE_NEGATION = re.compile(
    r"\b(?:not|never)\s+to\b|\brefrain(?:s|ed|ing)?\s+from\b|\brather\s+than\b", re.IGNORECASE
)
"""Explicit negation of a verb in the operator's scope ("the desire ... to undertake not to
receive", "calling upon States to refrain from placing"); a "not" inside a relative clause
("States that are not members") negates no verb of the operator and is not counted."""


# ---------------------------------------------------------------- inputs and options


@dataclass(frozen=True)
class NamedDraft:
    """One position given outside a clause file (``--party NAME=FILE``): the column's name,
    its wording as a draft, and where it was published if known."""

    name: str
    draft: Draft
    source: Source | None = None
    party_name: str | None = None


@dataclass(frozen=True)
class PositionsOptions:
    """Every knob of a positions report, echoed in its JSON.

    ``base``: the draft id (clause) or name (loose files) every cell is redlined against;
    default the earliest draft. ``drafts``: the columns besides the base; default each
    party's latest draft. ``as_of``: an ISO date; drafts dated later are left out.
    ``match_above``: the least word similarity for a sentence to join a row it shares no id
    or text with (the diff's own threshold, so a positions row and a diff unit agree).
    """

    base: str | None = None
    drafts: tuple[str, ...] = ()
    as_of: str | None = None
    match_above: float = 0.5
    diff: DiffOptions = field(default_factory=DiffOptions)
    """The word diff of each cell: the diff's own defaults, so a cell reads as ``drafting
    diff`` of the same pair would (Russia's 2022 demand against Bucharest shows
    ``will {+never +}become``)."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.match_above <= 1.0:
            raise ValueError(f"match_above must be between 0 and 1, not {self.match_above}")
        if self.as_of is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", self.as_of):
            raise ValueError(f"as_of must be a date YYYY-MM-DD, not {self.as_of!r}")


class PositionsError(ValueError):
    """A request the clause cannot answer (unknown draft, empty clause): one line for the
    user, raised before any work is done."""


# ---------------------------------------------------------------- the report


@dataclass(frozen=True)
class SourceRef:
    """Where a position was published; ``caveat`` says so when it is a secondary copy."""

    id: str
    citation: str
    date: str | None
    href: str | None
    note: str | None
    secondary: bool
    caveat: str | None


@dataclass(frozen=True)
class TermRef:
    """A strength term as a table shows it: words, tier after context rules, polarity."""

    text: str
    category: str
    tier: int
    polarity: str
    main: bool


@dataclass(frozen=True)
class Reading:
    """The strength of one wording (``shared/strength-scale.md``) plus its stance.

    ``polarity`` is the operator's; ``stance`` is the polarity of what the wording is for,
    after an implicit-negation verb in the operator's scope (``stance_reason`` says which),
    or None where it cannot be told.
    """

    tier: int | None
    tier_range: tuple[int, int] | None
    tier_name: str | None
    polarity: str
    score: float
    main_term: str | None
    terms: tuple[TermRef, ...]
    hedges: tuple[str, ...]
    intensifiers: tuple[str, ...]
    conditions: tuple[str, ...]
    stance: str | None
    stance_reason: str


@dataclass(frozen=True)
class Comparison:
    """One wording against another: the strength verdict, the operator's polarity before
    and after, and whether the stance was kept or reversed (never inferred from the
    operator alone)."""

    against: str
    verdict: Verdict
    polarity_before: str
    polarity_after: str
    operator_polarity_changed: bool
    stance: Stance
    stance_reason: str
    explanation: str


@dataclass(frozen=True)
class Column:
    """One position: whose, which draft, when, in what instrument, how strong."""

    key: str
    party: str
    party_name: str
    draft: str
    date: str | None
    status: str | None
    instrument: str | None
    language: str | None
    source: SourceRef | None
    is_base: bool
    reading: Reading
    against_base: Comparison | None
    previous: str | None
    against_previous: Comparison | None
    rows_strengthened: tuple[str, ...] = ()
    rows_weakened: tuple[str, ...] = ()
    rows_reversed: tuple[str, ...] = ()
    """Rows whose cell moved against the base cell: the whole-draft verdict follows the main
    commitment only, so a weakened second sentence shows here."""


@dataclass(frozen=True)
class Segment:
    """A piece of a cell's redline against the base cell."""

    kind: Literal["equal", "delete", "insert"]
    text: str


@dataclass(frozen=True)
class Cell:
    """One position's sentence in one row. ``method`` says how it joined the row (``base``,
    ``id``, ``text``, ``similarity``, ``new``) and ``similarity`` how alike it is to the
    row's base sentence (or the row's first sentence when the base has none)."""

    column: str
    sentence: str | None
    text: str | None
    change: CellChange
    method: str | None
    similarity: float | None
    redline: tuple[Segment, ...]
    reading: Reading | None
    against_base: Comparison | None


@dataclass(frozen=True)
class Row:
    """One sentence aligned across every position; ``cells`` in column order."""

    id: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ConflictEntry:
    column: str
    party: str
    text: str | None
    change: CellChange
    verdict: str | None


@dataclass(frozen=True)
class Conflict:
    """A sentence two or more parties changed differently from the base (or added with
    different wordings where the base has none)."""

    row: str
    base_text: str | None
    entries: tuple[ConflictEntry, ...]


@dataclass(frozen=True)
class Nearest:
    column: str
    closest: str
    similarity: float


@dataclass(frozen=True)
class Summary:
    """Who moved where against the base, by column key; ``lines`` says it in words.

    A column is strengthened or weakened by its whole-draft verdict; when that is unchanged,
    by its rows if they all moved one way, and ``mixed`` if they moved both ways."""

    strengthened: tuple[str, ...]
    weakened: tuple[str, ...]
    unchanged: tuple[str, ...]
    mixed: tuple[str, ...]
    operator_polarity_changed: tuple[str, ...]
    stance_reversed: tuple[str, ...]
    lines: tuple[str, ...]


@dataclass(frozen=True)
class PositionsReport:
    """Everything a positions table shows; ``positions_to_dict`` is its JSON."""

    clause: str | None
    title: str | None
    base: str
    options: PositionsOptions
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    summary: Summary
    similarity: tuple[tuple[float, ...], ...]
    nearest: tuple[Nearest, ...]
    closest_pair: tuple[str, str, float] | None
    conflicts: tuple[Conflict, ...]
    notes: tuple[str, ...]
    schema_version: str = SCHEMA_VERSION


@dataclass(frozen=True)
class TimelineEntry:
    """One draft in date order with its verdict against what it supersedes (same party)
    or, failing that, what it responds to (the other side)."""

    draft: str
    party: str
    party_name: str
    date: str | None
    status: str | None
    instrument: str | None
    language: str | None
    reading: Reading
    relation: Literal["supersedes", "responds-to"] | None
    against: str | None
    comparison: Comparison | None
    overall: str | None = None
    """``comparison.verdict``, or the rows' verdict when the main commitment held (as in the
    positions summary): strengthened, weakened, unchanged or mixed."""
    rows_strengthened: tuple[str, ...] = ()
    rows_weakened: tuple[str, ...] = ()


@dataclass(frozen=True)
class Timeline:
    clause: str | None
    title: str | None
    entries: tuple[TimelineEntry, ...]
    notes: tuple[str, ...]
    schema_version: str = SCHEMA_VERSION


# ---------------------------------------------------------------- strength, once per text


class _Reader:
    """Analyses each distinct (text, language, instrument) once: positions repeat the base's
    unchanged sentences many times."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str | None, str | None], StrengthResult] = {}

    def result(self, text: str, language: str | None, instrument: str | None) -> StrengthResult:
        key = (text, language, instrument)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = analyse(text, language=language, instrument=instrument)
        return found

    def reading(self, text: str, language: str | None, instrument: str | None) -> Reading:
        return reading_of(self.result(text, language, instrument))


def stance_of(result: StrengthResult) -> tuple[str | None, str]:
    """The polarity of what a wording is *for*: the operator's polarity, flipped by one
    negation in its scope (an implicit-negation verb, "not to", "refrain from", "rather
    than"; see ``IMPLICIT_NEGATORS``). None where it cannot be told: no commitment term, a
    permission (tier 1 binds no one to a side), a language without a table, or two or more
    negations in the scope (nested negation is not guessed at)."""
    main = result.main_term
    if main is None:
        return None, "no commitment term"
    if result.comparable_tier == 1:
        return None, f"a permission ({main.text!r}) takes no side"
    table = IMPLICIT_NEGATORS.get(result.language)
    if table is None:
        return None, f"no implicit-negation table for language {result.language!r}"
    # the scope: up to the end of the clause, or a new clause ("that none of their weapons
    # will ever be used", "which has always been") that carries its own proposition
    boundary = _SCOPE_END.search(result.text, main.end)
    scope = result.text[main.end : boundary.start() if boundary else len(result.text)]
    negations = [m.group(0).strip() for m in _SCOPE_NEGATION.finditer(scope)]
    for match in _VERB_SLOT.finditer(scope):
        word = (match.group(1) or match.group(2) or "").lower()
        stem = word if match.group(1) else _ing_stem(word, table)
        if stem in table:
            negations.append(match.group(0).strip())
    if not negations:
        return result.polarity, f"{result.polarity} operator {main.text!r}"
    if len(negations) > 1:
        return None, f"several negations in the scope of {main.text!r}: {', '.join(negations)}"
    flipped = "positive" if result.polarity == "negative" else "negative"
    return flipped, (
        f"{result.polarity} operator {main.text!r} over the negation {negations[0]!r}: {flipped}"
    )


def _ing_stem(stem: str, table: frozenset[str]) -> str:
    """'block' from 'block(ing)', 'close' from 'clos(ing)', 'stop' from 'stopp(ing)'."""
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 else stem):
        if candidate in table:
            return candidate
    return stem


def reading_of(result: StrengthResult) -> Reading:
    """A strength result as the plain fields a positions table shows."""
    stance, reason = stance_of(result)
    main = result.main_term
    return Reading(
        tier=result.tier,
        tier_range=result.tier_range,
        tier_name=TIER_NAMES.get(result.tier) if result.tier is not None else None,
        polarity=result.polarity,
        score=result.score,
        main_term=main.text if main is not None else None,
        terms=tuple(
            TermRef(t.text, t.category, t.effective_tier, t.polarity, t.main) for t in result.terms
        ),
        hedges=tuple(m.text for m in result.hedges),
        intensifiers=tuple(m.text for m in result.intensifiers if m.counted),
        conditions=tuple(m.text for m in result.conditions),
        stance=stance,
        stance_reason=reason,
    )


def compare_readings(
    before: StrengthResult, after: StrengthResult, *, against: str, stance_pair: tuple[Any, Any]
) -> Comparison:
    """The verdict of ``after`` against ``before``; ``stance_pair`` holds the readings whose
    stances are compared (the rows holding the base's main sentence, for a whole draft)."""
    change = compare_results(before, after)
    stance_a, stance_b = stance_pair
    if stance_a is None or stance_b is None or stance_a.stance is None or stance_b.stance is None:
        stance: Stance = "unclear"
        missing = stance_b if stance_a is not None and stance_a.stance is not None else stance_a
        reason = (
            "the position does not word the base's main sentence"
            if missing is None
            else f"stance not told: {missing.stance_reason}"
        )
    elif stance_a.stance == stance_b.stance:
        stance = "kept"
        reason = f"{stance_b.stance_reason}; the base's stance is {stance_a.stance} too"
    else:
        stance = "reversed"
        reason = f"base {stance_a.stance_reason}; position {stance_b.stance_reason}"
    return Comparison(
        against=against,
        verdict=change.verdict,
        polarity_before=before.polarity,
        polarity_after=after.polarity,
        operator_polarity_changed=change.polarity_change,
        stance=stance,
        stance_reason=reason,
        explanation=change.explanation.replace("polarity", "operator polarity"),
    )


# ---------------------------------------------------------------- choosing columns


@dataclass(frozen=True)
class _Position:
    key: str
    party: str
    party_name: str
    draft: Draft
    source: Source | None


def _by_date(drafts: Sequence[Draft]) -> list[Draft]:
    """Oldest first; file order breaks ties (a later entry in the file is the later draft)."""
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].date or "", i))
    return [drafts[i] for i in order]


def _dated(draft: Draft, as_of: str | None) -> bool:
    return as_of is None or (draft.date or "") <= as_of


def _clause_positions(
    clause: Clause, options: PositionsOptions, notes: list[str]
) -> tuple[_Position, list[_Position]]:
    names = {p.id: p.name for p in clause.parties}
    sources = {s.id: s for s in clause.sources}
    known = ", ".join(d.id for d in clause.drafts) or "none"
    if not clause.drafts:
        raise PositionsError(f"clause {clause.id!r} has no drafts")
    candidates = [d for d in clause.drafts if _dated(d, options.as_of)]
    if options.base is not None:
        base = clause.draft(options.base)
        if base is None:
            raise PositionsError(f"no draft {options.base!r} (drafts: {known})")
        if not _dated(base, options.as_of):
            raise PositionsError(
                f"the base {base.id!r} is dated {base.date}, after --as-of {options.as_of}"
            )
    else:
        if not candidates:
            raise PositionsError(f"no draft is dated on or before {options.as_of}")
        base = _by_date(candidates)[0]
        notes.append(f"base: the earliest draft {base.id!r} ({base.date}); choose with --base")
    if options.drafts:
        chosen = []
        for draft_id in options.drafts:
            found = clause.draft(draft_id)
            if found is None:
                raise PositionsError(f"no draft {draft_id!r} (drafts: {known})")
            if found.id != base.id and found not in chosen:
                chosen.append(found)
    else:
        latest: dict[str, Draft] = {}
        for draft in _by_date(candidates):
            latest[draft.party] = draft
        chosen = [d for d in _by_date(list(latest.values())) if d.id != base.id]
        left_out = [d.id for d in candidates if d.id != base.id and d not in chosen]
        if left_out:
            notes.append(
                "columns: each party's latest draft"
                + (f" as of {options.as_of}" if options.as_of else "")
                + f"; not shown: {', '.join(left_out)} (choose with --drafts)"
            )

    def position(draft: Draft) -> _Position:
        source = sources.get(draft.source) if draft.source else None
        return _Position(draft.id, draft.party, names.get(draft.party, draft.party), draft, source)

    return position(base), [position(d) for d in chosen]


def _loose_positions(
    named: Sequence[NamedDraft], options: PositionsOptions
) -> tuple[_Position, list[_Position]]:
    if not named:
        raise PositionsError("no positions given")
    seen: set[str] = set()
    positions = []
    for item in named:
        if item.name in seen:
            raise PositionsError(f"two positions are named {item.name!r}")
        seen.add(item.name)
        positions.append(
            _Position(item.name, item.name, item.party_name or item.name, item.draft, item.source)
        )
    base_name = options.base or positions[0].key
    base = next((p for p in positions if p.key == base_name), None)
    if base is None:
        names = ", ".join(p.key for p in positions)
        raise PositionsError(f"no position named {base_name!r} (positions: {names})")
    return base, [p for p in positions if p is not base]


# ---------------------------------------------------------------- aligning rows


class _Rows:
    """Rows as lists of (sentence index or None) per column, built one column at a time."""

    def __init__(self, columns: Sequence[Sequence[Sentence]], options: PositionsOptions):
        self.columns = columns
        self.options = options
        self.keys = [[piece_key(s.text, options.diff) for s in col] for col in columns]
        self._bags: dict[tuple[int, int], Counter[str]] = {}
        base = columns[0]
        self.rows: list[list[int | None]] = [
            [k] + [None] * (len(columns) - 1) for k in range(len(base))
        ]
        self.how: list[list[tuple[str | None, float | None]]] = [
            [("base", 1.0)] + [(None, None)] * (len(columns) - 1) for _ in base
        ]

    def bag(self, column: int, index: int) -> Counter[str]:
        found = self._bags.get((column, index))
        if found is None:
            found = self._bags[(column, index)] = words_of(self.keys[column][index])
        return found

    def anchor(self, row: int) -> tuple[int, int]:
        """The (column, sentence) a row is compared by: its base cell, else its first."""
        cells = self.rows[row]
        column = next(c for c, k in enumerate(cells) if k is not None)
        index = cells[column]
        assert index is not None
        return column, index

    def place(self, column: int) -> None:
        sentences = self.columns[column]
        row_of: dict[int, int] = {}
        free = [r for r in range(len(self.rows)) if self.rows[r][column] is None]
        # 1. the same sentence id as a base sentence (ids are a clause file's own alignment;
        # two other drafts sharing an id without the base prove nothing, so those rows are
        # joined by text or similarity below)
        by_id: dict[str, int] = {}
        for r in free:
            k = self.rows[r][0]
            if k is not None:
                by_id.setdefault(self.columns[0][k].id, r)
        taken: set[int] = set()
        for i, sentence in enumerate(sentences):
            r = by_id.get(sentence.id)
            if r is not None and r not in taken:
                row_of[i] = r
                taken.add(r)
                self._set(r, column, i, "id")
        # 2. the same normalised text
        by_text: dict[str, int] = {}
        for r in free:
            if r not in taken:
                c, k = self.anchor(r)
                by_text.setdefault(self.keys[c][k], r)
        for i in range(len(sentences)):
            if i in row_of:
                continue
            r = by_text.get(self.keys[column][i])
            if r is not None and r not in taken:
                row_of[i] = r
                taken.add(r)
                self._set(r, column, i, "text")
        # 3. the most similar row, best pair first
        left = [i for i in range(len(sentences)) if i not in row_of]
        rows_left = [r for r in free if r not in taken]
        scored = []
        for i in left:
            for r in rows_left:
                sim = dice(self.bag(column, i), self.bag(*self.anchor(r)))
                if sim >= self.options.match_above and sim > 0:
                    scored.append((-sim, r, i))
        for neg, r, i in sorted(scored):
            if i in row_of or r in taken:
                continue
            row_of[i] = r
            taken.add(r)
            self.rows[r][column] = i
            self.how[r][column] = ("similarity", round(-neg, 4))
        # 4. a row of its own, next to the rows of the column's neighbouring sentences
        for i in range(len(sentences)):
            if i in row_of:
                continue
            before = [row_of[j] for j in range(i) if j in row_of]
            later = [row_of[j] for j in range(i + 1, len(sentences)) if j in row_of]
            # after the row of its previous sentence; else before that of its next; else last
            at = max(before) + 1 if before else min(later) if later else len(self.rows)
            while (
                at < len(self.rows) and self.rows[at][0] is None and self.rows[at][column] is None
            ):
                at += 1  # after rows that earlier columns opened here: stable column order
            new: list[int | None] = [None] * len(self.columns)
            new[column] = i
            self.rows.insert(at, new)
            self.how.insert(at, [(None, None)] * len(self.columns))
            self.how[at][column] = ("new", None)
            row_of = {j: (r + 1 if r >= at else r) for j, r in row_of.items()}
            row_of[i] = at

    def _set(self, row: int, column: int, index: int, method: str) -> None:
        self.rows[row][column] = index
        c, k = self.anchor(row)
        sim = 1.0 if self.keys[c][k] == self.keys[column][index] else None
        if sim is None:
            sim = round(dice(self.bag(column, index), self.bag(c, k)), 4)
        self.how[row][column] = (method, sim)


# ---------------------------------------------------------------- the report


def _source_ref(source: Source | None) -> SourceRef | None:
    if source is None:
        return None
    note = source.note or ""
    secondary = bool(re.search(r"secondary|press|news|quoted|copy|unofficial", note, re.I))
    caveat = "secondary copy: check the wording against the official text" if secondary else None
    return SourceRef(
        source.id, source.citation, source.date, source.href, source.note, secondary, caveat
    )


def _redline(base: str, text: str, options: DiffOptions, engine: Engine) -> tuple[Segment, ...]:
    found = diff_pair(base, text, options=options, engine=engine)
    return tuple(
        Segment(op.op, op.text) for op in found.ops if not (op.ignored and op.op == "delete")
    )


def _main_sentence(draft: Draft, result: StrengthResult) -> int | None:
    """Which sentence of a draft holds its main term (offsets of ``Draft.text``)."""
    main = result.main_term
    if main is None:
        return None
    position = 0
    for index, sentence in enumerate(draft.sentences):
        end = position + len(sentence.text)
        if position <= main.start < end:
            return index
        position = end + 1
    return None


def positions(
    value: Clause | Sequence[NamedDraft], options: PositionsOptions | None = None
) -> PositionsReport:
    """Every position of a clause (or named loose drafts) against a base, as plain data."""
    return _positions(value, options or PositionsOptions(), with_previous=True)


@dataclass(frozen=True)
class _Against:
    """One draft against another, judged as a two-column positions table would judge it."""

    comparison: Comparison
    overall: str
    rows_strengthened: tuple[str, ...]
    rows_weakened: tuple[str, ...]


def _against(before: Draft, after: Draft, options: PositionsOptions) -> _Against:
    """``after`` against ``before`` by the table's own rules (rows aligned, the stance of the
    row holding ``before``'s main sentence, row verdicts when the main commitment holds), so
    a timeline and a "vs previous" say what the table would say."""
    plain = PositionsOptions(match_above=options.match_above, diff=options.diff)
    pair = _positions(
        [NamedDraft("before", before), NamedDraft("after", after)], plain, with_previous=False
    )
    column = pair.columns[1]
    assert column.against_base is not None
    summary = pair.summary
    overall = next(
        name
        for name in ("strengthened", "weakened", "unchanged", "mixed")
        if column.key in getattr(summary, name)
    )
    return _Against(
        replace(column.against_base, against=before.id),
        overall,
        column.rows_strengthened,
        column.rows_weakened,
    )


def _positions(
    value: Clause | Sequence[NamedDraft], options: PositionsOptions, *, with_previous: bool
) -> PositionsReport:
    notes: list[str] = []
    if isinstance(value, Clause):
        base, others = _clause_positions(value, options, notes)
        clause_id, title = value.id, value.title
        all_drafts = {d.id: d for d in value.drafts}
    else:
        base, others = _loose_positions(value, options)
        clause_id, title = None, None
        all_drafts = {p.draft.id: p.draft for p in (base, *others)}
    engine = get_engine(options.diff.engine)
    reader = _Reader()
    chosen = [base, *others]
    sentences = [p.draft.sentences for p in chosen]
    rows = _Rows(sentences, options)
    for column in range(1, len(chosen)):
        rows.place(column)

    # cells
    grid: list[list[Cell]] = []
    for r, row in enumerate(rows.rows):
        cells = []
        base_index = row[0]
        base_text = sentences[0][base_index].text if base_index is not None else None
        base_result = (
            reader.result(base_text, base.draft.language, base.draft.instrument)
            if base_text is not None
            else None
        )
        for c, index in enumerate(row):
            position = chosen[c]
            method, sim = rows.how[r][c]
            text = sentences[c][index].text if index is not None else None
            sid = sentences[c][index].id if index is not None else None
            reading = None
            against = None
            if text is not None:
                result = reader.result(text, position.draft.language, position.draft.instrument)
                reading = reading_of(result)
            if c == 0:
                change: CellChange = "base" if text is not None else "absent"
                redline = (Segment("equal", text),) if text else ()
            elif text is None:
                change = "omitted" if base_text is not None else "absent"
                redline = (Segment("delete", base_text),) if base_text else ()
            elif base_text is None:
                change = "added"
                redline = (Segment("insert", text),)
            else:
                same = piece_key(text, options.diff) == piece_key(base_text, options.diff)
                change = "same" if same else "changed"
                redline = (
                    (Segment("equal", text),)
                    if text == base_text
                    else _redline(base_text, text, options.diff, engine)
                )
                if not same and base_result is not None:
                    against = compare_readings(
                        base_result,
                        result,
                        against=base.key,
                        stance_pair=(reading_of(base_result), reading),
                    )
            cells.append(
                Cell(position.key, sid, text, change, method, sim, redline, reading, against)
            )
        grid.append(cells)
    row_values = tuple(Row(f"r{k + 1}", tuple(cells)) for k, cells in enumerate(grid))

    # columns
    base_whole = reader.result(base.draft.text, base.draft.language, base.draft.instrument)
    main_index = _main_sentence(base.draft, base_whole)
    main_row = next(
        (r for r, row in enumerate(rows.rows) if main_index is not None and row[0] == main_index),
        None,
    )
    columns = []
    for c, position in enumerate(chosen):
        draft = position.draft
        whole = reader.result(draft.text, draft.language, draft.instrument)
        against_base = None
        if c:
            stance_pair = (
                (grid[main_row][0].reading, grid[main_row][c].reading)
                if main_row is not None
                else (None, None)
            )
            against_base = compare_readings(
                base_whole, whole, against=base.key, stance_pair=stance_pair
            )
        previous = all_drafts.get(draft.supersedes) if draft.supersedes else None
        against_previous = None
        if previous is not None and with_previous:
            against_previous = _against(previous, draft, options).comparison
        moved = [
            (row.id, row.cells[c].against_base)
            for row in row_values
            if c and row.cells[c].against_base is not None
        ]
        columns.append(
            Column(
                key=position.key,
                party=position.party,
                party_name=position.party_name,
                draft=draft.id,
                date=draft.date or None,
                status=draft.status or None,
                instrument=draft.instrument or None,
                language=draft.language or None,
                source=_source_ref(position.source),
                is_base=c == 0,
                reading=reading_of(whole),
                against_base=against_base,
                previous=previous.id if previous is not None else None,
                against_previous=against_previous,
                rows_strengthened=tuple(r for r, m in moved if m.verdict == "strengthened"),
                rows_weakened=tuple(r for r, m in moved if m.verdict == "weakened"),
                rows_reversed=tuple(r for r, m in moved if m.stance == "reversed"),
            )
        )
    matrix, nearest, closest = _similarity(
        [p.draft for p in chosen], [p.key for p in chosen], options
    )
    return PositionsReport(
        clause=clause_id,
        title=title,
        base=base.key,
        options=options,
        columns=tuple(columns),
        rows=row_values,
        summary=_summary(columns),
        similarity=matrix,
        nearest=nearest,
        closest_pair=closest,
        conflicts=_conflicts(row_values, columns),
        notes=tuple(notes),
    )


def _similarity(
    drafts: Sequence[Draft], keys: Sequence[str], options: PositionsOptions
) -> tuple[tuple[tuple[float, ...], ...], tuple[Nearest, ...], tuple[str, str, float] | None]:
    """Word-bag Dice similarity of every pair of whole positions, each one's nearest other,
    and the closest pair overall (ties: the earlier columns)."""
    bags = [words_of(piece_key(d.text, options.diff)) for d in drafts]
    n = len(drafts)
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i][j] = matrix[j][i] = round(dice(bags[i], bags[j]), 4)
    nearest = []
    for i in range(n):
        others = [(-matrix[i][j], j) for j in range(n) if j != i]
        if others:
            neg, j = min(others)
            nearest.append(Nearest(keys[i], keys[j], -neg))
    pairs = [(-matrix[i][j], i, j) for i in range(n) for j in range(i + 1, n)]
    closest = None
    if pairs:
        neg, i, j = min(pairs)
        closest = (keys[i], keys[j], -neg)
    return tuple(tuple(r) for r in matrix), tuple(nearest), closest


def _summary(columns: Sequence[Column]) -> Summary:
    groups: dict[str, list[str]] = {
        "strengthened": [],
        "weakened": [],
        "unchanged": [],
        "mixed": [],
    }
    polarity: list[str] = []
    reversed_: list[str] = []
    lines = []
    for column in columns:
        comparison = column.against_base
        if comparison is None:
            continue
        verdict = comparison.verdict
        if verdict == "unchanged" and column.rows_strengthened and column.rows_weakened:
            verdict = "mixed"
        elif verdict == "unchanged" and column.rows_strengthened:
            verdict = "strengthened"
        elif verdict == "unchanged" and column.rows_weakened:
            verdict = "weakened"
        groups[verdict].append(column.key)
        text = f"{column.party_name} ({column.draft}): {verdict} against the base"
        if verdict != comparison.verdict:
            rows = (*column.rows_strengthened, *column.rows_weakened)
            text += f" (main commitment unchanged; rows {', '.join(sorted(rows))} moved)"
        if comparison.operator_polarity_changed:
            polarity.append(column.key)
            text += (
                f"; operator polarity {comparison.polarity_before} → {comparison.polarity_after}"
            )
        if comparison.stance == "reversed":
            reversed_.append(column.key)
            text += f"; stance reversed ({comparison.stance_reason})"
        elif comparison.stance == "kept" and comparison.operator_polarity_changed:
            text += f"; stance kept, not a reversal ({comparison.stance_reason})"
        elif comparison.stance == "unclear":
            text += f"; stance not told ({comparison.stance_reason})"
        lines.append(text + f". {comparison.explanation}")
    return Summary(
        tuple(groups["strengthened"]),
        tuple(groups["weakened"]),
        tuple(groups["unchanged"]),
        tuple(groups["mixed"]),
        tuple(polarity),
        tuple(reversed_),
        tuple(lines),
    )


def _conflicts(rows: Sequence[Row], columns: Sequence[Column]) -> tuple[Conflict, ...]:
    """Rows that two or more parties changed (or added) with different results."""
    party = {c.key: c.party for c in columns}
    out = []
    for row in rows:
        base_cell = row.cells[0]
        moved = [cell for cell in row.cells[1:] if cell.change in ("changed", "omitted", "added")]
        parties = {party[cell.column] for cell in moved}
        outcomes = {" ".join(cell.text.split()) if cell.text else None for cell in moved}
        if len(parties) >= 2 and len(outcomes) >= 2:
            out.append(
                Conflict(
                    row=row.id,
                    base_text=base_cell.text,
                    entries=tuple(
                        ConflictEntry(
                            cell.column,
                            party[cell.column],
                            cell.text,
                            cell.change,
                            cell.against_base.verdict if cell.against_base else None,
                        )
                        for cell in moved
                    ),
                )
            )
    return tuple(out)


# ---------------------------------------------------------------- timeline


def timeline(clause: Clause, options: PositionsOptions | None = None) -> Timeline:
    """Every draft in date order, each against what it supersedes or responds to."""
    options = options or PositionsOptions()
    if not clause.drafts:
        raise PositionsError(f"clause {clause.id!r} has no drafts")
    names = {p.id: p.name for p in clause.parties}
    reader = _Reader()
    entries = []
    for draft in _by_date([d for d in clause.drafts if _dated(d, options.as_of)]):
        whole = reader.result(draft.text, draft.language, draft.instrument)
        relation: Literal["supersedes", "responds-to"] | None = None
        other = None
        if draft.supersedes and clause.draft(draft.supersedes) is not None:
            relation, other = "supersedes", clause.draft(draft.supersedes)
        elif draft.responds_to and clause.draft(draft.responds_to) is not None:
            relation, other = "responds-to", clause.draft(draft.responds_to)
        found = _against(other, draft, options) if other is not None else None
        entries.append(
            TimelineEntry(
                draft=draft.id,
                party=draft.party,
                party_name=names.get(draft.party, draft.party),
                date=draft.date or None,
                status=draft.status or None,
                instrument=draft.instrument or None,
                language=draft.language or None,
                reading=reading_of(whole),
                relation=relation,
                against=other.id if other is not None else None,
                comparison=found.comparison if found else None,
                overall=found.overall if found else None,
                rows_strengthened=found.rows_strengthened if found else (),
                rows_weakened=found.rows_weakened if found else (),
            )
        )
    notes = []
    if options.as_of:
        notes.append(f"drafts dated up to {options.as_of}")
    return Timeline(clause.id, clause.title, tuple(entries), tuple(notes))


# ---------------------------------------------------------------- plain data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def positions_to_dict(report: PositionsReport | Timeline) -> dict[str, Any]:
    """The report as JSON-ready data (``schemas/positions.schema.json``), keys in field
    order so the same inputs give byte-identical JSON."""
    data = _plain(asdict(report))
    head = {
        "schema_version": data.pop("schema_version"),
        "kind": "timeline" if isinstance(report, Timeline) else "positions",
    }
    if isinstance(report, PositionsReport):
        pair = data.pop("closest_pair")
        data["closest_pair"] = (
            {"a": pair[0], "b": pair[1], "similarity": pair[2]} if pair is not None else None
        )
    return {**head, **data}
