"""Issue 12, "Done when", for the merge driver: real branches merged by real ``git merge``.

Texts: the Bucharest sentence (NATO, 3 April 2008), "Ukraine and Georgia will never become a
member of NATO." (Russia's demand as reported on 10 January 2022) and the first sentence of
the US reply of the same day are real (texts/ua-ge-membership.xml). The edits the two
drafters make to one sentence ("decided", "resolved", "the Alliance") are CONSTRUCTED.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from support.git import BUCHAREST, commit_all, drafting, git, make_repo
from support.paths import REPO

from drafting.formats.clausexml import read_clause, read_document, write_clause

RUSSIA = "Ukraine and Georgia will never become a member of NATO."
USA = (
    "We will not allow anyone to slam NATO’s open door policy, which has always been at the "
    "heart of the NATO alliance."
)
FILE = "ua-ge.xml"


def _add(repo: Path, *args: str) -> None:
    done = drafting(repo, "draft", "add", FILE, "--instrument", "political-declaration", *args)
    assert done.returncode == 0, done.stderr


def _edit_sentence(repo: Path, draft_id: str, old: str, new: str) -> None:
    """Change one sentence as a drafter's editor would (through the codec, canonical)."""
    path = repo / FILE
    clause = read_clause(path)
    drafts = tuple(
        replace(d, sentences=tuple(replace(s, text=s.text.replace(old, new)) for s in d.sentences))
        if d.id == draft_id
        else d
        for d in clause.drafts
    )
    write_clause(path, replace(clause, drafts=drafts))


def _base(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "drafts")
    assert drafting(repo, "git", "install").returncode == 0
    done = drafting(
        repo,
        "new",
        "ua-ge",
        "--title",
        "Future NATO membership of Ukraine and Georgia",
        "--party",
        "nato=North Atlantic Treaty Organization",
        "--party",
        "rus=Russian Federation",
        "--party",
        "usa=United States of America",
    )
    assert done.returncode == 0, done.stderr
    _add(repo, "--party", "nato", "--date", "2008-04-03", "--id", "nato-2008", "--text", BUCHAREST)
    commit_all(repo, "Bucharest", "2024-01-01T10:00:00+00:00")
    return repo


