"""Pass 5, ``heads`` (C1, C2, C4, C8): an operator that heads its clause, read on its own.

Its tier in the instrument's context ("will" in a treaty → 4, in a declaration → 3), unless
its subject makes it a forecast, a purpose or a possibility; then its negation and absolute
markers ("shall not" → 5, "will never" → 5, "shall not be prohibited" → 1). Called by
:mod:`governance` for every operator nothing else governs.
"""

from __future__ import annotations

from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.passes.state import (
    BE_FUTURE,
    INSTRUMENTAL_ENDINGS,
    POLITICAL,
    TREATY,
    UN,
    Context,
    Negators,
    Op,
    word_set,
)

SKIPPABLE = word_set("SKIPPABLE")
INANIMATE = word_set("INANIMATE")
IMPERSONAL = word_set("IMPERSONAL")
AGENTS = word_set("AGENTS")
EFFECT_VERBS = word_set("EFFECT_VERBS")
PREDICTIVE_VERBS = word_set("PREDICTIVE_VERBS")
NEGATIVE_DETERMINERS = word_set("NEGATIVE_DETERMINERS")
NOT_PROHIBITIVE_AFTER_MODAL = word_set("NOT_PROHIBITIVE_AFTER_MODAL")
FORECAST_STEMS = tuple(sorted(word_set("FORECAST_STEMS")))
EFFECT_STEMS = tuple(sorted(word_set("EFFECT_STEMS")))
AUXILIARIES = frozenset(
    {"будут", "будет", "будем", "буду", "будуть", "буде", "будемо", "sera", "seront"}
)
TENSE_CONTEXTS = frozenset({"will", "present", "subject"})
"""Entry contexts of a French, Russian or Ukrainian verb that carries its force by its tense."""
EPISTEMIC_MODALS = (".may", ".can", ".may-not", ".cannot")
"""Entries that read as a possibility after an impersonal subject ("it may", "there can")."""


def contextual_tier(entry: Entry, instrument: str | None) -> tuple[int, str, str]:
    """The tier an entry has in this instrument (C1, C2, C8), with rule and reason."""
    context = entry.context
    tier = entry.tier if entry.tier is not None else 0
    if context is None:
        return tier, entry.rule, ""
    where = instrument or "unknown instrument"
    if context in ("will", "agree", "present", "subject"):
        rule = "C1" if context in ("will", "agree") else "C8"
        if instrument in TREATY:
            lexical = tier if context in ("present", "subject") else 4
            return max(lexical, 4), rule, f"{where} → {max(lexical, 4)}"
        if instrument in POLITICAL or instrument in UN:
            return 3, rule, f"{where} → 3"
        if context == "present" and entry.category == "prohibition":
            return tier, rule, "no instrument given: lexical reading"
        return 3, rule, "no instrument given: read as political (pass --instrument)"
    if context == "decide":
        if instrument in TREATY or instrument in UN:
            return 4, "C2", f"{where} → 4"
        return 3, "C2", f"{where} → 3"
    if context == "un":
        if instrument in UN:
            return tier, "C2", f"operative verb of a resolution → {tier}"
        return min(tier, 2), "C2", "outside a resolution: a call on others → 2"
    return tier, entry.rule, ""


def head(ctx: Context, op: Op, negators: Negators) -> None:
    """An operator that heads its clause: its tier in this instrument (C1, C2, C8), unless
    its subject makes it a forecast, a purpose or a possibility (C1, C5); then its
    negation (C4)."""
    tier, rule, reason = contextual_tier(op.entry, ctx.instrument)
    polarity = op.entry.polarity
    if op.entry.context == "will" and not op.framed:
        forecast = _forecast(ctx, op)
        if forecast:
            tier, rule, reason = 0, "C1", forecast
        elif ctx.instrument not in TREATY and _predictive(ctx, op):
            tier, rule, reason = 0, "C1", "predictive 'will': its subject is not a party"
        elif ctx.instrument in TREATY and op.entry.id.endswith(".will") and _inanimate(ctx, op):
            tier, rule = 3, "C1"
            reason = "'will' with a subject that is not a party: an expectation, not a duty"
    if (
        op.entry.context in TENSE_CONTEXTS
        and ctx.language in ("fr", "ru", "uk")
        and not op.framed
        and not (tier == 0 and rule == "C1")
    ):
        tier, rule, reason = _forecast_by_stem(ctx, op, tier, rule, reason)
    if tier == 0 and rule == "C1":
        ctx.forecast_sentences.add(ctx.sentence[op.hit.first])
    if op.entry.category == "intention" and subject_word(ctx, op.hit.first) in INANIMATE:
        tier, rule, reason = 0, "C5", "the purpose of a thing, not a party's intention"
    if (
        op.entry.id.endswith(EPISTEMIC_MODALS)
        and subject_word(ctx, op.hit.first) in IMPERSONAL
        and not _resumed_subject(ctx, op)
    ):
        tier, rule, reason = 0, "C5", "a possibility ('it may', 'there can'), not a permission"
    op.tier, op.polarity, op.rule, op.reason = tier, polarity, rule, reason
    ctx.fire("heads")
    if op.entry.category == "prohibition" and tier == 0:
        op.negated = True
        return
    if op.entry.category == "prohibition":
        op.polarity = "negative"
        op.negated = _embedded_negation(ctx, op, negators)
    found = negation(ctx, op, negators) if negators.hits else None
    if (
        found is not None
        and _concord(ctx, found)
        and (op.negated or (op.entry.rule == "C4" and _embedded_negation(ctx, op, negators)))
    ):
        # "Никакие оговорки … не допускаются", "Ни одна из Сторон не обязана" (a duty
        # removed: 1): one negation, not two
        found = None
    if found is not None:
        absolute = found.entry.category == "absolute"
        word = ctx.text[found.start : found.end]
        if op.hit.last < found.first <= op.hit.last + 2:  # not a call's far "not to"
            op.extend_to = found.end
        _negate(op, absolute, word)


