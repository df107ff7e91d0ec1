#!/usr/bin/env python3
"""A deterministic corpus of constructed treaties with planted borrowings and known profiles.

Every text here is constructed (random words from a fixed vocabulary around a known operator);
none is a quotation of a real treaty, and each file says so in its title. The idea follows
``shared/bench/gen_treaty.py``: the same arguments always give the same bytes, and a truth
file says what was planted, so a benchmark can check what a tool found as well as how fast:

- ``DIR/sNNN/doc-NNNNN.txt``: plain-text treaties ("Article N" headings, one paragraph per
  line), 500 to a folder so that a glob (``DIR/s00[0-3]/*``) takes the first 2,000;
- ``DIR/truth.json``: the borrowings (an article copied from an earlier document, lightly
  edited: nouns replaced, sometimes its operator weakened), and the bad files;
- ``DIR/profiles.jsonl``: each document's planted strength profile (sentences by tier,
  polarity, hedges, intensifiers, sentences with no commitment term).

Each sentence is built around one operator of a known tier (``OPERATORS``) with a subject, a
neutral verb and a noun phrase, plus at most one hedge and one intensifier from the strength
scale's lists, so its tier is known without running the analyser.

    python3 bench/gen_corpus.py --docs 10000 --words 2000 --out /tmp/corpus

Any document can also be built alone (``document(seed, i, words)``): a borrowing copies the
source article from its own seed, so no earlier document has to be kept in memory.
"""

from __future__ import annotations

import argparse
import bisect
import functools
import json
import os
import random
from dataclasses import dataclass, field

PER_FOLDER = 500

OPERATORS: tuple[tuple[str, int, str], ...] = (
    # (words, tier, polarity) of shared/strength-scale.md
    ("shall", 4, "positive"),
    ("must", 4, "positive"),
    ("shall not", 5, "negative"),
    ("must not", 5, "negative"),
    ("should", 2, "positive"),
    ("may", 1, "positive"),
    ("take note of", 0, "positive"),
    ("", -1, ""),  # a sentence with no commitment term
)
OPERATOR_WEIGHTS = (30, 10, 12, 4, 14, 14, 6, 10)
WEAKER = {"shall": "should", "must": "may", "shall not": "should", "must not": "may"}
"""A borrowing's operator edits: the copy binds less than its source."""

SUBJECTS = (
    "The Parties",
    "The Contracting Parties",
    "The Member States",
    "The Signatories",
    "The High Contracting Parties",
)
VERBS = (
    "notify",
    "consult on",
    "review",
    "maintain",
    "establish",
    "facilitate",
    "verify",
    "inspect",
    "publish",
    "exchange",
    "coordinate",
    "designate",
    "examine",
    "register",
    "record",
    "transmit",
    "update",
    "monitor",
)
NOUNS = (
    "territory",
    "forces",
    "borders",
    "measures",
    "provisions",
    "arrangements",
    "protocol",
    "annex",
    "inspections",
    "deployments",
    "exercises",
    "infrastructure",
    "notification",
    "verification",
    "ceasefire",
    "elections",
    "minorities",
    "archives",
    "registers",
    "vessels",
    "aircraft",
    "ports",
    "fisheries",
    "tariffs",
    "customs",
)
PREPS = ("of", "for", "within", "under", "with", "between", "on", "in", "to", "by", "from")
DETS = ("the", "all", "any", "such", "its", "their", "each")
HEDGES = (", as appropriate", ", where possible", ", as far as possible")
INTENSIFIERS = ("fully", "strictly")
SYLLABLES = tuple(
    [
        "ra",
        "to",
        "ven",
        "dis",
        "mo",
        "sec",
        "pro",
        "tal",
        "ex",
        "lin",
        "gar",
        "ul",
        "tion",
        "ment",
        "ary",
        "ence",
        "ive",
        "or",
        "an",
        "el",
        "cor",
        "sta",
        "fir",
        "vol",
        "nek",
        "bur",
        "dal",
        "ise",
    ]
)


def _lexicon(n: int = 4000) -> list[str]:
    """Content words: real neutral nouns first, then pseudo-words (fixed for every seed)."""
    rng = random.Random("lexicon")
    words, seen = list(NOUNS), set(NOUNS)
    while len(words) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


LEXICON = _lexicon()
_CUMULATIVE: list[float] = []
_total = 0.0
for _rank in range(len(LEXICON)):
    _total += 1.0 / (_rank + 1) ** 1.0
    _CUMULATIVE.append(_total)


