"""`drafting validate` and drafting.formats.validation: every invalid file is caught, at its line.

The clause and document below are constructed test inputs, not real texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from support.cli import run_drafting
from support.paths import DATA, REPO

from drafting.errors import InputError
from drafting.formats.clausexml import InvalidFileError, read_clause, read_document
from drafting.formats.validation import check_path, validate_bytes, validate_path, validate_paths
from drafting.resources import schema_path

INVALID = DATA / "invalid"

VALID_CLAUSE = """\
<?xml version="1.0" encoding="UTF-8"?>
<!-- Constructed test input (not a real text) -->
<clause xmlns="urn:drafting:clause:1" id="constructed" schemaVersion="1">
  <meta>
    <title xml:lang="en">Constructed clause for tests</title>
    <party id="a" name="Party A"/>
    <party id="b" name="Party B"/>
    <source id="src" date="2020-01-01">Constructed source</source>
  </meta>
  <draft id="a-1" party="a" status="proposed" date="2020-01-01" xml:lang="en" \
instrument="treaty" source="src">
    <s id="s1">The parties shall consult each other.</s>
    <s id="s2">They may agree on further measures.</s>
  </draft>
  <draft id="b-1" party="b" status="counter-proposal" date="2020-02-01" xml:lang="en" \
instrument="treaty" respondsTo="a-1">
    <s id="s1">The parties <term rule="weak">should</term> consult each other.</s>
  </draft>
  <draft id="a-2" party="a" status="proposed" date="2020-03-01" xml:lang="en" \
instrument="treaty" supersedes="a-1">
    <s id="s1">The parties shall consult each other promptly.</s>
  </draft>
  <amendment id="b-1-a1" party="b" target="a-1" result="b-1" status="proposed" \
date="2020-02-01">
    <substitute at="s1"><old>shall</old><new>should</new></substitute>
    <insert at="s1" position="after"><anchor>each other</anchor><new> promptly</new></insert>
    <insert at="s2" newId="s3"><new>A new sentence.</new></insert>
    <delete at="s2"><old>further </old></delete>
  </amendment>
</clause>
"""

VALID_DOCUMENT = """\
<?xml version="1.0" encoding="UTF-8"?>
<document xmlns="urn:drafting:document:1" id="constructed-doc" schemaVersion="1" party="a" \
date="2020-01-01" xml:lang="en" instrument="draft-treaty">
  <meta>
    <title>Constructed draft treaty for tests</title>
    <source id="src" date="2020-01-01" note="constructed">Nowhere</source>
  </meta>
  <preamble>
    <p id="pre-p1">
      <s id="pre-p1-s1">The Parties, constructed for a test,</s>
    </p>
  </preamble>
  <article id="art-1" num="1" label="Article 1">
    <heading>Consultations</heading>
    <p id="art-1-p1" num="1">
      <s id="art-1-p1-s1">The Parties shall consult.</s>
    </p>
  </article>
