"""One test per construction the extractor must read; pure Python, no database."""

from __future__ import annotations

import pytest

from claims.extraction import ExtractedClaim, extract


def casualties(text: str) -> list[ExtractedClaim]:
    return [c for c in extract(text) if c.kind == "casualty" and not c.superseded]


def only_casualty(text: str) -> ExtractedClaim:
    found = casualties(text)
    assert len(found) == 1, found
    return found[0]


def statement_speakers(text: str) -> list[str]:
    return [claim.speaker.name for claim in extract(text) if claim.kind == "statement"]


def test_single_number_gives_equal_min_and_max():
    claim = only_casualty("Three people were killed in the crash.")
    assert (claim.outcome, claim.count_min, claim.count_max) == ("killed", 3, 3)
    assert claim.text == "Three people were killed"
    assert claim.group == "people"


def test_range_with_between_gives_min_and_max():
    claim = only_casualty("Between 20 and 30 people were feared dead after the landslide.")
    assert (claim.count_min, claim.count_max) == (20, 30)


def test_range_with_to_gives_min_and_max():
    claim = only_casualty("Officials said 300 to 400 residents were displaced.")
    assert (claim.outcome, claim.count_min, claim.count_max) == ("displaced", 300, 400)


def test_approximate_words_set_approximate_and_keep_the_count():
    for hedge in ("around", "about", "nearly", "some", "roughly", "more than", "over", "almost"):
        claim = only_casualty(f"The blast killed {hedge} 180 people.")
        assert (claim.count_min, claim.count_max, claim.approximate) == (180, 180, True), hedge


def test_at_least_sets_lower_bound():
    claim = only_casualty("At least 12 people died in the fire.")
    assert claim.lower_bound and not claim.approximate
    assert (claim.outcome, claim.count_min) == ("killed", 12)


def test_up_to_sets_upper_bound():
    claim = only_casualty("The army said it killed up to 200 fighters.")
    assert claim.upper_bound and claim.count_max == 200


def test_verb_before_count_is_read():
    claim = only_casualty("Thursday's blast, which killed around 180 people, shocked the city.")
    assert claim.text == "killed around 180 people"


def test_sub_count_inherits_outcome():
    found = casualties("The blast killed around 180 people, including 13 US Marines.")
    assert [(c.text, c.outcome, c.count_min, c.group) for c in found] == [
        ("killed around 180 people", "killed", 180, "people"),
        ("13 US Marines", "killed", 13, "US Marines"),
    ]


def test_second_count_after_and_gets_its_own_outcome():
    found = casualties("Three people were killed and four others injured in the strike.")
    assert [(c.outcome, c.count_min, c.group) for c in found] == [
        ("killed", 3, "people"),
        ("injured", 4, "others"),
    ]


@pytest.mark.parametrize(
    ("sentence", "outcome"),
    [
        ("There were no known civilian casualties.", "killed"),
        ("No one was hurt, police said.", "injured"),
        ("There were no deaths.", "killed"),
        ("Police said no arrests had been made.", "arrested"),
        ("No civilians were injured, the statement said.", "injured"),
    ],
)
def test_negations_give_zero(sentence, outcome):
    claim = only_casualty(sentence)
    assert (claim.outcome, claim.count_min, claim.count_max) == (outcome, 0, 0)


def test_civilian_casualties_group_is_civilians():
    assert only_casualty("There were no known civilian casualties.").group == "civilians"


def test_death_toll_rising_is_a_killed_count():
    claim = only_casualty("The death toll rose to 45 on Tuesday.")
    assert (claim.outcome, claim.count_min) == ("killed", 45)


@pytest.mark.parametrize(
    ("sentence", "outcome", "count"),
    [
        ("Police arrested 12 suspects overnight.", "arrested", 12),
        ("Two men were detained at the border.", "arrested", 2),
        ("About 30,000 people have fled their homes.", "displaced", 30000),
        ("Some 1.2 million people were evacuated.", "displaced", 1200000),
        ("At least 10,000 people are missing.", "missing", 10000),
        ("The earthquake left 47 people dead.", "killed", 47),
        ("The quake claimed 12 lives.", "killed", 12),
        ("Doctors treated 40 wounded.", "injured", 40),
        ("A soldier was killed in the ambush.", "killed", 1),
        ("Twenty-three passengers were hurt.", "injured", 23),
    ],
)
def test_outcome_words_map_to_outcomes(sentence, outcome, count):
    claim = only_casualty(sentence)
    assert (claim.outcome, claim.count_min, claim.count_max) == (outcome, count, count)


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike came two days after the attack on the airport.",
        "Jalalabad, Afghanistan's fifth largest city, was quiet.",
        "A few dozen disgruntled commanders founded the group in 2014.",
        "A 45-year-old man was questioned by police on Jan. 5.",
        "The company will cut 1,200 jobs, about 8 percent of its workforce.",
        "Shares fell 12% after the firm lost $300 million.",
        "A magnitude 6.4 quake struck at 4:17 a.m. at a depth of 10 km.",
        "The Boeing 737-800 was carrying 132 people.",
        "Manchester City beat Arsenal 4-1 in front of 53,000 fans.",
    ],
)
def test_distractor_numbers_are_not_casualties(sentence):
    assert casualties(sentence) == []


def test_abbreviations_do_not_split_sentences():
    text = "Gen. Mark Milley told the U.S. Senate on Jan. 5 that three soldiers were killed."
    claim = only_casualty(text)
    assert claim.count_min == 3


def test_trailing_attribution_carries_speaker():
    claim = only_casualty("Three people were killed, police said.")
    assert claim.speaker is not None and claim.speaker.name == "police"


