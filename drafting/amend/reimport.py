"""Keep a document's ids when a new version of its text is imported (``import --update``).

The importer numbers ids by position (``art-4-p1-s2``), so re-importing a new version
renumbered everything after the first change, and ``git blame``, ``drafting history`` and
every reference to a sentence saw a different text under an old id. Here the freshly
imported document takes the old ids back:

1. a sentence whose text is unchanged (whitespace and quote style aside) keeps its old id,
   wherever it moved: the old sentence in the same paragraph first, else the first unused;
2. an edited sentence keeps its id when it sits in the paragraph that holds its old version
   and at least half of its words are the old one's (word-set overlap);
3. a paragraph, and an article, keep the id of the old one most of their kept sentences
   came from (an article moved and renumbered keeps its id; ``num`` and ``label`` are the
   new text's);
4. everything else is new text and gets a new id, never one the old version used.

Pure: two documents in, one out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from drafting.amend.clauseedit import free_id, numbered_id
from drafting.model import Document, Paragraph, Sentence
from drafting.text.tokens import normalise_key

SIMILAR = 0.5
"""Share of words (Jaccard on word sets) an edited sentence needs to keep its id."""


@dataclass(frozen=True)
class Kept:
    """What ``keep_ids`` did, for the command's summary."""

    document: Document
    kept: int
    edited: int
    new: int


def _words(text: str) -> set[str]:
    return set(normalise_key(text, ignore_case=True).split())


