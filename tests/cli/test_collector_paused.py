"""``collector_paused``: a command runs with the cyclic garbage collector paused, and the
collector is back on afterwards, also when the command fails."""

from __future__ import annotations

import gc
import weakref

import pytest

from drafting.cli.common import collector_paused, keep_until_exit


def test_the_collector_is_paused_during_the_call_and_restored_after() -> None:
    assert gc.isenabled()
    assert collector_paused(gc.isenabled)() is False
    assert gc.isenabled()


def test_the_collector_is_restored_when_the_call_fails() -> None:
    @collector_paused
    def fail() -> None:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        fail()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        collector_paused(gc.isenabled)()
        assert not gc.isenabled()
    finally:
        gc.enable()


class _Made:
    """An object a command makes and keeps (tracked by the collector, as dicts and lists
    of a report are)."""


def test_what_the_call_made_and_kept_is_old_afterwards() -> None:
    # young, the run's objects would all be walked by the first collection after the call
    kept: list[_Made] = []
    collector_paused(lambda: kept.append(_Made()))()
    assert any(o is kept[0] for o in gc.get_objects(generation=2))
    assert not any(o is kept[0] for o in gc.get_objects(generation=0))


def test_objects_frozen_before_stay_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        collector_paused(lambda: [_Made() for _ in range(10)])()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_values_kept_until_exit_live_until_the_next_command_keeps_its_own() -> None:
    made = _Made()
    alive = weakref.ref(made)
    keep_until_exit(made, [made])
    del made
    assert alive() is not None
    keep_until_exit()
    assert alive() is None
