"""`drafting history` (issue 12): amendments and status changes are events, and a document
gets an article-level timeline. The Bucharest sentence and the Russian draft agreement of
17 December 2021 are real (texts/); the amendment and the edits are CONSTRUCTED."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
from support.git import BUCHAREST, commit_all, drafting, make_repo
from support.paths import REPO

ROOT = REPO
SCHEMA = json.loads((ROOT / "schemas" / "history.schema.json").read_text())


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr


def test_amendments_and_status_changes_are_events(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "drafts")
    parties = ["--party", "nato=NATO", "--party", "rus=Russia"]
    _ok(drafting(repo, "new", "c", "--title", "Membership", *parties))
    args = ["--party", "nato", "--date", "2008-04-03", "--id", "nato-2008", "--text", BUCHAREST]
    _ok(drafting(repo, "draft", "add", "c.xml", "--instrument", "political-declaration", *args))
    commit_all(repo, "Bucharest", "2024-01-01T10:00:00+00:00")
    amend = ["--target", "nato-2008", "--party", "rus", "--id", "rus-a1", "--date", "2022-01-10"]
    _ok(drafting(repo, "amend", "c.xml", *amend, "--delete", "today "))
    commit_all(repo, "proposal", "2024-01-02T10:00:00+00:00")
    _ok(drafting(repo, "amendment", "reject", "c.xml", "rus-a1"))
    commit_all(repo, "rejected", "2024-01-03T10:00:00+00:00")
    _ok(drafting(repo, "status", "c.xml", "nato-2008", "bracketed"))
    commit_all(repo, "bracketed", "2024-01-04T10:00:00+00:00")
    text = drafting(repo, "history", "c.xml").stdout
    assert "“proposal”: added amendment rus-a1 (rus, proposed, on nato-2008)" in text
    assert "“rejected”: changed (status) amendment rus-a1 (rus, rejected, on nato-2008)" in text
    assert "“bracketed”: changed (status) draft nato-2008 (nato, bracketed, 2008-04-03)" in text
    only = drafting(repo, "history", "c.xml", "--draft", "rus-a1", "--format", "json")
    report = json.loads(only.stdout)
    jsonschema.validate(report, SCHEMA)
    assert [(e["change"], e["amendment"]["status"]) for e in report["events"]] == [
        ("added", "proposed"),
        ("changed", "rejected"),
    ]


def test_a_document_gets_an_article_timeline(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "drafts")
    shutil.copy(ROOT / "texts" / "rus-nato-2021.xml", repo / "doc.xml")
    commit_all(repo, "Russian draft", "2024-01-01T10:00:00+00:00")
    edit = ["--at", "4", "--replace", "shall not deploy", "--with", "shall refrain from deploying"]
    _ok(drafting(repo, "amend", "doc.xml", *edit))
    commit_all(repo, "constructed edit", "2024-01-02T10:00:00+00:00")
    _ok(drafting(repo, "renumber", "doc.xml"))
    commit_all(repo, "renumbered", "2024-01-03T10:00:00+00:00")
    done = drafting(repo, "history", "doc.xml", "--format", "json")
    _ok(done)
    report = json.loads(done.stdout)
    jsonschema.validate(report, SCHEMA)
    events = [(e["subject"], e["change"], e["item"], e["draft"]) for e in report["events"]]
    assert events[:4] == [("Russian draft", "added", "article", a) for a in
                          ("art-1", "art-4", "art-6", "art-7")]  # fmt: skip
    assert ("constructed edit", "changed", "article", "art-4") in events
    renumbered = {e for e in events if e[0] == "renumbered"}
    assert renumbered == {
        ("renumbered", "changed", "article", a) for a in ("art-4", "art-6", "art-7")
    }
    edited = next(e for e in report["events"] if e["subject"] == "constructed edit")
    assert edited["changed"] == ["text"] and edited["tier"] is not None
    text = drafting(repo, "history", "doc.xml").stdout
    assert "changed (metadata) article art-4 (Article 2)" in text
