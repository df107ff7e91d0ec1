"""The same corpus tasks on a real Dask ``LocalCluster`` of 2 workers give exactly the local
engine's results (scan rows byte for byte, similar pairs value for value)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.cli import run_drafting
from support.paths import REPO

from drafting.corpus.engine import EngineOptions
from drafting.corpus.scan import scan
from drafting.corpus.similar import find_similar
from drafting.corpus.tasks import ScanOptions, SimilarOptions

distributed = pytest.importorskip("distributed")
REPO = REPO


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dask-corpus")
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--docs", "16", "--words", "500",
         "--borrow-rate", "0.4", "--bad", "--out", str(out)],
        check=True,
    )  # fmt: skip
    return out


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real LocalCluster: 2 worker processes, one thread each."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def test_scan_on_dask_equals_the_local_engine(corpus: Path, tmp_path: Path, scheduler: str) -> None:
    outputs = {}
    engines = {
        "in-process": EngineOptions(workers=1),
        "pool": EngineOptions(workers=2),
        "dask": EngineOptions(scheduler=scheduler),
    }
    for name, engine in engines.items():
        out = tmp_path / f"{name}.jsonl"
        bad: list[str] = []
        summary = scan(str(corpus), str(out), options=ScanOptions(), engine=engine,
                       on_bad=lambda b, bad=bad: bad.append(b.message))  # fmt: skip
        assert (summary.profiled, summary.bad) == (16, 3)
        assert len(bad) == 3
        outputs[name] = out.read_bytes()
    assert outputs["dask"] == outputs["pool"] == outputs["in-process"]
    assert outputs["dask"].count(b'"level": "document"') == 16


def test_similar_on_dask_equals_the_local_engine(corpus: Path, scheduler: str) -> None:
    options = SimilarOptions(threshold=0.4)
    local = find_similar(str(corpus), options=options, engine=EngineOptions(workers=2))
    dask = find_similar(str(corpus), options=options, engine=EngineOptions(scheduler=scheduler))
    assert local.pairs, "the corpus plants borrowings: some pairs must be found"
    assert dask == local


def test_cli_dask_local_cluster(corpus: Path) -> None:
    """``--dask local:2`` starts its own 2-worker LocalCluster and prints the same report."""
    target = str(corpus / "s000" / "doc-0000[0-7].txt")
    local = run_drafting("corpus", "similar", target, "--format", "json", "--workers", "1")
    dask = run_drafting("corpus", "similar", target, "--format", "json", "--dask", "local:2")
    assert dask.returncode == 0, dask.stderr
    assert json.loads(dask.stdout) == json.loads(local.stdout)
