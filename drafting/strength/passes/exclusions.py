"""Pass 2, ``exclusions`` (C5): operators that are not the clause's commitment.

Modals inside a condition ("if … shall", "unless: (a) …; (b) …"), a conditional "Should …",
and modals in a relative clause ("which will inform"): the last stay as terms but cannot be
the main one. Runs before anything reads a tier.
"""

from __future__ import annotations

from drafting.strength.matcher import Hit
from drafting.strength.morphology import slavic_verb
from drafting.strength.passes.state import Context, Op, word_set

INVERSION_SUBJECTS = word_set("INVERSION_SUBJECTS")
SPEAKERS = word_set("SPEAKERS")
PREPOSITIONS = word_set("PREPOSITIONS")
NEGATIVE_DETERMINERS = word_set("NEGATIVE_DETERMINERS")
EMBEDDING_WORDS = word_set("EMBEDDING_WORDS")
BE_TO = ("en.is-to-be", "en.is-to-verb")
"""'is/are to' + infinitive: an obligation in a main clause, content in an embedded one."""
CLAUSE_CONDITIONS = frozenset({"если", "якщо", "когда", "коли"})
"""Conditions that open a clause with a verb of its own ("в случае" takes a noun)."""


def exclusions(ctx: Context, ops: list[Op], conditions: list[Hit], relatives: list[Hit]) -> bool:
    """Mark excluded and subordinate operators (see the module docstring); return whether
    any operator's ``excluded`` or ``subordinate`` changed (all this pass sets besides
    ``reason``)."""
    changed = False
    inside: set[int] = set()  # words inside a condition clause ("if …", "unless …")
    for hit in conditions:
        if hit.entry.scope == "clause" and hit.last + 1 < len(ctx.clause):
            start = hit.last + 1
            if start in inside or _takes_noun(ctx, hit):
                continue
            gap = ctx.norm[ctx.tokens.ends[hit.last] : ctx.tokens.starts[start]]
            # "unless: (a) …; (b) …": a condition that opens a list covers the whole list
            end = ctx.clause_end(start) if ":" in gap else ctx.punctuated_end(start)
            if "," in gap and ":" not in gap and end + 1 < len(ctx.clause):
                # "If, within six months …, the Parties are unable to agree, any Party may":
                # the parenthetical after "if" is not the condition's end
                end = ctx.punctuated_end(end + 1)
            if ctx.tokens.words[hit.last] in CLAUSE_CONDITIONS:
                end = _to_finite_verb(ctx, start, end)
            inside.update(range(start, end + 1))
    # "будь-яка з цих Сторін може": a pronoun after a hyphen is part of a compound
    # ("будь-який", "any"), not a relative pronoun
    if relatives:
        relatives = [rel for rel in relatives if ctx.norm[rel.start - 1 : rel.start] != "-"]
    by_last = {rel.last: rel for rel in relatives}
    claimed: set[int] = set()
    # "to which all States … are committed": the first operator up to the next comma is the
    # relative clause's own verb; one after it ("on which consensus cannot be reached shall
    # require") is the main clause's again
    long_relative: set[int] = set()
    for rel in relatives:
        after = rel.last + 1
        if (
            rel.first > 0
            and ctx.tokens.words[rel.first - 1] in PREPOSITIONS
            and after < len(ctx.clause)
        ):
            long_relative.update(range(rel.last + 1, ctx.punctuated_end(rel.last + 1) + 1))
    words = ctx.tokens.words
    question = ctx.may_hold_question()
    for op in ops:
        first = op.hit.first
        if first in inside:
            changed = changed or op.excluded != "condition"
            op.excluded = "condition"
            op.reason = "inside a condition: a trigger, not the commitment (C5)"
            continue
        if question and ctx.in_embedded_question(first):
            changed = changed or op.subordinate != "relative"
            op.subordinate = "relative"
            op.reason = "in an embedded question ('whether …'): the content of its verb (C5)"
            continue
        if op.entry.id.endswith(".should") and ctx.clause_initial(first):
            following = ctx.tokens.words[first + 1] if first + 1 < len(ctx.tokens.words) else ""
            original = ctx.text[ctx.tokens.starts[first + 1]] if following else ""
            # "Should circumstances so require, …": a capitalised "Should" opening a clause
            # is an inversion (a main clause never opens with it; a list item has no capital)
            capital = ctx.text[op.hit.start].isupper()
            if following in INVERSION_SUBJECTS or original.isupper() or capital:
                changed = changed or op.excluded != "conditional"
                op.excluded = "conditional"
                op.reason = "conditional 'Should …' (C5)"
                continue
        if (
            first > 2
            and words[first - 1] in RELATIVE_SUBJECTS  # _reduced_relative's first test, inline
            and _reduced_relative(ctx, first)
        ) and any(  # the main verb follows: "… will strengthen"
            other.hit.first > op.hit.last + 1
            and ctx.sentence[other.hit.first] == ctx.sentence[first]
            for other in ops
        ):
            changed = changed or op.subordinate != "relative"
            op.subordinate = "relative"
            op.reason = "in a reduced relative clause ('the steps we have agreed to take') (C5)"
            continue
        if op.entry.id in BE_TO and _embedded(ctx, first):
            changed = changed or op.subordinate != "relative"
            op.subordinate = "relative"
            op.reason = "'is/are to' in an embedded clause: the content of its verb (C5)"
            continue
        if first in long_relative:
            long_relative.clear()
            changed = changed or op.subordinate != "relative"
            op.subordinate = "relative"
            op.reason = "in a relative clause: not the clause's main commitment (C5)"
        for rel in (by_last[i] for i in range(first - 6, first) if i in by_last) if by_last else ():
            if rel.first in claimed:
                continue
            if (
                rel.last < first <= rel.last + 5
                and ctx.clause[rel.last] == ctx.clause[first]
                and not any(ctx.comma_before[i] for i in range(rel.last + 1, first + 1))
                and not (
                    op.entry.modal
                    and any(ctx.tokens.words[i] in SPEAKERS for i in range(rel.last + 1, first))
                )
            ):
                changed = changed or op.subordinate != "relative"
                op.subordinate = "relative"
                op.reason = "in a relative clause: not the clause's main commitment (C5)"
                claimed.add(rel.first)
        if (
            (op.entry.modal or words[first] in FINITE_OPENERS)
            and (that := _before_auxiliaries(ctx, first)) >= 0
            and ctx.tokens.words[that] == "that"
            and ctx.tokens.words[first] not in NEGATIVE_DETERMINERS  # "that no such … shall"
            and not any(ctx.comma_before[i] for i in range(that + 1, first + 1))
        ):
            changed = changed or op.subordinate != "relative"
            op.subordinate = "relative"
            op.reason = "in a relative clause: not the clause's main commitment (C5)"
    return changed


