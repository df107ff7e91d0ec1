"""Hidden characters wherever a reader sees text (issue 16, item 6): JSON, HTML, Word, git.

Every output names a hidden or look-alike character instead of carrying it silently:
``strength --format json`` lists it (validated against schemas/strength.schema.json), HTML
and Word diff and positions reports show ``<U+202E>`` where a bidi control or a zero-width
character was (checked in real Chromium, by parsing the HTML, with python-docx and through
LibreOffice), and the pre-commit hook refuses a staged clause file that holds one (a real
git repository). Every sentence here is constructed ("will ne<ZWJ>ver become a member" is
the attack issue 16 describes, not a quotation).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support.cli import run_drafting
from support.git import commit_all, drafting, git, make_repo

from drafting.resources import schema_path

ZWJ, RLO, PDF_ = "\u200d", "\u202e", "\u202c"
CYRILLIC_E = "\u0435"
ZW_NEVER = f"Georgia will ne{ZWJ}ver become a member of the alliance."
HOMOGLYPH_NEVER = f"Georgia will n{CYRILLIC_E}ver become a member of the alliance."
HIDDEN = (ZWJ, RLO, PDF_)
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _needs(tool: str | None, what: str) -> None:
    if tool is None or not Path(tool).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{what} is not installed (.ci/run installs it)")
        pytest.skip(f"{what} is not installed")


def _no_raw_hidden(text: str) -> None:
    raw = [f"U+{ord(c):04X}" for c in HIDDEN if c in text]
    assert raw == [], f"raw hidden characters in the output: {raw}"


# -- strength --format json


@pytest.fixture(scope="module")
def strength_schema() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("strength.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize(
    ("clause", "kind", "start", "end"),
    [(ZW_NEVER, "invisible", 15, 16), (HOMOGLYPH_NEVER, "mixed-script", 13, 18)],
    ids=["zero-width", "homoglyph"],
)
def test_strength_json_lists_hidden_characters(
    strength_schema: jsonschema.Draft202012Validator,
    clause: str,
    kind: str,
    start: int,
    end: int,
) -> None:
    done = run_drafting("strength", "--format", "json", "--instrument", "treaty", clause)
    assert done.returncode == 0, done.stderr
    _no_raw_hidden(done.stdout)
    document = json.loads(done.stdout)
    strength_schema.validate(document)
    assert [(h["kind"], h["start"], h["end"]) for h in document["hidden"]] == [(kind, start, end)]
    assert document["hidden"][0]["text"] == clause[start:end]  # a span of the clause as given
    assert (document["tier"], document["polarity"]) == (5, "negative")  # graded as read
    assert f"{kind} at character {start + 1}" in done.stderr  # as the text output warns


def test_strength_json_without_hidden_characters_has_no_field(
    strength_schema: jsonschema.Draft202012Validator,
) -> None:
    done = run_drafting("strength", "--format", "json", ZW_NEVER.replace(ZWJ, ""))
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    strength_schema.validate(document)
    assert "hidden" not in document


@pytest.mark.parametrize(
    ("clause", "kind", "start"),
    [(ZW_NEVER, "invisible", 15), (HOMOGLYPH_NEVER, "mixed-script", 13)],
    ids=["zero-width", "homoglyph"],
)
def test_strength_html_lists_hidden_characters(clause: str, kind: str, start: int) -> None:
    done = run_drafting("strength", "--format", "html", "--instrument", "treaty", clause)
    assert done.returncode == 0, done.stderr
    parser = _Collect()
    parser.feed(done.stdout)
    text = "".join(parser.pieces)  # character references resolved, as a browser would
    _no_raw_hidden(text)
    assert "Hidden characters" in text
    assert f"{kind} at character {start + 1}" in text  # where, as the terminal warning says
    assert "Tier 5" in text  # graded as a reader sees it: "never", a prohibition


# -- HTML and Word reports


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two texts that differ only by hidden characters, and a clause file whose second
    party's draft has them, for positions."""
    folder = tmp_path_factory.mktemp("hidden")
    a = folder / "a.txt"
    b = folder / "b.txt"
    a.write_text("The Parties shall never deploy such forces.\n", encoding="utf-8")
    b.write_text(f"The Parties shall ne{ZWJ}ver deploy {RLO}such forces{PDF_}.\n", encoding="utf-8")
    clause = folder / "c.xml"
    steps = [
        ["new", "c", "--title", "Constructed", "--party", "a=Party A", "--party", "b=Party B"],
        ["draft", "add", "c.xml", "--party", "a", "--date", "2024-01-01", "--id", "a-1",
         "--instrument", "treaty", "--text", "The Parties shall never deploy such forces."],
        ["draft", "add", "c.xml", "--party", "b", "--date", "2024-02-01", "--id", "b-1",
         "--instrument", "treaty", "--text", b.read_text(encoding="utf-8").strip()],
    ]  # fmt: skip
    for step in steps:
        done = run_drafting(*step, cwd=folder)
        assert done.returncode == 0, done.stderr
    return {"a": a, "b": b, "clause": clause, "folder": folder}


def _report(inputs: dict[str, Path], name: str, fmt: str) -> Path:
    out = inputs["folder"] / f"{name}.{fmt}"
    if name == "diff":
        args = ["diff", str(inputs["a"]), str(inputs["b"])]
    else:
        args = ["positions", str(inputs["clause"])]
    done = run_drafting(*args, "--format", fmt, "-o", str(out))
    assert done.returncode in (0, 1), done.stderr
    return out


