"""``fork_map``: a long diff shares its work with a forked process, and the report is exactly
the one a single process makes."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from support.corpus import corpus_dir
from support.paths import REPO

from drafting.cli.common import _cores, fork_map
from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import compare
from drafting.diff.report import report_to_dict
from drafting.diff.verdicts import add_strength, strength_hook
from drafting.errors import InputError
from drafting.inputs import load_pair, side_from_string
from drafting.render.json import render_json

forks = pytest.mark.skipif(_cores() < 2, reason="forks only on Linux with two cores")


def _pid_of(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@forks
def test_later_items_run_in_a_child_and_come_back_in_order() -> None:
    found = fork_map(_pid_of, list(range(10)), [1] * 10, min_weight=0)
    assert [value for value, _ in found] == [k * k for k in range(10)]
    pids = [pid for _, pid in found]
    assert pids[0] == os.getpid()
    assert pids[-1] != os.getpid()  # the second half was the child's


def test_little_work_stays_in_this_process() -> None:
    found = fork_map(_pid_of, list(range(10)), [1] * 10)
    assert {pid for _, pid in found} == {os.getpid()}


@forks
def test_an_error_is_raised_as_the_serial_loop_raises_it() -> None:
    def fail_on_eight(item: int) -> int:
        if item == 8:
            raise ValueError("item 8")
        return item

    with pytest.raises(ValueError, match="item 8"):
        fork_map(fail_on_eight, list(range(10)), [1] * 10, min_weight=0)


@forks
def test_a_child_that_fails_has_its_items_redone_here() -> None:
    parent = os.getpid()

    def only_here(item: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child cannot do this")
        return item + 1

    assert fork_map(only_here, list(range(10)), [1] * 10, min_weight=0) == list(range(1, 11))


def _treaty(texts: list[str]) -> str:
    """A constructed treaty: each corpus text as an article of its own."""
    return "\n\n".join(f"Article {k}\n{text}" for k, text in enumerate(texts, start=1)) + "\n"


def _corpus_pairs() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for name in ("dev", "dev2", "dev3")
        for line in (corpus_dir() / f"{name}_pairs.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_a_forked_diff_with_strength_is_the_serial_one() -> None:
    english = [p for p in _corpus_pairs() if p["before"].isascii() and p["after"].isascii()]
    a = side_from_string(_treaty([p["before"] for p in english]), name="a.txt")
    b = side_from_string(_treaty([p["after"] for p in english]), name="b.txt")
    serial = compare(a, b, DiffOptions(), strength=strength_hook())
    forked_map = partial(fork_map, min_weight=0)
    forked = compare(
        a, b, DiffOptions(), strength=strength_hook(mapper=forked_map), mapper=forked_map
    )
    assert sum(u.strength is not None for u in serial.units) > 10
    expected, found = report_to_dict(serial), report_to_dict(forked)
    differ = [k for k, unit in enumerate(expected["units"]) if found["units"][k] != unit]
    assert not differ, f"units {differ[:5]} differ"
    assert json.dumps(found) == json.dumps(expected)
    # the JSON text, its units encoded by the child, is the one-process text
    assert render_json(forked, mapper=forked_map) == render_json(serial)
    empty = replace(serial, units=(), strength=None, strength_summary=None)
    assert render_json(empty, mapper=forked_map) == render_json(empty)


def test_articles_graded_in_their_diff_jobs_are_graded_as_after_the_diff() -> None:
    # the hook's staged run (each article graded in the job that diffs it: one mapper call,
    # so one fork for both) against the hook applied to the finished, ungraded report
    english = [p for p in _corpus_pairs() if p["before"].isascii() and p["after"].isascii()]
    a = side_from_string(_treaty([p["before"] for p in english[:40]]), name="a.txt")
    b = side_from_string(_treaty([p["after"] for p in english[:40]]), name="b.txt")
    calls: list[int] = []

    def counted(function: Any, items: Sequence[Any], weights: Sequence[int]) -> list[Any]:
        calls.append(len(items))
        return fork_map(function, items, weights, min_weight=0)

    hook = strength_hook(mapper=counted)
    staged = compare(a, b, DiffOptions(), strength=hook, mapper=counted)
    assert len(calls) == 1 and sum(u.strength is not None for u in staged.units) > 5
    afterwards = add_strength(compare(a, b, DiffOptions()), a, b)
    assert json.dumps(report_to_dict(staged)) == json.dumps(report_to_dict(afterwards))
    assert render_json(staged) == render_json(afterwards)


@forks
def test_two_inputs_loaded_side_by_side_are_the_serial_ones_with_their_notes() -> None:
    texts = REPO / "texts"
    specs = [str(texts / "ua-ge-membership.xml"), str(texts / "nato-ukraine-membership.xml")]
    serial_notes: list[str] = []
    serial = load_pair(specs, notes=serial_notes)
    forked_notes: list[str] = []
    forked = load_pair(specs, notes=forked_notes, mapper=partial(fork_map, min_weight=0))
    assert forked == serial
    assert forked_notes == serial_notes
    assert len(serial_notes) == 2 and "ua-ge-membership" in serial_notes[0]


def test_a_missing_file_is_refused_as_by_one_process(tmp_path: Path) -> None:
    present = tmp_path / "a.txt"
    present.write_text("The Parties shall consult.\n", encoding="utf-8")
    specs = [str(present), str(tmp_path / "missing.txt")]
    with pytest.raises(InputError) as serial:
        load_pair(specs)
    with pytest.raises(InputError) as forked:
        load_pair(specs, mapper=partial(fork_map, min_weight=0))
    assert str(forked.value) == str(serial.value)


@forks
def test_three_processes_each_take_a_run_in_order() -> None:
    found = fork_map(_pid_of, list(range(12)), [1] * 12, min_weight=0, processes=3)
    assert [value for value, _ in found] == [k * k for k in range(12)]
    pids = [pid for _, pid in found]
    assert pids[:4] == [os.getpid()] * 4
    # three runs of four, each done by one process, the later two by two different children
    assert len(set(pids)) == 3 and pids[4:8] == [pids[4]] * 4 and pids[8:] == [pids[8]] * 4


@forks
def test_runs_follow_the_weights_and_none_is_empty() -> None:
    # the first item weighs as much as all the others: it is this process's run, alone
    found = fork_map(_pid_of, list(range(6)), [50, 10, 10, 10, 10, 10], min_weight=0, processes=2)
    pids = [pid for _, pid in found]
    assert pids[0] == os.getpid() and os.getpid() not in pids[1:]
    # a first item past every target: each later run takes one item, the last the rest
    found = fork_map(_pid_of, list(range(4)), [100, 1, 1, 1], min_weight=0, processes=3)
    pids = [pid for _, pid in found]
    assert pids[0] == os.getpid() and pids[1] != pids[2] == pids[3] != os.getpid()
    # more processes than items: one item each
    found = fork_map(_pid_of, list(range(3)), [1, 1, 1], min_weight=0, processes=8)
    assert len({pid for _, pid in found}) == 3


@forks
def test_progress_reports_this_process_run_up_to_the_whole() -> None:
    fractions: list[float] = []
    fork_map(
        _pid_of, list(range(10)), [1] * 10, min_weight=0, processes=2, progress=fractions.append
    )
    assert fractions == [k / 5 for k in range(1, 6)]
