"""The diff driver's issue-12 behaviours in a real repository: metadata changes named with
their strength consequence, renames (git's 8th argument), colour when git asks for it, and
raw text during a conflict.

Texts are real (texts/ua-ge-membership.xml); every edit made here is CONSTRUCTED.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.git import commit_all, drafting, git, make_repo

ROOT = Path(__file__).resolve().parents[1]


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
