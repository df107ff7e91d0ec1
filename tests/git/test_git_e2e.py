"""Issue 5, "Done when", as one end-to-end run in a fresh repository.

Texts: NATO's Bucharest Summit Declaration of 3 April 2008, para. 23 (real, from
texts/ua-ge-membership.xml); the amendment inserting "never" is CONSTRUCTED (it mirrors, in one
word, Russia's demand of 10 January 2022) so that the strength changes on one word.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from support.git import BUCHAREST, commit_all, drafting, git, make_repo, membership_clause
from support.paths import REPO

from drafting.amend.operations import apply_amendment
from drafting.formats.clausexml import read_clause
from drafting.strength import analyse

ROOT = REPO


def test_done_when(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "drafts")

    # `drafting git install`
    done = drafting(repo, "git", "install")
    assert done.returncode == 0, done.stderr

    # a clause created and committed
    membership_clause(repo, "ua-ge-membership", with_russia=False)
    commit_all(repo, "Bucharest Summit Declaration, para. 23", "2008-04-03T12:00:00+00:00")

    # an amendment applied and committed (constructed: " never" inserted after "will")
    done = drafting(
        repo,
        "amend",
        "ua-ge-membership.xml",
        "--target",
        "nato-2008",
        "--party",
        "nato",
        "--insert",
        " never",
        "--after",
        "will",
        "--apply",
        "--result",
        "nato-never",
        "--date",
        "2008-04-04",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "1. In sentence s1, insert ' never' after 'will'\n"
    commit_all(repo, "constructed amendment: will never", "2008-04-04T12:00:00+00:00")

    # `git diff HEAD~1` shows the word-level change with its strength flag
    shown = git(repo, "diff", "HEAD~1").stdout
    assert "diff --clause a/ua-ge-membership.xml b/ua-ge-membership.xml" in shown
    assert "== draft nato-never · nato · proposed" in shown
    assert "@@ draft nato-never · s1 (changed" in shown  # the hunk header names the draft
    redline = shown.replace("⚑", "")  # the renderer marks strength terms in the text
    assert "We agreed today that these countries will {+never+} become members of NATO." in redline
    flag = next(line for line in shown.splitlines() if line.startswith("⚑"))
    before_tier = analyse(BUCHAREST, language="en", instrument="political-declaration").tier
    assert before_tier in (3, 4)  # the scale's worked example says 3 (political commitment)
    assert str(before_tier) in flag and "5" in flag and "→" in flag  # will never: absolute (5)
    # git log -p / git show: one line per sentence with its flag, hunk headers name drafts
    log = git(repo, "log", "-p", "-1", "-U0").stdout
    assert "+  s1: [tier 5 −] We agreed today that these countries will never become" in log
    assert "@@ draft nato-2008 · nato · adopted" in log  # git names the last draft above

    # committing an invalid clause is refused by the hook with the validation message
    path = repo / "ua-ge-membership.xml"
    good = path.read_text()
    path.write_text(good.replace('status="adopted"', 'status="final"'))
    git(repo, "add", "ua-ge-membership.xml")
    refused = git(repo, "commit", "-m", "invalid status", check=False)
    assert refused.returncode != 0
    assert "ua-ge-membership.xml:" in refused.stderr and "'final'" in refused.stderr
    assert "commit refused" in refused.stderr
    path.write_text(good)
    git(repo, "add", "ua-ge-membership.xml")

    # `drafting history FILE --format json` lists both versions with tiers and the verdict
    done = drafting(repo, "history", "ua-ge-membership.xml", "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    jsonschema.validate(report, json.loads((ROOT / "schemas/history.schema.json").read_text()))
    first, second = [e for e in report["events"] if e["item"] == "draft"]
    (recorded,) = [e for e in report["events"] if e["item"] == "amendment"]  # issue 12
    assert recorded["amendment"]["target"] == "nato-2008" and recorded["change"] == "added"
    assert (first["draft"], first["tier"], first["polarity"]) == (
        "nato-2008",
        before_tier,
        "positive",
    )
    assert (second["draft"], second["tier"], second["polarity"]) == ("nato-never", 5, "negative")
    assert (second["verdict"], second["polarity_change"]) == ("strengthened", True)
    assert second["previous"] == {"draft": "nato-2008", "commit": first["commit"]}

    # a generated set of amending instructions round-trips exactly
    done = drafting(
        repo,
        "amendments",
        "ua-ge-membership.xml",
        "--from",
        "nato-2008",
        "--to",
        "nato-never",
        "--record",
        "--id",
        "generated",
    )
    assert done.returncode == 1, done.stderr
    clause = read_clause(path)
    generated = next(a for a in clause.amendments if a.id == "generated")
    before, after = clause.draft("nato-2008"), clause.draft("nato-never")
    assert before is not None and after is not None
    assert apply_amendment(before, generated).sentences == after.sentences
