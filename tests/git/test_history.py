"""`drafting history`: a clause's timeline across real commits in a temporary repository.

Texts are the real Bucharest 2008 and Geneva 2022 sentences (texts/ua-ge-membership.xml);
the status change, the rename and the broken commit are constructed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support.git import commit_all, drafting, git, make_repo, membership_clause
from support.paths import REPO

ROOT = REPO
GENEVA_2022 = "Ukraine and Georgia will never become a member of NATO."


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("history") / "repo")
    ok = lambda *args: drafting(repo, *args).returncode == 0  # noqa: E731
    membership_clause(repo)
    commit_all(repo, "Bucharest 2008", "2008-04-03T12:00:00+00:00")
    assert ok(
        "draft",
        "add",
        "ua-ge.xml",
        "--party",
        "rus",
        "--date",
        "2022-01-10",
        "--instrument",
        "political-declaration",
        "--responds-to",
        "nato-2008",
        "--id",
        "rus-2022",
        "--text",
        GENEVA_2022,
    )
    commit_all(repo, "Geneva 2022", "2022-01-10T12:00:00+00:00")
    path = repo / "ua-ge.xml"
    path.write_text(path.read_text().replace('status="proposed"', 'status="rejected"'))
    commit_all(repo, "constructed: status change", "2022-01-11T12:00:00+00:00")
    path.write_text("<clause broken\n")
    commit_all(repo, "constructed: broken file", "2022-01-12T12:00:00+00:00")
    git(repo, "checkout", "-q", "HEAD~1", "--", "ua-ge.xml")
    commit_all(repo, "constructed: repaired", "2022-01-13T12:00:00+00:00")
    git(repo, "mv", "ua-ge.xml", "membership.xml")
    commit_all(repo, "constructed: rename", "2022-01-14T12:00:00+00:00")
    return repo


def history(repo: Path, *args: str) -> dict:
    done = drafting(repo, "history", "membership.xml", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    schema = json.loads((ROOT / "schemas" / "history.schema.json").read_text())
    jsonschema.validate(data, schema)
    return data


def test_timeline_lists_each_draft_change_oldest_first_across_a_rename(repo: Path) -> None:
    data = history(repo)
    rows = [
        (e["subject"], e["change"], e["draft"], e["status"], e["changed"]) for e in data["events"]
    ]
    assert rows == [
        ("Bucharest 2008", "added", "nato-2008", "adopted", []),
        ("Geneva 2022", "added", "rus-2022", "proposed", []),
        ("constructed: status change", "changed", "rus-2022", "rejected", ["status"]),
    ]
    assert data["events"][0]["date"] == "2008-04-03T12:00:00+00:00"
    assert data["events"][0]["author"] == "Test Drafter"
    assert data["events"][0]["path"] == "ua-ge.xml"


def test_the_verdict_is_against_the_text_a_draft_answers(repo: Path) -> None:
    first, second, third = history(repo)["events"]
    assert first["previous"] is None and first["verdict"] is None
    assert second["previous"]["draft"] == "nato-2008"
    assert second["previous"]["commit"] == first["commit"]
    assert third["previous"] == {"draft": "rus-2022", "commit": second["commit"]}


def test_an_unreadable_version_is_skipped_and_reported(repo: Path) -> None:
    (skipped,) = history(repo)["skipped"]
    assert skipped["date"] == "2022-01-12T12:00:00+00:00"
    assert "ua-ge.xml" in skipped["problem"]


def test_filters_by_draft_and_by_party(repo: Path) -> None:
    assert [e["draft"] for e in history(repo, "--draft", "nato-2008")["events"]] == ["nato-2008"]
    assert [e["change"] for e in history(repo, "--party", "rus")["events"]] == ["added", "changed"]


def test_text_and_markdown_name_commit_party_and_draft(repo: Path) -> None:
    text = drafting(repo, "history", "membership.xml").stdout
    assert "added draft rus-2022 (rus, proposed, 2022-01-10)" in text
    assert "changed (status) draft rus-2022 (rus, rejected, 2022-01-10)" in text
    markdown = drafting(repo, "history", "membership.xml", "--format", "markdown").stdout
    assert markdown.startswith("# History of `membership.xml`\n")
    row = "| 2008-04-03 | Test Drafter | Bucharest 2008 | added | nato-2008 | nato | adopted |"
    assert row in markdown


def test_a_file_never_committed_is_a_clear_error(repo: Path) -> None:
    done = drafting(repo, "history", "nothing.xml")
    assert done.returncode == 2 and "nothing.xml" in done.stderr
    assert "Traceback" not in done.stderr


def test_removed_drafts_are_events_too(tmp_path: Path, repo: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    path = clone / "membership.xml"
    lines = path.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if 'id="rus-2022"' in line)
    del lines[start : start + 3]  # constructed: the Russian draft withdrawn from the file
    path.write_text("".join(lines))
    commit_all(clone, "constructed: remove", "2022-02-01T12:00:00+00:00")
    done = drafting(clone, "history", "membership.xml", "--format", "json")
    last = json.loads(done.stdout)["events"][-1]
    assert (last["change"], last["draft"], last["tier"]) == ("removed", "rus-2022", None)


def test_a_draft_the_analyser_cannot_grade_keeps_null_strength(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "de")
    assert drafting(repo, "new", "c", "--title", "Constructed", "--party", "x=X").returncode == 0
    done = drafting(
        repo,
        "draft",
        "add",
        "c.xml",
        "--party",
        "x",
        "--date",
        "2020-01-01",
        "--lang",
        "de",
        "--instrument",
        "treaty",
        "--id",
        "x-de",
        "--text",
        "Constructed sentence in German orthography: Die Parteien.",
    )
    assert done.returncode == 0, done.stderr
    commit_all(repo, "constructed German draft")
    done = drafting(repo, "history", "c.xml", "--format", "json")
    assert done.returncode == 0, done.stderr
    (event,) = json.loads(done.stdout)["events"]
    assert (event["draft"], event["tier"], event["polarity"]) == ("x-de", None, None)
