"""The candidate finder proposes every count-like span the annotators label: a casualty it
misses never reaches the model."""

from __future__ import annotations

import pytest

from claims.extraction.engine import analyse


def _proposed(text: str) -> dict[str, tuple[int, int]]:
    return {
        text[p.candidate.start : p.candidate.end]: (p.candidate.count.low, p.candidate.count.high)
        for p in analyse(text).proposals
    }


@pytest.mark.parametrize(
    "text, span",
    [
        ("A second victim, a 17-year-old girl, died at Regional One.", "A second victim"),
        ("A fifth victim was treated and released.", "A fifth victim"),
        ("The toll rose after rescuers recovered another body from the basement.", "another body"),
        ("During the crossfire a passerby, Muhammad Asif, 28, also got injured.", "a passerby"),
        ("The martyred soldiers included a lance naik and a sepoy from Kurram.", "a sepoy"),
    ],
)
def test_single_victims_named_by_more_person_nouns_are_candidates(text, span):
    assert _proposed(text).get(span) == (1, 1)


@pytest.mark.parametrize(
    "text, span",
    [
        (
            "Two people suffered minor injuries and a third, a woman in her 80s, was hurt.",
            "a third",
        ),
        ("He shot dead one man and wounding another, was sentenced on Tuesday.", "another"),
    ],
)
def test_an_ordinal_or_another_alone_is_one_more_person(text, span):
    assert _proposed(text).get(span) == (1, 1)


def test_a_fraction_is_not_one_more_person():
    assert "a third" not in _proposed("Forty were injured and a third of those are children.")


def test_a_couple_of_people_is_two():
    assert _proposed("Among the dead were a couple aged 52 and 49.").get("a couple") == (2, 2)
    assert _proposed("A dozen were injured. A couple of them are critical.").get(
        "A couple of them"
    ) == (2, 2)


@pytest.mark.parametrize(
    "text, span",
    [
        ("No fresh death was reported in the last 24 hours, the report said.", "No fresh death"),
        ("Until now there has been no report of death, he said.", "no report of death"),
        (
            "In the aftershocks no citizen of ours was injured, he said.",
            "no citizen of ours was injured",
        ),
        ("No member of the public was injured.", "No member of the public was injured"),
        ("Thanks to early evacuation, we have zero deceased, he said.", "zero deceased"),
        ("The county has confirmed no heat-related deaths so far.", "no heat-related deaths"),
        ("A fire in a warehouse: no injured.", "no injured"),
        ("He said no one is now unaccounted for.", "no one is now unaccounted for"),
    ],
)
def test_more_zero_cues_are_candidates(text, span):
    assert _proposed(text).get(span) == (0, 0)


@pytest.mark.parametrize(
    "text, span",
    [
        ("Troops eliminated two terrorists in the Machil sector.", "two terrorists"),
        ("There are already 41 homicides in the municipality this month.", "41"),
        ("He said he counted between 10 and 12 corpses being brought out.", "between 10 and 12"),
        ("A 34-year-old Cranford man was charged with shoplifting.", "A 34-year-old"),
        ("We believe about five people are still trapped in the basement.", "about five people"),
    ],
)
def test_sentences_with_more_outcome_words_are_searched(text, span):
    assert span in _proposed(text)
