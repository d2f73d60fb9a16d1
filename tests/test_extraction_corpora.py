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

from tests.extraction_score import FLOORS_FILE, Report, Tally, load_corpus, raised_floors, score

CORPUS_DIR = Path(__file__).resolve().parent / "extraction_corpus"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))["floors"]
CORPORA = sorted(path.stem for path in CORPUS_DIR.glob("*.json"))


def test_every_corpus_has_a_floor_and_every_floor_a_corpus():
    assert set(FLOORS) == set(CORPORA)


@pytest.mark.parametrize("name", CORPORA)
def test_corpus_is_substantial_with_unique_ids(name):
    corpus = load_corpus(CORPUS_DIR / f"{name}.json")
    assert len(corpus) >= 25, name
    assert len({passage["id"] for passage in corpus}) == len(corpus)


@pytest.mark.parametrize("name", CORPORA)
def test_scores_stay_above_floor(name):
    report = score(load_corpus(CORPUS_DIR / f"{name}.json"))
    floor = FLOORS[name]
    assert report.casualties.f1 >= floor["casualty_f1"], report.errors
    assert report.speakers.f1 >= floor["speaker_f1"], report.errors


def test_raising_floors_never_lowers_one_and_adds_new_corpora():
    def in_sample(casualty_f1_parts, speaker_f1_parts):
        report = Report(passages=1)
        report.casualties, report.speakers = Tally(*casualty_f1_parts), Tally(*speaker_f1_parts)
        return {"in_sample": report}

    floors = {"old": {"casualty_f1": 0.95, "speaker_f1": 0.5}}
    results = {
        "old": in_sample((9, 1, 1), (9, 1, 1)),  # F1 0.9: casualty stays 0.95, speaker rises
        "new": in_sample((1, 0, 0), (0, 1, 1)),
    }
    assert raised_floors(floors, results) == {
        "old": {"casualty_f1": 0.95, "speaker_f1": 0.89},
        "new": {"casualty_f1": 0.99, "speaker_f1": 0.0},
    }
