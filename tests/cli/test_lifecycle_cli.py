"""Lifecycle and inspection commands (issue 12): status, amendment withdraw/reject/accept,
ls, show, source add, new --source; and the amendment rules (date defaults to today; a
rejected, withdrawn or already-applied amendment is not applied; a result's instrument).

The Bucharest sentence (NATO, 3 April 2008) is real; the amendments are CONSTRUCTED.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from support.cli import run_drafting
from support.git import BUCHAREST
from support.paths import REPO

from drafting.formats.clausexml import read_clause

ROOT = REPO


def run(folder: Path, *args: str):
    return run_drafting(*args, cwd=folder)


@pytest.fixture
def clause(tmp_path: Path) -> Path:
    done = run(
        tmp_path,
        "new",
        "ua-ge",
        "--title",
        "Membership",
        "--party",
        "nato=North Atlantic Treaty Organization",
        "--party",
        "rus=Russian Federation",
        "--source",
        "bucharest-2008=Bucharest Summit Declaration (NATO, 3 April 2008), para. 23",
    )
    assert done.returncode == 0, done.stderr
    args = ["--party", "nato", "--date", "2008-04-03", "--id", "nato-2008", "--text", BUCHAREST]
    args += ["--instrument", "political-declaration", "--source", "bucharest-2008"]
    done = run(tmp_path, "draft", "add", "ua-ge.xml", *args)
    assert done.returncode == 0, done.stderr
    return tmp_path / "ua-ge.xml"


def _amend(clause: Path, *args: str):
    base = ["amend", clause.name, "--target", "nato-2008", "--party", "rus"]
    return run(
        clause.parent, *base, "--replace", "will become", "--with", "will never become", *args
    )


def test_status_changes_a_draft_and_unknown_draft_lists_known(clause: Path) -> None:
    done = run(
        clause.parent, "status", clause.name, "nato-2008", "bracketed", "--date", "2008-04-04"
    )
    assert done.returncode == 0, done.stderr
    draft = read_clause(clause).draft("nato-2008")
    assert draft is not None and (draft.status, draft.date) == ("bracketed", "2008-04-04")
    bad = run(clause.parent, "status", clause.name, "typo", "adopted")
    assert bad.returncode == 2 and "drafts: nato-2008" in bad.stderr
    assert run(clause.parent, "status", clause.name, "nato-2008", "nonsense").returncode == 2


def test_amendment_date_defaults_to_today(clause: Path) -> None:
    """Issue 12: `amend --date` defaulted to the target's date (2008 here)."""
    assert _amend(clause).returncode == 0
    (amendment,) = read_clause(clause).amendments
    assert amendment.date == datetime.date.today().isoformat()


def test_a_rejected_or_withdrawn_amendment_is_not_applied(clause: Path) -> None:
    assert _amend(clause, "--id", "rus-a1").returncode == 0
    done = run(clause.parent, "amendment", "reject", clause.name, "rus-a1")
    assert done.returncode == 0, done.stderr
    assert read_clause(clause).amendments[0].status == "rejected"
    before = clause.read_bytes()
    refused = run(clause.parent, "amend", clause.name, "--amendment", "rus-a1", "--apply")
    assert refused.returncode == 2 and "rus-a1 was rejected" in refused.stderr
    assert clause.read_bytes() == before
    again = run(clause.parent, "amendment", "accept", clause.name, "rus-a1")
    assert again.returncode == 2 and "record a new amendment" in again.stderr
    assert _amend(clause, "--id", "rus-a2").returncode == 0
    assert run(clause.parent, "amendment", "withdraw", clause.name, "rus-a2").returncode == 0
    refused = run(clause.parent, "amend", clause.name, "--amendment", "rus-a2", "--apply")
    assert refused.returncode == 2 and "withdrawn" in refused.stderr


