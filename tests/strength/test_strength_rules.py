"""Each context rule of the strength scale (C1–C8), pinned with minimal sentences per language.

Every sentence in this file marked "constructed" was written for the test (a minimal change
of typical treaty wording), not quoted from a real instrument. The seed sentences are quoted
from shared/strength-scale.md and shared/seed/ (Bucharest 2008, Geneva 2022, Russia's 2021
draft).
"""

from __future__ import annotations

import itertools

import pytest

from drafting.strength import analyse, compare_strength


def test_seed_bucharest_is_political_commitment() -> None:
    result = analyse(
        "We agreed today that these countries will become members of NATO.",
        instrument="political-declaration",
    )
    assert (result.tier, result.polarity) == (3, "positive")
    assert result.main_term is not None and result.main_term.text == "will"
    assert result.main_term.rule == "C1"


def test_seed_never_is_absolute_and_caused_by_never() -> None:
    result = analyse(
        "Ukraine and Georgia will never become a member of NATO.",
        instrument="political-declaration",
    )
    assert (result.tier, result.polarity) == (5, "negative")
    assert result.main_term is not None and result.main_term.text == "will never"
    assert "never" in result.main_term.reason


def test_seed_comparison_is_strengthened_and_reversed() -> None:
    change = compare_strength(
        "We agreed today that these countries will become members of NATO.",
        "Ukraine and Georgia will never become a member of NATO.",
        instrument_a="political-declaration",
        instrument_b="political-declaration",
    )
    assert change.verdict == "strengthened"
    assert change.polarity_change is True
    assert (
        "will (3, political commitment) → will never (5, absolute, negative)" in change.explanation
    )
    replaced = [c for c in change.term_changes if c.kind == "replaced"]
    assert replaced and replaced[0].after is not None and replaced[0].after.text == "will never"


def test_seed_refrain_in_draft_treaty_is_a_prohibition() -> None:
    result = analyse(
        "All member States of the North Atlantic Treaty Organization commit themselves to refrain "
        "from any further enlargement of NATO, including the accession of Ukraine as well as "
        "other States.",
        instrument="draft-treaty",
    )
    assert (result.tier, result.polarity) == (5, "negative")
    assert result.main_term is not None and result.main_term.text == "refrain"


def test_chapeau_argument_lends_its_operator_to_an_item() -> None:
    # constructed chapeau and items
    binding = analyse(
        "refrain from the threat or use of force;",
        chapeau="The Parties shall:",
        instrument="treaty",
    )
    political = analyse(
        "refrain from the threat or use of force;",
        chapeau="The participating States will:",
        instrument="communique",
    )
    assert (binding.tier, binding.polarity) == (5, "negative")
    assert (political.tier, political.polarity) == (3, "negative")
    for language, chapeau, item in (
        ("fr", "Les parties s'engagent à :", "s'abstenir de tout recours à la force ;"),
        ("ru", "Стороны обязуются:", "воздерживаться от применения силы;"),
        ("uk", "Сторони зобов'язуються:", "утримуватися від застосування сили;"),
    ):
        result = analyse(item, chapeau=chapeau, language=language, instrument="treaty")
        assert (result.tier, result.polarity) == (5, "negative"), (language, result.explanation)


def test_negation_covers_coordinated_verbs_without_positive_terms() -> None:
    # constructed on the pattern of Russia's 2021 draft, Art. 5
    result = analyse(
        "The Parties shall not establish bases, use infrastructure or develop cooperation.",
        instrument="draft-treaty",
    )
    assert (result.tier, result.polarity) == (5, "negative")
    assert all(t.polarity == "negative" for t in result.terms)


@pytest.mark.parametrize(
    ("language", "text", "low", "high"),
    [
        ("en", "The Parties [shall][should] refrain from deploying missiles.", 2, 5),
        ("fr", "Les parties [doivent][devraient] coopérer.", 2, 4),
        ("ru", "Стороны [обязуются][стремятся] сотрудничать.", 2, 4),
        ("uk", "Сторони [зобов'язуються][прагнуть] співпрацювати.", 2, 4),
    ],
)
def test_brackets_give_a_range_and_a_flag(language: str, text: str, low: int, high: int) -> None:
    # constructed bracketed drafts (C6)
    result = analyse(text, language=language, instrument="negotiating-draft")
    assert result.tier is None
    assert result.tier_range == (low, high)
    assert any(f.kind == "bracket" and f.rule == "C6" for f in result.flags)


