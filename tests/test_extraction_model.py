"""The decision model: shipped weights, version, trace, mentions and revisions; pure Python."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import EXTRACTOR_VERSION, extract
from claims.extraction.engine import analyse
from claims.extraction.model import MODEL_PATH, LinearModel, weights_digest

ROOT = Path(__file__).resolve().parent.parent


def test_version_names_the_weights_files():
    assert EXTRACTOR_VERSION == f"2.5.0+{weights_digest()}"
    assert weights_digest() != weights_digest((MODEL_PATH,))
    claims = extract("Three people were killed. Police said two men were arrested.")
    assert claims and {claim.extractor_version for claim in claims} == {EXTRACTOR_VERSION}


def test_model_file_is_small_and_records_its_training():
    payload = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    # One line of seven weights per feature seen twice in training: ~1.2 MB on the 41 sets of
    # 2026-12-01; the bound catches a format that stops being sparse, not a larger vocabulary.
    assert MODEL_PATH.stat().st_size < 2_000_000
    assert payload["classes"][0] == "none"
    assert {corpus["file"] for corpus in payload["training"]["corpora"]} >= {"corpus.json"}
    assert payload["training"]["passages_with_derived_labels"] == 0


def test_extraction_runs_without_scikit_learn_or_numpy():
    code = (
        "import sys; from claims.extraction import extract; "
        "extract('Five people were killed and 12 injured.'); "
        "print(sorted(m for m in ('sklearn', 'numpy', 'scipy', 'django') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_trace_names_the_rule_and_the_strongest_features():
    text = "A suicide bomber killed around 180 people outside the airport."
    plain = extract(text)
    traced = extract(text, trace=True)
    assert plain == traced
    casualty = next(claim for claim in traced if claim.kind == "casualty")
    assert casualty.trace.rules and casualty.trace.features
    assert 0.5 <= casualty.trace.probability <= 1.0
    assert all(isinstance(weight, float) for _, weight in casualty.trace.features)
    assert all(claim.trace is None for claim in plain)


def test_the_same_figure_repeated_is_one_claim_with_its_mentions():
    text = (
        "Seven killed in market blast.\n\nSeven people were killed when a bomb exploded in a "
        "market on Friday."
    )
    killed = [c for c in extract(text) if c.kind == "casualty" and c.outcome == "killed"]
    assert len(killed) == 1
    assert len(killed[0].mentions) == 2
    assert killed[0].mentions[0] == (killed[0].start, killed[0].end)
    assert all(text[start:end].lower().startswith("seven") for start, end in killed[0].mentions)


def test_two_figures_in_one_sentence_or_of_two_ages_are_not_repeats():
    texts = [
        "Two firefighters were hurt, one with a shoulder injury and one with heat exhaustion.",
        "A 16-year-old girl was injured in the crash.\n\nA 78-year-old woman was also injured.",
    ]
    for text in texts:
        injured = [c for c in extract(text) if c.kind == "casualty" and c.count_min == 1]
        assert [(c.outcome, len(c.mentions)) for c in injured] == [("injured", 1)] * 2, text


def test_a_revision_gives_the_new_figure_and_the_superseded_one_never_a_range():
    text = "Officials raised the toll from 21 to 34 on Sunday."
    claims = [c for c in extract(text) if c.kind == "casualty"]
    assert sorted((c.count_min, c.count_max, c.superseded) for c in claims) == [
        (21, 21, True),
        (34, 34, False),
    ]
    earlier = next(c for c in claims if c.superseded)
    newer = next(c for c in claims if not c.superseded)
    assert newer.supersedes == (earlier.start, earlier.end)
    assert earlier.outcome == newer.outcome == "killed"


def test_a_revision_verb_may_name_the_toll_and_its_cause_before_from():
    texts = [
        "The ministry raised the death toll from landslides and flooding in the valley from 21 "
        "to 34 on Monday.",
        "The provisional toll of the attack passed from 21 to 34 dead, officials said.",
    ]
    for text in texts:
        claims = [c for c in extract(text) if c.kind == "casualty"]
        assert sorted((c.count_min, c.count_max, c.superseded) for c in claims) == [
            (21, 21, True),
            (34, 34, False),
        ], text


def test_a_superseded_figure_links_to_the_revised_toll_not_a_later_figure():
    text = (
        "The death toll had risen to 27 from 19 reported on Tuesday, and at least 12 people "
        "remained unaccounted for, the agency said."
    )
    claims = [c for c in extract(text) if c.kind == "casualty"]
    earlier = next(c for c in claims if c.superseded)
    newer = next(c for c in claims if c.supersedes is not None)
    assert (earlier.count_min, earlier.outcome) == (19, "killed")
    assert newer.count_min == 27


def test_a_linear_model_decides_by_its_weights():
    model = LinearModel(
        {
            "classes": ["none", "killed"],
            "intercepts": [0.0, -1.0],
            "weights": {"CL=killed": [0.0, 3.0], "L1=aged": [2.0, -2.0]},
        }
    )
    assert model.decide(["CL=killed"]).label == "killed"
    assert model.decide(["CL=killed", "L1=aged"]).label == "none"
    assert model.decide(["unknown"]).label == "none"


def test_retraining_reproduces_the_shipped_weights():
    pytest.importorskip("sklearn", reason="retraining needs requirements-train.txt (scikit-learn)")
    from claims.extraction.train import build, serialise, weight_differences

    rebuilt = json.loads(serialise(build()))
    shipped = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert weight_differences(shipped, rebuilt) == []


def test_an_unattributed_lede_and_the_named_source_are_one_claim():
    text = (
        "At least 12 people were killed in the landslide.\n\nAt least 12 people were killed, "
        "the district governor said. Separately, a local doctor said 12 people had been killed."
    )
    killed = [c for c in extract(text) if c.kind == "casualty" and c.count_min == 12]
    assert len(killed) == 2
    first = min(killed, key=lambda claim: claim.start)
    assert len(first.mentions) == 2


def test_a_year_named_before_a_count_is_a_feature_of_the_candidate():
    from claims.extraction.engine import analyse

    text = "In 2019, Cyclone Idai killed more than 1,000 people. Since January, 40 died."
    proposals = analyse(text).proposals
    earlier = next(p for p in proposals if p.candidate.count.low == 1000)
    running = next(p for p in proposals if p.candidate.count.low == 40)
    assert {"S_YEAR", "YEAR_L"} <= set(earlier.features)
    assert "S_SINCE" in running.features and "YEAR_L" not in running.features


def test_cues_past_the_clause_and_table_headers_are_features():
    text = "Region | Dead | Injured\nRegion I | 4 | 11\n\nOf the deceased, four are women."
    features = {
        text[p.candidate.number_start : p.candidate.number_end]: p.features
        for p in analyse(text).proposals
    }
    assert "COL=killed" in features["4"]
    assert "COL=injured" in features["11"]
    assert "CLS=killed" in features["four"]
    assert not any(name.startswith("COL=") for name in features["four"])