def test_reported_speech_count_carries_speaker_as_written():
    text = "However, a community elder in Jalalabad said three people were killed."
    claim = only_casualty(text)
    assert claim.speaker.as_written == "a community elder in Jalalabad"
    assert claim.speaker.role == "community elder"


def test_unattributed_count_has_no_speaker():
    assert only_casualty("The blast killed 12 people.").speaker is None


def test_name_and_role_are_split():
    (speaker,) = statement_speakers("Pentagon spokesman John Kirby said the threat was real.")
    assert speaker == "John Kirby"
    claim = extract("Pentagon spokesman John Kirby said the threat was real.")[0]
    assert claim.speaker.role == "Pentagon spokesman"
    assert claim.speaker.kind == "person"


def test_surname_resolves_to_earlier_full_name():
    text = (
        "Pentagon spokesman John Kirby said the threat was real. "
        "“We are certainly prepared for it,” Kirby told reporters."
    )
    statements = [c for c in extract(text) if c.kind == "statement"]
    assert [c.speaker.name for c in statements] == ["John Kirby", "John Kirby"]
    assert statements[1].speaker.as_written == "Kirby"
    assert statements[1].text == "We are certainly prepared for it"


def test_pronoun_resolves_to_nearest_person():
    text = "Malik Adib said the village was hit. He said nobody had warned them."
    assert statement_speakers(text) == ["Malik Adib", "Malik Adib"]


def test_definite_role_resolves_to_earlier_speaker():
    text = (
        "A senior Taliban commander in Jalalabad said arrests were made. "
        "“They are being questioned,” the commander told Reuters."
    )
    names = statement_speakers(text)
    assert names == ["A senior Taliban commander in Jalalabad"] * 2


def test_inverted_said_after_quote():
    text = "“Women and children are among the victims,” said Malik Adib, a local elder."
    claim = extract(text)[0]
    assert claim.speaker.name == "Malik Adib"
    assert claim.speaker.role == "local elder"
    assert claim.text == "Women and children are among the victims"


def test_according_to_names_speaker():
    text = "The toll rose to 40, according to the health ministry."
    claim = only_casualty(text)
    assert claim.speaker.name == "health ministry"
    assert claim.speaker.kind == "government"


def test_organisation_kinds():
    found = {
        claim.speaker.name: claim.speaker.kind
        for claim in extract(
            "The UN said aid was blocked. The US military said the strike worked. "
            "The Taliban said they were in control."
        )
        if claim.kind == "statement"
    }
    assert found == {"UN": "organisation", "US military": "military", "Taliban": "armed_group"}


def test_quote_spanning_sentences_keeps_one_speaker():
    text = "“We are ready. We will respond,” the minister said. “Nobody doubts our resolve today.”"
    statements = [c for c in extract(text) if c.kind == "statement"]
    assert [c.speaker.name for c in statements] == ["minister", "minister"]
    assert statements[0].text == "We are ready. We will respond"


def test_passive_reported_is_not_an_attribution():
    assert statement_speakers("Neither claim has been confirmed.") == []


def test_claimed_responsibility_is_not_a_statement():
    assert statement_speakers("The group claimed responsibility for the attack.") == []


def test_claims_are_sorted_and_offsets_match():
    text = "Police said 3 people were killed. “It was awful,” said one witness, Ann Lee."
    claims = extract(text)
    assert [claim.start for claim in claims] == sorted(claim.start for claim in claims)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


# Constructions added with the held-out corpus.


def casualty_keys_of(text: str) -> list[tuple[str, int, int]]:
    return sorted(
        (claim.outcome, claim.count_min, claim.count_max)
        for claim in extract(text)
        if claim.kind == "casualty" and not claim.superseded
    )


def test_hyphenated_age_is_one_person_not_the_age():
    assert casualty_keys_of("A 45-year-old man was killed in the crash, police said.") == [
        ("killed", 1, 1)
    ]


def test_verb_then_singular_victim():
    text = "Shelling killed a 71-year-old man and wounded five other civilians, he said."
    assert casualty_keys_of(text) == [("injured", 5, 5), ("killed", 1, 1)]


def test_and_a_singular_after_a_count():
    assert casualty_keys_of("The attack killed 4 students and a teacher.") == [
        ("killed", 1, 1),
        ("killed", 4, 4),
    ]
    assert casualty_keys_of("Six officers and a priest were killed.") == [
        ("killed", 1, 1),
        ("killed", 6, 6),
    ]


def test_dozens_and_hundreds_give_no_claim():
    assert casualty_keys_of("Dozens of people were killed and hundreds more injured.") == []


def test_table_rows():
    text = "Cumulative figures:\n\nDeaths: 86\nInjured: 151\nMissing: 12\nHouses damaged: 4,380"
    assert casualty_keys_of(text) == [
        ("injured", 151, 151),
        ("killed", 86, 86),
        ("missing", 12, 12),
    ]


def test_hospital_and_custody_phrasings():
    assert casualty_keys_of("18 of them were taken to hospital.") == [("injured", 18, 18)]
    assert casualty_keys_of("Deputies rounded up 46 people.") == [("arrested", 46, 46)]
    assert casualty_keys_of("Police say a 52-year-old tenant has been taken into custody.") == [
        ("arrested", 1, 1)
    ]


def test_of_noun_phrasings():
    assert casualty_keys_of("Rescuers recovered the bodies of 6 climbers.") == [("killed", 6, 6)]
    assert casualty_keys_of("Police proceeded to the detention of 23 individuals.") == [
        ("arrested", 23, 23)
    ]


def test_released_detainees_are_not_arrests():
    assert casualty_keys_of("By midday, 164 of those detained had been released.") == []


