"""Two engines for one set of tasks: a local process pool, or Dask distributed.

Black's idea (``shared/style.md``): the parallel machinery lives in this one module, and the
tasks never know they ran in parallel. Both engines offer the same ``map``: results in input
order, with a bounded number of tasks in flight, so a run streams (memory does not grow with
the corpus) and its output does not depend on which worker finished first. Dask is imported
only when asked for, from the optional extra ``drafting[dask]``.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from drafting.errors import DraftingError

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 4
"""Tasks queued per worker: enough to keep each one busy while results are consumed in
order, few enough that a run holds a handful of batches, not the corpus."""


@dataclass(frozen=True)
class EngineOptions:
    """Where tasks run: ``workers`` local processes (1: in this process), or Dask, on the
    scheduler at ``scheduler`` or on a ``dask_local``-worker LocalCluster started here."""

    workers: int = 1
    scheduler: str | None = None
    dask_local: int | None = None

    @property
    def uses_dask(self) -> bool:
        return self.scheduler is not None or self.dask_local is not None


def parse_dask_local(spec: str) -> int:
    """``local:N`` → N (the number of LocalCluster workers)."""
    kind, _, count = spec.partition(":")
    if kind != "local" or not count.isdigit() or int(count) < 1:
        raise DraftingError(f"--dask {spec}: expected local:N with N at least 1, as in local:2")
    return int(count)


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Engine:
    """Runs ``fn(item, *args)`` over items; use as a context manager to shut down workers."""

    def __init__(self, options: EngineOptions) -> None:
        self.options = options
        self._executor: Executor | None = None
        self._client: Any = None
        self._cluster: Any = None
        self.workers = 1

    def __enter__(self) -> Engine:
        if self.options.uses_dask:
            self._start_dask()
        elif self.options.workers > 1:
            self._executor = ProcessPoolExecutor(self.options.workers)
            self.workers = self.options.workers
        return self

    def _start_dask(self) -> None:
        try:
            from distributed import Client, LocalCluster  # optional extra: dask
        except ImportError:
            raise DraftingError(
                "the Dask engine needs the optional extra: pip install 'drafting[dask]'"
            ) from None
        if self.options.scheduler is not None:
            try:
                self._client = Client(self.options.scheduler, timeout="10s")
            except OSError as error:
                raise DraftingError(
                    f"--scheduler {self.options.scheduler}: cannot connect ({error})"
                ) from None
        else:
            self._cluster = LocalCluster(
                n_workers=self.options.dask_local,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = Client(self._cluster)
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    @property
    def name(self) -> str:
        if self.options.scheduler is not None:
            return f"dask {self.options.scheduler}"
        if self.options.dask_local is not None:
            return f"dask local:{self.options.dask_local}"
        return f"local ({self.workers} process{'es' if self.workers > 1 else ''})"

    def _submit(self, fn: Callable[..., R], item: Any, args: tuple[Any, ...]) -> Any:
        if self._client is not None:
            return self._client.submit(fn, item, *args, pure=False)
        assert self._executor is not None
        return self._executor.submit(fn, item, *args)

    def map(self, fn: Callable[..., R], items: Iterable[T], *args: Any) -> Iterator[R]:
        """``fn(item, *args)`` for each item, in order, streaming."""
        if self._executor is None and self._client is None:
            yield from (fn(item, *args) for item in items)
            return
        window = IN_FLIGHT_PER_WORKER * self.workers
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self._submit(fn, item, args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def batched(items: Iterable[T], size: int) -> Iterator[tuple[T, ...]]:
    """Consecutive tuples of ``size`` items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield tuple(batch)
            batch = []
    if batch:
        yield tuple(batch)