def test_drafts_for_different_parties_merge_cleanly(tmp_path: Path) -> None:
    repo = _base(tmp_path)
    git(repo, "checkout", "-q", "-b", "rus")
    _add(
        repo,
        "--party",
        "rus",
        "--date",
        "2022-01-10",
        "--responds-to",
        "nato-2008",
        "--text",
        RUSSIA,
    )
    commit_all(repo, "Russian demand", "2024-01-02T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    _add(
        repo, "--party", "usa", "--date", "2022-01-10", "--responds-to", "nato-2008", "--text", USA
    )
    commit_all(repo, "US reply", "2024-01-03T10:00:00+00:00")

    merged = git(repo, "merge", "--no-edit", "rus", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    clause = read_clause(repo / FILE)  # validates
    assert [d.id for d in clause.drafts] == ["nato-2008", "usa-2022-01-10", "rus-2022-01-10"]
    assert drafting(repo, "validate", FILE).returncode == 0
    assert drafting(repo, "fmt", "--check", FILE).returncode == 0  # the result is canonical


def test_same_draft_changed_on_both_branches_is_a_resolvable_conflict(tmp_path: Path) -> None:
    repo = _base(tmp_path)
    git(repo, "checkout", "-q", "-b", "other")
    _edit_sentence(repo, "nato-2008", "agreed", "resolved")
    # the same default id on both branches for two different proposals
    _add(repo, "--party", "rus", "--date", "2022-01-10", "--text", RUSSIA)
    commit_all(repo, "other drafter", "2024-01-02T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    _edit_sentence(repo, "nato-2008", "agreed", "decided")
    _add(repo, "--party", "rus", "--date", "2022-01-10", "--text", USA)
    commit_all(repo, "this drafter", "2024-01-03T10:00:00+00:00")

    merged = git(repo, "merge", "--no-edit", "other", check=False)
    assert merged.returncode != 0
    assert "CONFLICT on draft 'nato-2008'" in merged.stderr
    assert "renamed 'rus-2022-01-10-2'" in merged.stderr

    # well-formed, readable, reported by validate, refused by the hook
    clause = read_clause(repo / FILE, validate=False)
    texts = {s.text for d in clause.drafts for s in d.sentences}
    assert {RUSSIA, USA} <= texts  # neither proposal lost to the id collision
    (conflict,) = clause.conflicts
    sides = {conflict.ours.sentences[0].text, conflict.theirs.sentences[0].text}  # type: ignore[union-attr]
    assert sides == {
        BUCHAREST.replace("agreed", "decided"),
        BUCHAREST.replace("agreed", "resolved"),
    }
    check = drafting(repo, "validate", FILE)
    assert (
        check.returncode == 1 and "unresolved merge conflict on draft 'nato-2008'" in check.stdout
    )
    git(repo, "add", FILE)
    refused = git(repo, "commit", "--no-edit", check=False)
    assert refused.returncode != 0 and "unresolved merge conflict" in refused.stderr

    listed = drafting(repo, "resolve", FILE)
    assert listed.returncode == 1 and "draft nato-2008" in listed.stdout
    done = drafting(repo, "resolve", FILE, "--take", "theirs")
    assert done.returncode == 0, done.stderr
    resolved = read_clause(repo / FILE)
    assert resolved.draft("nato-2008").text == BUCHAREST.replace("agreed", "resolved")  # type: ignore[union-attr]
    git(repo, "add", FILE)
    assert git(repo, "commit", "--no-edit", check=False).returncode == 0

    # `drafting history` on that graph agrees with `git log --graph`
    graph = git(repo, "log", "--graph", "--parents", "--format=%H %P", "--", FILE).stdout
    parents = {}
    for line in graph.splitlines():
        shas = [w for w in line.split() if len(w) == 40]
        if shas:
            parents[shas[0]] = shas[1:]
    report = json.loads(drafting(repo, "history", FILE, "--format", "json").stdout)
    merge = git(repo, "rev-parse", "HEAD").stdout.strip()
    assert len(parents[merge]) == 2
    for event in report["events"]:
        assert event["commit"] in parents
        assert event["parent"] is None or event["parent"] in parents[event["commit"]]
    against = {e["parent"] for e in report["events"] if e["commit"] == merge}
    assert against == set(parents[merge])  # the merge, against each side
    assert {e["commit"] for e in report["events"]} == set(parents)


def test_a_merge_that_would_break_a_reference_is_refused(tmp_path: Path) -> None:
    repo = _base(tmp_path)
    _add(repo, "--party", "usa", "--date", "2022-01-10", "--id", "usa-2022", "--text", USA)
    commit_all(repo, "US text", "2024-01-01T11:00:00+00:00")
    git(repo, "checkout", "-q", "-b", "delete")
    clause = read_clause(repo / FILE)
    write_clause(repo / FILE, replace(clause, drafts=clause.drafts[:1]))
    commit_all(repo, "drop the US text", "2024-01-02T10:00:00+00:00")
    git(repo, "checkout", "-q", "main")
    _add(
        repo,
        "--party",
        "rus",
        "--date",
        "2022-01-10",
        "--responds-to",
        "usa-2022",
        "--text",
        RUSSIA,
    )
    commit_all(repo, "answer the US text", "2024-01-03T10:00:00+00:00")

    merged = git(repo, "merge", "--no-edit", "delete", check=False)
    assert merged.returncode != 0
    assert "CONFLICT on draft 'usa-2022'" in merged.stderr
    clause = read_clause(repo / FILE, validate=False)
    assert clause.draft("usa-2022") is not None  # kept in place while the conflict stands
    # taking the deletion would leave respondsTo dangling: refused, file unchanged
    before = (repo / FILE).read_bytes()
    done = drafting(repo, "resolve", FILE, "--take", "theirs")
    assert done.returncode == 2 and "usa-2022" in done.stderr
    assert (repo / FILE).read_bytes() == before
    assert drafting(repo, "resolve", FILE, "--take", "ours").returncode == 0
    assert read_clause(repo / FILE).draft("usa-2022") is not None


def test_foreign_xml_still_gets_gits_line_merge(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "mixed")
    assert drafting(repo, "git", "install").returncode == 0
    (repo / "pom.xml").write_text("<project>\n<a>1</a>\n<b>1</b>\n</project>\n")
    commit_all(repo, "pom")
    git(repo, "checkout", "-q", "-b", "x")
    (repo / "pom.xml").write_text("<project>\n<a>2</a>\n<b>1</b>\n</project>\n")
    commit_all(repo, "a")
    git(repo, "checkout", "-q", "main")
    (repo / "pom.xml").write_text("<project>\n<a>3</a>\n<b>1</b>\n</project>\n")
    commit_all(repo, "a again")
    merged = git(repo, "merge", "--no-edit", "x", check=False)
    assert merged.returncode != 0
    assert "<<<<<<< " in (repo / "pom.xml").read_text()


def test_document_files_merge_by_ids_and_words(tmp_path: Path) -> None:
    """Two drafters edit different words of one sentence of a draft treaty (one line of the
    file, so git's line merge would conflict). The document is real (texts/rus-nato-2021.xml);
    the edits are CONSTRUCTED."""
    import shutil

    repo = make_repo(tmp_path / "doc")
    assert drafting(repo, "git", "install").returncode == 0
    shutil.copy(REPO / "texts" / "rus-nato-2021.xml", repo / "d.xml")
    commit_all(repo, "Russian draft")

    def edit(old: str, new: str) -> None:
        done = drafting(repo, "amend", "d.xml", "--at", "1.2", "--replace", old, "--with", new)
        assert done.returncode == 0, done.stderr

    git(repo, "checkout", "-q", "-b", "other")
    edit("all international disputes", "all disputes")
    commit_all(repo, "shorter")
    git(repo, "checkout", "-q", "main")
    edit("by peaceful means", "by peaceful means only")
    commit_all(repo, "stricter")
    merged = git(repo, "merge", "--no-edit", "other", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = read_document(repo / "d.xml").articles[0].paragraphs[1].sentences[0].text
    assert "settle all disputes" in text and "by peaceful means only" in text

    git(repo, "checkout", "-q", "-b", "third", "HEAD~2")  # the original text
    edit("by peaceful means", "by peaceful means alone")
    commit_all(repo, "alone")
    git(repo, "checkout", "-q", "main")
    clash = git(repo, "merge", "--no-edit", "third", check=False)
    assert clash.returncode != 0 and "git's conflict markers are in the file" in clash.stderr
    assert "<<<<<<< " in (repo / "d.xml").read_text()
