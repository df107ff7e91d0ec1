"""Each context rule of the strength scale (C1–C8), pinned with minimal sentences per language.

Every sentence in this file marked "constructed" was written for the test (a minimal change
of typical treaty wording), not quoted from a real instrument. The seed sentences are quoted
from shared/strength-scale.md and shared/seed/ (Bucharest 2008, Geneva 2022, Russia's 2021
draft).
"""

from __future__ import annotations

import pytest

from drafting.strength import analyse, compare_strength

# (id, language, instrument, text, tier, polarity) — all constructed
CASES: list[tuple[str, str, str | None, str, int, str]] = [
    # C1 instrument: "will" in a treaty binds, in a declaration commits politically
    ("c1-en-treaty", "en", "treaty", "The Parties will consult each other.", 4, "positive"),
    (
        "c1-en-decl",
        "en",
        "political-declaration",
        "The Parties will consult each other.",
        3,
        "positive",
    ),
    (
        "c1-en-shall-decl",
        "en",
        "political-declaration",
        "The Parties shall consult.",
        4,
        "positive",
    ),
    (
        "c1-en-predictive",
        "en",
        "political-declaration",
        "We expect that the talks will resume next year.",
        0,
        "positive",
    ),
    (
        "c1-en-impersonal",
        "en",
        "communique",
        "This will help Ukraine advance its reforms.",
        0,
        "positive",
    ),
    ("c1-fr-treaty", "fr", "treaty", "Les parties se consulteront.", 4, "positive"),
    ("c1-fr-decl", "fr", "political-declaration", "Les parties se consulteront.", 3, "positive"),
    ("c1-ru-treaty", "ru", "treaty", "Стороны будут сотрудничать.", 4, "positive"),
    ("c1-ru-decl", "ru", "political-declaration", "Стороны будут сотрудничать.", 3, "positive"),
    ("c1-uk-treaty", "uk", "treaty", "Сторони будуть співпрацювати.", 4, "positive"),
    ("c1-uk-decl", "uk", "political-declaration", "Сторони будуть співпрацювати.", 3, "positive"),
    # C2 UN resolutions: operative verbs, preamble, GA cap
    (
        "c2-en-decides",
        "en",
        "un-sc-resolution",
        "Decides that all States shall prevent the supply of arms.",
        4,
        "positive",
    ),
    (
        "c2-en-decides-not",
        "en",
        "un-sc-resolution",
        "Decides that all States shall not supply arms to the parties.",
        5,
        "negative",
    ),
    (
        "c2-en-urges",
        "en",
        "un-ga-resolution",
        "Urges all States to cooperate fully.",
        2,
        "positive",
    ),
    (
        "c2-en-authorizes",
        "en",
        "un-sc-resolution",
        "Authorizes Member States to use all necessary means.",
        1,
        "positive",
    ),
    (
        "c2-en-welcomes",
        "en",
        "un-sc-resolution",
        "Welcomes the report of the Secretary-General.",
        0,
        "positive",
    ),
    (
        "c2-en-preamble",
        "en",
        "un-sc-resolution",
        "Recalling that all States shall refrain from the threat or use of force,",
        0,
        "positive",
    ),
    (
        "c2-en-ga-cap",
        "en",
        "un-ga-resolution",
        "Demands that all States shall refrain from the threat or use of force.",
        2,
        "negative",
    ),
    (
        "c2-fr-exhorte",
        "fr",
        "un-ga-resolution",
        "Exhorte tous les États à coopérer.",
        2,
        "positive",
    ),
    (
        "c2-ru-prizyvaet",
        "ru",
        "un-ga-resolution",
        "Призывает все государства сотрудничать.",
        2,
        "positive",
    ),
    (
        "c2-uk-zaklykaye",
        "uk",
        "un-ga-resolution",
        "Закликає всі держави співпрацювати.",
        2,
        "positive",
    ),
    (
        "c2-fr-preamble",
        "fr",
        "un-sc-resolution",
        "Rappelant ses résolutions antérieures,",
        0,
        "positive",
    ),
    (
        "c2-ru-preamble",
        "ru",
        "un-sc-resolution",
        "Ссылаясь на свои предыдущие резолюции,",
        0,
        "positive",
    ),
    (
        "c2-uk-preamble",
        "uk",
        "un-sc-resolution",
        "Посилаючись на свої попередні резолюції,",
        0,
        "positive",
    ),
    (
        "c3-fr-item",
        "fr",
        "political-agreement",
        "Assurer le retrait des armes lourdes.",
        3,
        "positive",
    ),
    (
        "c3-ru-item",
        "ru",
        "political-agreement",
        "Обеспечить отвод тяжелых вооружений.",
        3,
        "positive",
    ),
    (
        "c3-uk-item",
        "uk",
        "political-agreement",
        "Забезпечити відведення важких озброєнь.",
        3,
        "positive",
    ),
    # C3: a descriptive sentence is not a list item
    (
        "c3-en-not-item",
        "en",
        "political-declaration",
        "Russia's aggression remains a threat.",
        0,
        "positive",
    ),
    (
        "c3-ru-not-item",
        "ru",
        "political-declaration",
        "Безопасность Европы неделима.",
        0,
        "positive",
    ),
    # C3 chapeau inside one text, and an item with no chapeau
    (
        "c3-en-in-text",
        "en",
        "treaty",
        "The Parties shall: (a) refrain from the use of force; (b) settle disputes peacefully.",
        5,
        "negative",
    ),
    (
        "c3-en-item-decl",
        "en",
        "political-agreement",
        "Ensure the withdrawal of heavy weapons.",
        3,
        "positive",
    ),
    (
        "c3-en-item-treaty-not",
        "en",
        "treaty",
        "Not permit any such activity on its territory;",
        5,
        "negative",
    ),
    # C4 negation and scope
    ("c4-en-shall-not", "en", "treaty", "The Parties shall not deploy missiles.", 5, "negative"),
    ("c4-en-need-not", "en", "treaty", "A Party need not notify routine exercises.", 1, "positive"),
    ("c4-en-should-not", "en", "treaty", "The Parties should not deploy missiles.", 2, "negative"),
    (
        "c4-en-will-not-decl",
        "en",
        "political-declaration",
        "NATO will not deploy missiles.",
        3,
        "negative",
    ),
    (
        "c4-en-will-not-treaty",
        "en",
        "treaty",
        "The Parties will not deploy missiles.",
        4,
        "negative",
    ),
    ("c4-en-may-not", "en", "treaty", "The Parties may not deploy missiles.", 5, "negative"),
    (
        "c4-en-no-intention",
        "en",
        "political-declaration",
        "The Allies have no intention to deploy missiles.",
        2,
        "negative",
    ),
    (
        "c4-en-inversion",
        "en",
        "political-declaration",
        "Under no circumstances will the Parties ever deploy missiles.",
        5,
        "negative",
    ),
    (
        "c4-en-not-prohibited",
        "en",
        "treaty",
        "Such transit shall not be prohibited.",
        1,
        "positive",
    ),
    (
        "c4-en-saving",
        "en",
        "treaty",
        "Nothing in this Treaty shall impair the inherent right of self-defence.",
        1,
        "positive",
    ),
    ("c4-en-determiner", "en", "treaty", "No such cooperation shall be provided.", 5, "negative"),
    (
        "c4-en-undertake-not",
        "en",
        "treaty",
        "Each Party undertakes not to transfer such weapons.",
        5,
        "negative",
    ),
    ("c4-fr-ne-pas", "fr", "treaty", "Les parties ne déploient pas de missiles.", 5, "negative"),
    ("c4-fr-pas-interdit", "fr", "treaty", "Le transit n'est pas interdit.", 1, "positive"),
    (
        "c4-fr-jamais",
        "fr",
        "political-declaration",
        "Les parties ne déploieront jamais de missiles.",
        5,
        "negative",
    ),
    (
        "c4-fr-future-not",
        "fr",
        "treaty",
        "Les Parties ne déploieront pas de missiles.",
        5,
        "negative",
    ),
    ("c4-ru-ne-present", "ru", "treaty", "Стороны не проводят военных учений.", 5, "negative"),
    (
        "c4-ru-nikogda",
        "ru",
        "political-declaration",
        "Стороны никогда не будут размещать ракеты.",
        5,
        "negative",
    ),
    (
        "c4-uk-nikoly",
        "uk",
        "political-declaration",
        "Сторони ніколи не будуть розміщувати ракети.",
        5,
        "negative",
    ),
    ("c4-uk-ne-present", "uk", "treaty", "Сторони не проводять військових навчань.", 5, "negative"),
    ("c4-ru-ne-dolzhny", "ru", "treaty", "Стороны не должны размещать ракеты.", 5, "negative"),
    (
        "c4-ru-ne-obyazany",
        "ru",
        "treaty",
        "Стороны не обязаны уведомлять об учениях.",
        1,
        "positive",
    ),
    (
        "c4-fr-aucune",
        "fr",
        "treaty",
        "Aucune réserve n'est admise au présent Traité.",
        5,
        "negative",
    ),
    (
        "c4-en-no-permitted",
        "en",
        "treaty",
        "No reservations are permitted to this Treaty.",
        5,
        "negative",
    ),
    (
        "c4-en-interpretive",
        "en",
        "treaty",
        "This Article shall not be interpreted as affecting the rights of third States.",
        4,
        "positive",
    ),
    (
        "c4-ru-interpretive",
        "ru",
        "treaty",
        "Такие уведомления не рассматриваются как поправки к Договору.",
        4,
        "positive",
    ),
    (
        "c4-en-passive-prohibition",
        "en",
        "treaty",
        "Such acts shall remain prohibited.",
        5,
        "negative",
    ),
    (
        "c8-en-ratification",
        "en",
        "treaty",
        "This Treaty is subject to ratification.",
        4,
        "positive",
    ),
    (
        "c5-en-unless-list",
        "en",
        "treaty",
        "A State may formulate a reservation unless: (a) the reservation is prohibited; (b) it "
        "is incompatible with the treaty.",
        1,
        "positive",
    ),
    # C5 false friends
    (
        "c5-en-should-conditional",
        "en",
        "treaty",
        "Should the Parties fail to agree, the dispute shall be referred to arbitration.",
        4,
        "positive",
    ),
    (
        "c5-en-if-should",
        "en",
        "treaty",
        "If a Party should withdraw, the others may continue.",
        1,
        "positive",
    ),
    (
        "c5-en-noun",
        "en",
        "treaty",
        "The obligations of the Parties are listed in the annex.",
        0,
        "positive",
    ),
    (
        "c5-en-relative-intends",
        "en",
        "treaty",
        "A State which intends to withdraw shall notify the depositary.",
        4,
        "positive",
    ),
    (
        "c5-en-unless-shall",
        "en",
        "treaty",
        "Unless the Parties shall otherwise agree, it remains in force.",
        0,
        "positive",
    ),
    (
        "c5-fr-noun",
        "fr",
        "treaty",
        "Les obligations des parties figurent à l'annexe.",
        0,
        "positive",
    ),
    ("c5-ru-noun", "ru", "treaty", "Обязательства сторон изложены в приложении.", 0, "positive"),
    ("c5-uk-noun", "uk", "treaty", "Зобов'язання сторін викладено в додатку.", 0, "positive"),
    (
        "c5-en-relative-third-party",
        "en",
        "treaty",
        "Each Party may withdraw by notice to the depositary, which will inform the other Parties.",
        1,
        "positive",
    ),
    (
        "c5-en-relative-speakers",
        "en",
        "political-declaration",
        "We condemn the annexation, which we do not and will not recognise.",
        3,
        "negative",
    ),
    ("c5-en-possibility", "en", "communique", "There can be no military solution.", 0, "positive"),
    (
        "c5-en-possibility-not",
        "en",
        "treaty",
        "It may not be possible to verify this.",
        0,
        "negative",
    ),
    # C7 precision flags do not move the tier
    (
        "c7-en-deems",
        "en",
        "treaty",
        "Each Party shall take such action as it deems necessary.",
        4,
        "positive",
    ),
    # C8 language conventions
    (
        "c8-fr-future-1pl",
        "fr",
        "political-declaration",
        "Nous continuerons à coopérer.",
        3,
        "positive",
    ),
    ("c8-fr-sengagent", "fr", "treaty", "Les parties s'engagent à coopérer.", 4, "positive"),
    ("c8-fr-elision", "fr", "treaty", "Les parties s’abstiennent de toute menace.", 5, "negative"),
    ("c8-fr-doivent", "fr", "treaty", "Les parties doivent coopérer.", 4, "positive"),
    ("c8-fr-devraient", "fr", "treaty", "Les parties devraient coopérer.", 2, "positive"),
    ("c8-fr-peuvent", "fr", "treaty", "Les parties peuvent coopérer.", 1, "positive"),
    (
        "c8-fr-present",
        "fr",
        "treaty",
        "Les parties règlent leurs différends par des moyens pacifiques.",
        4,
        "positive",
    ),
    ("c8-ru-obyazuyutsya", "ru", "treaty", "Участники обязуются сотрудничать.", 4, "positive"),
    ("c8-ru-obyazuetsya", "ru", "treaty", "Сторона обязуется сотрудничать.", 4, "positive"),
    (
        "c8-ru-obyazalis",
        "ru",
        "political-declaration",
        "Стороны обязались сотрудничать.",
        4,
        "positive",
    ),
    ("c8-ru-vozderzh", "ru", "treaty", "Стороны воздерживаются от угрозы силой.", 5, "negative"),
    ("c8-ru-sleduet", "ru", "treaty", "Сторонам следует сотрудничать.", 2, "positive"),
    ("c8-ru-mozhet", "ru", "treaty", "Сторона может выйти из Договора.", 1, "positive"),
    ("c8-ru-vprave", "ru", "treaty", "Сторона вправе выйти из Договора.", 1, "positive"),
    ("c8-uk-apostrophe", "uk", "treaty", "Сторони зобов’язуються співпрацювати.", 4, "positive"),
    (
        "c8-uk-modifier-letter",
        "uk",
        "treaty",
        "Сторони зобовʼязуються співпрацювати.",
        4,
        "positive",
    ),
    ("c8-uk-utrymuyutsya", "uk", "treaty", "Сторони утримуються від загрози силою.", 5, "negative"),
]


@pytest.mark.parametrize(
    ("language", "instrument", "text", "tier", "polarity"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_rule_on_constructed_sentence(
    language: str, instrument: str | None, text: str, tier: int, polarity: str
) -> None:
    result = analyse(text, language=language, instrument=instrument)
    assert (result.tier, result.polarity) == (tier, polarity), result.explanation


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
