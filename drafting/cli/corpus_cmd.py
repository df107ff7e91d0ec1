"""``drafting corpus``: strength profiles and borrowed articles across a whole corpus."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from drafting.cli.common import color_option, emit, format_option, output_option, want_color
from drafting.errors import EXIT_DIFFERENT, EXIT_OK
from drafting.model import INSTRUMENTS

if TYPE_CHECKING:
    from drafting.corpus.engine import EngineOptions
    from drafting.corpus.tasks import BadFile

ENGINE_HELP = """\b
Engines: by default a local process pool (--workers, one per core); --dask local:N starts a
Dask LocalCluster of N workers here; --scheduler tcp://HOST:8786 runs the same tasks on a
Dask cluster whose workers have drafting installed (pip install 'drafting[dask]'). Results
are identical on every engine."""


def _engine_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="Run on the Dask scheduler at ADDRESS (needs drafting[dask]).",
    )(f)
    f = click.option(
        "--dask", "dask_local", metavar="local:N", help="Run on a Dask LocalCluster of N workers."
    )(f)
    f = click.option(
        "--workers",
        type=click.IntRange(1),
        default=None,
        help="Local processes (default: one per core; 1 runs in this process).",
    )(f)
    f = click.option(
        "--instrument",
        type=click.Choice(INSTRUMENTS),
        help="Instrument assumed for plain-text files (XML files carry their own).",
    )(f)
    return click.option(
        "--progress/--no-progress",
        default=None,
        help="Progress bar on standard error (default: when it is a terminal).",
    )(f)


def _engine(workers: int | None, dask_local: str | None, scheduler: str | None) -> EngineOptions:
    from drafting.corpus.engine import (  # start-up time
        EngineOptions,
        default_workers,
        parse_dask_local,
    )

    if dask_local is not None and scheduler is not None:
        raise click.UsageError("give --dask or --scheduler, not both")
    return EngineOptions(
        workers=workers or default_workers(),
        scheduler=scheduler,
        dask_local=parse_dask_local(dask_local) if dask_local is not None else None,
    )


@contextmanager
def _progress(target: str, show: bool | None, label: str) -> Iterator[Callable[[str], None]]:
    """A progress bar over the files of ``target`` on standard error (counted first, which
    costs a folder walk and no reading)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield lambda path: None
        return
    from drafting.corpus.files import count_paths  # start-up time

    with click.progressbar(length=count_paths(target), label=label, file=sys.stderr) as bar:
        yield lambda path: bar.update(1)


def _report_bad(bad: BadFile) -> None:
    click.echo(f"drafting: {bad.message} (skipped)", err=True)


@click.group("corpus")
def corpus() -> None:
    """Strength profiles and borrowed articles across thousands of files."""


@corpus.command(
    "scan",
    epilog="""\b
Examples:
  drafting corpus scan treaties/ -o profiles.parquet
  drafting corpus scan 'treaties/**/*.xml' -o profiles.csv --workers 2
  drafting corpus scan treaties/ --instrument treaty -o rows.jsonl --dask local:2
  drafting corpus scan treaties/ | head

\b
One row per article (or per draft of a clause file), then one per file (level
"document"): counts of sentences by tier (tier_0..tier_5), unresolved brackets,
sentences with no commitment term, polarity, hedges, intensifiers, conditions and the
main terms, with language and instrument. JSON lines follow
schemas/corpus-scan-row.schema.json. Running again with the same -o resumes: files
whose content is already in OUT are skipped. A bad file is reported on standard error
and skipped; the run goes on.
"""
    + ENGINE_HELP
    + """

\b
Exit codes: 0 every file profiled, 1 some files were bad (skipped), 2 trouble.""",
)
@click.argument("target", metavar="DIR|GLOB")
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="OUT.jsonl, OUT.csv or OUT.parquet ('-': JSON lines on standard output).",
)
@_engine_options
def scan(
    target: str,
    output: str,
    instrument: str | None,
    workers: int | None,
    dask_local: str | None,
    scheduler: str | None,
    progress: bool | None,
) -> int:
    """Profile the guarantee strength of every article and file of DIR or GLOB."""
    from drafting.corpus.scan import scan as run_scan  # start-up time
    from drafting.corpus.tasks import ScanOptions  # start-up time

    engine = _engine(workers, dask_local, scheduler)
    with _progress(target, progress, "scanning") as tick:
        summary = run_scan(
            target,
            output,
            options=ScanOptions(instrument=instrument),
            engine=engine,
            on_file=tick,
            on_bad=_report_bad,
        )
    parts = [f"{summary.profiled} profiled"]
    if summary.resumed:
        parts.append(f"{summary.resumed} already in {output}")
    if summary.bad:
        parts.append(f"{summary.bad} bad (skipped)")
    click.echo("corpus scan: " + ", ".join(parts), err=True)
    return EXIT_DIFFERENT if summary.bad else EXIT_OK


