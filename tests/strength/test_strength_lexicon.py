"""The shipped lexicons are valid data, and user lexicons add to or override them."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from drafting.errors import DraftingError
from drafting.resources import data_path, schema_path
from drafting.strength import LANGUAGES, analyse, load_lexicon, read_lexicon_file, with_overlays
from drafting.strength.lexicon import (
    CompiledEntry,
    CompiledLexicon,
    _required_words,
    _split_words,
    _split_words_nested,
    compile_pattern,
    expand_literals,
    expand_nested,
    expand_phrase,
    literal_prefix,
)
from drafting.strength.matcher import find_hits, normalise
from drafting.text.tokens import Words


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_lexicon_validates_against_the_schema(language: str) -> None:
    schema = json.loads(schema_path("lexicon.schema.json").read_text(encoding="utf-8"))
    data = json.loads(data_path("lexicons", f"{language}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["language"] == language
    ids = [entry["id"] for entry in data["entries"]]
    assert len(ids) == len(set(ids))
    for entry in data["entries"]:
        assert {"category", "tier", "rule"} <= entry.keys()
        compile_pattern(entry["pattern"])
    # the loader's own check (schema + patterns) accepts it too
    assert read_lexicon_file(data_path("lexicons", f"{language}.json")).entries


def test_pattern_syntax_covers_gaps_groups_and_stems() -> None:
    regex, first, has_group = compile_pattern("parties …2 {обязу*}")
    assert first == "parties" and has_group
    match = regex.match("parties, in time, обязуются")
    assert match is not None and match.group("t") == "обязуются"
    with pytest.raises(ValueError, match="gap"):
        compile_pattern("shall …")
    with pytest.raises(ValueError, match="first word"):
        compile_pattern("(in no|under no) case")


def _overlay(tmp_path: Path, entries: list[dict[str, object]], language: str = "en") -> Path:
    path = tmp_path / "extra.json"
    path.write_text(
        json.dumps({"schema_version": "1", "language": language, "entries": entries}),
        encoding="utf-8",
    )
    return path


def test_overlay_adds_and_overrides_entries(tmp_path: Path) -> None:
    # constructed vocabulary: a new obligation verb, and 'may' re-read as an obligation
    path = _overlay(
        tmp_path,
        [
            {
                "id": "en.covenant",
                "pattern": "covenant(s)? to",
                "category": "obligation",
                "tier": 4,
                "rule": "T4",
            },
            {
                "id": "en.may",
                "pattern": "may",
                "category": "obligation",
                "tier": 4,
                "rule": "T4",
                "modal": True,
            },
        ],
    )
    lexicon = with_overlays("en", [read_lexicon_file(path)])
    assert len(lexicon.entries) == len(load_lexicon("en").entries) + 1
    added = analyse("The Parties covenant to cooperate.", lexicon=lexicon, instrument="treaty")
    assert added.tier == 4 and added.main_term is not None and added.main_term.text == "covenant to"
    overridden = analyse("The Parties may cooperate.", lexicon=lexicon, instrument="treaty")
    assert overridden.tier == 4
    assert analyse("The Parties may cooperate.", language="en", instrument="treaty").tier == 1


def test_bad_lexicon_file_is_one_clear_error(tmp_path: Path) -> None:
    path = _overlay(tmp_path, [{"id": "en.x", "pattern": "x", "category": "obligation"}])
    with pytest.raises(DraftingError, match=r"extra\.json: invalid lexicon at entries/0"):
        read_lexicon_file(path)
    bad_pattern = _overlay(
        tmp_path,
        [{"id": "en.x", "pattern": "shall …", "category": "obligation", "tier": 4, "rule": "T4"}],
    )
    with pytest.raises(DraftingError, match="bad pattern"):
        read_lexicon_file(bad_pattern)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1",\n "language": ', encoding="utf-8")
    with pytest.raises(DraftingError, match=r"broken\.json:2:\d+: not valid JSON"):
        read_lexicon_file(broken)


def test_modifier_entries_carry_no_tier(tmp_path: Path) -> None:
    path = _overlay(
        tmp_path,
        [{"id": "en.h", "pattern": "if at all", "category": "hedge", "tier": 2, "rule": "H"}],
    )
    with pytest.raises(DraftingError, match="invalid lexicon"):
        read_lexicon_file(path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_literal_entries_are_found_where_their_regex_matches(language: str) -> None:
    """An entry that is one word from a finite set is found without its regex
    (``CompiledEntry.literal``): at every word of its set, in several surroundings, the
    matcher reports exactly the span its regex matches."""
    compiled = load_lexicon(language).compiled
    # (nested first words too: (обязу(ются|ется)|обяж(утся|ется)))
    literal = [c for c in compiled.all_compiled() if c.literal]
    assert literal, "the shipped lexicon has one-word entries"
    for candidate in literal:
        for word in expand_nested(candidate.entry.pattern) or ():
            for text in (f"x {word} y", f"{word}.", f"({word}), x", f"x-{word}'s", word):
                norm = normalise(text)
                at = norm.index(word)
                match = candidate.regex.match(norm, at)
                assert match is not None and match.span() == (at, at + len(word)), text
                spans = {
                    (h.start, h.end, h.first, h.last)
                    for h in find_hits(norm, Words.of(norm), compiled)
                    if h.entry is candidate.entry
                }
                index = Words.of(norm).index_at(at)
                assert spans == {(at, at + len(word), index, index)}, text


def test_an_entry_with_more_than_one_word_or_an_apostrophe_is_not_literal() -> None:
    compiled = load_lexicon("en").compiled
    kinds = {c.entry.pattern: c.literal for c in compiled.all_compiled()}
    assert kinds["shall"] is True
    assert not any(literal for pattern, literal in kinds.items() if " " in pattern)
    assert not any(literal for pattern, literal in kinds.items() if "'" in pattern)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_entry_is_compiled_when_a_word_it_can_start_at_is_looked_up(language: str) -> None:
    """The index by first word compiles no entry (``_compiled``, private, is read to see
    that); looking a word up compiles the entries that can start at it, once, and nothing
    else; each entry's second-word set is the one the index knew before it was compiled
    (``seconds``, which ``drafting.diff.chance`` reads), and an entry compiles the same
    whichever entries were compiled before it."""
    lexicon = load_lexicon(language)
    compiled = CompiledLexicon(lexicon)
    assert compiled._compiled == [None] * len(lexicon.entries)
    word = max(compiled.exact, key=lambda w: len(compiled.exact[w]))
    found = compiled.candidates(word)
    assert [c.order for c in found][: len(compiled.exact[word])] == compiled.exact[word]
    assert {i for i, c in enumerate(compiled._compiled) if c is not None} == {
        c.order for c in found
    }
    assert all(compiled.compiled_entry(c.order) is c for c in found)
    forward = compiled.all_compiled()
    backward = CompiledLexicon(lexicon)
    for index in reversed(range(len(lexicon.entries))):
        backward.compiled_entry(index)
    assert [vars(c) for c in forward] == [vars(c) for c in backward.all_compiled()]
    assert all(isinstance(c, CompiledEntry) for c in forward)
    assert [c.entry for c in forward] == list(lexicon.entries)
    assert [c.second for c in forward] == compiled.seconds


PATTERN_TEXTS = st.text(alphabet="a (|)*'\t\0", max_size=16)


@settings(max_examples=2000)
@given(PATTERN_TEXTS)
def test_pattern_words_split_like_the_parenthesis_count(pattern: str) -> None:
    """The split for one level of parentheses gives what counting them character by
    character gives, on any string, balanced or not."""
    assert _split_words(pattern) == _split_words_nested(pattern)


@settings(max_examples=1000)
@given(st.text(alphabet="ab'-()|? ", max_size=10))
@example("(a|b)ab?")  # a run of letters whose last one alone is optional
@example("abab?a(b)?")
def test_words_expand_to_the_strings_their_regex_matches(word: str) -> None:
    """``expand_literals`` gives exactly the strings the word's regex matches in full (all
    strings of a and b up to five letters are tried), or None; a plain word gives itself."""
    words = expand_literals(word)
    if words is None:
        return
    regex = re.compile(word)
    for length in range(6):
        for letters in itertools.product("ab", repeat=length):
            text = "".join(letters)
            assert (regex.fullmatch(text) is not None) == (text in words), text
    assert all(regex.fullmatch(w) for w in words)


@given(st.text(alphabet=st.characters(categories=["L", "N", "Pc"]), min_size=1, max_size=12))
def test_a_plain_word_expands_to_itself(word: str) -> None:
    assert expand_literals(word) == [word]
    assert expand_literals(f"({word})?") is None  # the empty string is not a word
    assert expand_literals(f"({word}|{word}s)?x") == sorted({"x", f"{word}x", f"{word}sx"})


def _hit_tuples(norm: str, compiled: CompiledLexicon) -> list[tuple]:
    return [
        (h.start, h.end, h.match_start, h.match_end, h.entry.id, h.first, h.last, h.order)
        for h in find_hits(norm, Words.of(norm), compiled)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_word_sequences_are_found_where_their_regex_matches(language: str) -> None:
    """Entries of several words from finite sets run no regex (``CompiledEntry.following``):
    on texts made of their words, with whitespace, punctuation, apostrophes and combining
    marks between and after them, the matcher finds exactly the hits it finds when every
    entry runs its regex."""
    lexicon = load_lexicon(language)
    fast, reference = lexicon.compiled, CompiledLexicon(lexicon, shortcuts=False)
    sequences = [c for c in fast.all_compiled() if c.following]
    assert sequences, "the shipped lexicon has entries of several plain words"
    vocabulary = sorted({w for c in sequences for options in c.following for w in options})
    first_words = {
        c.entry.id: [w for w, orders in fast.exact.items() if c.order in orders] for c in sequences
    }
    separators = [" ", "  ", "\n", ", ", ". ", "'", "-", "\u0301 ", " \u0301", "\u0301"]

    entries = st.sampled_from(sequences)
    with_term = [c for c in sequences if c.term is not None]  # "parties {guarantee}"
    if with_term:
        entries = st.sampled_from(with_term) | entries

    @settings(max_examples=150)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        candidate = data.draw(entries)
        first = data.draw(st.sampled_from(first_words[candidate.entry.id]))
        words = [first] + [
            data.draw(st.sampled_from(sorted(options)) | st.sampled_from(vocabulary))
            for options in candidate.following
        ]
        words += data.draw(st.lists(st.sampled_from(vocabulary), max_size=3))
        text = ""
        for word in words:
            text += word + data.draw(st.sampled_from(separators))
        norm = normalise(text)
        assert _hit_tuples(norm, fast) == _hit_tuples(norm, reference), text

    check()


NESTED_WORDS = st.text(alphabet="ab()|?", max_size=10)


@settings(max_examples=1000)
@given(NESTED_WORDS)
def test_nested_words_are_the_strings_their_regex_matches(word: str) -> None:
    """``expand_nested`` gives exactly the strings the pattern's regex matches in full (all
    strings of a and b up to five letters are tried), and agrees with ``expand_literals``
    wherever that gives a set."""
    words = expand_nested(word)
    if words is None:
        return
    regex = re.compile(word)  # a word it expands is a valid regex
    for length in range(6):
        for letters in itertools.product("ab", repeat=length):
            text = "".join(letters)
            assert (regex.fullmatch(text) is not None) == (text in words), text
    assert all(regex.fullmatch(w) for w in words)
    flat = expand_literals(word)
    assert flat is None or flat == words


def test_nested_words_expand_groups_inside_groups_and_top_alternatives() -> None:
    assert expand_nested("(обязу(ются|ется)|обяж(утся|ется))") == sorted(
        ["обязуется", "обязуются", "обяжется", "обяжутся"]
    )
    assert expand_nested("(réaffirm|affirm)(e|ent)|réitérons") == [
        "affirme",
        "affirment",
        "réaffirme",
        "réaffirment",
        "réitérons",
    ]
    assert expand_nested("steadfast(ly)?") == ["steadfast", "steadfastly"]
    for open_ended in ("refrain*", "\\w*(eront|iront)", "(devrait|devraient-elles)", "a(b"):
        assert expand_nested(open_ended) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_regex_entry_needs_its_required_word_in_the_text(language: str) -> None:
    """An entry matched by its regex is tried only when the text holds one of the words of
    a later word of its pattern (``CompiledEntry.required``): on texts made of its words
    (each later word a phrase it can be, sometimes left out or replaced, stems given an
    ending, gaps filled), the matcher finds exactly the hits it finds when every entry runs
    its regex."""
    lexicon = load_lexicon(language)
    fast, reference = lexicon.compiled, CompiledLexicon(lexicon, shortcuts=False)
    entries = [e for e in fast.all_compiled() if e.required is not None]
    assert entries, "the shipped lexicon has regex entries with a required word"
    vocabulary = sorted({w for e in entries for w in e.required} | {"the", "x"})
    separators = [" ", "  ", "\n", ", ", ". ", "'", "\u0301 "]

    @settings(max_examples=150)
    @given(st.data())
    def check(data: st.DataObject) -> None:
        entry = data.draw(st.sampled_from(entries))
        words: list[str] = []
        for token in _split_words(entry.entry.pattern):
            token = token.strip("{}")
            if token.startswith(("…", "...")):
                words += data.draw(st.lists(st.sampled_from(vocabulary), max_size=2))
                continue
            options = expand_phrase(token) or [literal_prefix(token.split("'")[0]) + "ent"]
            choice = st.sampled_from(options) | st.sampled_from(vocabulary) | st.just("")
            words.append(data.draw(choice) if words else data.draw(st.sampled_from(options)))
        text = "".join(w + data.draw(st.sampled_from(separators)) for w in words if w)
        norm = normalise(text)
        assert _hit_tuples(norm, fast) == _hit_tuples(norm, reference), text

    check()


def test_the_required_words_are_the_most_telling_that_every_match_holds() -> None:
    """Constructed patterns: a phrase gives its longest word, or the word all its phrases
    share; a word of the pattern that can be nothing gives none; of the pattern's words, the
    one whose shortest required word is longest is taken."""
    assert _required_words(_split_words("in (the )?(event|case)( that| of)?"), False) == (
        "case",
        "event",
    )
    assert _required_words(_split_words("(is|are) (legally )?binding (upon|on)"), False) == (
        "binding",
    )
    assert _required_words(_split_words("shall (very )? comply"), False) == ("comply",)
    assert _required_words(_split_words("shall ( not| never)?"), False) is None
    assert _required_words(_split_words("shall (never| ) comply"), False) == ("comply",)
    assert _required_words(_split_words("be (able|in a position) to"), True) == ("to",)
    assert _required_words(_split_words("be (able|in a position) to"), False) == (
        "able",
        "position",
    )
