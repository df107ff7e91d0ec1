"""Validate clause and document files: the XSD, then the cross-field checks, every problem.

One entry point per granularity: bytes (``validate_bytes``), a file or folder
(``validate_path``), many paths (``validate_paths``). Each returns every problem found as a
``Problem`` (``path:line:column: message``) in file order; nothing is raised for a file that
is merely invalid, malformed or hostile. Only a path that does not exist or cannot be read
raises ``InputError`` (the command line's usage error).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from drafting.errors import InputError, Problem
from drafting.formats import source
from drafting.formats.checks import check_clause
from drafting.formats.namespaces import CLAUSE_NS, DOCUMENT_NS, DRAFTING_NAMESPACES, XML_NS
from drafting.formats.sourcepos import LINE_CAP, SourceColumns
from drafting.formats.xmlsafe import XMLInputError, clean_message, make_parser, parse_xml
from drafting.resources import schema_path

KINDS: dict[str, str] = {CLAUSE_NS: "clause", DOCUMENT_NS: "document"}
"""Root namespace → kind of file (also the root element's local name)."""

SCHEMAS: dict[str, str] = {"clause": "clause.xsd", "document": "document.xsd"}
"""Kind of file → its XSD in ``schemas/``."""

_KEYREF_MESSAGES: dict[str, str] = {
    "draft-party": "unknown party '{value}' (not declared in <meta>)",
    "amendment-party": "unknown party '{value}' (not declared in <meta>)",
    "draft-source": "unknown source '{value}' (not declared in <meta>)",
    "draft-supersedes": "supersedes names no draft of this clause: '{value}'",
    "draft-respondsTo": "respondsTo names no draft of this clause: '{value}'",
    "amendment-target": "target names no draft of this clause: '{value}'",
    "amendment-result": "result names no draft of this clause: '{value}'",
}
"""XSD keyref name → message for a value that matches no key."""

_KEY_MESSAGES: dict[str, str] = {
    "party-id": "duplicate party id '{value}'",
    "source-id": "duplicate source id '{value}'",
    "draft-id": "duplicate draft id '{value}'",
    "amendment-id": "duplicate amendment id '{value}'",
    "sentence-id": "duplicate sentence id '{value}' in this draft",
    "element-id": "duplicate id '{value}' in this document",
}
"""XSD key/unique name → message for a repeated value."""

_KEYREF = re.compile(
    r"^Element '(?:\{[^}]*\})?(?P<element>[^']*)': "
    r"No match found for key-sequence \['(?P<value>.*)'\] "
    r"of keyref '(?:\{[^}]*\})?(?P<name>[^']+)'\.?$"
)
_DUPLICATE = re.compile(
    r"^Element '[^']*': Duplicate key-sequence \['(?P<value>.*)'\] "
    r"in (?:key|unique) identity-constraint '(?:\{[^}]*\})?(?P<name>[^']+)'\.?$"
)
_KEYREF_ATTRIBUTES: dict[str, str] = {
    "draft-party": "party",
    "amendment-party": "party",
    "draft-source": "source",
    "draft-supersedes": "supersedes",
    "draft-respondsTo": "respondsTo",
    "amendment-target": "target",
    "amendment-result": "result",
}
"""XSD keyref name → the attribute holding the dangling value (for its column)."""

_WHERE = re.compile(
    r"^Element '(?:\{[^}]*\})?(?P<element>[^']+)'"
    r"(?:, attribute '(?:\{(?P<ns>[^}]*)\})?(?P<attribute>[^']+)')?:"
)
_NAMESPACE = re.compile("|".join(re.escape(f"{{{ns}}}") for ns in DRAFTING_NAMESPACES))
_XML_NAMESPACE = re.compile(re.escape(f"{{{XML_NS}}}"))


@dataclass(frozen=True)
class FileReport:
    """The outcome for one file. ``readable`` is False when it could not be parsed at all
    (too large, malformed, hostile): the command line then exits 2 rather than 1."""

    path: str
    problems: tuple[Problem, ...]
    readable: bool = True
    kind: str | None = None

    @property
    def valid(self) -> bool:
        return self.readable and not self.problems


@cache
def load_schema(kind: str) -> etree.XMLSchema:
    """The compiled XSD for ``"clause"`` or ``"document"`` (read with the hardened parser)."""
    tree = etree.parse(str(schema_path(SCHEMAS[kind])), make_parser())
    return etree.XMLSchema(tree)


def kind_of(root: etree._Element) -> str | None:
    """``"clause"``, ``"document"`` or None, from the root element's namespace and name."""
    qname = etree.QName(root)
    found = KINDS.get(qname.namespace or "")
    return found if found == qname.localname else None


def schema_message(message: str, owner: str | None = None) -> str:
    """A libxml2 schema message, made short and friendly (namespaces out, keyrefs named).

    ``owner`` is the id of the element the message is about, to name it in key messages.
    """
    text = message.strip()
    for pattern, table in ((_KEYREF, _KEYREF_MESSAGES), (_DUPLICATE, _KEY_MESSAGES)):
        match = pattern.match(text)
        if match and match["name"] in table:
            friendly = table[match["name"]].format(value=match["value"])
            if owner and pattern is _KEYREF:
                return f"{match['element']} '{owner}': {friendly}"
            return friendly
    text = _XML_NAMESPACE.sub("xml:", _NAMESPACE.sub("", text))
    return clean_message(text, limit=300)


_VALUE = re.compile(r"[Tt]he value '(?P<a>[^']*)'|: '(?P<b>[^']*)' is not a valid value")


def _schema_problems(
    log: etree._ListErrorLog, root: etree._Element, name: str, columns: SourceColumns
) -> list[Problem]:
    """Schema errors as problems, without libxml2's echoes of an error already reported.

    An attribute that fails its type (an id with a space) is followed by identity-constraint
    noise on the same line ("No precomputed value", "Not all fields of key …"): drop those.
    Where the element meant can be told (by line, name and value) it is named by its id and
    located by its own line and column — also beyond line 65,535, where libxml2 stops counting.
    """
    errors = list(log)
    lines_with_type_errors = {e.line for e in errors if not _is_echo(e.message)}
    # (element name, line) → the elements there; line LINE_CAP also gathers every line beyond
    at: dict[tuple[str, int], list[etree._Element]] = {}
    for element in root.iter("*"):
        local, line = etree.QName(element).localname, element.sourceline or 0
        at.setdefault((local, line), []).append(element)
        if line > LINE_CAP:
            at.setdefault((local, LINE_CAP), []).append(element)
    problems = []
    by_value: dict[tuple[int, str], dict[str | None, list[etree._Element]]] = {}
    for error in errors:
        if _is_echo(error.message) and error.line in lines_with_type_errors:
            continue
        text = error.message.strip()
        keyref, duplicate, where = _KEYREF.match(text), _DUPLICATE.match(text), _WHERE.match(text)
        line, column, owner = max(error.line, 1), max(error.column, 1), None
        if where and error.column <= 0:
            attribute = where["attribute"]
            if attribute and where["ns"] == XML_NS:
                attribute = f"xml:{attribute}"
            value = None
            if keyref or duplicate:
                attribute = _KEYREF_ATTRIBUTES.get(keyref["name"]) if keyref else "id"
                value = (keyref or duplicate)["value"]  # type: ignore[index]
            elif attribute and (found := _VALUE.search(text)):
                value = found["a"] if found["a"] is not None else found["b"]
            candidates = at.get((where["element"], error.line), [])
            element = _culprit(candidates, attribute, value, by_value)
            if element is not None:
                line, column = columns.locate(element, attribute)
                owner = element.get("id")
            else:
                column = columns.column(error.line, where["element"], attribute)
        message = schema_message(text, owner if keyref else None)
        if error.line == LINE_CAP and line == error.line:
            message += f" (at or after line {LINE_CAP:,}: libxml2 counts no further)"
        problems.append(Problem(name, line, column, message))
    return problems


def _culprit(
    candidates: list[etree._Element],
    attribute: str | None,
    value: str | None,
    by_value: dict[tuple[int, str], dict[str | None, list[etree._Element]]],
) -> etree._Element | None:
    """The one element of those on the error's line that it is about, or None when it cannot
    be told (libxml2 stops counting at line 65,535 for some errors: then every element beyond
    is a candidate). ``by_value`` indexes each candidate list by attribute value once, so
    thousands of errors on one minified line cost linear time, not quadratic."""
    found = candidates
    if len(found) > 1 and attribute and value is not None:
        key = (id(candidates), attribute)
        index = by_value.get(key)
        if index is None:
            index = by_value[key] = {}
            for element in candidates:
                index.setdefault(element.get(attribute), []).append(element)
        found = index.get(value, [])
    return found[0] if len(found) == 1 else None


def _is_echo(message: str) -> bool:
    return "No precomputed value available" in message or "Not all fields of key" in message


def validate_tree(tree: etree._ElementTree, name: str, data: bytes | None = None) -> list[Problem]:
    """Every schema and cross-field problem of a parsed clause or document.

    ``data``, the bytes the tree was parsed from, lets problems carry real columns.
    """
    root = tree.getroot()
    columns = SourceColumns(data, tree.docinfo.encoding)
    kind = kind_of(root)
    if kind is None:
        return [
            Problem(
                name,
                *columns.locate(root),
                f"root element must be <clause> in namespace {CLAUSE_NS} or "
                f"<document> in namespace {DOCUMENT_NS}",
            )
        ]
    duplicates = _duplicate_ids(root, kind)
    if len(duplicates) > MAX_DUPLICATES:
        # libxml2 reports duplicate keys in time that grows with their square (8,000 took
        # 23 s, 32,000 take minutes): past a few, report ours and skip the schema
        shown = [
            Problem(name, *columns.locate(element, "id"), message)
            for element, message in duplicates[:MAX_DUPLICATES]
        ]
        last = duplicates[MAX_DUPLICATES][0]
        more = len(duplicates) - MAX_DUPLICATES
        shown.append(
            Problem(
                name,
                *columns.locate(last, "id"),
                f"and {more:,} more duplicate ids: the file was not checked further "
                "(fix these first)",
            )
        )
        return sorted(shown, key=lambda p: (p.line, p.column))
    schema = load_schema(kind)
    problems: list[Problem] = []
    if not schema.validate(tree):
        problems.extend(_schema_problems(schema.error_log, root, name, columns))
    if kind == "clause":
        problems.extend(
            Problem(
                name,
                *columns.locate(finding.element, finding.attribute),
                clean_message(finding.message, limit=400),
            )
            for finding in check_clause(root)
        )
    return sorted(problems, key=lambda p: (p.line, p.column))


MAX_DUPLICATES = 100
"""Past this many duplicate ids a file is not schema-validated (see ``validate_tree``)."""

_KEY_OF = {
    "party": "party-id",
    "source": "source-id",
    "draft": "draft-id",
    "amendment": "amendment-id",
}


def _duplicate_ids(root: etree._Element, kind: str) -> list[tuple[etree._Element, str]]:
    """Every repeated id, in one pass: (the repeat, the schema's message for it). Scopes as
    in the XSD: sentence ids per draft, the others per clause; any id per document."""
    seen: set[tuple[object, str, str]] = set()
    found: list[tuple[etree._Element, str]] = []
    for element in root.iter("*"):
        value = element.get("id")
        if value is None or element is root:
            continue
        local = etree.QName(element).localname
        if kind == "document":
            scope, key = root, "element-id"
        elif local == "s":
            scope, key = element.getparent(), "sentence-id"
        elif local in _KEY_OF:
            scope, key = root, _KEY_OF[local]
        else:
            continue
        marker = (id(scope), key, value)
        if marker in seen:
            found.append((element, _KEY_MESSAGES[key].format(value=value)))
        else:
            seen.add(marker)
    return found


def hidden_problems(root: etree._Element, name: str, columns: SourceColumns) -> list[Problem]:
    """Hidden and look-alike characters in sentences and titles (``drafting.text.hidden``):
    a zero-width character, a bidi control or a mixed-script word is a problem, placed at
    its element and named by its character position in the element's text."""
    from drafting.text.hidden import escape_invisible, find_hidden  # start-up time

    problems = []
    for element in root.iter("{*}s", "{*}title", "{*}heading"):
        text = "".join(element.itertext())
        if text.isascii() and text.isprintable():
            continue
        where = etree.QName(element).localname
        owner = element.get("id")
        label = f"<{where}> '{owner}'" if owner else f"<{where}>"
        for item in find_hidden(text):
            problems.append(
                Problem(
                    name,
                    *columns.locate(element),
                    clean_message(f"{label}: {escape_invisible(item.describe())}", limit=400),
                )
            )
    return problems


def validate_bytes(
    data: bytes, name: str, *, max_bytes: int | None = None, hidden: bool = False
) -> FileReport:
    """Parse (hardened) and validate; a parse failure is the file's single problem.

    ``hidden``: also report hidden and look-alike characters (``drafting validate`` does).
    They are not part of ``validate_tree``, so a file that has one still loads: ``diff``
    must show such a change (exit 1), not refuse the file.
    """
    try:
        tree = parse_xml(data, name, max_bytes=max_bytes)
    except XMLInputError as error:
        problem = Problem(name, error.line, error.column, error.detail)
        return FileReport(name, (problem,), readable=False)
    problems = validate_tree(tree, name, data)
    if hidden:
        columns = SourceColumns(data, tree.docinfo.encoding)
        problems.extend(hidden_problems(tree.getroot(), name, columns))
        problems.sort(key=lambda p: (p.line, p.column))
    problems = tuple(problems)
    return FileReport(name, problems, kind=kind_of(tree.getroot()))


def check_file(
    path: str | os.PathLike[str], *, max_bytes: int | None = None, hidden: bool = True
) -> FileReport:
    """Validate one file, hidden characters included (what ``drafting validate`` reports).
    Raises InputError only if it cannot be read at all (missing, not a regular file); a
    file over the size cap is its own single problem."""
    name = os.fspath(path)
    try:
        data = source.read_bytes(name, max_bytes=max_bytes)
    except source.InputTooLarge as error:
        return FileReport(name, (Problem(name, 1, 1, error.detail),), readable=False)
    return validate_bytes(data, name, max_bytes=max_bytes, hidden=hidden)


def xml_files(path: str | os.PathLike[str]) -> list[Path]:
    """The file itself, or every ``*.xml`` below a folder (hidden folders skipped), sorted.

    Raises InputError for a path that does not exist.
    """
    root = Path(path)
    if root.is_dir():
        found = [
            candidate
            for candidate in root.rglob("*.xml")
            if candidate.is_file()
            and not any(part.startswith(".") for part in candidate.relative_to(root).parts)
        ]
        return sorted(found, key=lambda p: p.as_posix())
    if not root.exists():
        raise InputError(f"{os.fspath(path)}: no such file or folder")
    return [root]


def check_path(path: str | os.PathLike[str]) -> list[FileReport]:
    """A report for every file at ``path`` (a file, or a folder searched for ``*.xml``)."""
    return [check_file(file) for file in xml_files(path)]


def validate_path(path: str | os.PathLike[str]) -> list[Problem]:
    """Every problem in a file, or in every ``*.xml`` below a folder (sorted by path).

    Malformed or hostile XML is a problem of its file; a missing or unreadable path raises
    InputError.
    """
    return [problem for report in check_path(path) for problem in report.problems]


def validate_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """``validate_path`` over several paths, in the order given."""
    return [problem for path in paths for problem in validate_path(path)]
