"""Strength results for people (text, with colour on a terminal) and for programs (JSON
validated by ``schemas/strength.schema.json``; one line per clause in a batch)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring as _string
from typing import Any

import click

from drafting.strength.result import (
    TIER_NAMES,
    Modifier,
    StrengthChange,
    StrengthResult,
    Term,
    TermChange,
)

_STYLES = {
    "main": {"fg": "red", "bold": True},
    "term": {"fg": "yellow", "bold": True},
    "hedge": {"fg": "cyan"},
    "intensifier": {"fg": "magenta"},
    "condition": {"fg": "blue"},
}


def render_json(
    result: StrengthResult,
    *,
    indent: int | None = 2,
    explain: bool = False,
    hidden: Sequence[dict[str, Any]] = (),
) -> str:
    """The result as JSON (``indent=None``: one line); ``explain`` adds the passes that fired;
    ``hidden``: the hidden and look-alike characters found in the text as given (spans of
    that text, ``drafting.text.hidden.Hidden.to_json``), listed when there are any."""
    document = result.to_json()
    if explain:
        document["passes"] = list(result.passes)
    if hidden:
        document["hidden"] = list(hidden)
    return json.dumps(document, ensure_ascii=False, indent=indent)


def tier_text(result: StrengthResult) -> str:
    """'4', or '2-4' for unresolved bracketed options."""
    if result.tier is not None:
        return str(result.tier)
    low, high = result.tier_range or (0, 0)
    return f"{low}-{high}"


def batch_line_text(item_id: Any, result: StrengthResult, explain: bool = False) -> str:
    """One tab-separated line of a batch: id, tier, polarity, score, explanation (and, with
    ``explain``, the passes that fired, comma-separated)."""
    line = f"{item_id}\t{tier_text(result)}\t{result.polarity}\t{result.score:g}\t" + (
        result.explanation
    )
    return line + ("\t" + ",".join(result.passes) if explain else "")


def batch_line_json(
    item_id: Any,
    result: StrengthResult,
    explain: bool = False,
    hidden: Sequence[dict[str, Any]] = (),
) -> str:
    """One JSON line of a batch: the result with the caller's id after the schema version;
    ``explain`` adds the passes; ``hidden`` the hidden characters of the text as given (as in
    ``render_json``).

    The text is exactly ``json.dumps(document, ensure_ascii=False)`` of that document
    (``StrengthResult.to_json`` with the id, the same keys in the same order), written from
    a template per value: a batch writes one line per clause, and building the dicts for the
    encoder to walk again cost as much as the rest of the line. Strings go through the
    ``json`` module's own escaper (``encode_basestring``, in C), numbers as it writes them (an
    ``int`` as ``{n}``, with no format spec to parse: see ``drafting.render.json``)."""
    line = f'{{"schema_version": "1", "id": {_scalar(item_id)}, {result_fields_json(result)}'
    if explain:
        line += ', "passes": [' + ", ".join(map(_string, result.passes)) + "]"
    if hidden:
        line += ', "hidden": ' + _ENCODER.encode(list(hidden))
    return line + "}"


def result_fields_json(result: StrengthResult) -> str:
    """The keys and values of ``StrengthResult.to_json`` after ``schema_version``, as the
    ``json`` module writes them inside an object (no braces): a batch line and a diff
    report's strength keys write them from here."""
    tier, tier_range, instrument = result.tier, result.tier_range, result.instrument
    tier_json = "null" if tier is None else f"{tier}"
    range_json = "null" if not tier_range else f"[{tier_range[0]}, {tier_range[1]}]"
    terms = _listed(result.terms, _term) if result.terms else "[]"
    hedges = _listed(result.hedges, _modifier) if result.hedges else "[]"
    intensifiers = _listed(result.intensifiers, _modifier) if result.intensifiers else "[]"
    conditions = _listed(result.conditions, _modifier) if result.conditions else "[]"
    flags = _listed(result.flags, _modifier) if result.flags else "[]"
    instrument_json = "null" if instrument is None else _string(instrument)
    return (  # an f-string: a %-template's text would be parsed again for every result
        f'"text": {_string(result.text)}, "tier": {tier_json}, '
        f'"tier_name": {_TIER_NAMES.get(tier, "null")}, "tier_range": {range_json}, '
        f'"polarity": {_string(result.polarity)}, "score": {_number(result.score)}, '
        f'"terms": {terms}, "hedges": {hedges}, "intensifiers": {intensifiers}, '
        f'"conditions": {conditions}, "flags": {flags}, "language": {_string(result.language)}, '
        f'"language_detected": {_BOOLEAN[result.language_detected]}, '
        f'"instrument": {instrument_json}, "explanation": {_string(result.explanation)}'
    )


def change_json(change: StrengthChange) -> str:
    """``StrengthChange.to_json`` without its ``schema_version``, as the ``json`` module
    writes it: the strength of a diff report's unit (one per changed article of a long
    report, each with both sides' results)."""
    changes = _listed(change.term_changes, _term_change) if change.term_changes else "[]"
    return (
        f'{{"before": {{{result_fields_json(change.before)}}}, '
        f'"after": {{{result_fields_json(change.after)}}}, "term_changes": {changes}, '
        f'"verdict": {_string(change.verdict)}, '
        f'"polarity_change": {_BOOLEAN[change.polarity_change]}, '
        f'"explanation": {_string(change.explanation)}}}'
    )


