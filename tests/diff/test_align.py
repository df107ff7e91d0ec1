"""Structure alignment: articles by content, number and similarity; moves; sentences."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.diff.align import (
    BlockInfo,
    _sentence_overlap,
    _set_dice,
    _similarity_by_middles,
    _word_count,
    _word_list,
    _word_set,
    align_blocks,
    align_sequence,
    dice,
    longest_increasing,
    pair_moved_sentences,
    pair_same_ids,
    words_of,
)
from drafting.diff.report import Unit
from drafting.diff.worddiff import get_engine

ENGINE = get_engine()


def block(num: str | None, *sentences: str) -> BlockInfo:
    return BlockInfo(num, "\n".join(sentences), tuple(sentences))


# constructed sentences with different words each (eight of 320 distinct words)
VOCABULARY = [
    f"{a}{b}"
    for a in ("ter", "sov", "mar", "pol", "gar", "lin", "dal", "vek")
    for b in (
        "a",
        "o",
        "um",
        "is",
        "en",
        "ar",
        "ix",
        "ot",
        "ul",
        "em",
        "ra",
        "ti",
        "no",
        "ke",
        "pu",
        "zo",
        "ba",
        "ce",
        "di",
        "fu",
        "go",
        "hi",
        "ja",
        "lo",
        "mu",
        "ne",
        "pi",
        "ro",
        "su",
        "tu",
        "vi",
        "wo",
        "xu",
        "ya",
        "ze",
        "qa",
        "qe",
        "qi",
        "qo",
        "qu",
    )
]
S = [" ".join(VOCABULARY[8 * k : 8 * k + 8]) + " in good faith." for k in range(40)]


def test_identical_sequences_pair_by_hash() -> None:
    pairs = align_sequence(S[:5], S[:5], engine=ENGINE)
    assert [(p.a, p.b, p.method) for p in pairs] == [(k, k, "hash") for k in range(5)]


def test_an_edited_sentence_pairs_by_similarity_and_new_ones_are_added() -> None:
    edited = S[1].replace("good", "bad")
    pairs = align_sequence(S[:3], [S[0], edited, "A wholly new clause here.", S[2]], engine=ENGINE)
    assert [(p.a, p.b, p.method) for p in pairs] == [
        (0, 0, "hash"),
        (1, 1, "similarity"),
        (None, 2, "unpaired"),
        (2, 3, "hash"),
    ]


def test_a_rewritten_sentence_in_place_pairs_by_position() -> None:
    pairs = align_sequence(
        [S[0], "We agree.", S[2]], [S[0], "Nobody objects at all.", S[2]], engine=ENGINE
    )
    assert [(p.a, p.b, p.method) for p in pairs][1] == (1, 1, "position")


def test_a_sentence_split_in_two_is_one_pair() -> None:
    a = ["The Parties shall consult each other and shall notify the Council without delay."]
    b = ["The Parties shall consult each other.", "They shall notify the Council without delay."]
    pairs = align_sequence([S[0], *a, S[1]], [S[0], *b, S[1]], engine=ENGINE)
    middle = pairs[1]
    assert (middle.a, middle.b, middle.a_count, middle.b_count) == (1, 1, 1, 2)
    assert len(pairs) == 3
    # and the other way round: two sentences merged into one
    pairs = align_sequence([S[0], *b, S[1]], [S[0], *a, S[1]], engine=ENGINE)
    middle = pairs[1]
    assert (middle.a, middle.b, middle.a_count, middle.b_count) == (1, 1, 2, 1)
    assert len(pairs) == 3


def test_a_moved_sentence_is_paired_as_moved() -> None:
    pairs = align_sequence(S[:4], [S[0], S[2], S[3], S[1]], engine=ENGINE)
    pairs = pair_moved_sentences(pairs, S[:4], [S[0], S[2], S[3], S[1]])
    moved = [p for p in pairs if p.moved]
    assert [(p.a, p.b) for p in moved] == [(1, 3)]
    assert sorted(p.a for p in pairs if p.a is not None) == [0, 1, 2, 3]


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(12)), st.data())
def test_every_article_is_accounted_for_once_and_moves_explain_the_order(
    order: list[int], data: st.DataObject
) -> None:
    a = [block(str(k + 1), S[k], S[k + 20]) for k in range(12)]
    # B: same articles in another order, some edited (still over half alike)
    edited = data.draw(st.sets(st.integers(0, 11)))
    b = [
        block(str(k + 1), S[k], S[k + 20].replace("good", "bad") if k in edited else S[k + 20])
        for k in order
    ]
    pairs = align_blocks(a, b)
    assert sorted(p.a for p in pairs if p.a is not None) == list(range(12))
    assert sorted(p.b for p in pairs if p.b is not None) == list(range(12))
    for p in pairs:
        assert p.a is not None and p.b is not None
        assert order[p.b] == p.a
    kept = [p.b for p in sorted(pairs, key=lambda p: p.a) if not p.moved]
    assert kept == sorted(kept)
    assert len(kept) == len(longest_increasing([order.index(k) for k in range(12)]))


def test_a_moved_article_is_moved_and_others_are_not() -> None:
    a = [block(str(k + 1), S[k]) for k in range(6)]
    b = [a[0], a[1], a[3], a[4], a[2], a[5]]  # Article 3 moved after Article 5
    pairs = align_blocks(a, b)
    assert [(p.a, p.moved) for p in pairs if p.moved] == [(2, True)]
    assert [p.a for p in pairs] == [0, 1, 3, 4, 2, 5]


def test_renumbered_and_edited_articles_pair_by_similarity_not_by_number() -> None:
    a = [block("1", S[0], S[1]), block("2", S[2], S[3]), block("3", S[4], S[5])]
    # a new Article 2 is inserted; old 2 and 3 become 3 and 4, old 3 edited
    b = [
        block("1", S[0], S[1]),
        block("2", S[30], S[31]),
        block("3", S[2], S[3]),
        block("4", S[4], S[5].replace("good", "bad")),
    ]
    pairs = align_blocks(a, b)
    summary = [(p.a, p.b, p.method, p.moved) for p in pairs]
    assert summary == [
        (0, 0, "exact", False),
        (None, 1, "unpaired", False),
        (1, 2, "exact", False),
        (2, 3, "similarity", False),
    ]


def test_removed_article_follows_its_predecessor() -> None:
    a = [block("1", S[0]), block("2", S[1]), block("3", S[2])]
    b = [block("1", S[0]), block("3", S[2])]
    pairs = align_blocks(a, b)
    assert [(p.a, p.b) for p in pairs] == [(0, 0), (1, None), (2, 1)]


def test_longest_increasing() -> None:
    assert longest_increasing([]) == []
    values = [3, 1, 2, 5, 4, 6]
    picked = [values[i] for i in longest_increasing(values)]
    assert picked == sorted(picked) and len(picked) == 4


def test_clause_sentences_with_the_same_id_pair_between_anchors() -> None:
    # two languages: no words in common, the ids say which sentence is which
    a_keys = [S[0], "Первое предложение.", "Второе предложение.", S[3]]
    b_keys = [S[0], "First sentence.", "Second one.", "A third, new one.", S[3]]
    pairs = align_sequence(a_keys, b_keys, engine=ENGINE)
    pairs = pair_same_ids(
        pairs, ["s0", "s1", "s2", "s3"], ["s0", "s1", "s2", "s9", "s3"], a_keys, b_keys
    )
    assert [(p.a, p.b, p.method) for p in pairs] == [
        (0, 0, "hash"),
        (1, 1, "id"),
        (2, 2, "id"),
        (None, 3, "unpaired"),
        (3, 4, "hash"),
    ]


# Constructed treaty text (not a quotation): Articles 1 and 2 trade their subjects, and the
# fisheries article becomes paragraph 1 of an article of two paragraphs.
SWAPPED_A = """Article 1
The Parties shall exchange information on fisheries quotas in the northern basin every year.

