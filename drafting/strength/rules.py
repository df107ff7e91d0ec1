"""The context rules of the strength scale (C1–C8), applied to the matches of one text.

Passes, in this order (each reads the result of the ones before it):

1. ``layers``: split matches into operators, negators, modifiers; resolve overlaps per layer.
2. ``exclusions`` (C5): modals inside conditions, conditional "Should …", false friends;
   relative clauses make a term subordinate (it is reported but does not set the tier).
3. ``preamble`` (C2) and ``reported`` (C1): recitals and that-clauses under "notes",
   "welcomes", "expects" are acknowledged, not promised: tier 0.
4. ``governance`` (C3, C4): a lexical verb after a modal is that modal's content ("shall
   refrain", "may … invite"); a prohibition verb takes its force from the nearest operator
   before it ("reaffirm their commitment … to refrain" is political, "undertake … to
   refrain" binding); a chapeau lends its operator to items that have none.
5. ``heads``: instrument context (C1, C2, C8), negation and absolute markers (C4), the
   General Assembly cap (C2).
6. ``main``: the strongest term sets the clause's tier and polarity.

Then ``_report_terms`` and ``_report_modifiers`` turn the working state into the terms,
flags, hedges, intensifiers and conditions of the :class:`Analysis`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from drafting.strength.lexicon import OPERATOR_CATEGORIES, Entry, Lexicon
from drafting.strength.matcher import Hit, Tokens, find_hits, normalise, resolve_overlaps
from drafting.strength.result import Modifier, Term


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PUNCTUATION = re.compile(r"[.!?;:,()\[\]–—\n]")


TREATY = frozenset({"treaty", "draft-treaty", "negotiating-draft"})
POLITICAL = frozenset(
    {"political-declaration", "political-agreement", "memorandum", "mou", "communique", "statement"}
)
SC = "un-sc-resolution"
GA = "un-ga-resolution"
UN = frozenset({SC, GA})

CORE = frozenset(OPERATOR_CATEGORIES) | {
    "false-friend",
    "relative",
    "condition",
    "epistemic",
    "reporting",
}
NEGATION_LAYER = frozenset({"negation", "absolute", "false-friend"})
GOVERNING = frozenset({"obligation", "commitment", "recommendation", "intention", "permission"})
INVERSION_SUBJECTS = _words(
    "the a an any it they he she there such this that these those either one no "
    "ukraine russia nato we you"
)
"""Words that can follow a clause-initial "Should" when it means "if" (C5)."""
LIST_MARKER = re.compile(r"^\s*(?:\(?[0-9ivxa-z]{1,4}[.)]|[-•–—*])\s*$")
GA_INTERNAL = re.compile(
    r"\b(?:budget|appropriation|subsidiary|provisional agenda|rules of procedure|"
    r"secretary-general|session|committee|working group|programme of work|assessment)\b"
)

SPEAKERS = _words("we nous мы ми")
"""A modal in a relative clause whose subject is the speaking parties ("which we will not
recognize") still carries their commitment; one about anybody else ("which will inform"),
or a past fact ("to which we have agreed"), does not (C5)."""
SKIPPABLE = _words(
    "also further then therefore now still jointly together thus accordingly continue to "
    "in turn both all each only soon"
)
INANIMATE = _words(
    "it this these those that there which measures steps provisions programme programmes "
    "program programs efforts arrangements initiatives initiative mechanism framework package "
    "document documents decision decisions developments development process tools exercises "
    "reforms assistance presence activities deployment deployments agreement charter"
)
IMPERSONAL = _words("it this that there these those")
EPISTEMIC_MODALS = (".may", ".can", ".may-not", ".cannot")
"""Entries that read as a possibility after an impersonal subject ("it may", "there can")."""
AGENTS = _words(
    "we they i you he she allies ally alliance nato parties party states state members member "
    "countries country governments government sides side participants russia ukraine georgia "
    "federation america kingdom us eu osce council organization union leaders ministers "
    "commission secretary"
)
EFFECT_VERBS = _words(
    "help contribute strengthen enhance make allow enable lead facilitate promote serve benefit "
    "improve increase reduce bring create pave constitute mark represent advance provide "
    "foster boost deepen"
)

FINITE_AUX = _words("is are was were has had been does did est sont était ont является являются є")
FRENCH_NOT_INFINITIVES = _words(
    "entre notre votre autre contre outre premier première dernier dernière hier membre "
    "cadre ordre titre lettre chapitre article ministre centre registre nombre libre propre "
    "sur leur"
)
ITEM_ADVERBS = _words(
    "immediately promptly jointly also further fully gradually urgently effectively duly "
    "without delay"
)
ACTION_VERBS = _words(
    "ensure ensures release enact conduct withdraw pull provide take remove adopt launch "
    "facilitate continue implement carry establish hold promote refrain respect allow "
    "guarantee restore exchange monitor cease stop prevent support develop strengthen reform "
    "organize organise grant open pay create permit prohibit abstain destroy dismantle declare "
    "notify inform report submit consult cooperate co-operate settle resolve maintain protect "
    "observe comply apply deploy station reduce limit eliminate verify inspect allow accept "
    "recognize recognise refrain undertake seek pursue work give make set agree begin start "
    "resume complete return transfer disarm disband demobilize demobilise pardon amnesty "
    "adopt approve ratify introduce amend repeal hold elect restore reinstate intensify "
    "enhance improve increase decrease avoid deny defend assist help use"
)

_SHORT = {
    5: "prohibition",
    4: "binding obligation",
    3: "political commitment",
    1: "permission",
    0: "acknowledgement",
}


@dataclass(frozen=True)
class Inherited:
    """The operator of a chapeau, lent to a list item that has none of its own (C3)."""

    tier: int
    polarity: str
    text: str


@dataclass
class _Op:
    """Working state of one operator match while the passes run (local to one analysis)."""

    hit: Hit
    tier: int = 0
    polarity: str = "positive"
    negated: bool = False
    rule: str = ""
    reason: str = ""
    excluded: str = ""
    subordinate: str = ""
    absorbed: bool = False
    framed: bool = False
    raw_tier: int = 0
    extend_to: int = 0
    done: bool = False

    @property
    def entry(self) -> Entry:
        return self.hit.entry


@dataclass
class Analysis:
    """What the rules found in one text (the assembler turns it into a StrengthResult)."""

    tier: int
    polarity: str
    terms: list[Term] = field(default_factory=list)
    hedges: list[Modifier] = field(default_factory=list)
    intensifiers: list[Modifier] = field(default_factory=list)
    conditions: list[Modifier] = field(default_factory=list)
    flags: list[Modifier] = field(default_factory=list)
    weight: float = 0.0
    main_reason: str = ""


def analyse_plain(
    text: str, lexicon: Lexicon, instrument: str | None, inherited: Inherited | None = None
) -> Analysis:
    """Apply the passes to one text (no brackets): see the module docstring."""
    norm = normalise(text)
    tokens = Tokens.of(norm)
    layers = _layers(find_hits(norm, tokens, lexicon.compiled))
    ctx = _Context(text, norm, tokens, instrument)
    ops = layers.ops

    _exclusions(ctx, ops, layers.conditions, layers.relatives)
    preamble_end = _preamble(ctx, ops, layers.complementizers)
    _reported(ctx, ops, layers.complementizers, layers.epistemic)
    _governance(ctx, ops, Negators(layers.negators), layers.complementizers, inherited)
    _general_assembly_cap(ctx, ops)
    main = _main(ops)

    analysis = Analysis(tier=0, polarity="positive")
    if main is not None:
        analysis.tier, analysis.polarity = main.tier, main.polarity
        analysis.weight = main.entry.weight
        analysis.main_reason = main.reason
    elif inherited is not None:
        analysis.tier, analysis.polarity = inherited.tier, inherited.polarity
        analysis.main_reason = f"no operator of its own: takes '{inherited.text}' from the chapeau"
    else:
        item = _list_item(ctx, lexicon.language)
        if item is not None:
            analysis.tier, analysis.polarity, analysis.main_reason = item
    _report_terms(analysis, text, ops, main, layers)
    _report_modifiers(analysis, text, main, layers, preamble_end)
    return analysis


# --- pass 1: layers ------------------------------------------------------------------------


@dataclass(slots=True)
class _Layers:
    """The matches of one text, split by what the passes do with them. Overlaps are resolved
    within a layer only, so a negator or a hedge never hides the operator next to it."""

    ops: list[_Op]
    negators: list[Hit]
    hedges: list[Hit]
    intensifiers: list[Hit]
    low_precision: list[Hit]
    conditions: list[Hit]
    relatives: list[Hit]
    complementizers: set[int]
    """Word indices of "that", "que", "что" …: where a reported (that-) clause opens."""
    epistemic: list[Hit]
    false_friends: list[Hit]


def _by_category(hits: list[Hit]) -> dict[str, list[Hit]]:
    """The hits grouped by their entry's category, each group in the order given."""
    groups: dict[str, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.entry.category, []).append(hit)
    return groups


def _layers(hits: list[Hit]) -> _Layers:
    core = resolve_overlaps([h for h in hits if h.entry.category in CORE], _GENERIC)
    negators = resolve_overlaps([h for h in hits if h.entry.category in NEGATION_LAYER], _GENERIC)
    found = _by_category(hits)
    in_core = _by_category(core)
    return _Layers(
        ops=[_Op(h) for h in core if h.entry.is_operator],
        negators=[h for h in negators if h.entry.category != "false-friend"],
        hedges=resolve_overlaps(found.get("hedge", []), _GENERIC),
        intensifiers=resolve_overlaps(found.get("intensifier", []), _GENERIC),
        low_precision=resolve_overlaps(found.get("low-precision", []), _GENERIC),
        conditions=in_core.get("condition", []),
        relatives=in_core.get("relative", []),
        complementizers={h.first for h in in_core.get("reporting", ())},
        epistemic=in_core.get("epistemic", []),
        false_friends=in_core.get("false-friend", []),
    )


# --- reporting: what the passes decided, as terms, flags and modifiers ------------------------


def _report_terms(
    analysis: Analysis, text: str, ops: list[_Op], main: _Op | None, layers: _Layers
) -> None:
    """Operators become terms (or C5 flags when excluded); false friends and vague words
    (C7) become flags; flags end up in text order."""
    for op in ops:
        if op.excluded == "not-a-recital":
            continue  # a participle inside a sentence ("by taking …"): nothing to report
        if op.excluded:
            analysis.flags.append(
                Modifier(
                    text[op.hit.start : op.hit.end],
                    op.hit.start,
                    op.hit.end,
                    "C5",
                    "false-friend" if op.excluded != "condition" else "condition-trigger",
                )
            )
            continue
        end = max(op.hit.end, op.extend_to)
        analysis.terms.append(
            Term(
                text=text[op.hit.start : end],
                start=op.hit.start,
                end=end,
                category=op.entry.category,
                tier=op.entry.tier if op.entry.tier is not None else 0,
                negated=op.negated,
                rule=op.rule or op.entry.rule,
                polarity=op.polarity,  # type: ignore[arg-type]
                main=op is main,
                reason=op.reason,
                effective_tier=op.tier,
            )
        )
    for hit in layers.false_friends:
        analysis.flags.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "C5", "false-friend")
        )
    for hit in layers.low_precision:
        analysis.flags.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "C7", "low-precision")
        )
    analysis.flags.sort(key=lambda m: (m.start, m.end))


