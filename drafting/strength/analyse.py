"""Analyse one clause: language, brackets (C6), chapeau (C3), rules, score, explanation."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from typing import TypeVar

from drafting.model import INSTRUMENTS
from drafting.strength.lexicon import LANGUAGES, Lexicon, load_lexicon
from drafting.strength.result import TIER_NAMES, Modifier, StrengthResult, Term
from drafting.strength.rules import Analysis, Inherited, analyse_plain, short_label
from drafting.text.language import detect_language

INTENSIFIER_STEP = 0.25
INTENSIFIER_CAP = 0.5
HEDGE_STEP = 0.5
HEDGE_CAP = 1.5
MAX_BRACKET_VARIANTS = 64
CHUNK = 3000
"""Texts longer than this are analysed a few sentences at a time (every rule works inside
one sentence), so a whole treaty costs time in proportion to its length."""

_INSTRUMENTS = frozenset(INSTRUMENTS)
_LANGUAGES = frozenset(LANGUAGES)
_BRACKET = r"\[([^\[\]]*)\]"
"""A bracket group (``[shall/should]``); a pattern of re's cache, compiled when a text
first has a ``[``, as is ``_SENTENCE_END`` when a text is first longer than ``CHUNK``
(start-up time: both were compiled at import, on the serial path of a diff)."""
_RULE_TAG = re.compile(r" \(C\d\)")
_Item = TypeVar("_Item", Term, Modifier)


def analyse(
    text: str,
    *,
    language: str | None = None,
    instrument: str | None = None,
    lexicon: Lexicon | None = None,
    chapeau: str | None = None,
) -> StrengthResult:
    """How strongly ``text`` binds, on the scale of ``shared/strength-scale.md``.

    ``language`` is detected when not given (en, fr, ru, uk); ``instrument`` is one of
    ``drafting.model.INSTRUMENTS`` and decides what "will" means (C1). ``lexicon`` replaces
    the shipped one (see ``Lexicon.merged`` to extend it). ``chapeau`` is the lead-in of a
    list item: an item without an operator of its own takes the chapeau's (C3).
    """
    if instrument is not None and instrument not in _INSTRUMENTS:
        raise ValueError(f"unknown instrument {instrument!r}; one of: {', '.join(INSTRUMENTS)}")
    detected = False
    if language is None:
        if lexicon is not None:
            language = lexicon.language
        else:
            language, detected = detect_language(text), True
    if language not in _LANGUAGES:
        raise ValueError(f"unsupported language {language!r}; one of: {', '.join(LANGUAGES)}")
    lexicon = lexicon or load_lexicon(language)

    inherited = None
    if chapeau:
        lead = analyse(chapeau, language=language, instrument=instrument, lexicon=lexicon)
        if lead.tier is not None and lead.main_term is not None:
            inherited = Inherited(lead.tier, lead.polarity, lead.main_term.text)

    if len(text) <= CHUNK and "[" not in text:  # one piece, no options: the common case
        analysis = analyse_plain(text, lexicon, instrument, inherited)
        low = high = analysis.tier
        bracketed = False
    else:
        analysis, low, high, bracketed = _analyse_pieces(text, lexicon, instrument, inherited)
    tier: int | None = low if low == high else None
    tier_range = (low, high) if bracketed else None
    flags = analysis.flags
    score = _score(analysis, tier if tier is not None else (tier_range or (0, 0))[0])
    if "[" in text:  # bracketed options were blanked for the analysis: the caller's words
        terms = tuple(_retext(t, text) for t in analysis.terms)
        hedges = tuple(_retext(m, text) for m in analysis.hedges)
        intensifiers = tuple(_retext(m, text) for m in analysis.intensifiers)
        conditions = tuple(_retext(m, text) for m in analysis.conditions)
        flags = [_retext(m, text) for m in flags]
    else:  # every item's text is already the caller's, at its offsets
        terms = tuple(analysis.terms)
        hedges = tuple(analysis.hedges)
        intensifiers = tuple(analysis.intensifiers)
        conditions = tuple(analysis.conditions)
    polarity = analysis.polarity
    return StrengthResult(  # by position (the field order), cheaper than 15 keywords
        text,
        tier,
        tier_range,
        polarity,
        score,
        terms,
        hedges,
        intensifiers,
        conditions,
        language,
        instrument,
        tuple(flags),
        explanation(
            tier,
            tier_range,
            polarity,
            terms,
            hedges,
            intensifiers,
            conditions,
            analysis.main_reason,
        ),
        detected,  # language_detected
        tuple(analysis.passes),
    )


_SENTENCE_END = r"(?<=[.!?])\s+(?=\S)|\n\s*\n"


def _analyse_pieces(
    text: str, lexicon: Lexicon, instrument: str | None, inherited: Inherited | None
) -> tuple[Analysis, int, int, bool]:
    """The text in runs of whole sentences of about ``CHUNK`` characters (every rule works
    inside one sentence, so a whole treaty costs time in proportion to its length), merged:
    the strongest run (the first of equals) gives the polarity and the main term. Returns the
    merged analysis, the low and high tier, and whether there were bracketed options."""
    if len(text) <= CHUNK:
        return _analyse_piece(text, lexicon, instrument, inherited)
    chunks = _chunks(text)
    merged = Analysis(tier=-1, polarity="positive")
    low, bracketed = 0, False
    main_index: int | None = None
    for a, b in chunks:
        part, part_low, part_high, part_bracketed = _analyse_piece(
            text[a:b], lexicon, instrument, inherited
        )
        bracketed = bracketed or part_bracketed
        low = max(low, part_low)
        if part_high > merged.tier:
            merged.tier, merged.polarity = part_high, part.polarity
            merged.weight, merged.main_reason = part.weight, part.main_reason
            found = next((i for i, t in enumerate(part.terms) if t.main), None)
            main_index = None if found is None else len(merged.terms) + found
        merged.terms.extend(
            replace(t, start=t.start + a, end=t.end + a, main=False) for t in part.terms
        )
        merged.passes.extend(p for p in part.passes if p not in merged.passes)
        for name in ("hedges", "intensifiers", "conditions", "flags"):
            getattr(merged, name).extend(
                replace(m, start=m.start + a, end=m.end + a) for m in getattr(part, name)
            )
    if main_index is not None:
        merged.terms[main_index] = replace(merged.terms[main_index], main=True)
    high = merged.tier
    merged.tier = low
    return merged, low, high, bracketed


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of whole sentences, each closed at the first sentence end past ``CHUNK``."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in re.finditer(_SENTENCE_END, text):
        if boundary.end() - start > CHUNK and boundary.start() > start:
            spans.append((start, boundary.start()))
            start = boundary.end()
    spans.append((start, len(text)))
    return spans


def _analyse_piece(
    text: str, lexicon: Lexicon, instrument: str | None, inherited: Inherited | None
) -> tuple[Analysis, int, int, bool]:
    """One run of sentences; bracketed options (C6) give a low and a high tier."""
    groups = _bracket_choices(text) if "[" in text else []
    if not groups:
        analysis = analyse_plain(text, lexicon, instrument, inherited)
        return analysis, analysis.tier, analysis.tier, False
    blanked = re.sub(_BRACKET, lambda m: " " + m.group(1).replace("/", " ") + " ", text)
    analysis = analyse_plain(blanked, lexicon, instrument, inherited)
    options = [
        analyse_plain(variant, lexicon, instrument, inherited)
        for variant in _variants(text, groups)
    ]
    tiers = [option.tier for option in options]
    strongest = max(options, key=lambda option: option.tier)
    analysis.polarity = strongest.polarity
    analysis.terms = _main_of(strongest, analysis.terms)
    for option in options:
        analysis.passes.extend(p for p in option.passes if p not in analysis.passes)
    analysis.passes.append("brackets")
    analysis.flags = sorted(
        [*analysis.flags, *(Modifier(text[a:b], a, b, "C6", "bracket") for a, b, _ in groups)],
        key=lambda m: (m.start, m.end),
    )
    return analysis, min(tiers), max(tiers), True


def _main_of(option: Analysis, terms: list[Term]) -> list[Term]:
    """Bracketed text: the main term is the strongest option's, found among the terms of the
    whole text (the option's own offsets point into a variant, not into the input)."""
    main = next((t for t in option.terms if t.main), None)
    if main is None:
        return terms
    key = (main.text.lower(), main.category)
    chosen = next((t for t in terms if (t.text.lower(), t.category) == key), None)
    if chosen is None:
        return terms
    return [
        replace(
            t,
            main=True,
            effective_tier=main.effective_tier,
            polarity=main.polarity,
            rule=main.rule,
            reason=main.reason,
        )
        if t is chosen
        else replace(t, main=False)
        for t in terms
    ]


def _score(analysis: Analysis, tier: int) -> float:
    """tier + min(0.5, 0.25 × intensifiers) − min(1.5, 0.5 × hedges), clipped to [0, 5]."""
    if not (analysis.intensifiers or analysis.hedges or analysis.weight):
        # the common case: the formula below gives the tier as a float, clipped
        return 0.0 if tier < 0 else 5.0 if tier > 5 else tier + 0.0
    boost = damp = 0.0
    if analysis.intensifiers:
        counted = sum(m.counted for m in analysis.intensifiers)
        boost = min(INTENSIFIER_CAP, INTENSIFIER_STEP * counted)
    if analysis.hedges:
        damp = min(HEDGE_CAP, HEDGE_STEP * sum(m.counted for m in analysis.hedges))
    score = max(0.0, min(5.0, tier + boost - damp + analysis.weight))
    # without a weight the score is a whole number of quarters, which round(…, 2) keeps as
    # it is (and round costs about 1% of a call)
    return round(score, 2) if analysis.weight else score


def _retext(item: _Item, text: str) -> _Item:
    """Brackets are blanked for analysis: report the caller's characters at each offset."""
    if text.startswith(item.text, item.start):
        return item
    return replace(item, text=text[item.start : item.end])


def _bracket_choices(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of adjacent bracket groups: ``[shall][should]`` or ``[shall/should]`` or ``[x]``."""
    groups: list[tuple[int, int, list[str]]] = []
    matches = list(re.finditer(_BRACKET, text))
    i = 0
    while i < len(matches):
        run = [matches[i]]
        while i + 1 < len(matches) and re.fullmatch(
            r"[\s/]*", text[run[-1].end() : matches[i + 1].start()]
        ):
            i += 1
            run.append(matches[i])
        if len(run) > 1:
            options = [m.group(1) for m in run]
        else:
            inner = run[0].group(1)
            options = inner.split("/") if "/" in inner else [inner, ""]
        groups.append((run[0].start(), run[-1].end(), options))
        i += 1
    return groups


def _variants(text: str, groups: list[tuple[int, int, list[str]]]) -> list[str]:
    variants = []
    for choice in itertools.islice(
        itertools.product(*(g[2] for g in groups)), MAX_BRACKET_VARIANTS
    ):
        pieces, cursor = [], 0
        for (start, end, _), option in zip(groups, choice, strict=True):
            pieces.append(text[cursor:start])
            pieces.append(option)
            cursor = end
        pieces.append(text[cursor:])
        variants.append(re.sub(r"\s+", " ", "".join(pieces)))
    return variants


def explain(result: StrengthResult, main_reason: str = "") -> str:
    """One sentence: the tier, the words that set it and the rule that fired."""
    return explanation(
        result.tier,
        result.tier_range,
        result.polarity,
        result.terms,
        result.hedges,
        result.intensifiers,
        result.conditions,
        main_reason,
    )


def explanation(
    tier: int | None,
    tier_range: tuple[int, int] | None,
    polarity: str,
    terms: tuple[Term, ...],
    hedges: tuple[Modifier, ...],
    intensifiers: tuple[Modifier, ...],
    conditions: tuple[Modifier, ...],
    main_reason: str = "",
) -> str:
    """The explanation sentence from the parts of a result (before it is built)."""
    main = None
    for term in terms:
        if term.main:
            main = term
            break
    if tier is None and tier_range:
        low, high = tier_range
        head = f"Unresolved bracketed options: tier {low}–{high} (C6)"
    else:
        shown = tier if tier is not None else 0
        head = f"Tier {shown} ({TIER_NAMES[shown]}), {polarity}"
    # each part in one f-string: the sentence is built for every clause analysed
    if main is not None:
        why = main.reason or main_reason
        if " (C" in why:  # the only way _RULE_TAG can match
            why = _RULE_TAG.sub("", why)
        if why:
            head = f"{head}: '{main.text}' ({short_label(main)}, {main.rule}; {why})"
        else:
            head = f"{head}: '{main.text}' ({short_label(main)}, {main.rule})"
    elif main_reason:
        head = f"{head}: {main_reason}"
    else:
        head += ": no commitment term found"
    if not (hedges or intensifiers or conditions):
        return head + "."
    extras = [head]
    counted_hedges = [m.text for m in hedges if m.counted] if hedges else None
    boosts = [m.text for m in intensifiers if m.counted] if intensifiers else None
    if counted_hedges:
        extras.append("hedged by '" + "', '".join(counted_hedges) + "'")
    if boosts:
        extras.append("intensified by '" + "', '".join(boosts) + "'")
    if conditions:
        extras.append("conditional on '" + "', '".join([c.text for c in conditions]) + "'")
    return "; ".join(extras) + "."
