"""Compare the strength of two wordings: verdict, polarity change, term changes, explanation."""

from __future__ import annotations

from operator import attrgetter

from drafting.strength.analyse import analyse
from drafting.strength.lexicon import Lexicon
from drafting.strength.result import StrengthChange, StrengthResult, Term, TermChange
from drafting.strength.rules import short_label
from drafting.text.language import detect_language

CROSS_LANGUAGE_TOLERANCE = 0.5
"""Two language versions of one clause render qualifiers differently ("forthwith" has no
word in a French excerpt): across languages a score difference counts only from one full
hedge (0.5) up; within one language any difference counts."""


def compare_strength(
    before: str,
    after: str,
    *,
    language_a: str | None = None,
    language_b: str | None = None,
    instrument_a: str | None = None,
    instrument_b: str | None = None,
    lexicon: Lexicon | None = None,
) -> StrengthChange:
    """Was the guarantee strengthened, weakened or left unchanged, and was it reversed?

    ``lexicon`` is used for each side whose language (given or detected) is the lexicon's;
    the other side gets the shipped lexicon of its language.
    """
    a = analyse(
        before,
        language=language_a,
        instrument=instrument_a,
        lexicon=_for(lexicon, language_a, before),
    )
    b = analyse(
        after,
        language=language_b,
        instrument=instrument_b,
        lexicon=_for(lexicon, language_b, after),
    )
    return compare_results(a, b)


def _for(lexicon: Lexicon | None, language: str | None, text: str) -> Lexicon | None:
    if lexicon is None:
        return None
    if language is None:
        language = detect_language(text)
    return lexicon if lexicon.language == language else None


def compare_results(a: StrengthResult, b: StrengthResult) -> StrengthChange:
    """The verdict for two results already computed (the diff engine calls this per unit)."""
    tolerance = CROSS_LANGUAGE_TOLERANCE if a.language != b.language else 1e-9
    ta, tb = a.comparable_tier, b.comparable_tier
    # each side's main term and term keys worked out once, for every step below
    main_a, main_b = a.main_term, b.main_term
    if tb > ta:
        verdict = "strengthened"
    elif tb < ta:
        verdict = "weakened"
    elif b.score - a.score >= tolerance:
        verdict = "strengthened"
    elif a.score - b.score >= tolerance:
        verdict = "weakened"
    elif a.language == b.language:
        verdict = _co_main(a, b, main_a, main_b)
    else:
        verdict = "unchanged"
    polarity_change = a.polarity != b.polarity
    if list(map(_RAW_KEY, a.terms)) == list(map(_RAW_KEY, b.terms)):
        removed, added = [], []  # the same terms in the same order: the common case
    else:
        keys_a, keys_b = _keys(a.terms), _keys(b.terms)
        removed = _unmatched(a.terms, keys_a, keys_b)
        added = _unmatched(b.terms, keys_b, keys_a)
    text = f"{describe(main_a, a)} → {describe(main_b, b)}: {verdict}"
    if ta == tb and verdict != "unchanged":
        swap = _replaced_at_tier(ta, removed, added) if abs(a.score - b.score) < 1e-9 else None
        if swap is not None:
            text += f" (same tier: {describe(swap[0], a)} → {describe(swap[1], b)})"
        else:
            text += f" (same tier, score {a.score:g} → {b.score:g})"
    if polarity_change:
        text += f", polarity {a.polarity} → {b.polarity}"
    return StrengthChange(  # by position (the field order), cheaper than by keyword
        a,  # before
        b,  # after
        _term_changes(removed, added, main_a, main_b),  # term_changes
        verdict,  # type: ignore[arg-type]  # verdict
        polarity_change,  # polarity_change
        text + ".",  # explanation
    )


