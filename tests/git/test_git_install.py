"""`drafting git install`, `--uninstall` and the pre-commit hook, in real repositories."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support.git import BUCHAREST, commit_all, drafting, git, make_repo
from support.paths import REPO


def snapshot(repo: Path) -> dict[str, bytes]:
    """Everything install may touch: the repository config, hooks and .gitattributes."""
    files = [repo / ".git" / "config", repo / ".gitattributes"]
    files += sorted((repo / ".git" / "hooks").glob("*"))
    return {str(f.relative_to(repo)): f.read_bytes() for f in files if f.exists()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = make_repo(tmp_path / "repo")
    (repo / "README").write_text("constructed test repository\n")
    commit_all(repo, "start")
    return repo


def add_clause(repo: Path) -> Path:
    assert (
        drafting(
            repo,
            "new",
            "ua-ge",
            "--title",
            "Future NATO membership",
            "--party",
            "nato=North Atlantic Treaty Organization",
        ).returncode
        == 0
    )
    done = drafting(
        repo,
        "draft",
        "add",
        "ua-ge.xml",
        "--party",
        "nato",
        "--date",
        "2008-04-03",
        "--instrument",
        "political-declaration",
        "--id",
        "nato-2008",
        "--text",
        BUCHAREST,
    )
    assert done.returncode == 0, done.stderr
    return repo / "ua-ge.xml"


def test_install_writes_local_config_attributes_and_a_hook_naming_this_python(
    repo: Path,
) -> None:
    done = drafting(repo, "git", "install")
    assert done.returncode == 0, done.stderr
    config = git(repo, "config", "--local", "--get-regexp", r"^diff\.clause\.").stdout
    assert f"{sys.executable} -m drafting git diff-driver" in config
    assert f"{sys.executable} -m drafting git textconv" in config
    assert "diff.clause.xfuncname ^((draft|amendment|article) .*|preamble)$" in config
    assert "*.xml diff=clause" in (repo / ".gitattributes").read_text()
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert f"exec {sys.executable} -m drafting git pre-commit" in hook.read_text()
    assert hook.stat().st_mode & 0o111


def test_install_twice_changes_nothing_and_uninstall_restores_exactly(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.png binary\n")
    before = snapshot(repo)
    assert drafting(repo, "git", "install", "--pattern", "texts/*.xml").returncode == 0
    once = snapshot(repo)
    assert drafting(repo, "git", "install", "--pattern", "texts/*.xml").returncode == 0
    assert snapshot(repo) == once
    assert (repo / ".gitattributes").read_text().startswith("*.png binary\n")
    done = drafting(repo, "git", "install", "--uninstall")
    assert done.returncode == 0, done.stderr
    assert snapshot(repo) == before


def test_uninstall_deletes_a_gitattributes_that_install_created(repo: Path) -> None:
    before = snapshot(repo)
    assert drafting(repo, "git", "install").returncode == 0
    assert (repo / ".gitattributes").exists()
    add_clause(repo)
    git(repo, "add", "ua-ge.xml")
    git(repo, "commit", "-q", "-m", "clause")  # .gitattributes left uncommitted
    git(repo, "log", "-p")  # fills git's textconv cache
    cache = "refs/notes/textconv/clause"
    assert git(repo, "rev-parse", "--verify", "--quiet", cache, check=False).returncode == 0
    assert drafting(repo, "git", "install", "--uninstall").returncode == 0
    assert not (repo / ".gitattributes").exists()
    assert git(repo, "rev-parse", "--verify", "--quiet", cache, check=False).returncode != 0
    assert snapshot(repo) == before


def test_uninstall_keeps_a_gitattributes_that_was_committed(repo: Path) -> None:
    """Issue 12: `git install --uninstall` deleted a committed .gitattributes."""
    assert drafting(repo, "git", "install").returncode == 0
    commit_all(repo, "attributes", "2024-01-02T12:00:00+00:00")
    assert drafting(repo, "git", "install", "--uninstall").returncode == 0
    assert (repo / ".gitattributes").exists()
    assert "diff=clause" not in (repo / ".gitattributes").read_text()


def test_install_writes_every_hook_and_uninstall_removes_only_ours(repo: Path) -> None:
    hooks = repo / ".git" / "hooks"
    assert drafting(repo, "git", "install").returncode == 0
    for name in ("pre-commit", "pre-merge-commit", "post-commit", "post-rewrite"):
        assert "drafting git" in (hooks / name).read_text(), name
    config = git(repo, "config", "--local", "--get-regexp", r"^merge\.clause\.").stdout
    assert f"{sys.executable} -m drafting git merge-driver %O %A %B %P" in config
    assert "merge=clause" in (repo / ".gitattributes").read_text()
    (hooks / "post-merge").write_text("#!/bin/sh\necho theirs\n")
    assert drafting(repo, "git", "install", "--uninstall").returncode == 0
    assert sorted(p.name for p in hooks.iterdir() if not p.name.endswith(".sample")) == [
        "post-merge"
    ]
    assert git(repo, "config", "--local", "--get-regexp", "^merge", check=False).stdout == ""


def test_install_refuses_to_overwrite_a_foreign_hook(repo: Path) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho theirs\n")
    done = drafting(repo, "git", "install")
    assert done.returncode == 2
    assert "a pre-commit hook is already there and is not ours" in done.stderr
    assert hook.read_text() == "#!/bin/sh\necho theirs\n"
    assert drafting(repo, "git", "install", "--no-hook").returncode == 0
    assert hook.read_text() == "#!/bin/sh\necho theirs\n"


def test_install_outside_a_repository_is_an_error(tmp_path: Path) -> None:
    done = drafting(tmp_path, "git", "install")
    assert done.returncode == 2 and "not inside a git repository" in done.stderr


def test_hook_refuses_an_invalid_clause_with_the_validation_message(repo: Path) -> None:
    assert drafting(repo, "git", "install").returncode == 0
    clause = add_clause(repo)
    text = clause.read_text().replace('party="nato"', 'party="otan"', 1)
    clause.write_text(text)
    git(repo, "add", "-A")
    done = git(repo, "commit", "-m", "bad party", check=False)
    assert done.returncode != 0
    assert "ua-ge.xml:" in done.stderr and "unknown party 'otan'" in done.stderr
    assert "commit refused" in done.stderr
    assert git(repo, "log", "--format=%s").stdout.splitlines() == ["start"]


def test_hook_refuses_a_non_canonical_clause_and_checks_the_staged_version(repo: Path) -> None:
    assert drafting(repo, "git", "install").returncode == 0
    clause = add_clause(repo)
    canonical = clause.read_text()
    clause.write_text(canonical.replace("  <meta>", "<meta>", 1))  # valid, not canonical
    git(repo, "add", "-A")
    clause.write_text(canonical)  # fixed in the work tree only: the index is still wrong
    done = git(repo, "commit", "-m", "not canonical", check=False)
    assert done.returncode != 0
    assert "not in canonical form" in done.stderr and "drafting fmt ua-ge.xml" in done.stderr
    git(repo, "add", "ua-ge.xml")
    assert git(repo, "commit", "-q", "-m", "canonical", check=False).returncode == 0


def test_hook_ignores_xml_that_is_not_a_drafting_file(repo: Path) -> None:
    assert drafting(repo, "git", "install").returncode == 0
    (repo / "pom.xml").write_text('<project xmlns="http://maven.apache.org/POM/4.0.0"/>\n')
    git(repo, "add", "pom.xml")
    assert git(repo, "commit", "-q", "-m", "pom", check=False).returncode == 0


def test_pre_commit_framework_mode_checks_named_files(repo: Path) -> None:
    clause = add_clause(repo)
    assert drafting(repo, "git", "pre-commit", clause.name).returncode == 0
    clause.write_text(
        clause.read_text().replace("<s id", "<s  id", 1).replace("</clause>", "</clause>\n\n")
    )
    done = drafting(repo, "git", "pre-commit", clause.name)
    assert done.returncode == 1 and "not in canonical form" in done.stderr


def test_pre_commit_hooks_yaml_points_at_the_same_check() -> None:
    text = (REPO / ".pre-commit-hooks.yaml").read_text()
    assert "- id: drafting-check" in text
    assert "entry: drafting git pre-commit" in text
    assert "files: \\.xml$" in text