Article 2
Each Party shall protect migratory birds nesting in the coastal wetlands of the other Party.

Article 3
The Parties shall consult on any dispute arising under this Agreement.
"""
SWAPPED_B = """Article 1
The Parties should protect the nesting wetlands of migratory birds on their coasts.

Article 2
1. The Parties shall share yearly information on the fisheries quotas of the northern basin.
2. A joint commission shall publish the quotas.

Article 3
The Parties shall consult on any dispute arising under this Agreement.
"""


def _units(a: str, b: str) -> dict[tuple[str | None, str | None], Unit]:
    from drafting.diff.pipeline import compare
    from drafting.inputs import side_from_string

    report = compare(side_from_string(a, name="a"), side_from_string(b, name="b"))
    return {(u.a_label, u.b_label): u for u in report.units}


def test_articles_trading_subjects_pair_by_content_and_a_paragraph_by_its_article() -> None:
    units = _units(SWAPPED_A, SWAPPED_B)
    assert set(units) == {
        ("Article 2", "Article 1"),
        ("Article 1", "Article 2(1)"),
        (None, "Article 2(2)"),
        ("Article 3", "Article 3"),
    }
    birds = units["Article 2", "Article 1"]
    assert birds.match.method == "content" and birds.renumbered and birds.kind == "changed"
    fish = units["Article 1", "Article 2(1)"]
    assert fish.match.method == "content" and fish.kind == "moved"
    assert (fish.a_after, fish.b_after) == (None, "Article 1")  # first in A, after 1 in B
    assert units[None, "Article 2(2)"].kind == "added"
    assert units["Article 3", "Article 3"].kind == "same"


def test_a_paragraph_pairs_with_a_whole_article_the_other_way_round() -> None:
    units = _units(SWAPPED_B, SWAPPED_A)
    assert units["Article 2(1)", "Article 1"].match.method == "content"
    assert units["Article 2(2)", None].kind == "removed"
    assert units["Article 1", "Article 2"].match.method == "content"


def test_a_rewritten_article_keeps_its_number_when_nothing_matches_better() -> None:
    # constructed: Article 2 rewritten in place, nothing else on its subject
    a = SWAPPED_A.replace("Each Party shall protect migratory birds", "Each Party shall count")
    b = a.replace("Each Party shall count", "The Parties may jointly survey")
    units = _units(a, b)
    assert units["Article 2", "Article 2"].match.method in ("number", "similarity")
    assert all(u.match.method != "content" for u in units.values())


def test_a_moved_article_says_where_it_was_and_is() -> None:
    from drafting.diff.pipeline import compare
    from drafting.inputs import side_from_string
    from drafting.render.text import render_text

    # constructed: Article 1 moved, unchanged, to the end
    parts = SWAPPED_A.split("\n\n")
    b = "\n\n".join([parts[1], parts[2].rstrip("\n"), parts[0]]) + "\n"
    report = compare(side_from_string(SWAPPED_A, name="a"), side_from_string(b, name="b"))
    text = render_text(report)
    assert "@@ Article 1 (moved from first to after Article 3; matched by exact" in text
    assert "from first to first" not in text


def test_paragraphs_reordered_within_an_article_say_where_they_were_and_are() -> None:
    from support.reports import check_report

    from drafting.diff.pipeline import compare
    from drafting.diff.report import report_to_dict
    from drafting.inputs import side_from_string
    from drafting.render.markdown import render_markdown
    from drafting.render.text import render_text

    # constructed: paragraphs 1 and 2 of one article trade places, words unchanged
    a = (
        "Article 1\n1. The Parties shall consult each other on fisheries.\n"
        "2. Each Party may request a meeting of experts.\n"
        "3. The commission shall publish its findings.\n"
    )
    b = (
        "Article 1\n1. Each Party may request a meeting of experts.\n"
        "2. The Parties shall consult each other on fisheries.\n"
        "3. The commission shall publish its findings.\n"
    )
    report = compare(side_from_string(a, name="a"), side_from_string(b, name="b"))
    (unit,) = report.units
    (move,) = unit.moves
    assert a[move.a_span[0] : move.a_span[1]] == b[move.b_span[0] : move.b_span[1]]
    assert (move.a_after, move.b_after) == (None, "“Each Party may request a meeting…”")
    line = (
        "moved within: “The Parties shall consult each other…” from first to after "
        "“Each Party may request a meeting…”"
    )
    assert line in render_text(report) and f"> {line}" in render_markdown(report)
    from drafting.render.html.diff import render_html

    assert "moved within: “The Parties shall consult each other…”" in render_html(report)
    check_report(report_to_dict(report), a, b)
    # a sentence deleted here and a different one inserted there is no move
    c = b.replace("2. The Parties shall consult", "2. The Parties shall inform")
    (other,) = compare(side_from_string(a, name="a"), side_from_string(c, name="c")).units
    assert other.moves == ()


def test_too_many_unpaired_articles_to_pair_by_content_is_said() -> None:
    # constructed: every article rewritten under a new number, too many for the cell limit
    a = [block(str(k + 1), S[k]) for k in range(8)]
    b = [block(str(k + 20), S[k + 20]) for k in range(8)]
    notes: list[str] = []
    pairs = align_blocks(a, b, max_cells=10, notes=notes)
    assert any("too many to pair by content" in n for n in notes), notes
    assert sorted(p.a for p in pairs if p.a is not None) == list(range(8))


# constructed: Article 2 (fisheries) becomes paragraph 1 of a rewritten Article 1 of three
REST_A = """Article 1
1. The Parties shall consult on the protection of the coastal wetlands.
2. A joint commission shall report on the wetlands every year.

