"""Every labelled corpus scores above its floors (the format: test_extraction_corpus_format.py).

One test per corpus, parametrised over the corpus files; the floors live in one JSON file
(``tests/extraction_floors.json``) and may only be raised (see tests/extraction_corpus/README.md).
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
FLOORS_FILE = Path(__file__).resolve().parent / "extraction_floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))["floors"]
CORPORA = sorted(path.stem for path in CORPUS_DIR.glob("*.json"))


def test_every_corpus_has_a_floor_and_every_floor_a_corpus():
    assert set(FLOORS) == set(CORPORA)


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_substantial_with_unique_ids(name):
    corpus = load_corpus(CORPUS_DIR / f"{name}.json")
    assert len(corpus) >= 30, name
    assert len({passage["id"] for passage in corpus}) == len(corpus)


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_floor(name):
    report = score(load_corpus(CORPUS_DIR / f"{name}.json"))
    floor = FLOORS[name]
    assert report.casualties.f1 >= floor["casualty_f1"], report.errors
    assert report.speakers.f1 >= floor["speaker_f1"], report.errors
