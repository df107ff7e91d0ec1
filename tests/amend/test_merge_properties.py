"""Property tests of the clause merge (drafting.amend.merge) on random edit scripts.

Two branches edit one base clause. When they touch different drafts, the merge must equal
applying both scripts one after the other; whatever they do, no draft and no sentence may
be lost (each survives in place or inside a conflict), and the result must survive the XML
codec unchanged. The sentences are CONSTRUCTED.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from drafting.amend.merge import merge_clauses, resolve
from drafting.formats.clausexml import clause_to_xml, parse_clause
from drafting.model import Clause, Draft, Party, Sentence

WORDS = ("the", "parties", "shall", "should", "consult", "promptly", "each", "other", "may")


def _draft(number: int, sentences: int) -> Draft:
    return Draft(
        id=f"d{number}",
        party="p1" if number % 2 else "p2",
        status="proposed",
        date="2024-01-01",
        language="en",
        instrument="treaty",
        sentences=tuple(
            Sentence(f"s{k}", f"Constructed sentence {k} of draft {number}.")
            for k in range(1, sentences + 1)
        ),
    )


BASE = Clause(
    id="c",
    title="Constructed",
    parties=(Party("p1", "One"), Party("p2", "Two")),
    sources=(),
    drafts=tuple(_draft(n, 1 + n % 3) for n in range(1, 5)),
)

# One edit: (kind, draft index, value). Kinds that need a draft pick one of the base drafts.
edit = st.tuples(
    st.sampled_from(["text", "status", "delete", "add-sentence", "add-draft", "words"]),
    st.integers(0, len(BASE.drafts) - 1),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
)
script = st.lists(edit, max_size=5)


def apply(clause: Clause, edits: list, branch: str) -> Clause:
    """Apply an edit script; new ids carry the branch name so they never collide."""
    for number, (kind, index, words) in enumerate(edits):
        target = BASE.drafts[index].id
        current = clause.draft(target)
        if kind == "add-draft":
            new = replace(_draft(1, 1), id=f"{branch}{number}", sentences=(Sentence("s1", words),))
            clause = replace(clause, drafts=(*clause.drafts, new))
            continue
        if current is None:
            continue
        if kind == "delete":
            changed = None
        elif kind == "status":
            changed = replace(current, status="bracketed" if branch == "o" else "agreed")
        elif kind == "text":
            first = current.sentences[0]
            changed = replace(
                current, sentences=(replace(first, text=words), *current.sentences[1:])
            )
        elif kind == "words":
            first = current.sentences[0]
            text = first.text.replace("Constructed", f"Constructed {words}", 1)
            changed = replace(
                current, sentences=(replace(first, text=text), *current.sentences[1:])
            )
        else:
            sentence = Sentence(f"{branch}{number}", f"{words} ({branch}).")
            changed = replace(current, sentences=(*current.sentences, sentence))
        drafts = tuple(
            d for d in (changed if d.id == target else d for d in clause.drafts) if d is not None
        )
        clause = replace(clause, drafts=drafts)
    return clause


def touched(edits: list) -> set[str]:
    return {BASE.drafts[index].id for kind, index, _ in edits if kind != "add-draft"}


@settings(max_examples=150)
@given(script, script)
def test_merge_of_edits_to_different_drafts_equals_applying_both(a: list, b: list) -> None:
    ours, theirs = apply(BASE, a, "o"), apply(BASE, b, "t")
    result = merge_clauses(BASE, ours, theirs)
    if touched(a) & touched(b):
        return
    assert result.clean
    assert result.clause == apply(ours, b, "t")
    assert merge_clauses(BASE, theirs, ours).clause.drafts  # symmetric call never fails


@settings(max_examples=150)
@given(script, script)
def test_no_draft_or_sentence_is_ever_lost(a: list, b: list) -> None:
    ours, theirs = apply(BASE, a, "o"), apply(BASE, b, "t")
    result = merge_clauses(BASE, ours, theirs).clause
    base = {d.id: d for d in BASE.drafts}
    kept = {d.id: d for d in result.drafts}
    in_conflict = {c.id: c for c in result.conflicts}
    for side, other in ((ours, theirs), (theirs, ours)):
        for draft in side.drafts:
            if draft.id in in_conflict:
                versions = [in_conflict[draft.id].ours, in_conflict[draft.id].theirs]
            elif draft.id in kept:
                versions = [kept[draft.id]]
            else:
                # only a draft the other side deleted and this side left alone may go
                assert draft == base.get(draft.id) and other.draft(draft.id) is None
                continue
            for sentence in draft.sentences:
                unchanged = base.get(draft.id) is not None and sentence in base[draft.id].sentences
                if unchanged:
                    continue
                assert any(
                    v is not None and sentence.id in {s.id for s in v.sentences} for v in versions
                ), (draft.id, sentence.id)
    # the merged file reads back as the same value, and resolving leaves no conflict
    data = clause_to_xml(result)
    assert parse_clause(data, "m.xml", validate=False) == result
    for take in ("ours", "theirs", "base"):
        assert not resolve(result, take).conflicts  # type: ignore[arg-type]


def test_sentence_changed_by_both_merges_by_words() -> None:
    draft = BASE.drafts[0]
    first = draft.sentences[0]

    def edited(text: str) -> Clause:
        return replace(BASE, drafts=(replace(draft, sentences=(replace(first, text=text),)),))

    base_text = first.text  # "Constructed sentence 1 of draft 1."
    ours = edited(base_text.replace("Constructed", "A constructed"))
    theirs = edited(base_text.replace("draft 1", "draft one"))
    result = merge_clauses(BASE, ours, theirs)
    assert result.clean
    assert result.clause.drafts[0].sentences[0].text == "A constructed sentence 1 of draft one."
    clash = merge_clauses(BASE, ours, edited(base_text.replace("Constructed", "Another")))
    assert [c.id for c in clash.clause.conflicts] == ["d1"]
    # two insertions at one point, whichever side of the space the engine puts them
    only = edited(base_text.replace("1 of", "1 only of", 1))
    alone = edited(base_text.replace("1 of", "1 alone of", 1))
    assert [c.id for c in merge_clauses(BASE, only, alone).clause.conflicts] == ["d1"]


def test_colliding_new_sentence_ids_are_renamed() -> None:
    draft = BASE.drafts[0]

    def added(text: str) -> Clause:
        extra = Sentence("s9", text)
        return replace(BASE, drafts=(replace(draft, sentences=(*draft.sentences, extra)),))

    result = merge_clauses(BASE, added("Ours."), added("Theirs."))
    assert result.clean
    assert [(s.id, s.text) for s in result.clause.drafts[0].sentences[-2:]] == [
        ("s9", "Ours."),
        ("s10", "Theirs."),
    ]
    assert [(r.kind, r.old, r.new, r.draft) for r in result.renamed] == [
        ("sentence", "s9", "s10", "d1")
    ]


def test_two_branches_that_created_the_same_file() -> None:
    """git passes an empty ancestor (add/add): everything is new on both sides."""
    ours = replace(BASE, drafts=BASE.drafts[:2])
    theirs = replace(
        BASE, drafts=(BASE.drafts[0], BASE.drafts[2]), parties=(*BASE.parties, Party("p3", "Three"))
    )
    result = merge_clauses(None, ours, theirs)
    assert result.clean
    assert [d.id for d in result.clause.drafts] == ["d1", "d2", "d3"]
    assert [p.id for p in result.clause.parties] == ["p1", "p2", "p3"]
