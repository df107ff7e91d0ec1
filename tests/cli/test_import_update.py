"""``drafting import --update``: a new version of a document keeps the ids of kept text.

The text is the Russian draft agreement of 17 December 2021 (texts/rus-nato-2021.xml, real);
the "new version" made from it here — an article moved, a sentence edited, a sentence
added — is CONSTRUCTED.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support.cli import run_drafting
from support.paths import REPO

from drafting.formats.clausexml import read_document

ROOT = REPO
ADDED = "Constructed: the Parties shall meet every year."


def _setup(tmp_path: Path) -> tuple[Path, str]:
    doc = tmp_path / "doc.xml"
    shutil.copy(ROOT / "texts" / "rus-nato-2021.xml", doc)
    shown = run_drafting("show", str(doc), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    return doc, shown.stdout


def _ids(path: Path) -> dict[str, str]:
    return {s.id: s.text for s in read_document(path).sentences}


def test_reimporting_the_same_text_changes_nothing(tmp_path: Path) -> None:
    doc, text = _setup(tmp_path)
    (tmp_path / "v1.txt").write_text(text)
    done = run_drafting("import", "--update", str(doc), "v1.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert doc.read_bytes() == (ROOT / "texts" / "rus-nato-2021.xml").read_bytes()


def test_moved_edited_and_new_text(tmp_path: Path) -> None:
    doc, text = _setup(tmp_path)
    before = _ids(doc)
    old = read_document(doc)
    head, rest = text.split("Article 1\n", 1)
    first, article4 = rest.split("Article 4\n", 1)
    article4, tail = article4.split("Article 6\n", 1)
    # Article 4 moves to the front and becomes Article 1; the old Article 1 becomes 2
    v2 = head + "Article 1\n" + article4 + "Article 2\n" + first + "Article 6\n" + tail
    v2 = v2.replace("by peaceful means", "by peaceful means only")  # an edit
    v2 = v2.replace(
        "at the expense of the security of other Parties.",
        f"at the expense of the security of other Parties. {ADDED}",
    )
    (tmp_path / "v2.txt").write_text(v2)
    done = run_drafting("import", "--update", str(doc), "v2.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 kept for edited sentences, 1 new" in done.stderr
    after = _ids(doc)
    new = read_document(doc)
    # the moved article keeps its id and its sentences' ids; its number is the new text's
    moved = new.articles[0]
    assert moved.id == old.articles[1].id and moved.num == "1"
    assert [s.id for s in moved.sentences] == [s.id for s in old.articles[1].sentences]
    # the edited sentence keeps its id; unchanged text keeps id and text
    edited = next(i for i, t in after.items() if "peaceful means only" in t)
    assert edited in before and "peaceful means only" not in before[edited]
    for sid, text_ in after.items():
        if sid in before and sid != edited:
            assert before[sid] == text_
    # only the new sentence has a new id, one the old version never used
    fresh = [i for i in after if i not in before]
    assert [after[i] for i in fresh] == [ADDED]
