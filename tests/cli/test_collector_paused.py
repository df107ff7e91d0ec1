"""``collector_paused``: a command runs with the cyclic garbage collector paused, and the
collector is back on afterwards, also when the command fails."""

from __future__ import annotations

import gc

import pytest

from drafting.cli.common import collector_paused


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