CONCORD_LANGUAGES = frozenset({"fr", "ru", "uk"})


def _concord(ctx: Context, neg: Hit) -> bool:
    """Negative concord: in French, Russian and Ukrainian a negative subject ("никакие",
    "жодні", "aucune") and the "не"/"ne" of the verb make one negation together."""
    return ctx.language in CONCORD_LANGUAGES and neg.entry.scope == "clause"


def _negate(op: Op, absolute: bool, word: str) -> None:
    """C4: what a negator or an absolute marker does to an operator."""
    category = op.entry.category
    op.negated = True
    if category == "prohibition":
        op.tier, op.polarity, op.rule = 1, "positive", "C4"
        op.reason = f"negated prohibition ('{word}'): a permission (C4)"
        return
    if category in ("acknowledgement", "preamble", "saving"):
        op.polarity = "negative" if category != "saving" else op.polarity
        return
    op.polarity, op.rule = "negative", "C4"
    if (absolute and op.tier >= 3) or category == "permission":
        op.tier = 5
        op.reason = (
            f"made absolute by '{word}' (C4)"
            if absolute
            else f"'{word}' + permission: deontic prohibition (C4)"
        )
        return
    if category == "obligation" and op.entry.context not in ("will",) and op.tier >= 4:
        op.tier = 5
        op.reason = f"negated obligation ('{word}'): a prohibition (C4)"
        return
    op.reason = f"negated by '{word}': same tier, negative (C4)" + (
        f"; {op.reason}" if op.reason else ""
    )


def negation(ctx: Context, op: Op, negators: Negators) -> Hit | None:
    """The negator or absolute marker whose scope covers this operator, if any."""
    if not negators.hits:
        return None
    first, last = op.hit.first, op.hit.last
    clause = ctx.clause[first]
    best: Hit | None = None
    subjects = [n for n in negators.hits if n.last < first - 8 and _negative_subject(ctx, n)]
    calls: list[Hit] = []
    if op.entry.category == "recommendation" and not op.entry.modal:
        for index in range(last + 3, last + CALL_REACH + 1):
            calls.extend(negators.by_first.get(index, ()))
    for neg in [*negators.near(first, last), *subjects, *calls]:
        if op.hit.start <= neg.start and neg.end <= op.hit.end:
            continue  # part of the term itself ("need not", "have no intention")
        if ctx.clause[neg.first] != clause:
            continue
        if neg.first > last and ctx.tokens.words[neg.first] == "nor":
            continue  # "shall neither deploy nor test": one negation over both verbs
        after = last < neg.first <= last + 2 and not any(
            ctx.comma_before[i] for i in range(last + 1, neg.first + 1)
        )
        if neg.entry.scope == "clause" or neg.entry.category == "absolute":
            before = (
                first - 8 <= neg.last < first
                and (
                    neg.entry.category == "absolute"
                    # "To ensure that no such weapons …, the Parties shall": not across a comma
                    or not any(ctx.comma_before[i] for i in range(neg.last + 1, first + 1))
                )
            ) or (neg.last < first and _negative_subject(ctx, neg))
        else:
            before = first - 2 <= neg.last < first
        if neg.entry.scope == "clause" and neg.entry.category != "absolute":
            after = _negative_object(ctx, op, neg)
        elif not after and op.entry.category == "recommendation" and not op.entry.modal:
            after = _negated_call(ctx, op, neg)
        if (after or before) and (best is None or neg.entry.category == "absolute"):
            best = neg
    return best