def test_succumbed_and_severity_sub_count():
    text = "Another 15 residents were hospitalised, three in a life-threatening condition."
    assert casualty_keys_of(text) == [("injured", 3, 3), ("injured", 15, 15)]
    assert casualty_keys_of("Two of the injured succumbed to their wounds.") == [("killed", 2, 2)]


def test_negation_with_intervening_clause():
    text = "No one inside the home, which was occupied by a family of five, was injured."
    assert casualty_keys_of(text) == [("injured", 0, 0)]


def test_relative_clause_appositive_speaker():
    assert statement_speakers(
        "Dr. Amina Yusuf, who heads the hospital, said 58 people had been admitted."
    ) == ["Amina Yusuf"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Its secretary general, Ahmed Idris, said the organisation needed 1.2 billion.",
            "Ahmed Idris",
        ),
        (
            "The Ghana Police Service, in a statement, said the owner of the concession fled.",
            "Ghana Police Service",
        ),
        (
            'A police spokeswoman, Marie-Michelle Verrier, said officers had "neutralised" nine.',
            "Marie-Michelle Verrier",
        ),
    ],
)
def test_clause_after_said_is_what_was_said_not_an_inverted_speaker(sentence, speaker):
    assert statement_speakers(sentence) == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Malam Sani Bello said five people were killed.", "Sani Bello"),
        ("Datuk Azman Hamid said 300 people were evacuated.", "Azman Hamid"),
        ("Councilmember Pierina Sanchez said the fire was tragic.", "Pierina Sanchez"),
        ("Forecaster Alex Deakin said winds would rise.", "Alex Deakin"),
        ("Taoiseach Micheál Martin said he was saddened.", "Micheál Martin"),
    ],
)
def test_honorifics_and_posts_before_a_name_are_not_part_of_it(sentence, speaker):
    assert statement_speakers(sentence) == [speaker]


def test_relative_clause_without_that_names_its_own_subject():
    # "a difference the authors said": the authors speak, not "a difference the authors".
    assert statement_speakers(
        "In all, 558 people in the aspirin group died, a difference the authors said was small."
    ) == ["authors"]


def test_comma_inside_a_number_does_not_end_the_appositive():
    assert statement_speakers(
        "Yiaga Africa, which deployed 1,012 observers, says accreditation was slow."
    ) == ["Yiaga Africa"]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The organiser said on Sunday that 4,600 fans had valid tickets.", "organiser"),
        ("PRESENTER: The coastguard says 17 people have been rescued.", "coastguard"),
        ("His family said he died peacefully on Sunday.", "His family"),
        (
            "The provincial health directorate said 12 cases were recorded.",
            "provincial health directorate",
        ),
        ("A taxi marshal said two men opened fire.", "A taxi marshal"),
        ("The authors said the difference was small.", "authors"),
        (
            "A person familiar with the matter said 300 jobs would go.",
            "A person familiar with the matter",
        ),
    ],
)
def test_lower_case_speaker_nouns_name_speakers(sentence, speaker):
    assert statement_speakers(sentence) == [speaker]


def test_spokesman_for_a_named_person_is_not_that_person():
    assert statement_speakers("A spokesman for Governor Ellen Park said she would sign it.") == [
        "A spokesman for Governor Ellen Park"
    ]


def test_surname_resolves_to_full_name_earlier_in_text():
    text = "Rahul Gandhi visited the camps. “This is a national tragedy,” Gandhi told reporters."
    assert set(statement_speakers(text)) == {"Rahul Gandhi"}


def test_inverted_speaker_after_time_phrase():
    text = "Eleven persons lost the life, informed this Sunday the Federal Highway Police."
    assert statement_speakers(text) == ["Federal Highway Police"]


def test_the_statement_said_refers_back():
    text = (
        "Egypt's health ministry said in a statement that 24 ambulances were sent. "
        "Most of the victims died of smoke inhalation, the statement said."
    )
    assert set(statement_speakers(text)) == {"Egypt's health ministry"}


def counts(text: str) -> list[tuple[str | None, int | None, int | None]]:
    return sorted(
        (claim.outcome, claim.count_min, claim.count_max)
        for claim in casualties(text)
        if claim.count_min is not None
    )


def test_revised_toll_from_range_keeps_only_the_new_figure():
    assert counts("The toll has climbed from 128 to 132 dead, officials said.") == [
        ("killed", 132, 132)
    ]
    assert counts("The number of miners confirmed dead has risen from four to nine.") == [
        ("killed", 9, 9)
    ]


def test_superseded_up_from_figure_is_not_a_claim():
    assert counts("The centre has raised the death toll to 95, up from 62 this morning.") == [
        ("killed", 95, 95)
    ]


def test_rate_is_not_a_count():
    assert counts("That is roughly one death every 26 seconds on the roads.") == []


def test_of_whom_subcount_after_a_time_phrase():
    text = "Teams treated 47 wounded patients on Saturday, 12 of whom were children."
    assert counts(text) == [("injured", 12, 12), ("injured", 47, 47)]
    text = "We documented 31 people injured, 13 of them with live bullets."
    assert counts(text) == [("injured", 13, 13), ("injured", 31, 31)]


def test_singular_subcount_of_any_person_noun():
    text = "Strikes killed at least eight people on Wednesday, including a paramedic."
    assert counts(text) == [("killed", 1, 1), ("killed", 8, 8)]


def test_a_third_was_injured_is_one_person():
    text = "Two people were killed and a third was critically injured in the crash."
    assert counts(text) == [("injured", 1, 1), ("killed", 2, 2)]


def test_indefinite_singular_with_relative_clause_and_light_injury():
    assert counts("A jury convicted a jailer over an inmate who died after a beating.") == [
        ("killed", 1, 1)
    ]
    assert counts("A 34-year-old man was lightly wounded by shrapnel.") == [("injured", 1, 1)]


