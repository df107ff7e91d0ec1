"""Pass 1b, ``finite_verb`` (C8): in French, Russian and Ukrainian a sentence can bind with
no modal at all. Where a sentence has no operator from the lexicon, the first finite verb of
its main clause becomes one: the present indicative ("Les Membres … règlent", "Участники …
сотрудничают", "Конференция Сторон … рассматривает") reads like "shall" in a treaty and
like "will" in political instruments (it is not read without an instrument, nor in a
resolution, where it describes); the perfective future ("никогда не станут", "ніколи не
стане") reads like "will". Negation and absolute markers then apply as to any operator
("не станут" → the tier of will, negative; "никогда" → 5).

Verbs in a subordinate clause (after "который", "что", "если", "qui", "que" … up to the
next comma) are skipped, and so are verbs of being and having, which state a status.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from drafting.strength.lexicon import Entry
from drafting.strength.matcher import Hit
from drafting.strength.morphology import (
    FRENCH_DETERMINERS,
    french_finite,
    french_passive,
    slavic_finite,
    slavic_recital_opener,
    stative,
)
from drafting.strength.passes.state import (
    BE_FUTURE,
    INSTRUMENTAL_ENDINGS,
    POLITICAL,
    TREATY,
    Context,
    Op,
    word_set,
)

SUBORDINATORS = frozenset(
    [
        "который",
        "которая",
        "которые",
        "которое",
        "которых",
        "которым",
        "которой",
        "что",
        "чтобы",
        "если",
        "когда",
        "где",
        "как",
        "поскольку",
        "хотя",
        "який",
        "яка",
        "які",
        "яке",
        "яких",
        "якому",
        "якої",
        "що",
        "щоб",
        "якщо",
        "коли",
        "де",
        "як",
        "оскільки",
        "хоча",
        "qui",
        "que",
        "qu",
        "dont",
        "où",
        "si",
        "lorsque",
        "quand",
        "puisque",
        "bien",
    ]
)
NEGATORS = frozenset({"не", "ні", "ne", "n"})
FRENCH_NEGATION_PARTICLES = frozenset({"pas", "point", "jamais", "plus"})
SELF_DEMONSTRATIVES = frozenset(
    ["настоящий", "настоящая", "настоящее", "настоящие", "данный", "данная", "данное", "этот",
     "эта", "это", "цей", "ця", "це", "даний", "дана", "дане", "présent", "présente", "ce",
     "cet", "cette", "le", "la", "l"]
)  # fmt: skip
INSTRUMENT_NOUNS = frozenset(
    ["договор", "соглашение", "конвенция", "протокол", "устав", "декларация", "статья",
     "договір", "угода", "конвенція", "статут", "декларація", "стаття", "traité", "accord",
     "convention", "protocole", "charte", "déclaration", "article"]
)  # fmt: skip
"""A sentence whose subject is the instrument itself ("Настоящий Договор устанавливает
режим", "Le présent Accord vise") describes the text; it binds no one."""

ENTRIES = {
    "present": Entry(
        id="{lang}.finite-present",
        pattern="",
        category="obligation",
        tier=4,
        rule="C8",
        context="present",
        modal=True,
        note="present indicative of the main clause (morphology)",
    ),
    "recital": Entry(
        id="{lang}.recital-participle",
        pattern="",
        category="preamble",
        tier=0,
        rule="C2",
        note="a recital opened by an adverbial participle or a participle (morphology)",
    ),
    "future": Entry(
        id="{lang}.finite-future",
        pattern="",
        category="commitment",
        tier=3,
        rule="C8",
        context="will",
        modal=True,
        note="perfective future of the main clause (morphology)",
    ),
}


def finite_verb(ctx: Context, ops: list[Op], language: str) -> list[Op]:
    """``ops`` plus one operator for the main finite verb of each sentence that has none."""
    if language not in ("fr", "ru", "uk") or not ctx.tokens.words:
        return ops
    present_binds = ctx.instrument in TREATY or ctx.instrument in POLITICAL
    ops = [
        op
        for op in ops
        if op.entry.context != "subject" or not _stative_subject_reading(ctx, op, language)
    ]
    if language in ("ru", "uk") and ops:
        ops = _recital_participle(ctx, ops, language)
    question = ctx.may_hold_question()
    busy = {
        ctx.sentence[op.hit.first]
        for op in ops
        if not _inner_participle(ctx, op)
        # "оценивает, будет ли экспорт способствовать": the main verb is still to be read
        and not (question and ctx.in_embedded_question(op.hit.first))
        # "La Commission, qui peut créer …, se réunit", "À moins que le Conseil n'en décide
        # autrement, la mission prend fin": nor does an operator of a subordinate clause
        and not _in_subordinate(ctx, op.hit.first)
    }
    added: list[Op] = []
    words = ctx.tokens.words
    subordinate = False
    done_sentence = -1
    # every sentence has an operator (the common case): no word can add one
    for i, word in enumerate(words if len(busy) <= ctx.sentence[-1] else ()):
        sentence = ctx.sentence[i]
        if i and sentence != ctx.sentence[i - 1]:
            subordinate = False
        if ctx.comma_before[i]:
            subordinate = False
        if (
            word in SUBORDINATORS
            and ctx.norm[ctx.tokens.starts[i] - 1 : ctx.tokens.starts[i]] != "-"
        ):
            subordinate = True  # not "будь-яка" (any), a compound
            continue
        if subordinate and language == "fr" and _french_relative_verb(words, i):
            # "Tout différend … qui n'est pas réglé par voie de négociation est soumis à …":
            # French sets no comma after a short relative clause; its own verb closes it
            subordinate = False
            continue
        if subordinate or sentence in busy or sentence == done_sentence:
            continue
        if word in INSTRUMENT_NOUNS and _opening(ctx, i) == i - 1:
            if words[i - 1] in SELF_DEMONSTRATIVES:
                done_sentence = sentence  # the text describing itself
            continue
        previous = words[i - 1] if i and ctx.sentence[i - 1] == sentence else ""
        after = i + 2 if i + 2 < len(words) and words[i + 1] in FRENCH_NEGATION_PARTICLES else i + 1
        following = words[after] if after < len(words) else ""  # "ne sont pas admises"
        passive = False
        if language == "fr":
            form = None
            if _french_subject(ctx, i):
                passive = french_passive(word, following) and not ctx.comma_before[after]
                form = "present" if passive else french_finite(word, previous)
                if form is None and word in FRENCH_ACTS_OF_PARTIES and previous in AGENTS:
                    form = "present"  # "Chaque Partie désigne une autorité": an act
        elif word in BE_FUTURE and following.endswith(INSTRUMENTAL_ENDINGS):
            form, passive = "future", True  # "не будет членом": will (not) be, read to the noun
        else:
            form = slavic_finite(word, language, previous in NEGATORS)
        if form is None or (form == "present" and not present_binds):
            continue
        done_sentence = sentence
        entry = _entry(form, language)
        last = after if passive else i  # "sont réglés", "ne sont pas admises"
        start, end = ctx.tokens.starts[i], ctx.tokens.ends[last]
        added.append(Op(Hit(start, end, start, end, entry, i, last, -1)))
    if language in ("ru", "uk"):
        for op in ops:
            if _negated_acknowledgement_future(ctx, op, language):
                h, future = op.hit, _entry("future", language)  # the same match, as future
                span = (h.start, h.end, h.match_start, h.match_end)
                op.rehit(Hit(*span, future, h.first, h.last, h.order))
    if not added:
        return ops
    return sorted([*ops, *added], key=lambda op: op.hit.first)


def _in_subordinate(ctx: Context, index: int) -> bool:
    """Whether word ``index`` stands in a subordinate clause closed by a comma: a relative
    clause set off by commas ("La Commission, qui peut créer …, se réunit") or an opening
    condition ("À moins que le Conseil n'en décide autrement, la mission prend fin")."""
    commas = ctx.commas
    if not commas:
        return False  # no comma closes a subordinate clause
    if commas[0] <= index:
        start = commas[bisect_right(commas, index) - 1]
        if start > ctx.sentence_start(index):
            if ctx.tokens.words[start] not in SUBORDINATORS:
                return False
            return ctx.punctuated_end(index) < ctx.sentence_last(index)
    if not ctx.in_opening_condition(index):
        return False
    return ctx.punctuated_end(index) < ctx.sentence_last(index)


FRENCH_ACTS_OF_PARTIES = frozenset({"désigne", "désignent"})
"""Verbs that define with a term as subject ("le terme « X » désigne") and are acts with a
party as subject ("Chaque Partie désigne une autorité nationale")."""
AGENTS = word_set("AGENTS")

FRENCH_AUXILIARIES = frozenset({"est", "sont", "a", "ont", "sera", "seront", "était", "étaient"})


def _french_relative_verb(words: tuple[str, ...] | list[str], index: int) -> bool:
    """Whether word ``index`` is the finite verb of a French relative clause ("qui n'est pas
    réglé", "qui établissent"); after it, the next finite verb is the main clause's."""
    word = words[index]
    previous = words[index - 1] if index else ""
    return word in FRENCH_AUXILIARIES or french_finite(word, previous) is not None


PREAMBLE_ADVERBS = word_set("PREAMBLE_ADVERBS")


def _recital_participle(ctx: Context, ops: list[Op], language: str) -> list[Op]:
    """ "Рассмотрев доклад …, согласно которому стороны должны …", "Глибоко стурбована тим,
    що сторони повинні …": a text whose first word is an adverbial participle (or a
    participle after "Глубоко", "Вновь" …) is a recital, whatever its list of openers says;
    ``ops`` plus that recital's opener when the lexicon did not already find one."""
    words = ctx.tokens.words
    if not words or not ctx.text[ctx.tokens.starts[0]].isupper():
        return ops
    if any(op.hit.first <= 1 and op.entry.category == "preamble" for op in ops):
        return ops
    index = 1 if words[0] in PREAMBLE_ADVERBS and len(words) > 1 else 0
    if not slavic_recital_opener(words[index], language, index == 1):
        return ops
    start, end = ctx.tokens.starts[index], ctx.tokens.ends[index]
    entry = _entry("recital", language)
    ctx.fire("finite_verb")
    return [Op(Hit(start, end, start, end, entry, index, index, -1)), *ops]


def _stative_subject_reading(ctx: Context, op: Op, language: str) -> bool:
    """A lexicon "subject + present" reading whose verb is one of being or having
    ("государства имеют равные права") states a status: it is dropped."""
    return op.entry.context == "subject" and stative(ctx.tokens.words[op.hit.last], language)


def _entry(form: str, language: str) -> Entry:
    base = ENTRIES[form]
    return replace(base, id=base.id.format(lang=language))


def _opening(ctx: Context, index: int) -> int:
    """Index of the first word of the sentence holding word ``index``."""
    return ctx.sentence_start(index)


def _inner_participle(ctx: Context, op: Op) -> bool:
    """A participle inside a sentence ("agissant comme …") is no recital and no operator: it
    does not stop the sentence's finite verb from being read."""
    return op.entry.category == "preamble" and op.hit.first - _opening(ctx, op.hit.first) > 1


def _negated_acknowledgement_future(ctx: Context, op: Op, language: str) -> bool:
    """ "Мы никогда не признаем", "Ми ніколи не визнаємо": the perfective future of a verb of
    acknowledgement under a negator is a promise about conduct (will never recognise)."""
    first = op.hit.first
    if op.entry.category != "acknowledgement" or op.hit.last != first or first == 0:
        return False
    if ctx.tokens.words[first - 1] not in NEGATORS:
        return False
    return slavic_finite(ctx.tokens.words[first], language, True) == "future"


def _french_subject(ctx: Context, index: int) -> bool:
    """A French present needs a subject before it in its sentence: a determiner-led noun
    phrase at the start ("Les Membres de l'Organisation règlent", "Chaque Partie établit"),
    or right after the comma that closes an opening phrase ("Sans préjudice des droits des
    États côtiers, chaque Partie coopère")."""
    opening = _opening(ctx, index)
    words = ctx.tokens.words
    if index - opening >= 2 and words[opening] in FRENCH_DETERMINERS:
        return True
    commas = ctx.commas
    if not commas or commas[0] > index - 2:
        return False
    clause = commas[bisect_right(commas, index - 2) - 1]  # the last comma before the subject
    return clause > opening and words[clause] in FRENCH_DETERMINERS
