"""drafting.git.repo against a real repository in a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.git import commit_all, git, git_env, make_repo

from drafting.git import repo as gitrepo


@pytest.fixture(autouse=True)
def isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """gitrepo runs git in this process: give it the same isolated environment."""
    for key in list(os.environ):
        if key.startswith("GIT_"):
            monkeypatch.delenv(key)
    for key, value in git_env().items():
        if key.startswith("GIT_"):
            monkeypatch.setenv(key, value)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo")
    (repo / "a.txt").write_text("one\n")
    commit_all(repo, "first", "2024-01-01T10:00:00+00:00")
    (repo / "a.txt").write_text("two\n")
    commit_all(repo, "second", "2024-01-02T10:00:00+00:00")
    git(repo, "mv", "a.txt", "b.txt")
    commit_all(repo, "rename", "2024-01-03T10:00:00+00:00")
    return repo


def test_file_log_lists_commits_oldest_first_and_follows_renames(repo: Path) -> None:
    log = gitrepo.file_log("b.txt", repo)
    assert [(c.subject, c.path) for c in log] == [
        ("first", "a.txt"),
        ("second", "a.txt"),
        ("rename", "b.txt"),
    ]
    assert log[0].date == "2024-01-01T10:00:00+00:00"
    assert log[0].author == "Test Drafter"


def test_read_blobs_reads_many_versions_in_one_batch(repo: Path) -> None:
    log = gitrepo.file_log("b.txt", repo)
    specs = [f"{c.sha}:{c.path}" for c in log] + ["HEAD:missing.txt"]
    assert gitrepo.read_blobs(specs, repo) == [b"one\n", b"two\n", b"two\n", None]


def test_rev_path_specs_are_told_apart_from_paths(repo: Path) -> None:
    assert gitrepo.split_rev_path("HEAD~2:a.txt", repo) == ("HEAD~2", "a.txt")
    assert gitrepo.split_rev_path(":b.txt", repo) == ("", "b.txt")
    assert gitrepo.split_rev_path("nosuchrev:a.txt", repo) is None
    assert gitrepo.split_rev_path("b.txt", repo) is None
    assert gitrepo.read_rev_path("HEAD~2:a.txt", repo) == (b"one\n", "HEAD~2:a.txt")
    with pytest.raises(gitrepo.GitError, match="no such file in revision HEAD"):
        gitrepo.read_rev_path("HEAD:a.txt", repo)


def test_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(gitrepo.GitError, match="not inside a git repository"):
        gitrepo.repo_root(tmp_path)


def test_staged_paths_and_attributes(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.xml diff=clause\n")
    (repo / "c.xml").write_text("<x/>\n")
    git(repo, "add", "c.xml", ".gitattributes")
    assert gitrepo.staged_paths(repo) == [".gitattributes", "c.xml"]
    assert gitrepo.attribute("diff", ["c.xml", "b.txt"], repo) == {
        "c.xml": "clause",
        "b.txt": "unspecified",
    }
