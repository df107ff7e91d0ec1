"""Real git repositories in temporary folders for the git, history and amend tests.

No mocks: every helper runs the real ``git`` and the real ``drafting`` command. The
environment pins author, committer and dates so commits are reproducible, and cuts the
repository off from the user's global and system git configuration.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from support.cli import run_drafting

BASE_ENV = {
    "GIT_AUTHOR_NAME": "Test Drafter",
    "GIT_AUTHOR_EMAIL": "drafter@example.org",
    "GIT_COMMITTER_NAME": "Test Drafter",
    "GIT_COMMITTER_EMAIL": "drafter@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "NO_COLOR": "1",
}


def git_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(BASE_ENV)
    env.update(extra)
    return env


def git(repo: Path, *args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=git_env(**env), capture_output=True, text=True, check=False
    )
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done


def make_repo(folder: Path) -> Path:
    """A fresh repository with a local user, on branch main."""
    folder.mkdir(parents=True, exist_ok=True)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "Test Drafter")
    git(folder, "config", "user.email", "drafter@example.org")
    return folder


def commit_all(repo: Path, message: str, date: str = "2024-01-01T12:00:00+00:00") -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return git(repo, "rev-parse", "HEAD").stdout.strip()


def drafting(repo: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a user would, inside ``repo``."""
    return run_drafting(*args, stdin=stdin, cwd=repo, env=git_env())


BUCHAREST = "We agreed today that these countries will become members of NATO."
"""NATO's Bucharest Summit Declaration (3 April 2008), para. 23: the seed's base wording."""


def membership_clause(repo: Path, name: str = "ua-ge", *, with_russia: bool = True) -> Path:
    """``NAME.xml`` in ``repo``: the Ukraine/Georgia membership clause with NATO (and Russia)
    as parties and NATO's adopted 2008 draft, made by the real commands."""
    parties = ["--party", "nato=North Atlantic Treaty Organization"]
    if with_russia:
        parties += ["--party", "rus=Russian Federation"]
    title = "Future NATO membership of Ukraine and Georgia"
    done = drafting(repo, "new", name, "--title", title, *parties)
    assert done.returncode == 0, done.stderr
    done = drafting(
        repo, "draft", "add", f"{name}.xml", "--party", "nato", "--date", "2008-04-03",
        "--instrument", "political-declaration", "--status", "adopted", "--id", "nato-2008",
        "--text", BUCHAREST,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return repo / f"{name}.xml"
