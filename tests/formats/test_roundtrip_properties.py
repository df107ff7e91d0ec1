"""Property tests: parse(write(x)) == x, written files validate, and fmt is idempotent.

Generated clauses and documents are constructed data (random words, Cyrillic, French
punctuation with no-break spaces, characters XML must escape), never real texts.
"""

from __future__ import annotations

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from drafting.errors import DraftingError
from drafting.formats.clausexml import (
    canonicalize,
    clause_to_xml,
    document_to_xml,
    parse_clause,
    parse_document,
)
from drafting.formats.inline import canonical_mark_order, collapse
from drafting.formats.validation import validate_bytes
from drafting.model import (
    INSTRUMENTS,
    STATUSES,
    Amendment,
    Article,
    Clause,
    Document,
    Draft,
    Mark,
    Operation,
    Paragraph,
    Party,
    Sentence,
    Source,
)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SPECIAL = "&<>\"'«»\u00a0\u202f’—…;:!?.,"
WORDS = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcdefghij"),
        st.sampled_from("абвгдежзиклмнопрстуфхцчшщыэюяё"),
        st.sampled_from("éèàçôœÉ"),
        st.sampled_from(SPECIAL),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn", "Zl", "Zp")),
    ),
    min_size=1,
    max_size=12,
)
SPACE = st.sampled_from([" ", "  ", "\n", "\t ", " \r\n "])
FREE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")),
        st.sampled_from(SPECIAL + " \n\t"),
    ),
    max_size=30,
)
IDS = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,8}", fullmatch=True)
DATES = st.dates().map(lambda d: d.isoformat())
LANGUAGES = st.sampled_from(["en", "fr", "ru", "uk", "de-CH"])
HREFS = st.from_regex(r"https://example\.org/[a-z0-9/]{0,10}", fullmatch=True)


@st.composite
def plain_texts(draw: st.DrawFn) -> str:
    """Sentence text in canonical form: words and punctuation, single spaces, trimmed."""
    words = draw(st.lists(WORDS, min_size=1, max_size=8))
    return collapse(" ".join(words)) or "x"


@st.composite
def marks(draw: st.DrawFn, text: str) -> tuple[Mark, ...]:
    """Nested, never crossing inline marks over ``text``, in the order reading gives them."""
    kept: list[Mark] = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if any(m.start < start < m.end < end or start < m.start < end < m.end for m in kept):
            continue
        tag = draw(st.sampled_from(["term", "ref", "em"]))
        attrs: tuple[tuple[str, str], ...] = ()
        if tag == "term":
            category = draw(st.none() | FREE_TEXT)
            rule = draw(st.none() | IDS)
            attrs = tuple(
                (k, v) for k, v in (("category", category), ("rule", rule)) if v is not None
            )
        elif tag == "ref":
            href = draw(st.none() | HREFS)
            attrs = (("href", href),) if href is not None else ()
        kept.append(Mark(start, end, tag, attrs))
    return canonical_mark_order(kept)


@st.composite
def sentences(draw: st.DrawFn, prefix: str, count: int) -> tuple[Sentence, ...]:
    result = []
    for i in range(count):
        text = draw(plain_texts())
        result.append(Sentence(f"{prefix}s{i + 1}", text, draw(marks(text))))
    return tuple(result)


def unique_substring(draw: st.DrawFn, text: str) -> str:
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    piece = text[start:end]
    return piece if text.count(piece) == 1 and piece.strip() == piece else text


