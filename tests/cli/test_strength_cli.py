"""`drafting strength`: argument, file, stdin, JSON that validates, batches, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from support.cli import run_drafting
from support.corpus import corpus_dir

from drafting.cli import cli
from drafting.cli.common import FORK_MIN_WEIGHT
from drafting.resources import schema_path

SEED_NEVER = "Ukraine and Georgia will never become a member of NATO."


def test_the_list_of_languages_is_defined_once() -> None:
    from drafting.cli.diff_cmd import diff
    from drafting.cli.strength_cmd import strength
    from drafting.strength import LANGUAGES
    from drafting.text.language import LANGUAGES as DEFINED

    assert LANGUAGES is DEFINED
    choices = [
        tuple(param.type.choices)
        for command in (strength, diff)
        for param in command.params
        if param.name in ("language", "lang", "lang_a", "lang_b")
    ]
    assert choices and all(c == DEFINED for c in choices)


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return run_drafting("strength", *args, stdin=stdin, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("strength.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_text_output_marks_terms_and_explains() -> None:
    result = CliRunner().invoke(
        cli, ["strength", "--instrument", "political-declaration", SEED_NEVER]
    )
    assert result.exit_code == 0
    assert "tier 5 (prohibition / absolute), negative" in result.output
    assert "[will never]" in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour
    assert "made absolute by 'never'" in result.output


def test_colour_only_when_asked_and_never_with_no_color() -> None:
    coloured = CliRunner().invoke(cli, ["strength", "--color", "always", SEED_NEVER])
    assert "\x1b[" in coloured.output
    done = run("--color", "auto", SEED_NEVER, env={"NO_COLOR": "1"})
    assert "\x1b[" not in done.stdout


def test_json_validates_and_carries_schema_version(
    validator: jsonschema.Draft202012Validator,
) -> None:
    result = CliRunner().invoke(
        cli, ["strength", "--format", "json", "--instrument", "political-declaration", SEED_NEVER]
    )
    document = json.loads(result.output)
    validator.validate(document)
    assert document["schema_version"] == "1"
    assert (document["tier"], document["polarity"]) == (5, "negative")
    assert document["terms"][0]["text"] == "will never"


def test_file_and_stdin_give_the_same_result(tmp_path: Path) -> None:
    clause = tmp_path / "clause.txt"
    clause.write_text("Les parties s’abstiennent de toute menace.\n", encoding="utf-8")
    from_file = run("--file", str(clause), "--instrument", "treaty", "--format", "jsonl")
    from_stdin = run(
        "--instrument", "treaty", "--format", "jsonl", stdin=clause.read_text(encoding="utf-8")
    )
    assert from_file.returncode == from_stdin.returncode == 0
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    assert json.loads(from_file.stdout)["language"] == "fr"
    assert json.loads(from_file.stdout)["tier"] == 5


def test_lang_overrides_detection() -> None:
    done = run("--lang", "en", "--format", "jsonl", "Parties shall cooperate.")
    assert json.loads(done.stdout)["language_detected"] is False


def test_batch_keeps_ids_and_validates(
    tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        {
            "id": "a",
            "text": "We agreed today that these countries will become members of NATO.",
            "instrument": "political-declaration",
        },
        {"id": 7, "text": SEED_NEVER, "language": "en", "instrument": "political-declaration"},
        {"id": "c", "text": "Участники обязуются сотрудничать.", "instrument": "treaty"},
    ]
    batch.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n\n")
    out = tmp_path / "out.jsonl"
    done = run("--batch", str(batch), "-o", str(out))
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a", 7, "c"]
    assert [r["tier"] for r in results] == [3, 5, 4]
    for document in results:
        validator.validate(document)


def test_bad_batch_line_is_one_error_with_its_line_number(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": 1, "text": "We will act."}\n{"id": 2, "text": \n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("--batch", str(batch), "-o", str(out))
    assert done.returncode == 2
    assert f"{batch}:2:" in done.stderr and "not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()  # nothing half-written
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"text": "We will act."}\n', encoding="utf-8")
    done = run("--batch", str(missing))
    assert done.returncode == 2 and ":1: each line needs an 'id'" in done.stderr


def test_lexicon_option_adds_terms(tmp_path: Path) -> None:
    overlay = tmp_path / "extra.json"
    overlay.write_text(
        json.dumps(
            {
                "schema_version": "1",
                "language": "en",
                "entries": [
                    {
                        "id": "en.covenant",
                        "pattern": "covenant(s)? to",
                        "category": "obligation",
                        "tier": 4,
                        "rule": "T4",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    plain = run("--format", "jsonl", "--instrument", "treaty", "The Parties covenant to cooperate.")
    extended = run(
        "--lexicon",
        str(overlay),
        "--format",
        "jsonl",
        "--instrument",
        "treaty",
        "The Parties covenant to cooperate.",
    )
    assert json.loads(plain.stdout)["tier"] == 0
    assert json.loads(extended.stdout)["tier"] == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--instrument", "pact", "x"), "Invalid value for '--instrument'"),
        (("--file", "/nonexistent/clause.txt"), "no such file"),
        (("--batch", "-", "text"), "not both"),
        (("--lexicon", "/nonexistent/lex.json", "x"), "no such file"),
    ],
)
def test_trouble_exits_2_with_one_line(args: tuple[str, ...], message: str) -> None:
    done = run(*args, stdin="")
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_empty_input_is_an_error() -> None:
    done = run(stdin="   \n")
    assert done.returncode == 2 and "empty" in done.stderr


def test_help_has_examples_and_exit_codes() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "Examples:" in done.stdout and "Exit codes" in done.stdout


def test_explain_lists_the_bounds_pass_when_a_not_opens_a_bound() -> None:
    # constructed: "not later than" is a time bound, not the negation of "shall"
    clause = "Each Party shall report, not later than 30 days after entry into force, on it."
    text = CliRunner().invoke(cli, ["strength", "--explain", "--instrument", "treaty", clause])
    assert text.exit_code == 0
    assert "tier 4 (binding obligation), positive" in text.output
    assert "passes fired: layers → bounds → heads → main" in text.output


def test_explain_lists_the_passes_that_fired(
    tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    # constructed translation of the seed: the tier comes from morphology, then negation
    seed_ru = "Украина и Грузия никогда не станут членами НАТО."
    text = CliRunner().invoke(cli, ["strength", "--explain", "--lang", "ru", seed_ru])
    assert text.exit_code == 0
    assert "[станут]" in text.output
    assert "passes fired: finite_verb → heads → main" in text.output
    plain = CliRunner().invoke(cli, ["strength", "--lang", "ru", seed_ru])
    assert "passes fired" not in plain.output
    document = json.loads(
        CliRunner()
        .invoke(cli, ["strength", "--explain", "--format", "json", "--lang", "ru", seed_ru])
        .output
    )
    validator.validate(document)
    assert document["passes"] == ["finite_verb", "heads", "main"]
    assert "passes" not in json.loads(
        CliRunner().invoke(cli, ["strength", "--format", "json", seed_ru]).output
    )
    batch = tmp_path / "batch.jsonl"
    batch.write_text(json.dumps({"id": 1, "text": SEED_NEVER}) + "\n", encoding="utf-8")
    done = run("--batch", str(batch), "--explain")
    line = json.loads(done.stdout)
    validator.validate(line)
    assert line["passes"] == ["layers", "heads", "main"]


def _corpus_rows() -> list[dict[str, str]]:
    return [
        json.loads(line)
        for name in ("dev", "dev2", "dev3")
        for line in (corpus_dir() / f"{name}_sentences.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]


def _batch_line(line_id: str, row: dict[str, str]) -> str:
    fields = {"id": line_id, "text": row["text"], "instrument": row["instrument_type"]}
    return json.dumps(fields, ensure_ascii=False) + "\n"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs forks")
@pytest.mark.parametrize("output_format", ["jsonl", "text"])
def test_shared_batches_give_the_output_of_one_process(tmp_path: Path, output_format: str) -> None:
    # every corpus clause three times (more text than fork_map's threshold, so the batch is
    # shared with forked processes: by default one per core), with --explain
    rows = _corpus_rows()
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "".join(_batch_line(f"{k}-{row['id']}", row) for k in range(3) for row in rows),
        encoding="utf-8",
    )
    assert sum(len(row["text"]) for row in rows) * 3 > FORK_MIN_WEIGHT
    args = ("--batch", str(batch), "--explain", "--format", output_format)
    one = run(*args, "--jobs", "1", "-o", str(tmp_path / "one"))
    default = run(*args, "-o", str(tmp_path / "default"))
    three = run(*args, "--jobs", "3", "-o", str(tmp_path / "three"))
    piped = run(*args, "--jobs", "2")
    assert one.returncode == default.returncode == three.returncode == piped.returncode == 0
    expected = (tmp_path / "one").read_text(encoding="utf-8")
    assert len(expected.splitlines()) == 3 * len(rows)
    assert (tmp_path / "default").read_text(encoding="utf-8") == expected
    assert (tmp_path / "three").read_text(encoding="utf-8") == expected
    assert piped.stdout == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="--jobs forks")
def test_a_bad_line_late_in_a_shared_batch_stops_it_after_the_earlier_warnings(
    tmp_path: Path,
) -> None:
    # a look-alike letter on line 1 (constructed from the seed), then the corpus twice, then a
    # line without text: the last line is in a forked process's part
    rows = _corpus_rows()
    cyrillic = {"text": SEED_NEVER.replace("never", "n\u0435ver"), "instrument_type": "treaty"}
    lines = [_batch_line("tampered", cyrillic)]
    lines += [_batch_line(f"{k}-{row['id']}", row) for k in range(2) for row in rows]
    lines.append(json.dumps({"id": "last"}) + "\n")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("--batch", str(batch), "--jobs", "2", "-o", str(out))
    assert done.returncode == 2 and done.stdout == ""
    assert not out.exists()
    errors = done.stderr.splitlines()
    assert errors[-1] == (
        f"drafting: {batch}:{len(lines)}: each line needs an 'id' and a string 'text'"
    )
    assert f"{batch}:1: mixed-script" in errors[0]
    assert "Traceback" not in done.stderr
