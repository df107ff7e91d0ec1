"""The public Python API (docs/api.md): what `import drafting` offers, and that it agrees with
the command line it stands behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.reports import check_report

import drafting
from drafting.diff.report import report_to_dict

TEXTS = Path(__file__).resolve().parents[1] / "texts"
CLAUSE = TEXTS / "ua-ge-membership.xml"


def test_every_public_name_resolves_and_nothing_else_does() -> None:
    assert set(drafting.__all__) == {"__version__", *drafting._API}
    for name in drafting.__all__:
        assert getattr(drafting, name) is not None
    with pytest.raises(AttributeError):
        drafting.no_such_thing  # noqa: B018
    assert sorted(drafting.__all__) == dir(drafting)


def test_import_drafting_loads_no_heavy_modules() -> None:
    """The command line imports the package first: it must stay cheap (no lxml, no lexicons)."""
    probe = (
        "import json, sys, drafting; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('lxml', 'drafting.')))))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []


def test_analyse_grades_the_seed_case() -> None:
    result = drafting.analyse(
        "Ukraine and Georgia will never become a member of NATO.",
        instrument="political-declaration",
    )
    assert (result.tier, result.polarity) == (5, "negative")


def test_compare_of_two_drafts_equals_the_json_the_command_prints() -> None:
    clause = drafting.load(CLAUSE)
    assert isinstance(clause, drafting.Clause)
    a, b = clause.draft("nato-2008"), clause.draft("rus-2022")
    report = drafting.compare(a, b)
    assert not report.identical
    assert report.strength is not None and report.strength.verdict == "strengthened"
    done = run_drafting("diff", "--format", "json", f"{CLAUSE}#nato-2008", f"{CLAUSE}#rus-2022")
    assert done.returncode == 1, done.stderr
    printed = json.loads(done.stdout)
    ours = report_to_dict(report)
    assert ours["units"] == printed["units"]
    assert ours["strength"] == printed["strength"]
    check_report(ours, report_side_text(a), report_side_text(b))


def report_side_text(draft: drafting.Draft) -> str:
    from drafting.diff.pipeline import side_from_draft

    return side_from_draft(draft, name="x").text


def test_load_reads_plain_text_as_a_document(tmp_path: Path) -> None:
    source = tmp_path / "draft.txt"
    source.write_text(
        "Article 1\nThe Parties shall consult each other.\n", encoding="utf-8"
    )  # constructed test text
    loaded = drafting.load(source)
    assert isinstance(loaded, drafting.Document)
    assert [a.num for a in loaded.articles] == ["1"]


def test_validate_finds_no_problem_in_the_bundled_texts_and_one_in_a_broken_file(
    tmp_path: Path,
) -> None:
    assert drafting.validate(TEXTS) == []
    broken = tmp_path / "broken.xml"
    broken.write_text(CLAUSE.read_text(encoding="utf-8").replace("</clause>", ""), "utf-8")
    problems = drafting.validate(broken)
    assert len(problems) == 1 and problems[0].line > 1


def test_the_examples_in_docs_api_md_run_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    monkeypatch.chdir(TEXTS.parent)
    failures, tried = doctest.testfile(
        str(TEXTS.parent / "docs" / "api.md"), module_relative=False, verbose=False
    )
    assert tried >= 8 and failures == 0