def _report_modifiers(
    analysis: Analysis, text: str, main: _Op | None, layers: _Layers, preamble_end: int
) -> None:
    """Hedges, intensifiers and conditions, each marked counted or not: a hedge inside the
    main intention ("intend to") is its wording, an intensifier in a recital or under a
    negation adds no force, and a condition a hedge already covers is not listed."""
    main_intention = (
        (main.hit.start, main.hit.end) if main and main.entry.category == "intention" else None
    )
    for hit in layers.hedges:
        counted = not (
            main_intention and hit.start < main_intention[1] and main_intention[0] < hit.end
        )
        analysis.hedges.append(
            Modifier(
                text[hit.start : hit.end], hit.start, hit.end, hit.entry.rule, "hedge", counted
            )
        )
    negated_zone = {i for n in layers.negators for i in range(max(0, n.first - 1), n.last + 4)}
    for hit in layers.intensifiers:
        in_preamble = hit.start < preamble_end
        under_negation = hit.first in negated_zone
        analysis.intensifiers.append(
            Modifier(
                text[hit.start : hit.end],
                hit.start,
                hit.end,
                hit.entry.rule,
                "intensifier",
                not (in_preamble or under_negation),
            )
        )
    hedged_words = {i for h in layers.hedges for i in range(h.first, h.last + 1)}
    for hit in layers.conditions:
        if hit.first in hedged_words:
            continue
        analysis.conditions.append(
            Modifier(text[hit.start : hit.end], hit.start, hit.end, "K", "condition", False)
        )