class _Collect(HTMLParser):
    """Every text node and attribute value of a page, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces += [value for _, value in attrs if value]

    def handle_data(self, data: str) -> None:
        self.pieces.append(data)


@pytest.mark.parametrize("name", ["diff", "positions"])
def test_html_reports_show_hidden_characters(inputs: dict[str, Path], name: str) -> None:
    page = _report(inputs, name, "html").read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(page)
    text = "".join(parser.pieces)  # character references resolved, as a browser would
    _no_raw_hidden(text)
    assert "<U+200D>" in text and "<U+202E>" in text and "<U+202C>" in text


def test_html_diff_in_chromium_shows_markers(inputs: dict[str, Path]) -> None:
    _needs(CHROMIUM, "chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    path = _report(inputs, "diff", "html")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page()
            page.goto(path.as_uri())
            shown = page.inner_text("body")
            attributes = page.evaluate(
                "() => Array.from(document.querySelectorAll('*')).flatMap("
                "e => Array.from(e.attributes).map(a => a.value)).join(' ')"
            )
        finally:
            browser.close()
    _no_raw_hidden(shown + attributes)
    assert "<U+200D>" in shown and "<U+202E>" in shown


def _docx_texts(path: Path) -> str:
    """Every text of every XML part of a Word file (body, comments, properties)."""
    from docx import Document  # optional extra: docx, as the renderer

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    with zipfile.ZipFile(path) as package:
        for member in package.namelist():
            if member.endswith(".xml"):
                texts.append(package.read(member).decode("utf-8"))
    return "\n".join(texts)


@pytest.mark.parametrize("name", ["diff", "positions"])
def test_docx_reports_show_hidden_characters(inputs: dict[str, Path], name: str) -> None:
    pytest.importorskip("docx")
    texts = _docx_texts(_report(inputs, name, "docx"))
    _no_raw_hidden(texts)
    assert "&lt;U+200D&gt;" in texts or "<U+200D>" in texts
    assert "&lt;U+202E&gt;" in texts or "<U+202E>" in texts


def test_docx_diff_through_libreoffice_shows_markers(
    inputs: dict[str, Path], tmp_path: Path
) -> None:
    pytest.importorskip("docx")
    soffice = shutil.which("soffice")
    _needs(soffice, "soffice")
    assert soffice is not None
    path = _report(inputs, "diff", "docx")
    done = subprocess.run(
        [
            soffice, "--headless", "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(path),
        ],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "diff.txt").read_text(encoding="utf-8-sig")
    _no_raw_hidden(text)
    assert "<U+200D>" in text and "<U+202E>" in text


# -- the pre-commit hook


def test_pre_commit_refuses_a_clause_with_hidden_characters(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    assert drafting(repo, "git", "install").returncode == 0
    done = drafting(repo, "new", "c", "--title", "Constructed", "--party", "a=Party A")
    assert done.returncode == 0, done.stderr
    args = ["--party", "a", "--date", "2024-01-01", "--id", "a-1", "--instrument", "treaty"]
    done = drafting(repo, "draft", "add", "c.xml", *args, "--text", ZW_NEVER.replace(ZWJ, ""))
    assert done.returncode == 0, done.stderr
    commit_all(repo, "clean")
    for tampered in (ZW_NEVER, HOMOGLYPH_NEVER):
        path = repo / "c.xml"
        clean = path.read_text(encoding="utf-8")
        path.write_text(clean.replace(ZW_NEVER.replace(ZWJ, ""), tampered), encoding="utf-8")
        git(repo, "add", "c.xml")
        refused = git(repo, "commit", "-q", "-m", "tampered", check=False)
        assert refused.returncode != 0
        assert "commit refused" in refused.stderr
        assert ("U+200D ZERO WIDTH JOINER" in refused.stderr) or (
            "mixes Latin with Cyrillic" in refused.stderr
        )
        _no_raw_hidden(refused.stderr)
        path.write_text(clean, encoding="utf-8")
        git(repo, "add", "c.xml")
    status: Any = git(repo, "status", "--porcelain").stdout
    assert status == ""  # nothing tampered was ever committed


def test_strength_batch_lines_list_hidden_characters_with_one_or_two_processes(
    strength_schema: jsonschema.Draft202012Validator, tmp_path: Path
) -> None:
    """Each JSON line lists the hidden characters of its own text, also when a long batch
    is shared with a forked process (``--jobs 2``: over 200,000 characters)."""
    texts = [ZW_NEVER, HOMOGLYPH_NEVER] + [
        f"The Parties shall consult on matter {n} of common concern." for n in range(4000)
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text(
        "".join(json.dumps({"id": n, "text": t}) + "\n" for n, t in enumerate(texts)),
        encoding="utf-8",
    )
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        done = run_drafting("strength", "--batch", str(batch), "--jobs", jobs, "-o", str(out))
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    _no_raw_hidden(outputs[0])
    lines = [json.loads(line) for line in outputs[0].splitlines()]
    for line in lines[:3]:
        strength_schema.validate(line)
    assert [h["kind"] for h in lines[0]["hidden"]] == ["invisible"]
    assert [h["kind"] for h in lines[1]["hidden"]] == ["mixed-script"]
    assert not any("hidden" in line for line in lines[2:])