def _co_main(a: StrengthResult, b: StrengthResult, main_a: Term | None, main_b: Term | None) -> str:
    """Same tier and score: did the main term give way to a weaker one?
    "Demands that Iraq comply …, and decides …" → "Calls upon Iraq to comply …, and decides
    …": "decides" keeps the tier at 4, but one of the two operative commitments was replaced
    by a call (2), so the clause is weaker. Only when the main term itself changed (a
    secondary term weakened under a kept main "shall" leaves the clause as strong; the
    positions table reports that row), only a replacement counts (as many terms on both
    sides), only within one language and one instrument (a translation or another
    instrument reads terms differently), and not past a frame ("agreed that … will").
    ``main_a``, ``main_b``: each side's main term."""
    tier = a.comparable_tier
    if (
        main_a is None
        or main_b is None
        or _key(main_a) == _key(main_b)  # the main term kept: the clause is as strong
        or len(a.terms) != len(b.terms)
        or a.instrument != b.instrument
        or any(t.effective_tier > tier for t in (*a.terms, *b.terms))  # a frame: "agreed that"
    ):
        return "unchanged"

    def at_tier(result: StrengthResult) -> int:
        return sum(term.effective_tier == tier for term in result.terms)

    count_a, count_b = at_tier(a), at_tier(b)
    if count_b < count_a:
        return "weakened"
    if count_b > count_a:
        return "strengthened"
    return "unchanged"


def _replaced_at_tier(
    tier: int, removed: list[Term], added: list[Term]
) -> tuple[Term, Term] | None:
    """The term that left or reached the clause's ``tier`` when the main terms tie
    ("Demands (4) → Calls upon (2)"); ``removed`` and ``added``: the terms of each side
    with no counterpart on the other (``_unmatched``)."""
    if len(removed) != 1 or len(added) != 1:
        return None
    if tier not in (removed[0].effective_tier, added[0].effective_tier):
        return None
    return removed[0], added[0]


def _key(term: Term) -> tuple[str, int, str]:
    return (" ".join(term.text.lower().split()), term.effective_tier, term.polarity)


_RAW_KEY = attrgetter("text", "effective_tier", "polarity")
"""A term's ``_key`` before its words are normalised: terms equal in these are equal in it
(made in C, so the common case of two sides with the same terms costs no normalising)."""


def _keys(terms: tuple[Term, ...]) -> list[tuple[str, int, str]]:
    return [_key(term) for term in terms]


def term_changes(a: StrengthResult, b: StrengthResult) -> tuple[TermChange, ...]:
    """Terms only one side has; the two main terms, when they differ, as one replacement."""
    keys_a, keys_b = _keys(a.terms), _keys(b.terms)
    removed = _unmatched(a.terms, keys_a, keys_b)
    added = _unmatched(b.terms, keys_b, keys_a)
    return _term_changes(removed, added, a.main_term, b.main_term)


def _term_changes(
    removed: list[Term], added: list[Term], main_a: Term | None, main_b: Term | None
) -> tuple[TermChange, ...]:
    """``term_changes`` from the terms with no counterpart on the other side (``_unmatched``
    of each side, lists it takes over)."""
    if not removed and not added:
        return ()  # the common case: every term has its counterpart
    changes: list[TermChange] = []
    if main_a in removed and main_b in added:
        changes.append(TermChange("replaced", main_a, main_b))
        removed.remove(main_a)  # type: ignore[arg-type]
        added.remove(main_b)  # type: ignore[arg-type]
    changes.extend(TermChange("removed", t, None) for t in removed)
    changes.extend(TermChange("added", None, t) for t in added)
    return tuple(changes)


def _unmatched(
    terms: tuple[Term, ...],
    keys: list[tuple[str, int, str]],
    others: list[tuple[str, int, str]],
) -> list[Term]:
    """The ``terms`` with no counterpart (same words, tier, polarity) among the terms whose
    keys are ``others``; each counterpart answers for one term only, so a repeated term
    counts as often as it occurs. ``keys``: ``_keys(terms)``."""
    if keys == others:
        return []  # the common case: the same terms in the same order
    if not others:
        return list(terms)
    available: dict[tuple[str, int, str], int] = {}
    for key in others:
        available[key] = available.get(key, 0) + 1
    unmatched = []
    for term, key in zip(terms, keys, strict=True):
        if available.get(key, 0) > 0:
            available[key] -= 1
        else:
            unmatched.append(term)
    return unmatched


def describe(term: Term | None, result: StrengthResult) -> str:
    """'will never (5, absolute, negative)'."""
    if term is None:
        tier = result.tier if result.tier is not None else result.comparable_tier
        return f"no commitment term ({tier})"
    parts = [str(term.effective_tier), short_label(term)]
    if term.polarity == "negative":
        parts.append("negative")
    return f"{term.text} ({', '.join(parts)})"