</document>
"""

# file → (line and column of the first problem, words its message must contain)
EXPECTED: dict[str, tuple[int, int, str]] = {
    "anchor-not-found.xml": (22, 38, "anchor text not found in sentence 's1' of 'a-1'"),
    "bad-date.xml": (14, 55, "'1 Feb 2020' is not a valid value of the atomic type 'xs:date'"),
    "bad-id.xml": (12, 8, "The value 's 2' is not accepted by the pattern"),
    "bad-instrument.xml": (17, 79, "The value 'pact' is not an element of the set"),
    "bad-status.xml": (14, 29, "The value 'final' is not an element of the set"),
    "dangling-responds-to.xml": (14, 107, "draft 'b-1': respondsTo names no draft of this clause"),
    "dangling-result.xml": (20, 49, "amendment 'b-1-a1': result names no draft of this clause"),
    "dangling-supersedes.xml": (17, 99, "draft 'a-2': supersedes names no draft of this clause"),
    "dangling-target.xml": (20, 36, "amendment 'b-1-a1': target names no draft of this clause"),
    "document-bad-instrument.xml": (3, 124, "The value 'novel' is not an element of the set"),
    "document-duplicate-id.xml": (19, 8, "duplicate id 'art-1-p1' in this document"),
    "document-paragraph-outside-article.xml": (18, 3, "Element 'p': This element is not expected"),
    "draft-without-sentences.xml": (17, 3, "Element 'draft': Missing child element(s)"),
    "duplicate-amendment-id.xml": (24, 14, "duplicate amendment id 'b-1-a1'"),
    "duplicate-draft-id.xml": (17, 10, "duplicate draft id 'b-1'"),
    "duplicate-party-id.xml": (7, 12, "duplicate party id 'a'"),
    "duplicate-sentence-id.xml": (12, 8, "duplicate sentence id 's1' in this draft"),
    "missing-language.xml": (14, 3, "The attribute 'xml:lang' is required but missing"),
    "new-id-taken.xml": (22, 21, "newId 's2' is already a sentence of 'a-1'"),
    "not-well-formed.xml": (12, 55, "Opening and ending tag mismatch"),
    "old-text-ambiguous.xml": (22, 21, "old text occurs 6 times in sentence 's2' of 'a-1'"),
    "old-text-not-found.xml": (21, 25, "old text not found in sentence 's1' of 'a-1'"),
    "schema-version-3.xml": (3, 56, "attribute 'schemaVersion'"),
    "supersedes-itself.xml": (17, 99, "draft 'a-2' supersedes itself"),
    "supersedes-other-party.xml": (17, 99, "supersedes 'b-1', a draft of party 'b'"),
    "undefined-entity.xml": (12, 52, "Entity 'measures' not defined"),
    "unknown-amendment-party.xml": (20, 26, "amendment 'b-1-a1': unknown party 'z'"),
    "unknown-element.xml": (15, 5, "Element 'comment': This element is not expected"),
    "unknown-inline-element.xml": (15, 28, "Element 'b': This element is not expected"),
    "unknown-party.xml": (14, 19, "draft 'b-1': unknown party 'c'"),
    "unknown-sentence-at.xml": (22, 13, "no sentence 's7' in target 'a-1'"),
    "unknown-source.xml": (10, 99, "draft 'a-1': unknown source 'nowhere'"),
    "wrong-namespace.xml": (3, 1, "root element must be <clause>"),
}


run = run_drafting


def test_every_invalid_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in INVALID.glob("*.xml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_file_is_rejected_with_message_and_line(name: str) -> None:
    line, column, words = EXPECTED[name]
    problems = validate_path(INVALID / name)
    assert problems, f"{name} passed validation"
    first = problems[0]
    assert (first.path, first.line, first.column) == (str(INVALID / name), line, column)
    assert words in first.message
    assert str(first).startswith(f"{INVALID / name}:{line}:{column}: ")


def test_the_valid_inputs_pass(tmp_path: Path) -> None:
    assert validate_bytes(VALID_CLAUSE.encode(), "c.xml").problems == ()
    assert validate_bytes(VALID_DOCUMENT.encode(), "d.xml").problems == ()


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    broken = (
        VALID_CLAUSE.replace('id="b-1" party="b"', 'id="b-1" party="q"')
        .replace('supersedes="a-1"', 'supersedes="b-1"')
        .replace("<old>shall</old>", "<old>must</old>")
        .replace('status="counter-proposal"', 'status="maybe"')
    )
    report = validate_bytes(broken.encode(), "broken.xml")
    messages = [f"{p.line}: {p.message}" for p in report.problems]
    assert len(messages) == 4, messages
    assert any(m.startswith("14: ") and "unknown party 'q'" in m for m in messages)
    assert any(m.startswith("14: ") and "'maybe'" in m for m in messages)
    other_party = "supersedes 'b-1', a draft of party 'q'"
    assert any(m.startswith("17: ") and other_party in m for m in messages)
    assert any(m.startswith("21: ") and "old text not found" in m for m in messages)
    assert [p.line for p in report.problems] == sorted(p.line for p in report.problems)


def test_text_broken_across_inline_marks_and_lines_still_matches() -> None:
    # old text is compared with the sentence's plain text, marks and line breaks collapsed
    text = VALID_CLAUSE.replace(
        '<s id="s1">The parties shall consult each other.</s>',
        '<s id="s1">The parties <term>shall</term>\n      consult each other.</s>',
        1,
    ).replace("<anchor>each other</anchor>", "<anchor>shall consult</anchor>")
    assert validate_bytes(text.encode(), "c.xml").problems == ()


def test_folders_are_searched_recursively_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.xml").write_bytes((INVALID / "unknown-party.xml").read_bytes())
    (tmp_path / "a.xml").write_bytes((INVALID / "bad-status.xml").read_bytes())
    (tmp_path / "ok.xml").write_text(VALID_CLAUSE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not xml", encoding="utf-8")
    (tmp_path / ".hidden" / "skip.xml").write_text("<broken", encoding="utf-8")
    paths = [p.path for p in validate_path(tmp_path)]
    assert paths == [str(tmp_path / "a.xml"), str(tmp_path / "b" / "z.xml")]
    assert [r.path for r in check_path(tmp_path)] == [
        str(tmp_path / "a.xml"),
        str(tmp_path / "b" / "z.xml"),
        str(tmp_path / "ok.xml"),
    ]
    assert len(validate_paths([tmp_path / "a.xml", tmp_path / "ok.xml"])) == 1


def test_a_missing_path_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        validate_path(tmp_path / "missing.xml")


def test_reading_an_invalid_file_names_its_first_problem() -> None:
    with pytest.raises(InvalidFileError) as caught:
        read_clause(INVALID / "unknown-party.xml")
    where = INVALID / "unknown-party.xml"
    assert str(caught.value).startswith(f"{where}:14:19: draft 'b-1': unknown party 'c'")
    assert len(caught.value.problems) == 1


def test_reading_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "doc.xml"
    path.write_text(VALID_DOCUMENT, encoding="utf-8")
    with pytest.raises(InputError, match="expected a clause file"):
        read_clause(path)
    assert read_document(path).articles[0].heading == "Consultations"


# ----------------------------------------------------------------------------- CLI


def test_cli_exit_0_for_valid_files(tmp_path: Path) -> None:
    (tmp_path / "c.xml").write_text(VALID_CLAUSE, encoding="utf-8")
    (tmp_path / "d.xml").write_text(VALID_DOCUMENT, encoding="utf-8")
    done = run("validate", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "2 files valid" in done.stderr


def test_cli_exit_1_lists_every_problem_with_path_line_column(tmp_path: Path) -> None:
    target = tmp_path / "party.xml"
    target.write_bytes((INVALID / "unknown-party.xml").read_bytes())
    other = tmp_path / "status.xml"
    other.write_bytes((INVALID / "bad-status.xml").read_bytes())
    done = run("validate", str(target), str(other))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == f"{target}:14:19: draft 'b-1': unknown party 'c' (not declared in <meta>)"
    assert lines[1].startswith(f"{other}:14:29: Element 'draft', attribute 'status'")
    assert len(lines) == 2
    assert "2 problems in 2 of 2 files" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_exit_2_for_a_missing_path_but_still_checks_the_rest(tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_bytes((INVALID / "unknown-party.xml").read_bytes())
    done = run("validate", str(tmp_path / "missing.xml"), str(tmp_path / "bad.xml"))
    assert done.returncode == 2
    assert f"drafting: {tmp_path / 'missing.xml'}: no such file or folder" in done.stderr
    assert "unknown party 'c'" in done.stdout


def test_cli_exit_2_for_malformed_xml_reported_as_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_bytes((INVALID / "not-well-formed.xml").read_bytes())
    done = run("validate", str(path))
    assert done.returncode == 2
    assert done.stdout.startswith(f"{path}:12:55: Opening and ending tag mismatch")
    assert "Traceback" not in done.stderr


def test_cli_without_paths_is_a_usage_error() -> None:
    done = run("validate")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_cli_reads_standard_input() -> None:
    assert run("validate", "-", stdin=VALID_CLAUSE).returncode == 0
    bad = run("validate", "-", stdin=VALID_CLAUSE.replace('party="b" status', 'party="x" status'))
    assert bad.returncode == 1
    assert bad.stdout.startswith("<stdin>:14:19: draft 'b-1': unknown party 'x'")


def test_cli_json_report_matches_its_schema(tmp_path: Path) -> None:
    (tmp_path / "good.xml").write_text(VALID_CLAUSE, encoding="utf-8")
    (tmp_path / "bad.xml").write_bytes((INVALID / "unknown-party.xml").read_bytes())
    (tmp_path / "broken.xml").write_bytes((INVALID / "not-well-formed.xml").read_bytes())
    done = run("validate", "--format", "json", str(tmp_path), str(tmp_path / "nope.xml"))
    assert done.returncode == 2
    report = json.loads(done.stdout)
    schema = json.loads(schema_path("validation-report.schema.json").read_text("utf-8"))
    jsonschema.validate(report, schema)
    assert report["schema_version"] == 1
    assert report["valid"] is False
    statuses = {Path(f["path"]).name: f["status"] for f in report["files"]}
    assert statuses == {"bad.xml": "invalid", "broken.xml": "unreadable", "good.xml": "valid"}
    assert report["summary"] == {
        "files": 3,
        "valid": 1,
        "invalid": 1,
        "unreadable": 1,
        "problems": 2,
    }
    assert len(report["errors"]) == 1 and "nope.xml" in report["errors"][0]
    bad = next(f for f in report["files"] if f["path"].endswith("bad.xml"))
    assert bad["problems"] == [
        {
            "line": 14,
            "column": 19,
            "message": "draft 'b-1': unknown party 'c' (not declared in <meta>)",
        }
    ]


def test_cli_help_has_examples_and_exit_codes() -> None:
    done = run("validate", "--help")
    assert done.returncode == 0
    assert "Examples:" in done.stdout
    assert "Exit codes" in done.stdout


def test_report_to_a_file_is_written(tmp_path: Path) -> None:
    (tmp_path / "bad.xml").write_bytes((INVALID / "unknown-party.xml").read_bytes())
    out = tmp_path / "report.txt"
    done = run("validate", "-o", str(out), str(tmp_path / "bad.xml"))
    assert done.returncode == 1
    assert done.stdout == ""
    report = out.read_text("utf-8")
    assert report.startswith(f"{tmp_path / 'bad.xml'}:14:19: draft 'b-1': unknown party")


def test_the_examples_in_docs_formats_md_validate() -> None:
    doc = (REPO / "docs" / "formats.md").read_text("utf-8")
    examples = re.findall(r"```xml\n(.*?)```", doc, re.S)
    assert len(examples) == 2
    for example in examples:
        report = validate_bytes(example.encode("utf-8"), "docs/formats.md")
        assert report.problems == (), [str(p) for p in report.problems]


def test_on_a_single_line_the_culprit_is_found_by_its_value() -> None:
    one_line = re.sub(r">\s+<", "><", (INVALID / "unknown-party.xml").read_text("utf-8"))
    report = validate_bytes(one_line.encode("utf-8"), "one-line.xml")
    column = one_line.split("\n")[0].index('party="c"') + 1
    assert [str(p) for p in report.problems] == [
        f"one-line.xml:1:{column}: draft 'b-1': unknown party 'c' (not declared in <meta>)"
    ]


def test_two_candidates_on_one_line_are_not_guessed() -> None:
    one_line = re.sub(r">\s+<", "><", VALID_CLAUSE)
    one_line = one_line.replace('id="a-1" party="a"', 'id="a-1" party="q"')
    one_line = one_line.replace('id="a-2" party="a"', 'id="a-2" party="q"')
    messages = [str(p) for p in validate_bytes(one_line.encode("utf-8"), "o.xml").problems]
    assert messages == [
        "o.xml:1:1: unknown party 'q' (not declared in <meta>)",
        "o.xml:1:1: unknown party 'q' (not declared in <meta>)",
    ]


def test_colour_only_when_asked_and_never_with_no_color(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes((INVALID / "unknown-party.xml").read_bytes())
    plain = run("validate", str(path))
    assert "\x1b[" not in plain.stdout  # not a terminal: no colour
    coloured = run("validate", "--color", "always", str(path))
    assert coloured.stdout.startswith("\x1b[1m" + f"{path}:14:19:")
    assert coloured.returncode == plain.returncode == 1


def test_columns_point_at_the_element_or_attribute_even_on_a_crowded_line() -> None:
    # Two drafts on one line: the checks know which element they mean and say so by column.
    crowded = VALID_CLAUSE.replace(
        '  </draft>\n  <draft id="a-2"', '  </draft><draft id="a-2"'
    ).replace('supersedes="a-1"', 'supersedes="b-1"')
    problems = validate_bytes(crowded.encode(), "c.xml").problems
    assert len(problems) == 1
    line = crowded.split("\n")[problems[0].line - 1]
    assert line[problems[0].column - 1 :].startswith('supersedes="b-1"')
    assert line.index("<draft") < problems[0].column - 1


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-1"])
def test_columns_count_characters_in_the_file_encoding(encoding: str) -> None:
    text = VALID_CLAUSE.replace('encoding="UTF-8"', f'encoding="{encoding}"').replace(
        '<source id="src" date="2020-01-01">', '<source note="çàé" id="src" date="2020-13-45">'
    )
    problems = validate_bytes(text.encode(encoding), "e.xml").problems
    assert [(p.line, p.column) for p in problems] == [(8, 33)]  # characters, not bytes
    assert "attribute 'date'" in problems[0].message


def test_lines_beyond_65535_are_reported_exactly() -> None:
    # libxml2 caps some schema error lines at 65,535 and borrows others from the next text
    # node; the report must still name the exact line and column of the culprit.
    tall = (
        VALID_CLAUSE.replace('<s id="s2">', '<s id="s2">' + "\n" * 70_000)
        .replace('party="b" status="counter-proposal"', 'party="q" status="x"')
        .replace(
            '<s id="s1">The parties shall consult each other promptly.</s>',
            '<s id="s1">The parties shall consult each other promptly.</s>\n    <s id="s1"/>',
        )
        .replace("<old>shall</old>", "<old>must</old>")
    )
    lines = tall.split("\n")
    problems = validate_bytes(tall.encode(), "tall.xml").problems
    assert len(problems) == 4, [str(p) for p in problems]
    assert all(problem.line > 65_535 for problem in problems)
    where = [lines[p.line - 1][p.column - 1 :] for p in problems]
    assert sorted(where) == sorted(
        [
            'party="q" status="x" date="2020-02-01" xml:lang="en" instrument="treaty" '
            'respondsTo="a-1">',
            'status="x" date="2020-02-01" xml:lang="en" instrument="treaty" respondsTo="a-1">',
            'id="s1"/>',
            "<old>must</old><new>should</new></substitute>",
        ]
    )


def test_control_characters_from_the_file_never_reach_the_terminal() -> None:
    hostile = VALID_CLAUSE.replace('status="counter-proposal"', 'status="\u009b31m\u2028x"')
    hostile = hostile.replace('<s id="s2">', '<s id="s2\u0085">')
    problems = validate_bytes(hostile.encode("utf-8"), "c.xml").problems
    assert len(problems) >= 2
    for problem in problems:
        assert not any(ch in str(problem) for ch in "\u009b\u0085\u2028\n\r\x1b")
