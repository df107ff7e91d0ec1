"""`drafting corpus scan` and `corpus similar` on a small generated corpus (constructed text
from bench/gen_corpus.py, with planted profiles and borrowings), run as a user would."""

from __future__ import annotations

import csv
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from support.cli import run_drafting
from support.paths import REPO

from drafting.resources import schema_path

REPO = REPO
DOCS = 24


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 constructed treaties of about 600 words, a fifth of them borrowing an article,
    plus three bad files."""
    out = tmp_path_factory.mktemp("corpus")
    subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "gen_corpus.py"),
            "--docs",
            str(DOCS),
            "--words",
            "600",
            "--borrow-rate",
            "0.3",
            "--bad",
            "--out",
            str(out),
        ],
        check=True,
    )
    return out


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def planted_pairs(corpus: Path) -> set[frozenset[tuple[str, str]]]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    return {
        frozenset(
            [
                (str(corpus / b["source"][0]), b["source"][1]),
                (str(corpus / b["target"][0]), b["target"][1]),
            ]
        )
        for b in truth["borrowings"]
    }


def test_scan_rows_validate_and_match_the_planted_profiles(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "rows.jsonl"
    result = run_drafting("corpus", "scan", str(corpus), "-o", str(out), "--workers", "2")
    assert result.returncode == 1, result.stderr  # the bad files are problems found
    bad = [line for line in result.stderr.splitlines() if line.startswith("drafting: ")]
    assert len(bad) == 3
    assert any("bad-broken.xml:3:1:" in line for line in bad)
    assert f"{DOCS} profiled" in result.stderr
    assert "Traceback" not in result.stderr
    rows = read_jsonl(out)
    check = validator("corpus-scan-row.schema.json")
    for row in rows:
        check.validate(row)
    documents = {r["path"]: r for r in rows if r["level"] == "document"}
    assert len(documents) == DOCS
    for line in (corpus / "profiles.jsonl").read_text(encoding="utf-8").splitlines():
        planted = json.loads(line)
        row = documents[str(corpus / planted["path"])]
        assert [row[f"tier_{t}"] for t in range(6)] == planted["tiers"]
        for key in ("sentences", "positive", "negative", "hedges", "intensifiers", "no_term"):
            assert row[key] == planted[key], (planted["path"], key)
    # a document's row is the sum of its articles' rows
    for path, doc in documents.items():
        articles = [r for r in rows if r["path"] == path and r["level"] == "article"]
        assert articles
        for key in ("words", "sentences", "tier_4", "hedges", "negative"):
            assert doc[key] == sum(a[key] for a in articles)
        assert doc["tier"] == max(a["tier"] for a in articles)


def test_scan_resumes_by_content_hash_after_a_kill(corpus: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    run_drafting("corpus", "scan", str(corpus), "-o", str(full), "--workers", "1")
    expected = full.read_text(encoding="utf-8")
    again = run_drafting("corpus", "scan", str(corpus), "-o", str(full), "--workers", "1")
    assert f"0 profiled, {DOCS} already in" in again.stderr
    assert full.read_text(encoding="utf-8") == expected
    # a killed run: the output stops in the middle of a file's rows, mid-line
    cut = tmp_path / "cut.jsonl"
    cut.write_text(expected[: len(expected) // 2], encoding="utf-8")
    lines = cut.read_text(encoding="utf-8").splitlines(keepends=True)
    done_before = sum('"level": "document"' in line for line in lines if line.endswith("\n"))
    resumed = run_drafting("corpus", "scan", str(corpus), "-o", str(cut), "--workers", "1")
    assert f"{DOCS - done_before} profiled, {done_before} already in" in resumed.stderr
    assert sorted(cut.read_text(encoding="utf-8").splitlines()) == sorted(expected.splitlines())


def test_csv_and_parquet_hold_the_same_rows(corpus: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    target = str(corpus / "s000" / "doc-0000*.txt")
    run_drafting("corpus", "scan", target, "-o", str(tmp_path / "r.jsonl"), "--workers", "1")
    rows = read_jsonl(tmp_path / "r.jsonl")
    assert len({r["path"] for r in rows}) == 10
    run_drafting("corpus", "scan", target, "-o", str(tmp_path / "r.parquet"), "--workers", "1")
    assert pq.read_table(tmp_path / "r.parquet").to_pylist() == rows
    run_drafting("corpus", "scan", target, "-o", str(tmp_path / "r.csv"), "--workers", "1")
    with open(tmp_path / "r.csv", encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["sha256"] for r in table] == [r["sha256"] for r in rows]
    assert [r["tier_4"] for r in table] == [str(r["tier_4"]) for r in rows]
    assert table[0]["main_terms"] == "; ".join(
        f"{t['term']}:{t['count']}" for t in rows[0]["main_terms"]
    )
    # parquet resumes too
    again = run_drafting("corpus", "scan", target, "-o", str(tmp_path / "r.parquet"))
    assert "0 profiled, 10 already in" in again.stderr
    assert pq.read_table(tmp_path / "r.parquet").to_pylist() == rows


def test_similar_finds_the_planted_borrowings(corpus: Path) -> None:
    result = run_drafting("corpus", "similar", str(corpus), "--format", "json", "--workers", "2")
    assert result.returncode == 1  # bad files were skipped
    report = json.loads(result.stdout)
    validator("corpus-similar.schema.json").validate(report)
    assert len(report["skipped"]) == 3
    found = {
        frozenset([(p["a"]["path"], p["a"]["unit"]), (p["b"]["path"], p["b"]["unit"])])
        for p in report["pairs"]
    }
    planted = planted_pairs(corpus)
    assert planted and planted <= found
    similarities = [p["similarity"] for p in report["pairs"]]
    assert similarities == sorted(similarities, reverse=True)
    assert all(s >= 0.5 for s in similarities)
    assert report["candidates"] < len(list(itertools.combinations(range(report["articles"]), 2)))


def test_similar_top_and_redline(corpus: Path) -> None:
    result = run_drafting(
        "corpus", "similar", str(corpus / "s000" / "doc-*.txt"), "--top", "2", "--diff",
        "--format", "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    validator("corpus-similar.schema.json").validate(report)
    everything = json.loads(
        run_drafting("corpus", "similar", str(corpus), "--format", "json").stdout
    )
    assert [p["similarity"] for p in report["pairs"]] == [
        p["similarity"] for p in everything["pairs"][:2]
    ]
    diff_check = validator("diff-report.schema.json")
    for pair in report["pairs"]:
        diff_check.validate(pair["diff"])
        assert pair["diff"]["a"]["name"].endswith("#" + pair["a"]["unit"])
    text = run_drafting("corpus", "similar", str(corpus / "s000" / "doc-*.txt"), "--top", "1",
                        "--diff", "--color", "never")  # fmt: skip
    first = text.stdout.splitlines()[0].split()
    assert float(first[0]) == round(report["pairs"][0]["similarity"], 3)
    assert "---" in text.stdout and "pair(s) among" in text.stdout


def test_missing_target_and_bad_options_are_one_line(tmp_path: Path) -> None:
    missing = run_drafting("corpus", "scan", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"drafting: {tmp_path / 'nowhere'}: no such file or folder"
    wrong = run_drafting("corpus", "scan", str(tmp_path), "-o", str(tmp_path / "x.xlsx"))
    assert wrong.returncode == 2 and "name it .jsonl, .csv or .parquet" in wrong.stderr
    dask = run_drafting("corpus", "similar", str(tmp_path), "--dask", "remote")
    assert dask.returncode == 2 and "expected local:N" in dask.stderr


def test_help_has_examples() -> None:
    for command in ("scan", "similar"):
        result = run_drafting("corpus", command, "--help")
        assert result.returncode == 0
        assert "Examples:" in result.stdout and "--dask" in result.stdout


def test_progress_bar_only_when_asked_or_on_a_terminal(corpus: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    quiet = run_drafting("corpus", "scan", str(corpus / "s000" / "doc-0000[0-2].txt"), "-o",
                         str(tmp_path / "q.jsonl"), env=env)  # fmt: skip
    assert "scanning" not in quiet.stderr
    shown = run_drafting("corpus", "scan", str(corpus / "s000" / "doc-0000[0-2].txt"), "-o",
                         str(tmp_path / "p.jsonl"), "--progress", env=env)  # fmt: skip
    assert "scanning" in shown.stderr