_GENERIC = frozenset({"subject"})


class _Context:
    """Sentence and clause boundaries of one text, computed once."""

    def __init__(self, text: str, norm: str, tokens: Tokens, instrument: str | None) -> None:
        self.text = text
        self.norm = norm
        self.tokens = tokens
        self.instrument = instrument
        count = len(tokens.words)
        self.sentence = [0] * count
        self.clause = [0] * count
        self.comma_before = [False] * count
        sentence = clause = 0
        chapeau = False
        marks = [(m.start(), m.group()) for m in _PUNCTUATION.finditer(norm)]
        position = 0
        starts = tokens.starts
        for i in range(count):  # one pass over words and punctuation together
            start = starts[i]
            gap = []
            while position < len(marks) and marks[position][0] < start:
                gap.append(marks[position])
                position += 1
            if gap and i:
                kinds = "".join(g for _, g in gap)
                if kinds.count("\n") >= 2 or any(
                    g in ".!?" and (at + 1 == len(norm) or norm[at + 1].isspace()) for at, g in gap
                ):
                    sentence += 1
                    clause += 1
                    chapeau = False
                elif ";" in kinds and not chapeau:
                    clause += 1  # a semicolon ends a clause, except under a chapeau
                if ":" in kinds:
                    chapeau = True
                self.comma_before[i] = any(g in ",;:()[]–—" for g in kinds)
            self.sentence[i] = sentence
            self.clause[i] = clause

    def clause_end(self, index: int) -> int:
        """Index of the last word of the clause that word ``index`` belongs to."""
        return self._ends[0][index]

    def punctuated_end(self, index: int) -> int:
        """Index of the last word before the next comma, semicolon or sentence end."""
        return self._ends[1][index]

    @cached_property
    def _ends(self) -> tuple[list[int], list[int]]:
        """Both kinds of end for every word, in one backward pass."""
        count = len(self.clause)
        clause_end = list(range(count))
        punctuated_end = list(range(count))
        for i in range(count - 2, -1, -1):
            if self.clause[i + 1] == self.clause[i]:
                clause_end[i] = clause_end[i + 1]
            if not self.comma_before[i + 1] and self.sentence[i + 1] == self.sentence[i]:
                punctuated_end[i] = punctuated_end[i + 1]
        return clause_end, punctuated_end


