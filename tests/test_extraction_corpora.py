"""Every labelled corpus: well-formed span labels and scores above the floors of floors.json.

One test per corpus, parametrised over the corpus files; the floors live in one JSON file
(``tests/extraction_corpus/floors.json``) and may only be raised (see that folder's README).
The scores are in-sample for the shipped model (it was trained on these corpora), so the floors
guard against regressions; the estimate for unseen text is the leave-one-corpus-out score
(``python -m tests.extraction_score --all --loco``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extraction_score import load_corpus, score

CORPUS_DIR = Path(__file__).resolve().parent / "extraction_corpus"
FLOORS = json.loads((CORPUS_DIR / "floors.json").read_text(encoding="utf-8"))["floors"]
CORPORA = sorted(path.stem for path in CORPUS_DIR.glob("*.json") if path.stem != "floors")
ROLES = {"claim", "subcount", "superseded", "repeat"}
LABELS = {
    "casualty",
    "age",
    "date",
    "duration",
    "money",
    "measure",
    "thing",
    "people",
    "earlier_event",
    "forecast",
    "hypothetical",
    "ordinal",
    "other",
}


def test_every_corpus_has_a_floor_and_every_floor_a_corpus():
    assert set(FLOORS) == set(CORPORA)


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_substantial_with_unique_ids(name):
    corpus = load_corpus(CORPUS_DIR / f"{name}.json")
    assert len(corpus) >= 30, name
    assert len({passage["id"] for passage in corpus}) == len(corpus)


@pytest.mark.parametrize("name", CORPORA)
def test_span_labels_are_anchored(name):
    for passage in load_corpus(CORPUS_DIR / f"{name}.json"):
        text = passage["text"]
        for number in passage["numbers"]:
            where = f"{passage['id']} {number['text']!r}"
            assert text[number["start"] : number["end"]] == number["text"], where
            assert number["label"] in LABELS, where
            if number["label"] == "casualty":
                assert number["role"] in ROLES, where
                assert 0 <= number["count_min"] <= number["count_max"], where


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_floor(name):
    report = score(load_corpus(CORPUS_DIR / f"{name}.json"))
    floor = FLOORS[name]
    assert report.casualties.f1 >= floor["casualty_f1"], report.errors
    assert report.speakers.f1 >= floor["speaker_f1"], report.errors