def test_ages_appositive_and_including_without_commas():
    assert counts("Three occupants, ages 19, 22 and 24, were arrested.") == [("arrested", 3, 3)]
    text = "Four persons including a minor girl were killed when the bus overturned."
    assert counts(text) == [("killed", 1, 1), ("killed", 4, 4)]


def test_received_wounds_and_treatment_and_its_nationals():
    assert counts("Two civilians died and five received wounds of various severity.") == [
        ("injured", 5, 5),
        ("killed", 2, 2),
    ]
    assert counts("He said 95 pilgrims were still receiving treatment in hospital.") == [
        ("injured", 95, 95)
    ]
    assert counts("Egypt said 31 of its nationals had died.") == [("killed", 31, 31)]


def test_and_others_with_a_new_predicate_do_not_inherit():
    text = "The blast left 16 people dead and 5 others still trapped underground."
    assert counts(text) == [("killed", 16, 16)]


def test_precautionary_evacuation_is_not_displacement():
    assert counts("Around 120 workers were evacuated as a precaution.") == []


def test_negations_in_custody_and_damage_or_casualties():
    assert counts("Nobody was in custody Saturday.") == [("arrested", 0, 0)]
    assert counts("There were no reports of damage or casualties, he said.") == [("killed", 0, 0)]


def test_total_number_detained_with_a_long_qualifier():
    text = (
        "The arrests bring the total number of people detained in connection with disorder "
        "across Merseyside this week to 27."
    )
    assert counts(text) == [("arrested", 27, 27)]


def test_among_the_dead_figure_machine_translation():
    text = "At least 12 persons were killed, precising that among the dead figure three agents."
    assert counts(text) == [("killed", 3, 3), ("killed", 12, 12)]


def test_role_words_and_postnominals_are_not_part_of_a_name():
    assert statement_speakers("Prosecutor Sarah Oyelaran said one victim was stabbed.") == [
        "Sarah Oyelaran"
    ]
    assert statement_speakers('Sentencing, Judge Guy Kearl KC said: "You used a knife."') == [
        "Guy Kearl"
    ]
    assert statement_speakers("Transport Minister Óscar Puente says rescuers are searching.") == [
        "Óscar Puente"
    ]


def test_named_institution_is_not_a_back_reference():
    text = (
        "More aftershocks were recorded, the Japan Meteorological Agency said. "
        "Some 57,360 people had been displaced, the Fire and Disaster Management Agency said."
    )
    assert set(statement_speakers(text)) == {
        "Japan Meteorological Agency",
        "Fire and Disaster Management Agency",
    }


def test_generic_description_still_refers_back():
    text = "Doctors Without Borders said 12 people died. The charity said more could die."
    assert set(statement_speakers(text)) == {"Doctors Without Borders"}


def test_according_to_name_with_on_and_as_per_and_documents():
    text = "The county recorded 27 deaths, according to the Texas Commission on Jail Standards."
    assert statement_speakers(text) == ["Texas Commission on Jail Standards"]
    assert statement_speakers("As per police, the bus had 52 passengers.") == ["police"]
    text = "The party won 89 seats, according to results published by the Election Commission."
    assert statement_speakers(text) == ["Election Commission"]


def test_inverted_lower_case_role_before_name():
    text = '"Today is a day for the victims," said lawyer Sarah Pellet.'
    assert statement_speakers(text) == ["Sarah Pellet"]


def test_confirmed_dead_is_not_speech():
    text = "The number of miners confirmed dead has risen to nine, the Emergencies Ministry said."
    assert statement_speakers(text) == ["Emergencies Ministry"]


def test_counted_sources_and_possessive_institutions():
    text = "Two sources at al-Nao hospital told Reuters the facility had received 38 bodies."
    assert statement_speakers(text) == ["sources at al-Nao hospital"]
    text = "Ten missiles were fired, South Korea's Joint Chiefs of Staff said."
    assert statement_speakers(text) == ["South Korea's Joint Chiefs of Staff"]


def test_every_attribution_in_a_sentence():
    text = (
        "Egypt said 3 of its drivers were wounded, while Jordan reported that one of its aid "
        "workers had been killed."
    )
    assert set(statement_speakers(text)) == {"Egypt", "Jordan"}


def test_coordinated_institutions_are_two_speakers():
    text = (
        "The UN refugee agency and the International Organization for Migration estimated "
        "that 500 people were on board."
    )
    assert set(statement_speakers(text)) == {
        "UN refugee agency",
        "International Organization for Migration",
    }
    text = "Israeli and Palestinian officials said 67 people were killed."
    assert statement_speakers(text) == ["Israeli and Palestinian officials"]


def test_pronoun_refers_to_person_just_introduced():
    text = (
        "WHO spokesman Tarik Jasarevic said vaccine was on its way. He introduced Dr. Nathalie "
        "Roberts, an epidemiologist. She said 2 health workers had died."
    )
    assert statement_speakers(text) == ["Tarik Jasarevic", "Nathalie Roberts"]


def test_pronoun_prefers_the_subject_of_the_previous_sentence():
    text = (
        "Interior Minister Kipchumba Murkomen, who visited the site with Governor Susan Kihika, "
        "said 16 were arrested. He said 9 of the injured were in critical condition."
    )
    assert set(statement_speakers(text)) == {"Kipchumba Murkomen"}


def test_live_blog_name_lines():
    text = (
        "Live: strikes on Kharkiv\n\n"
        '09:40 — Ihor Terekhov, Kharkiv mayor: "Rescuers are still working at the site."\n\n'
        "14:20 IDF: Fighter jets struck 30 targets.\n\n"
        "Deaths: 86"
    )
    assert statement_speakers(text) == ["Ihor Terekhov", "IDF"]


