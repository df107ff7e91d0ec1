"""Word diff of two texts: ops rebuild both inputs exactly; modal swaps stay local."""

from __future__ import annotations

import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.corpus import corpus_dir

from drafting.amend.operations import describe, generate_operations, normalise_space
from drafting.diff.options import DiffOptions
from drafting.diff.report import Op
from drafting.diff.worddiff import (
    _anchor_blocks,
    agreeing,
    diff_pair,
    edits,
    encode,
    get_engine,
    merge_ops,
    pair_ops,
)
from drafting.model import Draft, Sentence
from drafting.text.tokens import SPACE, Tokens, tokenize

PIECES = st.sampled_from(
    list("ab cd ef")
    + list("абв где жз")
    + list("«» ;:!?.,—'’\u00a0\u202f\n")
    + ["\u0301", "\u0327", "É", "shall ", "should ", "not ", "  "]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)
OPTIONS = st.builds(
    DiffOptions,
    granularity=st.sampled_from(["word", "char"]),
    ignore_case=st.booleans(),
    ignore_punctuation=st.booleans(),
)


WORDY = st.lists(
    st.sampled_from(["the ", "of ", "shall ", "Parties ", "deploy ", "forces ", ", ", ". ", "— "]),
    max_size=12,
).map("".join)
"""Constructed prose around a change: an identical head and tail, cut off before diffing."""


@settings(max_examples=300, deadline=None)
@given(
    WORDY,
    TEXTS,
    TEXTS,
    WORDY,
    st.sampled_from(["chance", "similarity", "never"]),
    st.floats(0.0, 1.0),
    st.integers(0, 1000),
)
def test_pair_ops_are_the_ops_of_diff_pair(
    head: str, x: str, y: str, tail: str, mode: str, rewrite_below: float, offset: int
) -> None:
    """The pipeline's ``pair_ops`` skips measuring the similarity where the replacement test
    can tell without it: the ops and the replacement are still exactly ``diff_pair``'s."""
    options = DiffOptions(whole_sentence=mode, rewrite_below=rewrite_below)  # type: ignore[arg-type]
    a, b = head + x + tail, head + y + tail
    found = diff_pair(a, b, a_start=offset, b_start=2 * offset, options=options)
    ops, replaced = pair_ops(a, b, offset, 2 * offset, options, get_engine())
    assert tuple(Op(*op) for op in ops) == found.ops
    assert replaced == found.replaced


ASCII_MIDDLES = st.lists(
    st.sampled_from(
        [
            *("shall", "Shall", "should", "not", "the", "of", "forces", "_", "x1"),
            *(" ", "  ", "\n", "\t ", ",", ".", "(", ")", "'", "-", "\x1c"),
        ]
    ),
    max_size=5,
).map("".join)
"""Constructed ASCII changes of a few tokens, often with no token in common (a word replaced,
added or removed), with unusual whitespace among them (``\x1c`` is whitespace to Python)."""


@settings(max_examples=400, deadline=None)
@given(
    WORDY,
    ASCII_MIDDLES,
    ASCII_MIDDLES,
    WORDY,
    st.booleans(),
    st.booleans(),
    st.sampled_from([0.0, 0.2, 0.5, 0.9, 1.0]),
    st.integers(0, 1000),
)
def test_a_change_of_middles_sharing_no_token_is_diffed_as_the_tokens_say(
    head: str,
    x: str,
    y: str,
    tail: str,
    recased: bool,
    ignore_case: bool,
    rewrite_below: float,
    offset: int,
) -> None:
    """``pair_ops`` works out a change whose ASCII middles share no token (the common case)
    without tokenizing them; its ops and replacement are still those of ``diff_pair``, which
    measures the similarity and so takes the path through the tokens every time.
    ``recased``: B's middle starts with A's in capitals (tokens shared with ``ignore_case``)."""
    if recased:
        y = x.upper() + y
    options = DiffOptions(ignore_case=ignore_case, rewrite_below=rewrite_below)
    a, b = head + x + tail, head + y + tail
    found = diff_pair(a, b, a_start=offset, b_start=2 * offset, options=options)
    ops, replaced = pair_ops(a, b, offset, 2 * offset, options, get_engine())
    assert tuple(Op(*op) for op in ops) == found.ops
    assert replaced == found.replaced