# --- pass 2: exclusions (C5) ----------------------------------------------------------------


def _exclusions(ctx: _Context, ops: list[_Op], conditions: list[Hit], relatives: list[Hit]) -> None:
    """C5: mark operators that are not the clause's commitment before anything reads their
    tier: modals inside a condition ("if … shall"), a conditional "Should …", and modals in
    a relative clause ("which will inform"), which stay as terms but cannot be the main one."""
    inside: set[int] = set()  # words inside a condition clause ("if …", "unless …")
    for hit in conditions:
        if hit.entry.scope == "clause" and hit.last + 1 < len(ctx.clause):
            start = hit.last + 1
            if start in inside:
                continue
            gap = ctx.norm[ctx.tokens.ends[hit.last] : ctx.tokens.starts[start]]
            # "unless: (a) …; (b) …": a condition that opens a list covers the whole list
            end = ctx.clause_end(start) if ":" in gap else ctx.punctuated_end(start)
            inside.update(range(start, end + 1))
    by_last = {rel.last: rel for rel in relatives}
    claimed: set[int] = set()
    for op in ops:
        first = op.hit.first
        if first in inside:
            op.excluded = "condition"
            op.reason = "inside a condition: a trigger, not the commitment (C5)"
            continue
        if op.entry.id.endswith(".should") and _clause_initial(ctx, first):
            following = ctx.tokens.words[first + 1] if first + 1 < len(ctx.tokens.words) else ""
            original = ctx.text[ctx.tokens.starts[first + 1]] if following else ""
            if following in INVERSION_SUBJECTS or original.isupper():
                op.excluded = "conditional"
                op.reason = "conditional 'Should …' (C5)"
                continue
        for rel in (by_last[i] for i in range(first - 6, first) if i in by_last):
            if rel.first in claimed:
                continue
            if (
                rel.last < first <= rel.last + 5
                and ctx.clause[rel.last] == ctx.clause[first]
                and not any(ctx.comma_before[i] for i in range(rel.last + 1, first + 1))
                and not (
                    op.entry.modal
                    and any(ctx.tokens.words[i] in SPEAKERS for i in range(rel.last + 1, first))
                )
            ):
                op.subordinate = "relative"
                op.reason = "in a relative clause: not the clause's main commitment (C5)"
                claimed.add(rel.first)
        if (
            op.entry.modal
            and first > 0
            and ctx.tokens.words[first - 1] == "that"
            and not ctx.comma_before[first]
        ):
            op.subordinate = "relative"
            op.reason = "in a relative clause: not the clause's main commitment (C5)"


def _clause_initial(ctx: _Context, index: int) -> bool:
    return index == 0 or ctx.comma_before[index] or ctx.sentence[index - 1] != ctx.sentence[index]


# --- pass 3: preamble (C2) and reported content (C1) -------------------------------------------