def test_dateline_and_headline_labels_are_not_speakers():
    assert statement_speakers("PESHAWAR: Floods have killed 23 people.") == []
    assert statement_speakers("Mexico: 14 dead as bus plunges into gorge") == []


def test_acronym_defined_in_text_is_named_in_full():
    text = (
        "The State Emergency Service (DSNS) reports that 4 people are missing. The DSNS said "
        "60 rescuers were at the scene."
    )
    assert set(statement_speakers(text)) == {"State Emergency Service"}


def test_honorific_and_family_name_first_back_references():
    text = (
        'Detective Chief Inspector Laura Bennett said it was not terror-related. "Our thoughts '
        'are with the families," Ms Bennett said.'
    )
    assert set(statement_speakers(text)) == {"Laura Bennett"}
    text = (
        "Foreign ministry spokesperson Mao Ning said 3 Chinese nationals were killed. "
        "Mao said a working group had been sent."
    )
    assert set(statement_speakers(text)) == {"Mao Ning"}


def test_new_speech_verbs():
    text = "Governor Babagana Zulum condemned the killings."
    assert statement_speakers(text) == ["Babagana Zulum"]
    text = 'Its president, Okay Memis, put it plainly: "Old buildings are a risk in this region."'
    assert statement_speakers(text) == ["Okay Memis"]


def test_name_appositive_description_keeps_the_name():
    text = "The Sudan Doctors Network, a medical group, said shelling had wounded 22 people."
    assert statement_speakers(text) == ["Sudan Doctors Network"]
    text = "Magen David Adom, Israel's emergency service, said a man was lightly wounded."
    assert statement_speakers(text) == ["Magen David Adom"]


def test_descriptor_before_a_proper_name():
    text = "The local newspaper Ríodoce reported that at least 5 of the dead were found."
    assert statement_speakers(text) == ["Ríodoce"]


def test_title_for_a_body_before_a_name():
    text = "UN High Commissioner for Human Rights Volker Türk said the situation was dire."
    assert statement_speakers(text) == ["Volker Türk"]
    text = "NATO Secretary-General Mark Rutte insisted the target would be met."
    assert statement_speakers(text) == ["Mark Rutte"]


def casualty_keys(text: str) -> list[tuple[str | None, int | None, int | None]]:
    return [(claim.outcome, claim.count_min, claim.count_max) for claim in casualties(text)]


def test_revised_toll_of_injured_keeps_the_outcome_of_its_noun():
    text = "The number of people hurt in the accident has risen from 11 to 17, officials said."
    assert casualty_keys(text) == [("injured", 17, 17)]
    text = "Syniehubov has updated the toll: the number of injured has risen from 11 to 17."
    assert casualty_keys(text) == [("injured", 17, 17)]
    text = "The number of injured in the tram collision rose to 40 from 32 overnight."
    assert casualty_keys(text) == [("injured", 40, 40)]
    text = "The number of missing in the fire has fallen from 39 to 7, the authorities said."
    assert casualty_keys(text) == [("missing", 7, 7)]


def test_superseded_earlier_figures_are_not_claims():
    text = "At least 125 people died in the crush, revising down an earlier toll of 174."
    assert casualty_keys(text) == [("killed", 125, 125)]
    text = "34 service members were diagnosed with brain injuries, up from the 11 reported before."
    assert casualty_keys(text) == [("injured", 34, 34)]


def test_counts_after_a_first_clause():
    assert casualty_keys("Thirteen mineworkers were killed and 75 injured on Tuesday.") == [
        ("killed", 13, 13),
        ("injured", 75, 75),
    ]


def test_distribution_of_a_count_over_places():
    text = "Nine people died after the shooting, six at the bar itself and three at hospitals."
    assert casualty_keys(text) == [("killed", 9, 9), ("killed", 6, 6), ("killed", 3, 3)]
    text = "7 people died at the bowling alley, 8 at the bar and 3 at hospitals."
    assert casualty_keys(text) == [("killed", 7, 7), ("killed", 8, 8), ("killed", 3, 3)]
    text = "The flood killed 58 people on the island of Canvey and 307 across eastern England."
    assert casualty_keys(text) == [("killed", 58, 58), ("killed", 307, 307)]
    text = "Tornadoes killed at least 26 people — 25 in Mississippi and one in Alabama — on Friday."
    assert casualty_keys(text) == [("killed", 26, 26), ("killed", 25, 25), ("killed", 1, 1)]
    text = "Police arrested 667 people nationwide, including 307 in the Paris region."
    assert casualty_keys(text) == [("arrested", 667, 667), ("arrested", 307, 307)]


def test_parts_of_an_earlier_noun():
    text = "Of the 441 recorded deaths, 73 were children, the agency said."
    assert casualty_keys(text) == [("killed", 73, 73)]
    text = "Of the bodies, 215 were women and 5 were children."
    assert casualty_keys(text) == [("killed", 215, 215), ("killed", 5, 5)]
    text = "He said 60 of those killed were children and 29 were women."
    assert casualty_keys(text) == [("killed", 60, 60), ("killed", 29, 29)]
    text = "More than 100 were injured, of whom 25 are in critical condition."
    assert casualty_keys(text) == [("injured", 100, 100), ("injured", 25, 25)]


def test_the_outcome_noun_as_subject():
    text = "The dead reached 418, while the wounded exceeded 1,200."
    assert casualty_keys(text) == [("killed", 418, 418), ("injured", 1200, 1200)]
    assert casualty_keys("The office said the detained included 2 journalists.") == [
        ("arrested", 2, 2)
    ]
    text = "The clashes resulted in the death of 32 civilians and the injury of 70 others."
    assert casualty_keys(text) == [("killed", 32, 32), ("injured", 70, 70)]


