"""Pass 8, ``list_item`` (C3 without the chapeau): a text with no operator that opens with a
bare verb ("Ensure …", "Not permit …", "Assurer …", "Обеспечить …") is an item cut from its
chapeau and borrows the force its instrument's chapeaux usually carry.

How an item opens is per-language data (``list_item`` in ``rule-words.json``): English
imperatives from a list, French, Russian and Ukrainian infinitives by their endings.
"""

from __future__ import annotations

import re

from drafting.strength.passes.state import POLITICAL, RULE_WORDS, TREATY, UN, Context, word_set
from drafting.text.language import LANGUAGES

FINITE_AUX = word_set("FINITE_AUX")
ITEM_ADVERBS = word_set("ITEM_ADVERBS")
_ITEMS = RULE_WORDS["list_item"]
ITEM_NEGATORS = frozenset(_ITEMS["negators"])


def _spec(language: str) -> dict[str, frozenset[str] | tuple[str, ...]]:
    data = _ITEMS.get(language, {})
    return {
        "words": frozenset(data.get("words", ())),
        "endings": tuple(data.get("endings", ())),
        "not_endings": tuple(data.get("not_endings", ())),
        "not_infinitives": frozenset(data.get("not_infinitives", ())),
        "after_negator": frozenset(data.get("after_negator", ())),
        "measures": frozenset(data.get("measures", ())),
    }


_SPECS = {language: _spec(language) for language in LANGUAGES}


def list_item(ctx: Context, language: str) -> tuple[int, str, str] | None:
    """The tier, polarity and reason of a chapeau-less list item, or None if it is not one."""
    if ctx.instrument in UN or not ctx.tokens.words:
        return None
    spec = _SPECS.get(language) or _spec(language)
    words = ctx.tokens.words
    i = 0
    lead = ctx.text[: ctx.tokens.starts[0]]
    if (
        len(words) > 1
        and re.fullmatch(r"[0-9ivx]{1,4}|[a-z]", words[0])
        and re.match(r"\s*\(?\w{1,4}[.)]", ctx.text)
    ):
        i = 1
    elif lead.strip() not in ("", "-", "•", "–", "—", "*"):
        return None
    while i < len(words) - 1 and words[i] in ITEM_ADVERBS:
        i += 1  # "Immediately release …"
    negative = words[i] in ITEM_NEGATORS
    if negative:
        i += 1
        if i < len(words) and words[i] in spec["after_negator"]:
            i += 1  # "ne pas …"
    if i >= len(words) or not FINITE_AUX.isdisjoint(words):
        return None
    measure = (
        not negative
        and words[i] in spec["measures"]
        and (ctx.instrument in TREATY or ctx.instrument in POLITICAL)
    )
    if not measure and not bare_verb(words[i], spec):
        return None
    tier = (5 if negative else 4) if ctx.instrument in TREATY else 3
    polarity = "negative" if negative else "positive"
    where = ctx.instrument or "unknown instrument"
    return (
        tier,
        polarity,
        (
            ("a numbered measure without a verb" if measure else "a list item")
            + " without an operator of its own takes its chapeau's force (C3); "
            f"no chapeau given, so the usual force in a {where}"
        ),
    )


def bare_verb(word: str, spec: dict) -> bool:
    """An imperative from the word list, or an infinitive by its ending (and not a word that
    only looks like one: "entre", "безопасность")."""
    if word in spec["words"]:
        return True
    endings = spec["endings"]
    return bool(
        endings
        and word.endswith(endings)
        and not (spec["not_endings"] and word.endswith(spec["not_endings"]))
        and word not in spec["not_infinitives"]
    )