def test_reapplying_an_amendment_is_refused_naming_its_draft(clause: Path) -> None:
    """Issue 12: re-applying an amendment duplicated the draft."""
    done = _amend(
        clause, "--id", "rus-a1", "--apply", "--result", "rus-2022", "--instrument", "statement"
    )
    assert done.returncode == 0, done.stderr
    result = read_clause(clause).draft("rus-2022")
    assert result is not None and result.instrument == "statement"  # its own instrument
    refused = run(clause.parent, "amend", clause.name, "--amendment", "rus-a1", "--apply")
    assert refused.returncode == 2 and "already applied" in refused.stderr
    assert "it gave draft rus-2022" in refused.stderr
    assert len(read_clause(clause).drafts) == 2


def test_accepted_amendments_make_the_consolidated_text(clause: Path) -> None:
    assert _amend(clause, "--id", "rus-a1").returncode == 0
    shown = run(clause.parent, "show", f"{clause.name}#nato-2008")
    assert shown.stdout == BUCHAREST + "\n"
    assert run(clause.parent, "amendment", "accept", clause.name, "rus-a1").returncode == 0
    shown = run(clause.parent, "show", f"{clause.name}#nato-2008", "--consolidated")
    assert shown.stdout == BUCHAREST.replace("will become", "will never become") + "\n"
    bad = run(clause.parent, "show", f"{clause.name}#typo")
    assert bad.returncode == 2 and "drafts: nato-2008" in bad.stderr


def test_ls_lists_a_file_and_indexes_a_folder(clause: Path) -> None:
    assert _amend(clause, "--id", "rus-a1").returncode == 0
    listed = run(clause.parent, "ls", clause.name)
    assert listed.returncode == 0, listed.stderr
    assert "nato-2008  nato  proposed  2008-04-03  political-declaration  tier 3 +" in listed.stdout
    assert "rus-a1  rus  on nato-2008  proposed" in listed.stdout
    (clause.parent / "broken.xml").write_text("<clause")
    index = run(clause.parent, "ls", ".", "--format", "json")
    assert index.returncode == 1  # the broken file is listed as unreadable
    report = json.loads(index.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schemas/listing.schema.json").read_text()))
    kinds = {Path(f["path"]).name: f["kind"] for f in report["files"]}
    assert kinds == {"broken.xml": None, "ua-ge.xml": "clause"}
    one = json.loads(run(clause.parent, "ls", clause.name, "--format", "json").stdout)
    jsonschema.validate(one, json.loads((ROOT / "schemas/listing.schema.json").read_text()))
    assert one["files"][0]["drafts"][0]["tier"] == 3


def test_source_add_then_cite_it(clause: Path) -> None:
    done = run(clause.parent, "source", "add", clause.name, "geneva-2022", "Press report, Geneva")
    assert done.returncode == 0, done.stderr
    assert [s.id for s in read_clause(clause).sources] == ["bucharest-2008", "geneva-2022"]
    again = run(clause.parent, "source", "add", clause.name, "geneva-2022", "Again")
    assert again.returncode == 2 and "already has a source" in again.stderr


def test_concurrent_edits_are_never_lost(clause: Path) -> None:
    """Four drafters declare a source and two change statuses at the same moment: every
    edit survives (the commands use the locked read-modify-write of formats.atomic)."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    runs = [["source", "add", clause.name, f"src-{n}", f"Constructed source {n}"] for n in range(4)]
    runs += [["status", clause.name, "nato-2008", "bracketed"]]

    def launch(args: list[str]) -> int:
        command = [sys.executable, "-m", "drafting", *args]
        return subprocess.run(
            command, cwd=clause.parent, capture_output=True, check=False
        ).returncode

    with ThreadPoolExecutor(len(runs)) as pool:
        assert list(pool.map(launch, runs)) == [0] * len(runs)
    final = read_clause(clause)
    assert {s.id for s in final.sources} >= {f"src-{n}" for n in range(4)}
    assert final.draft("nato-2008").status == "bracketed"  # type: ignore[union-attr]