def test_counts_inside_quotes():
    text = 'Mansour told the newspaper that "only 4 people" had been killed.'
    assert casualty_keys(text) == [("killed", 4, 4)]
    text = 'The group said its fighters had killed "more than 20" soldiers.'
    assert casualty_keys(text) == [("killed", 20, 20)]
    text = 'The Guards claimed that 80 "American terrorists" had been killed.'
    assert casualty_keys(text) == [("killed", 80, 80)]


def test_appositive_breakdowns_and_counts():
    text = "Three presumed smugglers, two Turkish citizens and one Pakistani, have been arrested."
    assert casualty_keys(text) == [("arrested", 3, 3)]
    text = "The population of the zone, approximately 6,000 persons, had been displaced."
    assert casualty_keys(text) == [("displaced", 6000, 6000)]
    assert casualty_keys("Ellis said the truck driver, 61, had been detained.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Rioters torched 2 police vehicles and set fire to 14 cars overnight.",
        "104 officers were injured and 2 police vehicles torched.",
        "United have two injuries in the warm-up, bringing the number of injured first-team "
        "players to nine.",
        "The ministry said Russia had lost 1,120 personnel in 24 hours.",
    ],
)
def test_things_sport_and_military_losses_are_not_casualties(text):
    keys = casualty_keys(text)
    assert ("injured", 2, 2) not in keys
    assert all(outcome != "injured" or count != 9 for outcome, count, _ in keys)
    assert ("killed", 1120, 1120) not in keys


def test_more_outcome_phrasings():
    assert casualty_keys("Police have taken 12 people into custody.") == [("arrested", 12, 12)]
    assert casualty_keys("Evacuation orders now cover 26,000 residents.") == [
        ("displaced", 26000, 26000)
    ]
    assert casualty_keys("26 of the victims had been hacked to death with machetes.") == [
        ("killed", 26, 26)
    ]
    assert casualty_keys("Amnesty said it had verified 4 killings in Maputo.") == [("killed", 4, 4)]
    assert casualty_keys("At least 12 people lost life in the attack.") == [("killed", 12, 12)]
    assert casualty_keys("He said 2 of his colleagues were still missing.") == [("missing", 2, 2)]
    assert casualty_keys("23 people brought to the hospital had died.") == [("killed", 23, 23)]
    assert casualty_keys("Three were taken to a burn unit in Galveston.") == [("injured", 3, 3)]
    assert casualty_keys("Some 1.5 million Gazans have been displaced.") == [
        ("displaced", 1500000, 1500000)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The company cut 1,400 jobs and lost 2 major clients.",
        "The vaccine prevented an estimated 40,000 deaths, researchers say.",
        "A report found 1 in 5 workers had been injured at work.",
        "Two men aged 30 and 41 were arrested.",
        "Rescuers found 9 bodies and 4 survivors.",
    ],
)
def test_ratios_counterfactuals_ages_and_survivors_are_not_counts(text):
    keys = casualty_keys(text)
    assert all(
        count not in (2, 40000, 5, 41, 4) or outcome == "arrested" for outcome, count, _ in keys
    )
    assert ("killed", 4, 4) not in keys and ("killed", 2, 2) not in keys


def test_singular_stabbed_to_death():
    assert casualty_keys("Police said a 24-year-old was stabbed to death outside a pub.") == [
        ("killed", 1, 1)
    ]


def test_pronoun_after_a_comma_is_the_speaker():
    text = (
        "A local leader, Kiza Muhindo, put the toll higher. Roughly 3,000 residents fled to "
        "the nearby town of Oicha, he said."
    )
    assert set(statement_speakers(text)) == {"Kiza Muhindo"}


def test_including_phrase_is_not_the_speaker():
    text = "Police took 12 people into custody, including the building's manager, the bureau said."
    assert statement_speakers(text) == ["bureau"]


def test_the_company_refers_back_to_a_named_business():
    text = "Toyota said it would recall 1.1 million vehicles. The company said 3 people were hurt."
    assert set(statement_speakers(text)) == {"Toyota"}


def test_saying_takes_the_subject_of_its_clause():
    text = "Moscow last updated its own figure in September 2022, saying 5,937 soldiers had died."
    assert statement_speakers(text) == ["Moscow"]


def test_name_particle_ten_and_noun_claims():
    text = "Manchester United manager Erik ten Hag said on Friday the squad was thin."
    assert statement_speakers(text) == ["Erik ten Hag"]
    assert statement_speakers("Neither side's battlefield claims could be verified.") == []


def test_table_cells_on_one_line():
    assert casualty_keys("Deaths: 14; injured: 52; missing: 3") == [
        ("killed", 14, 14),
        ("injured", 52, 52),
        ("missing", 3, 3),
    ]
    assert casualty_keys("Killed: 14 | Injured: 52") == [("killed", 14, 14), ("injured", 52, 52)]


def test_relocation_to_a_named_place_is_not_displacement():
    assert casualty_keys("The firm cut 300 jobs and 40 staff were relocated to Texas.") == []
    assert casualty_keys("500 residents were relocated to a nearby school.") == [
        ("displaced", 500, 500)
    ]


def test_singular_with_an_appositive_description():
    text = "A 61-year-old man from Penrith, the coach driver, was arrested on Friday."
    assert casualty_keys(text) == [("arrested", 1, 1)]


def test_generic_agency_skips_a_quoted_person():
    text = (
        "The International Organization for Migration said 441 people died. Director General "
        "Antonio Vitorino said the figures were stark. Of the 441 recorded deaths, 73 were "
        "children, the agency said."
    )
    assert set(statement_speakers(text)) == {
        "International Organization for Migration",
        "Antonio Vitorino",
    }