SPACINGS = [" ", "  ", " \t", "\t ", "\n ", " \n"]
"""Whitespace runs of one or two characters, several of the same length."""


@pytest.mark.parametrize("space_a", SPACINGS)
@pytest.mark.parametrize("space_b", SPACINGS)
def test_a_lone_word_swap_between_other_whitespace_is_diffed_as_the_tokens_say(
    space_a: str, space_b: str
) -> None:
    """A word replaced between whitespace that may differ from A's (constructed text), before
    it, after it or both: the shortcut for a change framed by the same whitespace on both
    sides must take only that; the ops are still those of ``diff_pair``."""
    for lead_b, trail_b in ((space_b, space_a), (space_a, space_b), (space_b, space_b)):
        a = f"The Parties{space_a}shall{space_a}consult each other."
        b = f"The Parties{lead_b}should{trail_b}consult each other."
        found = diff_pair(a, b, a_start=3, b_start=5)
        ops, replaced = pair_ops(a, b, 3, 5, DiffOptions(), get_engine())
        assert tuple(Op(*op) for op in ops) == found.ops
        assert replaced == found.replaced


@pytest.mark.parametrize("mark", [".", ",", ";", ")", "'", "-"])
@pytest.mark.parametrize("before_mark", ["", " "])
@pytest.mark.parametrize("after", ["", " ", "  ", " the end."])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("sovereignty", "agreement"),
        ("shall", "should not"),
        ("(a", "b"),
        ("x.", "y"),
        ("of", "the"),
        ("treaty", ""),
    ],
)
def test_a_change_before_a_shared_mark_is_diffed_as_the_tokens_say(
    mark: str, before_mark: str, after: str, old: str, new: str
) -> None:
    """A word replaced right before a mark that both sides keep (constructed text: the end
    of a sentence, a comma), with and without a space before the mark, text after it, and
    brackets, quotes and words that the glue and fold passes act on: ``pair_ops`` takes a
    shortcut for the plain marks; its ops and replacement are still those of ``diff_pair``."""
    a = f"The Parties {old}{before_mark}{mark}{after}"
    b = f"The Parties {new}{before_mark}{mark}{after}"
    for options in (DiffOptions(), DiffOptions(ignore_case=True), DiffOptions(rewrite_below=0.9)):
        found = diff_pair(a, b, a_start=3, b_start=5, options=options)
        ops, replaced = pair_ops(a, b, 3, 5, options, get_engine())
        assert tuple(Op(*op) for op in ops) == found.ops
        assert replaced == found.replaced


def rebuild(ops: tuple[Op, ...]) -> tuple[str, str]:
    a = "".join(o.text for o in ops if o.op != "insert")
    b = "".join(o.text for o in ops if o.op != "delete")
    return a, b


def check_offsets(ops: tuple[Op, ...], a: str, b: str, a_base: int, b_base: int) -> None:
    """Each op's text sits at its offsets, and the ops walk both texts in order."""
    pa, pb = a_base, b_base
    for op in ops:
        if op.op != "insert":
            assert op.a_start == pa
            assert a[op.a_start - a_base : op.a_start - a_base + len(op.text)] == op.text
            pa += len(op.text)
        else:
            assert op.a_start is None
        if op.op != "delete":
            assert op.b_start == pb
            assert b[op.b_start - b_base : op.b_start - b_base + len(op.text)] == op.text
            pb += len(op.text)
        else:
            assert op.b_start is None