RELATIVE_SUBJECTS = frozenset({"we", "they"})
OPENING_DETERMINERS = frozenset({"the", "these", "those", "all", "such", "any", "every", "each"})
NOT_IN_NOUN_PHRASE = frozenset(
    {"and", "or", "but", "that", "which", "as", "if", "when", "today", "now", "also", "then",
     "so", "here", "together", "therefore", "hereby", "thus", "further", "again", "jointly"}
)  # fmt: skip


def _reduced_relative(ctx: Context, first: int) -> bool:
    """ "The steps we have agreed to take in this Charter will strengthen …": a sentence that
    opens with a determiner and a short noun phrase followed by "we"/"they" and the
    operator is a relative clause without "which"; its verb is not the clause's operator."""
    words = ctx.tokens.words
    subject = first - 1
    if subject < 2 or words[subject] not in RELATIVE_SUBJECTS or ctx.comma_before[subject]:
        return False
    opening = subject - 1
    while opening > 0 and ctx.sentence[opening - 1] == ctx.sentence[first]:
        opening -= 1
    phrase = words[opening + 1 : subject]
    return (
        words[opening] in OPENING_DETERMINERS
        and 1 <= len(phrase) <= 3
        and not any(w in NOT_IN_NOUN_PHRASE for w in phrase)
        and not any(ctx.comma_before[i] for i in range(opening + 1, first + 1))
    )


FINITE_OPENERS = frozenset({"has", "have", "is", "are"})
"""Operators that open with a finite verb ("have to", "is to", "are under a duty to"): right
after "that" they are a relative clause's verb, as a modal is."""
HYPOTHETICAL = frozenset({"would", "could", "might"})


def _before_auxiliaries(ctx: Context, first: int) -> int:
    """The index of the word before ``first`` and any conditional auxiliaries before it
    ("those Parties … that would have to bear": the word "that"); -1 at the start."""
    i = first - 1
    while i >= 0 and ctx.tokens.words[i] in HYPOTHETICAL:
        i -= 1
    return i


NOUN_CONDITIONS = frozenset({"of", "de", "d", "случае", "разі"})
"""Last words of conditions that take a noun phrase ("in the event of an attack", "en cas de",
"в случае нападения", "у разі нападу"): a noun phrase holds no operator, so whatever
operator follows belongs to the main clause, comma or no comma."""
CLAUSE_AFTER_NOUN_CONDITION = frozenset({"если", "когда", "что", "якщо", "коли", "що"})


def _takes_noun(ctx: Context, hit: Hit) -> bool:
    words = ctx.tokens.words
    if words[hit.last] not in NOUN_CONDITIONS:
        return False
    following = words[hit.last + 1] if hit.last + 1 < len(words) else ""
    return following not in CLAUSE_AFTER_NOUN_CONDITION


def _to_finite_verb(ctx: Context, start: int, end: int) -> int:
    """Russian and Ukrainian put commas around participle phrases inside a condition ("если
    все стороны, участвующие в споре, об этом просят"): the condition runs on past a comma
    until it has a finite verb of its own (by morphology), within its clause."""
    if ctx.language not in ("ru", "uk"):
        return end
    words = ctx.tokens.words
    last = ctx.clause_end(start)
    while end < last and not any(
        slavic_verb(words[i], ctx.language) for i in range(start, end + 1)
    ):
        end = ctx.punctuated_end(end + 1)
    return end


def _embedded(ctx: Context, first: int) -> bool:
    """Whether a wh-word ("what", "how", "which" …) opens the stretch of clause before word
    ``first`` with no comma between: "may decide what measures not involving the use of
    armed force are to be employed"."""
    words = ctx.tokens.words
    i = first - 1
    while i >= 0 and ctx.sentence[i] == ctx.sentence[first] and not ctx.comma_before[i + 1]:
        if words[i] in EMBEDDING_WORDS:
            return True
        i -= 1
    return False
