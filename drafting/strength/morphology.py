"""Verb forms where surface rules run out: Russian and Ukrainian with pymorphy3, French by
its endings.

A Russian or Ukrainian clause often carries its force in a finite verb alone: the
perfective non-past is a future ("никогда не станут членами" = will never become), and the
descriptive present binds in a treaty ("Участники … сотрудничают" = shall cooperate).
Telling aspect and tense from a surface ending is guesswork, so we ask pymorphy3's
dictionaries (``pymorphy3-dicts-ru``, ``pymorphy3-dicts-uk``). Each distinct word is parsed
once per process (``functools.cache``), and the analyser loads only when a Russian or
Ukrainian sentence has no operator of its own, so English and French batches never pay for
it. Cost measured in ``docs/strength.md``.

French has no such dictionary here: :func:`french_finite` reads the ending of the word
after a determiner-led subject (present ``-ent`` / ``-e`` / ``-it``; the future is in the
lexicon), with the adjective and function words that only look like verbs left out.
"""

from __future__ import annotations

import importlib
import os
from functools import cache
from typing import Any, Literal

VerbForm = Literal["present", "future"]

STATIVE = frozenset(
    [
        "быть",
        "являться",
        "иметь",
        "состоять",
        "бути",
        "являти",
        "мати",
        "становити",
        "являтися",
        "полягати",
        "заключаться",
        "être",
        "avoir",
        "constituer",
        "comprendre",
        "désigner",
        "означать",
        "означати",
        "пониматься",
        "розумітися",
    ]
)
"""Verbs of being and having state a status, not a commitment ("имеют равные права"); verbs
of meaning state a definition ("термин «инспекция» означает …")."""


@cache
def _analyzer(language: str) -> Any:
    import pymorphy3  # start-up time

    return pymorphy3.MorphAnalyzer(path=_dictionary_path(pymorphy3, language), lang=language)


def _dictionary_path(pymorphy3: Any, language: str) -> str | None:
    """The data folder of ``pymorphy3-dicts-<language>``, found by importing it: given only
    ``lang``, pymorphy3 reads the entry points of every installed package to find it (about
    0.06 s a language). None, so that pymorphy3 decides as before, when its environment
    variable names a dictionary or the package does not import."""
    if pymorphy3.MorphAnalyzer.DICT_PATH_ENV_VARIABLE in os.environ:
        return None
    try:
        package = importlib.import_module(f"pymorphy3_dicts_{language}")
    except ImportError:
        return None
    path: str = package.get_path()
    return path


@cache
def slavic_finite(word: str, language: str, after_negator: bool) -> VerbForm | None:
    """``present`` or ``future`` for a finite indicative verb in the third person or the
    first person plural (the forms treaty parties speak in); None otherwise.

    The first parse decides, except after a negator, where a verb reading anywhere in the
    list wins ("не стане": pymorphy3 ranks the noun "стан" first)."""
    parses = _analyzer(language).parse(word)
    candidates = parses if after_negator else parses[:1]
    for parse in candidates:
        tag = parse.tag
        if tag.POS != "VERB" or tag.mood == "impr" or parse.normal_form in STATIVE:
            continue
        if not (tag.person == "3per" or (tag.person == "1per" and tag.number == "plur")):
            continue
        if tag.tense == "futr":
            return "future"
        if tag.tense == "pres":
            return "present"
    return None


def stative(word: str, language: str) -> bool:
    """Whether a finite verb only states a status ("имеют равные права", "figurent")."""
    if language == "fr":
        return word in FRENCH_STATIVE_FORMS
    if language in ("ru", "uk"):
        return _slavic_stative(word, language)
    return False


@cache
def _slavic_stative(word: str, language: str) -> bool:
    """``stative`` by the first parse, once per word (a parse costs about 30 µs)."""
    return any(p.normal_form in STATIVE for p in _analyzer(language).parse(word)[:1])


PREDICATES = frozenset({"VERB", "PRTS", "ADJS"})
"""A finite verb, a short participle ("если иное не предусмотрено") or a short adjective
("если Стороны согласны"): each gives a clause its own predicate."""


@cache
def slavic_verb(word: str, language: str) -> bool:
    """Whether the first parse is a predicate: a finite verb in any tense, a short
    participle or a short adjective (a clause has its own verb)."""
    parse = _analyzer(language).parse(word)[0]
    return parse.tag.POS in PREDICATES


