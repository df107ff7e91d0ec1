"""Resolve what the user named on the command line into the sides of a diff.

One function, ``load_side``, turns one input spec into a ``Side``:

- any file: read by the one bounded bytes reader (``drafting.formats.source``: regular files
  only, capped in size) and turned into a model value by the reader the readers registry
  (``drafting.formats.readers``) picks from its content. ``FILE.txt`` / ``FILE.md``: plain
  text imported on the fly; offsets are those of the file as read (UTF-8, a byte-order mark
  dropped);
- ``FILE.xml`` holding a document: offsets refer to its plain-text rendering (docs/diff.md);
- ``FILE.xml#DRAFT_ID``: that draft of a clause file; without ``#DRAFT_ID`` its most recent;
- ``-``: standard input, XML if it starts with ``<``, plain text otherwise;
- ``REV:PATH`` (``HEAD~1:texts/x.xml``, ``:x.xml`` for the index): that version from git.

``load_pair`` handles the one-argument form: a clause file alone compares its two most recent
drafts and says which. Every failure is an ``InputError`` with the file named.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, BinaryIO

from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import Mapper, diff
from drafting.diff.sides import (
    Side,
    side_from_document,
    side_from_draft,
    side_from_spans,
    side_from_text,
)
from drafting.errors import InputError
from drafting.formats import readers, source
from drafting.formats.plaintext import import_spans
from drafting.model import frozen_value

if TYPE_CHECKING:
    from drafting.diff.positions import NamedDraft
    from drafting.model import Clause, Document, Draft


@frozen_value()
class SideOptions:
    """Per-side settings for plain-text inputs (XML carries its own)."""

    language: str | None = None
    instrument: str | None = None


def _read(path: str, stdin: BinaryIO | None) -> bytes:
    """The bytes of one input through the one bounded reader (``drafting.formats.source``):
    a file, standard input, or a ``REV:PATH`` blob from git (capped the same way)."""
    if path != "-" and ":" in path and not os.path.exists(path):  # REV:PATH (docs/git.md)
        from drafting.git.repo import read_rev_path, split_rev_path  # start-up time

        if split_rev_path(path) is not None:
            return source.check_size(read_rev_path(path)[0], path)
        rev = path.partition(":")[0]
        if rev and not os.path.exists(rev) and "/" not in rev:
            raise InputError(f"{path}: no such file, and {rev!r} is not a git revision here")
    return source.read_bytes(path, stdin=stdin)


def _load(path: str, data: bytes, options: SideOptions) -> readers.Loaded:
    """The model of one input's bytes, through the readers registry (content decides)."""
    name = source.display_name(path)
    read_options = readers.ReadOptions(language=options.language, instrument=options.instrument)
    return readers.read(data, name, read_options)


def _drafts_by_recency(clause: Clause) -> list[Draft]:
    """Oldest first: by date, a later draft in the file winning a tie."""
    order = sorted(range(len(clause.drafts)), key=lambda i: (clause.drafts[i].date or "", i))
    return [clause.drafts[i] for i in order]


def _pick_draft(clause: Clause, path: str, draft_id: str | None) -> Draft:
    if draft_id is not None:
        found = clause.draft(draft_id)
        if found is None:
            known = ", ".join(d.id for d in clause.drafts) or "none"
            raise InputError(f"{path}: no draft {draft_id!r} (drafts: {known})")
        return found
    if not clause.drafts:
        raise InputError(f"{path}: the clause has no drafts")
    return _drafts_by_recency(clause)[-1]


def split_spec(spec: str) -> tuple[str, str | None]:
    """``FILE#DRAFT`` → (FILE, DRAFT); a ``#`` in an existing file's name is kept."""
    if "#" in spec and not os.path.exists(spec):
        path, _, draft = spec.rpartition("#")
        return path, draft or None
    return spec, None


def load_value(path: str, *, options: SideOptions | None = None) -> Clause | Document:
    """The model value in one file (or ``-``): a clause or document from XML, a ``Document``
    imported from plain text or Markdown."""
    return _load(path, _read(path, None), options or SideOptions()).value


def draft_author(spec: str) -> tuple[str | None, str | None]:
    """(party name, date) of the clause draft a side was read from (``FILE.xml#DRAFT``, as
    the side's name says): the author and date of a Word redline's revisions. (None, None)
    for any other input, or when the file cannot be read again."""
    from drafting.model import Clause  # start-up time: see drafting.model

    path, draft_id = split_spec(spec)
    if draft_id is None or not path.lower().endswith(".xml"):
        return None, None
    try:
        value = load_value(path)
    except InputError:
        return None, None
    draft = value.draft(draft_id) if isinstance(value, Clause) else None
    if not isinstance(value, Clause) or draft is None:
        return None, None
    party = next((p.name for p in value.parties if p.id == draft.party), None)
    return party or draft.party, draft.date