def _preamble(ctx: _Context, ops: list[_Op], complementizers: set[int]) -> int:
    """Absorb everything a sentence-initial participle governs; return the end offset."""
    end_offset = 0
    firsts = [op.hit.first for op in ops]
    for op in ops:
        if op.entry.category != "preamble" or op.excluded:
            continue
        first = op.hit.first
        sentence = ctx.sentence[first]
        opening = first
        while opening > 0 and ctx.sentence[opening - 1] == sentence:
            opening -= 1
        lead = ctx.norm[
            ctx.tokens.starts[opening] if opening < first else op.hit.start : op.hit.start
        ]
        if opening < first and not LIST_MARKER.match(lead):
            op.excluded = "not-a-recital"
            continue
        last_in_sentence = first
        while (
            last_in_sentence + 1 < len(ctx.sentence)
            and ctx.sentence[last_in_sentence + 1] == sentence
        ):
            last_in_sentence += 1
        tail = ctx.norm[ctx.tokens.ends[last_in_sentence] :].strip()
        whole = any(op.hit.last < c <= op.hit.last + 3 for c in complementizers) or tail[:1] in (
            ",",
            ";",
        )
        scope_end = (
            last_in_sentence
            if whole
            else ctx.punctuated_end(
                op.hit.last + 1 if op.hit.last + 1 < len(ctx.sentence) else op.hit.last
            )
        )
        op.tier, op.rule, op.done = 0, "C2", True
        op.reason = "preamble recital: acknowledged, not promised (C2)"
        for other in _between(ops, firsts, first, scope_end):
            if not other.excluded:
                other.absorbed = True
                other.tier, other.polarity, other.rule, other.done = 0, "positive", "C2", True
                other.reason = "inside a preamble recital (C2)"
        end_offset = max(end_offset, ctx.tokens.ends[scope_end])
    return end_offset


def _reported(
    ctx: _Context, ops: list[_Op], complementizers: set[int], epistemic: list[Hit]
) -> None:
    """Modals in the that-clause of "notes", "welcomes", "expects" … are reported (tier 0)."""
    firsts = [op.hit.first for op in ops]
    openers: list[tuple[int, str]] = []
    for op in ops:
        if op.excluded or op.done or op.entry.category != "acknowledgement":
            continue
        if op.entry.scope == "clause" and any(
            op.hit.last < c <= op.hit.last + 4 and ctx.clause[c] == ctx.clause[op.hit.last]
            for c in complementizers
        ):
            openers.append(
                (op.hit.last, "reported by '" + ctx.text[op.hit.start : op.hit.end] + "'")
            )
    for hit in epistemic:
        openers.append((hit.last, "predictive after '" + ctx.text[hit.start : hit.end] + "'"))
    for last, why in openers:
        for op in _between(ops, firsts, last, ctx.clause_end(last)):
            if op.excluded or op.done:
                continue
            op.tier, op.polarity, op.rule, op.done = 0, "positive", "C1", True
            op.reason = f"{why}: not a commitment (C1)"


def _between(ops: list[_Op], firsts: list[int], after: int, last: int) -> list[_Op]:
    """The operators whose first word lies in (after, last]; ``firsts`` are their first words,
    in text order."""
    return ops[bisect_right(firsts, after) : bisect_right(firsts, last)]


# --- pass 4 and 5: governance, context and negation -------------------------------------------


def _governance(
    ctx: _Context,
    ops: list[_Op],
    negators: Negators,
    complementizers: set[int],
    inherited: Inherited | None,
) -> None:
    """Give every operator the preamble and reported passes left open its tier and polarity:
    as the content of the operator that governs it (C3, C4), as an item under the chapeau
    (C3), or on its own in the instrument's context with its negation (``_head``). A
    performative verb whose that-clause holds a modal is only a frame (``_is_frame``)."""
    last_modal: dict[int, int] = {}  # sentence → index of its last modal
    for index, op in enumerate(ops):
        if op.entry.modal and not op.excluded:
            last_modal[ctx.sentence[op.hit.first]] = index
    framed_sentences: set[int] = set()
    for index, op in enumerate(ops):
        if op.excluded or op.done:
            continue
        sentence = ctx.sentence[op.hit.first]
        if _is_frame(op, index, last_modal.get(sentence, -1), complementizers):
            op.subordinate = "frame"
            op.reason = "a frame: the modal in its that-clause sets the tier"
        op.framed = sentence in framed_sentences
        if op.subordinate == "frame":
            framed_sentences.add(sentence)
        governor = _governor(ctx, ops, index, complementizers)
        is_content_prohibition = (
            op.entry.category == "prohibition" and op.entry.context == "present"
        )
        if governor is not None and (is_content_prohibition or not op.entry.modal):
            _absorb(ctx, op, governor, negators)
        elif is_content_prohibition and inherited is not None:
            _compose_prohibition(op, inherited.tier, f"the chapeau's '{inherited.text}'", "C3")
        else:
            _head(ctx, op, negators)
        op.done = True


def _is_frame(op: _Op, index: int, last_modal: int, complementizers: set[int]) -> bool:
    """'We agreed that these countries will …', 'decides that … shall': the modal inside the
    that-clause, not the performative verb, says how strong the commitment is."""
    if op.entry.modal or op.entry.category not in ("obligation", "commitment"):
        return False
    last = op.hit.last
    return last_modal > index and any(c in complementizers for c in range(last + 1, last + 4))


