"""`drafting history` on branched history (issue 12): each commit against its parent(s).

The Bucharest sentence (NATO, 3 April 2008) and Russia's demand (10 January 2022) are real
(texts/ua-ge-membership.xml); the French draft and the status changes are CONSTRUCTED.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from support.git import BUCHAREST, commit_all, drafting, git, make_repo
from support.paths import REPO

ROOT = REPO
RUSSIA = "Ukraine and Georgia will never become a member of NATO."
FRANCE = "Constructed: the Parties shall consult each other."
FILE = "ua-ge.xml"


def _add(repo: Path, party: str, draft_id: str, text: str) -> None:
    args = ["--party", party, "--date", "2022-01-10", "--id", draft_id, "--text", text]
    done = drafting(repo, "draft", "add", FILE, "--instrument", "political-declaration", *args)
    assert done.returncode == 0, done.stderr


def _status(repo: Path, draft_id: str, status: str) -> None:
    path = repo / FILE
    text = path.read_text()
    head = f'<draft id="{draft_id}" party="nato" status="'
    start = text.index(head) + len(head)
    end = text.index('"', start)
    path.write_text(text[:start] + status + text[end:])


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main: nato-2008; branch `status` changes its status, branch `fra` adds fra-2024 and
    a Russian draft; commit dates interleave so that listing order mixes the branches."""
    repo = make_repo(tmp_path_factory.mktemp("history") / "drafts")
    assert drafting(repo, "git", "install").returncode == 0
    parties = ["--party", "nato=NATO", "--party", "rus=Russia", "--party", "fra=France"]
    assert drafting(repo, "new", "ua-ge", "--title", "Membership", *parties).returncode == 0
    _add(repo, "nato", "nato-2008", BUCHAREST)
    commit_all(repo, "Bucharest", "2024-01-01T10:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "fra")
    _add(repo, "fra", "fra-2024", FRANCE)
    commit_all(repo, "French draft", "2024-01-02T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    _status(repo, "nato-2008", "bracketed")
    commit_all(repo, "bracket it", "2024-01-03T10:00:00+00:00")
    git(repo, "checkout", "-q", "fra")
    _add(repo, "rus", "rus-2022", RUSSIA)
    commit_all(repo, "Russian demand", "2024-01-04T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    merged = git(repo, "merge", "--no-edit", "fra", check=False)
    assert merged.returncode == 0, merged.stderr
    git(repo, "mv", FILE, "renamed.xml")
    commit_all(repo, "rename", "2024-01-06T10:00:00+00:00")
    return repo


def _events(repo: Path, *args: str) -> list[dict]:
    done = drafting(repo, "history", "renamed.xml", "--format", "json", *args)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    schema = json.loads((ROOT / "schemas" / "history.schema.json").read_text())
    jsonschema.validate(report, schema)
    return report["events"]


def _subject(event: dict) -> str:
    return event["subject"]


def test_each_commit_is_compared_with_its_parent(repo: Path) -> None:
    events = _events(repo)
    by_subject: dict[str, list[tuple[str, str]]] = {}
    for e in events:
        by_subject.setdefault(_subject(e), []).append((e["change"], e["draft"]))
    # the bugs: a commit on one branch was compared with the other branch's commit
    assert by_subject["Russian demand"] == [("added", "rus-2022")]
    assert by_subject["bracket it"] == [("changed", "nato-2008")]
    assert ("removed", "fra-2024") not in {(e["change"], e["draft"]) for e in events}
    # the merge against each parent: what the other side brought
    merge = [e for e in events if e["merge"]]
    parents = git(repo, "log", "-1", "--format=%P", "HEAD~1").stdout.split()
    brought = {
        p: sorted((e["change"], e["draft"]) for e in merge if e["parent"] == p) for p in parents
    }
    assert brought[parents[0]] == [("added", "fra-2024"), ("added", "rus-2022")]
    assert brought[parents[1]] == [("changed", "nato-2008")]


def test_history_agrees_with_git_log_graph(repo: Path) -> None:
    events = _events(repo)
    graph = git(repo, "log", "--parents", "--format=%H %P", "--", FILE, "renamed.xml").stdout
    parents = {line.split()[0]: line.split()[1:] for line in graph.splitlines()}
    for e in events:
        assert e["commit"] in parents
        assert e["parent"] is None or e["parent"] in parents[e["commit"]]
    changed = {e["commit"] for e in events}
    rename = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert set(parents) - changed == {rename}  # only the rename changed no draft
    assert events[0]["path"] == FILE  # the file's name before the rename


def test_first_parent_follows_the_main_line(repo: Path) -> None:
    events = _events(repo, "--first-parent")
    assert {_subject(e) for e in events} == {"Bucharest", "bracket it", "Merge branch 'fra'"}
    merge = [e for e in events if _subject(e).startswith("Merge")]
    assert sorted(e["draft"] for e in merge) == ["fra-2024", "rus-2022"]


def test_subject_in_text_and_unknown_draft_or_party(repo: Path) -> None:
    text = drafting(repo, "history", "renamed.xml").stdout
    assert "“Russian demand”: added draft rus-2022" in text
    assert "merge vs " in text
    bad = drafting(repo, "history", "renamed.xml", "--draft", "typo")
    assert bad.returncode == 2
    assert "known: nato-2008, fra-2024, rus-2022" in bad.stderr
    bad = drafting(repo, "history", "renamed.xml", "--party", "xx")
    assert bad.returncode == 2 and "nato, rus, fra" in bad.stderr
