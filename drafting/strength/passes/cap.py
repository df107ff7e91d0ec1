"""Pass 6, ``general_assembly_cap`` (C2): the General Assembly recommends.

First, a modal inside the that-clause of a recommendation ("Recommends that … shall") is
capped at 2 (marked by the ``reported`` pass). Then:

In a ``un-ga-resolution`` every operator is capped at 2 unless the text is internal (budget,
subsidiary organs, sessions, committees). The reading before the cap is kept in ``raw_tier``.
"""

from __future__ import annotations

import re
from functools import cache

from drafting.strength.passes.state import GA, Context, Op

GA_INTERNAL_SOURCE = (
    r"\b(?:budget|appropriation|subsidiary|provisional agenda|rules of procedure|"
    r"secretary-general|session|committee|working group|programme of work|assessment|"
    r"that the present resolution|"
    # French, Russian, Ukrainian: the same internal matters
    r"budg[eé]t\w*|ordre du jour|organe subsidiaire|règlement intérieur|secrétaire général|"
    r"comité|groupe de travail|сесси\w*|сесі\w*|комитет\w*|комітет\w*|бюджет\w*|"
    r"повестк\w* дня|порядк\w* денного|вспомогательн\w*|допоміжн\w*|рабоч\w* групп\w*|"
    r"робоч\w* груп\w*|генеральн\w* секретар\w*)\b"
)
"""The internal matters of a General Assembly text (the regex source)."""


@cache
def _ga_internal() -> re.Pattern[str]:
    """``GA_INTERNAL_SOURCE`` compiled, when a General Assembly text first needs it (start-up
    time: most diffs hold none, and compiling it cost about 4 M instructions at import)."""
    return re.compile(GA_INTERNAL_SOURCE)


def general_assembly_cap(ctx: Context, ops: list[Op]) -> None:
    """Cap the operators of a General Assembly text at 2 unless it is internal."""
    internal: bool | None = None  # searched once, when an operator first needs it
    for op in ops:
        op.raw_tier = op.tier
        if op.cap is not None and op.tier > op.cap[0] and not op.excluded:
            op.tier, op.rule, op.reason = op.cap[0], "C2", op.cap[1]
        if ctx.instrument != GA or op.excluded or op.tier <= 2:
            continue
        if internal is None:
            internal = _ga_internal().search(ctx.norm) is not None
        if internal:
            continue
        op.tier, op.rule = 2, "C2"
        op.reason = f"General Assembly resolutions recommend: {op.raw_tier} capped at 2 (C2)"