def _governor(ctx: _Context, ops: list[_Op], index: int, complementizers: set[int]) -> _Op | None:
    """The operator whose content this one is, if any."""
    op = ops[index]
    first = op.hit.first
    content_prohibition = op.entry.category == "prohibition" and op.entry.context == "present"
    for candidate in reversed(ops[:index]):
        if candidate.excluded or (candidate.absorbed and candidate.rule == "C2"):
            continue
        last = candidate.hit.last
        if ctx.sentence[last] != ctx.sentence[first] or ctx.clause[last] != ctx.clause[first]:
            return None
        if any(last < c < first for c in complementizers):
            return None
        if (
            candidate.entry.category not in GOVERNING
            and not candidate.entry.modal
            and not (candidate.entry.category == "acknowledgement" and first - last <= 3)
        ):
            if content_prohibition:
                continue
            return None
        if content_prohibition:
            return candidate
        reach = 8 if op.entry.category in ("permission", "saving") else 5
        if first - last <= reach and not op.entry.modal:
            return candidate
        return None
    return None


def _absorb(ctx: _Context, op: _Op, governor: _Op, negators: Negators) -> None:
    """``op`` is the content of ``governor``: a prohibition composes with its force, an
    entitlement keeps its own tier, anything else takes the governor's reading."""
    op.absorbed = True
    name = ctx.text[governor.hit.start : governor.hit.end]
    if op.entry.category == "prohibition" and not op.entry.modal:
        # "shall refrain", "shall remain prohibited", "commitment … to refrain"
        own_negation = _negation(ctx, op, negators)
        if own_negation:
            op.tier, op.polarity, op.negated, op.rule = 1, "positive", True, "C4"
            op.reason = "negated prohibition: a permission (C4)"
            return
        _compose_prohibition(op, governor.tier, f"'{name}'", "C4")
        return
    if (
        op.entry.category in ("permission", "saving")
        and op.entry.context is None
        and not governor.negated
        and governor.entry.category != "acknowledgement"
    ):
        # "shall … have the right to", "will be entitled to": the modal carries an entitlement
        op.tier, op.polarity, op.rule = op.entry.tier or 0, op.entry.polarity, op.entry.rule
        op.reason = f"entitlement carried by '{name}'"
        governor.subordinate = "carrier"
        governor.reason = f"carries the entitlement '{ctx.text[op.hit.start : op.hit.end]}'"
        return
    op.tier, op.polarity, op.negated = governor.tier, governor.polarity, governor.negated
    op.subordinate = op.subordinate or governor.subordinate
    op.rule = governor.rule or governor.entry.rule
    op.reason = f"content of '{name}'"


def _compose_prohibition(op: _Op, governing_tier: int, name: str, rule: str) -> None:
    """'refrain' under an operator: binding → 5, political → 3, should → 2 (all negative)."""
    if governing_tier >= 4:
        op.tier = 5
    elif governing_tier == 1:
        op.tier, op.polarity = 1, "positive"
        op.rule, op.reason = rule, f"permitted restraint under {name}"
        return
    else:
        op.tier = governing_tier
    op.polarity, op.rule = "negative", rule
    op.reason = f"prohibition under {name} ({governing_tier})"


def contextual_tier(entry: Entry, instrument: str | None) -> tuple[int, str, str]:
    """The tier an entry has in this instrument (C1, C2, C8), with rule and reason."""
    context = entry.context
    tier = entry.tier if entry.tier is not None else 0
    if context is None:
        return tier, entry.rule, ""
    where = instrument or "unknown instrument"
    if context in ("will", "agree", "present", "subject"):
        rule = "C1" if context in ("will", "agree") else "C8"
        if instrument in TREATY:
            lexical = tier if context in ("present", "subject") else 4
            return max(lexical, 4), rule, f"{where} → {max(lexical, 4)}"
        if instrument in POLITICAL or instrument in UN:
            return 3, rule, f"{where} → 3"
        if context == "present" and entry.category == "prohibition":
            return tier, rule, "no instrument given: lexical reading"
        return 3, rule, "no instrument given: read as political (pass --instrument)"
    if context == "decide":
        if instrument in TREATY or instrument in UN:
            return 4, "C2", f"{where} → 4"
        return 3, "C2", f"{where} → 3"
    if context == "un":
        if instrument in UN:
            return tier, "C2", f"operative verb of a resolution → {tier}"
        return min(tier, 2), "C2", "outside a resolution: a call on others → 2"
    return tier, entry.rule, ""


