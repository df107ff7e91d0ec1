"""Hooks git cannot go around (issue 12), in real repositories: merges run pre-merge-commit,
cherry-pick and rebase commit without pre-commit (post-commit and post-rewrite report), and
only files whose root is in a drafting namespace are ever checked.

The Bucharest sentence (NATO, 3 April 2008) is real; the foreign XML files are CONSTRUCTED.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.git import BUCHAREST, commit_all, drafting, git, make_repo

FILE = "ua-ge.xml"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "drafts")
    assert drafting(repo, "git", "install").returncode == 0
    done = drafting(
        repo, "new", "ua-ge", "--title", "Membership", "--party", "nato=North Atlantic Treaty"
    )
    assert done.returncode == 0, done.stderr
    args = ["--party", "nato", "--date", "2008-04-03", "--id", "nato-2008", "--text", BUCHAREST]
    done = drafting(repo, "draft", "add", FILE, "--instrument", "political-declaration", *args)
    assert done.returncode == 0, done.stderr
    commit_all(repo, "Bucharest")
    return repo


def _break(repo: Path) -> None:
    """An invalid clause file: a draft responding to a draft that does not exist."""
    path = repo / FILE
    text = path.read_text().replace('id="nato-2008"', 'id="nato-2008" respondsTo="nowhere"', 1)
    path.write_text(text)


def _commit_unchecked(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)


def test_a_merge_commit_runs_the_check(repo: Path) -> None:
    """Only one side changed the file, so git merges it without any driver: the
    pre-merge-commit hook is what refuses."""
    git(repo, "checkout", "-q", "-b", "side")
    _break(repo)
    _commit_unchecked(repo, "broken on a branch")
    git(repo, "checkout", "-q", "main")
    (repo / "README").write_text("constructed\n")
    commit_all(repo, "unrelated")
    merged = git(repo, "merge", "--no-edit", "side", check=False)
    assert merged.returncode != 0
    assert "nowhere" in merged.stderr and "commit refused" in merged.stderr
    assert git(repo, "rev-parse", "-q", "--verify", "MERGE_HEAD", check=False).returncode == 0


def test_cherry_pick_reports_an_invalid_clause(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    _break(repo)
    _commit_unchecked(repo, "broken on a branch")
    git(repo, "checkout", "-q", "main")
    picked = git(repo, "cherry-pick", "side", check=False)
    assert "commit" in picked.stderr and "broken on a branch" in picked.stderr
    assert "holds an invalid clause file" in picked.stderr and "nowhere" in picked.stderr


def test_rebase_reports_invalid_clauses_in_the_rewritten_commits(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "side")
    _break(repo)
    _commit_unchecked(repo, "broken on a branch")
    git(repo, "checkout", "-q", "main")
    (repo / "README").write_text("constructed\n")
    commit_all(repo, "unrelated")
    git(repo, "checkout", "-q", "side")
    rebased = git(repo, "rebase", "main", check=False)
    assert "holds an invalid clause file" in rebased.stderr and "nowhere" in rebased.stderr


def test_rebase_continue_with_a_broken_resolution_is_reported(repo: Path) -> None:
    """Issue 12: `git rebase --continue` committed a resolution that was not well-formed."""
    git(repo, "checkout", "-q", "-b", "side")
    (repo / FILE).write_text((repo / FILE).read_text().replace("agreed", "decided"))
    commit_all(repo, "decided")
    git(repo, "checkout", "-q", "main")
    (repo / FILE).write_text((repo / FILE).read_text().replace("agreed", "resolved"))
    commit_all(repo, "resolved")
    git(repo, "checkout", "-q", "side")
    assert git(repo, "rebase", "main", check=False).returncode != 0  # a real conflict
    (repo / FILE).write_text("<clause xmlns='urn:drafting:clause:1'><oops></clause>\n")
    git(repo, "add", FILE)
    done = git(repo, "rebase", "--continue", check=False, GIT_EDITOR="true")
    assert "holds an invalid clause file" in done.stderr


FOREIGN = {
    "icon.xml": (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n'
    ),
    "deep.xml": "<a>" * 100 + "x" + "</a>" * 100 + "\n",
    "template.xml": (
        '{% set n = 3 %}\n<config>{% for i in range(n) %}<item id="{{ i }}"/>'
        "{% endfor %}</config>\n"
    ),
}


def test_other_xml_is_never_checked(repo: Path) -> None:
    for name, text in FOREIGN.items():
        (repo / name).write_text(text)
    big = "<data>" + "<row>constructed</row>\n" * 600_000 + "</data>\n"  # over 10 MB
    (repo / "big.xml").write_text(big)
    assert (repo / "big.xml").stat().st_size > 10_000_000
    git(repo, "add", "-A")
    done = git(repo, "commit", "-q", "-m", "foreign xml", check=False)
    assert done.returncode == 0, done.stderr
    named = drafting(repo, "git", "pre-commit", *FOREIGN, "big.xml")
    assert named.returncode == 0, named.stderr


def test_a_broken_file_in_our_namespace_is_still_refused(repo: Path) -> None:
    (repo / "bad.xml").write_text('<clause xmlns="urn:drafting:clause:1"><meta>\n')
    git(repo, "add", "bad.xml")
    done = git(repo, "commit", "-q", "-m", "bad", check=False)
    assert done.returncode != 0 and "bad.xml" in done.stderr