def _noun(rng: random.Random) -> str:
    """A content word, Zipf-distributed (a few are common, most are rare)."""
    return LEXICON[bisect.bisect_left(_CUMULATIVE, rng.random() * _CUMULATIVE[-1])]


@dataclass
class Sentence:
    subject: str
    operator: int
    verb: str
    rest: list[str]
    hedge: str = ""
    intensifier: str = ""

    def text(self) -> str:
        words, tier, _ = OPERATORS[self.operator]
        if tier < 0:
            return f"{self.subject} {self.verb} {' '.join(self.rest)}{self.hedge}."
        if tier == 0:
            return f"{self.subject} {words} {' '.join(self.rest)}."
        middle = (
            f"{words} {self.intensifier} {self.verb}"
            if self.intensifier
            else (f"{words} {self.verb}")
        )
        return f"{self.subject} {middle} {' '.join(self.rest)}{self.hedge}."


@dataclass
class Article:
    paragraphs: list[list[Sentence]] = field(default_factory=list)


def _sentence(rng: random.Random) -> Sentence:
    operator = rng.choices(range(len(OPERATORS)), OPERATOR_WEIGHTS)[0]
    rest = [rng.choice(DETS), _noun(rng)]
    for _ in range(rng.randint(1, 4)):
        rest += [rng.choice(PREPS), rng.choice(DETS), _noun(rng)]
        if rng.random() < 0.3:
            rest.append(_noun(rng))
    tier = OPERATORS[operator][1]
    hedge = rng.choice(HEDGES) if tier > 0 and rng.random() < 0.15 else ""
    positive = OPERATORS[operator][2] == "positive"
    intensifier = rng.choice(INTENSIFIERS) if tier > 0 and positive and rng.random() < 0.1 else ""
    return Sentence(rng.choice(SUBJECTS), operator, rng.choice(VERBS), rest, hedge, intensifier)


def article(seed: int, doc: int, number: int, words: int) -> Article:
    """Article ``number`` of document ``doc`` as first written (before any borrowing)."""
    rng = random.Random(f"{seed}:{doc}:{number}")
    result, count = Article(), 0
    while count < words * 0.92:
        paragraph = []
        for _ in range(rng.randint(2, 5)):
            sentence = _sentence(rng)
            paragraph.append(sentence)
            count += len(sentence.text().split())
        result.paragraphs.append(paragraph)
    return result


@dataclass(frozen=True)
class Plan:
    """Which article of document ``doc`` is borrowed, and from where (None: none)."""

    articles: int
    slot: int | None = None
    source: tuple[int, int] | None = None


@functools.cache
def plan(seed: int, doc: int, words: int, borrow_rate: float) -> Plan:
    """The document's shape and borrowing, from its own seed: computable for any ``doc``."""
    rng = random.Random(f"{seed}:{doc}:plan")
    articles = max(1, round(words / 200 * rng.uniform(0.8, 1.2)))
    if doc == 0 or rng.random() >= borrow_rate:
        return Plan(articles)
    slot = rng.randrange(articles)
    for _ in range(20):
        source_doc = rng.randrange(doc)
        source_plan = plan(seed, source_doc, words, 0.0)
        source_art = rng.randrange(source_plan.articles)
        if plan(seed, source_doc, words, borrow_rate).slot != source_art:
            return Plan(articles, slot, (source_doc, source_art))
    return Plan(articles)


def _edit(source: Article, rng: random.Random) -> tuple[Article, int, int]:
    """A borrowing: the copy with about 6% of content words replaced, about one sentence in
    twelve dropped and one in twenty added, and, in a third of borrowings, one operator
    weakened. Returns (copy, words replaced, operators weakened)."""
    copy = Article()
    replaced = weakened = 0
    weaken = rng.random() < 0.33
    for paragraph in source.paragraphs:
        new_paragraph = []
        for s in paragraph:
            if rng.random() < 0.08 and len(paragraph) > 1:
                continue
            rest = list(s.rest)
            for i, word in enumerate(rest):
                if word not in DETS and word not in PREPS and rng.random() < 0.06:
                    rest[i] = _noun(rng)
                    replaced += 1
            operator = s.operator
            words = OPERATORS[operator][0]
            if weaken and words in WEAKER:
                operator = next(k for k, o in enumerate(OPERATORS) if o[0] == WEAKER[words])
                weaken, weakened = False, 1
            intensifier = s.intensifier if OPERATORS[operator][2] == "positive" else ""
            new_paragraph.append(Sentence(s.subject, operator, s.verb, rest, s.hedge, intensifier))
            if rng.random() < 0.05:
                new_paragraph.append(_sentence(rng))
        copy.paragraphs.append(new_paragraph)
    return copy, replaced, weakened