def _head(ctx: _Context, op: _Op, negators: Negators) -> None:
    """An operator that heads its clause: its tier in this instrument (C1, C2, C8), unless
    its subject makes it a forecast, a purpose or a possibility (C1, C5); then its
    negation (C4)."""
    tier, rule, reason = contextual_tier(op.entry, ctx.instrument)
    polarity = op.entry.polarity
    if (
        op.entry.context == "will"
        and ctx.instrument not in TREATY
        and not op.framed
        and _predictive(ctx, op)
    ):
        tier, rule, reason = 0, "C1", "predictive 'will': its subject is not a party"
    if op.entry.category == "intention" and _subject_word(ctx, op.hit.first) in INANIMATE:
        tier, rule, reason = 0, "C5", "the purpose of a thing, not a party's intention"
    if op.entry.id.endswith(EPISTEMIC_MODALS) and _subject_word(ctx, op.hit.first) in IMPERSONAL:
        tier, rule, reason = 0, "C5", "a possibility ('it may', 'there can'), not a permission"
    op.tier, op.polarity, op.rule, op.reason = tier, polarity, rule, reason
    if op.entry.category == "prohibition" and tier == 0:
        op.negated = True
        return
    if op.entry.category == "prohibition":
        op.polarity = "negative"
        op.negated = _embedded_negation(ctx, op, negators)
    negation = _negation(ctx, op, negators)
    if negation is not None:
        absolute = negation.entry.category == "absolute"
        word = ctx.text[negation.start : negation.end]
        if negation.first > op.hit.last:
            op.extend_to = negation.end
        _negate(op, absolute, word)


def _negate(op: _Op, absolute: bool, word: str) -> None:
    """C4: what a negator or an absolute marker does to an operator."""
    category = op.entry.category
    op.negated = True
    if category == "prohibition":
        op.tier, op.polarity, op.rule = 1, "positive", "C4"
        op.reason = f"negated prohibition ('{word}'): a permission (C4)"
        return
    if category in ("acknowledgement", "preamble", "saving"):
        op.polarity = "negative" if category != "saving" else op.polarity
        return
    op.polarity, op.rule = "negative", "C4"
    if (absolute and op.tier >= 3) or category == "permission":
        op.tier = 5
        op.reason = (
            f"made absolute by '{word}' (C4)"
            if absolute
            else f"'{word}' + permission: deontic prohibition (C4)"
        )
        return
    if category == "obligation" and op.entry.context not in ("will",) and op.tier >= 4:
        op.tier = 5
        op.reason = f"negated obligation ('{word}'): a prohibition (C4)"
        return
    op.reason = f"negated by '{word}': same tier, negative (C4)" + (
        f"; {op.reason}" if op.reason else ""
    )


class Negators:
    """Negators and absolute markers indexed by their first and last word."""

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.by_first: dict[int, list[Hit]] = {}
        self.by_last: dict[int, list[Hit]] = {}
        for hit in hits:
            self.by_first.setdefault(hit.first, []).append(hit)
            self.by_last.setdefault(hit.last, []).append(hit)

    def near(self, first: int, last: int) -> list[Hit]:
        """Those that end up to eight words before, sit inside, or start two words after."""
        found: list[Hit] = []
        for index in range(first - 8, last + 1):
            found.extend(self.by_last.get(index, ()))
        for index in range(last + 1, last + 3):
            found.extend(h for h in self.by_first.get(index, ()) if h.last > last)
        return found

    def inside(self, start: int, end: int, first: int, last: int) -> bool:
        return any(
            start <= h.start and h.end <= end
            for index in range(first, last + 1)
            for h in self.by_first.get(index, ())
        )


def _negation(ctx: _Context, op: _Op, negators: Negators) -> Hit | None:
    """The negator or absolute marker whose scope covers this operator, if any."""
    if not negators.hits:
        return None
    first, last = op.hit.first, op.hit.last
    clause = ctx.clause[first]
    best: Hit | None = None
    for neg in negators.near(first, last):
        if op.hit.start <= neg.start and neg.end <= op.hit.end:
            continue  # part of the term itself ("need not", "have no intention")
        if ctx.clause[neg.first] != clause:
            continue
        after = last < neg.first <= last + 2 and not any(
            ctx.comma_before[i] for i in range(last + 1, neg.first + 1)
        )
        if neg.entry.scope == "clause" or neg.entry.category == "absolute":
            before = first - 8 <= neg.last < first
        else:
            before = first - 2 <= neg.last < first
        if neg.entry.scope == "clause" and neg.entry.category != "absolute":
            after = False
        if (after or before) and (best is None or neg.entry.category == "absolute"):
            best = neg
    return best