def test_agreed_bracket_options_resolve_to_one_tier() -> None:
    # constructed: both options bind
    result = analyse("The Parties [shall][must] cooperate.", language="en", instrument="treaty")
    assert result.tier == 4 and result.tier_range == (4, 4)


@pytest.mark.parametrize(
    ("language", "text", "flagged"),
    [
        ("en", "The Alliance will not station substantial combat forces.", "substantial"),
        (
            "fr",
            "Chaque partie peut se retirer si ses intérêts suprêmes sont menacés.",
            "intérêts suprêmes",
        ),
        (
            "ru",
            "Сторона может выйти, если высшие интересы поставлены под угрозу.",
            "высшие интересы",
        ),
        ("uk", "Сторона може вийти, якщо її вищі інтереси під загрозою.", "вищі інтереси"),
    ],
)
def test_low_precision_is_flagged_without_changing_the_tier(
    language: str, text: str, flagged: str
) -> None:
    # constructed (C7)
    result = analyse(text, language=language, instrument="political-declaration")
    assert any(f.kind == "low-precision" and f.text == flagged for f in result.flags)
    plain = analyse(
        text.replace(flagged, "the"), language=language, instrument="political-declaration"
    )
    assert result.tier == plain.tier


def test_false_friends_are_reported_as_not_counted() -> None:
    result = analyse(
        "Should the Parties fail to agree, the dispute shall be referred to arbitration.",
        language="en",
        instrument="treaty",
    )
    assert any(f.text == "Should" and f.rule == "C5" for f in result.flags)
    assert result.main_term is not None and result.main_term.text == "shall"


def test_hedges_lower_and_intensifiers_raise_the_score() -> None:
    # constructed minimal pairs
    plain = analyse("The Parties shall cooperate.", language="en", instrument="treaty")
    hedged = analyse(
        "The Parties shall, where appropriate, cooperate.", language="en", instrument="treaty"
    )
    strong = analyse(
        "The Parties shall cooperate fully and immediately.", language="en", instrument="treaty"
    )
    assert plain.score == 4.0
    assert hedged.score == 3.5 and hedged.tier == 4
    assert strong.score == 4.5
    negated = analyse(
        "This declaration shall have no binding force and is not legally binding.",
        language="en",
        instrument="political-declaration",
    )
    assert not any(m.counted for m in negated.intensifiers)


def test_conditions_are_flagged_but_do_not_lower_the_score() -> None:
    result = analyse(
        "The Parties will reduce their forces on a reciprocal basis.",
        language="en",
        instrument="political-declaration",
    )
    assert [c.text for c in result.conditions] == ["on a reciprocal basis"]
    assert result.score == 3.0


def test_un_operative_verbs_are_ordered_within_tier_two() -> None:
    # constructed resolution paragraphs (C2)
    verbs = [
        "Strongly urges",
        "Urges",
        "Calls upon",
        "Requests",
        "Recommends",
        "Encourages",
        "Invites",
    ]
    scores = [
        analyse(
            f"{verb} all States to cooperate.", language="en", instrument="un-sc-resolution"
        ).score
        for verb in verbs
    ]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    change = compare_strength(
        "Urges all States to cooperate.",
        "Calls upon all States to cooperate.",
        instrument_a="un-sc-resolution",
        instrument_b="un-sc-resolution",
    )
    assert change.verdict == "weakened"


def test_a_co_main_term_replaced_by_a_weaker_one_weakens() -> None:
    # constructed: two operative verbs at 4; the first becomes a call (2), "decides" keeps 4
    before = (
        "Demands that all parties cease hostilities, and decides to remain seized of the matter;"
    )
    after = (
        "Calls upon all parties to cease hostilities, and decides to remain seized of the matter;"
    )
    sc = {"instrument_a": "un-sc-resolution", "instrument_b": "un-sc-resolution"}
    change = compare_strength(before, after, **sc)
    assert change.verdict == "weakened"
    assert "Demands (4" in change.explanation and "Calls upon (2" in change.explanation
    assert compare_strength(after, before, **sc).verdict == "strengthened"
    # a term added (not replaced) does not count, nor does another instrument
    added = (
        "Demands that all parties cease hostilities, calls upon them to talk, and decides to act;"
    )
    assert (
        compare_strength(
            "Demands that all parties cease hostilities, and decides to act;", added, **sc
        ).verdict
        == "unchanged"
    )


