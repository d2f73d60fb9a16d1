"""Casualty and head-count mentions: "killed around 180 people", "the death toll rose to 45".

Every count in the text is located once (:data:`numbers.COUNT`), then tried against a few
anchored patterns around it, in order: count before the outcome ("three people were killed"),
outcome verb before the count ("killed 12 civilians"), "left N dead", a toll ("the death toll
rose to 45"), lives ("claimed 12 lives"), a sub-count of an earlier claim ("including 13 US
Marines", "bringing the total to 47"). A count of people with no outcome becomes a quantity.
Negations ("no one was hurt", "no known civilian casualties") and singular mentions ("a
soldier was killed") are found by their own patterns. Counts that are ages, years, money,
percentages, times or measures never match: they are rejected where located or fail to be
followed by a person noun or an outcome.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTHS,
    NOT_PERSON_MODIFIERS,
    OUTCOME_STEMS,
    PERSON_MODIFIERS,
    PERSON_NOUNS,
    SINGULAR_PERSON_NOUNS,
    THINGS_AFTER_PERSON_NOUNS,
    WEEKDAYS,
)
from claims.extraction.numbers import (
    COUNT,
    NUMBER_START,
    NUMBER_START_LOWER,
    QUALIFIER,
    QUALIFIER_LAST_WORDS,
    SINGLE_NUMBER,
    Count,
    parse_count,
)
from claims.extraction.patterns import final_words, word_alternation

_PERSON_NOUN = (
    r"(?i:\b(?:"
    + word_alternation(PERSON_NOUNS)
    # plural demonyms ("Gazans", "Sudanese")
    + r"|(?-i:[A-Z][a-z]++(?:(?<=ans)|(?<=ese))))\b)"
)
_MODIFIER = (
    r"(?:(?i:\b(?:" + "|".join(PERSON_MODIFIERS) + r")\b)"
    r"|(?!(?:" + "|".join(NOT_PERSON_MODIFIERS) + r")\b)[a-z][a-z’'-]*\b"
    r"|(?!(?:" + "|".join([*MONTHS, *WEEKDAYS]) + r")\b)"
    r"[A-Z][\w’'.-]*)"
)
# "2 police vehicles", "3 army trucks": a person noun used as a modifier of a thing.
_THING_AFTER = rf"(?!\s+(?i:{word_alternation(THINGS_AFTER_PERSON_NOUNS)})\b)"
GROUP = (
    rf"(?:(?:{_MODIFIER}\s+){{0,3}}{_PERSON_NOUN}(?:\s+(?i:members|officers|workers))?"
    rf"{_THING_AFTER})"
)
_OF_GROUP = (
    rf"(?i:of\s+(?:them|those|whom|(?:the|its|their|our|his|her|my|your)\s+"
    rf"(?:{_MODIFIER}\s+)?{_PERSON_NOUN}))"
)

_AUXILIARY = (
    r"(?i:were|was|have|has|had|been|being|are|is|be|got|get|reportedly|also|later|allegedly"
    r"|all|both|now|so\s+far|still|remain|remained|remains|found|confirmed|believed|feared"
    r"|thought|reported|said|presumed|listed\s+as|to|seriously|critically|severely|badly"
    r"|slightly|lightly|gravely|fatally|mortally|shot|stabbed|shot\s+and|stabbed\s+and"
    r"|beaten|burned|crushed|gunned\s+down\s+and|either|subsequently|eventually|initially"
    r"|since|rested|resulted|stay|stayed|stays|left|pronounced|rescued\s+and|who|that|treated"
    r"|(?!family\b|only\b)[a-z]{3,}ly)"
)
# Outcome words that can follow a count (and its group): "... were killed", "... dead".
_OUTCOME_AFTER = (
    r"(?i:(?:hacked|stabbed|beaten|burned|burnt|crushed|shot|trampled|bludgeoned)\s+to\s+death"
    r"|shot\s+dead|killings|murders|killed|dead|died|die|deaths|death|fatalities|perished|drowned"
    r"|(?:[a-z]+-related|excess|heat|overdose|drug|road|traffic|covid|cholera|flood)\s+"
    r"(?:deaths|fatalities)"
    r"|stabbed(?!\s+(?:and|to|a|an|the|his|her|their|him|them|one|two|three|four|five|[0-9])\b)"
    r"|survived\s+with\s+(?:[\w-]+\s+){0,2}?(?:injuries|injury|wounds|burns)"
    r"|reports?\s+of\s+(?:[\w-]+\s+)?(?:injuries|injury|casualties|deaths)"
    r"|ordered\s+to\s+(?:leave|evacuate|flee)"
    r"|booked\s+(?:into\s+(?:\w+\s+)?jail|on\s+(?:[\w-]+\s+){0,3}?charges?)"
    r"|treated\s+(?:at|on)\s+(?:the\s+)?(?:scene|roadside|site)\b(?:\s+for\s+(?:\w+\s+){0,2}?"
    r"(?:injuries|injury|wounds|burns|cuts))?"
    r"|treated\s+(?:at\s+the\s+(?:scene|roadside)\s+)?for\s+(?:\w+\s+){0,2}?(?:injuries|injury)"
    r"|conveyed\s+to\s+(?:(?:the|a|local|nearby|various|several|area)\s+)*hospitals?"
    r"|murdered|slain|lost\s+(?:their\s+|the\s+)?li(?:fe|ves)"
    r"|diagnosed\s+with\s+(?:[\w-]+\s+){0,3}?(?:injuries|injury|concussions?)"
    r"|executed|massacred|lost\s+their\s+lives|bodies|lives\s+lost|injured|wounded|hurt"
    r"|injuries|hospitali[sz]ed|casualties|missing|unaccounted\s+for|disappeared|displaced"
    r"|fled|homeless|evacuated|forced\s+(?:to\s+flee|from\s+their\s+homes)|made\s+homeless"
    r"|lost\s+their\s+homes|uprooted|arrested|detained|captured|apprehended"
    r"|taken\s+into\s+custody|arrests|in\s+custody|martyrs|martyred|deads"
    r"|succumbed|lost\s+(?:the|his|her)\s+li(?:fe|ves)|rounded\s+up"
    # "40 were relocated to Texas": a business move, not displacement.
    r"|relocated(?!\s+to\s+(?:its\s|their\s|(?-i:[A-Z])))"
    r"|(?:among|between)\s+the\s+(?:dead|deceased|killed|injured|wounded|missing|victims)"
    r"|(?:taken|rushed|transported|conducted|brought|sent|admitted|airlifted|flown|evacuated"
    r"|ended\s+up)\s+(?:in|to)\s+(?:(?:the|a|local|nearby|various|several|area)\s+)*"
    r"(?:hospitals?|burns?\s+units?|trauma\s+cent(?:re|er)s?|intensive\s+care)"
    r"|admitted\s+with\s+(?:\w+\s+){0,2}?(?:injuries|wounds)"
    r"|in\s+(?:the\s+)?hospital"
    r"|(?:moved|taken|relocated|transferred)\s+to\s+(?:[\w-]+\s+){0,3}?(?:camps?|shelters?"
    r"|safety|safer\s+(?:places|areas|ground))"
    r"|whose\s+fate\s+(?:is|remains|was)\s+(?:still\s+)?unknown"
    r"|(?:received|receiving)\s+(?:\w+\s+)?(?:medical\s+)?(?:treatment|care)"
    r"|received\s+(?:\w+\s+)?(?:wounds|injuries)|with\s+(?:\w+\s+)?(?:injuries|wounds)"
    r"|treated\s+for\s+(?:\w+\s+){0,2}?(?:smoke\s+inhalation|burns|frostbite|hypothermia"
    r"|fractures|cuts)"
    r"|(?:suffered|sustained|treated\s+for)\s+(?:\w+\s+){0,2}?(?:injuries|injury|wounds"
    r"|wound|burns))\b"
)
# Outcome verbs that can precede a count: "killed 12 people", "injuring at least 30".
_OUTCOME_BEFORE = (
    r"(?i:\b(?:killed|killing|kills|kill|murdered|murdering|massacred|slaughtered|injured|injuring"
    r"|neutrali[sz]ed|neutrali[sz]ing|shot\s+dead|shooting\s+dead|gunned\s+down"
    r"|(?:(?<=\bhave\s)|(?<=\bhas\s)|(?<=\bhad\s)|(?<=\bwe\s)|(?<=\bthey\s))buried"
    r"|injures|wounded|wounding|wounds|hurt|hurting|arrested|arresting|arrests|detained"
    r"|detaining|detains|captured|capturing|apprehended|displaced|displacing|displaces"
    r"|evacuated|evacuating|uprooted|uprooting|rounded\s+up|rounding\s+up))"
)
# What may follow a bare count after an outcome verb: "killing 12 and ...", "killed 3 in ...".
_CLAUSE_BOUNDARY = (
    r"(?=\s*(?:$|[,.;:!?)\"”’—–-]|(?i:and|in|on|at|when|during|after|before|while|including"
    r"|near|across|as|since|from|with|last|this|yesterday|today|overnight|outside|inside|of"
    r"|so|were|was|are|is|there|people|others)\b))"
)

_COUNT = re.compile(COUNT)
_DIGIT_START = re.compile(r"[0-9][0-9,.]*")
_QUALIFIER_BEFORE = re.compile(rf"(?P<qualifier>{QUALIFIER})\s+$")
# Cheap per-sentence filters: no outcome stem, no casualty claim; no negation word, no zero.
OUTCOME_STEM = re.compile(word_alternation([*OUTCOME_STEMS, "die "]))
# Anything that may belong to a casualty or quantity claim: a digit or an outcome stem (in
# lower-cased text). Number words alone are not cues, so a sentence with neither yields no claim.
CLAIM_CUE = re.compile(r"[0-9]|" + OUTCOME_STEM.pattern)
# A sports squad's fitness ("two injuries in the warm-up"): injuries there are not casualties.
SPORT_CONTEXT = re.compile(
    r"\b(?:warm-up|first-team|midfielders?|goalkeepers?|hamstring|soft-tissue|sidelined"
    r"|injury list|physio|starting eleven|his players|the squad)\b"
)
# "\bno", "\bzero", "\bwithout" with the word start tested after the first letter ("(?<!\w.)"
# is "\b" there), so every alternative starts with a letter and the scan skips to n, z and w.
_NEGATION_CUE = re.compile(r"n(?<!\w.)o(?:ne|body|-one)?\b|z(?<!\w.)ero\b|w(?<!\w.)ithout\b")
_COUNT_FIRST = re.compile(
    rf"(?:\s+(?i:more|other|further|additional|new|confirmed))?"
    rf"(?:[\"”]?\s+[\"“]?(?P<group>{GROUP}|{_OF_GROUP})[\"”]?"
    rf"(?:\s+(?i:and)\s+(?:{COUNT}|(?i:an?))\s+(?:{_MODIFIER}\s+){{0,2}}{_PERSON_NOUN})?"
    r"(?:\s+(?i:on\s+board|aboard|inside|in|at|on|from|of|(?:brought|taken|rushed)\s+to)"
    r"(?:\s+(?!(?i:and|or|but|since|when|while|after|before|were|was|had|have)\b)"
    r"[^\s,.;:!?]+){1,6}?)?"
    r"|\s+(?i:of\s+(?:the|those)\s+(?:injured|wounded|hurt|arrested|detained|missing)"
    r"(?:\s+ones)?(?=\s)|of\s+(?:the|those))"
    r"(?=\s+(?i:dead|killed|injured|wounded|missing|victims|deaths|fatalities|casualties|martyrs"
    r"|were|was|had|have|are|succumbed|died|later|since|\w+ly)\b))?"
    r"(?:\s*,\s*(?i:including|among\s+them|mostly|mainly|many\s+of\s+them|aged?|ages|an?|both"
    r"|all)\b"
    r"[^,.;:!?]{1,80},"
    # an appositive breakdown: "Three presumed smugglers, two Turks and one Pakistani, have ..."
    rf"|\s*,\s*{COUNT}\s+[^,.;:!?]{{1,60}}\s(?i:and)\s[^,.;:!?]{{1,40}},(?=\s+(?i:have|has|had|were|was|are)\s)"
    r"|\s*,\s*(?i:aged?|ages)\s+[0-9]{1,3}(?:\s*(?:,|and|to|-)\s*[0-9]{1,3})*\s*,"
    r"|\s+(?i:including)\s+[^,.;:!?]{1,40}?(?=\s+(?i:were|was|have|had)\b)"
    r"|\s+(?i:aged?|ages)\s+[0-9]{1,3}(?:\s*(?:,|and|to|or|-)\s*[0-9]{1,3})*)?"
    # the count in an appositive: "The population, approximately 6,000 persons, had been ..."
    r"(?P<comma>\s*,(?=\s+(?i:had|has|have|were|was)\s))?"
    rf"\s+(?P<aux>(?:{_AUXILIARY}\s+){{0,5}})(?P<outcome>{_OUTCOME_AFTER})"
)
_SINGULAR_NOUN_EARLY = (
    r"(?i:man|woman|boy|girl|child|mother|father|wife|husband|teenager|soldier|officer|farmer"
    r"|driver|worker|resident|villager)\b"
)
_VERB_FIRST_LEFT = re.compile(
    rf"{_OUTCOME_BEFORE}\s+(?i:all\s+(?:the\s+)?|of\s+)?[\"“]?$"
    # "killed a woman and her two children": the second count after the first victim.
    rf"|{_OUTCOME_BEFORE}\s+(?i:an?\s+(?:[\w-]+\s+){{0,2}}?{_SINGULAR_NOUN_EARLY}\s+and\s+"
    r"(?:his|her|their)\s+)$"
)
_VERB_FIRST_LAST_WORDS = final_words(_VERB_FIRST_LEFT.pattern)
_GROUP_OR_BOUNDARY = re.compile(rf"\s+(?P<group>{GROUP})|{_CLAUSE_BOUNDARY}")
_LEFT_LEFT = re.compile(r"(?i:\b(?:left|leaving|leaves|leave)\s+)$")
_DEATH_OF_LEFT = re.compile(
    r"(?i:\b(?:the\s+)?(?P<noun>deaths?|bodies|arrests?|detention|evacuation|injury|injuries"
    r"|wounding)\s+of\s+"
    r"|\binjur(?P<injuries>y|ies)\s+(?:[\w-]+\s+){0,4}?to\s+)$"
)
_RELEASED_AFTER = re.compile(
    r"\s+(?i:(?:had|have|has|were|was|are)\s+(?:since\s+|later\s+)?(?:been\s+)?"
    r"(?:released|freed|let\s+go))\b"
)
_TABLE_LEFT = re.compile(
    r"(?:^|\n|[;|][ \t]*)[ \t]*[-•*]?[ \t]*(?P<label>(?i:deaths?|dead|killed|fatalities|injured"
    r"|wounded|injuries|missing|displaced|evacuated|arrested|arrests|detained))[ \t]*[:=–-][ \t]*$"
)
# "– East Avenue Medical Center: 14" under "the injured had been taken to:".
_LIST_ITEM_LEFT = re.compile(r"(?P<item>\n)[ \t]*[-–—•*][ \t]*(?P<label>[^\n:0-9]{2,60}):[ \t]*$")
# The marks between a table cell's label and its count: one must stand before the count.
_TABLE_MARKS = ":=–-"
_LIST_ITEM_LINE = re.compile(
    r"[ \t]*[-–—•*][ \t]*[^\n:0-9]{2,60}:[ \t]*[0-9][0-9,]*[ \t]*\.?[ \t]*$"
)
_LIST_HEADING = re.compile(
    r"(?i:\b(?P<noun>injured|wounded|dead|bodies|casualties|deceased|victims|patients)\b"
    r"[^\n:]{0,80}:[ \t]*$)"
)


_PRECAUTION_AFTER = re.compile(r"\s+(?i:as\s+a\s+precaution|as\s+a\s+precautionary|preventively)\b")
# The end of a table cell: a line end, or ";" / "|" between cells ("Deaths: 14; injured: 52").
_LINE_END = re.compile(r"[ \t]*\.?[ \t]*(?:\n|$|[;|])")
_FORCED_LEFT = re.compile(r"(?i:\b(?:forc(?:ed|ing|es|e)|order(?:ed|ing|s)?)\s+)$")
# "had taken 22 people to hospitals", "treated 20 more at the scene", "attended 63 patients".
_CARE_LEFT = re.compile(
    r"(?i:\b(?:took|taken|taking|takes|conveyed|conveying|transported|transporting|rushed"
    r"|rushing|airlifted|treated|treating|attended|attending)\s+)$"
)
_CARE_TAIL = re.compile(
    rf"(?:\s+(?i:more|other|further|additional|injured|wounded))?(?:\s+(?P<group>{GROUP}))?"
    r"\s+(?i:to\s+(?:(?:the|a|local|nearby|various|several|area|different|two|three|four)\s+)*"
    r"(?:hospitals?|trauma\s+cent(?:re|er)s?|medical\s+facilities)|at\s+the\s+(?:scene|roadside)"
    r"|on\s+(?:the\s+)?scene|for\s+(?:\w+\s+){0,2}?(?:injuries|wounds|burns))\b"
    rf"|\s+(?P<patients>(?:{_MODIFIER}\s+)?(?i:patients|casualties))\b"
)
# "searching the rubble for four people": people still missing under the debris.
_SEARCH_LEFT = re.compile(
    r"(?i:\bsearch(?:ing|ed|es)?\s+(?:(?:the|through\s+the)\s+)?(?:rubble|debris|wreckage"
    r"|waters?|sea|river|ruins)\s+for\s+)$"
)
_FORCED_TAIL = re.compile(
    rf"(?:\s+(?P<group>{GROUP}))?\s+(?i:to\s+(?:flee|evacuate|leave)|from\s+their\s+homes)\b"
)
_LEFT_TAIL = re.compile(
    rf"(?:\s+(?P<group>{GROUP}))?\s+"
    r"(?P<outcome>(?i:dead|deads|injured|wounded|hurt|homeless|missing|displaced|stranded)\b)"
)
_TOLL_LEFT = re.compile(
    r"(?i:\b(?P<toll>death\s+toll|toll|number\s+of\s+(?:[\w-]+\s+)?(?:the\s+|confirmed\s+)?"
    r"(?:(?:people|persons)\s+)?"
    r"(?:dead|deaths|fatalities|killed|victims|injured|wounded|injuries|missing|displaced|hurt"
    r"|arrests|arrested|detained|casualties|martyrs)|casualty\s+(?:toll|count|figure)|body\s+count"
    r"|fatality\s+(?:toll|count)|injury\s+toll)\b"
    r"(?:[^.!?;]|\.(?=[0-9])){0,140}?\b(?:to|at|of|reach|reached|hit|hits|reaches|is|was|now|stands\s+at"
    r"|stood\s+at|climbed\s+past|passed|surpassed|topped|exceeded|from)\s*:?\s+"
    r"|\bnumber\s+of\s+(?P<withnoun>deaths|fatalities|dead|victims|injuries|injured),\s+with\s+"
    # "Overdose deaths in British Columbia fell to 2,253"
    r"|\b(?P<moved>deaths|fatalities)\b(?:[^.!?;]|\.(?=[0-9])){0,60}?\b(?:rose|risen|fell|fallen|climbed"
    r"|dropped|increased|decreased|declined|jumped|reached|totall?ed)\s+(?:to\s+)?)$"
)
_LIVES_LEFT = re.compile(
    r"(?i:\b(?:claimed|claiming|claims|cost|costing|costs|took|taking|takes|taken)\s+"
    r"(?:the\s+lives\s+of\s+)?)$"
)
_LIVES_TAIL = re.compile(r"\s+(?i:lives)\b")
_LIVES_OF_GROUP = re.compile(rf"\s+(?P<group>{GROUP})")
_SUBCOUNT_LEFT = re.compile(
    r"(?i:\b(?:including(?:\s+the)?|among\s+them|among\s+whom|of\s+whom|of\s+which|among\s+those"
    r"|of\s+them|of\s+these|of\s+it"
    r"|between\s+them|amongst\s+them|among\s+these"
    r"|(?:among|between)\s+the\s+(?:dead|deceased|victims|killed|injured|wounded|casualties"
    r"|martyrs)(?:\s+ones)?(?:\s+(?:there\s+)?(?:were|are|was|is|figured?|figures))?)\s+)$"
)
_AND_LEFT = re.compile(r"(?i:^\s*(?:,\s*)?(?:and|as\s+well\s+as|plus)\s+)$")
# "... 25 in Mississippi", "307 across eastern England": where part of a claim's count was.
_PLACE_WORD = r"(?i:at|in|inside|across|on|outside|near|from)"
_PLACE = rf"\s+{_PLACE_WORD}\s+(?=[\w])(?!(?i:the\s+)?(?:[0-9]|hospital\b|custody\b))"
# ", six at the bar and three at hospitals": a distribution of the claim just before.
_DISTRIBUTION_TAIL = re.compile(
    rf"(?P<place>\s+{_PLACE_WORD}\s+[^,.;:!?—–()]{{1,50}}?)(?=\s+(?i:and)\s+{COUNT}\s+{_PLACE_WORD}\b)"
)
_PLACE_TAIL = re.compile(rf"{_PLACE}[^,.;:!?—–()]{{0,50}}?(?=\s*(?:$|[,.;:!?—–()])|\s+(?i:and)\b)")
_PARALLEL_COMMA_BETWEEN = re.compile(rf"\s+{_PLACE_WORD}\s+[^,.;:!?—–()]{{1,50}}?\s*,\s*")
# "60 of those killed were children and 29 were women"
_PARALLEL_PART_BETWEEN = re.compile(
    r"\s+(?i:were|are|was)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*,?\s+(?i:and)\s+"
)
_DISTRIBUTION_LEFT = re.compile(r"[,—–:(]\s*$")
_PARALLEL_BETWEEN = re.compile(rf"\s+{_PLACE_WORD}\s+[^,.;:!?—–()]{{1,50}}?\s+(?i:and)\s+")
# "Of the 441 recorded deaths, 73 were children": a part of the noun's (earlier) count.
_OF_THE_NOUN_LEFT = re.compile(
    r"(?i:\bof\s+(?:the|these|those)\s+(?:[\w-]+\s+){0,3}?(?P<noun>dead|deaths|bodies|victims"
    r"|fatalities|killed|injured|wounded|casualties|arrested|detained|missing|displaced)\s*,\s+)$"
)
_PART_TAIL = re.compile(rf"\s+(?i:were|are|was)\s+(?P<group>{GROUP})")
# "the detained included 2 journalists", "the wounded exceeded 1,200".
_THE_NOUN_LEFT = re.compile(
    r"(?i:\bthe\s+(?P<noun>dead|deceased|detained|arrested|injured|wounded|missing|displaced"
    r"|killed|victims)\s+(?P<verb>included|include|includes|exceeded|exceeds|reached|reaches"
    r"|numbered|numbers|totall?ed|totals|stood\s+at|stands\s+at|rose\s+to|climbed\s+to"
    r"|now\s+stands?\s+at)\s+)$"
)
_THE_NOUN_LAST_WORDS = final_words(_THE_NOUN_LEFT.pattern)
_SEVERITY = (
    r"(?i:in\s+(?:a\s+)?(?:critical|serious|grave|life-threatening|alarming)\s+(?:state|condition)"
    r"|in\s+intensive\s+care"
    r"|heavy|heavily|critically|seriously|severely|badly|gravely|fatally|mortally|lightly"
    r"|slightly)\b"
)
_SUBCOUNT_TAIL = re.compile(
    rf"(?:\s+(?i:were|are|was))?\s+(?P<group>{GROUP})"
    rf"|(?:\s+(?i:were|are|was|is|remain|remained|remains))?\s+{_SEVERITY}"
    rf"|{_PLACE}"
)
# "..., 1,404 of them critically" / ", two seriously": a part of the claim just before.
_PART_OF_PREVIOUS_TAIL = re.compile(
    rf"(?:\s+(?i:of\s+(?:them|whom|those)))?\s+{_SEVERITY}"
    rf"|\s+(?i:of\s+(?:them|whom))\s+{GROUP}"
)
_LOST_LEFT = re.compile(r"(?i:\b(?:lost|losing|loses|lose)\s+)$")
_LOST_TAIL = re.compile(
    rf"\s+(?:(?i:of\s+(?:our|their|his|her|its|my|your)\s+)(?P<owned>{GROUP})|(?P<group>{GROUP})"
    r"|(?i:of\s+(?:our|their|his|her|its|my|your)\s+own)\b)"
)
# "lost 1,120 personnel" (a tally of losses), "lost 2 major clients" (business): not deaths.
_MILITARY_LOSSES = re.compile(
    r"(?i:\b(?:personnel|clients|customers|subscribers|members|fans|voters|supporters|shoppers"
    r"|diners|guests|tourists|visitors|passengers)\b)"
)
_DAILY_AFTER = re.compile(
    r"\s+(?i:in\s+(?:the\s+)?(?:past|last)?\s*(?:24|twenty-four)\s+hours|over\s+the\s+(?:past|last)"
    r"\s+(?:day|24\s+hours|week)|in\s+(?:a|one)\s+(?:single\s+)?day|per\s+day|a\s+day)\b"
)
_TAKEN_LEFT = re.compile(r"(?i:\b(?:took|taken|taking|takes|take)\s+)$")
_CUSTODY_TAIL = re.compile(
    rf"(?:\s+(?P<group>{GROUP}))?\s+(?i:into\s+(?:police\s+|military\s+)?custody)\b"
)
_EVACUATION_ORDER_LEFT = re.compile(
    r"(?i:\bevacuation\s+orders?\s+(?:now\s+|currently\s+)?(?:cover|covers|covering|covered"
    r"|affect|affects|affecting|affected)\s+)$"
)
_TOTAL_LEFT = re.compile(
    r"(?i:\b(?:bringing|taking|raising|pushing|brought|took|raised|pushed)\s+the\s+"
    r"(?:total|tally|figure|number|overall\s+toll|toll)\s+(?:\w+\s+){0,3}?to\s+)$"
)
_QUANTITY_TAIL = re.compile(rf"\s+(?P<group>{GROUP})")
_AGE_OR_UNIT_LEFT = re.compile(
    r"(?i:\b(?:aged?|ages|age\s+of|magnitude|number|no\.|flight|route|highway|room|page"
    r"|chapter|article|section|level|grade|category|platform|gate|terminal|district|zone)\s*)$"
    r"|(?i:\bno\s+|\bnone\s+of\s+(?:the\s+|those\s+)?)$|[$€£¥#]\s*$"
    r"|(?:"
    + "|".join([*MONTHS, *(rf"{abbreviation}\.?" for abbreviation in MONTH_ABBREVIATIONS)])
    + r")\s+$"
)
# The last words before a count that _AGE_OR_UNIT_LEFT can match; others skip the search.
_EXCLUDING_LAST_WORDS = final_words(_AGE_OR_UNIT_LEFT.pattern)
_COUNTERFACTUAL_LEFT = re.compile(
    r"(?i:\b(?:one|[0-9]{1,3})\s+in\s+"
    r"|\b(?:prevented|preventing|prevents|averted|averting|avoided|saved|saving|saves)\s+"
    r"(?:(?:an\s+estimated|about|around|some|nearly|over|more\s+than|at\s+least)\s+)?)$"
)
_COUNTERFACTUAL_LAST_WORDS = final_words(_COUNTERFACTUAL_LEFT.pattern)
_PLACE_PREPOSITIONS = frozenset("in at near across outside inside".split())
_RATIO_WORDS = frozenset(["one", *(str(number) for number in range(1, 1000))])
_AGE_LIST_LEFT = re.compile(
    r"(?i:\b(?:aged?|ages)\s+[0-9]{1,3}(?:\s*,\s*[0-9]{1,3})*\s*(?:,|and|or|to|-)\s*)$"
)
# A capitalised word right before a count names a thing ("Boeing 737", "Interstate 95").
_NAME_BEFORE = re.compile(
    r"(?<![.!?:]\s)(?<![.!?:]\s\s)\b(?!(?:The|All|Some|About|Around|Nearly|At|Over|Another|Only|"
    + "|".join(WEEKDAYS)
    + r"|And|But|Of|Among|Including)\b)"
    r"[A-Z][\w’'-]*\s+$"
)
_SINGLE_NUMBER = re.compile(SINGLE_NUMBER)
_HYPHEN_JOINED = re.compile(r"[0-9][-–—][0-9]")
_YEAR = re.compile(r"^(?:1[89][0-9]{2}|20[0-9]{2})$")

NEGATION = re.compile(
    r"(?i:\b(?:no|zero)\s+(?P<modifiers>(?:(?:known|reported|confirmed|other|further|serious"
    r"|major|human|civilian|fatal|additional|new|military|more|fresh|[a-z]+-related)\s+){0,3})"
    r"(?P<noun>casualties|casualty|deaths?|fatalities|injuries|injury|injured|dead|deceased"
    r"|homicides|loss\s+of\s+life|arrests?)\b"
    r"(?:\s+(?:or|and|nor)\s+(?:(?:serious|major|fatal)\s+)?(?P<noun2>casualties|deaths|fatalities"
    r"|injuries|injury|loss\s+of\s+life|arrests?)\b)?"
    r"|\bno\s+(?:immediate\s+)?reports?\s+of\s+(?:any\s+)?(?:[\w-]+\s+(?:or|and)\s+)?(?P<reported>casualties|casualty|injuries|injury|deaths?|fatalities)\b"
    r"|\b(?:no\s+one|no-one|nobody|none)(?:\s+(?:else|of\s+(?:them|the\s+\w+(?:\s+\w+)?)))?"
    r"(?:\s+(?:inside|in|on|at|aboard)\s+[^,.;]{1,40}?)?(?:\s*,[^.;]{1,100}?,)?"
    r"\s+(?:(?:was|were|has|had|been|be|is|are|got|reported|seriously|badly|immediately|now)\s+)*"
    r"(?P<verb>killed|hurt|injured|wounded|harmed|died|dead|missing|arrested|detained"
    r"|in\s+custody|unaccounted\s+for|lost\s+(?:(?:his|her|their|a|the)\s+)?li(?:fe|ves)"
    r"|hospitali[sz]ed|taken\s+to\s+(?:a\s+|the\s+)?hospital)\b"
    r"(?:\s+(?:or|and|nor)\s+(?:\w+ly\s+)?(?P<verb2>killed|hurt|injured|wounded|harmed|died"
    r"|missing|arrested|detained)\b)?"
    r"|\bwithout\s+(?:any\s+)?(?:(?:recording|reporting|causing)\s+(?:any\s+)?)?"
    r"(?P<without>casualties|injuries|loss\s+of\s+life)\b"
    r"|\bno\s+(?:life|lives)\s+(?:(?:was|were|has|have|had|been)\s+){1,2}(?P<lost>lost)\b)"
    rf"|\b(?i:no)\s+(?P<nogroup>(?:{_MODIFIER}\s+){{0,2}}{_PERSON_NOUN})"
    # "no member of the public", "no citizen of ours"
    r"(?:\s+(?i:of)\s+(?:(?i:ours|theirs)|(?i:the|its|our|their)\s+[\w-]+(?:\s+[\w-]+)?))?\s+"
    r"(?i:(?:were|was|have\s+been|has\s+been|had\s+been|are|is)\s+(?:\w+ly\s+)?"
    r"(?P<grouped>killed|hurt|injured|wounded|harmed|dead|missing|arrested|detained|martyred"
    r"|in\s+custody)\b"
    r"(?:\s+(?:or|and|nor)\s+(?:\w+ly\s+)?(?P<grouped2>killed|hurt|injured|wounded|harmed"
    r"|missing|arrested|detained)\b)?)"
    r"|\b(?i:none\s+of\s+(?:the|them|those)\b[^.;!?]{0,60}?\s+(?:were|was|had\s+been|have\s+been)"
    r"\s+(?:\w+ly\s+)?(?P<none>killed|hurt|injured|wounded|harmed|missing)\b"
    r"(?:\s+(?:or|and|nor)\s+(?:\w+ly\s+)?(?P<none2>killed|hurt|injured|wounded|harmed"
    r"|missing)\b)?)"
)
_NEGATION_SECOND_GROUPS = ("noun2", "verb2", "grouped2", "none2")
SINGULAR_NOUN = r"(?i:[0-9]{1,3}-year-old|" + word_alternation(SINGULAR_PERSON_NOUNS) + r")\b"
_SINGULAR_SUBCOUNT = re.compile(
    r"(?i:\b(?:including|among\s+them|among\s+whom|of\s+whom)\s+)"
    rf"(?P<group>(?i:a|an|one)\s+(?:[\w-]+\s+)?(?:{SINGULAR_NOUN}|(?i:minor|foreigner"
    r"|newborn|police\s+officer|pregnant\s+woman)\b))"
)
_SINGULAR = re.compile(
    # "\b(?i:a|an|another|his|her|their)\s+" led by one class (case folding adds no other
    # character to a, h or t), the word start tested after it (see _NEGATION_CUE): the scan
    # skips to those six letters.
    r"[aAhHtT](?<!\w.)(?:(?<=[aA])(?i:|n|nother)|(?<=[hH])(?i:is|er)|(?<=[tT])(?i:heir))\s+"
    rf"(?P<group>(?:(?:{_MODIFIER}|[0-9]{{1,3}}-year-old)\s+){{0,3}}{SINGULAR_NOUN}"
    r"|(?i:third|fourth|fifth)(?=\s+(?:was|is|has|had)\s))"
    r"(?:\s+(?:from|of|in)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?"
    # "A 61-year-old man from Penrith, the coach driver, was arrested"
    r"(?:\s*,\s*(?i:the|a|an|his|her)\s+[^,.;:!?]{1,40},)?"
    r"(?:\s+(?P<aux>(?:(?:was|has\s+been|had\s+been|is|got|reportedly|also|later|allegedly"
    r"|seriously|critically|badly|slightly|lightly|gravely|severely|moderately|fatally|found"
    r"|shot|shot\s+and|stabbed\s+and|struck\s+and|hit\s+and|run\s+over\s+and|pronounced"
    r"|who(?=\s+(?:was|had|has|died|later)\b))\s+)+)"
    r"(?P<outcome>(?i:killed|died|dead|injured|wounded|hurt|arrested|detained|missing"
    r"|taken\s+into\s+custody|among\s+the\s+(?:dead|victims|killed|injured|wounded)"
    r"|(?:hacked|stabbed|beaten|burned|burnt|crushed|shot|trampled|bludgeoned)\s+to\s+death"
    r"|shot\s+dead|shot(?!\s+(?:and|dead|to\s+death)\b)"
    r"|found\s+with\s+(?:a\s+|multiple\s+)?(?:gunshot|stab|knife|bullet)\s+wounds?)\b)"
    r"|\s+(?P<active>(?i:died|suffered\s+(?:\w+\s+){0,2}?(?:injuries|injury|burns|burn|wounds"
    r"|wound)|sustained\s+(?:\w+\s+){0,2}?(?:injuries|injury|burns|wounds))\b))"
)

# "killing a 71-year-old man", "injured a third": one person after an outcome verb.
_VERB_SINGULAR = re.compile(
    r"(?i:\b(?:killing|killed|kills|injuring|injured|wounding|wounded|arresting|arrested"
    r"|detaining|detained)\s+(?:a|an)\s+)"
    rf"(?P<group>(?:(?:{_MODIFIER}|[0-9]{{1,3}}-year-old)\s+){{0,3}}{SINGULAR_NOUN}"
    r"|(?i:third|fourth|fifth)\b)"
)
_SINGULAR_CUE = re.compile(
    r"kill|die|dead|death|injur|wound|hurt|arrest|detain|missing|shot|custody|among"
    r"|suffer|sustain"
)
_VERB_SINGULAR_CUE = re.compile(r"(?:kill|injur|wound|arrest|detain)\w*\s+an?\s")
_AND_SINGULAR_CUE = re.compile(r"a(?<!\w.)nd\s+an?\s")  # "\band": see _NEGATION_CUE
_SINGULAR_SUBCOUNT_CUE = re.compile(r"includ|among|whom")
# A toll noun one of the toll patterns needs ("fatalities rose to" once went missing by hand).
_TOLL_WORDS = ("toll", "count", "number", "figure", "deaths", "fatalities")
# "killed 4 students and a teacher", "six officers and a priest were killed": one more.
_AND_SINGULAR = re.compile(
    rf"(?i:\band\s+(?:a|an)\s+)(?P<group>(?:{_MODIFIER}\s+){{0,2}}{SINGULAR_NOUN})"
)

_OUTCOME_BY_WORD = {
    "kill": "killed",
    "dead": "killed",
    "die": "killed",
    "deat": "killed",
    "fata": "killed",
    "peri": "killed",
    "drow": "killed",
    "murd": "killed",
    "slai": "killed",
    "slau": "killed",
    "exec": "killed",
    "mass": "killed",
    "lost their lives": "killed",
    "bodi": "killed",
    "live": "killed",
    "died": "killed",
    "mart": "killed",
    "homi": "killed",
    "elim": "killed",
    "corp": "killed",
    "elec": "killed",
    "deca": "killed",
    "behe": "killed",
    "trap": "missing",
    "suff": "injured",
    "sust": "injured",
    "trea": "injured",
    "shot": "injured",
    "casu": "killed",
    "toll": "killed",
    "body": "killed",
    "loss": "killed",
    "vict": "killed",
    "caus": "killed",
    "led ": "killed",
    "resu": "killed",
    "inju": "injured",
    "woun": "injured",
    "hurt": "injured",
    "harm": "injured",
    "hosp": "injured",
    "miss": "missing",
    "unac": "missing",
    "disa": "missing",
    "disp": "displaced",
    "fled": "displaced",
    "home": "displaced",
    "evac": "displaced",
    "forc": "displaced",
    "made": "displaced",
    "lost their homes": "displaced",
    "upro": "displaced",
    "stra": "displaced",
    "arre": "arrested",
    "deta": "arrested",
    "capt": "arrested",
    "appr": "arrested",
    "take": "arrested",
    "in c": "arrested",
    "succ": "killed",
    "dete": "arrested",
    "dece": "killed",
    "roun": "arrested",
    "relo": "displaced",
    "move": "displaced",
    "tran": "displaced",
    "whos": "missing",
    "rece": "injured",
    "admi": "injured",
    "ende": "injured",
    "with": "injured",
    "diag": "injured",
    "stab": "injured",
    "surv": "injured",
    "orde": "displaced",
    "book": "arrested",
    "conv": "injured",
    "neut": "killed",
    "gunn": "killed",
    "bury": "killed",
    "buri": "killed",
    "shoo": "killed",
    "foun": "injured",
}
# "raised the death toll from landslides and flooding in the valley from 21 to 34": a change
# verb may name the toll and its cause before "from" (words, no clause break); "passed from 21
# to 34" is how translations write it. "up"/"down" alone keep a short reach.
# How far before a range its revision verb may stand (characters).
REVISED_FROM_REACH = 120
REVISED_FROM = re.compile(
    r"(?i:\b(?:(?:rose|risen|rising|rises|climbed|climbing|increased|increasing|jumped|grew"
    r"|grown|soared|revised|raised|raising|passed|went\s+up|gone\s+up|fell|fallen|falling"
    r"|dropped|dropping|decreased|declined|lowered|went\s+down|gone\s+down)"
    r"\s+(?:[\w'’-]+\s+){0,12}?|(?:up|down)\s+(?:\w+\s+){0,2}?)from\s+)$"
)
# "raised the toll to 95, up from 62": the superseded figure is not a claim.
SUPERSEDED_LEFT = re.compile(
    r"(?i:\b(?:up|down)\s+from\s+(?:the\s+)?|\b(?:to|at)\s+[0-9][0-9,]*\s+from\s+"
    r"|\b(?:initially|originally|previously|first)\s+(?:reported|said|put|gave|given|announced"
    r"|cited|counted)\s+(?:(?:a|the)\s+(?:death\s+)?toll\s+(?:of|at)\s+)?"
    r"|\b(?:earlier|previous|initial|original|prior)\s+(?:death\s+)?(?:toll|figure|estimate"
    r"|count|tally)\s+(?:of\s+)?"
    # "An earlier toll given on Tuesday had put the number of dead at 36"
    r"|\b(?:earlier|previous|initial|original|prior)\s+(?:death\s+)?(?:toll|figure|estimate"
    r"|count|tally)\s[^.;]{0,40}?\b(?:put|placed|stood|gave|given)\b[^.;]{0,30}?\s(?:at|of)\s+)$"
)
# Derived: the hand-typed set once lacked "the" ("up from the 40 people killed").
SUPERSEDED_LAST_WORDS = final_words(SUPERSEDED_LEFT.pattern)
# "one death every 26 seconds", "3 deaths per 100,000 people": a rate, not a count of victims.
_RATE_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?i:every\s+(?:[0-9.]+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?)"
    r"|per\s+(?:[0-9,]+|capita|hundred|thousand|million))\b"
)
_ALL_OUTCOME_AFTER = re.compile(
    r"[^.;!?\"“”]{0,60}?,?\s+(?i:and\s+all\s+(?:of\s+them\s+|(?:four|five|six|seven|eight|nine"
    r"|ten|[0-9]+)\s+)?(?:had\s+|have\s+|were\s+|has\s+)?(?:since\s+|later\s+)?(?:been\s+)?"
    r"(?P<outcome>arrested|detained|killed|injured|wounded|hospitali[sz]ed)\b)"
)
# "... and 5 others still trapped": the added count has its own, non-casualty predicate.
_OTHER_PREDICATE = re.compile(
    r"\s+(?i:still|remain|remained|remains|are|were|was|is|have|had|trapped|rescued|survived"
    r"|escaped|stranded|safe|unharmed)\b"
)
# "47 wounded patients on Saturday, 12 of whom were children": a part of the previous claim.
_OF_WHOM_TAIL = re.compile(
    rf"\s+(?i:of\s+(?:whom|them))\s+(?:(?i:were|are|was|being)\s+)?(?:{GROUP}|(?i:with)\b)"
)
_NAMED_SUBCOUNT = re.compile(
    r"(?i)(?:among|between)\s+the\s+(\w+)(?:\s+ones)?(?:\s+there)?"
    r"\s*(?:were|are|was|is|figured?|figures)?\s*$"
)
_PART_SEPARATOR = re.compile(r"(?i:\s*(?:dead|killed|injured|wounded|deaths|martyrs)?\s*,\s*)")
_LATER_OUTCOME = re.compile(rf"[^.;!?]{{0,40}}?\b(?P<outcome>{_OUTCOME_AFTER})")
_FATALLY = re.compile(r"(?i)fatally|mortally")


@dataclass(frozen=True, slots=True)
class CountClaim:
    """A located casualty or quantity: the span, the count and what happened to whom."""

    kind: str
    start: int
    end: int
    outcome: str | None
    count: Count | None
    group: str
    inherited: bool = False
    rule: str = ""


def outcome_for(word: str) -> str | None:
    """Map an outcome word or phrase ("wounded", "death toll", "fled") to its outcome."""
    lowered = " ".join(word.lower().split())
    if lowered.endswith(("to death", "shot dead")):
        return "killed"
    if "hospital" in lowered or lowered.endswith(("unit", "units", "care", "centre", "center")):
        return "injured"
    if lowered.startswith(("among ", "between ")):
        return _OUTCOME_BY_WORD.get(lowered.split()[-1][:4])
    if lowered.startswith("lost") and " li" in lowered:
        return "killed"
    if lowered.endswith(("deaths", "fatalities")):
        return "killed"
    if lowered.startswith("taken to"):
        return "displaced"
    if lowered.startswith("report"):
        return _OUTCOME_BY_WORD.get(lowered.split()[-1][:4])
    for key in ("lost their lives", "lost their homes"):
        if lowered.startswith(key):
            return _OUTCOME_BY_WORD[key]
    if "toll" in lowered or "number of" in lowered or "count" in lowered:
        for part in reversed(lowered.split()):
            outcome = _OUTCOME_BY_WORD.get(part[:4])
            if outcome:
                return outcome
        return "killed"
    return _OUTCOME_BY_WORD.get(lowered[:4])


@dataclass(frozen=True, slots=True)
class Mention:
    """A count in the text with the hedge before it: ``text[start:end]`` covers both."""

    start: int
    end: int
    count_start: int
    count_text: str
    qualifier: str


# A rule's verdict that the count is no claim at all (the later rules are not tried).
REJECT = "reject"


@dataclass(slots=True)
class Scan:
    """One sentence ``text[start:end]`` being read, with the claims the count rules found.

    ``rule`` is the name of the sentence rule running, so the claims it builds with :meth:`zero`
    and :meth:`one` carry it.
    """

    text: str
    start: int
    end: int
    lowered: str
    may_have_outcome: bool
    claims: list[CountClaim]
    rule: str = ""

    def zero(self, start: int, end: int, outcome: str | None, group: str) -> CountClaim:
        return CountClaim("casualty", start, end, outcome, Count(0, 0), group, False, self.rule)

    def one(
        self, start: int, end: int, outcome: str | None, group: str, inherited: bool = False
    ) -> CountClaim:
        return CountClaim("casualty", start, end, outcome, Count(1, 1), group, inherited, self.rule)


@dataclass(slots=True)
class At:
    """One count of a sentence being tried against the count rules, with the text before it.

    ``left`` is up to 160 characters before the mention (from ``left_start``), ``near_words``
    the words of the 40 before it. ``rule`` is the name of the rule being tried, so the claims
    a rule builds with :meth:`casualty` and :meth:`quantity` carry it.
    """

    scan: Scan
    mention: Mention
    count: Count
    left_start: int
    left: str
    near: int
    near_words: list[str]
    rule: str = ""

    def casualty(
        self, start: int, end: int, outcome: str | None, group: str = "", inherited: bool = False
    ) -> CountClaim:
        return CountClaim("casualty", start, end, outcome, self.count, group, inherited, self.rule)

    def quantity(self, end: int, group: str) -> CountClaim:
        return CountClaim(
            "quantity", self.mention.start, end, None, self.count, group, False, self.rule
        )

    def last_near_word(self) -> str:
        return self.near_words[-1].lower() if self.near_words else ""


def _normalise_group(group: str | None) -> str:
    if not group:
        return ""
    cleaned = " ".join(group.split())
    return "civilians" if cleaned.lower() == "civilian" else cleaned


def _group_of(match: re.Match[str]) -> str:
    group = match.groupdict().get("group") or ""
    return "" if group.lower().startswith("of ") else _normalise_group(group)


def _group_end(match: re.Match[str], mention_end: int) -> int:
    """Where a claim ends whose count may be followed by its group: after the group, if any."""
    return match.end("group") if match.group("group") else mention_end


def _after_first_number(mention: Mention) -> int:
    """Where to look next after a rejected mention: the second number of a range written with
    words ("October 7 to 34,183") gets its chance; a hyphenated one ("737-800") does not."""
    count_text = mention.count_text
    if _HYPHEN_JOINED.search(count_text):
        return mention.end
    first = _SINGLE_NUMBER.search(count_text)
    return mention.count_start + (first.end() if first else len(mention.count_text))


def _is_excluded(text: str, mention: Mention, start: int) -> bool:
    """Counts that are ages, dates, prices, "no one", or part of a name ("Boeing 737")."""
    left = text[max(start, mention.start - 30) : mention.start]
    words = left.split()
    if not words:
        return False
    last = words[-1]
    if (last[-1] in "$€£¥#" or last.lower().rstrip(".") in _EXCLUDING_LAST_WORDS) and (
        _AGE_OR_UNIT_LEFT.search(left)
    ):
        return True
    if (
        (last in ("and", "or", "to", "-") or last[-1] == ",")
        and "age" in left
        and _AGE_LIST_LEFT.search(left)
    ):
        # "Two men aged 30 and 41 were arrested": the later ages of a list.
        return True
    lowered_last = last.lower()
    if (
        lowered_last in _COUNTERFACTUAL_LAST_WORDS
        and (lowered_last != "in" or (len(words) > 1 and words[-2].lower() in _RATIO_WORDS))
        and _COUNTERFACTUAL_LEFT.search(left)
    ):
        # "1 in 5 workers" (a ratio), "prevented 40,000 deaths", "saved 300 lives".
        return True
    if not last[0].isupper():
        return False
    if len(words) > 1 and words[-2].lower() in _PLACE_PREPOSITIONS:
        # "while in Odesa 4 people were hurt": a place, not a model number.
        return False
    name = _NAME_BEFORE.search(left)
    return name is not None and mention.start - len(left) + name.start() > start


# --- Count rules: each takes an :class:`At` and returns a claim, REJECT or None (not mine). ---


def _age_date_price_or_name(at: At) -> str | None:
    return REJECT if _is_excluded(at.scan.text, at.mention, at.scan.start) else None


def _rate(at: At) -> str | None:
    return REJECT if _RATE_AFTER.match(at.scan.text, at.mention.end, at.scan.end) else None


def _superseded_figure(at: At) -> str | None:
    text, mention = at.scan.text, at.mention
    before = text[max(at.scan.start, mention.start - 90) : mention.start]
    last_words = before[-14:].split()
    if (
        last_words
        and last_words[-1].lower() in SUPERSEDED_LAST_WORDS
        and SUPERSEDED_LEFT.search(before)
    ):
        return REJECT
    return None


def _year(at: At) -> str | None:
    if _YEAR.match(at.mention.count_text) and not _QUANTITY_TAIL.match(
        at.scan.text, at.mention.end, at.scan.end
    ):
        return REJECT
    return None


def _list_item(at: At) -> CountClaim | None:
    text, mention = at.scan.text, at.mention
    if ":" not in text[max(0, mention.start - 12) : mention.start]:
        return None
    item = _LIST_ITEM_LEFT.search(text, max(0, mention.start - 80), mention.start)
    if item is None or not _LINE_END.match(text, mention.end, at.scan.end):
        return None
    outcome = _list_heading_outcome(text, item.start("item"))
    return None if outcome is None else at.casualty(item.start("label"), mention.end, outcome)


def _table(at: At) -> CountClaim | None:
    if not any(mark in at.left[-12:] for mark in _TABLE_MARKS):
        return None
    table = _TABLE_LEFT.search(at.left)
    if table is None or not _LINE_END.match(at.scan.text, at.mention.end, at.scan.end):
        return None
    outcome = outcome_for(table.group("label"))
    return at.casualty(at.left_start + table.start("label"), at.mention.end, outcome)


def _verb_before_count(at: At) -> CountClaim | None:
    if at.last_near_word() not in _VERB_FIRST_LAST_WORDS:
        return None
    text, mention = at.scan.text, at.mention
    verb = _VERB_FIRST_LEFT.search(text, at.near, mention.start)
    following = _GROUP_OR_BOUNDARY.match(text, mention.end, at.scan.end) if verb else None
    if following is None:
        return None
    # After "killed a woman and her", the first victim is a claim of its own.
    after_first_victim = verb.group().endswith(("his ", "her ", "their "))
    return at.casualty(
        mention.start if after_first_victim else verb.start(),
        _group_end(following, mention.end),
        outcome_for(verb.group()),
        _group_of(following),
    )


def _count_before_outcome(at: At) -> CountClaim | None:
    text, mention, start, end = at.scan.text, at.mention, at.scan.start, at.scan.end
    tail = _COUNT_FIRST.match(text, mention.end, end)
    if tail is None or (
        (
            tail.group("comma")
            and not (
                tail.group("group")
                and text[max(start, mention.start - 2) : mention.start].startswith(",")
            )
        )
        or "\n" in text[mention.end : tail.start("outcome")]
        or _PRECAUTION_AFTER.match(text, tail.end(), end)
        or _RELEASED_AFTER.match(text, tail.end(), end)
        or (tail.group("outcome").lower().startswith("in ") and not tail.group("aux").strip())
    ):
        return None
    outcome = outcome_for(tail.group("outcome"))
    if outcome == "injured" and _FATALLY.search(tail.group("aux")):
        outcome = "killed"
    return at.casualty(mention.start, tail.end(), outcome, _group_of(tail))


# Verb-before-count patterns with the tail the count needs and the outcome they give (None: the
# tail's outcome word); tried in order, each behind the gate of its pattern's last words.
_VERB_AND_TAIL_PATTERNS: tuple[tuple[re.Pattern[str], re.Pattern[str], str | None], ...] = (
    (_LEFT_LEFT, _LEFT_TAIL, None),
    (_LOST_LEFT, _LOST_TAIL, "killed"),
    (_FORCED_LEFT, _FORCED_TAIL, "displaced"),
    (_TAKEN_LEFT, _CUSTODY_TAIL, "arrested"),
    (_EVACUATION_ORDER_LEFT, _QUANTITY_TAIL, "displaced"),
    (_CARE_LEFT, _CARE_TAIL, "injured"),
    (_SEARCH_LEFT, _QUANTITY_TAIL, "missing"),
)
# Each with the only last words before a count its verb pattern can end with (held in the table:
# hashing a compiled pattern to look its gate up hashes all its code).
_VERB_AND_TAIL = tuple(
    (left, tail, outcome, final_words(left.pattern))
    for left, tail, outcome in _VERB_AND_TAIL_PATTERNS
)
# Tails whose claim runs to the end of the tail even when the rule names the outcome.
_WHOLE_TAILS = (_FORCED_TAIL, _LOST_TAIL, _CUSTODY_TAIL, _CARE_TAIL)


def _verb_and_tail(at: At) -> CountClaim | str | None:
    text, mention, end = at.scan.text, at.mention, at.scan.end
    last_word = at.last_near_word()
    for left_pattern, tail_pattern, outcome, gate in _VERB_AND_TAIL:
        if last_word not in gate:
            continue
        before = left_pattern.search(text, at.near, mention.start)
        after = tail_pattern.match(text, mention.end, end) if before else None
        if (
            after is not None
            and tail_pattern is _LOST_TAIL
            and (
                _MILITARY_LOSSES.search(after.group()) or _DAILY_AFTER.match(text, after.end(), end)
            )
        ):
            # "Russia had lost 1,120 personnel in 24 hours": a tally of losses (killed, wounded,
            # captured), not of deaths.
            return REJECT
        if before is not None and after is not None:
            found = outcome or outcome_for(after.group("outcome"))
            claim_start = mention.start if outcome is None else before.start()
            claim_end = after.end("group") if after.groupdict().get("group") else mention.end
            if outcome is None or tail_pattern in _WHOLE_TAILS:
                claim_end = after.end()
            return at.casualty(claim_start, claim_end, found, _group_of(after))
    return None


def _death_of(at: At) -> CountClaim | None:
    text, mention = at.scan.text, at.mention
    of_left = _DEATH_OF_LEFT.search(text, max(at.scan.start, mention.start - 60), mention.start)
    if of_left is None:
        return None
    after = _GROUP_OR_BOUNDARY.match(text, mention.end, at.scan.end)
    if after is None or not (after.group("group") or not of_left.group("injuries")):
        return None
    noun = of_left.group("noun")
    found = outcome_for(noun) if noun else "injured"
    if noun and noun.lower().startswith("bod"):
        found = "killed"
    return at.casualty(of_left.start(), _group_end(after, mention.end), found, _group_of(after))


def _the_noun(at: At) -> CountClaim | None:
    if at.last_near_word() not in _THE_NOUN_LAST_WORDS:
        return None
    text, mention = at.scan.text, at.mention
    the_noun = _THE_NOUN_LEFT.search(text, max(at.scan.start, mention.start - 40), mention.start)
    if the_noun is None:
        return None
    after = _GROUP_OR_BOUNDARY.match(text, mention.end, at.scan.end)
    included = the_noun.group("verb").lower().startswith("includ")
    if after is None or not (after.group("group") or not included):
        return None
    noun = the_noun.group("noun").lower()
    found = "killed" if noun in ("victims", "deceased") else outcome_for(noun)
    end = _group_end(after, mention.end)
    return at.casualty(the_noun.start(), end, found, _group_of(after), inherited=included)


def _toll(at: At) -> CountClaim | None:
    left = at.left
    lowered_left = left.lower()
    if not any(word in lowered_left for word in _TOLL_WORDS):
        return None
    toll = _TOLL_LEFT.search(left)
    while toll is not None:
        # "updated the toll: the number of injured has risen to 17": the nearest toll noun.
        nearer = _TOLL_LEFT.search(left, toll.start() + 1)
        if nearer is None:
            break
        toll = nearer
    if toll is None or not _GROUP_OR_BOUNDARY.match(at.scan.text, at.mention.end, at.scan.end):
        return None
    outcome = outcome_for(toll.group("toll") or toll.group("withnoun") or "deaths")
    return at.casualty(at.left_start + toll.start(), at.mention.end, outcome)


def _lives(at: At) -> CountClaim | None:
    text, mention = at.scan.text, at.mention
    lives = _LIVES_LEFT.search(text, at.near, mention.start)
    if lives is None:
        return None
    of_lives = lives.group().lower().endswith("of ")
    lives_tail = (_LIVES_OF_GROUP if of_lives else _LIVES_TAIL).match(
        text, mention.end, at.scan.end
    )
    if lives_tail is None:
        return None
    return at.casualty(lives.start(), lives_tail.end(), "killed", _group_of(lives_tail))


def _subcount(at: At) -> CountClaim | None:
    """A sub-count ("including 13 US Marines", "... and 20 women") or a new total ("bringing
    the total to 47") takes the outcome of the casualty claim it qualifies."""
    text, mention, count, left, end = at.scan.text, at.mention, at.count, at.left, at.scan.end
    casualties = [claim for claim in at.scan.claims if claim.kind == "casualty"]
    previous = casualties[-1] if casualties else None
    of_the = None
    if "," in text[max(0, mention.start - 3) : mention.start]:
        of_the = _OF_THE_NOUN_LEFT.search(text, max(mention.start - 80, 0), mention.start)
    if of_the is not None and mention.start - len(left) <= of_the.start():
        part = _PART_TAIL.match(text, mention.end, end)
        if part is not None:
            outcome = outcome_for(of_the.group("noun"))
            return at.casualty(mention.start, part.end(), outcome, _group_of(part), True)
    follows_previous = (
        previous is not None and previous.count is not None and previous.end <= mention.start
    )
    if (
        follows_previous
        and count.high < previous.count.low
        and _DISTRIBUTION_LEFT.search(text, max(previous.end, mention.start - 3), mention.start)
    ):
        distribution = _DISTRIBUTION_TAIL.match(text, mention.end, end)
        if distribution is not None:
            return at.casualty(
                mention.start, distribution.end("place"), previous.outcome, inherited=True
            )
    parallel = follows_previous and (
        (
            _PARALLEL_BETWEEN.fullmatch(text, previous.end, mention.start) is not None
            and _PLACE_TAIL.match(text, mention.end, end) is not None
        )
        or (
            _PARALLEL_PART_BETWEEN.fullmatch(text, previous.end, mention.start) is not None
            and _PART_TAIL.match(text, mention.end, end) is not None
        )
    )
    if follows_previous and _PARALLEL_COMMA_BETWEEN.fullmatch(text, previous.end, mention.start):
        # "7 people died at the bowling alley, 8 at the bar and 3 at hospitals"
        place = _PLACE_TAIL.match(text, mention.end, end)
        if place is not None:
            return at.casualty(mention.start, place.end(), previous.outcome, inherited=True)
    continues_previous = parallel or (
        previous is not None
        and previous.end <= mention.start
        and _AND_LEFT.search(text[previous.end : mention.start])
    )
    near = max(mention.start - len(left), mention.start - 60)
    subcount = _SUBCOUNT_LEFT.search(text, near, mention.start)
    if subcount is not None or continues_previous:
        tail = _SUBCOUNT_TAIL.match(text, mention.end, end)
        if tail is None:
            return None
        place = _PLACE_TAIL.match(text, mention.end, end)
        if place is not None and not tail.group("group"):
            tail = place
        if tail.group().lower().rstrip().endswith(("survivors", "survivor", "rescuers")):
            return None
        if subcount is None and _OTHER_PREDICATE.match(text, tail.end(), end):
            return None
        named = _NAMED_SUBCOUNT.search(text, near, mention.start)
        outcome = outcome_for(named.group(1)) if named else None
        if outcome is None and previous is not None:
            outcome = previous.outcome
        if outcome is None:
            outcome = _outcome_later_in_sentence(text, tail.end(), end)
        if outcome is None:
            return None
        return at.casualty(mention.start, tail.end(), outcome, _group_of(tail), True)
    if previous is None:
        return None
    if _PART_SEPARATOR.fullmatch(text, previous.end, mention.start):
        part = _PART_OF_PREVIOUS_TAIL.match(text, mention.end, end)
        if part is not None:
            return at.casualty(mention.start, part.end(), previous.outcome, inherited=True)
    if previous.end <= mention.start:
        of_whom = _OF_WHOM_TAIL.match(text, mention.end, end)
        if of_whom is not None and previous.count is not None and count.high < previous.count.low:
            return at.casualty(mention.start, of_whom.end(), previous.outcome, inherited=True)
    if _TOTAL_LEFT.search(left):
        return at.casualty(mention.start, mention.end, previous.outcome)
    return None


def _all_of_them(at: At) -> CountClaim | None:
    """ "Police identified 14 suspects, and all had been arrested": the count's own outcome."""
    text = at.scan.text
    quantity = _QUANTITY_TAIL.match(text, at.mention.end, at.scan.end)
    if quantity is None or "all" not in text[quantity.end() : at.scan.end].lower():
        return None
    all_of = _ALL_OUTCOME_AFTER.match(text, quantity.end(), at.scan.end)
    if all_of is None:
        return None
    outcome = outcome_for(all_of.group("outcome"))
    return at.casualty(at.mention.start, all_of.end(), outcome, _group_of(quantity))


def _quantity(at: At) -> CountClaim | None:
    """A count of people with no outcome ("1,500 to 2,200 fighters")."""
    quantity = _QUANTITY_TAIL.match(at.scan.text, at.mention.end, at.scan.end)
    return None if quantity is None else at.quantity(quantity.end(), _group_of(quantity))


# --- Sentence rules: each takes the :class:`Scan`, the claims of the count rules and of the
# zero rules (``counted``) and those of the single-person rules before it (``singles``). ---


def _negations(
    scan: Scan, counted: list[CountClaim], singles: list[CountClaim]
) -> list[CountClaim]:
    """ "No one was hurt", "no known civilian casualties": a count of zero."""
    if not _NEGATION_CUE.search(scan.lowered):
        return []
    claims = []
    for match in NEGATION.finditer(scan.text, scan.start, scan.end):
        word = (
            match.group("noun")
            or match.group("reported")
            or match.group("verb")
            or match.group("without")
            or match.group("grouped")
            or match.group("none")
            or ("loss of life" if match.group("lost") else None)
        )
        modifiers = (match.group("modifiers") or "").lower()
        group = "civilians" if "civilian" in modifiers else _normalise_group(match.group("nogroup"))
        outcome = outcome_for(word)
        if outcome is not None:
            claims.append(scan.zero(match.start(), match.end(), outcome, group))
        # "No one was killed or injured", "no deaths or injuries": a zero for each outcome.
        second = next(
            (match.group(name) for name in _NEGATION_SECOND_GROUPS if match.group(name)), None
        )
        also = outcome_for(second) if second else None
        if also is not None and also != outcome:
            claims.append(scan.zero(match.start(), match.end(), also, group))
    return claims


def _overlaps_any(claims: list[CountClaim], match: re.Match[str]) -> bool:
    return any(claim.start < match.end() and match.start() < claim.end for claim in claims)


def _singular(scan: Scan, counted: list[CountClaim], singles: list[CountClaim]) -> list[CountClaim]:
    """ "A soldier was killed", "his wife was injured": one person."""
    if not _SINGULAR_CUE.search(scan.lowered):
        return []
    claims = []
    for match in _SINGULAR.finditer(scan.text, scan.start, scan.end):
        if _overlaps_any(counted, match):
            continue
        outcome = outcome_for(match.group("outcome") or match.group("active"))
        if outcome == "injured" and "fatally" in (match.group("aux") or "").lower():
            outcome = "killed"
        group = _normalise_group(match.group("group"))
        claims.append(scan.one(match.start(), match.end(), outcome, group))
    return claims


def _verb_singular(
    scan: Scan, counted: list[CountClaim], singles: list[CountClaim]
) -> list[CountClaim]:
    """ "killing a 71-year-old man", "injured a third": one person after an outcome verb."""
    if _VERB_SINGULAR_CUE.search(scan.lowered) is None:
        return []
    claims = []
    for match in _VERB_SINGULAR.finditer(scan.text, scan.start, scan.end):
        if _overlaps_any(counted, match):
            continue
        outcome = outcome_for(match.group().split()[0])
        claims.append(
            scan.one(match.start(), match.end(), outcome, _normalise_group(match.group("group")))
        )
    return claims


def _and_singular(
    scan: Scan, counted: list[CountClaim], singles: list[CountClaim]
) -> list[CountClaim]:
    """ "killed 4 students and a teacher": one more person with the claim before it."""
    if _AND_SINGULAR_CUE.search(scan.lowered) is None:
        return []
    claims: list[CountClaim] = []
    for match in _AND_SINGULAR.finditer(scan.text, scan.start, scan.end):
        owner = [
            claim
            for claim in (*counted, *singles, *claims)
            if claim.kind == "casualty"
            and claim.count is not None
            and claim.count.high > 0
            and claim.start < match.start() <= claim.end + 2
        ]
        if owner and not any(
            claim.start <= match.start("group") < claim.end for claim in (*singles, *claims)
        ):
            group = _normalise_group(match.group("group"))
            claims.append(
                scan.one(match.start("group"), match.end(), owner[0].outcome, group, True)
            )
    return claims


def _singular_subcount(
    scan: Scan, counted: list[CountClaim], singles: list[CountClaim]
) -> list[CountClaim]:
    """ "..., including a child": one person of the casualty claim before it."""
    if _SINGULAR_SUBCOUNT_CUE.search(scan.lowered) is None:
        return []
    claims = []
    for match in _SINGULAR_SUBCOUNT.finditer(scan.text, scan.start, scan.end):
        qualified = [
            claim for claim in counted if claim.kind == "casualty" and claim.start < match.start()
        ]
        if qualified:
            group = _normalise_group(match.group("group"))
            claims.append(
                scan.one(match.start("group"), match.end(), qualified[-1].outcome, group, True)
            )
    return claims


def _sport_injuries(scan: Scan, claims: list[CountClaim]) -> list[CountClaim]:
    """ "Two injuries in the warm-up", "nine injured first-team players": a squad's fitness."""
    if any(claim.outcome == "injured" for claim in claims) and SPORT_CONTEXT.search(scan.lowered):
        return [claim for claim in claims if claim.outcome != "injured"]
    return claims


@dataclass(frozen=True, slots=True)
class Rule:
    """A named construction of :data:`RULES`.

    ``scope`` says when it runs and what ``find`` takes and returns:

    - "count": tried on each count of a sentence, in order, until one returns a claim (the
      count's claim) or :data:`REJECT` (the count is no claim); None passes to the next rule.
      Takes an :class:`At`; builds its claim with ``at.casualty(...)`` or ``at.quantity(...)``.
    - "zero" / "single": run once per sentence after the count rules; take the :class:`Scan`,
      the claims so far (``counted``: count and zero rules; ``singles``: single-person rules
      before it) and return their own claims (counts of zero / of one person).
    - "filter": takes the :class:`Scan` and every claim of the sentence, returns those kept.

    ``needs_outcome``: the rule runs only in sentences with an outcome word (``OUTCOME_STEM``).
    """

    name: str
    scope: str
    find: Callable
    needs_outcome: bool = True


# Every hand-written construction, in the order it is tried; the names appear in claim traces.
#
# To add a construction: write a function of the right scope (see :class:`Rule`) next to the
# rules it resembles, with its patterns above it; put the words it shares with other rules in
# :mod:`claims.extraction.lexicon`; register it here where it should win over the rules after
# it (a count rule earlier in the list takes the count first); if it checks a set of last words
# before running an anchored pattern, derive the set with ``patterns.final_words`` and add it to
# :data:`GATES`; add a sentence for it to ``tests/test_extraction_constructions.py`` and run the
# corpora (``python -m tests.extraction_score --all``) before and after. Rule claims are features
# of the model, so retrain it (``python -m claims.extraction.train``) when what they say changes.
RULES: tuple[Rule, ...] = (
    # Counts that are never claims.
    Rule("age_date_price_or_name", "count", _age_date_price_or_name, needs_outcome=False),
    Rule("rate", "count", _rate, needs_outcome=False),
    Rule("superseded_figure", "count", _superseded_figure, needs_outcome=False),
    Rule("year", "count", _year, needs_outcome=False),
    # Counts with their outcome.
    Rule("list_item", "count", _list_item, needs_outcome=False),
    Rule("table", "count", _table),
    Rule("verb_before_count", "count", _verb_before_count),
    Rule("count_before_outcome", "count", _count_before_outcome),
    Rule("verb_and_tail", "count", _verb_and_tail),
    Rule("death_of", "count", _death_of),
    Rule("the_noun", "count", _the_noun),
    Rule("toll", "count", _toll),
    Rule("lives", "count", _lives),
    Rule("subcount", "count", _subcount),
    Rule("all_of_them", "count", _all_of_them),
    # People counted with no outcome.
    Rule("quantity", "count", _quantity, needs_outcome=False),
    # Zero and one person, found per sentence.
    Rule("negation", "zero", _negations),
    Rule("singular", "single", _singular),
    Rule("verb_singular", "single", _verb_singular),
    Rule("and_singular", "single", _and_singular),
    Rule("singular_subcount", "single", _singular_subcount),
    Rule("sport_injuries", "filter", _sport_injuries, needs_outcome=False),
)
_COUNT_RULES = tuple(rule for rule in RULES if rule.scope == "count")
_COUNT_RULES_WITHOUT_OUTCOME = tuple(rule for rule in _COUNT_RULES if not rule.needs_outcome)
_SENTENCE_RULES = tuple(rule for rule in RULES if rule.scope in ("zero", "single"))
_FILTERS = tuple(rule for rule in RULES if rule.scope == "filter")


def find_count_claims(
    text: str, start: int, end: int, may_have_outcome: bool | None = None
) -> list[CountClaim]:
    """Return the casualty and quantity claims in ``text[start:end]`` (one sentence), in order.

    Every claim's span lies inside ``[start, end)``; casualty claims always carry an outcome,
    and a count whose ``low <= high``. Sub-counts and totals inherit the outcome of the claim
    they qualify. ``may_have_outcome`` is whether the sentence has an outcome word, if the
    caller already knows.
    """
    if may_have_outcome is None:
        may_have_outcome = OUTCOME_STEM.search(text[start:end].lower()) is not None
    if not may_have_outcome and _DIGIT_START.search(text, start, end) is None:
        return []
    lowered = text[start:end].lower()
    scan = Scan(text, start, end, lowered, may_have_outcome, [])
    claims = scan.claims
    position = start
    if not may_have_outcome:
        starts = [found.start() for found in _DIGIT_START.finditer(text, start, end)]
    elif len(lowered) == end - start:
        starts = [start + found.start() for found in NUMBER_START_LOWER.finditer(lowered)]
    else:
        starts = [found.start() for found in NUMBER_START.finditer(text, start, end)]
    for candidate_start in starts:
        if candidate_start < position or (
            candidate_start > 0 and text[candidate_start - 1].isalpha()
        ):
            continue
        mention = _mention_at(text, candidate_start, start, end)
        if mention is None:
            continue
        claim = _claim_for_mention(scan, mention)
        if claim is not None:
            claims.append(claim)
            position = mention.end
        else:
            position = _after_first_number(mention)
    singles: list[CountClaim] = []
    for rule in _SENTENCE_RULES if may_have_outcome else ():
        scan.rule = rule.name
        (claims if rule.scope == "zero" else singles).extend(rule.find(scan, claims, singles))
    claims = claims + singles
    for rule in _FILTERS:
        claims = rule.find(scan, claims)
    claims.sort(key=lambda claim: claim.start)
    return claims


def outcome_flags(lowered: str, sentences: list[tuple[int, int]]) -> list[bool]:
    """Whether each sentence span of ``lowered`` (the text lower-cased) has an outcome stem:
    the rules that need an outcome word skip the others, and so do the candidates."""
    search = OUTCOME_STEM.search
    return [search(lowered, start, end) is not None for start, end in sentences]


def _mention_at(text: str, position: int, start: int, end: int) -> Mention | None:
    """The count starting exactly at ``position``, with any qualifier ("at least") before it."""
    count = _COUNT.match(text, position, end)
    if count is None:
        return None
    window = text[max(start, position - 25) : position].split()
    qualifier = None
    if window and window[-1].lower() in QUALIFIER_LAST_WORDS:
        qualifier = _QUALIFIER_BEFORE.search(text, max(start, position - 25), position)
    mention_start = qualifier.start() if qualifier else position
    qualifier_text = qualifier.group("qualifier") if qualifier else ""
    return Mention(mention_start, count.end(), position, count.group(), qualifier_text)


def _claim_for_mention(scan: Scan, mention: Mention) -> CountClaim | None:
    """The claim of the first count rule that takes ``mention``, if any."""
    text, start = scan.text, scan.start
    count = parse_count(mention.count_text, mention.qualifier)
    if count is None:
        return None
    if count.low != count.high and REVISED_FROM.search(
        text, max(start, mention.start - REVISED_FROM_REACH), mention.start
    ):
        # "rose from 128 to 132" (or "fell from 39 to 7"): the earlier figure is superseded,
        # only the new one, written last, is claimed.
        numbers = _SINGLE_NUMBER.findall(mention.count_text)
        latest = parse_count(numbers[-1]) if numbers else None
        new = latest.high if latest is not None else count.high
        count = Count(new, new, count.approximate, count.lower_bound, count.upper_bound)
    left_start = max(start, mention.start - 160)
    near = max(start, mention.start - 40)
    at = At(
        scan,
        mention,
        count,
        left_start,
        text[left_start : mention.start],
        near,
        text[near : mention.start].split(),
    )
    for rule in _COUNT_RULES if scan.may_have_outcome else _COUNT_RULES_WITHOUT_OUTCOME:
        at.rule = rule.name
        found = rule.find(at)
        if found is not None:
            return None if found is REJECT else found
    return None


def _list_heading_outcome(text: str, newline: int) -> str | None:
    """The outcome named by the heading line above a list of "label: N" items, if any."""
    position = newline
    for _ in range(12):
        previous = text.rfind("\n", 0, position)
        line = text[previous + 1 : position]
        if _LIST_ITEM_LINE.match(line):
            if previous < 0:
                return None
            position = previous
            continue
        heading = _LIST_HEADING.search(line)
        if heading is None:
            return None
        noun = heading.group("noun").lower()
        if noun in ("dead", "bodies", "deceased", "victims"):
            return "killed"
        return "injured"
    return None


def _outcome_later_in_sentence(text: str, position: int, end: int) -> str | None:
    later = _LATER_OUTCOME.match(text, position, end)
    return outcome_for(later.group("outcome")) if later else None


# Every gate (a set of last words checked before an anchored pattern runs) with its pattern,
# so a test can check each gate is exactly its pattern's possible last words.
GATES: dict[str, tuple[frozenset[str], str]] = {
    "verb_first": (_VERB_FIRST_LAST_WORDS, _VERB_FIRST_LEFT.pattern),
    "counterfactual": (_COUNTERFACTUAL_LAST_WORDS, _COUNTERFACTUAL_LEFT.pattern),
    "the_noun": (_THE_NOUN_LAST_WORDS, _THE_NOUN_LEFT.pattern),
    "superseded": (SUPERSEDED_LAST_WORDS, SUPERSEDED_LEFT.pattern),
    "excluding": (_EXCLUDING_LAST_WORDS, _AGE_OR_UNIT_LEFT.pattern),
    **{
        f"left:{index}": (gate, left.pattern)
        for index, (left, _, _, gate) in enumerate(_VERB_AND_TAIL)
    },
}
# Every cue (a cheap test of the lower-cased sentence, or of the text a pattern is matched
# against, before the pattern runs) with its pattern: a cue must pass every text its pattern
# matches, which tests/test_extraction_gates.py checks on samples drawn from the pattern.
CUES: dict[str, tuple[Callable[[str], bool], re.Pattern[str]]] = {
    "negation": (lambda lowered: _NEGATION_CUE.search(lowered) is not None, NEGATION),
    "singular": (lambda lowered: _SINGULAR_CUE.search(lowered) is not None, _SINGULAR),
    "verb_singular": (
        lambda lowered: _VERB_SINGULAR_CUE.search(lowered) is not None,
        _VERB_SINGULAR,
    ),
    "and_singular": (lambda lowered: _AND_SINGULAR_CUE.search(lowered) is not None, _AND_SINGULAR),
    "singular_subcount": (
        lambda lowered: _SINGULAR_SUBCOUNT_CUE.search(lowered) is not None,
        _SINGULAR_SUBCOUNT,
    ),
    "toll": (lambda lowered: any(word in lowered for word in _TOLL_WORDS), _TOLL_LEFT),
    "all_of_them": (lambda lowered: "all" in lowered, _ALL_OUTCOME_AFTER),
    "table": (lambda left: any(mark in left[-12:] for mark in _TABLE_MARKS), _TABLE_LEFT),
}
