"""`drafting new`, `draft add`, `amend` and `amendments` through the real command line.

Party texts are real (texts/ua-ge-membership.xml, from the shared corpus); one-word edits of
them are labelled constructed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from support.git import BUCHAREST, drafting, membership_clause
from support.paths import REPO

from drafting.formats.clausexml import read_clause

ROOT = REPO
GENEVA_2022 = "Ukraine and Georgia will never become a member of NATO."


@pytest.fixture
def clause(tmp_path: Path) -> Path:
    return membership_clause(tmp_path)


def _amend(clause: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``drafting amend CLAUSE ARGS…``, run in the clause's folder."""
    return drafting(clause.parent, "amend", clause.name, *args)


def _russia_proposes_never(clause: Path) -> None:
    """Russia's amendment rus-a1 of NATO's 2008 draft (recorded, not applied): the seed's
    "will never become a member"."""
    done = _amend(
        clause, "--target", "nato-2008", "--party", "rus",
        "--replace", "these countries will become members",
        "--with", "Ukraine and Georgia will never become a member",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_new_and_draft_add_write_a_valid_canonical_clause(clause: Path) -> None:
    value = read_clause(clause)  # validates
    assert [p.id for p in value.parties] == ["nato", "rus"]
    (draft,) = value.drafts
    assert (draft.id, draft.status, draft.text) == ("nato-2008", "adopted", BUCHAREST)
    assert drafting(clause.parent, "fmt", "--check", clause.name).returncode == 0


def test_draft_add_splits_sentences_from_stdin(clause: Path) -> None:
    text = (  # Russia's draft treaty with the USA, Art. 4 (texts/ua-ge-membership.xml)
        "The United States of America shall undertake to prevent further eastward expansion "
        "of the North Atlantic Treaty Organization and deny accession to the Alliance to the "
        "States of the former Union of Soviet Socialist Republics. The United States of America "
        "shall not establish military bases in the territory of the States of the former Union "
        "of Soviet Socialist Republics that are not members of the North Atlantic Treaty "
        "Organization, use their infrastructure for any military activities or develop "
        "bilateral military cooperation with them."
    )
    done = drafting(
        clause.parent,
        "draft",
        "add",
        clause.name,
        "--party",
        "rus",
        "--date",
        "2021-12-17",
        "--instrument",
        "draft-treaty",
        "--responds-to",
        "nato-2008",
        stdin=text,
    )
    assert done.returncode == 0, done.stderr
    draft = read_clause(clause).draft("rus-2021-12-17")
    assert draft is not None and [s.id for s in draft.sentences] == ["s1", "s2"]
    assert draft.responds_to == "nato-2008"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--id", "nato-2008"], "already has a draft 'nato-2008'"),
        (["--party", "usa"], "party 'usa' is not declared"),
        (["--supersedes", "nope"], "--supersedes 'nope': clause ua-ge has no such draft"),
        (["--date", "3 April 2008"], "is not a date YYYY-MM-DD"),
    ],
)
def test_draft_add_refuses_and_leaves_the_file_alone(
    clause: Path, args: list[str], message: str
) -> None:
    before = clause.read_bytes()
    base = {"--party": "nato", "--date": "2008-04-04", "--instrument": "communique"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    flat = [x for pair in base.items() for x in pair]
    done = drafting(clause.parent, "draft", "add", clause.name, *flat, "--text", "Constructed.")
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr
    assert clause.read_bytes() == before


def test_new_refuses_to_clobber(clause: Path) -> None:
    before = clause.read_bytes()
    done = drafting(clause.parent, "new", "ua-ge", "--title", "Other")
    assert done.returncode == 2 and "already exists" in done.stderr
    assert clause.read_bytes() == before


def test_amend_apply_records_the_amendment_and_the_resulting_draft(clause: Path) -> None:
    done = _amend(
        clause,
        "--target",
        "nato-2008",
        "--party",
        "rus",
        "--replace",
        BUCHAREST,
        "--with",
        GENEVA_2022,
        "--apply",
        "--date",
        "2022-01-10",
        "--result",
        "rus-2022",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"1. In sentence s1, replace '{BUCHAREST}' with '{GENEVA_2022}'\n"
    value = read_clause(clause)
    result = value.draft("rus-2022")
    assert result is not None and result.text == GENEVA_2022
    assert (result.party, result.responds_to, result.date) == ("rus", "nato-2008", "2022-01-10")
    (amendment,) = value.amendments
    assert (amendment.id, amendment.target, amendment.result) == ("rus-a1", "nato-2008", "rus-2022")


@pytest.mark.parametrize(
    ("ops", "message"),
    [
        (["--replace", "candidates", "--with", "x"], "'candidates' is not in any sentence"),
        (["--delete", "me", "--at", "s1"], "occurs 2 times in sentence s1"),
        (
            ["--replace", "these countries", "--with", "they", "--delete", "countries will"],
            "operations 1 and 2 overlap in sentence s1",
        ),
        (["--insert", "x"], "--insert needs exactly one of --after"),
    ],
)
def test_amend_problems_exit_2_and_write_nothing(
    clause: Path, ops: list[str], message: str
) -> None:
    before = clause.read_bytes()
    done = _amend(
        clause,
        "--target",
        "nato-2008",
        "--party",
        "nato",
        *ops,
        "--apply",
    )
    assert done.returncode == 2
    assert message in done.stderr, done.stderr
    assert clause.read_bytes() == before


def test_a_recorded_amendment_on_a_newer_draft_says_why_it_no_longer_applies(
    clause: Path,
) -> None:
    # constructed: NATO amends its own text ("today" removed), then Russia's recorded
    # amendment of the original is tried against the newer text.
    _russia_proposes_never(clause)
    assert (
        _amend(
            clause,
            "--target",
            "nato-2008",
            "--party",
            "nato",
            "--replace",
            "these countries",
            "--with",
            "Ukraine",
            "--apply",
            "--result",
            "nato-2008b",
        ).returncode
        == 0
    )
    before = clause.read_bytes()
    done = _amend(
        clause,
        "--amendment",
        "rus-a1",
        "--target",
        "nato-2008b",
        "--apply",
    )
    assert done.returncode == 2
    assert (
        "amendment rus-a1 (made against draft nato-2008) no longer applies to draft "
        "nato-2008b: operation 1: the text 'these countries will become members' is not "
        "in sentence s1"
    ) in done.stderr
    assert clause.read_bytes() == before


def test_amendments_reproduce_the_recorded_amendment_of_the_real_texts(tmp_path: Path) -> None:
    path = tmp_path / "ua-ge-membership.xml"
    shutil.copy(ROOT / "texts" / "ua-ge-membership.xml", path)
    done = drafting(tmp_path, "amendments", path.name, "--from", "nato-2008", "--to", "rus-2022")
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        # the cuts of drafting diff's redline (one word-diff engine for both, issue 8)
        "1. In sentence s1, replace 'We agreed today that these countries' with "
        "'Ukraine and Georgia'\n"
        "2. In sentence s1, insert ' never' after 'will'\n"
        "3. In sentence s1, replace 'members' with 'a member'\n"
    )
    recorded = read_clause(path).amendments[0].operations
    as_json = json.loads(
        drafting(
            tmp_path,
            "amendments",
            path.name,
            "--from",
            "nato-2008",
            "--to",
            "rus-2022",
            "--format",
            "json",
        ).stdout
    )
    schema = json.loads((ROOT / "schemas" / "amendments.schema.json").read_text())
    jsonschema.validate(as_json, schema)
    assert [
        (o["kind"], o["at"], o["old"], o["new"]) for o in as_json["amendment"]["operations"]
    ] == [(o.kind, o.at, o.old, o.new) for o in recorded]


def test_amendments_xml_recorded_in_a_file_applies_back_to_the_target(tmp_path: Path) -> None:
    path = tmp_path / "ua-ge-membership.xml"
    shutil.copy(ROOT / "texts" / "ua-ge-membership.xml", path)
    done = drafting(
        tmp_path,
        "amendments",
        path.name,
        "--from",
        "nato-2008",
        "--to",
        "rus-2021-usa",
        "--record",
        "--id",
        "gen-1",
        "--format",
        "xml",
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<amendment ')
    value = read_clause(path)  # still valid with the generated amendment inside
    amendment = next(a for a in value.amendments if a.id == "gen-1")
    from drafting.amend.operations import apply_amendment

    target, wanted = value.draft("nato-2008"), value.draft("rus-2021-usa")
    assert target is not None and wanted is not None
    assert apply_amendment(target, amendment).sentences == wanted.sentences


def test_amendments_between_identical_drafts_exit_0(clause: Path) -> None:
    done = drafting(
        clause.parent, "amendments", clause.name, "--from", "nato-2008", "--to", "nato-2008"
    )
    assert done.returncode == 0 and done.stdout.strip() == ""


def test_a_recorded_amendment_still_applies_to_a_newer_draft_it_fits(clause: Path) -> None:
    # constructed: "today" deleted by NATO; Russia's recorded amendment still finds its text
    _russia_proposes_never(clause)
    assert (
        _amend(
            clause,
            "--target",
            "nato-2008",
            "--party",
            "nato",
            "--delete",
            "today",
            "--apply",
            "--result",
            "nato-2008b",
        ).returncode
        == 0
    )
    before = clause.read_bytes()
    check = _amend(clause, "--amendment", "rus-a1", "--target", "nato-2008b")
    assert check.returncode == 0, check.stderr
    assert clause.read_bytes() == before  # checking writes nothing
    done = _amend(
        clause,
        "--amendment",
        "rus-a1",
        "--target",
        "nato-2008b",
        "--apply",
        "--result",
        "rus-2022b",
    )
    assert done.returncode == 0, done.stderr
    result = read_clause(clause).draft("rus-2022b")
    assert result is not None and result.responds_to == "nato-2008b"
    assert result.text == "We agreed that Ukraine and Georgia will never become a member of NATO."


def test_amend_json_output_validates_and_dry_run_writes_nothing(clause: Path) -> None:
    before = clause.read_bytes()
    done = _amend(
        clause,
        "--target",
        "nato-2008",
        "--party",
        "nato",
        "--insert",
        " soon",
        "--after",
        "members of NATO",
        "--dry-run",
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, json.loads((ROOT / "schemas/amendments.schema.json").read_text()))
    assert data["amendment"]["operations"][0]["anchor"] == "members of NATO"
    assert data["instructions"] == ["In sentence s1, insert ' soon' after 'members of NATO'"]
    assert clause.read_bytes() == before


def test_new_can_print_to_stdout(tmp_path: Path) -> None:
    done = drafting(tmp_path, "new", "x", "--title", "Constructed title", "-o", "-")
    assert done.returncode == 0
    assert done.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<clause ')
    assert list(tmp_path.iterdir()) == []


def test_amend_inserts_a_whole_new_sentence(clause: Path) -> None:
    done = _amend(
        clause,
        "--target",
        "nato-2008",
        "--party",
        "nato",
        "--insert",
        "A constructed second sentence.",
        "--after-sentence",
        "s1",
        "--apply",
        "--result",
        "nato-2008b",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "1. After sentence s1, insert a new sentence s2: 'A constructed second sentence.'\n"
    )
    result = read_clause(clause).draft("nato-2008b")
    assert result is not None
    assert [(s.id, s.text) for s in result.sentences] == [
        ("s1", BUCHAREST),
        ("s2", "A constructed second sentence."),
    ]
