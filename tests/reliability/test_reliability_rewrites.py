"""``fmt`` and ``import --update`` rewrite a file they read: no edit made meanwhile is lost.

Both are read-modify-writes of the same file, so they go through the locked
``formats.atomic.edit_file`` like ``amend --apply`` (issue 16, item 1). Real processes:

- a drafting edit holds the file's lock (``edit_clause`` / ``edit_document`` in another
  process, changing the title while ``fmt`` or ``import --update`` starts): the command
  must not write while the lock is held (a write between the edit's read and its write is
  what loses an edit), then works on the edited file, so both changes are in the result;
- pairs of ``amend --apply`` and ``fmt`` started a random moment apart on one large,
  non-canonical clause file (before ``fmt`` locked, it lost the amendment in some pairs).

The clause texts are constructed; ``texts/rus-nato-2021.xml`` is real, the sentence added to
it here is constructed and labelled so.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from support.cli import CONSTRUCTED_BASE, new_clause, run_drafting, start_drafting
from support.git import make_repo
from support.paths import REPO

from drafting.formats.clausexml import read_clause, read_document

LONG = os.environ.get("DRAFTING_RELIABILITY_LONG") == "1"
PAIRS = 50 if LONG else 3
SIZE = 1500
NEW_TITLE = "Constructed title set by a concurrent edit"
ADDED = "Constructed: the Parties shall meet every year."
BASE = CONSTRUCTED_BASE

HOLDER = """
import sys, time
from dataclasses import replace
from pathlib import Path
from drafting.formats.atomic import edit_file
from drafting.formats.clausexml import edit_clause, edit_document

kind, path, seen = sys.argv[1], Path(sys.argv[2]), []

def change(value):
    if not seen:
        seen.append(path.read_bytes())
        print("held", flush=True)  # the lock is ours: the other command starts now
        time.sleep(float(sys.argv[3]))
        if path.read_bytes() != seen[0]:
            print("written by another command while this edit held the lock", flush=True)
    if kind == "bytes":  # a line added to a text file
        return value + sys.argv[4].encode() + b"\\n"
    return replace(value, title=sys.argv[4])

edit = {"document": edit_document, "clause": edit_clause, "bytes": edit_file}[kind]
edit(path, change)
"""


def _hold(kind: str, path: Path, seconds: float, new: str = NEW_TITLE) -> subprocess.Popen[str]:
    """Another drafting process editing ``path`` under the lock for a while: the title of a
    clause or document, or a line added to a text file (``kind`` ``bytes``)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, kind, str(path), str(seconds), new],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    line = holder.stdout.readline()
    assert line == "held\n", holder.stderr.read() if holder.stderr else line
    return holder


def _finish(run: subprocess.Popen[str]) -> str:
    out, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "while this edit held the lock" not in out  # the holder's own check
    return err


def _messy(path: Path) -> bytes:
    """The file made non-canonical (deeper indentation), so that ``fmt`` has work to do."""
    data = path.read_bytes().replace(b"\n  <", b"\n      <")
    path.write_bytes(data)
    return data


def test_fmt_waits_for_an_edit_in_progress_and_keeps_it(tmp_path: Path) -> None:
    path = new_clause(tmp_path)
    _messy(path)
    holder = _hold("clause", path, 3)
    try:
        run = start_drafting("fmt", "c.xml", cwd=tmp_path)
        _finish(run)
    finally:
        _finish(holder)
    assert read_clause(path).title == NEW_TITLE  # the concurrent edit is kept
    check = run_drafting("fmt", "--check", "c.xml", cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr  # and the file is formatted


def test_import_update_waits_for_an_edit_in_progress_and_keeps_it(tmp_path: Path) -> None:
    doc = tmp_path / "doc.xml"
    shutil.copy(REPO / "texts" / "rus-nato-2021.xml", doc)
    shown = run_drafting("show", str(doc), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    last = read_document(doc).sentences[-1].text
    assert last in shown.stdout
    (tmp_path / "v2.txt").write_text(shown.stdout.replace(last, f"{last} {ADDED}", 1))
    holder = _hold("document", doc, 3)
    try:
        err = _finish(start_drafting("import", "--update", "doc.xml", "v2.txt", cwd=tmp_path))
    finally:
        _finish(holder)
    assert "sentence ids kept" in err
    after = read_document(doc)
    assert after.title == NEW_TITLE  # the concurrent edit is kept (the title is the old one's)
    assert any(s.text == ADDED for s in after.sentences)  # and so is the new version


def test_concurrent_fmt_and_amend_apply_lose_nothing(tmp_path: Path) -> None:
    rng = random.Random(16)
    path = new_clause(tmp_path)
    # a long second draft: fmt takes a while between its read and its write
    long_text = " ".join(f"Constructed sentence number {n} of the long draft." for n in range(SIZE))
    done = run_drafting(
        "draft", "add", "c.xml", "--party", "a", "--date", "2024-01-02", "--id", "a-2",
        "--instrument", "treaty", "--text", long_text, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    for pair in range(PAIRS):
        _messy(path)
        amend = [
            "amend", "c.xml", "--target", "a-1", "--party", "a", "--replace", "common concern",
            "--with", f"concern number {pair}", "--apply", "--date", "2024-02-01",
        ]  # fmt: skip
        # amend first, fmt a moment later: fmt then reads while amend is at work (the
        # window in which fmt, before it locked, wrote back the file without the amendment)
        runs = [start_drafting(*amend, cwd=tmp_path)]
        time.sleep(rng.uniform(0.0, 0.6))
        runs.append(start_drafting("fmt", "c.xml", cwd=tmp_path))
        for run in runs:
            _finish(run)
        clause = read_clause(path)
        assert len(clause.amendments) == pair + 1  # the amendment is never lost
        texts = {d.sentences[0].text for d in clause.drafts if d.id != "a-2"}
        assert f"{BASE[:-15]}concern number {pair}." in texts
        check = run_drafting("fmt", "--check", "c.xml", cwd=tmp_path)
        assert check.returncode == 0, check.stdout  # and formatting is never lost either


def test_git_install_waits_for_an_edit_of_gitattributes_and_keeps_it(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    attributes = repo / ".gitattributes"
    attributes.write_bytes(b"*.txt text\r\n")  # CRLF: kept by install
    holder = _hold("bytes", attributes, 3, "*.md diff=markdown\r")
    try:
        _finish(start_drafting("git", "install", cwd=repo))
    finally:
        _finish(holder)
    data = attributes.read_bytes()
    assert data.startswith(b"*.txt text\r\n*.md diff=markdown\r\n")  # the edit is kept
    assert b"diff=clause" in data  # and so is install's block


def test_git_install_respects_git_s_own_config_lock(tmp_path: Path) -> None:
    """A ``git config`` in progress holds ``.git/config.lock``: install must not replace the
    config under it (git would then rename its lock over install's settings, or the other
    way round), and leaves the repository as it was."""
    repo = make_repo(tmp_path / "repo")
    (repo / ".gitattributes").write_bytes(b"*.txt text\n")
    config = repo / ".git" / "config"
    before = {p: p.read_bytes() for p in (config, repo / ".gitattributes")}
    lock = config.with_name("config.lock")
    lock.write_bytes(config.read_bytes())  # what git holds while it writes its config
    done = run_drafting("git", "install", cwd=repo)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "config.lock" in done.stderr
    assert {p: p.read_bytes() for p in before} == before  # nothing changed
    assert lock.exists()  # git's lock is git's: left alone
    lock.unlink()
    assert run_drafting("git", "install", cwd=repo).returncode == 0
