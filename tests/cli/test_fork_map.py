"""``fork_map``: a long diff shares its work with a forked process, and the report is exactly
the one a single process makes."""

from __future__ import annotations

import itertools
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from support.corpus import corpus_dir
from support.paths import REPO

from drafting.cli.common import _chunks, _cores, fork_map
from drafting.diff.options import DiffOptions
from drafting.diff.pipeline import SidePrep, compare, compare_with, prepare_side, serial_map
from drafting.diff.report import report_to_dict
from drafting.diff.verdicts import add_strength, strength_hook
from drafting.errors import InputError
from drafting.inputs import load_pair, side_from_string
from drafting.render.json import render_json, unit_json

forks = pytest.mark.skipif(_cores() < 2, reason="forks only on Linux with two cores")


def _pid_of(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


def _wait_for(condition: Callable[[], bool]) -> None:
    """Until ``condition`` holds (in another process's doing), for at most 20 seconds."""
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the other process never got there")
        time.sleep(0.005)


def _markers(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@forks
def test_every_process_takes_chunks_and_the_results_come_back_in_order(tmp_path: Path) -> None:
    # each process, on its first item, says so and waits until all three have one: so each
    # takes a chunk, whatever the machine's load
    def shared(item: int) -> tuple[int, int]:
        (tmp_path / str(os.getpid())).touch()
        _wait_for(lambda: len(_markers(tmp_path)) >= 3)
        return _pid_of(item)

    found = fork_map(shared, list(range(40)), [1] * 40, min_weight=0, processes=3)
    assert [value for value, _ in found] == [k * k for k in range(40)]
    pids = [pid for _, pid in found]
    assert len(set(pids)) == 3 and pids[0] == os.getpid()
    # a chunk is a run of items in order, done by one process
    bounds = _chunks([1] * 40, 3)
    assert all(len(set(pids[a:b])) == 1 for a, b in itertools.pairwise(bounds))


@forks
def test_a_process_held_up_leaves_the_other_chunks_to_the_others(tmp_path: Path) -> None:
    # the child's first item waits until this process has done every other chunk: with runs
    # fixed in advance it would wait for ever (and fail); taken a chunk at a time, it holds
    # up only its own chunk
    parent = os.getpid()
    bounds = _chunks([1] * 30, 2)
    done_here, started = tmp_path / "here", tmp_path / "child-started"
    done_here.mkdir()

    def held(item: int) -> tuple[int, int]:
        if os.getpid() == parent:
            _wait_for(started.exists)  # (so that the child takes a chunk at all)
            (done_here / str(item)).touch()
        elif not started.exists():
            started.touch()
            size = next(len(run) for run in _runs_of(bounds) if item in run)
            _wait_for(lambda: len(_markers(done_here)) >= 30 - size)
        return _pid_of(item)

    found = fork_map(held, list(range(30)), [1] * 30, min_weight=0, processes=2)
    assert [value for value, _ in found] == [k * k for k in range(30)]
    child_items = [k for k, (_, pid) in enumerate(found) if pid != parent]
    assert any(child_items == list(run) for run in _runs_of(bounds))


def _runs_of(bounds: list[int]) -> list[range]:
    return [range(a, b) for a, b in itertools.pairwise(bounds)]


@forks
@pytest.mark.parametrize("room", [60_000, 0])
def test_results_come_back_through_shared_memory_and_the_pipe_alike(
    tmp_path: Path, room: int
) -> None:
    # this process's first item waits until the child has done every other one, so the child
    # sends all their chunks; its shared memory holds the first of them (none without any:
    # mmap refuses 0 bytes, as a strict system may refuse more), the rest must come through
    # its pipe: a result lost either way would be redone here, under this pid
    items = list(range(40))
    bounds = _chunks([1] * 40, 2)

    def big(item: int) -> tuple[str, int]:
        if item == 0:
            _wait_for(lambda: len(_markers(tmp_path)) >= 40 - bounds[1])
        else:
            (tmp_path / str(item)).touch()
        return str(item) * 5_000, os.getpid()

    found = fork_map(big, items, [1] * 40, min_weight=0, processes=2, shared_bytes=room)
    assert [text for text, _ in found] == [str(k) * 5_000 for k in items]
    pids = [pid for _, pid in found]
    assert set(pids[: bounds[1]]) == {os.getpid()}
    assert os.getpid() not in pids[bounds[1] :]
    # the whole of the child's results is several times what its shared memory holds
    assert sum(len(text) for text, _ in found[bounds[1] :]) > 4 * room


@forks
def test_a_child_is_not_held_up_by_a_full_pipe_while_this_process_is_busy(
    tmp_path: Path,
) -> None:
    # the child's results (some 3.5 MB, as a loaded side) are more than any pipe holds: this
    # process, busy with its first item until the child has done all of its own, would wait
    # for ever if the child had to wait for room in its pipe
    items = list(range(40))
    bounds = _chunks([1] * 40, 2)

    def big(item: int) -> bytes:
        if item == 0:
            _wait_for(lambda: len(_markers(tmp_path)) >= 40 - bounds[1])
        else:
            (tmp_path / str(item)).touch()
        return bytes([item]) * 100_000

    found = fork_map(big, items, [1] * 40, min_weight=0, processes=2)
    assert found == [bytes([k]) * 100_000 for k in items]


def test_chunks_cover_the_items_in_order_large_ones_first() -> None:
    for weights, count in (([1] * 1000, 2), ([5, 1, 1, 50, 2] * 40, 3), ([100, 1, 1, 1], 2)):
        bounds = _chunks(weights, count)
        assert bounds[0] == 0 and bounds[-1] == len(weights)
        assert all(a < b for a, b in itertools.pairwise(bounds))  # each at least one item
        sizes = [sum(weights[a:b]) for a, b in itertools.pairwise(bounds)]
        assert len(sizes) <= 64 * count  # few chunks: a few dozen per process
    uniform = [len(run) for run in _runs_of(_chunks([1] * 1000, 2))]
    assert uniform[0] > 4 * uniform[-1]  # the last chunks are the small ones
    assert _chunks([100, 1, 1, 1], 2)[:2] == [0, 1]  # an item past the target is alone


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
def test_an_error_is_raised_as_the_serial_loop_raises_it_whoever_met_it_first(
    tmp_path: Path,
) -> None:
    # chunk 1 is the child's and fails on item 1; this process holds chunk 0 until then and
    # then fails on a later item: the serial loop would raise item 1's error
    parent = os.getpid()
    assert _chunks([1] * 10, 2)[:3] == [0, 1, 2]

    def fail(item: int) -> int:
        if os.getpid() != parent and item == 1:
            (tmp_path / "child-failed").touch()
        if item == 0:
            _wait_for(lambda: (tmp_path / "child-failed").exists())
        if item in (1, 8):
            raise ValueError(f"item {item}")
        return item

    with pytest.raises(ValueError, match="item 1"):
        fork_map(fail, list(range(10)), [1] * 10, min_weight=0, processes=2)


@forks
def test_a_child_that_fails_has_its_items_redone_here(tmp_path: Path) -> None:
    parent = os.getpid()

    def only_here(item: int) -> int:
        if os.getpid() != parent:
            (tmp_path / "child").touch()
            raise RuntimeError("the child cannot do this")
        _wait_for(lambda: (tmp_path / "child").exists())  # the child took a chunk and failed
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
    staged, texts = compare_with(a, b, DiffOptions(), strength=hook, mapper=counted, also=unit_json)
    # one mapper call made the units, graded them and wrote their JSON
    assert len(calls) == 1 and sum(u.strength is not None for u in staged.units) > 5
    afterwards = add_strength(compare(a, b, DiffOptions()), a, b)
    assert json.dumps(report_to_dict(staged)) == json.dumps(report_to_dict(afterwards))
    assert render_json(staged, units=texts) == render_json(afterwards)
    # a hook that only grades finished reports, and a text without articles: the JSON of
    # the finished units, by the mapper
    calls.clear()
    plain = compare_with(a, b, strength=partial(add_strength), mapper=counted, also=unit_json)
    assert len(calls) == 2 and render_json(plain[0], units=plain[1]) == render_json(afterwards)
    c = side_from_string(" ".join(p["before"] for p in english[:15]), name="c.txt")
    d = side_from_string(" ".join(p["after"] for p in english[:15]), name="d.txt")
    sentences, texts = compare_with(c, d, strength=hook, mapper=counted, also=unit_json)
    assert len(texts) == len(sentences.units) > 15
    assert render_json(sentences, units=texts) == render_json(compare(c, d, strength=hook))


@pytest.mark.parametrize("forked", [False, True])
def test_a_report_without_its_units_adds_them_up_as_the_whole_one(forked: bool) -> None:
    # keep_units=False (the command line's JSON): the units are not sent back from the jobs
    # that made them, and the report says all the rest as the one with its units does
    if forked and _cores() < 2:
        pytest.skip("forks only on Linux with two cores")
    mapper = partial(fork_map, min_weight=0) if forked else serial_map
    english = [p for p in _corpus_pairs() if p["before"].isascii() and p["after"].isascii()]
    long_a = side_from_string(_treaty([p["before"] for p in english[:60]]), name="a.txt")
    long_b = side_from_string(_treaty([p["after"] for p in english[:60]]), name="b.txt")
    # short: with an overall verdict; the same text; a text without articles
    short_a = side_from_string(_treaty([p["before"] for p in english[:3]]), name="c.txt")
    short_b = side_from_string(_treaty([p["after"] for p in english[:3]]), name="d.txt")
    plain_a = side_from_string(" ".join(p["before"] for p in english[:15]), name="e.txt")
    plain_b = side_from_string(" ".join(p["after"] for p in english[:15]), name="f.txt")
    pairs = [(long_a, long_b), (short_a, short_b), (short_a, short_a), (plain_a, plain_b)]
    hooks = [strength_hook(mapper=mapper), partial(add_strength, mapper=mapper), None]
    checked = []
    for (a, b), hook in itertools.product(pairs, hooks):
        whole, texts = compare_with(a, b, strength=hook, mapper=mapper, also=unit_json)
        light, light_texts = compare_with(
            a, b, strength=hook, mapper=mapper, also=unit_json, keep_units=False
        )
        assert whole.units and light.units == ()
        assert light_texts == texts
        assert report_to_dict(light) == report_to_dict(replace(whole, units=()))
        checked.append((whole.stats.changed, whole.strength is not None, whole.strength_summary))
    # the cases meant: a long report's unit verdicts, a short one's overall verdict
    assert checked[0][0] > 20 and checked[0][2]["analysed"] > 5
    assert checked[3][1] and not checked[6][1] and checked[6][0] == 0


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


@forks
def test_what_is_made_of_each_side_where_it_loads_is_what_one_process_makes(
    tmp_path: Path,
) -> None:
    english = [p for p in _corpus_pairs() if p["before"].isascii() and p["after"].isascii()]
    (tmp_path / "a.txt").write_text(_treaty([p["before"] for p in english[:30]]), "utf-8")
    (tmp_path / "b.txt").write_text(_treaty([p["after"] for p in english[:30]]), "utf-8")
    specs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    forked_map = partial(fork_map, min_weight=0)
    made: list[SidePrep] = []
    sides = load_pair(specs, mapper=forked_map, also=prepare_side, made=made)
    assert sides == load_pair(specs)
    preps = (prepare_side(sides[0]), prepare_side(sides[1]))
    assert made == list(preps)
    expected = report_to_dict(compare(*sides))
    found = compare_with(*sides, prepared=preps)[0]
    assert report_to_dict(found) == expected
    # a preparation of another side, or made with other options, is not used
    swapped = compare_with(*sides, prepared=(preps[1], preps[0]))[0]
    assert report_to_dict(swapped) == expected
    a, lowered = sides[0], replace(sides[0], text=sides[0].text.lower())
    folded = DiffOptions(ignore_case=True)
    made = (prepare_side(a), prepare_side(lowered))  # with case kept
    stale = compare_with(a, lowered, folded, prepared=made)[0]
    assert report_to_dict(stale) == report_to_dict(compare(a, lowered, folded))
    assert stale.identical


@forks
def test_work_meanwhile_is_done_here_while_the_files_load() -> None:
    texts = REPO / "texts"
    specs = [str(texts / "ua-ge-membership.xml"), str(texts / "nato-ukraine-membership.xml")]
    ran: list[int] = []
    forked_map = partial(fork_map, min_weight=0)
    sides = load_pair(specs, mapper=forked_map, meanwhile=lambda: ran.append(os.getpid()))
    assert ran == [os.getpid()]  # here, once (in a child it would not show here at all)
    assert sides == load_pair(specs)
    ran.clear()
    assert load_pair(specs, meanwhile=lambda: ran.append(os.getpid())) == sides
    assert ran == [os.getpid()]


def test_a_missing_file_is_refused_as_by_one_process(tmp_path: Path) -> None:
    present = tmp_path / "a.txt"
    present.write_text("The Parties shall consult.\n", encoding="utf-8")
    specs = [str(present), str(tmp_path / "missing.txt")]
    with pytest.raises(InputError) as serial:
        load_pair(specs)
    with pytest.raises(InputError) as forked:
        load_pair(specs, mapper=partial(fork_map, min_weight=0))
    assert str(forked.value) == str(serial.value)


def test_progress_reports_the_share_of_the_items_up_to_the_whole() -> None:
    fractions: list[float] = []
    fork_map(_pid_of, list(range(10)), [1] * 10, progress=fractions.append)  # serial
    assert fractions == [k / 10 for k in range(1, 11)]
    fractions.clear()
    fork_map(
        _pid_of, list(range(10)), [1] * 10, min_weight=0, processes=2, progress=fractions.append
    )
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert all(0 < f <= 1 for f in fractions)
