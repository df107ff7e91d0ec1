"""The diff report as JSON (``schemas/diff-report.schema.json``): compact, keys in a fixed
order, non-ASCII text kept as is, so the same inputs give byte-identical output.

The text is ``json.dumps(report_to_dict(report), ensure_ascii=False)`` and a newline, written
a unit at a time: without indentation a value is encoded the same wherever it nests. Most of
a long report is its ops (about 6,000 on a 100,000-word pair), so they are written here from
a template per key instead of being built as dicts and walked by the encoder. An offset (an
``int``) goes into a template as ``{n}``, which writes it as the ``json`` module does; a
format spec (``{n:d}``) would be parsed again for every number written."""

from __future__ import annotations

import json as _json
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from drafting.diff.report import (
    DiffReport,
    Op,
    SentenceStrength,
    Unit,
    report_to_dict,
    unit_head,
    unit_tail,
)

if TYPE_CHECKING:
    from drafting.diff.pipeline import Mapper


def render_json(
    report: DiffReport,
    *,
    mapper: Mapper | None = None,
    units: Sequence[str] | None = None,
) -> str:
    """One line of JSON and a newline (the module docstring says why it is byte-stable).

    ``mapper`` (``drafting.diff.pipeline.Mapper``) may encode the units, most of a long
    report, elsewhere; ``units``: their texts made already (``unit_json`` of each unit, as
    ``drafting.diff.pipeline.compare_with(..., also=unit_json)`` gives them, in the process
    that diffed each one). The units' texts are joined into the rest of the report."""
    if units is None and mapper is None:
        units = [unit_json(unit) for unit in report.units]
    elif units is None and mapper is not None:
        units = mapper(unit_json, report.units, [_size(unit) for unit in report.units])
    before, after = _around_units(report, None)
    # one join of all the pieces: the text is megabytes, and each concatenation of a
    # part of it would copy it (into fresh pages) again
    pieces = [before, "["]
    for k, unit in enumerate(units):
        pieces += (", ", unit) if k else (unit,)
    pieces += ("]", after)
    return "".join(pieces)


def render_json_utf8(
    report: DiffReport,
    units: Sequence[bytes],
    *,
    outside_units: Callable[[str], str] | None = None,
) -> bytes:
    """``render_json(report, units=...)`` encoded as UTF-8, from the units' texts encoded
    already (where each was made, as ``units`` of ``render_json``): the encoding of a long
    report's text is done a unit at a time where the units are made, and its bytes are only
    copied here. ``outside_units`` is applied to the text of the report but the units' (the
    command line escapes invisible characters there, ``escape_json``, and in each unit's
    text where it was made: a function of single characters gives the same text on the
    whole report)."""
    before, after = _around_units(report, outside_units)
    pieces = [before.encode(), b"["]
    for k, unit in enumerate(units):
        pieces += (b", ", unit) if k else (unit,)
    pieces += (b"]", after.encode())
    return b"".join(pieces)


def _around_units(
    report: DiffReport, outside_units: Callable[[str], str] | None
) -> tuple[str, str]:
    """The report's text before the items of its units' list (up to its ``[``) and after
    them (from its ``]``), each passed through ``outside_units`` when given."""
    before: list[str] = []
    after: list[str] = []
    pieces = before
    for key, value in report_to_dict(replace(report, units=())).items():
        pieces += (", " if before else "{", _encode(key), ": ")
        if key == "units":
            pieces = after  # report_to_dict always has the key
        else:
            pieces.append(_encode(value))
    after.append("}\n")
    if outside_units is None:
        return "".join(before), "".join(after)
    return outside_units("".join(before)), outside_units("".join(after))


_ENCODER = _json.JSONEncoder(ensure_ascii=False, check_circular=False)
"""``json.dumps(value, ensure_ascii=False)`` builds this encoder for every call. The report's
values are built afresh as plain dicts and lists (``report_to_dict``), never holding
themselves, so the encoder skips its cycle bookkeeping (the text is the same)."""


def _encode(value: object) -> str:
    return _ENCODER.encode(value)


def unit_json(unit: Unit) -> str:
    """A unit's JSON text in the report, ``_encode(unit_to_dict(unit))``: its keys before
    the ops, the ops, the keys after (the strength keys, which come last, from templates:
    most of a long report's JSON but its ops)."""
    ops = ", ".join([_op_json(op) for op in unit.ops])
    text = f'{_head_json(unit)}, "ops": [{ops}]'
    templated = unit.strength is not None and _templated(unit.strength)
    if unit.role is not None or unit.moves or unit.kind == "moved" or not templated:
        tail = unit_tail(unit, strength=not templated)
        if tail:
            text += f", {_encode(tail)[1:-1]}"
    if templated:
        text += ", " + _strength_keys(unit)
    return text + "}"