@st.composite
def clauses(draw: st.DrawFn) -> Clause:
    """Valid clauses: every reference resolves, supersedes stays within a party, every
    operation's old text or anchor occurs exactly once in its target sentence."""
    party_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    parties = tuple(Party(p, draw(FREE_TEXT)) for p in party_ids)
    source_ids = draw(st.lists(IDS, max_size=2, unique=True))
    sources = tuple(
        Source(
            s,
            draw(FREE_TEXT),
            date=draw(st.none() | DATES),
            href=draw(st.none() | HREFS),
            note=draw(st.none() | FREE_TEXT),
        )
        for s in source_ids
    )
    drafts: list[Draft] = []
    for index in range(draw(st.integers(0, 4))):
        party = draw(st.sampled_from(party_ids))
        same_party = [d.id for d in drafts if d.party == party]
        others = [d.id for d in drafts]
        drafts.append(
            Draft(
                id=f"d{index}",
                party=party,
                status=draw(st.sampled_from(STATUSES)),
                date=draw(DATES),
                language=draw(LANGUAGES),
                instrument=draw(st.sampled_from(INSTRUMENTS)),
                sentences=draw(sentences("", draw(st.integers(1, 3)))),
                source=draw(st.none() | st.sampled_from(source_ids)) if source_ids else None,
                supersedes=draw(st.none() | st.sampled_from(same_party)) if same_party else None,
                responds_to=draw(st.none() | st.sampled_from(others)) if others else None,
                note=draw(st.none() | FREE_TEXT),
            )
        )
    amendments: list[Amendment] = []
    for index in range(draw(st.integers(0, 2)) if drafts else 0):
        target = draw(st.sampled_from(drafts))
        operations = []
        for op_index in range(draw(st.integers(1, 3))):
            sentence = draw(st.sampled_from(target.sentences))
            kind = draw(st.sampled_from(["substitute", "insert", "delete", "new-sentence"]))
            if kind == "substitute":
                old = unique_substring(draw, sentence.text)
                op = Operation("substitute", sentence.id, old=old, new=draw(FREE_TEXT))
            elif kind == "delete":
                op = Operation("delete", sentence.id, old=unique_substring(draw, sentence.text))
            elif kind == "insert":
                op = Operation(
                    "insert",
                    sentence.id,
                    anchor=unique_substring(draw, sentence.text),
                    new=draw(WORDS),
                    position=draw(st.sampled_from(["after", "before"])),
                )
            else:
                op = Operation(
                    "insert",
                    sentence.id,
                    new=draw(WORDS),
                    new_id=f"new{index}-{op_index}",
                    position=draw(st.sampled_from(["after", "before"])),
                )
            operations.append(op)
        amendments.append(
            Amendment(
                id=f"am{index}",
                party=draw(st.sampled_from(party_ids)),
                target=target.id,
                operations=tuple(operations),
                result=draw(st.none() | st.sampled_from([d.id for d in drafts])),
                status=draw(st.sampled_from(STATUSES)),
                date=draw(st.none() | DATES),
            )
        )
    return Clause(
        id=draw(IDS),
        title=draw(FREE_TEXT),
        title_language=draw(LANGUAGES),
        parties=parties,
        sources=sources,
        drafts=tuple(drafts),
        amendments=tuple(amendments),
    )