def _term_change(c: TermChange) -> str:
    before = "null" if c.before is None else _term(c.before)
    after = "null" if c.after is None else _term(c.after)
    return f'{{"kind": {_string(c.kind)}, "before": {before}, "after": {after}}}'


_TERM_REST = (
    '"category": %s, "tier": %d, "negated": %s, "rule": %s, "polarity": %s, '
    '"effective_tier": %d, "main": %s, "reason": %s}'
)
_MODIFIER_REST = '"rule": %s, "kind": %s, "counted": %s}'
_RESTS: dict[tuple[Any, ...], str] = {}
"""The JSON after the span of each term or modifier seen (its fields but the text and
offsets, which few of them share): a batch writes the same few thousand again and again."""
_BOOLEAN = ("false", "true")
_TIER_NAMES = {tier: _string(name) for tier, name in TIER_NAMES.items()}
_ENCODER = json.JSONEncoder(ensure_ascii=False)
"""What ``json.dumps(value, ensure_ascii=False)`` uses, for the values with no template."""


def _scalar(value: Any) -> str:
    """A caller's id as JSON: a string or an integer directly, anything else by the encoder."""
    if type(value) is str:
        return _string(value)
    return f"{value:d}" if type(value) is int else _ENCODER.encode(value)


def _number(value: float) -> str:
    """A finite float as the ``json`` module writes it (``float.__repr__``)."""
    return repr(value) if type(value) is float and value - value == 0 else _ENCODER.encode(value)


def _listed(items: Sequence[Any], one: Callable[[Any], str]) -> str:
    """A JSON array of ``items`` (at least one), each written by ``one``."""
    return "[" + ", ".join(map(one, items)) + "]"


def _term(t: Term) -> str:
    fields = (t.category, t.tier, t.negated, t.rule, t.polarity, t.effective_tier, t.main, t.reason)
    rest = _RESTS.get(fields)
    if rest is None:
        category, rule, polarity, reason = map(_string, (t.category, t.rule, t.polarity, t.reason))
        negated, main = _BOOLEAN[t.negated], _BOOLEAN[t.main]
        values = (category, t.tier, negated, rule, polarity, t.effective_tier, main, reason)
        rest = _remember(fields, _TERM_REST % values)
    return f'{{"text": {_string(t.text)}, "start": {t.start}, "end": {t.end}, {rest}'


def _modifier(m: Modifier) -> str:
    fields = (m.rule, m.kind, m.counted)
    rest = _RESTS.get(fields)
    if rest is None:
        rest = _remember(
            fields, _MODIFIER_REST % (_string(m.rule), _string(m.kind), _BOOLEAN[m.counted])
        )
    return f'{{"text": {_string(m.text)}, "start": {m.start}, "end": {m.end}, {rest}'


def _remember(fields: tuple[Any, ...], rest: str) -> str:
    if len(_RESTS) >= 100_000:  # a bound, never reached by the shipped lexicons
        _RESTS.clear()
    _RESTS[fields] = rest
    return rest


def render_text(result: StrengthResult, color: bool, explain: bool = False) -> str:
    """The clause with its terms marked, one line per finding, then the explanation;
    ``explain`` adds the rule passes that fired, in the order they ran."""

    def style(text: str, kind: str) -> str:
        return click.style(text, **_STYLES[kind]) if color else text

    if result.tier is not None:
        head = f"tier {result.tier} ({TIER_NAMES[result.tier]})"
    else:
        low, high = result.tier_range or (0, 0)
        head = f"tier {low}-{high} (unresolved bracketed options)"
    lines = [
        f"{style(head, 'main')}, {result.polarity}, score {result.score:g}"
        f"  [{result.language}, {result.instrument or 'instrument not given'}]",
        "",
        "  " + _marked(result, style),
        "",
    ]
    for term in result.terms:
        flags = [f"{term.effective_tier}", term.category]
        if term.negated:
            flags.append("negated")
        flags.append(term.polarity)
        kind = "main" if term.main else "term"
        lines.append(
            f"  {style(term.text, kind)}  ({', '.join(flags)}; rule {term.rule})"
            + (f"  {term.reason}" if term.reason else "")
        )
    for label, items in (
        ("hedge", result.hedges),
        ("intensifier", result.intensifiers),
        ("condition", result.conditions),
    ):
        for item in items:
            note = "" if item.counted or label == "condition" else " (not counted)"
            lines.append(f"  {label}: {style(item.text, label)}{note}")
    for flag in result.flags:
        lines.append(f"  flag ({flag.kind}, {flag.rule}): {flag.text}")
    lines.append("")
    lines.append(result.explanation)
    if explain:
        fired = " → ".join(result.passes) if result.passes else "none (no term found)"
        lines.append(f"passes fired: {fired}")
    return "\n".join(lines) + "\n"


def _marked(result: StrengthResult, style: Callable[[str, str], str]) -> str:
    """The clause text with each term in brackets (and colour when asked)."""
    text = result.text
    # a bracketed draft already uses [ ]: mark terms with « » there
    opening, closing = ("«", "»") if "[" in text else ("[", "]")
    spans = sorted((t.start, t.end, "main" if t.main else "term") for t in result.terms)
    pieces: list[str] = []
    cursor = 0
    for start, end, kind in spans:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        pieces.append(style(f"{opening}{text[start:end]}{closing}", kind))
        cursor = end
    pieces.append(text[cursor:])
    return " ".join("".join(pieces).split())