def test_two_language_versions_come_out_unchanged() -> None:
    # real: North Atlantic Treaty Art. 11, English and French authentic texts (dev corpus P09)
    change = compare_strength(
        "This Treaty shall be ratified and its provisions carried out by the Parties in accordance "
        "with their respective constitutional processes.",
        "Ce traité sera ratifié et ses dispositions seront appliquées par les parties conformément "
        "à leurs règles constitutionnelles respectives.",
        instrument_a="treaty",
        instrument_b="treaty",
    )
    assert change.verdict == "unchanged"
    assert change.polarity_change is False


def test_language_is_detected_and_can_be_overridden() -> None:
    assert analyse("Les parties doivent coopérer.").language == "fr"
    assert analyse("Стороны обязуются сотрудничать.").language == "ru"
    assert analyse("Сторони зобов'язуються співпрацювати.").language == "uk"
    assert analyse("The Parties shall cooperate.").language == "en"
    # constructed Ukrainian without і, ї, є or ґ: told apart from Russian by its words
    assert analyse("Кожна Сторона може вийти з цього Договору.").language == "uk"
    assert analyse("Каждая Сторона может выйти из этого Договора.").language == "ru"
    assert analyse("Сторони зобов'язуються не застосовувати силу.").language == "uk"
    assert analyse("The Parties shall cooperate.").language_detected is True
    forced = analyse("The Parties shall cooperate.", language="en")
    assert forced.language_detected is False


def test_unknown_instrument_or_language_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown instrument"):
        analyse("x", instrument="pact")
    with pytest.raises(ValueError, match="unsupported language"):
        analyse("x", language="de")


def test_offsets_point_at_the_terms_in_the_input() -> None:
    text = "Ukraine and Georgia will never become a member of NATO."
    terms = analyse(text, instrument="political-declaration").terms
    assert [t.text for t in terms] == ["will never"]  # else the loop below checks nothing
    for term in terms:
        assert text[term.start : term.end] == term.text


def test_long_text_is_graded_like_its_strongest_sentence() -> None:
    # constructed: a 'document' far longer than one analysis run (analyse.CHUNK)
    sentences = [
        "The Parties will consult each other regularly.",
        "Each Party may request additional information.",
        "The Parties shall exchange data annually.",
    ] * 120
    strongest = "Under no circumstances shall either Party deploy such missiles."
    text = " ".join([*sentences[:200], strongest, *sentences[200:]])
    result = analyse(text, language="en", instrument="treaty")
    assert (result.tier, result.polarity) == (5, "negative")
    main = result.main_term
    assert main is not None and text.index(strongest) <= main.start < text.index(strongest) + 70
    assert sum(t.main for t in result.terms) == 1
    for term in result.terms:
        assert text[term.start : term.end] == term.text


def test_a_purpose_fragment_is_an_aim_unless_a_chapeau_says_what_it_is() -> None:
    # constructed, after the form of a preambular purpose clause cut from its lead-in
    fragment = "to ensure, by common principles, that armed force shall not be used"
    assert analyse(fragment, language="en", instrument="treaty").tier == 0
    item = "to ensure that no such weapons shall be deployed;"
    under = analyse(item, language="en", instrument="treaty", chapeau="The Parties undertake:")
    assert (under.tier, under.polarity) == (5, "negative")


