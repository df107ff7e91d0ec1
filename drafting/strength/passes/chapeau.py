"""Pass 1c, ``chapeau_items`` (C3, C4): a negated item under a chapeau, or a negated verb
phrase coordinated under a modal, is a prohibition.

"The Parties undertake: (a) not to station …; (b) to notify …" — item (a) has no operator of
its own, only a negator and an infinitive. It becomes a prohibition verb whose force comes
from the chapeau's operator (``governance`` composes it: binding → 5, political → 3, all
negative), exactly like "undertake … to refrain". Items are the stretches after the ":" of
a chapeau and after each ";" under it, behind an optional marker ("(a)", "1.", "-").
Likewise one modal over a positive and a negated verb phrase: "each Party shall eliminate
its missiles, not have such systems thereafter, and …" holds a prohibition (English and
French only: a Russian ", не …" opens participles as often as verbs).
"""

from __future__ import annotations

import re
from functools import cache

from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.passes.state import Context, Op


@cache
def _markers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Where an item starts after ":" or ";" (with a dash or bullet), the ":" or ";" (and
    "(") before a marker, what closes a marker ("." or ")"), and a marker ("a", "1", "iv"):
    compiled when a text first needs them (start-up time: about 2.9 M instructions at import,
    and most diffs hold no list under a chapeau)."""
    return (
        re.compile(r"[:;]\s*(?:[-•–—*]\s*)?$"),
        re.compile(r"[:;]\s*\(?\s*$"),
        re.compile(r"^\s*[.)]\s*$"),
        re.compile(r"[0-9]{1,3}|[ivx]{1,4}|[a-zа-я]"),
    )


NEGATED_INFINITIVE = {
    "en": (("not", "to"), ("never", "to"), ("not",), ("never",)),
    "fr": (("ne", "pas"), ("ne", "jamais"), ("à", "ne")),
    "ru": (("не",), ("никогда", "не")),
    "uk": (("не",), ("ніколи", "не")),
}
"""How a negated item opens, word by word; the next word is its verb."""
_FIRST_WORDS = {
    language: frozenset(opening[0] for opening in openings)
    for language, openings in NEGATED_INFINITIVE.items()
}

COORDINATED = {"en": ("not",), "fr": ("ne",)}
"""The negator that opens a verb phrase coordinated after a comma."""
NOT_A_VERB_PHRASE = frozenset({"only", "later", "less", "more", "least", "earlier", "sooner"})

ENTRY = Entry(
    id="item.negated",
    pattern="",
    category="prohibition",
    tier=5,
    rule="C3",
    context="present",
    polarity="negative",
    note="a negated list item under a chapeau (C3)",
)


def chapeau_items(ctx: Context, ops: list[Op], language: str) -> list[Op]:
    """``ops`` plus a prohibition for each negated item under a chapeau with an operator."""
    text, words = ctx.norm, ctx.tokens.words
    item = _negated_item_start(ctx, ops, language)
    if item is not None:
        ops = sorted([*ops, item], key=lambda op: op.hit.first)
    if not ops or not ctx.commas:  # no word after a comma-like mark: nothing can open
        return ops
    openings = NEGATED_INFINITIVE.get(language, ())
    taken = {i for op in ops for i in range(op.hit.first, op.hit.last + 1)}
    added: list[Op] = []
    chapeau_seen = False
    starts, ends = ctx.tokens.starts, ctx.tokens.ends
    coordinators = COORDINATED.get(language, ())

    def lead(i: int) -> str:
        return text[ends[i - 1] if i else 0 : starts[i]]

    gaps = ctx.gaps
    complement = NEGATED_COMPLEMENT.get(language)
    for i in ctx.commas:  # items and coordinated phrases open after punctuation only
        here = gaps[i - 1]  # lead(i)
        if ":" in here:
            chapeau_seen = any(op.hit.last < i for op in ops)
        if i in taken:
            continue
        if words[i] in coordinators and _coordinated(ctx, ops, i, language):
            added.append(
                Op(Hit(starts[i], ends[i + 1], starts[i], ends[i + 1], ENTRY, i, i + 1, -1))
            )
            continue
        end = (
            _negated_complement(ctx, ops, i, language)
            if complement and words[i] == complement[0]  # its first test, inline
            else 0
        )
        if end:
            added.append(Op(Hit(starts[i], ends[end], starts[i], ends[end], ENTRY, i, end, -1)))
            continue
        if not chapeau_seen:
            continue
        item_start_mark, marker_open, marker_close, marker = _markers()
        opens = item_start_mark.search(here) or (
            marker.fullmatch(words[i - 1])
            and ctx.comma_before[i - 1]
            and marker_open.search(lead(i - 1))
            and marker_close.match(here)
        )
        if not opens:
            continue
        for opening in openings:
            end = i + len(opening)
            if end < len(words) and tuple(words[i:end]) == opening:
                added.append(Op(Hit(starts[i], ends[end], starts[i], ends[end], ENTRY, i, end, -1)))
                break
    if not added:
        return ops
    return sorted([*ops, *added], key=lambda op: op.hit.first)


NEGATED_COMPLEMENT = {
    "en": ("not", "to"),
    "fr": ("à", "ne", "pas"),
    "ru": ("не",),
    "uk": ("не",),
}
"""How a negated infinitive complement opens after a comma ("undertakes, in accordance with
its legislation, not to deploy"); Russian and Ukrainian need an infinitive after "не"."""
INFINITIVE_ENDINGS = ("ть", "ти", "ться", "тися", "тись", "чь")
UNDERTAKING = frozenset({"obligation", "commitment"})
NEGATORS = frozenset({"not", "never", "ne", "n", "не", "ні"})


_MARKER_FIRST = frozenset("0123456789ivx")


def _may_be_marker(word: str) -> bool:
    """What every marker (``_markers``) has (one letter, or a digit or roman numeral first): a test
    that spares the regex for most first words."""
    return len(word) == 1 or word[0] in _MARKER_FIRST


def item_start(ctx: Context) -> int:
    """Index of the first word of a text after a list marker ("(a)", "1.", "а)"), or 0."""
    words = ctx.tokens.words
    if len(words) > 1 and _may_be_marker(words[0]):
        _, _, marker_close, marker = _markers()
        if marker.fullmatch(words[0]):
            between = ctx.norm[ctx.tokens.ends[0] : ctx.tokens.starts[1]]
            if marker_close.match(between):
                return 1
    return 0


def _negated_item_start(ctx: Context, ops: list[Op], language: str) -> Op | None:
    """ "(a) not to station forces in the zone;", "а) не размещать силы …": a list item
    analysed on its own (with or without its chapeau) that opens with a negated infinitive
    is a prohibition; ``governance`` composes it with the chapeau's force, or the
    instrument's when no chapeau is given."""
    words = ctx.tokens.words
    first_words = _FIRST_WORDS.get(language, ())
    if not words or (
        words[0] not in first_words and (len(words) < 2 or words[1] not in first_words)
    ):
        return None  # the item starts at word 0 or 1, and no opening can start there
    start = item_start(ctx)
    if start >= len(words) or words[start] not in first_words:
        return None  # no opening can match (the common case): skip the rest
    if any(op.hit.first <= start for op in ops):
        return None
    for opening in NEGATED_INFINITIVE.get(language, ()):
        end = start + len(opening)
        if end < len(words) and tuple(words[start:end]) == opening:
            if language in ("ru", "uk") and not words[end].endswith(INFINITIVE_ENDINGS):
                return None
            starts, ends = ctx.tokens.starts, ctx.tokens.ends
            return Op(
                Hit(starts[start], ends[end], starts[start], ends[end], ENTRY, start, end, -1)
            )
    return None


def _negated_complement(ctx: Context, ops: list[Op], index: int, language: str) -> int:
    """The last word of a negated infinitive complement that opens at ``index`` after a
    comma and belongs to an undertaking before it in its clause ("Each Party undertakes, in
    accordance with …, not to deploy", "s'engage, conformément à …, à ne pas déployer",
    "обязуется, в соответствии с …, не размещать"); 0 when there is none."""
    opening = NEGATED_COMPLEMENT.get(language)
    words = ctx.tokens.words
    if not opening or words[index] != opening[0]:
        return 0
    end = index + len(opening)  # the verb
    if end >= len(words) or tuple(words[index:end]) != opening:
        return 0
    if language in ("ru", "uk") and not words[end].endswith(INFINITIVE_ENDINGS):
        return 0
    governed = [
        op for op in ops if op.hit.last < index and ctx.clause[op.hit.last] == ctx.clause[index]
    ]
    if not governed:
        return 0
    undertaking = governed[-1]
    if undertaking.entry.category not in UNDERTAKING or undertaking.entry.modal:
        return 0
    # "s'engagent à ne …, à ne pas installer": already negated, nothing to add
    after = words[undertaking.hit.last + 1 : undertaking.hit.last + 3]
    if undertaking.entry.polarity == "negative" or any(w in NEGATORS for w in after):
        return 0
    return end


def _coordinated(ctx: Context, ops: list[Op], index: int, language: str) -> bool:
    """ ", not have such systems": a negator right after a comma, followed by a verb, in the
    clause of a modal before it."""
    words = ctx.tokens.words
    if (
        words[index] not in COORDINATED.get(language, ())
        or index + 1 >= len(words)
        or not ctx.comma_before[index]
        or words[index + 1] in NOT_A_VERB_PHRASE
        or ctx.norm[ctx.tokens.ends[index - 1] : ctx.tokens.starts[index]].strip() != ","
    ):
        return False
    return any(
        op.entry.modal
        and op.entry.category == "obligation"
        and op.hit.last < index
        and ctx.clause[op.hit.last] == ctx.clause[index]
        for op in ops
    )
