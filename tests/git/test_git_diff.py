"""What git shows for clause files once `drafting git install` ran: diff driver and textconv.

Texts are real (texts/*.xml, from the shared corpus); edits made for a test are constructed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.git import commit_all, drafting, git, make_repo
from support.paths import REPO

ROOT = REPO


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo")
    assert drafting(repo, "git", "install").returncode == 0
    shutil.copy(ROOT / "texts" / "ua-ge-membership.xml", repo / "clause.xml")
    commit_all(repo, "real texts")
    return repo


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_git_diff_shows_a_word_diff_under_a_header_naming_the_draft(repo: Path) -> None:
    # constructed: one word of the Russian 2021 draft changed ("prevent" -> "discourage")
    edit(repo / "clause.xml", "shall undertake to prevent", "shall undertake to discourage")
    shown = git(repo, "diff").stdout
    assert "== draft rus-2021-usa · rus · proposed · 2021-12-17 · draft-treaty\n" in shown
    assert "@@ draft rus-2021-usa · s1 (changed" in shown
    assert "shall undertake to [-prevent-]{+discourage+} further eastward" in shown


def test_a_status_change_is_named_in_the_header(repo: Path) -> None:
    edit(repo / "clause.xml", 'status="counter-proposal"', 'status="rejected"')  # constructed
    shown = git(repo, "diff").stdout
    assert (
        "== draft usa-2022 · usa · rejected · 2022-01-10 · statement "
        "(status counter-proposal → rejected)\n" in shown
    )


def test_git_log_p_uses_textconv_with_hunk_headers_naming_the_draft(repo: Path) -> None:
    edit(repo / "clause.xml", "military bases", "bases")  # constructed
    commit_all(repo, "constructed edit", "2024-01-02T12:00:00+00:00")
    log = git(repo, "log", "-p", "-1", "-U0").stdout  # git names the last header above a hunk
    hunk = next(line for line in log.splitlines() if line.startswith("@@"))
    assert hunk.startswith("@@ -21 +21 @@ draft rus-2021-usa · rus · proposed · 2021-12-17")
    assert any(
        line.startswith("+  s2: ") and "shall not establish bases" in line
        for line in log.splitlines()
    )


def test_a_broken_version_falls_back_to_a_line_diff_and_git_does_not_fail(repo: Path) -> None:
    (repo / "clause.xml").write_text("<clause broken\n")
    done = git(repo, "diff", check=False)
    assert done.returncode == 0
    assert "+<clause broken" in done.stdout


def test_documents_are_rendered_article_by_article(repo: Path) -> None:
    shutil.copy(ROOT / "texts" / "rus-nato-2021.xml", repo / "doc.xml")
    commit_all(repo, "document", "2024-01-03T12:00:00+00:00")
    text = git(repo, "show", "HEAD").stdout
    assert "+article " in text


def test_an_added_file_is_shown_draft_by_draft(repo: Path) -> None:
    shutil.copy(ROOT / "texts" / "ua-ge-membership.xml", repo / "copy.xml")
    git(repo, "add", "copy.xml")
    shown = git(repo, "diff", "--cached").stdout
    assert "diff --clause a/copy.xml b/copy.xml\n--- /dev/null\n+++ b/copy.xml\n" in shown
    assert (
        "== draft nato-2008 · nato · adopted · 2008-04-03 · political-declaration "
        "(new draft)\n" in shown
    )
    assert "+ s1: We agreed today that these countries will become members of NATO." in shown


def test_drafting_diff_reads_revisions_straight_from_git(repo: Path) -> None:
    edit(repo / "clause.xml", "shall undertake to prevent", "shall undertake to discourage")
    commit_all(repo, "constructed edit", "2024-01-02T12:00:00+00:00")
    done = drafting(repo, "diff", "HEAD~1:clause.xml#rus-2021-usa", "clause.xml#rus-2021-usa")
    assert done.returncode == 1, done.stderr
    assert "[-prevent-]{+discourage+}" in done.stdout
    ranged = drafting(repo, "diff", "clause.xml#rus-2021-usa", "--rev", "HEAD~1..HEAD")
    assert ranged.returncode == 1 and "[-prevent-]{+discourage+}" in ranged.stdout
    same = drafting(repo, "diff", "clause.xml#rus-2021-usa", "--rev", "HEAD")  # vs work tree
    assert same.returncode == 0, same.stderr
    staged = drafting(repo, "diff", ":clause.xml#nato-2008", "HEAD~1:clause.xml#nato-2008")
    assert staged.returncode == 0, staged.stderr
    bad = drafting(repo, "diff", "clause.xml", "--rev", "..HEAD")
    assert bad.returncode == 2 and "expected A..B" in bad.stderr


def test_a_changed_document_gets_the_article_aligned_redline(repo: Path) -> None:
    shutil.copy(ROOT / "texts" / "rus-nato-2021.xml", repo / "doc.xml")
    commit_all(repo, "document", "2024-01-03T12:00:00+00:00")
    text = (repo / "doc.xml").read_text()
    marker = next(w for w in (" shall ", " undertake ") if w in text)
    edit(
        repo / "doc.xml", marker, marker.replace("shall", "should").replace("undertake", "consider")
    )  # constructed: one modal weakened
    shown = git(repo, "diff").stdout.replace("⚑", "")
    assert shown.startswith("diff --clause a/doc.xml b/doc.xml\n")
    assert "@@ Article" in shown and (
        "[-shall-]{+should+}" in shown or "[-undertake-]{+consider+}" in shown
    )


# Issue 12: metadata changes named with their strength consequence, renames (git's 8th
# argument), colour when git asks for it, raw text during a conflict. Edits are CONSTRUCTED.


def test_a_change_of_instrument_is_named_with_its_strength_consequence(repo: Path) -> None:
    """Issue 12: a change of instrument printed only the new header."""
    old = 'date="2008-04-03" xml:lang="en" instrument="political-declaration"'
    edit(repo / "clause.xml", old, old.replace("political-declaration", "treaty"))
    shown = git(repo, "diff").stdout
    assert "(instrument political-declaration → treaty)" in shown
    line = next(x for x in shown.splitlines() if x.startswith("~ instrument:"))
    assert "political-declaration → treaty; strength of the same text: " in line
    assert "tier" in line


def test_a_renamed_clause_is_diffed_under_its_new_name(repo: Path) -> None:
    git(repo, "mv", "clause.xml", "membership.xml")
    edit(repo / "membership.xml", 'status="counter-proposal"', 'status="rejected"')
    git(repo, "add", "-A")
    shown = git(repo, "diff", "--cached", "-M").stdout
    assert "diff --clause a/clause.xml b/membership.xml" in shown
    assert "rename from clause.xml\nrename to membership.xml" in shown
    assert "~ status: counter-proposal → rejected; strength grade unaffected" in shown


def test_colour_only_when_git_asks_for_it(repo: Path) -> None:
    edit(repo / "clause.xml", "shall undertake to prevent", "shall undertake to discourage")
    plain = git(repo, "diff").stdout
    assert "\x1b[" not in plain
    coloured = git(repo, "-c", "color.diff=always", "diff", NO_COLOR="").stdout
    assert "\x1b[" in coloured and "discourage" in coloured
    assert "\x1b[" not in git(repo, "-c", "color.diff=always", "diff").stdout  # NO_COLOR wins


def test_conflict_markers_fall_back_to_raw_text_with_a_note(repo: Path) -> None:
    """Issue 12: during a conflict `git diff` showed the whole rendered clause deleted and
    the raw XML added. (The markers are written by hand here: with the clause merge driver
    git no longer leaves them in clause files.)"""
    text = (repo / "clause.xml").read_text()
    line = next(x for x in text.splitlines() if "rus-2021-usa" in x and "<draft" in x)
    (repo / "clause.xml").write_text(
        text.replace(line, f"<<<<<<< ours\n{line}\n=======\n{line}\n>>>>>>> theirs", 1)
    )
    shown = git(repo, "diff").stdout
    assert "is not a readable clause or document file" in shown
    assert "+<<<<<<< ours" in shown
    removed = [x for x in shown.splitlines() if x.startswith("-") and not x.startswith("---")]
    assert removed == []  # nothing of the clause is shown as deleted