def load_side(
    spec: str,
    *,
    options: SideOptions | None = None,
    stdin: BinaryIO | None = None,
    notes: list[str] | None = None,
) -> Side:
    """Read one input spec (see the module docstring) into a side of a diff.

    ``notes`` receives a line for the user when a choice was made for them (which draft).
    """
    options = options or SideOptions()
    path, draft_id = split_spec(spec)
    data = _read(path, stdin)
    if draft_id is None:
        side = _text_side(path, data, spec, options)
        if side is not None:
            return side
    from drafting.model import Document  # start-up time: see drafting.model

    loaded = _load(path, data, options)
    if loaded.text is None:
        parsed = loaded.value
        if isinstance(parsed, Document):
            if draft_id is not None:
                raise InputError(f"{path}: a document has no drafts; drop '#{draft_id}'")
            return side_from_document(parsed, name=spec)
        draft = _pick_draft(parsed, path, draft_id)
        if draft_id is None and notes is not None:
            notes.append(f"{path}: using its most recent draft {draft.id!r}")
        return side_from_draft(draft, name=f"{path}#{draft.id}")
    if draft_id is not None and os.path.exists(path):
        raise InputError(f"{path}: only clause files have drafts; drop '#{draft_id}'")
    if not isinstance(loaded.value, Document):  # a text reader always gives a document
        raise InputError(f"{path}: read as {loaded.reader}, but no document came of it")
    side = side_from_text(loaded.text, loaded.value, name=spec)
    # the instrument only when the user said it: the importer's default is not a fact
    return replace(side, info=replace(side.info, instrument=options.instrument))


_TEXT_READERS = ("text", "markdown")
"""The readers that import a file's own text with ``import_text`` as it is (other prose
readers first make the text out of Word, PDF or HTML)."""


def _text_side(path: str, data: bytes, spec: str, options: SideOptions) -> Side | None:
    """The side of a plain-text or Markdown input, from the importer's spans and ids
    (``import_spans``) without the document ``import_text`` makes (the side needs only
    them): the same side as through the readers registry. None for any other input (the
    registry picks its reader by content), and for a text with a paragraph over the
    one-sentence cap (the reader then says which sentence is too long, if one is)."""
    name = source.display_name(path)
    if readers.pick(data, name).name not in _TEXT_READERS:
        return None
    text = source.decode_text(data, name)
    found = import_spans(text, language=options.language)
    if found.longest > source.MAX_TEXT_CHARS:
        return None
    # the instrument only when the user said it: the importer's default is not a fact
    return side_from_spans(
        text,
        found.preamble,
        found.articles,
        name=spec,
        language=found.language,
        instrument=options.instrument,
    )


def load_pair(
    specs: Sequence[str],
    *,
    options_a: SideOptions | None = None,
    options_b: SideOptions | None = None,
    stdin: BinaryIO | None = None,
    notes: list[str] | None = None,
    mapper: Mapper | None = None,
    also: Callable[[Side], Any] | None = None,
    made: list[Any] | None = None,
    meanwhile: Callable[[], Any] | None = None,
) -> tuple[Side, Side]:
    """The two sides named by one or two specs. One spec must be a clause file: its two most
    recent drafts are compared (older as A), and ``notes`` says which. ``mapper`` (see
    ``drafting.diff.pipeline.Mapper``) may load two files side by side.

    ``made`` receives ``also(side)`` of each side, A's then B's, made where the side is
    loaded: with a mapper that loads two files side by side, in the process that loads it
    (the command line scans each side for hidden characters and works out what the diff
    needs of it alone this way).

    ``meanwhile()`` is work this process needs later (imports): with a mapper that loads two
    files side by side, the mapper's first job, which ``drafting.cli.common.fork_map`` does
    in this process while another loads a file; else done first."""
    two_files = len(specs) == 2 and mapper is not None and "-" not in specs
    if meanwhile is not None and not two_files:
        meanwhile()
    if len(specs) == 2:
        if specs[0] == "-" and specs[1] == "-":
            raise InputError("standard input can be only one of the two sides")
        if mapper is not None and two_files:
            jobs: list[Any] = [(specs[0], options_a, also), (specs[1], options_b, also)]
            weights = [_file_size(spec) for spec in specs]
            if meanwhile is not None:
                jobs.insert(0, meanwhile)
                weights.insert(0, 1)
            found = mapper(_load_job, jobs, weights)[-2:]
            for _, said, _ in found:
                if notes is not None:
                    notes.extend(said)
            if made is not None and also is not None:
                made += (found[0][2], found[1][2])
            return found[0][0], found[1][0]
        sides = (
            load_side(specs[0], options=options_a, stdin=stdin, notes=notes),
            load_side(specs[1], options=options_b, stdin=stdin, notes=notes),
        )
        return _also(also, sides, made)
    if len(specs) != 1:
        raise InputError(f"expected one clause file or two inputs, got {len(specs)}")
    from drafting.model import Clause  # start-up time: see drafting.model

    path, draft_id = split_spec(specs[0])
    loaded = _load(path, _read(path, stdin), SideOptions())
    parsed = loaded.value if loaded.text is None else None
    if not isinstance(parsed, Clause) or draft_id is not None:
        raise InputError(
            f"{specs[0]}: a single input must be a clause file (its two most recent drafts "
            "are compared); give two inputs otherwise"
        )
    drafts = _drafts_by_recency(parsed)
    if len(drafts) < 2:
        raise InputError(f"{path}: the clause has {len(drafts)} draft(s); two are needed")
    older, newer = drafts[-2], drafts[-1]
    if notes is not None:
        notes.append(
            f"{path}: comparing its two most recent drafts {older.id!r} ({older.date}) "
            f"and {newer.id!r} ({newer.date})"
        )
    sides = (
        side_from_draft(older, name=f"{path}#{older.id}"),
        side_from_draft(newer, name=f"{path}#{newer.id}"),
    )
    return _also(also, sides, made)


