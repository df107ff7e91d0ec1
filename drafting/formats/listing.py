"""What ``drafting ls`` lists: the drafts, amendments, parties, statuses and tiers of a clause
file, or an index of every clause and document file in a folder. Read here (the edge), graded
by the core's strength analyser, rendered by ``drafting.render.listing``."""

from __future__ import annotations

import os

from drafting.errors import DraftingError
from drafting.formats.clausexml import read_xml_file
from drafting.formats.validation import xml_files
from drafting.model import Clause, Draft, DraftEntry, FileEntry, Listing


def _grade(draft: Draft) -> DraftEntry:
    from drafting.strength import analyse  # start-up time: only when drafts are listed

    try:
        result = analyse(draft.text, language=draft.language, instrument=draft.instrument)
    except (DraftingError, ValueError):  # a language without a lexicon: no tier
        return DraftEntry(draft, None, None)
    return DraftEntry(draft, result.tier, result.polarity)


def _entry(path: str, grade: bool) -> FileEntry:
    try:
        value = read_xml_file(path)
    except DraftingError as error:
        return FileEntry(path, None, problem=str(error))
    drafts = tuple(_grade(d) for d in value.drafts) if isinstance(value, Clause) and grade else ()
    return FileEntry(path, value, drafts)


def list_path(path: str | os.PathLike[str]) -> Listing:
    """A file's listing (drafts graded), or a folder's index (every ``*.xml``, not graded)."""
    name = os.fspath(path)
    if os.path.isdir(name):
        files = tuple(_entry(os.fspath(f), grade=False) for f in xml_files(name))
        return Listing(name, True, files)
    return Listing(name, False, (_entry(os.fspath(xml_files(name)[0]), grade=True),))
