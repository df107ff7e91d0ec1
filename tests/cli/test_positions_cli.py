"""``drafting positions`` as a user runs it: every format, JSON valid against its schema,
loose files, the timeline, and one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support.cli import run_drafting
from support.paths import REPO

ROOT = REPO
MEMBERSHIP = str(ROOT / "texts" / "ua-ge-membership.xml")
CONSTRUCTED = str(ROOT / "tests" / "data" / "positions" / "constructed-three-party.xml")
SCHEMA = json.loads((ROOT / "schemas" / "positions.schema.json").read_text(encoding="utf-8"))


def positions_json(*args: str) -> dict:
    done = run_drafting("positions", *args, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA)
    return data


def test_membership_against_nato_2008_in_json_shows_every_party():
    data = positions_json(MEMBERSHIP, "--base", "nato-2008")
    assert data["base"] == "nato-2008"
    assert {c["party"] for c in data["columns"]} == {"nato", "rus", "usa"}
    russia = next(c for c in data["columns"] if c["party"] == "rus")["against_base"]
    assert russia["verdict"] == "strengthened" and russia["operator_polarity_changed"]
    assert data["summary"]["stance_reversed"] == [
        c["key"] for c in data["columns"] if c["party"] == "rus"
    ]


def test_membership_in_text_and_markdown():
    text = run_drafting("positions", MEMBERSHIP, "--base", "nato-2008", "--width", "160")
    assert text.returncode == 0, text.stderr
    assert "{+never +}" in text.stdout
    assert "│" in text.stdout  # wide enough for columns
    assert text.stdout.count("stance REVERSED") >= 1
    assert "United States of America" in text.stdout and "stance kept" in text.stdout
    markdown = run_drafting("positions", MEMBERSHIP, "--base", "nato-2008", "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    out = markdown.stdout
    assert out.startswith("# Positions: Future NATO membership of Ukraine and Georgia")
    assert "| **r1** |" in out and "{++never ++}" in out
    assert "## Conflicts" in out and "## Similarity" in out


def test_a_narrow_terminal_stacks_the_positions():
    done = run_drafting("positions", MEMBERSHIP, "--width", "60")
    assert done.returncode == 0, done.stderr
    assert "│" not in done.stdout
    assert "== Russian Federation · rus-2022" in done.stdout
    assert all(len(line) <= 60 for line in done.stdout.splitlines() if "·" not in line)


def test_the_constructed_example_lists_its_conflict():
    data = positions_json(CONSTRUCTED)
    assert [c["row"] for c in data["conflicts"]] == ["r1"]
    text = run_drafting("positions", CONSTRUCTED).stdout
    assert "row r1: base: The Parties shall consult each other without delay." in text


def test_loose_files_by_party(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The Parties shall consult each other.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The Parties may consult each other.\n", encoding="utf-8")
    data = positions_json(
        "--party",
        f"A={tmp_path / 'a.txt'}",
        "--party",
        f"B={tmp_path / 'b.txt'}",
        "--party",
        f"NATO={MEMBERSHIP}#nato-2008",
        "--base",
        "A",
    )
    assert [c["key"] for c in data["columns"]] == ["A", "B", "NATO"]
    b = data["columns"][1]["against_base"]
    assert b["verdict"] == "weakened"
    assert data["columns"][2]["source"]["secondary"] is True


def test_timeline_in_every_format():
    data = positions_json(MEMBERSHIP, "--timeline")
    dates = [e["date"] for e in data["entries"]]
    assert dates == sorted(dates)
    usa = next(e for e in data["entries"] if e["draft"] == "usa-2022")
    assert (usa["relation"], usa["against"]) == ("responds-to", "rus-2022")
    text = run_drafting("positions", MEMBERSHIP, "--timeline")
    assert text.returncode == 0 and "responds to rus-2022" in text.stdout
    markdown = run_drafting("positions", MEMBERSHIP, "--timeline", "--format", "markdown")
    assert markdown.returncode == 0 and "| date | draft |" in markdown.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((MEMBERSHIP, "--base", "nope"), "no draft 'nope'"),
        ((MEMBERSHIP, "--drafts", "rus-2022,zz"), "no draft 'zz'"),
        ((MEMBERSHIP, "--base", "nato-2008", "--as-of", "2007-01-01"), "after --as-of"),
        ((MEMBERSHIP, "--as-of", "2007-01-01"), "no draft is dated on or before"),
        ((MEMBERSHIP, "--as-of", "yesterday"), "as_of must be a date"),
        ((MEMBERSHIP, "--party", "A=x.txt"), "not both"),
        (("--party", "nofile"), "is not NAME=FILE"),
        (("--party", "A=/no/such/file.txt"), "no such file"),
        ((str(ROOT / "texts" / "rus-nato-2021.xml"),), "not a clause file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str):
    done = run_drafting("positions", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_the_readme_first_command_runs_the_positions_report_and_exits_0():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = readme.split("```sh\n", 1)[1].split("\n```", 1)[0]
    steps = [step.strip() for step in first.split("&&")]
    commands = [step.split()[1:] for step in steps if step.startswith(".venv/bin/drafting ")]
    assert [c[0] for c in commands] == ["validate", "positions"]
    assert "--base" in commands[1] and "nato-2008" in commands[1]
    for command in commands:
        done = run_drafting(*command, cwd=ROOT)
        assert done.returncode == 0, (command, done.stderr)
    assert "Russian Federation" in done.stdout and "stance REVERSED" in done.stdout
