"""Scores on the fifth held-out corpus (``tests/extraction_corpus/heldout5.json``): 32 passages
written blind, before the extractor's rules or the other held-out sets were read, weighted to
attribution variety: lists under a heading ("Furness General: 12 children"), a long subject
before ", saying", ", for its part," with quotes, descriptors before names ("Grid operator Red
Electrica", "Neighbouring France", "Seismologist Naci Gorur", "club president Jorge Brito"),
quotes after verbs that are not speech verbs ("saluted"), "historians say" at a sentence's end,
inverted machine-translated attributions ("informed the spokesman of the PNH, the inspector
Garry Desrosiers", "declared he"), "who gave his name as Peter", pronouns after a speaker known
by surname, podcast and interview Q&A, press-release boilerplate ("said Linda Marquez, CEO of
Halvorsen Chemical"; media contacts), anonymous officials and witnesses, ministry spokespeople
of several countries, bylines, datelines and reporters that are not speakers, quoted posts on X
and Telegram, court reports, with casualty claims, revised tolls and distractor numbers.

Blind baseline (before any tuning, after one label typo matching the passage's own text):
casualty P 0.914 / R 0.877 / F1 0.895, speaker P 0.871 / R 0.859 / F1 0.865. Two speaker labels
were then aligned with conventions the earlier sets already fix ("a spokesperson for the X" is
kept as the descriptor; "the United Nations estimates" is an attribution). After general fixes:
casualty F1 0.901 (one superseded-toll rule: "an earlier toll ... had put the number of dead
at 36"), speaker P 0.965 / R 0.972 / F1 0.969. The floors below are those numbers minus 0.02.
"""

from __future__ import annotations

from pathlib import Path

from tests.extraction_score import load_corpus, score

HELDOUT5 = Path(__file__).resolve().parent / "extraction_corpus" / "heldout5.json"
CASUALTY_F1_FLOOR = 0.88
SPEAKER_F1_FLOOR = 0.948


def test_heldout5_corpus_is_substantial():
    corpus = load_corpus(HELDOUT5)
    assert len(corpus) >= 30
    assert len({passage["id"] for passage in corpus}) == len(corpus)
    assert any(not passage["casualties"] for passage in corpus)


def test_heldout5_scores_stay_above_floor():
    report = score(load_corpus(HELDOUT5))
    assert report.casualties.f1 >= CASUALTY_F1_FLOOR, report.errors
    assert report.speakers.f1 >= SPEAKER_F1_FLOOR, report.errors