PARALLEL = [  # constructed parallel versions of one clause, in the style of authentic texts
    (
        "treaty",
        {
            "en": "Each Party shall take all necessary measures to prevent incidents.",
            "fr": "Chaque Partie prend toutes les mesures nécessaires pour prévenir les incidents.",
            "ru": "Каждая Сторона принимает все необходимые меры для предотвращения инцидентов.",
            "uk": "Кожна Сторона вживає всіх необхідних заходів для запобігання інцидентам.",
        },
    ),
    (
        "treaty",
        {
            "en": "Each Party shall, in accordance with its constitutional processes, act.",
            "fr": "Chaque Partie agit conformément à ses procédures constitutionnelles.",
            "ru": "Каждая Сторона в соответствии со своими конституционными процедурами действует.",
            "uk": "Кожна Сторона діє відповідно до своїх конституційних процедур.",
        },
    ),
    (
        "treaty",
        {
            "en": "This Treaty shall enter into force on the date of the last ratification.",
            "fr": "Le présent Traité entre en vigueur à la date de la dernière ratification.",
            "ru": "Настоящий Договор вступает в силу в день последней ратификации.",
            "uk": "Цей Договір набирає чинності в день останньої ратифікації.",
        },
    ),
    (
        "political-declaration",
        {
            "en": "We stand ready to provide further assistance.",
            "fr": "Nous sommes prêts à fournir une aide supplémentaire.",
            "ru": "Мы готовы оказать дополнительную помощь.",
            "uk": "Ми готові надати додаткову допомогу.",
        },
    ),
    (
        "treaty",
        {
            "en": "Each Party shall, where appropriate, cooperate with the other Parties.",
            "fr": "Chaque Partie coopère, le cas échéant, avec les autres Parties.",
            "ru": "Каждая Сторона при необходимости сотрудничает с другими Сторонами.",
            "uk": "Кожна Сторона в разі потреби співпрацює з іншими Сторонами.",
        },
    ),
    (
        "treaty",
        {
            "en": "Reservations to this Treaty shall not be permitted.",
            "fr": "Les réserves au présent Traité ne sont pas admises.",
            "ru": "Оговорки к настоящему Договору не допускаются.",
            "uk": "Застереження до цього Договору не допускаються.",
        },
    ),
    (
        "treaty",
        {
            "en": "The Parties shall hold consultations at least once a year.",
            "fr": "Les Parties tiennent des consultations au moins une fois par an.",
            "ru": "Стороны проводят консультации не реже одного раза в год.",
            "uk": "Сторони проводять консультації не рідше одного разу на рік.",
        },
    ),
    (
        "treaty",
        {
            "en": "Unless otherwise agreed, the Parties shall meet annually.",
            "fr": "Sauf accord contraire, les Parties se réunissent chaque année.",
            "ru": "Если Стороны не договорились об ином, они встречаются ежегодно.",
            "uk": "Якщо Сторони не домовилися про інше, вони зустрічаються щороку.",
        },
    ),
    (
        "political-agreement",
        {
            "en": "The Parties will exchange information on a regular basis.",
            "fr": "Les Parties échangeront régulièrement des informations.",
            "ru": "Стороны будут регулярно обмениваться информацией.",
            "uk": "Сторони регулярно обмінюватимуться інформацією.",
        },
    ),
]


@pytest.mark.parametrize("instrument,versions", PARALLEL)
def test_parallel_language_versions_come_out_unchanged(
    instrument: str, versions: dict[str, str]
) -> None:
    for a, b in itertools.combinations(sorted(versions), 2):
        change = compare_strength(
            versions[a],
            versions[b],
            language_a=a,
            language_b=b,
            instrument_a=instrument,
            instrument_b=instrument,
        )
        assert change.verdict == "unchanged", f"{a} → {b}: {change.explanation}"


EDITS = [  # constructed one-word edits, the same edit in each language
    ("fr", "political-declaration", "Nous nous engageons à soutenir ces réformes.",
     "Nous avons l'intention de soutenir ces réformes.", "weakened"),
    ("ru", "political-declaration", "Мы обязуемся поддерживать эти реформы.",
     "Мы намерены поддерживать эти реформы.", "weakened"),
    ("uk", "political-declaration", "Ми зобов'язуємося підтримувати ці реформи.",
     "Ми маємо намір підтримувати ці реформи.", "weakened"),
    ("en", "treaty", "The Parties shall not deploy such weapons.",
     "The Parties shall endeavour not to deploy such weapons.", "weakened"),
    ("fr", "treaty", "Les Parties se consultent.",
     "Les Parties se consultent, le cas échéant.", "weakened"),
    ("uk", "treaty", "Сторони консультуються.",
     "Сторони в разі потреби консультуються.", "weakened"),
    ("ru", "political-declaration", "Грузия станет членом НАТО.",
     "Грузия никогда не станет членом НАТО.", "strengthened"),
    ("uk", "treaty", "Кожна Сторона може повідомити депозитарія.",
     "Кожна Сторона зобов'язана повідомити депозитарія.", "strengthened"),
]  # fmt: skip


@pytest.mark.parametrize("language,instrument,before,after,expected", EDITS)
def test_one_word_edits_in_each_language(
    language: str, instrument: str, before: str, after: str, expected: str
) -> None:
    change = compare_strength(
        before,
        after,
        language_a=language,
        language_b=language,
        instrument_a=instrument,
        instrument_b=instrument,
    )
    assert change.verdict == expected, change.explanation