@st.composite
def paragraphs(draw: st.DrawFn, prefix: str) -> Paragraph:
    return Paragraph(
        id=prefix,
        sentences=draw(sentences(f"{prefix}-", draw(st.integers(1, 3)))),
        num=draw(st.none() | st.sampled_from(["1", "2", "a", "(b)", "IV"])),
    )


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """Valid documents: every id is unique within the document by construction."""
    preamble = tuple(draw(paragraphs(f"pre-p{j}")) for j in range(draw(st.integers(0, 2))))
    articles = tuple(
        Article(
            id=f"art-{i}",
            paragraphs=tuple(
                draw(paragraphs(f"art-{i}-p{j}")) for j in range(draw(st.integers(0, 3)))
            ),
            num=draw(st.none() | st.just(str(i))),
            label=draw(st.none() | st.sampled_from([f"Article {i}", f"Статья {i}", "Premier"])),
            heading=draw(st.none() | FREE_TEXT),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    source = draw(
        st.none()
        | st.builds(
            Source,
            st.just("src"),
            FREE_TEXT,
            date=st.none() | DATES,
            href=st.none() | HREFS,
            note=st.none() | FREE_TEXT,
        )
    )
    return Document(
        id=draw(IDS),
        title=draw(FREE_TEXT),
        articles=articles,
        preamble=preamble,
        party=draw(st.none() | IDS),
        date=draw(st.none() | DATES),
        language=draw(LANGUAGES),
        instrument=draw(st.sampled_from(INSTRUMENTS)),
        source=source,
    )


CONTAINERS = frozenset(
    {"clause", "meta", "draft", "amendment", "document", "preamble", "article", "p"}
)


def disarrange(data: bytes, seed: int) -> bytes:
    """The same content written carelessly: attributes reversed, odd indentation, extra
    whitespace inside sentences, single-quoted declaration. Canonical form must undo it."""
    rng = random.Random(seed)
    root = etree.fromstring(data)
    for element in root.iter():
        items = list(element.attrib.items())
        element.attrib.clear()
        for key, value in reversed(items):
            element.set(key, value)
        local = etree.QName(element).localname
        if local in CONTAINERS and len(element):
            element.text = rng.choice(["", "\n", "\n\t\t", "   "])
            for child in element:
                child.tail = rng.choice(["", "\n", "\n    ", " \t"])
        if local == "s":
            spaces = lambda: rng.choice([" ", "  ", "\n      ", "\t"])  # noqa: E731
            for node in element.iter():
                if node.text:
                    node.text = node.text.replace(" ", spaces())
                if node is not element and node.tail:
                    node.tail = node.tail.replace(" ", spaces())
            element.text = rng.choice(["", "\n   ", " "]) + (element.text or "")
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + etree.tostring(root, encoding="UTF-8")


@SETTINGS
@given(clauses())
def test_clause_round_trips_and_validates(clause: Clause) -> None:
    data = clause_to_xml(clause)
    report = validate_bytes(data, "generated.xml")
    assert report.problems == (), [str(p) for p in report.problems]
    assert parse_clause(data, "generated.xml") == clause


@SETTINGS
@given(documents())
def test_document_round_trips_and_validates(doc: Document) -> None:
    data = document_to_xml(doc)
    report = validate_bytes(data, "generated.xml")
    assert report.problems == (), [str(p) for p in report.problems]
    assert parse_document(data, "generated.xml") == doc


@SETTINGS
@given(clauses(), st.integers(0, 2**32))
def test_fmt_of_a_clause_is_idempotent_and_undoes_disarray(clause: Clause, seed: int) -> None:
    canonical = clause_to_xml(clause)
    assert canonicalize(canonical, "c.xml") == canonical
    messy = disarrange(canonical, seed)
    once = canonicalize(messy, "c.xml")
    assert once == canonical
    assert canonicalize(once, "c.xml") == once


@SETTINGS
@given(documents(), st.integers(0, 2**32))
def test_fmt_of_a_document_is_idempotent_and_undoes_disarray(doc: Document, seed: int) -> None:
    canonical = document_to_xml(doc)
    assert canonicalize(canonical, "d.xml") == canonical
    once = canonicalize(disarrange(canonical, seed), "d.xml")
    assert once == canonical
    assert canonicalize(once, "d.xml") == once


MUTATIONS = ("drop-line", "repeat-line", "drop-attribute", "swap-lines", "cut")


def mutate(data: bytes, seed: int, kind: str) -> bytes:
    """A damaged copy of a file: the kind of edit a hurried person (or a bad merge) makes."""
    rng = random.Random(seed)
    lines = data.decode("utf-8").split("\n")
    i = rng.randrange(len(lines))
    j = rng.randrange(len(lines))
    if kind == "drop-line":
        del lines[i]
    elif kind == "repeat-line":
        lines.insert(i, lines[j])
    elif kind == "swap-lines":
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == "drop-attribute":
        attributes = list(re.finditer(r' [\w:]+="[^"]*"', lines[i]))
        if attributes:
            gone = rng.choice(attributes)
            lines[i] = lines[i][: gone.start()] + lines[i][gone.end() :]
    else:
        text = "\n".join(lines)
        return text[: rng.randrange(len(text))].encode("utf-8")
    return "\n".join(lines).encode("utf-8")


@SETTINGS
@given(clauses(), st.integers(0, 2**32), st.sampled_from(MUTATIONS))
def test_damaged_files_give_problems_never_crashes(clause: Clause, seed: int, kind: str) -> None:
    damaged = mutate(clause_to_xml(clause), seed, kind)
    report = validate_bytes(damaged, "damaged.xml")
    assert all(p.line >= 1 and p.column >= 1 and p.message for p in report.problems)
    try:
        result = canonicalize(damaged, "damaged.xml")
    except DraftingError as error:
        assert not report.valid or "comment" in str(error)
        assert "\n" not in str(error)
    else:
        assert report.valid
        assert validate_bytes(result, "result.xml").valid
