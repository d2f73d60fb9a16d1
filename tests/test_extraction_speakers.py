"""The speaker model: readings of an attribution, keep and choose decisions, shipped weights."""

from __future__ import annotations

import json

import pytest

from claims.extraction import extract
from claims.extraction.attribution import Attribution
from claims.extraction.speakers import (
    SPEAKER_MODEL_PATH,
    SpeakerCandidate,
    SpeakerModel,
    candidates,
    shipped_speaker_model,
)
from claims.extraction.types import Speaker


def _speakers(text: str, speaker_model="shipped") -> list[str]:
    return [
        claim.speaker.name
        for claim in extract(text, speaker_model=speaker_model)
        if claim.kind == "statement"
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("DSP Alfred Alabo said the suspects were arrested on Monday.", "Alfred Alabo"),
        ("Shimla SP Sanjeev Gandhi told reporters that two men had died.", "Sanjeev Gandhi"),
        ("Aligarh range IG Shalabh Mathur said the accused had been arrested.", "Shalabh Mathur"),
        ("Rongai OCPD Musa Imamai said two suspects were arrested.", "Musa Imamai"),
        ("CP Salman Dogo Garba said 14 suspects were paraded.", "Salman Dogo Garba"),
        ("Inspector General of Police Douglas Kanja said 9 were killed.", "Douglas Kanja"),
        ("Alhaji Sani Kware said 11 villagers were killed.", "Sani Kware"),
        ("Police spokesperson Captain FC van Wyk said 3 men were arrested.", "FC van Wyk"),
    ],
)
def test_a_rank_before_a_name_is_a_title_not_part_of_the_name(text, name):
    assert _speakers(text, speaker_model=None) == [name]
    assert _speakers(text) == [name]


def test_a_headline_attribution_is_told_from_a_lede_at_the_start_of_the_text():
    def line_features(text: str, written: str) -> set[str]:
        start = text.index(written)
        attribution = Attribution(start, start + len(written), written)
        rules = Speaker(written, written, "", "", "government")
        (reading, *_) = candidates(text, attribution, rules, "new", [])
        return {feature for feature in reading.shared if feature.startswith("LINE=")}

    headline = "Drone hits hospital; ministry says 3 dead\n\nThe health ministry said on Sunday."
    assert line_features(headline, "ministry") == {"LINE=headline"}
    lede = "The ministry said 3 people died.\n\nIt said the strike hit a hospital."
    assert line_features(lede, "The ministry") == set()
    dated = "IOM | Flash Alert: floods in Hiraan (6 May)\n\nThe administration said 7 died."
    assert line_features(dated, "Flash Alert") == {"LINE=headline"}
    bullet = "Summary:\n- Toll rises to 95, officials say\n- Roads closed."
    assert line_features(bullet, "officials") == {"LINE=bare"}


def test_readings_cut_a_post_or_a_trailing_phrase_and_find_the_longer_name():
    def names(text: str, written: str, name: str) -> list[tuple[str, str]]:
        rules = Speaker(written, name, "", "", "person")
        start = text.index(written)
        attribution = Attribution(start, start + len(written), written)
        return [(r.source, r.speaker.name) for r in candidates(text, attribution, rules, "new", [])]

    titled = "Sangareddy superintendent of police Paritosh Pankaj"
    readings = names(f"{titled} said 12 workers were killed.", titled, titled)
    assert readings[0] == ("rule", titled)
    assert ("suffix", "Paritosh Pankaj") in readings
    assert ("suffix", "of police Paritosh Pankaj") not in readings

    staff = "the General Staff in its morning summary"
    assert ("head", "the General Staff") in names(f"{staff} said 40 died.", staff, staff)

    text = "Zhang Hu, a local official, spoke first. Later Zhang said nine were missing."
    assert ("full", "Zhang Hu") in names(text, "Zhang", "Zhang")


def _readings(text: str, written: str) -> list[SpeakerCandidate]:
    rules = Speaker(written, written, "", "", "person")
    start = text.index(written)
    attribution = Attribution(start, start + len(written), written)
    return candidates(text, attribution, rules, "new", [])