def _head_json(unit: Unit) -> str:
    """``_encode(unit_head(unit))`` without its closing brace, from a template (every unit
    of a long report has one; the encoder walked a dict built for it)."""
    match = unit.match
    similarity = match.similarity
    if type(similarity) is not float or similarity - similarity != 0:
        return _encode(unit_head(unit))[:-1]  # (not a finite float: as the encoder writes it)
    return (
        f'{{"kind": {encode_basestring(unit.kind)}, "a_label": {_text(unit.a_label)}, '
        f'"b_label": {_text(unit.b_label)}, "a_id": {_text(unit.a_id)}, '
        f'"b_id": {_text(unit.b_id)}, "a_span": {_span(unit.a_span)}, '
        f'"b_span": {_span(unit.b_span)}, "match": {{"method": '
        f'{encode_basestring(match.method)}, "similarity": {similarity!r}}}, '
        f'"renumbered": {_BOOLEAN[unit.renumbered]}, "replaced": {_BOOLEAN[unit.replaced]}'
    )


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _templated(strength: object) -> bool:
    """Whether the strength keys are written from templates: a ``StrengthChange`` (every
    verdict the pipeline makes) is; anything else goes through the encoder."""
    return isinstance(strength, _strength_change())


@cache
def _strength_change() -> type:
    """``StrengthChange``, imported once (an import statement run for every unit costs
    more than the test it serves)."""
    from drafting.strength.result import StrengthChange  # start-up time: loaded by now

    return StrengthChange


@cache
def _change_json() -> Callable[[Any], str]:
    """``render.strength.change_json``, imported once (see ``_strength_change``)."""
    from drafting.render.strength import change_json  # start-up time: graded units only

    return change_json


def _strength_keys(unit: Unit) -> str:
    """``unit_tail``'s strength keys as ``_encode`` writes them inside the unit's object."""
    marks = ", ".join(
        [
            f'{{"side": {encode_basestring(side)}, "start": {start}, "end": {end}}}'
            for side, start, end in unit.strength_marks
        ]
    )
    sentences = ", ".join([_sentence_json(s) for s in unit.strength_sentences])
    return (
        f'"strength": {_change_json()(unit.strength)}, "strength_marks": [{marks}], '
        f'"strength_sentences": [{sentences}]'
    )


def _sentence_json(s: SentenceStrength) -> str:
    change = s.change
    return (
        f'{{"a_span": {_span(s.a_span)}, "b_span": {_span(s.b_span)}, '
        f'"verdict": {encode_basestring(change.verdict)}, '
        f'"polarity_change": {_BOOLEAN[change.polarity_change]}, '
        f'"explanation": {encode_basestring(change.explanation)}, '
        f'"kind": {encode_basestring(s.kind)}, "description": {encode_basestring(s.description)}}}'
    )


def _span(span: tuple[int, int] | None) -> str:
    return "null" if span is None else f"[{span[0]}, {span[1]}]"


_BOOLEAN = ("false", "true")


def _op_json(op: Op) -> str:
    """``_encode(report._op_dict(op))``: the op's kind and text, its offsets when known."""
    a, b = op.a_start, op.b_start
    opening = _OPENINGS.get(op.op)
    if opening is not None and not op.ignored:
        # the common cases, one template each: an equal op (both offsets), a deletion (A's)
        # and an insertion (B's), the kind written once for all
        if b is None:
            if a is not None:
                return f'{opening}{encode_basestring(op.text)}, "a_start": {a}}}'
        elif a is None:
            return f'{opening}{encode_basestring(op.text)}, "b_start": {b}}}'
        else:
            return f'{opening}{encode_basestring(op.text)}, "a_start": {a}, "b_start": {b}}}'
    out = f'{{"op": {encode_basestring(op.op)}, "text": {encode_basestring(op.text)}'
    if a is not None:
        out += f', "a_start": {a}'
    if b is not None:
        out += f', "b_start": {b}'
    return out + (', "ignored": true}' if op.ignored else "}")


_OPENINGS = {kind: f'{{"op": "{kind}", "text": ' for kind in ("equal", "delete", "insert")}
"""An op's JSON up to its text, by kind."""


def _size(unit: Unit) -> int:
    """About how much JSON a unit makes: its text, and a line per op and verdict."""
    return sum(len(op.text) + 60 for op in unit.ops) + 400 * len(unit.strength_sentences)