FRENCH_DETERMINERS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "chaque",
        "tout",
        "toute",
        "tous",
        "toutes",
        "aucun",
        "aucune",
        "nul",
        "nulle",
        "un",
        "une",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "notre",
        "nos",
    ]
)
FRENCH_BEFORE_NO_VERB = FRENCH_DETERMINERS | frozenset(
    [
        "de",
        "des",
        "du",
        "d",
        "à",
        "au",
        "aux",
        "en",
        "par",
        "pour",
        "sur",
        "dans",
        "avec",
        "sans",
        "entre",
        "vers",
        "selon",
        "contre",
        "sous",
        "que",
        "qui",
        "dont",
        "où",
        "et",
        "ou",
        "comme",
    ]
)
FRENCH_NOT_VERBS = frozenset(
    [
        "comme",
        "entre",
        "contre",
        "notre",
        "votre",
        "autre",
        "même",
        "quelque",
        "presque",
        "ce",
        "une",
        "elle",
        "cette",
        "le",
        "se",
        "ne",
        "de",
        "que",
        "sur",
        "leur",
        "membre",
        "cadre",
        "ordre",
        "titre",
        "article",
        "ministre",
        "centre",
        "nombre",
        "libre",
        "propre",
        "présente",
        "présent",
        "zone",
        "date",
        "article",
        "paix",
        "europe",
        "fond",
        "second",
        "monde",
        "sommet",
        "comité",
    ]
)
_ADJECTIVE_ENDINGS = (
    "ale", "elle", "ive", "ienne", "aire", "ée", "ible", "able", "ième", "iste", "ment", "ante",
    "ente",
)  # fmt: skip


FRENCH_STATIVE_FORMS = frozenset(
    ["est", "sont", "a", "ont", "constitue", "constituent", "comprend", "comprennent",
     "désigne", "désignent", "figure", "figurent", "consiste", "consistent", "demeure",
     "demeurent", "reste", "restent", "trouve", "trouvent", "réside", "résident", "dépend",
     "dépendent", "varie", "varient", "existe", "existent"]
)  # fmt: skip
"""French present forms that state where or what something is ("figurent à l'annexe")."""


def french_finite(word: str, previous: str) -> VerbForm | None:
    """``present`` for a word that reads as a third-person present after ``previous``."""
    if len(word) < 4 or previous in FRENCH_BEFORE_NO_VERB or word in FRENCH_NOT_VERBS:
        return None
    if word.endswith(_ADJECTIVE_ENDINGS) or word in STATIVE:
        return None
    if word in FRENCH_STATIVE_FORMS:
        return None
    if word.endswith(("ent", "e", "it", "aît")):
        return "present"
    # third-person singular of -dre and -mettre verbs: "prend", "rend", "répond", "permet",
    # "soumet", "transmet" (nouns in -et such as "objet", "effet" are left out)
    if word.endswith(("end", "ond", "met")) and word not in FRENCH_NOT_VERBS:
        return "present"
    return None


FRENCH_PARTICIPLE_ENDINGS = ("é", "ée", "és", "ées", "is", "ise", "ises", "us", "ue", "ues")
FRENCH_NOT_PARTICIPLES = frozenset(
    ["tenu", "tenus", "tenue", "tenues", "prié", "priés", "invité", "invités"]
)
"""Forms the lexicon reads itself ("sont tenus de") or that call on others."""


def french_passive(word: str, following: str) -> bool:
    """Whether ``word following`` is a present passive ("sont réglés", "est soumis"): in a
    treaty it binds like the active present ("Les différends sont réglés par voie de
    négociation" = shall be settled)."""
    return (
        word in ("est", "sont")
        and len(following) > 3
        and following.endswith(FRENCH_PARTICIPLE_ENDINGS)
        and following not in FRENCH_NOT_PARTICIPLES
    )


RECITAL_FORMS = frozenset({"PRTF", "PRTS", "ADJF", "ADJS"})


@cache
def slavic_recital_opener(word: str, language: str, after_adverb: bool) -> bool:
    """Whether a Russian or Ukrainian word opens a recital: an adverbial participle
    ("Рассмотрев", "Розглянувши", "Действуя") at the start, or after a preambular adverb a
    participle or adjective ("Глубоко обеспокоенный", "Глибоко стурбована")."""
    parse = _analyzer(language).parse(word)[0]
    if after_adverb:
        return parse.tag.POS in RECITAL_FORMS or parse.tag.POS == "GRND"
    return parse.tag.POS == "GRND"