def test_and_said_takes_the_first_clause_subject():
    text = "Mayor Linda Cho called the attack cowardice and said flags would fly at half-staff."
    assert statement_speakers(text) == ["Linda Cho"]


def test_more_speech_verbs_and_lower_case_police():
    assert statement_speakers("Fire officials confirm 189 structures have been destroyed.") == [
        "Fire officials"
    ]
    text = "Russia, which occupied Izium for six months, denied targeting civilians."
    assert statement_speakers(text) == ["Russia"]
    assert statement_speakers("Separately, gardaí said 14 sheep had been killed.") == ["gardaí"]
    assert statement_speakers("He was denied bail.") == []


def test_place_name_before_a_count_and_own_losses():
    text = "Two were killed in Kharkiv, while in Odesa 4 people were hurt."
    assert casualty_keys(text) == [("killed", 2, 2), ("injured", 4, 4)]
    text = "Soldiers killed 12 insurgents and lost 3 of their own."
    assert casualty_keys(text) == [("killed", 12, 12), ("killed", 3, 3)]
    assert casualty_keys("The 2 men, both in their 30s, died at the scene.") == [("killed", 2, 2)]


def test_lower_case_descriptor_before_a_name_is_dropped():
    assert statement_speakers("Grid operator Red Electrica said supply was restored.") == [
        "Red Electrica"
    ]
    assert statement_speakers("Neighbouring France said a small area was affected.") == ["France"]
    text = 'Seismologist Naci Gorur warned that the risk remained, adding: "Istanbul must prepare."'
    assert statement_speakers(text) == ["Naci Gorur"]
    text = '"We will review every aspect," said club president Jorge Brito.'
    assert statement_speakers(text) == ["Jorge Brito"]


def test_plural_scholars_at_the_end_of_a_sentence():
    text = "Firefighting has always been a dangerous profession in France, historians say."
    assert statement_speakers(text) == ["historians"]


def test_inverted_role_with_an_appositive_title_and_name():
    text = (
        "At least 15 people were killed in Cabaret, informed the spokesman of the PNH, "
        "the inspector Garry Desrosiers."
    )
    assert statement_speakers(text) == ["Garry Desrosiers"]


def test_saying_after_a_predicate_takes_the_clause_subject():
    text = (
        "The Emergency Lawyers group, which has documented abuses since April, issued a "
        "statement late on Monday, saying that the dead included nine children."
    )
    assert statement_speakers(text) == ["Emergency Lawyers group"]
    text = (
        "The RSF, for its part, blamed the army for the shelling, saying its forces had not "
        "fired on residential areas."
    )
    assert statement_speakers(text) == ["The RSF"]
    text = (
        "Houthi military spokesman Yahya Saree claimed responsibility in a televised speech, "
        "saying the group had hit the ship."
    )
    assert statement_speakers(text) == ["Yahya Saree"]


def test_quote_after_a_verb_that_is_not_a_speech_verb():
    text = 'President Emmanuel Macron saluted "the courage of those who run towards danger".'
    assert statement_speakers(text) == ["Emmanuel Macron"]
    assert statement_speakers('The victims were killed "in cold blood" on Monday.') == []


def test_name_given_by_an_anonymous_witness_and_anonymity_clause():
    text = "One resident, who gave his name as Peter, said he had lived there for 31 years."
    assert statement_speakers(text) == ["Peter"]
    text = "A woman who did not want to be named said her mother had been carried out."
    assert statement_speakers(text) == ["A woman"]


def test_a_superseded_toll_is_not_a_speaker():
    text = "An earlier toll given on Tuesday had put the number of dead at 36."
    assert statement_speakers(text) == []


def test_document_word_inside_a_proper_name_is_kept():
    text = "According to the Office for National Statistics, knife offences rose by 7%."
    assert statement_speakers(text) == ["Office for National Statistics"]


def test_company_named_with_a_corporate_word_is_not_a_person():
    text = (
        "Xcel Energy, for its part, said it had cut power to 55,000 customers. "
        '"It is too early to say whether our equipment was involved," the company said.'
    )
    assert set(statement_speakers(text)) == {"Xcel Energy"}


def test_an_earlier_toll_put_at_a_figure_is_superseded():
    text = (
        "The death toll rose to 78, police said. An earlier toll given on Tuesday had put the "
        "number of dead at 36."
    )
    assert casualty_keys(text) == [("killed", 78, 78)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ambulance service had taken 22 people to hospitals across the region.", 22),
        ("Paramedics treated 20 more at the scene.", 20),
        # "attended 63 patients at the festival" is not here: the corpora written since
        # 2026-12-01 label hospital patients as people (outbreak reports), and the model follows
        # them; which patients are casualties is an open convention question.
        ("Of those, 17 were conveyed to hospital, the service said.", 17),
        ("A further nine passengers were treated at the roadside for minor injuries.", 9),
        ("Around 70 passengers survived with burn injuries.", 70),
        ("The company said there had been 3 reports of injuries among contractors.", 3),
        ("A fight outside a bar ended with three men stabbed.", 3),
    ],
)
def test_hospital_and_ambulance_phrasings_are_injuries(text, expected):
    assert casualty_keys(text) == [("injured", expected, expected)]


def test_a_count_that_stabbed_someone_is_not_injured():
    # The suspects did it; the man they stabbed is the one single victim (convention 5).
    keys = casualty_keys("Police said two suspects stabbed a man outside the bar.")
    assert ("injured", 2, 2) not in keys and keys in ([], [("injured", 1, 1)])