@corpus.command(
    "similar",
    epilog="""\b
Examples:
  drafting corpus similar treaties/
  drafting corpus similar treaties/ --threshold 0.8 --top 20 --diff
  drafting corpus similar treaties/ --format json -o pairs.json --dask local:2

\b
Finds articles of different files that share most of their wording: MinHash signatures
of 3-word shingles in an LSH index propose candidates (no all-pairs comparison), and
each candidate's exact Jaccard similarity decides. Prints one pair per line, most similar
first (similarity, then each article); --diff adds the word redline of each pair. JSON
follows schemas/corpus-similar.schema.json.
"""
    + ENGINE_HELP
    + """

\b
Exit codes: 0 searched (pairs or none), 1 some files were bad (skipped), 2 trouble.""",
)
@click.argument("target", metavar="DIR|GLOB")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0, min_open=True),
    default=0.5,
    show_default=True,
    help="Least Jaccard similarity of word shingles reported.",
)
@click.option("--top", type=click.IntRange(1), default=None, help="Only the K most similar pairs.")
@click.option(
    "--min-words",
    type=click.IntRange(1),
    default=30,
    show_default=True,
    help="Leave out shorter articles (stock one-liners borrow nothing).",
)
@click.option("--diff", "with_diff", is_flag=True, help="Add the redline of each pair.")
@format_option("text", "json")
@output_option
@color_option
@_engine_options
def similar(
    target: str,
    threshold: float,
    top: int | None,
    min_words: int,
    with_diff: bool,
    output_format: str,
    output: str,
    color: str,
    instrument: str | None,
    workers: int | None,
    dask_local: str | None,
    scheduler: str | None,
    progress: bool | None,
) -> int:
    """Find near-duplicate and borrowed articles across the files of DIR or GLOB."""
    from drafting.corpus.similar import find_similar  # start-up time
    from drafting.corpus.tasks import SimilarOptions  # start-up time

    options = SimilarOptions(
        threshold=threshold, top=top, min_words=min_words, instrument=instrument
    )
    engine = _engine(workers, dask_local, scheduler)
    with _progress(target, progress, "sketching") as tick:
        result = find_similar(
            target, options=options, engine=engine, on_file=tick, on_bad=_report_bad
        )
    colour = output == "-" and want_color(color)
    if output_format == "json":
        emit(json.dumps(_as_json(result, options, with_diff), ensure_ascii=False, indent=1), output)
    else:
        emit(_as_text(result, with_diff, colour, instrument), output)
    return EXIT_DIFFERENT if result.bad else EXIT_OK


def _redline(pair: Any, instrument: str | None) -> Any:
    """The diff report of a pair's two articles (texts read again from their files), with
    strength verdicts: where the borrowed wording binds more or less than its source."""
    from drafting.corpus.similar import article_text  # start-up time
    from drafting.diff.pipeline import compare  # start-up time
    from drafting.diff.verdicts import strength_hook  # start-up time
    from drafting.inputs import side_from_string  # start-up time

    a = side_from_string(article_text(pair.a, instrument), name=f"{pair.a.path}#{pair.a.unit}")
    b = side_from_string(article_text(pair.b, instrument), name=f"{pair.b.path}#{pair.b.unit}")
    return compare(a, b, strength=strength_hook())


def _as_json(result: Any, options: Any, with_diff: bool) -> dict[str, Any]:
    from drafting.corpus.similar import pair_to_dict  # start-up time
    from drafting.diff.report import report_to_dict  # start-up time

    pairs = []
    for pair in result.pairs:
        entry = pair_to_dict(pair)
        if with_diff:
            entry["diff"] = report_to_dict(_redline(pair, options.instrument))
        pairs.append(entry)
    return {
        "schema_version": "1",
        "options": {
            "threshold": options.threshold,
            "top": options.top,
            "min_words": options.min_words,
            "shingle_words": options.shingle_words,
            "num_perm": options.num_perm,
        },
        "files": result.files,
        "articles": result.articles,
        "candidates": result.candidates,
        "pairs": pairs,
        "skipped": [{"path": b.path, "message": b.message} for b in result.bad],
    }


def _as_text(result: Any, with_diff: bool, colour: bool, instrument: str | None) -> str:
    from drafting.render.text import render_text  # start-up time

    lines = []
    for pair in result.pairs:
        lines.append(
            f"{pair.similarity:.3f}  {pair.a.path}#{pair.a.unit}  {pair.b.path}#{pair.b.unit}\n"
        )
        if with_diff:
            lines.append(render_text(_redline(pair, instrument), color=colour))
            lines.append("\n")
    lines.append(
        f"{len(result.pairs)} pair(s) among {result.articles} articles of {result.files} files "
        f"({result.candidates} candidates compared exactly)\n"
    )
    return "".join(lines)