Article 2
Each Party shall exchange information on fisheries quotas in the northern basin every year.
"""
REST_B = """Article 1
1. The Parties shall share yearly information on the fisheries quotas of the northern basin.
2. The Parties will meet to protect coastal wetlands.
3. A commission will publish a wetlands report every two years.

Article 2
Each Party may designate observers.
"""


def test_what_is_left_of_a_split_article_stays_together() -> None:
    units = _units(REST_A, REST_B)
    assert units["Article 2", "Article 1(1)"].match.method == "content"
    rest = units["Article 1", "Article 1(2)–(3)"]
    assert rest.match.method == "number" and not rest.renumbered
    assert rest.b_text.startswith("2. The Parties will meet") and rest.b_text.endswith("years.")
    assert units[None, "Article 2"].kind == "added"


def test_paragraph_numbers_never_anchor_the_sentences() -> None:
    # constructed: a paragraph inserted first, the others renumbered and kept
    a = REST_A.split("\n\n")[0] + "\n"
    b = (
        "Article 1\n1. The Parties shall share yearly information on fisheries quotas.\n"
        "2. The Parties shall consult on the protection of the coastal wetlands.\n"
        "3. A joint commission shall report on the wetlands every year.\n"
    )
    (unit,) = _units(a, b).values()
    inserted = [o.text for o in unit.ops if o.op == "insert" and not o.ignored]
    assert any("The Parties shall share yearly information" in t for t in inserted)
    equal = "".join(o.text for o in unit.ops if o.op == "equal")
    assert "The Parties shall consult on the protection of the coastal wetlands." in equal
    assert "A joint commission shall report on the wetlands every year." in equal


def test_two_split_articles_keep_their_number_for_what_is_left() -> None:
    # constructed: each side's Article 1 has two paragraphs; one paragraph of each comes from
    # the other side's Article 2 (the paragraph numbers alone made them look half alike)
    a = (
        "Article 1\n1. The Parties shall consult on the protection of the coastal wetlands.\n"
        "2. Each Party shall exchange information on fisheries quotas in the northern basin "
        "every year.\n\nArticle 2\nEach Party shall admit observers to the nuclear power "
        "plants near the border.\n"
    )
    b = (
        "Article 1\n1. Observers of the other Party may visit nuclear power plants near the "
        "border.\n2. The Parties will meet to protect coastal wetlands together.\n\n"
        "Article 2\nThe Parties shall share yearly information on the fisheries quotas of the "
        "northern basin.\n"
    )
    units = _units(a, b)
    assert units["Article 2", "Article 1(1)"].match.method == "content"
    assert units["Article 1(2)", "Article 2"].match.method == "content"
    wetlands = units["Article 1(1)", "Article 1(2)"]
    assert wetlands.match.method == "number" and not wetlands.renumbered


def test_paragraphs_that_trade_articles_pair_and_are_the_ones_moved() -> None:
    # constructed: paragraph 2 of Article 1 and paragraph 2 of Article 2 trade places
    a = (
        "Article 1\n1. The Parties shall consult on the protection of the coastal wetlands.\n"
        "2. Each Party shall exchange information on fisheries quotas in the northern basin "
        "every year.\n\nArticle 2\n1. A joint commission shall report on the wetlands every "
        "year.\n2. Each Party shall designate observers for the nuclear power plants near the "
        "border.\n"
    )
    b = (
        "Article 1\n1. The Parties will meet to protect coastal wetlands together.\n"
        "2. Observers from each Party shall inspect the nuclear power plants near the border."
        "\n\nArticle 2\n1. A commission will publish a wetlands report every two years.\n"
        "2. The Parties shall share yearly information on the fisheries quotas of the "
        "northern basin.\n"
    )
    units = _units(a, b)
    moved = {k for k, u in units.items() if u.kind == "moved"}
    assert moved == {("Article 2(2)", "Article 1(2)"), ("Article 1(2)", "Article 2(2)")}
    assert all(units[k].match.method == "content" for k in moved)
    assert units["Article 1(1)", "Article 1(1)"].kind == "changed"
    assert units["Article 2(1)", "Article 2(1)"].kind == "changed"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["the", "of", "The", "shall", "état", "Ж", "a1", ",", " ", "_"])),
    st.lists(st.sampled_from(["the", "of", "shall", "should", "état", "a1", ".", " "])),
)
def test_word_sets_measure_as_word_bags(a: list[str], b: list[str]) -> None:
    """The sentences of a region are measured as sets with each repeat of a word tagged
    (the intersection in C): the same similarity, to the last bit, as ``dice`` of the
    bags of ``words_of`` (constructed word lists, repeats and all)."""
    x, y = " ".join(a), " ".join(b)
    found = _set_dice(_word_set(_word_list(x)), _word_set(_word_list(y)))
    assert found == dice(words_of(x), words_of(y))


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=127),  # every ASCII character, controls too
            st.sampled_from("éß—«\u00a0\u2028ї"),
        ),
        max_size=40,
    )
)
def test_word_list_is_the_runs_of_word_characters(text: str) -> None:
    """``_word_list`` splits an ASCII key by a translation table, not the pattern: the same
    runs, for every ASCII character on either side of a word; ``_word_count`` counts them by
    a table and a count, without the list."""
    found = _word_list(text)
    assert found == re.findall(r"\w+", text)
    assert _word_count(text) == len(found)


# constructed keys: a few short words, repeats, punctuation, underscores and digits
KEY_WORDS = st.sampled_from(["the", "of", "a1", "shall", "sh", "x_y", ",", ".", "(", "9"])
KEYS = st.lists(KEY_WORDS, max_size=8).map(" ".join)
JOINED_KEYS = st.lists(KEY_WORDS, max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(KEYS, JOINED_KEYS), st.one_of(KEYS, JOINED_KEYS), KEYS, KEYS)
def test_similarity_by_middles_is_dice(a_mid: str, b_mid: str, head: str, tail: str) -> None:
    """The similarity that settles a region, measured on the keys' middles alone, is ``dice``
    of their whole bags to the last bit: keys with an identical head and tail (words cut or
    not where they differ)."""
    a, b = head + a_mid + tail, head + b_mid + tail
    assert _similarity_by_middles(a, b) == dice(words_of(a), words_of(b))


# constructed sentences of a few words from five, each B one either its A edited (one word
# replaced, dropped or added) or a sentence of its own: alike in every degree, in place or across
FEW_WORDS = st.lists(st.sampled_from(["ab", "cd", "ef", "gh", "ij"]), min_size=1, max_size=6)


@st.composite
def _region_sentences(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    a_words = draw(st.lists(FEW_WORDS, min_size=2, max_size=4))
    b_words = []
    for words in a_words:
        edit = draw(st.sampled_from(["same", "replace", "drop", "add", "other"]))
        at = draw(st.integers(0, len(words) - 1))
        word = draw(st.sampled_from(["ab", "kl", "mn"]))
        if edit == "replace":
            words = [*words[:at], word, *words[at + 1 :]]
        elif edit == "drop" and len(words) > 1:
            words = [*words[:at], *words[at + 1 :]]
        elif edit == "add":
            words = [*words[:at], word, *words[at:]]
        elif edit == "other":
            words = draw(FEW_WORDS)
        b_words.append(words)
    return [" ".join(w) + " ." for w in a_words], [" ".join(w) + " ." for w in b_words]


@settings(max_examples=1500, deadline=None)
@given(_region_sentences(), st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.8]))
def test_a_region_settled_in_place_pairs_as_measured(
    sentences: tuple[list[str], list[str]], threshold: float
) -> None:
    """Without measuring, a region of as many sentences on each side is paired in place when
    the similarities of the pairs in place show it: the same pairs as measuring every
    similarity gives, whatever pairs the sentences across would make."""
    a, b = sentences
    a_keys, b_keys = [S[0], *a, S[1]], [S[0], *b, S[1]]
    found = align_sequence(a_keys, b_keys, engine=ENGINE, threshold=threshold, measure=False)
    measured = align_sequence(a_keys, b_keys, engine=ENGINE, threshold=threshold)
    assert [p[:2] + p[5:7] for p in found] == [p[:2] + p[5:7] for p in measured]


SENTENCE_KEYS = st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=6).map(tuple)


@given(SENTENCE_KEYS, SENTENCE_KEYS)
def test_sentence_overlap_is_the_dice_of_the_sentence_bags(
    keys_a: tuple[str, ...], keys_b: tuple[str, ...]
) -> None:
    """Repeated sentences on one side, on both or on neither: the Dice share of the two
    bags of sentences (each sentence counted as often as both sides hold it)."""
    shared = sum((Counter(keys_a) & Counter(keys_b)).values())
    total = len(keys_a) + len(keys_b)
    expected = 2.0 * shared / total if total else 1.0
    found = _sentence_overlap(BlockInfo("1", "", keys_a), BlockInfo("1", "", keys_b))
    assert found == expected