def _also(
    also: Callable[[Side], Any] | None, sides: tuple[Side, Side], made: list[Any] | None
) -> tuple[Side, Side]:
    """The sides, after ``made`` received ``also`` of each (loaded here, one after the
    other)."""
    if made is not None and also is not None:
        made += (also(sides[0]), also(sides[1]))
    return sides


def _load_job(
    job: tuple[str, SideOptions | None, Callable[[Side], Any] | None] | Callable[[], Any],
) -> Any:
    """``load_side`` of one spec, with the notes it made and what ``also`` makes of the side
    (a mapper may run it elsewhere); or ``load_pair``'s ``meanwhile``."""
    if callable(job):
        job()
        return None
    notes: list[str] = []
    side = load_side(job[0], options=job[1], notes=notes)
    return side, notes, job[2](side) if job[2] is not None else None


def _file_size(spec: str) -> int:
    """The size of the file a spec names (0 when it names no file: a git revision)."""
    path = split_spec(spec)[0]
    return os.path.getsize(path) if os.path.isfile(path) else 0


def side_from_string(text: str, *, name: str = "text", language: str | None = None) -> Side:
    """Plain text given directly, imported as a ``.txt`` file would be (offsets: ``text``);
    no instrument, as for a file: the importer's default is not a fact."""
    found = import_spans(text, language=language)
    return side_from_spans(
        text, found.preamble, found.articles, name=name, language=found.language, instrument=None
    )


def diff_texts(
    a: str | Document | Draft,
    b: str | Document | Draft,
    options: DiffOptions | None = None,
    *,
    language_a: str | None = None,
    language_b: str | None = None,
) -> dict[str, Any]:
    """Compare two texts (plain text, a ``Document`` or a clause ``Draft``) and return the
    report as plain data, exactly as ``drafting diff --format json`` prints it (without
    strength). Plain text is imported here, at the edge, then handed to the core."""
    side_a = side_from_string(a, name="a", language=language_a) if isinstance(a, str) else a
    side_b = side_from_string(b, name="b", language=language_b) if isinstance(b, str) else b
    return diff(side_a, side_b, options)


def load_clause(path: str) -> Clause:
    """The clause in one XML file (or ``-``); a document or plain text is refused by name."""
    from drafting.model import Clause  # start-up time: see drafting.model

    value = load_value(path)
    if not isinstance(value, Clause):
        raise InputError(f"{path}: not a clause file (a <clause> with drafts is needed)")
    return value


def load_named_draft(name: str, spec: str, *, options: SideOptions | None = None) -> NamedDraft:
    """One ``--party NAME=FILE`` position: a clause draft (``FILE.xml#DRAFT``, else its most
    recent), a document XML or a plain-text file, as a draft named ``name``."""
    from drafting.diff.positions import NamedDraft  # start-up time: only positions needs it
    from drafting.model import Clause, Draft  # start-up time: see drafting.model

    options = options or SideOptions()
    path, draft_id = split_spec(spec)
    value = load_value(path, options=options)
    if isinstance(value, Clause):
        draft = _pick_draft(value, path, draft_id)
        source = next((s for s in value.sources if s.id == draft.source), None)
        return NamedDraft(name, draft, source)
    if draft_id is not None:
        raise InputError(f"{path}: only clause files have drafts; drop '#{draft_id}'")
    sentences = value.sentences
    if not sentences:
        raise InputError(f"{path}: no sentences found")
    draft = Draft(
        id=name,
        party=value.party or name,
        status="proposed",
        date=value.date or "",
        language=options.language or value.language,
        instrument=options.instrument or value.instrument,
        sentences=sentences,
    )
    return NamedDraft(name, draft, value.source)