@pytest.mark.parametrize(
    ("text", "outcome", "expected"),
    [
        ("Judges found her guilty of murdering five patients.", "killed", 5),
        ("Police shot dead at least 16 people during the protests.", "killed", 16),
        ("Officials ordered about 50,000 residents to leave their homes.", "displaced", 50000),
        ("Two suspects, aged 22 and 24, were booked on assault charges.", "arrested", 2),
        ("Spain recorded 2,124 heat-related deaths in July.", "killed", 2124),
        ("Overdose deaths in British Columbia fell to 2,253 last year.", "killed", 2253),
        ("Rescuers were still searching the rubble for four people.", "missing", 4),
        ('"We have buried 40 people from our village alone," he said.', "killed", 40),
    ],
)
def test_new_outcome_phrasings(text, outcome, expected):
    assert casualty_keys(text) == [(outcome, expected, expected)]


def test_a_toll_reaches_past_a_decimal_and_a_long_subject():
    text = (
        "The death toll from the magnitude 6.3 earthquake in western Afghanistan has risen to "
        "1,294, the ministry said, up from 320 on Saturday."
    )
    assert casualty_keys(text) == [("killed", 1294, 1294)]


def test_second_count_after_a_first_victim():
    text = "A gunman killed a woman and her two children at their home."
    assert sorted(casualty_keys(text)) == [("killed", 1, 1), ("killed", 2, 2)]


def test_list_under_a_heading_takes_the_heading_outcome():
    text = (
        "The office said the injured had been taken to:\n"
        "– East Avenue Medical Center: 14\n"
        "– Quirino Memorial Medical Center: 9\n\n"
        "The fire started in a food court."
    )
    assert casualty_keys(text) == [("injured", 14, 14), ("injured", 9, 9)]


def test_list_without_a_casualty_heading_is_not_a_claim():
    text = "Turnout by district:\n– North: 14\n– South: 9\n\nThe polls closed at 8pm."
    assert casualty_keys(text) == []


def test_part_in_intensive_care_and_none_in_custody():
    text = "Of 350 passengers, 48 remain in hospital, six of them in intensive care."
    assert casualty_keys(text) == [("injured", 48, 48), ("injured", 6, 6)]
    assert casualty_keys("No suspects are in custody, police said.") == [("arrested", 0, 0)]


def test_and_all_had_been_arrested_gives_the_count_an_outcome():
    text = "Police identified 14 suspects in the case, and all had been arrested by Friday."
    assert casualty_keys(text) == [("arrested", 14, 14)]
    assert casualty_keys("Police identified 14 suspects in the case.") == []


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("There has been no loss of life, the fire service said.", "killed"),
        ('"No life was lost," he said.', "killed"),
        ("The organisation says no lives have been lost.", "killed"),
        ("No arrest has been made.", "arrested"),
    ],
)
def test_no_life_lost_and_no_arrest_are_zero_counts(text, outcome):
    assert casualty_keys(text) == [(outcome, 0, 0)]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("A boda boda rider was hacked to death in Kisauni on Saturday.", "killed"),
        ("A police corporal was seriously injured at the checkpoint.", "injured"),
        ("Merseyside Police say a steward was taken to hospital with burns.", "injured"),
        ("The IDF says a reservist was killed in northern Gaza.", "killed"),
    ],
)
def test_more_singular_people(text, outcome):
    assert casualty_keys(text) == [(outcome, 1, 1)]


def test_a_person_who_speaks_is_not_a_victim():
    text = "A rescue worker said 2 miners were injured."
    assert casualty_keys(text) == [("injured", 2, 2)]
    assert casualty_keys("A rescue worker was injured, police said.") == [("injured", 1, 1)]


def test_a_plain_toll_the_rules_read_is_kept_without_a_context_cue():
    # The 59-set model reads "none" here at 0.67: above OVERRIDE_PROBABILITY, below
    # DROP_PLAIN_RULE_PROBABILITY, so only that rule keeps the figure.
    assert casualty_keys("The storm killed 47 people.") == [("killed", 47, 47)]
    assert casualty_keys("The storm could leave 47 people dead, forecasters warned.") == []


@pytest.mark.parametrize(
    ("sentence", "outcomes"),
    [
        ("No one was killed or injured in the raid, the ministry said.", ["injured", "killed"]),
        ("There have been no fatalities or injuries reported.", ["injured", "killed"]),
        ("The command said no civilians were injured or killed.", ["injured", "killed"]),
        ("Rescuers said that no one was unaccounted for.", ["missing"]),
        ("Crews rescued 23 people without recording injuries.", ["injured"]),
    ],
)
def test_a_negation_gives_a_zero_for_each_outcome_it_names(sentence, outcomes):
    found = [c for c in casualties(sentence) if c.count_max == 0]
    assert sorted(c.outcome for c in found) == outcomes


@pytest.mark.parametrize(
    "text",
    [
        "Tour organisers said a spectator, a boy of 12, suffered a broken arm.",
        "The truck driver, a man of 52 years, died in the spot.",
        "A father of four was killed in the blast.",
    ],
)
def test_the_number_after_a_person_of_is_an_age_not_a_count(text):
    counts = [key[1] for key in casualty_keys(text)]
    assert all(count == 1 for count in counts) and counts, text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The governor puts the number of dead at 31 after the floods.", "governor"),
        ("The health ministry gave a higher toll of 45 dead.", "health ministry"),
    ],
)
def test_a_source_that_puts_or_gives_a_toll_speaks(text, speaker):
    assert [claim.speaker.name for claim in casualties(text)] == [speaker]


def test_a_source_that_issued_a_warning_speaks():
    text = (
        "The IMD has issued an orange alert for heavy rain, warning that rivers could burst "
        "their banks. Three people have died."
    )
    speakers = [claim.speaker.name for claim in extract(text) if claim.speaker]
    assert speakers and all("IMD" in name for name in speakers)