def test_a_long_post_before_a_personal_name_is_cut_and_marked():
    written = "Vice chairman of the provincial people committee Tran Anh Tuan"
    readings = _readings(f"{written} said five people were killed.", written)
    person = [r for r in readings if r.speaker.name == "Tran Anh Tuan"]
    assert person and "PERSON=True" in person[0].own


def test_a_descriptor_has_the_earlier_bodies_as_readings():
    text = "Police said two people died. The agency said it was investigating."
    police = Speaker("Police", "Police", "", "", "government")
    agency = Speaker("The agency", "agency", "", "", "organisation")
    start = text.index("The agency")
    readings = candidates(
        text, Attribution(start, start + 10, "The agency"), agency, "new", [police]
    )
    assert [(r.source, r.speaker.name) for r in readings] == [
        ("rule", "agency"),
        ("earlier", "Police"),
    ]
    assert readings[-1].speaker.as_written == "The agency"


def _model(keep: dict[str, float], choose: dict[str, float]) -> SpeakerModel:
    return SpeakerModel(
        {
            "keep": {"intercept": 1.0, "weights": keep},
            "choose": {"intercept": 0.0, "weights": choose},
        }
    )


def test_the_keep_model_drops_an_attribution_and_the_choose_model_picks_a_reading():
    text = "SSP East Irfan Baloch said three people were killed in the blast."
    assert _speakers(text, speaker_model=_model({}, {})) == ["East Irfan Baloch"]
    assert _speakers(text, speaker_model=_model({"HOW=new": -5.0}, {})) == []
    untitled = _model({}, {"CUT=east": 3.0})
    assert _speakers(text, speaker_model=untitled) == ["Irfan Baloch"]
    statement = next(c for c in extract(text, speaker_model=untitled) if c.kind == "statement")
    assert statement.speaker.as_written == "SSP East Irfan Baloch"


def test_speaker_model_file_is_small_and_records_its_training():
    payload = json.loads(SPEAKER_MODEL_PATH.read_text(encoding="utf-8"))
    assert SPEAKER_MODEL_PATH.stat().st_size < 300_000
    assert {corpus["file"] for corpus in payload["training"]["corpora"]} >= {"corpus.json"}
    assert payload["keep"]["examples"] == payload["training"]["attributions"]
    assert shipped_speaker_model().keep.weights == payload["keep"]["weights"]


def test_retraining_reproduces_the_shipped_speaker_weights():
    pytest.importorskip("sklearn", reason="retraining needs requirements-train.txt (scikit-learn)")
    from claims.extraction.train import (
        build_speakers,
        serialise_speakers,
        speaker_weight_differences,
    )

    rebuilt = json.loads(serialise_speakers(build_speakers()))
    shipped = json.loads(SPEAKER_MODEL_PATH.read_text(encoding="utf-8"))
    assert speaker_weight_differences(shipped, rebuilt) == []


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("The Pakistan Meteorological Department has forecast 150 mm of rain.", "Pakistan"),
        ("Forecasters expect 60 to 90mm of rain by Monday.", "Forecasters"),
        ("The Fire Brigades Union counted 14 deaths in the blaze.", "Fire Brigades Union"),
    ],
)
def test_a_source_that_forecasts_records_or_counts_speaks(text: str, speaker: str):
    # Without a chooser the rules' reading stands: what the verbs attribute, not who the model
    # picks.
    assert any(speaker in name for name in _speakers(text, speaker_model=None))


def test_a_source_and_an_unnamed_spokesperson_are_named_whole():
    for written, cut in (
        ("A source in the civil defence", "civil defence"),
        ("a security source in Dori", "a security source"),
        ("a spokesperson for the Ministry of Interior", "Ministry of Interior"),
    ):
        readings = _readings(f"{written} said 12 people were killed.", written)
        assert cut not in [reading.speaker.name for reading in readings], written
    written = "police spokesman Rajesh Kumar"
    readings = _readings(f"{written} said 12 people were killed.", written)
    assert "Rajesh Kumar" in [reading.speaker.name for reading in readings]