CALL_REACH = 8
"""How far after a call ("Calls upon all States …") its negated infinitive may stand."""
INFINITIVE_ENDINGS = ("ть", "ться", "ти", "тися", "тись", "чь")


def _negated_call(ctx: Context, op: Op, neg: Hit) -> bool:
    """ "Calls upon all States never to recognize …", "Demande à tous les États de ne pas
    reconnaître", "Призывает все государства не признавать": a call whose infinitive is
    negated asks for restraint (2, negative), as "calls upon … to refrain" does."""
    words = ctx.tokens.words
    first, last = neg.first, op.hit.last
    if not last < first <= last + CALL_REACH or neg.last + 1 >= len(words):
        return False
    if any(ctx.comma_before[i] for i in range(last + 1, first + 1)):
        return False
    following = words[neg.last + 1]
    if ctx.language == "en":
        return following == "to"
    if ctx.language == "fr":
        return words[first - 1] in ("de", "d", "à")
    return following.endswith(INFINITIVE_ENDINGS)


def _negative_subject(ctx: Context, neg: Hit) -> bool:
    """'No derogation from articles 6, 7 … may be made', 'Aucun État ne peut': a negative
    determiner that opens the clause negates its operator however long the subject is."""
    return ctx.tokens.words[neg.first] in NEGATIVE_DETERMINERS and ctx.clause_initial(neg.first)


def _negative_object(ctx: Context, op: Op, neg: Hit) -> bool:
    """'shall place no restrictions': a negative determiner right after the modal's verb
    (not after "have", "be" …, where it states a status: "shall have no force")."""
    last = op.hit.last
    return (
        op.entry.modal
        and neg.first == last + 2
        and ctx.tokens.words[neg.first] == "no"
        and ctx.tokens.words[last + 1] not in NOT_PROHIBITIVE_AFTER_MODAL
        and not ctx.comma_before[last + 1]
        and not ctx.comma_before[neg.first]
    )


def _resumed_subject(ctx: Context, op: Op) -> bool:
    """ "If a Party considers …, it may request consultations": after an opening condition,
    "it" right after the comma takes up the party the condition names (not "it may be")."""
    first = op.hit.first
    return (
        first >= 1
        and ctx.tokens.words[first - 1] == "it"
        and ctx.comma_before[first - 1]
        and ctx.in_opening_condition(first)
        and _verb_after(ctx, op)[0] != "be"
    )


def _embedded_negation(ctx: Context, op: Op, negators: Negators) -> bool:
    last = ctx.tokens.index_before(op.hit.match_end)
    return negators.inside(op.hit.match_start, op.hit.match_end, op.hit.first, max(last, 0))


def subject_word(ctx: Context, index: int) -> str | None:
    """The word before an operator, skipping adverbs: a cheap stand-in for its subject."""
    i = index - 1
    while i >= 0 and ctx.tokens.words[i] in SKIPPABLE and ctx.sentence[i] == ctx.sentence[index]:
        i -= 1
    if i < 0 or ctx.sentence[i] != ctx.sentence[index]:
        return None
    return ctx.tokens.words[i]


def _verb_after(ctx: Context, op: Op) -> tuple[str, str]:
    """The word after an operator (adverbs skipped) and the word after that."""
    following = op.hit.last + 1
    words = ctx.tokens.words
    while following < len(words) and words[following] in SKIPPABLE:
        following += 1
    verb = words[following] if following < len(words) else ""
    return verb, words[following + 1] if following + 1 < len(words) else ""


def _passive(ctx: Context, op: Op) -> bool:
    """'will be assisted by OSCE': the agent's act, promised in the passive."""
    verb, participle = _verb_after(ctx, op)
    return verb == "be" and participle.endswith("ed")


def _inanimate(ctx: Context, op: Op) -> bool:
    return subject_word(ctx, op.hit.first) in INANIMATE


def _predictive(ctx: Context, op: Op) -> bool:
    """'It will', 'these measures will help': a forecast, not a party's promise (C1). A
    passive ("This process will be assisted by OSCE") is the agent's act, not a forecast."""
    subject = subject_word(ctx, op.hit.first)
    if subject in INANIMATE:
        return not _passive(ctx, op)
    verb, following = _verb_after(ctx, op)
    if verb == "continue" and following == "to":
        # "Demand for energy will continue to grow": the verb after "continue to" decides
        index = op.hit.last + 1
        words = ctx.tokens.words
        while words[index] != "to":
            index += 1
        verb = words[index + 1] if index + 1 < len(words) else ""
    return verb in EFFECT_VERBS and subject not in AGENTS


