"""The public Python API, re-exported by ``drafting`` (documented in ``docs/api.md``).

Each function is the library call behind one command, with the same defaults, so a notebook
and the command line say the same thing:

- ``load(path)``: a clause or document file (any format a reader knows) -> model value;
- ``compare(a, b)``: two wordings -> ``DiffReport`` with strength verdicts (``drafting diff``);
- ``analyse(text)``: one wording -> ``StrengthResult`` (``drafting strength``);
- ``compare_strength(a, b)``: two wordings -> ``StrengthChange``;
- ``validate(path)``: every problem in a file or folder (``drafting validate``);
- ``positions(clause)``: every party's wording against a base -> ``PositionsReport``
  (``drafting positions``); ``timeline(clause)`` -> ``Timeline`` (``--timeline``).

It is an edge module: it may read files, the core below it never does.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from drafting.diff.pipeline import compare as compare_sides
from drafting.diff.sides import Side, side_from_document, side_from_draft
from drafting.diff.verdicts import strength_hook
from drafting.inputs import side_from_string
from drafting.model import Clause, Document, Draft
from drafting.strength import analyse, compare_strength

if TYPE_CHECKING:
    from collections.abc import Sequence

    from drafting.diff.options import DiffOptions
    from drafting.diff.positions import NamedDraft, PositionsOptions, PositionsReport, Timeline
    from drafting.diff.report import DiffReport
    from drafting.errors import Problem

__all__ = ["analyse", "compare", "compare_strength", "load", "positions", "timeline", "validate"]

Wording = str | Draft | Document


def load(path: str | os.PathLike[str]) -> Clause | Document:
    """Read a clause or document file. Plain text and Markdown become a ``Document``.

    ``FILE#DRAFT`` is not taken here: pick a draft with ``clause.draft(id)``.
    """
    from drafting.inputs import load_value  # start-up time: formats load lxml

    return load_value(os.fspath(path))


def _side(value: Wording, name: str) -> Side:
    if isinstance(value, Draft):
        return side_from_draft(value, name=name)
    if isinstance(value, Document):
        return side_from_document(value, name=name)
    return side_from_string(value, name=name)


def compare(
    a: Wording, b: Wording, options: DiffOptions | None = None, *, strength: bool = True
) -> DiffReport:
    """The diff report of two wordings (plain text, a clause ``Draft`` or a ``Document``),
    with strength verdicts unless ``strength=False``. ``report_to_dict`` of the result is what
    ``drafting diff --format json`` prints."""
    hook = strength_hook() if strength else None
    return compare_sides(_side(a, "a"), _side(b, "b"), options, strength=hook)


def validate(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in an XML file, or in every ``*.xml`` below a folder."""
    from drafting.formats.validation import validate_path  # start-up time: lxml schemas

    return validate_path(path)


def positions(
    value: Clause | Sequence[NamedDraft] | str | os.PathLike[str],
    options: PositionsOptions | None = None,
) -> PositionsReport:
    """Every position of a clause (a ``Clause``, a clause file's path, or ``NamedDraft``
    values) against a base, as ``drafting positions`` shows it; ``positions_to_dict`` of the
    result is its JSON."""
    from drafting.diff.positions import positions as build  # start-up time: strength lexicons

    if isinstance(value, str | os.PathLike):
        from drafting.inputs import load_clause  # start-up time: formats load lxml

        value = load_clause(os.fspath(value))
    return build(value, options)


def timeline(
    value: Clause | str | os.PathLike[str], options: PositionsOptions | None = None
) -> Timeline:
    """Every draft of a clause in date order against what it supersedes or responds to."""
    from drafting.diff.positions import timeline as build  # start-up time: strength lexicons

    if isinstance(value, str | os.PathLike):
        from drafting.inputs import load_clause  # start-up time: formats load lxml

        value = load_clause(os.fspath(value))
    return build(value, options)
