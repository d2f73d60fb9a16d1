"""Attribution constructions the speaker candidates must find (issue 15); pure Python."""

from __future__ import annotations

import pytest

from claims.extraction import extract


def statement_speakers(text: str) -> list[str]:
    return [claim.speaker.name for claim in extract(text) if claim.kind == "statement"]


def test_speech_verb_in_the_present_tense():
    assert statement_speakers("The Interior Ministry indicates that 12 people died.") == [
        "Interior Ministry"
    ]


def test_participle_attributes_what_follows_to_the_clause_subject():
    text = "The Red Cross released new figures on Monday, adding that 12 people had died."
    assert statement_speakers(text) == ["Red Cross"]


def test_agent_of_a_passive_speech_verb_speaks():
    assert statement_speakers("Twelve deaths were reported by the health ministry.") == [
        "health ministry"
    ]
    text = "The figure was officially confirmed by the Interior Ministry."
    assert statement_speakers(text) == ["Interior Ministry"]


def test_as_reported_by_names_the_source():
    assert statement_speakers("Twelve people died, as reported by Reuters.") == ["Reuters"]


def test_the_statement_speaks_for_the_body_that_issued_it():
    text = "The ministry issued a statement on Sunday. The statement said 12 people died."
    assert statement_speakers(text) == ["ministry", "ministry"]


def test_spaced_brackets_of_machine_translation_still_define_an_acronym():
    text = (
        "The Ministry of National Defence ( MSB ) , announced that 5 terrorists were "
        "neutralized . In the operation , no personnel was wounded , stated MSB ."
    )
    assert statement_speakers(text) == ["Ministry of National Defence"] * 2


def test_fillers_and_documents_before_the_speaker_are_not_its_name():
    def rule_speakers(text: str) -> list[str]:
        claims = extract(text, speaker_model=None)
        return [claim.speaker.name for claim in claims if claim.kind == "statement"]

    text = "Previously the ministry had declared 11 dead in a first statement."
    assert rule_speakers(text) == ["ministry"]
    text = "09:20 GMT – New figures from the interior ministry: 820 dead, 672 injured."
    assert rule_speakers(text) == ["interior ministry"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "For its part , a civilian source contacted by AIB in Djibo declared that at least 9 "
            "drivers lost the life .",
            "a civilian source",
        ),
        (
            "One of the residents who did not want us to mention his name told the BBC that 12 "
            "were killed.",
            "One of the residents",
        ),
        (
            "According to the meteorological department forecast , 3 more people may die.",
            "meteorological department",
        ),
        (
            "Inspector General of Police Zulfiqar Hameed strongly condemned the attack, in which "
            "2 policemen died.",
            "Zulfiqar Hameed",
        ),
        (
            'Killed 13 civilians , according to what a local source told " Al-Masdar Online " .',
            "a local source",
        ),
    ],
)
def test_how_a_source_was_reached_or_kept_anonymous_is_not_its_name(text, speaker):
    assert statement_speakers(text) == [speaker]


def test_a_clause_before_a_colon_or_a_passive_first_person_names_no_speaker():
    # Not a "Name:" line label; the ministry speaks as the subject of "gave a figure".
    assert statement_speakers("The Health Ministry gave a combined figure: 38 people.") == [
        "Health Ministry"
    ]
    assert statement_speakers("I am told that five of them are in a serious condition.") == []


def test_a_title_case_particle_a_dash_parenthesis_and_a_post_referred_back_to():
    text = '"More than 1,200 have died," said IOM spokesperson Flavio Di Giacomo.'
    assert statement_speakers(text) == ["Flavio Di Giacomo"]
    text = "The survivors – three men and a 13-year-old girl – told IOM staff 41 were missing."
    assert statement_speakers(text) == ["survivors"]
    text = "If access does not improve, partners warn that 300,000 more could be displaced."
    assert statement_speakers(text) == ["partners"]
    text = "CP Salman Dogo Garba said 14 suspects were arrested. The CP said 2 were killed."
    assert statement_speakers(text) == ["Salman Dogo Garba"] * 2


def test_a_capitalised_post_ending_in_its_role_word_is_an_appositive():
    text = (
        "Three men were arrested at 3:10 a.m. Monday, Police Major Rey Alfonso, Mandaue City "
        "Police Office spokesperson, said."
    )
    assert statement_speakers(text) == ["Rey Alfonso"]


def test_inverted_lower_case_speaker_with_a_speaker_word():
    assert statement_speakers("Twelve people died, informed local authorities.") == [
        "local authorities"
    ]


def test_nested_attribution_keeps_the_words_and_records_the_office():
    text = "A spokesperson for the governor's office said 12 people were killed in the blast."
    (speaker,) = [claim.speaker for claim in extract(text) if claim.kind == "statement"]
    assert speaker.name == "A spokesperson for the governor's office"
    assert (speaker.role, speaker.affiliation) == ("spokesperson", "governor's office")


def test_unattributed_quote_after_an_attributed_sentence_is_that_speakers():
    text = (
        "Mayor Ihor Terekhov spoke to reporters on Sunday. "
        '"We found 12 bodies under the rubble of the building."'
    )
    assert statement_speakers(text) == ["Ihor Terekhov", "Ihor Terekhov"]


def test_quote_after_a_clause_and_a_colon():
    text = 'Mayor Ihor Terekhov described the scene: "We found 12 bodies under the rubble."'
    assert statement_speakers(text) == ["Ihor Terekhov"]


def test_time_phrase_between_subject_and_verb_is_not_part_of_the_name():
    assert statement_speakers("The Home Ministry on Monday said 12 people died.") == [
        "Home Ministry"
    ]
    assert statement_speakers("Health officials this week said 12 people died.") == [
        "Health officials"
    ]


def test_a_business_speaks_as_an_organisation():
    (speaker,) = [
        claim.speaker
        for claim in extract("Two passengers were injured, the airline said.")
        if claim.kind == "statement"
    ]
    assert (speaker.name, speaker.kind) == ("airline", "organisation")


def test_where_a_named_person_works_is_an_appositive():
    text = "Detective Constable Ian Marsh, of West Yorkshire Police, said 12 people were hurt."
    assert statement_speakers(text) == ["Ian Marsh"]


def test_plural_bodies_speak():
    text = "More than 400 inmates have been killed since 2021, according to human rights groups."
    assert statement_speakers(text) == ["human rights groups"]
