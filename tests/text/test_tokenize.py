"""Tokens cover the input exactly; keys normalise only for matching."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.text.tokens import (
    _WORD_RE,
    NONSPACE_PATTERN,
    PUNCT,
    SPACE,
    WORD,
    Words,
    _ascii_token_pattern,
    ascii_nonspace_pattern,
    count_tokens,
    normalise_key,
    tokenize,
)

# Latin, Cyrillic, French punctuation and spaces, combining marks, typographic quotes/dashes.
ALPHABET = st.sampled_from(
    list("abcXYZ éèçàÉ")
    + list("абвгдеёжзийклмнопрстуфхцчшщьюяіїєґ")
    + list("«»‹›“”‘’„—–-…;:!?.,'\"()[]\u00a0\u202f\u2009\t\n")
    + ["\u0301", "\u0308", "\u0327", "1", "9", "_"]
)
TEXTS = st.text(alphabet=ALPHABET, max_size=80)


@settings(max_examples=100, deadline=None)
@given(TEXTS, st.sampled_from(["word", "char"]), st.booleans())
def test_tokens_concatenate_to_the_input_with_exact_offsets(
    text: str, granularity: str, case: bool
) -> None:
    tokens = tokenize(text, granularity=granularity, ignore_case=case)  # type: ignore[arg-type]
    assert "".join(tokens.texts) == text
    assert len(tokens.keys) == len(tokens.texts) == len(tokens.classes)
    for index, piece in enumerate(tokens.texts):
        assert text[tokens.starts[index] : tokens.starts[index + 1]] == piece
    assert tokens.starts[-1] == len(text)


ASCII = st.one_of(
    st.text(alphabet=st.sampled_from(list("abcXYZ 19_;:!?.,'\"()-\t\n\x0b\x1c")), max_size=60),
    st.lists(st.sampled_from(["ab", "XYZ", "19", "_", " ", "  ", ";", ".", "'", "(", "-"])).map(
        "".join
    ),
)
"""ASCII texts, with whitespace of every kind, or with spaces alone (the keys are the texts
when each whitespace token is a single space)."""


@settings(max_examples=200, deadline=None)
@given(ASCII, st.sampled_from(["word", "char"]), st.booleans(), st.booleans())
def test_ascii_text_is_cut_and_keyed_as_any_text(
    text: str, granularity: str, case: bool, with_classes: bool
) -> None:
    """An ASCII text takes a shorter way (classes looked up, keys made inline): its tokens
    are those the general way gives it, as the start of a text that is not ASCII (a « after
    it is one token of its own, whatever comes before)."""
    options = {"granularity": granularity, "ignore_case": case, "with_classes": with_classes}
    ascii_tokens = tokenize(text, **options)  # type: ignore[arg-type]
    general = tokenize(text + "«", **options)  # type: ignore[arg-type]
    assert ascii_tokens.texts == general.texts[:-1]
    assert ascii_tokens.keys == general.keys[:-1]
    assert ascii_tokens.classes == general.classes[: len(ascii_tokens.classes)]
    assert len(ascii_tokens.classes) == (len(ascii_tokens.texts) if with_classes else 0)
    assert ascii_tokens.starts == general.starts[:-1]


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_count_tokens_counts_the_non_space_tokens(text: str) -> None:
    tokens = tokenize(text)
    assert count_tokens(text) == sum(1 for c in tokens.classes if c != SPACE)
    assert count_tokens(text, words_only=True) == sum(1 for c in tokens.classes if c == WORD)


def test_combining_marks_stay_with_their_letter() -> None:
    tokens = tokenize("e\u0301te\u0301 «x»")
    assert tokens.texts[0] == "e\u0301te\u0301"
    assert tokens.keys[0] == "été"  # NFC for matching only
    assert tokens.classes[0] == WORD


def test_keys_fold_quotes_dashes_and_spaces_but_texts_do_not() -> None:
    tokens = tokenize("«Никогда» — NATO’s\u00a0 door")
    assert tokens.texts == ("«", "Никогда", "»", " ", "—", " ", "NATO", "’", "s", "\u00a0 ", "door")
    assert tokens.keys == ('"', "Никогда", '"', " ", "-", " ", "NATO", "'", "s", " ", "door")
    assert tokens.classes[0] == PUNCT


def test_ignore_case_folds_word_keys_only() -> None:
    tokens = tokenize("Shall NOT", ignore_case=True)
    assert tokens.keys == ("shall", " ", "not")
    assert tokens.texts == ("Shall", " ", "NOT")


def test_normalise_key_collapses_whitespace_and_typography() -> None:
    assert normalise_key("  We   “agree”\n– now ") == 'We "agree" - now'
    assert normalise_key("Cafe\u0301", ignore_case=True) == "café"


ASCII_TEXTS = st.text(alphabet=st.characters(max_codepoint=127), max_size=80)


@given(ASCII_TEXTS)
def test_ascii_patterns_cut_as_the_general_ones(text: str) -> None:
    """The ASCII-mode patterns for an all-ASCII text find the tokens of the general patterns,
    for every ASCII character (the separators \\x1c-\\x1f are whitespace to both)."""
    assert ascii_nonspace_pattern().findall(text) == NONSPACE_PATTERN.findall(text)
    assert _ascii_token_pattern().findall(text) == _WORD_RE.findall(text)


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTS, ASCII_TEXTS))
def test_words_are_the_word_tokens_with_the_gaps_between_them(text: str) -> None:
    """``Words.of`` (which splits an all-ASCII text with an ASCII-mode pattern) gives the
    word tokens of ``tokenize``, their offsets, and the exact text between each two."""
    words = Words.of(text)
    tokens = tokenize(text)
    expected = [
        (start, piece)
        for start, piece, kind in zip(tokens.starts, tokens.texts, tokens.classes, strict=False)
        if kind == WORD
    ]
    assert list(zip(words.starts, words.words, strict=True)) == expected
    assert [text[a:b] for a, b in zip(words.starts, words.ends, strict=True)] == list(words.words)
    assert list(words.gaps) == [
        text[words.ends[i - 1] : words.starts[i]] for i in range(1, len(words.words))
    ]