def _similar(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= SIMILAR


def _places(doc: Document) -> list[tuple[str, str, Paragraph]]:
    """(article id or "preamble", paragraph id, paragraph) in document order."""
    out = [("preamble", p.id, p) for p in doc.preamble]
    out += [(a.id, p.id, p) for a in doc.articles for p in a.paragraphs]
    return out


def keep_ids(old: Document, new: Document) -> Kept:
    """``new`` with the ids of ``old`` wherever its text is the old text (or an edit of it)."""
    old_places = _places(old)
    old_sentences = {s.id: (art, par, s) for art, par, p in old_places for s in p.sentences}
    by_text: dict[str, list[str]] = {}
    for sid, (_, _, s) in old_sentences.items():
        by_text.setdefault(normalise_key(s.text), []).append(sid)
    used: set[str] = set()
    chosen: dict[tuple[int, int], str] = {}  # (paragraph index, sentence index) -> old id
    new_places = _places(new)
    # 1. unchanged text, same paragraph first
    for pi, (_, par_id, paragraph) in enumerate(new_places):
        for si, sentence in enumerate(paragraph.sentences):
            candidates = [c for c in by_text.get(normalise_key(sentence.text), []) if c not in used]
            if candidates:
                same = [c for c in candidates if old_sentences[c][1] == par_id]
                pick = (same or candidates)[0]
                chosen[pi, si] = pick
                used.add(pick)
    edited = 0
    # 2. edited text in the paragraph that held its old version: the old paragraph of the
    #    paragraph's other kept sentences, else the one at the same place in the old article
    #    its article's kept sentences came from, else the one with the same id
    article_home = _article_homes(new_places, old_sentences, chosen)
    old_paragraphs: dict[str, list[str]] = {}
    for art, par, _ in old_places:
        old_paragraphs.setdefault(art, []).append(par)
    position: Counter[str] = Counter()
    for pi, (art, par_id, paragraph) in enumerate(new_places):
        index = position[art]
        position[art] += 1
        homes = Counter(
            old_sentences[chosen[pi, si]][1]
            for si in range(len(paragraph.sentences))
            if (pi, si) in chosen
        )
        siblings = old_paragraphs.get(article_home.get(art, ""), [])
        if homes:
            home = homes.most_common(1)[0][0]
        elif index < len(siblings):
            home = siblings[index]
        else:
            home = par_id
        for si, sentence in enumerate(paragraph.sentences):
            if (pi, si) in chosen:
                continue
            for sid, (_, old_par, old_sentence) in old_sentences.items():
                if (
                    sid not in used
                    and old_par == home
                    and _similar(old_sentence.text, sentence.text)
                ):
                    chosen[pi, si] = sid
                    used.add(sid)
                    edited += 1
                    break
    return _rebuild(old, new, new_places, old_sentences, chosen, edited)


def _article_homes(
    new_places: list[tuple[str, str, Paragraph]],
    old_sentences: dict[str, tuple[str, str, Sentence]],
    chosen: dict[tuple[int, int], str],
) -> dict[str, str]:
    """New article id -> the old article most of its kept sentences came from."""
    votes: dict[str, Counter[str]] = {}
    for pi, (art, _, paragraph) in enumerate(new_places):
        for si in range(len(paragraph.sentences)):
            if (pi, si) in chosen:
                votes.setdefault(art, Counter())[old_sentences[chosen[pi, si]][0]] += 1
    return {art: counter.most_common(1)[0][0] for art, counter in votes.items()}


def _rebuild(
    old: Document,
    new: Document,
    new_places: list[tuple[str, str, Paragraph]],
    old_sentences: dict[str, tuple[str, str, Sentence]],
    chosen: dict[tuple[int, int], str],
    edited: int,
) -> Kept:
    taken = {old.id} | {s.id for s in (old.source, new.source) if s is not None}
    taken |= {a.id for a in old.articles} | {p for _, p, _ in _places(old)} | set(old_sentences)
    # paragraphs: the old paragraph most of their kept sentences came from
    paragraph_ids: list[str | None] = []
    used_paragraphs: set[str] = set()
    for pi, (_, _, paragraph) in enumerate(new_places):
        homes = Counter(
            old_sentences[chosen[pi, si]][1]
            for si in range(len(paragraph.sentences))
            if (pi, si) in chosen
        )
        home = next((h for h, _ in homes.most_common() if h not in used_paragraphs), None)
        if home is not None:
            used_paragraphs.add(home)
        paragraph_ids.append(home)
    # articles: likewise, by the old article of their kept sentences
    article_homes: dict[str, Counter[str]] = {}
    for pi, (art, _, paragraph) in enumerate(new_places):
        for si in range(len(paragraph.sentences)):
            if (pi, si) in chosen:
                article_homes.setdefault(art, Counter())[old_sentences[chosen[pi, si]][0]] += 1
    article_ids: dict[str, str] = {}
    used_articles: set[str] = set()
    for article in new.articles:
        homes = article_homes.get(article.id, Counter())
        home = next(
            (h for h, _ in homes.most_common() if h not in used_articles and h != "preamble"), None
        )
        if home is None:
            home = free_id(taken, article.id)
        used_articles.add(home)
        taken.add(home)
        article_ids[article.id] = home
    new_count = 0

    def build(pi: int, paragraph: Paragraph, article_id: str | None) -> Paragraph:
        nonlocal new_count
        pid = paragraph_ids[pi]
        if pid is None:
            base = f"{article_id}-p" if article_id else "pre-p"
            pid = numbered_id(taken, base)
            taken.add(pid)
        sentences = []
        for si, sentence in enumerate(paragraph.sentences):
            sid = chosen.get((pi, si))
            if sid is None:
                sid = numbered_id(taken, f"{pid}-s")
                taken.add(sid)
                new_count += 1
            sentences.append(replace(sentence, id=sid))
        return replace(paragraph, id=pid, sentences=tuple(sentences))

    index = 0
    preamble = []
    for paragraph in new.preamble:
        preamble.append(build(index, paragraph, None))
        index += 1
    articles = []
    for article in new.articles:
        aid = article_ids[article.id]
        paragraphs = []
        for paragraph in article.paragraphs:
            paragraphs.append(build(index, paragraph, aid))
            index += 1
        articles.append(replace(article, id=aid, paragraphs=tuple(paragraphs)))
    document = replace(
        new,
        id=old.id,
        preamble=tuple(preamble),
        articles=tuple(articles),
    )
    kept = len(chosen) - edited
    return Kept(document, kept, edited, new_count)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _relabel(label: str | None, old: str | None, new: str) -> str | None:
    """The heading line with its number replaced: "Article 4" -> "Article 2", "ARTICLE IV"
    -> "ARTICLE II", "Article premier" -> "Article 2"."""
    if not label:
        return label
    head, _, last = label.rpartition(" ")
    if not head:
        return label
    if last == old:
        return f"{head} {new}"
    if old is not None and old.isdigit() and last.upper() == _roman(int(old)):
        roman = _roman(int(new))
        return f"{head} {roman if last.isupper() else roman.lower()}"
    return f"{head} {new}"


def renumber(doc: Document) -> tuple[Document, list[tuple[str, str, str]]]:
    """Number the numbered articles 1, 2, 3… in document order (labels follow); ids never
    change, so references, history and blame survive. Returns what changed as
    (article id, old number, new number)."""
    articles = []
    changed: list[tuple[str, str, str]] = []
    number = 0
    for article in doc.articles:
        if article.num is None:
            articles.append(article)
            continue
        number += 1
        new = str(number)
        if article.num != new:
            changed.append((article.id, article.num, new))
        label = _relabel(article.label, article.num, new)
        articles.append(replace(article, num=new, label=label))
    return replace(doc, articles=tuple(articles)), changed
