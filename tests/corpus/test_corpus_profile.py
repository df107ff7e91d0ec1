"""Strength profiles and shingles: the pure per-document functions behind ``corpus``."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from drafting.strength.profile import StrengthProfile, profile_sentences, total
from drafting.text.shingles import jaccard, shingle_hashes, signature, words_of

# constructed example sentences, one per tier of shared/strength-scale.md
SENTENCES = (
    "The Parties shall notify the Commission of all exercises.",
    "The Parties shall not deploy forces in the zone, as appropriate.",
    "The Parties may consult the Depositary.",
    "The Parties should fully inspect the registers.",
    "The Parties take note of the report.",
    "The Commission meets in Geneva.",
)


def test_profile_counts_each_sentence_by_its_main_term() -> None:
    profile = profile_sentences(SENTENCES, language="en", instrument="treaty")
    assert profile.sentences == 6
    assert profile.tiers == (1, 1, 1, 0, 1, 1)
    assert profile.no_term == 1
    assert (profile.positive, profile.negative) == (4, 1)
    assert profile.hedges == 1
    assert profile.intensifiers == 1
    assert profile.tier == 5
    assert dict(profile.main_terms) == {
        "shall": 1,
        "shall not": 1,
        "may": 1,
        "should": 1,
        "take note": 1,
    }
    assert profile.words == sum(len(words_of(s)) for s in SENTENCES)


def test_main_terms_most_frequent_first_then_alphabetical() -> None:
    profile = profile_sentences(
        ["The Parties may act.", "They shall act.", "They shall stop.", "They may go."],
        language="en",
    )
    assert profile.main_terms == (("may", 2), ("shall", 2))


def test_language_without_lexicon_counts_words_only() -> None:
    profile = profile_sentences(["Die Parteien müssen handeln."], language="de")
    assert not profile.analysed
    assert profile.sentences == 1 and profile.words == 4
    assert profile.tier is None and sum(profile.tiers) == 0


def test_profiles_add_up() -> None:
    parts = [profile_sentences([s], language="en", instrument="treaty") for s in SENTENCES]
    whole = profile_sentences(SENTENCES, language="en", instrument="treaty")
    assert total(parts) == whole
    assert total([]) == StrengthProfile()


def test_bracketed_options_count_as_unresolved() -> None:
    profile = profile_sentences(["The Parties [shall][should] consult."], language="en")
    assert profile.unresolved == 1 and sum(profile.tiers) == 0


def test_shingles_ignore_case_punctuation_and_spacing() -> None:
    a = shingle_hashes("The Parties shall  notify, the Council.")
    b = shingle_hashes("the parties SHALL notify the council")
    assert np.array_equal(a, b)
    assert len(a) == 4
    assert jaccard(a, b) == 1.0
    assert jaccard(a, shingle_hashes("Nothing in common here at all")) == 0.0
    assert jaccard(shingle_hashes(""), shingle_hashes("")) == 0.0


def test_one_edited_word_breaks_at_most_three_shingles() -> None:
    words = [f"w{i}" for i in range(40)]
    edited = [*words[:20], "changed", *words[21:]]
    a, b = shingle_hashes(" ".join(words)), shingle_hashes(" ".join(edited))
    assert jaccard(a, b) == (38 - 3) / (38 + 3)


GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")


@given(
    st.lists(st.sampled_from(GREEK), max_size=60),
    st.lists(st.sampled_from(GREEK), max_size=60),
)
def test_minhash_agrees_with_exact_jaccard(a_words: list[str], b_words: list[str]) -> None:
    a, b = shingle_hashes(" ".join(a_words), 2), shingle_hashes(" ".join(b_words), 2)
    exact = jaccard(a, b)
    estimate = float(np.mean(signature(a) == signature(b))) if len(a) and len(b) else 0.0
    # 128 permutations: the standard error is at most sqrt(0.25 / 128) ≈ 0.044
    assert abs(estimate - exact) < 0.25
    assert np.array_equal(signature(a), signature(a.copy()))
