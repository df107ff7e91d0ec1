"""``corpus scan``: a strength profile row for every article and document of a corpus.

Rows are flat (one per article or draft, then one per file, ``level`` saying which), so they
fit a CSV file, a Parquet table or JSON lines alike. A run is resumable: files whose content
hash already has a ``document`` row in the output are not read again. Rows of one file are
written together, its ``document`` row last, so a killed run leaves at most one file's rows
incomplete, and the next run drops them and redoes that file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from drafting.corpus.engine import Engine, EngineOptions, batched
from drafting.corpus.files import read_files
from drafting.corpus.tasks import BadFile, FileProfile, ScanOptions, scan_batch
from drafting.errors import DraftingError
from drafting.strength.profile import StrengthProfile

SCHEMA_VERSION = "1"
BATCH = 8
"""Files per task: about a quarter of a second of work for treaty-sized files, so the
per-task cost of either engine (a pickle, a queue, a scheduler round trip) stays small."""

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}

COLUMNS: tuple[str, ...] = (
    "schema_version",
    "path",
    "sha256",
    "level",
    "unit",
    "label",
    "language",
    "instrument",
    "words",
    "sentences",
    "tier",
    "tier_0",
    "tier_1",
    "tier_2",
    "tier_3",
    "tier_4",
    "tier_5",
    "unresolved",
    "no_term",
    "positive",
    "negative",
    "hedges",
    "intensifiers",
    "conditions",
    "main_terms",
    "analysed",
)
"""The columns of a row, in order (``schemas/corpus-scan-row.schema.json``)."""


def _row(
    path: str,
    sha: str,
    level: str,
    unit: str | None,
    label: str | None,
    language: str,
    instrument: str | None,
    profile: StrengthProfile,
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "path": path,
        "sha256": sha,
        "level": level,
        "unit": unit,
        "label": label,
        "language": language,
        "instrument": instrument,
        "words": profile.words,
        "sentences": profile.sentences,
        "tier": profile.tier,
    }
    for tier, count in enumerate(profile.tiers):
        row[f"tier_{tier}"] = count
    row.update(
        unresolved=profile.unresolved,
        no_term=profile.no_term,
        positive=profile.positive,
        negative=profile.negative,
        hedges=profile.hedges,
        intensifiers=profile.intensifiers,
        conditions=profile.conditions,
        main_terms=[{"term": t, "count": n} for t, n in profile.main_terms],
        analysed=profile.analysed,
    )
    return row


def rows_of(result: FileProfile) -> list[dict[str, Any]]:
    """One row per unit, then the file's ``document`` row."""
    rows = [
        _row(
            result.path,
            result.sha256,
            u.kind,
            u.id,
            u.label,
            u.language,
            u.instrument,
            u.profile,
        )
        for u in result.units
    ]
    rows.append(
        _row(
            result.path,
            result.sha256,
            "document",
            None,
            None,
            result.language,
            result.instrument,
            result.profile,
        )
    )
    return rows


# --------------------------------------------------------------------------- output files


def output_format(path: str) -> str:
    """``jsonl``, ``csv`` or ``parquet`` from the output's suffix (``-``: JSON lines)."""
    if path == "-":
        return "jsonl"
    for suffix, name in FORMATS.items():
        if path.lower().endswith(suffix):
            return name
    raise DraftingError(f"{path}: unknown output format; name it .jsonl, .csv or .parquet")


def _csv_terms(terms: list[dict[str, Any]]) -> str:
    return "; ".join(f"{t['term']}:{t['count']}" for t in terms)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv_line(row: dict[str, Any]) -> str:
    buffer = io.StringIO()
    values = {**row, "main_terms": _csv_terms(row["main_terms"])}
    csv.writer(buffer, lineterminator="\n").writerow(_csv_value(values[c]) for c in COLUMNS)
    return buffer.getvalue()


def _parquet_schema() -> Any:
    import pyarrow as pa  # optional extra: parquet

    integer = pa.int64()
    fields = [
        ("schema_version", pa.string()),
        ("path", pa.string()),
        ("sha256", pa.string()),
        ("level", pa.string()),
        ("unit", pa.string()),
        ("label", pa.string()),
        ("language", pa.string()),
        ("instrument", pa.string()),
        *((name, integer) for name in COLUMNS[8:24]),
        ("main_terms", pa.list_(pa.struct([("term", pa.string()), ("count", integer)]))),
        ("analysed", pa.bool_()),
    ]
    return pa.schema(fields)


class RowWriter:
    """Appends rows to a JSONL or CSV file, or streams them into a Parquet file (which is
    written beside the target and renamed over it when closed, Ctrl-C included)."""

    def __init__(self, path: str, kept: list[dict[str, Any]] | None, fresh: bool) -> None:
        self.path = path
        self.format = output_format(path)
        self._handle: IO[str] | None = None
        self._parquet: Any = None
        self._pending: list[dict[str, Any]] = []
        if self.format == "parquet":
            import pyarrow.parquet as pq  # optional extra: parquet

            self._tmp = f"{path}.partial"
            self._parquet = pq.ParquetWriter(self._tmp, _parquet_schema())
            if kept:
                self._pending.extend(kept)
        elif path == "-":
            self._handle = sys.stdout
        else:
            if fresh:
                _rewrite(path, self.format, kept or [])
            self._handle = open(path, "a", encoding="utf-8", newline="")  # noqa: SIM115
            if self.format == "csv" and self._handle.tell() == 0:
                self._handle.write(",".join(COLUMNS) + "\n")

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self._parquet is not None:
            self._pending.extend(rows)
            if len(self._pending) >= 4096:
                self._flush_parquet()
            return
        assert self._handle is not None
        if self.format == "csv":
            self._handle.write("".join(_csv_line(r) for r in rows))
        else:
            self._handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        self._handle.flush()

    def _flush_parquet(self) -> None:
        import pyarrow as pa  # optional extra: parquet

        if self._pending:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, _parquet_schema()))
            self._pending = []

    def close(self) -> None:
        if self._parquet is not None:
            self._flush_parquet()
            self._parquet.close()
            os.replace(self._tmp, self.path)
        elif self._handle is not None and self.path != "-":
            self._handle.close()


