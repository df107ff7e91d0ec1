"""Quality floors on the labelled corpus (shared/corpus beside the repository, or $DRAFTING_CORPUS).

The floors are the figures the analyser reached when they were set (docs/strength.md): a
change that loses a sentence or a pair fails here. dev is the development set; dev2 was
measured blind first and then used for error analysis (see docs/strength.md); dev3 was the
first held-out set of the strength issue (78% exact before its classes were fixed).
"""

from __future__ import annotations

import json

import pytest
from support.corpus import corpus_dir

from drafting.strength.evaluation import certain, score_pairs, score_sentences

# name: (exact tier, within one tier, term precision, term recall, pair verdicts)
FLOORS = {
    "dev": (0.98, 1.0, 0.89, 0.95, 1.0),
    "dev2": (0.96, 0.975, 0.87, 0.84, 1.0),
    "dev3": (0.95, 0.98, 0.89, 0.87, 1.0),
}


def _rows(name: str) -> list[dict[str, object]]:
    path = corpus_dir() / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_sentence_tiers_and_terms_meet_the_floors(name: str) -> None:
    scores = score_sentences(_rows(f"{name}_sentences.jsonl"))
    exact, within, precision, recall, _ = FLOORS[name]
    misses = "\n".join(str(m) for m in scores.misses)
    assert scores.exact_rate >= exact, misses
    assert scores.within_one_rate >= within, misses
    assert scores.term_precision >= precision
    assert scores.term_recall >= recall


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_pair_verdicts_meet_the_floor(name: str) -> None:
    scores = score_pairs(_rows(f"{name}_pairs.jsonl"))
    assert scores.rate >= FLOORS[name][4], "\n".join(str(m) for m in scores.misses)
    assert scores.polarity_correct == scores.polarity_labels


# dev3 on certain labels only (no "uncertain" in hard_case), where the issue reads its targets
CERTAIN_FLOORS = {"dev3": (0.98, 1.0, 1.0)}


@pytest.mark.parametrize("name", sorted(CERTAIN_FLOORS))
def test_certain_labels_meet_the_floors(name: str) -> None:
    rows = [row for row in _rows(f"{name}_sentences.jsonl") if certain(row)]
    pairs = [pair for pair in _rows(f"{name}_pairs.jsonl") if certain(pair)]
    scores = score_sentences(rows)
    exact, within, verdicts = CERTAIN_FLOORS[name]
    misses = "\n".join(str(m) for m in scores.misses)
    assert len(rows) < len(_rows(f"{name}_sentences.jsonl"))  # some labels are uncertain
    assert scores.exact_rate >= exact, misses
    assert scores.within_one_rate >= within, misses
    assert score_pairs(pairs).rate >= verdicts
