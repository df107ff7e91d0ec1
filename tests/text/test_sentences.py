"""The sentence splitter: abbreviations, numbers, quotations, French and Cyrillic punctuation.

Sentences marked "corpus" are quoted from /work/shared/corpus (see the id in the comment);
all other inputs are constructed for the test and are not attributed to anyone.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.text.sentences import _CANDIDATE_ONE_LINE, _one_line, split_range, split_sentences


def sentences(text: str, language: str | None = None) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text, language)]


CASES: list[tuple[str, list[str]]] = [
    # references in legal texts (constructed)
    (
        "See Art. 5 of the Treaty. The Parties agree.",
        ["See Art. 5 of the Treaty.", "The Parties agree."],
    ),
    (
        "Under Arts. 4 and 6 nothing changes. It ends.",
        ["Under Arts. 4 and 6 nothing changes.", "It ends."],
    ),
    ("Resolution No. 3 applies. It binds.", ["Resolution No. 3 applies.", "It binds."]),
    ("As in para. 23 above. Next.", ["As in para. 23 above.", "Next."]),
    ("See p. 12 and pp. 14-15. Done.", ["See p. 12 and pp. 14-15.", "Done."]),
    ("The answer was No. The talks ended.", ["The answer was No.", "The talks ended."]),
    ("Compare Art. IV of the ABM Treaty. Then.", ["Compare Art. IV of the ABM Treaty.", "Then."]),
    # dotted abbreviations and Latin (constructed)
    (
        "The U.S. Government agrees. Russia does not.",
        ["The U.S. Government agrees.", "Russia does not."],
    ),
    ("Talks with the U.S. The Parties met.", ["Talks with the U.S.", "The Parties met."]),
    (
        "Some States, e.g. Georgia, object. Others agree.",
        ["Some States, e.g. Georgia, object.", "Others agree."],
    ),
    ("The core, i.e. Article 5, stays. Fine.", ["The core, i.e. Article 5, stays.", "Fine."]),
    ("The U.S.S.R. Government signed. Later.", ["The U.S.S.R. Government signed.", "Later."]),
    # titles, names and initials (constructed)
    ("Mr. Ryabkov spoke. Ms. Sherman replied.", ["Mr. Ryabkov spoke.", "Ms. Sherman replied."]),
    ("They met in St. Petersburg. It rained.", ["They met in St. Petersburg.", "It rained."]),
    ("J. F. Kennedy spoke. Then he left.", ["J. F. Kennedy spoke.", "Then he left."]),
    (
        "It is set out in Article V. The Parties agree.",
        ["It is set out in Article V.", "The Parties agree."],
    ),
    # numbers (constructed)
    (
        "Growth was 3.5 per cent. It fell to 2.0 later.",
        ["Growth was 3.5 per cent.", "It fell to 2.0 later."],
    ),
    (
        "Under Article 5. 2. The Parties shall act.",
        ["Under Article 5.", "2. The Parties shall act."],
    ),
    ("Article 2(1)(a) applies. Also 1.2.3 here.", ["Article 2(1)(a) applies.", "Also 1.2.3 here."]),
    # quotations and brackets (constructed)
    ('He said "No." Then he left.', ['He said "No."', "Then he left."]),
    ("He said “No.” Then he left.", ["He said “No.”", "Then he left."]),
    ("(See Article 5.) The Parties agree.", ["(See Article 5.)", "The Parties agree."]),
    ("“We cannot … We will not.” He left.", ["“We cannot … We will not.”", "He left."]),
    ("“It was … never agreed,” he said. Next.", ["“It was … never agreed,” he said.", "Next."]),
    ("The text reads “one […] Two”. Done.", ["The text reads “one […] Two”.", "Done."]),
    ("Wait... Then it ended.", ["Wait...", "Then it ended."]),
    ("Is it agreed? Yes! Fine.", ["Is it agreed?", "Yes!", "Fine."]),
    ("It failed, etc. and then stopped. Next.", ["It failed, etc. and then stopped.", "Next."]),
    # blank lines end a sentence even without a full stop (constructed)
    ("Heading without stop\n\nBody sentence.", ["Heading without stop", "Body sentence."]),
    ("A wrapped\nsentence goes on. Next one.", ["A wrapped\nsentence goes on.", "Next one."]),
    # a blank line closes an open quotation: an ellipsis after it ends its sentence
    # (constructed; after a full stop, after a line without one, and a quotation opened
    # after the blank line, which keeps it open)
    ("“Ab. \n\nBc… Cd", ["“Ab.", "Bc…", "Cd"]),
    ("«Ab\n\nBc… Cd", ["«Ab", "Bc…", "Cd"]),
    ("Ab.\n\n“Bc… Cd", ["Ab.", "“Bc… Cd"]),
    # an ellipsis closing its quotation ends the sentence; a seven-letter abbreviation before
    # a number does not; a blank line ends one before a lower-case line (constructed)
    ("«Nous refusons…» Il part.", ["«Nous refusons…»", "Il part."]),
    ("As set out in subpara. 3 above.", ["As set out in subpara. 3 above."]),
    ("Ends here.\n\nand a lower-case line.", ["Ends here.", "and a lower-case line."]),
    # a number before a full stop ends the sentence unless it is a paragraph's number (up to
    # three digits, nothing but spaces before it) (constructed)
    ("See Article 12. The Parties act.", ["See Article 12.", "The Parties act."]),
    ("  123. The Parties shall act.", ["123. The Parties shall act."]),
    ("  2024. The year ended.", ["2024.", "The year ended."]),
    (" 7. Done.", ["7. Done."]),
    # French punctuation: espace insécable before ; : ! ? and guillemets (constructed)
    (
        "Il a dit\u00a0: «\u00a0Non\u00a0!\u00a0» Puis il est parti.",
        ["Il a dit\u00a0: «\u00a0Non\u00a0!\u00a0»", "Puis il est parti."],
    ),
    (
        "Vraiment\u00a0? Oui. «\u00a0Jamais.\u00a0» Fin.",
        ["Vraiment\u00a0?", "Oui.", "«\u00a0Jamais.\u00a0»", "Fin."],
    ),
    ("« Non ! » dit-il. Fin.", ["« Non ! » dit-il.", "Fin."]),
    ("Voir M. Dupont et Mme Durand. Fin.", ["Voir M. Dupont et Mme Durand.", "Fin."]),
    ("Conformément à l’art. 5 du traité. Fin.", ["Conformément à l’art. 5 du traité.", "Fin."]),
    # Russian (constructed)
    (
        "В соответствии со ст. 5 Договора, т.е. в 2008 г. было решено. Затем п. 3 отменён.",
        ["В соответствии со ст. 5 Договора, т.е. в 2008 г. было решено.", "Затем п. 3 отменён."],
    ),
    ("См. гл. 2 и ч. 1. Конец.", ["См. гл. 2 и ч. 1.", "Конец."]),
    ("Стороны и т.д. Другое предложение.", ["Стороны и т.д.", "Другое предложение."]),
    ("Он сказал: «Нет.» Потом ушёл.", ["Он сказал: «Нет.»", "Потом ушёл."]),
    # Ukrainian (constructed)
    (
        "Згідно зі ст. 56 Конвенції, див. п. 2. Кінець.",
        ["Згідно зі ст. 56 Конвенції, див. п. 2.", "Кінець."],
    ),
    ("Учасник повідомляє. Інше речення.", ["Учасник повідомляє.", "Інше речення."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_splits_as_a_drafter_reads(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_corpus_paragraph_two_sentences() -> None:
    # corpus D2S002 (Vienna Convention, Art. 27): two sentences in one entry.
    text = (
        "A party may not invoke the provisions of its internal law as justification for its "
        "failure to perform a treaty. This rule is without prejudice to article 46."
    )
    assert sentences(text, "en") == [
        "A party may not invoke the provisions of its internal law as justification for its "
        "failure to perform a treaty.",
        "This rule is without prejudice to article 46.",
    ]


def test_corpus_french_sentence_with_lettered_items_stays_whole() -> None:
    # corpus D2S013 (Convention de Vienne, art. 56 para. 1): "a)" and "b)" inside one sentence.
    text = (
        "Un traité qui ne contient pas de dispositions relatives à son extinction et ne prévoit "
        "pas qu'on puisse le dénoncer ou s'en retirer ne peut faire l'objet d'une dénonciation "
        "ou d'un retrait, à moins: a) qu'il ne soit établi qu'il entrait dans l'intention des "
        "parties d'admettre la possibilité d'une dénonciation ou d'un retrait; ou b) que le droit "
        "de dénonciation ou de retrait ne puisse être déduit de la nature du traité."
    )
    assert sentences(text, "fr") == [text]


def test_spans_are_trimmed_offsets_into_the_text_as_given() -> None:
    text = "  \n Art. 5 applies.\t\n  It binds.  \n"
    spans = split_sentences(text)
    assert spans == [(4, 19), (23, 32)]
    assert [text[a:b] for a, b in spans] == ["Art. 5 applies.", "It binds."]


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t\n ") == []


def test_text_without_end_punctuation_is_one_sentence() -> None:
    assert sentences("will not strengthen their security") == ["will not strengthen their security"]


def test_split_range_equals_splitting_the_slice() -> None:
    text = "Before. Art. 5 applies. It binds. After."
    start, end = 8, 33
    expected = [(a + start, b + start) for a, b in split_sentences(text[start:end])]
    assert split_range(text, start, end) == expected


# ------------------------------------------------------------------------- properties

PIECES = st.sampled_from(
    [
        "Art.",
        "No.",
        "U.S.",
        "e.g.",
        "i.e.",
        "Mr.",
        "St.",
        "3.5",
        "J.",
        "ст.",
        "т.е.",
        "г.",
        "п.",
        "«",
        "»",
        "“",
        "”",
        '"',
        "(",
        ")",
        "[",
        "]",
        "…",
        "...",
        "!",
        "?",
        ".",
        ";",
        ":",
        "The",
        "Parties",
        "shall",
        "not",
        "Ukraine",
        "Статья",
        "Non",
        "\u00a0",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "5",
        "IV",
        "a",
    ]
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=60).map(" ".join),
    st.lists(PIECES, max_size=60).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_spans_are_ordered_disjoint_trimmed_and_cover_every_visible_character(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = [False] * len(text)
    for start, end in spans:
        for i in range(start, end):
            covered[i] = True
    for i, char in enumerate(text):
        if not char.isspace():
            assert covered[i], f"character {i} ({char!r}) is in no sentence"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(["The Parties agree.", "Art. 5 applies!", "Is it so?"]),
        min_size=1,
        max_size=8,
    )
)
def test_well_formed_sentences_come_back_one_by_one(parts: list[str]) -> None:
    text = " ".join(parts)
    assert sentences(text) == parts


def test_no_sentence_starts_inside_a_decimal_number() -> None:
    text = "Rates of 3.5, 10.25 and 0.5 apply. The end."
    for start, _ in split_sentences(text):
        assert not re.match(r"\d", text[start - 1 : start] or "x")


@given(
    st.text(alphabet=st.sampled_from(list("ab Z1.!?…»”’\"')]\u00a0\u202f\t[(")), max_size=60),
    st.integers(0, 5),
)
def test_end_marks_found_by_search_are_those_the_pattern_finds(text: str, start: int) -> None:
    """``_one_line`` (str.find for the end marks, then the pattern at each) yields exactly
    the matches of scanning the whole range with the pattern."""
    start = min(start, len(text))
    fast = [m.span() + m.span("punct") for m in _one_line(text, start, len(text))]
    scan = [
        m.span() + m.span("punct") for m in _CANDIDATE_ONE_LINE.finditer(text, start, len(text))
    ]
    assert fast == scan