def _rewrite(path: str, fmt: str, rows: list[dict[str, Any]]) -> None:
    """Replace ``path`` with only ``rows`` (dropping a killed run's incomplete file)."""
    tmp = f"{path}.partial"
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            handle.write(",".join(COLUMNS) + "\n")
            handle.write("".join(_csv_line(r) for r in rows))
        else:
            handle.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    os.replace(tmp, path)


def _read_rows(path: str, fmt: str) -> Iterator[dict[str, Any]]:
    """The rows of an earlier run's output (only the columns resuming needs, for CSV)."""
    if fmt == "parquet":
        import pyarrow.parquet as pq  # optional extra: parquet

        yield from pq.read_table(path).to_pylist()
        return
    with open(path, encoding="utf-8", newline="") as handle:
        if fmt == "csv":
            yield from csv.DictReader(handle)
            return
        for line in handle:
            if line.endswith("\n"):
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def previous_rows(path: str) -> tuple[set[str], list[dict[str, Any]] | None]:
    """The content hashes already done in ``path``, and (when some rows must be dropped, or
    the format is Parquet) the complete rows to keep; None when the file can be appended to.
    A file's rows are complete when its ``document`` row is there."""
    fmt = output_format(path)
    if path == "-" or not os.path.exists(path) or os.path.getsize(path) == 0:
        return set(), None
    try:
        done = {r["sha256"] for r in _read_rows(path, fmt) if r.get("level") == "document"}
        if fmt == "parquet":
            return done, [r for r in _read_rows(path, fmt) if r["sha256"] in done]
        total = 0
        kept = 0
        for r in _read_rows(path, fmt):
            total += 1
            kept += r.get("sha256") in done
        with open(path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            clean_end = handle.read(1) == b"\n"
    except (OSError, ValueError, KeyError) as error:
        raise DraftingError(f"{path}: cannot resume from it ({error})") from None
    if kept == total and clean_end:
        return done, None
    if fmt == "csv":
        return done, _csv_rows_kept(path, done)
    return done, [r for r in _read_rows(path, fmt) if r.get("sha256") in done]


def _csv_rows_kept(path: str, done: set[str]) -> list[dict[str, Any]]:
    """CSV rows to keep, converted back to row values (they are written out again)."""
    kept = []
    for raw in _read_rows(path, "csv"):
        if raw.get("sha256") not in done:
            continue
        row: dict[str, Any] = {}
        for column in COLUMNS:
            value = raw.get(column, "")
            if column == "main_terms":
                row[column] = [
                    {"term": t.rpartition(":")[0], "count": int(t.rpartition(":")[2])}
                    for t in value.split("; ")
                    if t
                ]
            elif column == "analysed":
                row[column] = value == "true"
            elif column in COLUMNS[8:24]:
                row[column] = int(value) if value != "" else None
            else:
                row[column] = value if value != "" else None
        kept.append(row)
    return kept


# --------------------------------------------------------------------------- the run


@dataclass
class ScanSummary:
    """What a run did: files profiled, skipped as already done, and reported as bad."""

    profiled: int = 0
    resumed: int = 0
    bad: int = 0


def scan(
    target: str,
    output: str,
    *,
    options: ScanOptions,
    engine: EngineOptions,
    on_file: Callable[[str], None] = lambda path: None,
    on_bad: Callable[[BadFile], None] = lambda bad: None,
) -> ScanSummary:
    """Profile every file of ``target`` into ``output``; ``on_file`` is called once per file
    (for a progress bar), ``on_bad`` for each file reported and skipped."""
    output_format(output)
    done, kept = previous_rows(output)
    summary = ScanSummary()

    def unreadable(path: str, message: str) -> None:
        summary.bad += 1
        on_bad(BadFile(path, message))
        on_file(path)

    def items() -> Iterator[tuple[str, str, bytes]]:
        exclude = None if output == "-" else output
        for found in read_files(target, unreadable, exclude):
            if found.sha256 in done:
                summary.resumed += 1
                on_file(found.path)
                continue
            yield found.path, found.sha256, found.data

    writer = RowWriter(output, kept, fresh=kept is not None)
    try:
        with Engine(engine) as runner:
            for results in runner.map(scan_batch, batched(items(), BATCH), options):
                for result in results:
                    on_file(result.path)
                    if isinstance(result, BadFile):
                        summary.bad += 1
                        on_bad(result)
                        continue
                    summary.profiled += 1
                    writer.write(rows_of(result))
    finally:
        writer.close()
    return summary