@settings(max_examples=100, deadline=None)
@given(TEXTS, TEXTS, OPTIONS, st.integers(0, 1000), st.integers(0, 1000))
def test_ops_rebuild_both_texts_exactly(
    a: str, b: str, options: DiffOptions, ao: int, bo: int
) -> None:
    found = diff_pair(a, b, a_start=ao, b_start=bo, options=options)
    assert rebuild(found.ops) == (a, b)
    check_offsets(found.ops, a, b, ao, bo)
    assert 0.0 <= found.similarity <= 1.0
    assert all(o.text for o in found.ops)


@settings(max_examples=50, deadline=None)
@given(TEXTS)
def test_whitespace_only_differences_are_ignored_not_changes(a: str) -> None:
    b = " ".join(a.split())
    found = diff_pair(a, b)
    assert rebuild(found.ops) == (a, b)
    if a.strip() == a and a:
        assert all(o.op == "equal" or o.ignored for o in found.ops)


WORDS = st.lists(
    st.sampled_from(
        [
            "the",
            "Parties",
            "of",
            "NATO",
            "territory",
            "security",
            "each",
            "in",
            "good",
            "faith",
            "and",
        ]
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=100, deadline=None)
@given(
    WORDS,
    WORDS,
    st.sampled_from([("shall", "should"), ("will", "may"), ("must", "should"), ("cannot", "may")]),
)
def test_a_single_modal_swap_is_an_op_of_its_own(
    before: list[str], after: list[str], swap: tuple[str, str]
) -> None:
    old, new = swap
    a = " ".join([*before, old, *after]) + "."
    b = " ".join([*before, new, *after]) + "."
    found = diff_pair(a, b)
    changes = [(o.op, o.text) for o in found.ops if o.op != "equal"]
    assert changes == [("delete", old), ("insert", new)]
    assert not found.replaced


def redline(a: str, b: str, **options: object) -> str:
    """wdiff notation of one pair, as the text renderer shows it without colour."""
    ops = diff_pair(a, b, options=DiffOptions(**options)).ops  # type: ignore[arg-type]
    marks = {"delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(o.text if o.op == "equal" else marks[o.op].format(o.text) for o in ops)


def test_semantic_cleanup_never_swallows_a_modal() -> None:
    # constructed: a modal swap next to another word change stays in a hunk of a few words
    a = "The Parties shall respect the territory of NATO members."
    b = "The States should respect the borders of NATO members."
    assert redline(a, b) == (
        "The [-Parties shall-]{+States should+} respect the [-territory-]{+borders+} of NATO "
        "members."
    )


def test_the_headline_example_keeps_its_key_word() -> None:
    # NATO Bucharest 2008 (para. 23) and the 2022 wording demanded by Russia (texts/): every
    # peer (git --word-diff, wdiff, redlines) shows "will {+never+} become"; so do we.
    a = "We agreed today that these countries will become members of NATO."
    b = "Ukraine and Georgia will never become a member of NATO."
    found = diff_pair(a, b)
    assert not found.replaced
    assert redline(a, b) == (
        "[-We agreed today that these countries-]{+Ukraine and Georgia+} will {+never +}become "
        "[-members-]{+a member+} of NATO."
    )


def test_a_sentence_sharing_only_chance_words_is_one_replacement() -> None:
    # Bucharest 2008 para. 23 against the Russian draft US-Russia treaty of Dec. 2021, Art. 4
    # (corpus dev P03): they share only "the", "of" and the full stop.
    a = "We agreed today that these countries will become members of NATO."
    b = (
        "The United States of America shall undertake to prevent further eastward expansion "
        "of the North Atlantic Treaty Organization and deny accession to the Alliance to the "
        "States of the former Union of Soviet Socialist Republics."
    )
    found = diff_pair(a, b)
    assert found.replaced
    assert [(o.op, o.text) for o in found.ops] == [("delete", a), ("insert", b)]


def test_confetti_around_chance_anchors_is_one_replacement() -> None:
    # constructed from the Russian draft with NATO (Art. 4 wording), reworded by hand
    a = "The Parties shall undertake not to deploy forces."
    b = "The Parties are prohibited from deploying forces."
    assert redline(a, b) == (
        "The Parties [-shall undertake not to deploy-]{+are prohibited from deploying+} forces."
    )


def test_a_dropped_bracket_does_not_shift_the_modal() -> None:
    # NATO Bucharest 2008 para. 23 ("Annual National Programmes [ANP]") against a later
    # wording, trimmed to the words that differ
    a = "Annual National Programmes [ANP] will help."
    b = "Annual National Programmes will be developed to help."
    assert redline(a, b) == "Annual National Programmes [-[ANP] -]will {+be developed to +}help."


def test_each_hunk_is_one_deletion_then_one_insertion() -> None:
    a = "The Parties shall undertake not to deploy forces, and shall consult each other."
    b = "The Parties are prohibited from deploying forces, and should consult one another."
    ops = diff_pair(a, b).ops
    kinds = "".join({"equal": "=", "delete": "-", "insert": "+"}[o.op] for o in ops)
    for hunk in kinds.split("="):
        assert hunk in ("", "-", "+", "-+"), kinds


def test_whole_sentence_replacement_is_an_option() -> None:
    a = "We agreed today that these countries will become members of NATO."
    b = "Ukraine and Georgia will never become a member of NATO."
    assert diff_pair(a, b, options=DiffOptions(whole_sentence="similarity")).replaced
    b2 = "The United States of America shall undertake to prevent expansion of NATO."
    assert not diff_pair(a, b2, options=DiffOptions(whole_sentence="never")).replaced


def test_a_lightly_edited_sentence_is_diffed_word_by_word() -> None:
    a = "The Parties shall not deploy forces on the territory of Ukraine."
    b = "The Parties shall not deploy any forces on the territory of Ukraine or Georgia."
    found = diff_pair(a, b)
    assert not found.replaced
    assert [o.text for o in found.ops if o.op == "insert"] == ["any ", " or Georgia"]


def test_quotes_dashes_case_and_punctuation_options() -> None:
    a = "NATO’s door — open."
    b = "NATO's door - open."
    assert all(o.op == "equal" or o.ignored for o in diff_pair(a, b).ops)
    assert any(o.op != "equal" and not o.ignored for o in diff_pair("Shall", "shall").ops)
    assert all(
        o.op == "equal" or o.ignored
        for o in diff_pair("Shall", "shall", options=DiffOptions(ignore_case=True)).ops
    )
    loose = DiffOptions(ignore_punctuation=True)
    assert all(
        o.op == "equal" or o.ignored
        for o in diff_pair("Yes, we act.", "Yes we act", options=loose).ops
    )


def test_char_granularity_diffs_letters() -> None:
    found = diff_pair("member", "members", options=DiffOptions(granularity="char"))
    assert [(o.op, o.text) for o in found.ops] == [("equal", "member"), ("insert", "s")]


def test_both_engines_give_the_same_ops() -> None:
    a = "Each Party shall refrain from deploying forces, in good faith, on the territory."
    b = "Each Party should refrain from deploying its forces, on the whole territory."
    fast = diff_pair(a, b, engine=get_engine("c++"))
    slow = diff_pair(a, b, engine=get_engine("python"))
    assert fast.ops == slow.ops


def _one_sentence(draft_id: str, text: str) -> Draft:
    return Draft(draft_id, "p", "proposed", "2020-01-01", "en", "treaty", (Sentence("s1", text),))


def test_amendments_cut_a_pair_where_the_redline_does() -> None:
    """One word-diff engine (issue 8): generated amending instructions have the redline's
    hunks. Before, amendments used difflib at 0.35 and merged edits one word apart, so the
    Bucharest sentence was one instruction where the redline had three hunks."""
    a = "We agreed today that these countries will become members of NATO."
    b = "Ukraine and Georgia will never become a member of NATO."  # Russia's 2022 demand
    operations = generate_operations(_one_sentence("a", a), _one_sentence("b", b))
    assert [describe(op) for op in operations] == [
        "In sentence s1, replace 'We agreed today that these countries' with 'Ukraine and Georgia'",
        "In sentence s1, insert ' never' after 'will'",
        "In sentence s1, replace 'members' with 'a member'",
    ]
    assert [(s, e) for s, e, _ in edits(a, b)] == [(0, 36), (42, 42), (49, 56)]


def test_amendments_and_redlines_cut_every_corpus_pair_alike() -> None:
    """On the 128 real pairs, as many instructions as hunks; only where two hunks' quotes
    would touch are they one instruction (two pairs, C08 and H2P036)."""
    rows = [
        json.loads(line)
        for path in sorted(corpus_dir().glob("*_pairs.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    differ = []
    for row in rows:
        a, b = normalise_space(row["before"])[0], normalise_space(row["after"])[0]
        operations = generate_operations(_one_sentence("a", a), _one_sentence("b", b))
        hunks = edits(a, b)
        assert len(operations) <= len(hunks), row["id"]
        if len(operations) != len(hunks):
            differ.append(row["id"])
    assert len(rows) >= 128
    assert len(differ) <= 2, differ


RAW_OPS = st.lists(
    st.tuples(
        st.sampled_from(["equal", "delete", "insert"]),
        st.sampled_from(["", " ", "shall", "the Parties", "«", "\n"]),
        st.one_of(st.none(), st.integers(0, 50)),
        st.one_of(st.none(), st.integers(0, 50)),
        st.booleans(),
    ),
    max_size=12,
)
"""Constructed raw ops (fields of ``Op`` in order), runs of one kind and flag among them."""


@given(RAW_OPS)
def test_merge_ops_joins_each_run_of_one_kind_and_flag(raw: list) -> None:
    """``merge_ops`` (made in C, without a loop over the ops) gives what the plain loop
    does: each run of neighbouring ops of one kind and ``ignored`` flag is one ``Op`` with
    the run's text and its first op's offsets; every op is a true ``Op`` (equal, hashable,
    and pickled back equal)."""
    expected: list[Op] = []
    for kind, text, a_start, b_start, ignored in raw:
        last = expected[-1] if expected else None
        if last is not None and last.op == kind and last.ignored == ignored:
            expected[-1] = Op(kind, last.text + text, last.a_start, last.b_start, ignored)
        else:
            expected.append(Op(kind, text, a_start, b_start, ignored))
    found = merge_ops(raw)
    assert found == expected
    assert [vars(op) for op in found] == [vars(op) for op in expected]  # same fields, in order
    assert pickle.loads(pickle.dumps(found)) == expected
    assert [hash(op) for op in found] == [hash(op) for op in expected]


def one_block_per_token(
    runs: list[tuple[str, int]], ta: Tokens, tb: Tokens, a_anchor: list[int], b_anchor: list[int]
) -> list[tuple[str, int, int, int, int]]:
    """``_anchor_blocks`` as first written, a block for every token between two matched
    tokens and for every matched token: the reference for the stretches it now makes."""
    blocks: list[tuple[str, int, int, int, int]] = []
    ca = cb = pa = pb = 0

    def gap(a1: int, b1: int) -> None:
        nonlocal ca, cb
        a0, b0 = ca, cb
        if a0 == a1 and b0 == b1:
            return
        if all(ta.classes[k] == SPACE for k in range(a0, a1)) and all(
            tb.classes[k] == SPACE for k in range(b0, b1)
        ):
            blocks.append(("equal" if a1 - a0 == b1 - b0 else "soft", a0, a1, b0, b1))
            ca, cb = a1, b1
            return
        # a change, less a space that both sides have at its start, and one at its end
        lead = int(a0 < a1 and b0 < b1 and ta.classes[a0] == tb.classes[b0] == SPACE)
        trail = int(
            a0 + lead < a1
            and b0 + lead < b1
            and ta.classes[a1 - 1] == tb.classes[b1 - 1] == SPACE
            and (a1 - a0 - lead > 1 or b1 - b0 - lead > 1)
        )
        blocks.extend([("equal", a0, a0 + 1, b0, b0 + 1)] * lead)
        blocks.append(("change", a0 + lead, a1 - trail, b0 + lead, b1 - trail))
        blocks.extend([("equal", a1 - 1, a1, b1 - 1, b1)] * trail)
        ca, cb = a1, b1

    for op, length in runs:
        if op == "=":
            for wa, wb in zip(a_anchor[pa : pa + length], b_anchor[pb : pb + length], strict=True):
                gap(wa, wb)
                blocks.append(("equal", wa, wa + 1, wb, wb + 1))
                ca, cb = wa + 1, wb + 1
        pa += length if op != "+" else 0
        pb += length if op != "-" else 0
    gap(len(ta.texts), len(tb.texts))
    return blocks


PROSE = st.lists(
    st.tuples(
        st.sampled_from(["the", "of", "shall", "Parties", "(a)", "forces,", "«NATO»", ";", "x1"]),
        st.sampled_from([" ", " ", " ", "  ", "\n", ""]),
    ),
    max_size=14,
).map(lambda words: "".join(w + s for w, s in words))
"""Constructed prose: words, brackets and punctuation, mostly one space apart."""


@settings(max_examples=300, deadline=None)
@given(PROSE, PROSE)
def test_anchor_blocks_join_only_spaced_stretches_of_matched_tokens(x: str, y: str) -> None:
    """Each block of ``_anchor_blocks`` covering several tokens is an equal stretch that
    starts and ends with a space on both sides (so no glue ever reads it); cut into one
    block per token, the blocks are those of the one-block-per-token reference."""
    ta, tb = tokenize(x), tokenize(y)
    a_anchor = [i for i, c in enumerate(ta.classes) if c != SPACE]
    b_anchor = [i for i, c in enumerate(tb.classes) if c != SPACE]
    codes = encode([ta.keys[i] for i in a_anchor], [tb.keys[i] for i in b_anchor])
    runs = get_engine()(*codes)
    found = _anchor_blocks(runs, ta, tb, a_anchor, b_anchor)
    cut: list[tuple[str, int, int, int, int]] = []
    for kind, a0, a1, b0, b1 in found:
        if kind == "equal" and a1 - a0 > 1:
            assert a1 - a0 == b1 - b0
            assert SPACE == ta.classes[a0] == tb.classes[b0] == ta.classes[a1 - 1]
            assert tb.classes[b1 - 1] == SPACE
            cut.extend(("equal", a0 + k, a0 + k + 1, b0 + k, b0 + k + 1) for k in range(a1 - a0))
        else:
            cut.append((kind, a0, a1, b0, b1))
    assert cut == one_block_per_token(runs, ta, tb, a_anchor, b_anchor)


@given(
    st.text(alphabet=st.sampled_from(list("ab \x00\x7fé")), max_size=12),
    st.text(alphabet=st.sampled_from(list("ab \x00\x7fé")), max_size=12),
)
def test_agreeing_counts_the_shared_start_and_end(a: str, b: str) -> None:
    """``agreeing`` (the integers' highest differing bit for ASCII texts, a bisection for
    others) counts the characters two texts share at their start and at their end, as a
    walk character by character does (constructed texts, NUL and DEL included)."""
    start = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    end = next(
        (k for k, (x, y) in enumerate(zip(reversed(a), reversed(b), strict=False)) if x != y),
        min(len(a), len(b)),
    )
    assert agreeing(a, b, "little") == start
    assert agreeing(a, b, "big") == end
