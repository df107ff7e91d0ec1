"""What reading one input gives (``Loaded``) and every knob of reading it (``ReadOptions``):
the values of ``drafting.formats.readers``, defined here and imported from there on first use
(``readers.Loaded``, ``from drafting.formats.readers import ReadOptions``). A diff of two
text files only asks the registry which reader an input is for (its sides come from the
importer's spans), and making the two frozen dataclasses was about 8 M instructions at its
start-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafting.model import Clause, Document


@dataclass(frozen=True)
class ReadOptions:
    """Every knob of reading one input. Text formats use ``language``/``instrument`` for the
    document they build; XML carries its own and ignores them."""

    language: str | None = None
    instrument: str | None = None
    doc_id: str = "imported"
    validate: bool = True
    default_instrument: str = "draft-treaty"
    changes: str = "fail"
    """Tracked changes in a Word file: ``accept``, ``reject`` or ``fail`` (refuse, naming
    the first change) — never silently one or the other."""


@dataclass(frozen=True)
class Loaded:
    """What a reader made of one input."""

    value: Clause | Document
    text: str | None
    """The plain text ``value``'s spans refer to (text formats); None for XML."""
    reader: str
    name: str
    notes: tuple[str, ...] = ()
    """Lines for the user about what was left out (tables, images, comments skipped)."""