def document(
    seed: int, doc: int, words: int, borrow_rate: float
) -> tuple[list[Article], Plan, dict[str, int]]:
    """The articles of document ``doc``, its plan, and the edits made to a borrowed article."""
    shape = plan(seed, doc, words, borrow_rate)
    per_article = words // shape.articles
    articles = [article(seed, doc, k, per_article) for k in range(shape.articles)]
    edits = {"replaced": 0, "weakened": 0}
    if shape.source is not None and shape.slot is not None:
        source_doc, source_art = shape.source
        source_words = words // plan(seed, source_doc, words, 0.0).articles
        source = article(seed, source_doc, source_art, source_words)
        rng = random.Random(f"{seed}:{doc}:edit")
        articles[shape.slot], edits["replaced"], edits["weakened"] = _edit(source, rng)
    return articles, shape, edits


def render(doc: int, articles: list[Article]) -> str:
    """Plain text: a title saying the text is constructed, then "Article N" and paragraphs."""
    out = [f"Constructed benchmark agreement no. {doc} (generated text, not a real treaty)"]
    for k, art in enumerate(articles, start=1):
        out.append("")
        out.append(f"Article {k}")
        out.extend(" ".join(s.text() for s in paragraph) for paragraph in art.paragraphs)
    return "\n".join(out) + "\n"


def profile(articles: list[Article]) -> dict[str, object]:
    """The planted profile: what each sentence's operator, hedge and intensifier make it."""
    tiers = [0] * 6
    counts = {"positive": 0, "negative": 0, "hedges": 0, "intensifiers": 0, "no_term": 0}
    sentences = 0
    for art in articles:
        for paragraph in art.paragraphs:
            for s in paragraph:
                sentences += 1
                _, tier, polarity = OPERATORS[s.operator]
                if tier < 0:
                    counts["no_term"] += 1
                    counts["hedges"] += bool(s.hedge)
                    continue
                tiers[tier] += 1
                counts[polarity] += 1
                counts["hedges"] += bool(s.hedge)
                counts["intensifiers"] += bool(s.intensifier)
    return {"sentences": sentences, "tiers": tiers, **counts}


def relpath(doc: int) -> str:
    return f"s{doc // PER_FOLDER:03d}/doc-{doc:05d}.txt"


BAD_FILES = (
    ("bad-latin1.txt", b"Article 1\n\xe9t\xe9 \xe0 Gen\xe8ve\n"),
    ("bad-broken.xml", b"<?xml version='1.0'?>\n<document><article>\n"),
    ("bad-binary.txt", b"\x00\x01\x02 binary \x00"),
)
"""Files a corpus run must report and skip: not UTF-8, malformed XML, binary."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--words", type=int, default=2000, help="words per document (about)")
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--borrow-rate", type=float, default=0.2)
    ap.add_argument("--bad", action="store_true", help="add one file of each bad kind")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    borrowings = []
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "profiles.jsonl"), "w", encoding="utf-8") as profiles:
        for doc in range(args.docs):
            articles, shape, edits = document(args.seed, doc, args.words, args.borrow_rate)
            path = os.path.join(args.out, relpath(doc))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(render(doc, articles))
            profiles.write(json.dumps({"path": relpath(doc), **profile(articles)}) + "\n")
            if shape.source is not None and shape.slot is not None:
                source_doc, source_art = shape.source
                borrowings.append(
                    {
                        "source": [relpath(source_doc), f"art-{source_art + 1}"],
                        "target": [relpath(doc), f"art-{shape.slot + 1}"],
                        **edits,
                    }
                )
    bad = []
    if args.bad:
        for name, data in BAD_FILES:
            with open(os.path.join(args.out, "s000", name), "wb") as handle:
                handle.write(data)
            bad.append(f"s000/{name}")
    truth = {
        "constructed": True,
        "docs": args.docs,
        "words": args.words,
        "seed": args.seed,
        "borrow_rate": args.borrow_rate,
        "borrowings": borrowings,
        "bad_files": bad,
    }
    with open(os.path.join(args.out, "truth.json"), "w", encoding="utf-8") as handle:
        json.dump(truth, handle, indent=1)


if __name__ == "__main__":
    main()