def _forecast_by_stem(
    ctx: Context, op: Op, tier: int, rule: str, reason: str
) -> tuple[int, str, str]:
    """French, Russian and Ukrainian carry "will" in the verb itself ("dépendra", "будут
    зависеть", "помогут"): a verb nobody can be bound to forecasts in any instrument; a verb
    of effect whose subject is not a party forecasts outside treaties and is an expectation
    (3) in one, as in English (C1)."""
    words = ctx.tokens.words
    last = op.hit.last
    if words[last] in AUXILIARIES and last + 1 < len(words):
        last += 1  # "будут зависеть": the infinitive after the auxiliary is the verb
    verbs = words[op.hit.first : last + 1]
    if any(verb.startswith(FORECAST_STEMS) for verb in verbs):
        return (
            0,
            "C1",
            f"predictive '{ctx.text[op.hit.start : op.hit.end]}': nobody can be bound to it",
        )
    if not _be_future(words, op) and not any(verb.startswith(EFFECT_STEMS) for verb in verbs):
        return tier, rule, reason
    if _agent_subject(ctx, op) or words[op.hit.first].endswith(FIRST_PLURAL.get(ctx.language, ())):
        return tier, rule, reason
    if ctx.instrument in TREATY:
        return 3, "C1", "a verb of effect with a subject that is not a party: an expectation"
    return 0, "C1", "predictive: a verb of effect with a subject that is not a party"


def _be_future(words: tuple[str, ...] | list[str], op: Op) -> bool:
    """ "будет членом", "буде частиною": the future of 'be' with its predicate noun (read
    by ``finite_verb``) states what the subject will be, like a verb of effect; "будут
    представлять" (auxiliary + infinitive) is not one."""
    first, last = op.hit.first, op.hit.last
    return (
        last == first + 1
        and words[first] in BE_FUTURE
        and words[last].endswith(INSTRUMENTAL_ENDINGS)
    )


FIRST_PLURAL = {"fr": ("ons",), "ru": ("ем", "им", "ём"), "uk": ("емо", "имо", "ємо", "імо")}
"""First-person plural endings of a verb: the speakers are its subject ("Мы, главы государств
…, будем укреплять", "зміцнюватимемо", "renforcerons"), a party however far the pronoun is."""

POSSESSIVE = frozenset({"de", "du", "des", "d", "каждой", "кожної", "всех", "усіх"})
"""Words that make the party noun after them a possessor, not the subject ("La contribution
… de chaque Partie représentera", "Вклад каждой Стороны будет соответствовать")."""
COORDINATORS = frozenset({"et", "ou", "и", "или", "і", "й", "та", "або"})
DETERMINERS_BEFORE_AGENT = frozenset({"chaque", "la", "le", "les", "l"})


def _agent_subject(ctx: Context, op: Op) -> bool:
    """Whether a party is the subject: a party noun among the four words before the verb
    ("Каждая Сторона … поможет", "Les Parties contribueront"), or anywhere before a verb
    coordinated with "et", "и", "та" …, and not inside a French "de" phrase that names whose
    thing the subject is."""
    first = op.hit.first
    words = ctx.tokens.words
    sentence = ctx.sentence[first]
    # "… représentera une progression … et correspondra": a coordinated verb shares the
    # subject of the first, which may stand anywhere before it in the sentence
    coordinated = first > 0 and words[first - 1] in COORDINATORS
    reach = first + 1 if coordinated else 5
    for i in range(first - 1, max(-1, first - reach), -1):
        if ctx.sentence[i] != sentence or (ctx.comma_before[i + 1] and not coordinated):
            return False
        if words[i] in AGENTS:
            j = i - 1
            while j >= 0 and words[j] in DETERMINERS_BEFORE_AGENT:
                j -= 1
            return not (j >= 0 and words[j] in POSSESSIVE)
    # "Участники в рамках своей компетенции будут содействовать": a party noun that opens
    # the sentence, with no comma before the verb, is its subject however far it stands
    start = ctx.sentence_start(first)
    if start + 1 < first and words[start] in DETERMINERS_BEFORE_AGENT:
        start += 1
    return (
        start < first - 4
        and words[start] in AGENTS
        and not any(ctx.comma_before[start + 1 : first + 1])
    )


def _forecast(ctx: Context, op: Op) -> str:
    """Why this 'will' forecasts in any instrument, or "": a verb nobody can be bound to
    ("will depend on", "will vary"), or "and will" after a forecast in its sentence."""
    verb, _ = _verb_after(ctx, op)
    if verb in PREDICTIVE_VERBS:
        return f"predictive 'will {verb}': nobody can be bound to it"
    first = op.hit.first
    if (
        first > 0
        and ctx.tokens.words[first - 1] in ("and", "or")
        and ctx.sentence[first] in ctx.forecast_sentences
    ):
        return "coordinated with a predictive 'will' (same subject)"
    return ""
