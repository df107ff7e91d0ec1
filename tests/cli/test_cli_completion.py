"""Shell completion (docs/cli.md): click's completion protocol, through the real entry point."""

from __future__ import annotations

import os

import pytest
from support.cli import run_drafting


def _complete(words: str, shell: str = "bash") -> list[str]:
    env = dict(os.environ)
    env.update(
        {
            "_DRAFTING_COMPLETE": f"{shell}_complete",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    )
    done = run_drafting(env=env)
    assert done.returncode == 0, done.stderr
    return [line.split(",", 1)[1] for line in done.stdout.splitlines()]


def test_commands_complete_from_a_prefix() -> None:
    assert _complete("drafting di") == ["diff"]
    assert {"validate", "strength", "diff"} <= set(_complete("drafting "))


def test_options_and_their_choices_complete() -> None:
    assert "--format" in _complete("drafting diff --fo")
    assert set(_complete("drafting diff --format ")) >= {"text", "json", "markdown"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_documented_source_scripts_are_printed(shell: str) -> None:
    env = dict(os.environ, _DRAFTING_COMPLETE=f"{shell}_source")
    done = run_drafting(env=env)
    assert done.returncode == 0 and "_DRAFTING_COMPLETE" in done.stdout
