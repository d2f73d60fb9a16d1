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
from dataclasses import dataclass

from claims.extraction.numbers import COUNT, QUALIFIER, Count, parse_count

_PERSON_NOUNS = """
people persons person civilians civilian children child kids kid women woman men man
soldiers soldier troops troop servicemen serviceman servicemembers marines marine sailors sailor
airmen officers officer policemen policeman policewomen policewoman police firefighters
firefighter workers worker employees employee staff students student pupils pupil teachers
teacher passengers passenger crew residents resident villagers villager migrants migrant refugees
refugee pilgrims pilgrim worshippers worshipers worshipper protesters protester protestors
demonstrators demonstrator militants militant fighters fighter insurgents insurgent rebels rebel
gunmen gunman attackers attacker suspects suspect members member journalists journalist
reporters reporter doctors doctor nurses nurse medics medic paramedics patients patient tourists
tourist visitors visitor fans spectators miners miner fishermen fisherman farmers farmer others
victims victim adults adult minors minor infants infant babies baby toddlers teenagers teenager
teens teen youths youth girls girl boys boy relatives guards guard personnel officials official
individuals individual inmates inmate prisoners prisoner detainees detainee hostages hostage
bystanders bystander pedestrians pedestrian cyclists cyclist drivers driver motorists motorist
climbers climber hikers hiker swimmers swimmer peacekeepers peacekeeper contractors contractor
volunteers volunteer commanders commander leaders leader agents agent deputies deputy
recruits recruit cadets cadet conscripts conscript guardsmen guardsman seafarers occupants
shoppers customers diners guests clients skiers rescuers rescuer survivors survivor elderly
palestinians israelis afghans americans iraqis syrians ukrainians russians pakistanis indians
nationals citizens foreigners locals settlers colonists family families households
""".split()
_PERSON_NOUN = r"(?i:\b(?:" + "|".join(sorted(set(_PERSON_NOUNS), key=len, reverse=True)) + r")\b)"
_MODIFIER_WORDS = """
civilian local other more additional young elderly old foreign innocent unarmed security police
army military government rescue aid health medical emergency family school armed off-duty
pro-government anti-government opposition rebel militant enemy allied coalition international
female male adult underage teenage young student fellow senior junior injured wounded
unidentified unknown suspected alleged unnamed undocumented same several further new
""".split()
_MODIFIER = (
    r"(?:(?i:\b(?:" + "|".join(_MODIFIER_WORDS) + r")\b)"
    r"|(?!(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"[A-Z][\w’'.-]*)"
)
GROUP = rf"(?:(?:{_MODIFIER}\s+){{0,3}}{_PERSON_NOUN}(?:\s+(?i:members|officers|workers))?)"
_OF_GROUP = rf"(?i:of\s+(?:them|those|whom|the\s+(?:{_MODIFIER}\s+)?{_PERSON_NOUN}))"

_AUXILIARY = (
    r"(?i:were|was|have|has|had|been|being|are|is|be|got|get|reportedly|also|later|allegedly"
    r"|all|both|now|so\s+far|still|remain|remained|remains|found|confirmed|believed|feared"
    r"|thought|reported|said|presumed|listed\s+as|to|seriously|critically|severely|badly"
    r"|slightly|lightly|gravely|fatally|mortally|shot|stabbed|shot\s+and|stabbed\s+and"
    r"|beaten|burned|crushed|gunned\s+down\s+and|either|subsequently|eventually|initially)"
)
# Outcome words that can follow a count (and its group): "... were killed", "... dead".
_OUTCOME_AFTER = (
    r"(?i:killed|dead|died|die|deaths|death|fatalities|perished|drowned|murdered|slain"
    r"|executed|massacred|lost\s+their\s+lives|bodies|lives\s+lost|injured|wounded|hurt"
    r"|injuries|hospitali[sz]ed|casualties|missing|unaccounted\s+for|disappeared|displaced"
    r"|fled|homeless|evacuated|forced\s+(?:to\s+flee|from\s+their\s+homes)|made\s+homeless"
    r"|lost\s+their\s+homes|uprooted|arrested|detained|captured|apprehended"
    r"|taken\s+into\s+custody|arrests|in\s+custody)\b"
)
# Outcome verbs that can precede a count: "killed 12 people", "injuring at least 30".
_OUTCOME_BEFORE = (
    r"(?i:\b(?:killed|killing|kills|kill|murdered|massacred|slaughtered|injured|injuring"
    r"|injures|wounded|wounding|wounds|hurt|hurting|arrested|arresting|arrests|detained"
    r"|detaining|detains|captured|capturing|apprehended|displaced|displacing|displaces"
    r"|evacuated|evacuating|uprooted|uprooting))"
)
# What may follow a bare count after an outcome verb: "killing 12 and ...", "killed 3 in ...".
_CLAUSE_BOUNDARY = (
    r"(?=\s*(?:$|[,.;:!?)\"”’—–-]|(?i:and|in|on|at|when|during|after|before|while|including"
    r"|near|across|as|since|from|with|last|this|yesterday|today|overnight|outside|inside|of"
    r"|so|were|was|are|is|there|people|others)\b))"
)

_COUNT_MENTION = re.compile(rf"(?:(?P<qualifier>{QUALIFIER})\s+)?(?P<count>{COUNT})")
_COUNT_FIRST = re.compile(
    rf"(?:\s+(?i:more|other|further|additional|new|confirmed))?"
    rf"(?:\s+(?P<group>{GROUP}|{_OF_GROUP}))?"
    r"(?:\s*,\s*(?i:including|among\s+them|mostly|mainly|many\s+of\s+them)\b[^,.;:!?]{1,80},)?"
    rf"\s+(?P<aux>(?:{_AUXILIARY}\s+){{0,5}})(?P<outcome>{_OUTCOME_AFTER})"
)
_VERB_FIRST_LEFT = re.compile(rf"{_OUTCOME_BEFORE}\s+$")
_GROUP_OR_BOUNDARY = re.compile(rf"\s+(?P<group>{GROUP})|{_CLAUSE_BOUNDARY}")
_LEFT_LEFT = re.compile(r"(?i:\b(?:left|leaving|leaves|leave)\s+)$")
_LEFT_TAIL = re.compile(
    rf"(?:\s+(?P<group>{GROUP}))?\s+"
    r"(?P<outcome>(?i:dead|injured|wounded|hurt|homeless|missing|displaced|stranded)\b)"
)
_TOLL_LEFT = re.compile(
    r"(?i:\b(?P<toll>death\s+toll|toll|number\s+of\s+(?:people\s+)?(?:the\s+)?"
    r"(?:dead|deaths|fatalities|killed|victims|injured|wounded|injuries|missing|displaced"
    r"|arrests|arrested|casualties)|casualty\s+(?:toll|count|figure)|body\s+count"
    r"|fatality\s+(?:toll|count)|injury\s+toll)\b"
    r"(?:[^.!?;]{0,60}?)\b(?:to|at|of|reached|hit|hits|reaches|is|was|now|stands\s+at"
    r"|stood\s+at|climbed\s+past|passed|surpassed|topped|exceeded)\s*:?\s+)$"
)
_LIVES_LEFT = re.compile(
    r"(?i:\b(?:claimed|claiming|claims|cost|costing|costs|took|taking|takes|taken)\s+"
    r"(?:the\s+lives\s+of\s+)?)$"
)
_LIVES_TAIL = re.compile(r"\s+(?i:lives)\b")
_LIVES_OF_GROUP = re.compile(rf"\s+(?P<group>{GROUP})")
_SUBCOUNT_LEFT = re.compile(
    r"(?i:\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which|among\s+those"
    r"|among\s+the\s+(?:dead|victims|killed|injured|wounded|casualties)\s+(?:were|are|was))"
    r"\s+)$"
)
_SUBCOUNT_TAIL = re.compile(rf"(?:\s+(?i:were|are|was))?\s+(?P<group>{GROUP})")
_TOTAL_LEFT = re.compile(
    r"(?i:\b(?:bringing|taking|raising|pushing|brought|took|raised|pushed)\s+the\s+"
    r"(?:total|tally|figure|number|overall\s+toll|toll)\s+(?:\w+\s+){0,3}?to\s+)$"
)
_QUANTITY_TAIL = re.compile(rf"\s+(?P<group>{GROUP})")
_AGE_OR_UNIT_LEFT = re.compile(
    r"(?i:\b(?:aged?|ages|age\s+of|magnitude|number|no\.|flight|route|highway|room|page"
    r"|chapter|article|section|level|grade|category|platform|gate|terminal|district|zone)\s*)$"
    r"|(?i:\bno\s+)$|[$€£¥#]\s*$"
)
_YEAR = re.compile(r"^(?:1[89][0-9]{2}|20[0-9]{2})$")

_NEGATION = re.compile(
    r"(?i:\b(?:no|zero)\s+(?P<modifiers>(?:(?:known|reported|confirmed|other|further|serious"
    r"|major|human|civilian|fatal|additional|new|military|more)\s+){0,3})"
    r"(?P<noun>casualties|casualty|deaths|fatalities|injuries|dead|loss\s+of\s+life)\b"
    r"|\bno\s+reports?\s+of\s+(?:any\s+)?(?P<reported>casualties|injuries|deaths|fatalities)\b"
    r"|\b(?:no\s+one|no-one|nobody|none)(?:\s+(?:else|of\s+(?:them|the\s+\w+(?:\s+\w+)?)))?"
    r"\s+(?:(?:was|were|has|had|been|is|are|got|reported|seriously|badly|immediately)\s+)*"
    r"(?P<verb>killed|hurt|injured|wounded|harmed|died|dead|missing|arrested|detained)\b"
    r"|\bwithout\s+(?:any\s+)?(?P<without>casualties|injuries|loss\s+of\s+life)\b)"
)
_SINGULAR = re.compile(
    r"(?i:\b(?:a|an|another)\s+)"
    rf"(?P<group>(?:{_MODIFIER}\s+){{0,3}}(?i:person|civilian|child|boy|girl|woman|man|soldier"
    r"|officer|policeman|policewoman|firefighter|worker|student|teacher|passenger|resident"
    r"|villager|migrant|refugee|journalist|reporter|doctor|nurse|medic|patient|tourist"
    r"|teenager|teen|toddler|baby|infant|pedestrian|cyclist|driver|motorist|guard|prisoner"
    r"|hostage|bystander|marine|sailor|pilot|suspect|gunman|militant|fighter|rebel)\b)"
    r"\s+(?P<aux>(?:(?:was|has\s+been|had\s+been|is|got|reportedly|also|later|allegedly"
    r"|seriously|critically|badly|slightly|fatally|found|shot|shot\s+and|stabbed\s+and)\s+)+)"
    r"(?P<outcome>(?i:killed|died|dead|injured|wounded|hurt|arrested|detained|missing)\b)"
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
    "casu": "killed",
    "toll": "killed",
    "body": "killed",
    "loss": "killed",
    "vict": "killed",
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
}


@dataclass(frozen=True, slots=True)
class CountClaim:
    """A located casualty or quantity: the span, the count and what happened to whom."""

    kind: str
    start: int
    end: int
    outcome: str | None
    count: Count | None
    group: str


def outcome_for(word: str) -> str | None:
    """Map an outcome word or phrase ("wounded", "death toll", "fled") to its outcome."""
    lowered = " ".join(word.lower().split())
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


def _normalise_group(group: str | None) -> str:
    if not group:
        return ""
    cleaned = " ".join(group.split())
    return "civilians" if cleaned.lower() == "civilian" else cleaned


def find_count_claims(text: str, start: int, end: int) -> list[CountClaim]:
    """Return the casualty and quantity claims in ``text[start:end]`` (one sentence), in order.

    Every claim's span lies inside ``[start, end)``; casualty claims always carry an outcome,
    and a count whose ``low <= high``. Sub-counts and totals inherit the outcome of the claim
    they qualify.
    """
    claims: list[CountClaim] = []
    for mention in _COUNT_MENTION.finditer(text, start, end):
        claim = _claim_for_mention(text, mention, start, end, claims)
        if claim is not None:
            claims.append(claim)
    claims.extend(_negations(text, start, end))
    claims.extend(_singular_claims(text, start, end, claims))
    claims.sort(key=lambda claim: claim.start)
    return claims


def _claim_for_mention(
    text: str, mention: re.Match[str], start: int, end: int, earlier: list[CountClaim]
) -> CountClaim | None:
    count_text = mention.group("count")
    left = text[max(start, mention.start() - 100) : mention.start()]
    if _AGE_OR_UNIT_LEFT.search(left[-16:]):
        return None
    count = parse_count(count_text, mention.group("qualifier") or "")
    if count is None:
        return None
    if _YEAR.match(count_text) and not _QUANTITY_TAIL.match(text, mention.end(), end):
        return None

    tail = _COUNT_FIRST.match(text, mention.end(), end)
    if tail is not None:
        outcome = outcome_for(tail.group("outcome"))
        if outcome == "injured" and re.search(r"(?i)fatally|mortally", tail.group("aux")):
            outcome = "killed"
        group = tail.group("group") or ""
        if group.lower().startswith("of "):
            group = ""
        return CountClaim(
            "casualty", mention.start(), tail.end(), outcome, count, _normalise_group(group)
        )

    verb = _VERB_FIRST_LEFT.search(left)
    if verb is not None:
        following = _GROUP_OR_BOUNDARY.match(text, mention.end(), end)
        if following is not None:
            claim_end = following.end("group") if following.group("group") else mention.end()
            return CountClaim(
                "casualty",
                mention.start() - len(left) + verb.start(),
                claim_end,
                outcome_for(verb.group()),
                count,
                _normalise_group(following.group("group")),
            )

    if _LEFT_LEFT.search(left):
        left_tail = _LEFT_TAIL.match(text, mention.end(), end)
        if left_tail is not None:
            return CountClaim(
                "casualty",
                mention.start(),
                left_tail.end(),
                outcome_for(left_tail.group("outcome")),
                count,
                _normalise_group(left_tail.group("group")),
            )

    lowered_left = left.lower()
    if any(word in lowered_left for word in ("toll", "count", "number", "figure")):
        toll = _TOLL_LEFT.search(left)
        if toll is not None and _GROUP_OR_BOUNDARY.match(text, mention.end(), end):
            return CountClaim(
                "casualty",
                mention.start() - len(left) + toll.start(),
                mention.end(),
                outcome_for(toll.group("toll")),
                count,
                "",
            )

    lives = _LIVES_LEFT.search(left)
    if lives is not None:
        lives_tail = (_LIVES_OF_GROUP if lives.group().lower().endswith("of ") else _LIVES_TAIL).match(
            text, mention.end(), end
        )
        if lives_tail is not None:
            group = lives_tail.groupdict().get("group") or ""
            return CountClaim(
                "casualty",
                mention.start() - len(left) + lives.start(),
                lives_tail.end(),
                "killed",
                count,
                _normalise_group(group),
            )

    inherited = _inherited_outcome(text, mention, left, end, earlier)
    if inherited is not None:
        return inherited

    quantity = _QUANTITY_TAIL.match(text, mention.end(), end)
    if quantity is not None:
        return CountClaim(
            "quantity",
            mention.start(),
            quantity.end(),
            None,
            count,
            _normalise_group(quantity.group("group")),
        )
    return None


def _inherited_outcome(
    text: str, mention: re.Match[str], left: str, end: int, earlier: list[CountClaim]
) -> CountClaim | None:
    """A sub-count ("including 13 US Marines") or a new total takes the outcome before it."""
    casualties = [claim for claim in earlier if claim.kind == "casualty"]
    if _SUBCOUNT_LEFT.search(left):
        tail = _SUBCOUNT_TAIL.match(text, mention.end(), end)
        if tail is None:
            return None
        named = re.search(r"(?i)among\s+the\s+(\w+)", left)
        outcome = outcome_for(named.group(1)) if named else None
        if outcome is None and casualties:
            outcome = casualties[-1].outcome
        if outcome is None:
            outcome = _outcome_later_in_sentence(text, tail.end(), end)
        if outcome is None:
            return None
        group = _normalise_group(tail.group("group"))
        return CountClaim("casualty", mention.start(), tail.end(), outcome, _count(mention), group)
    if casualties and _TOTAL_LEFT.search(left):
        return CountClaim(
            "casualty",
            mention.start(),
            mention.end(),
            casualties[-1].outcome,
            _count(mention),
            "",
        )
    return None


_LATER_OUTCOME = re.compile(rf"[^.;!?]{{0,40}}?\b(?P<outcome>{_OUTCOME_AFTER})")


def _outcome_later_in_sentence(text: str, position: int, end: int) -> str | None:
    later = _LATER_OUTCOME.match(text, position, end)
    return outcome_for(later.group("outcome")) if later else None


def _count(mention: re.Match[str]) -> Count | None:
    return parse_count(mention.group("count"), mention.group("qualifier") or "")


def _negations(text: str, start: int, end: int) -> list[CountClaim]:
    claims = []
    for match in _NEGATION.finditer(text, start, end):
        word = (
            match.group("noun")
            or match.group("reported")
            or match.group("verb")
            or match.group("without")
        )
        modifiers = (match.group("modifiers") or "").lower()
        group = "civilians" if "civilian" in modifiers else ""
        outcome = outcome_for(word)
        if outcome is not None:
            claims.append(
                CountClaim("casualty", match.start(), match.end(), outcome, Count(0, 0), group)
            )
    return claims


def _singular_claims(
    text: str, start: int, end: int, found: list[CountClaim]
) -> list[CountClaim]:
    claims = []
    for match in _SINGULAR.finditer(text, start, end):
        if any(claim.start < match.end() and match.start() < claim.end for claim in found):
            continue
        outcome = outcome_for(match.group("outcome"))
        if outcome == "injured" and "fatally" in match.group("aux").lower():
            outcome = "killed"
        claims.append(
            CountClaim(
                "casualty",
                match.start(),
                match.end(),
                outcome,
                Count(1, 1),
                _normalise_group(match.group("group")),
            )
        )
    return claims