def _embedded_negation(ctx: _Context, op: _Op, negators: Negators) -> bool:
    last = ctx.tokens.index_before(op.hit.match_end)
    return negators.inside(op.hit.match_start, op.hit.match_end, op.hit.first, max(last, 0))


def _subject_word(ctx: _Context, index: int) -> str | None:
    """The word before an operator, skipping adverbs: a cheap stand-in for its subject."""
    i = index - 1
    while i >= 0 and ctx.tokens.words[i] in SKIPPABLE and ctx.sentence[i] == ctx.sentence[index]:
        i -= 1
    if i < 0 or ctx.sentence[i] != ctx.sentence[index]:
        return None
    return ctx.tokens.words[i]


def _predictive(ctx: _Context, op: _Op) -> bool:
    """'It will', 'these measures will help': a forecast, not a party's promise (C1)."""
    subject = _subject_word(ctx, op.hit.first)
    if subject in INANIMATE:
        return True
    following = op.hit.last + 1
    words = ctx.tokens.words
    while following < len(words) and words[following] in SKIPPABLE:
        following += 1
    verb = words[following] if following < len(words) else ""
    return verb in EFFECT_VERBS and subject not in AGENTS


def _list_item(ctx: _Context, language: str) -> tuple[int, str, str] | None:
    """C3 without the chapeau: an item that opens with a bare verb ("Ensure …", "Not permit
    …", "Обеспечить …") borrows the force its instrument's chapeaux usually carry."""
    if ctx.instrument in UN or not ctx.tokens.words:
        return None
    words = ctx.tokens.words
    i = 0
    lead = ctx.text[: ctx.tokens.starts[0]]
    if (
        len(words) > 1
        and re.fullmatch(r"[0-9ivx]{1,4}|[a-z]", words[0])
        and re.match(r"\s*\(?\w{1,4}[.)]", ctx.text)
    ):
        i = 1
    elif lead.strip() not in ("", "-", "•", "–", "—", "*"):
        return None
    while i < len(words) - 1 and words[i] in ITEM_ADVERBS:
        i += 1  # "Immediately release …"
    negative = words[i] in ("not", "never", "ne", "не")
    if negative:
        i += 1
        if language == "fr" and i < len(words) and words[i] in ("pas", "jamais"):
            i += 1
    if i >= len(words) or any(w in FINITE_AUX for w in words):
        return None
    word = words[i]
    if not _bare_verb(word, language):
        return None
    tier = (5 if negative else 4) if ctx.instrument in TREATY else 3
    polarity = "negative" if negative else "positive"
    where = ctx.instrument or "unknown instrument"
    return (
        tier,
        polarity,
        (
            f"a list item without an operator of its own takes its chapeau's force (C3); "
            f"no chapeau given, so the usual force in a {where}"
        ),
    )


def _bare_verb(word: str, language: str) -> bool:
    """An imperative (en) or an infinitive (fr, ru, uk) opening a list item."""
    if language == "en":
        return word in ACTION_VERBS
    if language == "fr":
        return word.endswith(("er", "ir", "re")) and word not in FRENCH_NOT_INFINITIVES
    # Russian/Ukrainian infinitives; abstract nouns in -сть (безопасность) are not
    return word.endswith(("ть", "ти", "ться", "тися", "чь")) and not word.endswith("сть")


# --- pass 5 (General Assembly cap) and 6: the main commitment ---------------------------------


def _general_assembly_cap(ctx: _Context, ops: list[_Op]) -> None:
    """C2: the General Assembly recommends; its texts bind only on internal matters."""
    for op in ops:
        op.raw_tier = op.tier
        if ctx.instrument != GA or op.excluded or op.tier <= 2 or GA_INTERNAL.search(ctx.norm):
            continue
        op.tier, op.rule = 2, "C2"
        op.reason = f"General Assembly resolutions recommend: {op.raw_tier} capped at 2 (C2)"


def _main(ops: list[_Op]) -> _Op | None:
    """The strongest term; ties go to the stronger reading before caps, then to the negative
    content of a commitment ("will refrain"), then to a modal."""
    candidates = [op for op in ops if not op.excluded and not op.subordinate]
    best: _Op | None = None
    for op in candidates:
        if best is None or (op.tier, op.raw_tier, op.polarity == "negative", op.entry.modal) > (
            best.tier,
            best.raw_tier,
            best.polarity == "negative",
            best.entry.modal,
        ):
            best = op
    return best


def short_label(term: Term) -> str:
    """'political commitment', 'absolute', 'recommendation' … for explanations."""
    if term.effective_tier == 5 and "absolute" in term.reason:
        return "absolute"
    if term.effective_tier == 2:
        return "intention" if term.category == "intention" else "recommendation"
    return _SHORT.get(term.effective_tier, term.category)
