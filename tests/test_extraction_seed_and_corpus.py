"""The seed article's required claims; pure Python. Corpus scores: test_extraction_corpora.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import ExtractedClaim, extract

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_f4e75a9c6c075ae4.txt"


@pytest.fixture(scope="module")
def seed_claims() -> list[ExtractedClaim]:
    text = SEED.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    body = text.split(title, 2)[2]
    return extract(body)


def find(claims: list[ExtractedClaim], text: str) -> ExtractedClaim:
    matches = [claim for claim in claims if claim.text == text]
    assert len(matches) == 1, [claim.text for claim in claims]
    return matches[0]


def test_seed_blast_toll_is_approximate_and_unattributed(seed_claims):
    claim = find(seed_claims, "killed around 180 people")
    assert (claim.kind, claim.outcome, claim.count_min, claim.count_max) == (
        "casualty",
        "killed",
        180,
        180,
    )
    assert claim.approximate and claim.speaker is None


def test_seed_marines_sub_count(seed_claims):
    claim = find(seed_claims, "13 US Marines")
    assert (claim.outcome, claim.count_min, claim.count_max, claim.group) == (
        "killed",
        13,
        13,
        "US Marines",
    )


def test_seed_elder_counts_carry_the_elder(seed_claims):
    killed = find(seed_claims, "three people were killed")
    injured = find(seed_claims, "four others injured")
    assert (killed.outcome, killed.count_min) == ("killed", 3)
    assert (injured.outcome, injured.count_min) == ("injured", 4)
    for claim in (killed, injured):
        assert claim.speaker.as_written == "a community elder in Jalalabad"
        assert claim.speaker.role == "community elder"


def test_seed_no_known_civilian_casualties(seed_claims):
    claim = find(seed_claims, "no known civilian casualties")
    assert (claim.outcome, claim.count_min, claim.count_max, claim.group) == (
        "killed",
        0,
        0,
        "civilians",
    )
    assert claim.speaker.as_written == "The US military"
    assert claim.speaker.kind == "military"


def test_seed_un_fighter_range_is_a_quantity(seed_claims):
    claim = find(seed_claims, "1,500 to 2,200 fighters")
    assert (claim.kind, claim.count_min, claim.count_max) == ("quantity", 1500, 2200)
    assert claim.speaker.name == "UN" and claim.speaker.kind == "organisation"


def test_seed_arrest_without_number_is_skipped(seed_claims):
    assert not [claim for claim in seed_claims if claim.outcome == "arrested"]


def test_seed_statement_speakers(seed_claims):
    speakers = {
        (claim.speaker.name, claim.speaker.role)
        for claim in seed_claims
        if claim.kind == "statement"
    }
    assert ("John Kirby", "Pentagon spokesman") in speakers
    assert ("Zabihullah Mujahid", "spokesman") in speakers
    assert ("UN", "") in speakers
    names = {name for name, _ in speakers}
    assert {"Malik Adib", "a senior Taliban commander in Jalalabad", "US military"} <= names


def test_seed_kirby_quote_resolves_surname(seed_claims):
    quote = find(seed_claims, "We are certainly prepared and look forward to future attempts")
    assert quote.speaker.as_written == "Kirby" and quote.speaker.name == "John Kirby"
    follow_on = [c for c in seed_claims if c.text.startswith("We monitor these threats")]
    assert follow_on and follow_on[0].speaker.name == "John Kirby"


def test_seed_commander_quote_resolves_to_earlier_commander(seed_claims):
    quote = find(seed_claims, "They are being questioned by our intelligence team")
    assert quote.speaker.as_written == "the commander"
    assert quote.speaker.name == "a senior Taliban commander in Jalalabad"
