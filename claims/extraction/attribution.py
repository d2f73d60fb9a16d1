"""Who says what: find the attribution of a sentence and resolve it to a :class:`Speaker`.

Attribution is looked for in a copy of the text whose quotations are blanked out, so words
inside a quote never count as the attribution. Three shapes are recognised: a subject before a
speech verb ("Pentagon spokesman John Kirby said", "the commander told Reuters"), a speaker
after a speech verb that follows a comma or quote (", said Malik Adib"), and "according to X".
:class:`SpeakerResolver` then splits name from role and maps later mentions ("Kirby", "he",
"the commander") to the nearest earlier speaker they fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from claims.extraction.lexicon import (
    ARMED_GROUP_WORDS,
    ARTICLES,
    BE_FORMS,
    DETERMINERS,
    DOCUMENT_WORDS,
    FIGURE_VERBS,
    GENERIC_INSTITUTION_HEADS,
    GOVERNMENT_WORDS,
    INSTITUTION_TAIL_WORDS,
    ISSUED_DOCUMENTS,
    LEADING_PREPOSITIONS,
    MILITARY_WORDS,
    NAME_PARTICLES,
    NON_SUBJECT_WORDS,
    NOUN_MARKERS,
    OBJECT_SPEECH_VERBS,
    ORGANISATION_WORDS,
    PASSIVE_ADVERBS,
    PERSON_ROLES,
    PLURAL_PERSON_ROLES,
    POSTNOMINALS,
    RECORDING_VERBS,
    SPEAKER_PRONOUNS,
    SPEECH_PARTICIPLES,
    SPEECH_VERB_SET,
    SPEECH_VERBS,
    TIME_WORDS,
    TITLE_WORDS,
    TRAILING_FILLER_WORDS,
    WEEKDAYS,
)
from claims.extraction.patterns import WORD_CACHE_SIZE, word_alternation, word_branches
from claims.extraction.types import ClaimantKind, Speaker

_SPEECH_VERB_BRANCHES = "|".join(word_branches([*SPEECH_VERBS, *SPEECH_PARTICIPLES]))
# Lower-case only, so "the United States" is never a speech verb; the word-start check is
# done by the caller, and every alternative starts with a letter (``word_branches``), so the
# scan skips to the letters a verb can start with. Participles share the verbs' branches; the
# caller checks that whitespace follows them.
_SPEECH_VERB = re.compile(
    rf"(?P<verb>{_SPEECH_VERB_BRANCHES}|quoted\s+as\s+saying"
    rf"|(?:{word_alternation(FIGURE_VERBS)})"
    r"(?=\s+(?:the|a|an)\s+(?:\w+\s+)?(?:death\s+)?(?:toll|number|figure|tally)\b)"
    r"|put\s+it(?:\s+\w+){0,2}(?=\s*:)|called(?=\s+(?:it|for)\s)|vow(?:ed|s)(?=\s+that\s)"
    r")\b"
)
# "The ministry issued a statement": its subject is a source a later "the statement said" names.
# Scanned only in sentences that hold one of the verbs.
_ISSUED_DOCUMENT = re.compile(
    r"(?P<verb>issued|released|published)(?=\s+(?:a|an|its|their)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{word_alternation(ISSUED_DOCUMENTS)})\b)"
)
_ISSUED_WORDS = ("issued ", "released ", "published ")
# "President Emmanuel Macron saluted "...": a quotation right after a verb of another kind.
# "Mayor Ihor Terekhov described the scene: "...": or a few words and a colon in between.
_QUOTE_VERB = re.compile(
    r"(?<![\w-])(?P<verb>[a-z]{3,}ed)(?=\s+[“\"]|(?:\s+[\w’'-]+){1,4}\s*:\s*[“\"])"
)
_ACCORDING_TO = re.compile(
    r"(?i:\b(?:according\s+to(?!\s+what\s)|as\s+per"
    r"|as\s+(?:reported|stated|confirmed|announced|indicated|informed|communicated)\s+by)\s+)"
)
# Anything that may start an attribution; sentences without one are not examined further.
ATTRIBUTION_CUE = re.compile(
    rf"{_SPEECH_VERB_BRANCHES}|quoted|{word_alternation(FIGURE_VERBS)}|called"
    r"|issued|released|published|according|According|as per|As per|d by "
)
_NOT_SPEECH_AFTER = re.compile(
    # "claimed the life of a motorcyclist": a death, not a claim.
    r"(?i:\s+(?:responsibility|credit|victory|(?:the\s+)?lives|(?:the\s+)?life\b"
    r"|[\w,.-]+\s+(?:more\s+)?lives"
    r"|to\s+be|dead|killed|injured|wounded|missing|cases|deaths"
    # "Neither side's claims could be verified": a noun before a modal or auxiliary.
    r"|could|would|cannot|can\s+not|should|might|must|were|are|have\s+been|had\s+been|remain"
    r"|remained)\b)"
)
# The last word before a speech verb that makes it passive or a noun ("was reported", "its
# claims"); the pattern checks the same words, so the cheap set test cannot drift from it.
_PASSIVE_LAST_WORDS = BE_FORMS | PASSIVE_ADVERBS | NOUN_MARKERS
_PASSIVE_BEFORE = re.compile(rf"(?i:\b(?:{word_alternation(_PASSIVE_LAST_WORDS)})\s*)$")
# A passive speech verb's agent ("was confirmed by the police"); only after a form of "be" or an
# adverb, never after a noun marker ("the report by the UN" is a document, its source the UN's).
_BY_AGENT = re.compile(r"\s+by\s+")
_AGENT_BEFORE = BE_FORMS | PASSIVE_ADVERBS
_DASHES = frozenset("—–-")
# A comma inside a number ("which deployed 1,012 observers") separates nothing.
_SEGMENT_SPLIT = re.compile(r"[;:()\[\]—–“”\"«»]|\s-\s|,(?![0-9]{3})|(?<![0-9]),")
_ABBREVIATION_DOT = (
    r"(?<![A-Z])(?<!Dr|Mr|Ms|St|Jr|Lt)(?<!Mrs|Col|Gen|Sgt|Maj|Gov|Sen|Rep)(?<!Capt|Prof|Supt)\."
)
_INVERTED_END = re.compile(
    rf"[,;:!?()“”\"«»]|{_ABBREVIATION_DOT}|\s(?:who|which|that|in\s+a|on|at|after|before"
    r"|adding|without|as|when|while|during|citing|quoting|referring|to|late|early|earlier"
    r"|yesterday|today|last|this)\s"
)
_ACCORDING_END = re.compile(
    r"[,;:.!?()“”\"«»—–]|\s(?:who|which|that|at|after|before|as|when|while|during|citing)\s"
    r"|\son\s(?!(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|May|June|July|August|September|October|November|December)\b)[A-Z])"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:however|but|and|meanwhile|also|separately|earlier|later|previously|still|yet|now|instead"
    r"|then|so|elsewhere|additionally|moreover|in\s+addition|neighbou?ring|fellow|rival"
    # "according to what a local source told ...": the clause's subject speaks.
    r"|according\s+to\s+what"
    r"|for\s+(?:his|her|its|their)"
    r"\s+part)(?:\s+|$))+",
    re.IGNORECASE,
)
_LEADING_TIME = re.compile(
    r"^(?:(?:late|early|earlier|later)\s+)?(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|Yesterday|Today)(?:\s+(?:morning|afternoon|evening|night))?\s+",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(
    rf"(?:\s+(?:{word_alternation(TRAILING_FILLER_WORDS)}))+$", re.IGNORECASE
)
# "The Home Ministry on Monday said", "Health officials this week said": the time phrase between
# a subject and its verb is not part of the speaker's name.
_TIME_PHRASE_ENDS = frozenset(
    [day.lower() for day in WEEKDAYS] + "morning afternoon evening night week month".split()
)
_TRAILING_TIME = re.compile(
    r"\s+(?:(?:late|early|earlier|later)\s+)?(?:(?:on|this|last|that|next)\s+)?"
    rf"(?:{word_alternation(_TIME_PHRASE_ENDS)})(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_DOCUMENT_OF = re.compile(
    r"^(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:report|statement|figures|data|estimates"
    r"|tally|count|statistics|information|reports|balance|toll|results|release|communiqu[eé]"
    r"|testimony|testimonies|accounts)\s+(?:from|by|of|released\s+by"
    r"|issued\s+by|compiled\s+by|communicated\s+by|published\s+by|provided\s+by)\s+",
    re.IGNORECASE,
)
# Lower case only: "the bureau news" is a document, "Sky News" a speaker.
_DOCUMENT_SUFFIX = re.compile(
    r"\s+(?:report|statement|figures|data|estimates?|tally|count|statistics|website|news"
    r"|forecasts?|bulletin|update|announcement)$"
)
# "Two sources at al-Nao hospital told": the count is not part of who speaks.
_LEADING_COUNT = re.compile(
    r"^(?:two|three|four|five|six|several|some|many|[0-9]{1,3})\s+(?=(?:\w+\s+)?(?:sources|officials"
    r"|witnesses|residents|doctors|diplomats|officers|analysts|people)\b)",
    re.IGNORECASE,
)
# "the General Staff in its morning summary claimed": the document is not part of the name.
_IN_DOCUMENT_SUFFIX = re.compile(
    r"\s+in\s+(?:its|their|his|her|a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:summary|statement|report"
    r"|update|briefing|post|bulletin|communiqu[eé]|message)$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"\s(?:who|whose|which|that)\s")
_INSTITUTION_WORDS = ORGANISATION_WORDS | GOVERNMENT_WORDS | MILITARY_WORDS | ARMED_GROUP_WORDS
_ROLE_WORDS = PERSON_ROLES | PLURAL_PERSON_ROLES
_KNOWN_SPEAKER_WORDS = _ROLE_WORDS | _INSTITUTION_WORDS
_ROLE_OR_TITLE_WORDS = _ROLE_WORDS | TITLE_WORDS
# Built once: a union in each call cost more than the rest of the lookup.
_TITLE_OR_PERSON_ROLE = TITLE_WORDS | PERSON_ROLES
_PREPOSITIONS_OR_INCLUDING = LEADING_PREPOSITIONS | {"including", "includes"}
_PREPOSITIONS_OR_CONJUNCTIONS = LEADING_PREPOSITIONS | {"and", "or", "but", "nor"}
_PHRASE_OPENERS = DETERMINERS | frozenset(SPEAKER_PRONOUNS)
_BAD_PHRASE_ENDS = DETERMINERS | LEADING_PREPOSITIONS
_POSSESSIVE_END = re.compile(r"[’']s$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.-]{1,9}$")
_CAPITALISED = re.compile(r"^(?:[A-Z]|[^\W\d_a-z])")
_NAME_TOKEN = re.compile(
    r"^(?:[^\W\d_][\w’'.-]*|al-[\w’'-]+|bin|ibn|de|da|di|del|della|la|le|du|dos|das|van|von|der"
    r"|den|ter|el-[\w-]+)$"
)


# "informed this Sunday the Federal Highway Police": a time phrase before an inverted speaker.
_INVERTED_TIME = re.compile(
    r"\s+(?:(?:on|this|last|late|early)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|morning|afternoon|evening|night|today|yesterday)(?:\s+(?:morning|afternoon"
    r"|evening|night))?(?=\s)",
    re.IGNORECASE,
)
# ", Patricia Nseya." after an inverted role ("precised the provincial minister, Patricia Nseya").
_APPOSITIVE_NAME = re.compile(
    r",\s*(?:(?:the|a|an)\s+(?:[a-z][\w-]*\s+){1,3})?"
    r"(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|al-[\w’'-]+|bin|de|van|von)){1,3})"
    r"\s*(?:[,.;]|$)"
)
# Appositive segments between a speaker and the verb that never name one: a relative clause
# ("Dr. Amina Yusuf, who heads the hospital, said") or an age ("Denis Alimov, 38, told").
_SKIPPED_APPOSITIVE = re.compile(
    r"\s*(?:(?:who|whose|which|quoting|citing|speaking|asked|writing|addressing)\b|[0-9]{1,3}\s*$)"
)
# "..., the statement said": the document speaks for whoever issued it.
_DOCUMENT_SUBJECT = re.compile(
    r"\s*(?P<doc>(?:the|a|its|their|that)\s+(?:\w+\s+)?(?:statement|report|communiqu[eé]"
    r"|release|post|bulletin))\s*",
    re.IGNORECASE,
)
_SAME_SOURCE = re.compile(r"^(?:the\s+)?same\s+(?:source|sources|official|officials)$", re.I)


_TIMESTAMP = re.compile(
    r"\s*[0-9]{1,2}[:.][0-9]{2}(?![0-9])(?:\s*(?:GMT|BST|CET|EST|UTC|ET|[ap]\.?m\.?))?\s*[—–-]?\s*"
)
_LINE_SPEAKER = re.compile(r"(?P<head>[^:\n\"“”«»]{2,90}?)\s*:\s+\S")
_LINE_NOT_SPEAKER = re.compile(
    r"(?i:(?:q|a|interview|live|update|updates|breaking|watch|read|read\s+more|note|editor'?s\s+note"
    r"|correction|analysis|opinion|timeline|background|context|photos?|video|summary|key\s+facts"
    r"|what\s+we\s+know|latest|warning|contact|press\s+contact|media\s+inquiries|media\s+contact"
    r"|sources?|notes?\s+to\s+editors|related|see\s+also|credit|photo\s+credit)$)"
)
_CLAUSE_HINT = re.compile(r"while|whereas|, but|, and|;")
_CLAUSE_BREAK = re.compile(r",?\s+(?:while|whereas)\s+|,\s+(?:but|and)\s+|;\s+")


@dataclass(frozen=True, slots=True)
class Attribution:
    """The words naming who speaks (``text[start:end]``) and an appositive role, if any."""

    start: int
    end: int
    as_written: str
    role_hint: str = ""


# How the rules resolved a speaker not seen before in the text: only these go to the chooser
# (a pronoun, surname or descriptor that names an earlier speaker is that speaker).
NEW_SPEAKER = frozenset({"new", "full", "expanded"})


class SpeakerChooser(Protocol):
    """Picks the speaker an attribution names, given the rules' answer and how they got it."""

    def choose(
        self, text: str, attribution: Attribution, speaker: Speaker, how: str, history: list
    ) -> Speaker | None: ...


def find_attributions(masked: str, start: int, end: int) -> list[tuple[Attribution, int]]:
    """Every attribution of the sentence ``masked[start:end]`` with the start of its clause.

    The first is :func:`find_attribution`'s; later clauses ("..., while Jordan reported that
    ...", "...; the army said ...") are searched for more, and a coordinated subject ("the UN
    refugee agency and the International Organization for Migration estimated") gives one
    attribution per conjunct. A live-blog line "Name, role: text" is attributed to Name.
    """
    at_line_start = _at_line_start(masked, start)
    timestamp = _TIMESTAMP.match(masked, start, end)
    if timestamp is not None:
        start = timestamp.end()
    found: list[tuple[Attribution, int]] = []
    line = _line_speaker(masked, start, end) if at_line_start else None
    if line is not None:
        found.append((line, start))
    first = find_attribution(masked, start, end)
    if first is not None and not (line is not None and first.start < line.end):
        found.append((first, start))
    after_first = first.end if first is not None else start
    if _CLAUSE_HINT.search(masked, start, end) and ATTRIBUTION_CUE.search(masked, after_first, end):
        breaks = list(_CLAUSE_BREAK.finditer(masked, start, end))
        for index, clause_break in enumerate(breaks):
            clause_start = clause_break.end()
            clause_end = breaks[index + 1].start() if index + 1 < len(breaks) else end
            if any(
                clause_start < other.end and other.start < clause_end for other, _ in found
            ) or any(clause_start <= position < clause_end for _, position in found[1:]):
                continue
            later = find_attribution(masked, clause_start, clause_end)
            if later is not None and later.start >= clause_start:
                found.append((later, clause_start))
    found.sort(key=lambda item: item[1])
    return [(part, position) for attribution, position in found for part in _conjuncts(attribution)]


def _at_line_start(masked: str, start: int) -> bool:
    """Whether only spaces or tabs stand between ``start`` and the previous line break (or the
    start of the text): read backwards, without copying the text before the sentence."""
    position = start - 1
    while position >= 0 and masked[position] in " \t\u00a0":
        position -= 1
    return position < 0 or masked[position] == "\n"


def _conjuncts(attribution: Attribution) -> list[Attribution]:
    """Split "the UN refugee agency and the IOM" into its two speakers; else the one."""
    written = attribution.as_written
    if written.count(" and ") != 1:
        return [attribution]
    left, right = written.split(" and ")
    both_names = _personal_name(left) == left and _personal_name(right) == right
    if not both_names and not (
        right.split()[0].lower() in {"the", "a", "an"}
        and len(left.split()) >= 2
        and _speakerish(left)
        and _speakerish(right)
    ):
        return [attribution]
    right_start = attribution.start + len(left) + len(" and ")
    return [
        Attribution(attribution.start, attribution.start + len(left), left),
        Attribution(right_start, attribution.end, right),
    ]


def _speakerish(phrase: str) -> bool:
    return bool(_personal_name(phrase)) or _names_institution(phrase) or _has_role(phrase)


def _line_speaker(masked: str, start: int, end: int) -> Attribution | None:
    """ "Ihor Terekhov, Kharkiv mayor: ..." at the start of a line names who speaks.

    Only when the words before the colon read as a speaker: they hold a role or institution
    word, an appositive role follows the name, a quotation follows the colon, or they are a
    short acronym or a surname the text gave in full earlier. Datelines ("PESHAWAR:"), headline
    labels ("Live:", "Mexico: 14 dead") and table rows ("Deaths: 86") are not speakers.
    """
    if masked.find(":", start, end) < 0:
        return None
    line = _LINE_SPEAKER.match(masked, start, end)
    if line is None:
        return None
    head = line.group("head").strip()
    if (
        _LINE_NOT_SPEAKER.match(head)
        or any(character.isdigit() for character in head)
        or _SPEECH_VERB.search(masked, start, line.end())
        # "Mayor Ihor Terekhov described the scene: "...": a clause, not a "Name:" line.
        or _QUOTE_VERB.search(masked, start, line.end() + 2)
        or len(head.split()) > 12
    ):
        return None
    name_part, _, role_hint = (part.strip() for part in head.partition(","))
    cleaned = _clean_head(_strip_document(name_part))
    if cleaned is None or _has_predicate(cleaned):
        return None
    at_text_start = not masked[:start].strip()
    if cleaned.isupper() and (at_text_start or " " in cleaned or len(cleaned) > 6):
        return None
    single = len(cleaned.split()) == 1
    quoted = masked[line.end() - 1] in "\"“«‘'"
    speakerish = (
        _names_institution(cleaned)
        or _has_role(cleaned)
        or bool(role_hint and (_has_role(role_hint) or _names_institution(role_hint)))
        or (quoted and bool(_personal_name(cleaned)))
        or (single and _ACRONYM.match(cleaned) is not None)
        or (single and _named_in_full(masked, cleaned, start))
    )
    if not speakerish:
        return None
    head_start = masked.find(cleaned, start)
    return Attribution(head_start, head_start + len(cleaned), cleaned, role_hint)


# A lower-case word, then a determiner: "The Health Ministry gave a combined figure:".
_WORD_THEN_DETERMINER = re.compile(r"(?<![\w’'-])([a-z][\w’'-]*)\s+(?:the|a|an|its|their)\s")


def _has_predicate(head: str) -> bool:
    """Whether the words before a line's colon are a clause with a verb, not a speaker label
    (a preposition before a determiner, "spokesperson for the ministry", is no verb)."""
    return any(
        match.group(1) not in _PREPOSITIONS_OR_CONJUNCTIONS
        for match in _WORD_THEN_DETERMINER.finditer(head)
    )


def _named_in_full(text: str, surname: str, before: int) -> bool:
    pattern = re.compile(rf"\b[A-Z][\w’'-]+\s+{re.escape(surname)}\b")
    return pattern.search(text, 0, before) is not None


def find_attribution(masked: str, start: int, end: int) -> Attribution | None:
    """Return the first attribution of the sentence ``masked[start:end]``, or None.

    ``masked`` is the text with quotations blanked (:func:`sentences.mask_quotes`); the returned
    span is a valid slice of the original text.
    """
    candidates = []
    sentence = masked[start:end]
    verbs = _SPEECH_VERB.finditer(masked, start, end)
    if any(word in sentence for word in _ISSUED_WORDS):
        verbs = sorted(
            [*verbs, *_ISSUED_DOCUMENT.finditer(masked, start, end)], key=lambda verb: verb.start()
        )
    for verb in verbs:
        if verb.start() > 0 and _is_word_character(masked[verb.start() - 1]):
            continue
        if (
            verb.group("verb") in SPEECH_PARTICIPLES
            and not masked[verb.end() : verb.end() + 1].isspace()
        ):
            continue
        attribution = _attribution_at_verb(masked, verb, start, end)
        if attribution is not None:
            recording = verb.group("verb") in RECORDING_VERBS
            candidates.append((verb.start(), attribution))
            break
    else:
        recording = False
    according = None
    if (
        "ccording" in sentence
        or "s per " in sentence
        or ("d by " in sentence and (" as " in sentence or "As " in sentence))
    ):
        according = _ACCORDING_TO.search(masked, start, end)
    if according is not None:
        attribution = _speaker_after(masked, according.end(), end, _ACCORDING_END)
        if attribution is not None:
            if recording:
                # "The county recorded 27 deaths, according to X": X is the source of the
                # figure the subject recorded.
                return attribution
            candidates.append((according.start(), attribution))
    if not candidates and ("“" in sentence or '"' in sentence):
        for verb in _QUOTE_VERB.finditer(masked, start, end):
            attribution = _attribution_at_verb(masked, verb, start, end)
            if attribution is not None:
                candidates.append((verb.start(), attribution))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[0])[1]


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _attribution_at_verb(
    masked: str, verb: re.Match[str], start: int, end: int
) -> Attribution | None:
    before = masked[start : verb.start()]
    last_words = before[-24:].split()
    passive = bool(last_words) and last_words[-1].lower() in _PASSIVE_LAST_WORDS
    if passive and last_words[-1].lower() in PASSIVE_ADVERBS:
        passive = len(last_words) > 1 and last_words[-2].lower() in BE_FORMS
    if passive and _PASSIVE_BEFORE.search(before[-24:]):
        # "12 deaths were reported by the health ministry": the agent speaks.
        agent = _BY_AGENT.match(masked, verb.end(), end)
        if agent is None or last_words[-1].lower() not in _AGENT_BEFORE:
            return None
        return _speaker_after(masked, agent.end(), end, _ACCORDING_END)
    if _NOT_SPEECH_AFTER.match(masked, verb.end(), end):
        return None
    stripped_before = before.rstrip()
    word = verb.group("verb").lower()
    inverted_allowed = word not in OBJECT_SPEECH_VERBS
    after_as = _AFTER_AS.search(stripped_before) is not None
    if word in OBJECT_SPEECH_VERBS and stripped_before.endswith(","):
        subject = _subject_before(masked, start, verb.start())
        if subject is not None:
            return subject
        inverted_allowed = True
    if inverted_allowed and (not stripped_before or stripped_before[-1] in ',”"«»:' or after_as):
        inverted = _speaker_after(masked, verb.end(), end, _INVERTED_END, require_capital=True)
        if inverted is not None and (
            _reads_as_clause(inverted.as_written)
            or _AUXILIARY_AFTER.match(masked, inverted.end, end) is not None
        ):
            # "Its secretary general, Ahmed Idris, said the organisation needed ...": what
            # follows the verb is what was said; the subject is the named appositive before.
            subject = _subject_before(masked, start, verb.start())
            if subject is not None:
                return subject
        if inverted is not None or not stripped_before.endswith(",") or after_as:
            return inverted
    if _AND_BEFORE.search(stripped_before[-5:]):
        # "Mayor Linda Cho called the attack cowardice and said ...": the first clause's subject.
        region_start = max(start, masked.rfind(",", start, verb.start()) + 1)
        clause = masked[region_start : verb.start()]
        first_verb = _CLAUSE_VERB.search(clause)
        head = _clean_head(clause[: first_verb.start()]) if first_verb else None
        if head is not None:
            return _attribution(masked, region_start, head, "")
    if word in SPEECH_PARTICIPLES:
        predicate = _predicate_subject(masked, start, verb.start())
        if predicate is not None:
            return predicate
    subject = _subject_before(masked, start, verb.start())
    if subject is not None and word in SPEECH_PARTICIPLES:
        return _subject_of_clause(subject)
    if subject is not None and word not in SPEECH_VERB_SET and word.endswith("ed"):
        # "President Emmanuel Macron saluted "...": only a named person or a body.
        if not (_personal_name(subject.as_written) or _names_institution(subject.as_written)):
            return None
    return subject


def _predicate_subject(masked: str, start: int, verb_start: int) -> Attribution | None:
    """The subject of "X, which ..., issued a statement on Monday, saying": when the clause
    before ", saying" is a bare predicate, its subject is the first segment before it that is
    not an appositive or a filler ("for its part"); a long "Subject verbed ..." clause is cut
    at its verb."""
    region = masked[start:verb_start].rstrip()
    if not region.endswith(","):
        return None
    parts = region[:-1].split(",")
    last = parts[-1]
    if _PREDICATE_START.match(last):
        for index in range(len(parts) - 2, -1, -1):
            part = parts[index]
            if _SKIPPED_APPOSITIVE.match(part) or not _LEADING_FILLER.sub("", part.strip()):
                continue
            head = _clean_head(part)
            if head is None or head.lower() in SPEAKER_PRONOUNS:
                return None
            offset = start + sum(len(p) + 1 for p in parts[:index])
            return _attribution(masked, offset, head, "")
        return None
    last = _DASH.split(last)[-1]
    if len(last.split()) > 10:
        clause_verb = _CLAUSE_VERB.search(last)
        if clause_verb is not None:
            head = _clean_head(last[: clause_verb.start()])
            if head is not None and (_personal_name(head) or _names_institution(head)):
                offset = start + sum(len(p) + 1 for p in parts[:-1])
                return _attribution(masked, offset, head, "")
    return None


_AND_BEFORE = re.compile(r"\s(?:and|but)$")
# Compiled once: re's own cache costs more per call than several of these matches.
_AFTER_AS = re.compile(r",\s*as$", re.IGNORECASE)
_APPOSITIVE_ROLE = re.compile(r",\s*((?:a|an|the)\s+[^,.;:!?]{2,80})")
_INITIAL = re.compile(r"[A-Z]\.")
_DASH = re.compile(r"\s[-—–]\s|[—–]")
_AGE_AFTER = re.compile(r",\s*[0-9]{1,3}\s*[,.)]")
_GAVE_NAME = re.compile(
    r"\b(?:gave|giving|identified)\s+(?:(?:his|her|their)\s+)?(?:(?:first|full)\s+)?(?:names?\s+)?"
    r"(?:only\s+)?as\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)
# Verbs in the past tense, regular and the common irregular ones a clause starts with.
_PAST_VERBS = r"[a-z]+ed|issued|gave|made|took|sent|held|put|hit|cut"
# "issued a statement late on Monday" / "blamed the army": a predicate, its subject further back.
_PREDICATE_START = re.compile(rf"\s*(?:{_PAST_VERBS})\s")


# "Moscow last updated its figure, saying ...": the clause's subject ends at its verb.
_CLAUSE_VERB = re.compile(
    rf"\s+(?:on|last|this|in|at|earlier|later|also|again|{_PAST_VERBS}|set|rose|fell|wrote"
    r"|posted)\b"
)


# A past-tense verb after a noun ("the hospital received", "Russia launched"): not after a
# determiner or an adverb, where it modifies the noun ("the armed forces", "newly appointed").
_CLAUSE_PAST_VERB = re.compile(
    rf"(?<![\w’'-])(?P<before>[\w’'-]+)\s+(?:{_PAST_VERBS}|fled|rose|fell|found|left)(?!\S)"
)


# "..., Lt. Col. Jules Kasongo, said troops had ...": an auxiliary after the words read as an
# inverted speaker makes them the subject of what was said.
_AUXILIARY_AFTER = re.compile(r"\s+(?:had|has|have|was|were|is|are|would|will|could|did)\b")


def _reads_as_clause(phrase: str) -> bool:
    """Whether the words after an inverted speech verb are a clause, not a speaker."""
    for match in _CLAUSE_PAST_VERB.finditer(phrase):
        before = match.group("before").lower()
        if before not in DETERMINERS and not before.endswith("ly"):
            return True
    return False


def _subject_of_clause(subject: Attribution) -> Attribution | None:
    words = subject.as_written.split()
    if len(words) <= 3:
        return subject
    verb = _CLAUSE_VERB.search(subject.as_written)
    if verb is None:
        return subject
    head = _clean_head(subject.as_written[: verb.start()])
    if head is None:
        return None
    return Attribution(subject.start, subject.start + len(head), head, subject.role_hint)


def _speaker_after(
    masked: str, position: int, end: int, stop: re.Pattern[str], *, require_capital: bool = False
) -> Attribution | None:
    """The noun phrase right after ``position`` (after a verb or "according to")."""
    time = _INVERTED_TIME.match(masked, position, end)
    if time is not None:
        position = time.end()
    stop_match = stop.search(masked, position, end)
    phrase_end = stop_match.start() if stop_match else end
    phrase = masked[position:phrase_end]
    head = _clean_head(_strip_document(phrase.strip()))
    if head is None:
        return None
    if require_capital and not (
        _CAPITALISED.match(head)
        or head.split()[0].lower() in _PHRASE_OPENERS
        or (head.split()[0].lower() in _ROLE_OR_TITLE_WORDS and _personal_name(head))
        # "said club president Jorge Brito": a lower-case descriptor, then a full name.
        or (
            len(head.split()) <= 5
            and len(_personal_name(head).split()) >= 2
            and head.endswith(_personal_name(head))
        )
        # "..., informed local authorities": a short lower-case phrase with a speaker word.
        or (
            len(head.split()) <= 3
            and any(_bare(word) in _KNOWN_SPEAKER_WORDS for word in head.split())
        )
    ):
        return None
    head_start = masked.find(head, position, phrase_end)
    role_hint = ""
    if stop_match and masked[stop_match.start()] == ",":
        named = _APPOSITIVE_NAME.match(masked, stop_match.start(), end)
        if named and _has_role(head) and not _personal_name(head):
            name = named.group("name")
            if _personal_name(name) == name:
                return Attribution(named.start("name"), named.end("name"), name, head)
        appositive = _APPOSITIVE_ROLE.match(masked, stop_match.start())
        if appositive and _has_role(appositive.group(1)):
            role_hint = appositive.group(1).strip()
        named = _APPOSITIVE_NAME.match(masked, stop_match.start(), end)
        if not role_hint and named and _has_role(head) and not _personal_name(head):
            name = named.group("name")
            if _personal_name(name) == name:
                return Attribution(named.start("name"), named.end("name"), name, head)
    return Attribution(head_start, head_start + len(head), head, role_hint)


def _subject_before(masked: str, start: int, verb_start: int) -> Attribution | None:
    """The subject of a speech verb, skipping an appositive ("X, a police spokesman, said")."""
    region = masked[start:verb_start]
    segments = []
    segment_start = 0
    for separator in _SEGMENT_SPLIT.finditer(region):
        segments.append((segment_start, separator.start(), separator.group()))
        segment_start = separator.end()
    segments.append((segment_start, len(region), ""))
    if "(" in region:
        segments = _merge_acronyms(region, segments)
    segments = [(s, e, sep) for s, e, sep in segments if region[s:e].strip()]
    if not segments:
        return None
    while (
        len(segments) >= 2
        and segments[-2][2] == ","
        and _SKIPPED_APPOSITIVE.match(region, segments[-1][0], segments[-1][1])
    ):
        gave = _GAVE_NAME.search(region, segments[-1][0], segments[-1][1])
        if gave is not None:
            # "One resident, who gave his name as Peter, said": the name given is the speaker.
            descriptor = _clean_head(region[segments[-2][0] : segments[-2][1]]) or ""
            return Attribution(
                start + gave.start("name"), start + gave.end("name"), gave.group("name"), descriptor
            )
        segments.pop()
    if (
        len(segments) >= 2
        and segments[-1][2].strip() in _DASHES
        and segments[-2][2].strip() in _DASHES
    ):
        # "The survivors – three men and a 13-year-old girl – told": a parenthesis in dashes.
        segments.pop()
    document = _DOCUMENT_SUBJECT.fullmatch(region, segments[-1][0], segments[-1][1])
    if document is not None:
        return Attribution(
            start + document.start("doc"), start + document.end("doc"), document.group("doc")
        )
    last_start, last_end, _ = segments[-1]
    last_text = region[last_start:last_end]
    head = _clean_head(last_text)
    if len(segments) >= 2 and segments[-2][2] == ",":
        previous_start, previous_end, _ = segments[-2]
        previous_head = _clean_head(region[previous_start:previous_end])
        if previous_head is not None and _is_appositive(last_text, previous_head):
            role_hint = last_text.strip() if _has_role(last_text) else ""
            return _attribution(masked, start + previous_start, previous_head, role_hint)
    if head is None:
        return None
    return _attribution(masked, start + last_start, head, "")


def _merge_acronyms(
    region: str, segments: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """ "the International Organization for Migration (IOM) said": the segments around a
    bracketed acronym are one (only called where the region has a "(")."""
    merged: list[tuple[int, int, str]] = []
    index = 0
    while index < len(segments):
        segment = segments[index]
        if (
            segment[2] == "("
            and index + 2 < len(segments)
            and segments[index + 1][2] == ")"
            and _ACRONYM.match(region[segments[index + 1][0] : segments[index + 1][1]].strip())
        ):
            following = segments[index + 2]
            merged.append((segment[0], following[1], following[2]))
            index += 3
            continue
        merged.append(segment)
        index += 1
    return merged


def _attribution(masked: str, search_from: int, head: str, role_hint: str) -> Attribution:
    head_start = masked.find(head, search_from)
    return Attribution(head_start, head_start + len(head), head, role_hint)


def _is_appositive(segment: str, previous_head: str) -> bool:
    """Whether ``segment`` describes the speaker named just before it rather than naming one.

    "John Smith, a police spokesman," and "a commander in Jalalabad, Afghanistan's fifth
    largest city," are appositives; "However, police" and "In a report, the UN" are not.
    """
    words = segment.split()
    if not words or _personal_name(segment):
        return False
    if len(words) == 1 and words[0].lower() in SPEAKER_PRONOUNS:
        # "3,000 residents fled to Oicha, he said": the pronoun is the speaker.
        return False
    if previous_head.split()[0].lower() in _PREPOSITIONS_OR_INCLUDING:
        # "..., including the building's manager, the bureau said"
        return False
    first = words[0]
    if first.lower() in ("of", "from") and _personal_name(previous_head):
        # "Detective Constable Ian Marsh, of West Yorkshire Police, said": where he works.
        return True
    describes = first.lower() in DETERMINERS or first[0].islower() or _is_possessive(first)
    if (
        describes
        and _is_proper_name(previous_head)
        and (
            first.lower() in {"a", "an"}
            or _is_possessive(first)
            or (first.lower() == "the" and len(words) > 1 and words[1][0].islower())
        )
    ):
        return True
    if _has_role(segment):
        # "Police Major Rey Alfonso, Mandaue City Police Office spokesperson, said": a post
        # that ends in its role word describes the person before it, capitalised or not.
        ends_in_role = _bare(words[-1]) in _ROLE_WORDS
        return (describes or ends_in_role) and _personal_name(previous_head) != ""
    return describes and not _names_institution(segment)


def _is_proper_name(phrase: str) -> bool:
    """ "Magen David Adom", "The Syrian Observatory for Human Rights": capitalised words only."""
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return (
        bool(words)
        and _CAPITALISED.match(words[0]) is not None
        and all(
            _CAPITALISED.match(word) or word in {"of", "for", "and", "on", "the", "de", "la"}
            for word in words
        )
        and words[0].lower() not in TIME_WORDS
    )


def _is_possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "s’", "s'"))


def _names_institution(segment: str) -> bool:
    """Whether a segment names an organisation, government body or armed group."""
    return any(_bare(word) in _INSTITUTION_WORDS for word in segment.split())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _bare(word: str) -> str:
    """A word lower-cased without surrounding punctuation or a possessive ending."""
    return _POSSESSIVE_END.sub("", word.lower().strip('.,;:()“”"‘')).strip("’'")


def _has_role(text: str) -> bool:
    words = {word.lower().strip(".,’'") for word in text.replace("-", " ").split()}
    return bool(words & _ROLE_WORDS)


def _strip_document(phrase: str) -> str:
    phrase = _DOCUMENT_OF.sub("", phrase)
    phrase = _DOCUMENT_SUFFIX.sub("", phrase)
    return _IN_DOCUMENT_SUFFIX.sub("", phrase)


def _clean_head(segment: str) -> str | None:
    """Trim a candidate speaker phrase to its head, or None if it cannot be a speaker."""
    phrase = " ".join(segment.split()).lstrip("•*-–·> ")
    phrase = _LEADING_COUNT.sub("", phrase)
    phrase = _LEADING_FILLER.sub("", phrase)
    phrase = _LEADING_TIME.sub("", phrase)
    if phrase and phrase.rsplit(None, 1)[-1].lower() in TRAILING_FILLER_WORDS:
        phrase = _TRAILING_FILLER.sub("", phrase)
    if phrase and phrase.rsplit(None, 1)[-1].lower() in _TIME_PHRASE_ENDS:
        phrase = _TRAILING_TIME.sub("", phrase)
    relative = (
        _RELATIVE.search(f" {phrase} ")
        if "who" in phrase or "which" in phrase or "that" in phrase
        else None
    )
    core = phrase[: relative.start()].strip() if relative else phrase
    if relative and _ANONYMITY.search(phrase, relative.start()):
        # "A woman who did not want to be named": the clause only withholds the name.
        phrase = core
    if "ed " in core:
        # "a civilian source contacted by AIB in Djibo": how the source was reached.
        contacted = _CONTACTED.search(core)
        if contacted is not None:
            core = core[: contacted.start()]
            phrase = core
    words = core.split()
    reduced = _reduced_relative_start(words)
    if reduced:
        # "a difference the authors said was small": the speaker is the second noun phrase.
        core = phrase = " ".join(words[reduced:])
        words = words[reduced:]
    if not words or len(words) > 10 or len(phrase.split()) > 16:
        return None
    lowered = list(map(str.lower, words))
    if ("toll" in lowered or "tolls" in lowered) and not _names_institution(core):
        # "An earlier toll given on Tuesday had put the number at 36": a figure, not a source.
        return None
    if lowered[0] in LEADING_PREPOSITIONS or lowered[-1] in _BAD_PHRASE_ENDS:
        return None
    if not NON_SUBJECT_WORDS.isdisjoint(lowered):
        return None
    if len(words) == 1 and lowered[0] in SPEAKER_PRONOUNS:
        return words[0]
    if not _DEICTIC_WORDS.isdisjoint(lowered) and any(
        word in _DEICTIC_WORDS and original != "WHO"
        for word, original in zip(lowered, words, strict=True)
    ):
        return None
    has_name = any(map(_CAPITALISED.match, words[1:])) or (
        _CAPITALISED.match(words[0]) is not None and lowered[0] not in DETERMINERS
    )
    if not has_name and not any(_bare(word) in _KNOWN_SPEAKER_WORDS for word in lowered):
        return None
    return phrase.strip(" .")


def _reduced_relative_start(words: list[str]) -> int:
    """Where a second noun phrase starts in "a difference the authors" (a relative clause
    without "that": an article after a noun, not after a preposition), or 0."""
    if len(words) < 3 or words[0].lower() not in DETERMINERS:
        return 0
    for index in range(len(words) - 2, 1, -1):
        if words[index].lower() in ARTICLES and words[index - 1].lower() not in _LINKING_WORDS:
            return index
    return 0


_LINKING_WORDS = LEADING_PREPOSITIONS | frozenset("of and or but to".split())
_DEICTIC_WORDS = frozenset({"there", "this", "that", "which", "who"})
_CONTACTED = re.compile(
    r"\s(?:contacted|reached|interviewed|questioned|approached)\s+(?:by|on|via|over)\s.*$"
)
_ANONYMITY = re.compile(
    r"\b(?:be\s+(?:named|identified)"
    r"|(?:give|mention|reveal|disclose|publish)\s+(?:his|her|their)\s+(?:full\s+)?names?"
    r"|anonymity|on\s+condition)\b"
)


def _personal_name(phrase: str) -> str:
    """The trailing run of capitalised name words ("John Kirby" in "spokesman John Kirby")."""
    words = phrase.split()
    while len(words) > 2 and words[-1].lower().strip(",") in POSTNOMINALS:
        words = words[:-1]
    run: list[str] = []
    for word in reversed(words):
        if _ends_name_run(word) or (run and _is_possessive(word)):
            break
        if len(run) >= 2 and _RANK_INITIALISM.match(word) and _capitalised_words(run) >= 2:
            # "PCOL Joel Mendoza", "Rongai OCPD Musa Imamai": letters before a full name are a
            # rank or post ("FC van Wyk", "P Sundarraj" keep their initials).
            break
        run.append(word)
    run.reverse()
    while run and not _CAPITALISED.match(run[0]):
        run.pop(0)
    if not run:
        return ""
    before = words[: len(words) - len(run)]
    initial = _INITIAL.fullmatch(run[0]) is not None and len(run) >= 2
    if before and before[-1] in {"of", "for", "on", "and", "in", "at", "to", "the"}:
        return ""
    after_tail = bool(before) and before[-1].strip("’'") in INSTITUTION_TAIL_WORDS
    if "for" in before and not (after_tail and len(run) >= 2):
        return ""
    # "Inspector General of Police Douglas Kanja": a post of a body, then the name.
    post_of_body = len(before) >= 3 and before[-2] == "of" and titled_word(before[-3])
    if (
        before
        and _bare(before[-1]) in _INSTITUTION_WORDS
        and not titled_word(before[-1])
        and not initial
        and not _is_possessive(before[-1])
        and not (post_of_body and len(run) >= 2)
    ):
        return ""
    titled = bool(before) and (before[-1].lower().strip(",") in _TITLE_OR_PERSON_ROLE)
    if len(run) >= 2 or titled:
        return " ".join(run)
    return ""


def trailing_personal_name(phrase: str) -> str:
    """The two to four name words a phrase ends with after a post of any length ("vice
    chairman of the provincial people's committee Tran Anh Tuan" -> "Tran Anh Tuan"), or ""
    (for the speaker readings, which let the trained chooser judge it)."""
    words = phrase.split()
    run = 0
    for word in reversed(words):
        if _ends_name_run(word):
            break
        run += 1
    while run and not words[len(words) - run][:1].isupper():
        run -= 1
    if not 2 <= run <= 4 or run == len(words):
        return ""
    return " ".join(words[len(words) - run :])


# Three letters or more: two are as often a person's initials ("GS Naveen Kumar").
_RANK_INITIALISM = re.compile(r"[A-Z]{3,6}$")


def _capitalised_words(words: list[str]) -> int:
    return sum(1 for word in words if word[:1].isupper())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _ends_name_run(word: str) -> bool:
    """Whether ``word`` cannot be part of a personal name: not name-shaped, lower case (but
    for particles and hyphenated names), a title, a role or a body."""
    bare = word.lower()
    return (
        not _NAME_TOKEN.match(word)
        or (not word[0].isupper() and bare not in NAME_PARTICLES and "-" not in word)
        # "DI Marsh" is a detective inspector, "Flavio Di Giacomo" a name.
        or (bare in TITLE_WORDS and (bare not in NAME_PARTICLES or word.isupper()))
        or bare in PERSON_ROLES
        or bare.endswith(_ROLE_SUFFIXES)
        or is_institution_word(bare)
        or _is_hyphenated_title(bare)
        or word.strip("’',") in INSTITUTION_TAIL_WORDS
    )


def _is_hyphenated_title(bare: str) -> bool:
    """ "secretary-general", "commander-in-chief", "director-general" are titles."""
    parts = bare.strip(",’'").split("-")
    return len(parts) > 1 and all(part in _TITLE_OR_PERSON_ROLE or part == "in" for part in parts)


def titled_word(word: str) -> bool:
    """Whether ``word`` is a title or a role ("Gen.", "spokesman") that may precede a name."""
    bare = word.lower().strip(",")
    return (
        bare in _TITLE_OR_PERSON_ROLE or _is_hyphenated_title(bare) or bare.endswith(_ROLE_SUFFIXES)
    )


# "Seismologist Naci Gorur", "epidemiologists": a scientist's title by its ending.
_ROLE_SUFFIXES = ("ologist", "ologists")


def is_institution_word(word: str) -> bool:
    """Whether a word names a kind of body ("ministry", "police") or is an acronym ("IOM")."""
    return _bare(word) in _INSTITUTION_WORDS or (word.isupper() and len(word) > 1)


def kind_of(phrase: str, has_person_name: bool) -> ClaimantKind:
    """The kind of claimant a phrase names, from its role and institution words."""
    words = {_bare(word) for word in phrase.split()}
    if has_person_name or words & PERSON_ROLES:
        return "person"
    if words & MILITARY_WORDS:
        return "military"
    if words & ARMED_GROUP_WORDS:
        return "armed_group"
    if words & GOVERNMENT_WORDS:
        return "government"
    if words & ORGANISATION_WORDS:
        return "organisation"
    if words & PLURAL_PERSON_ROLES:
        return "person"
    return "unknown"


def _role_and_affiliation(descriptor: str) -> tuple[str, str]:
    """Split "a senior Taliban commander in Jalalabad" into role and affiliation words.

    A nested attribution names the body a person speaks for: "a spokesperson for the
    governor's office" has the role "spokesperson" and the affiliation "governor's office"
    (the source), while the speaker's name stays as written (the corpus convention).
    """
    nested = _NESTED_SOURCE.match(descriptor)
    if nested is not None and _names_institution(nested.group("body")):
        return nested.group("role"), nested.group("body").strip(" .,")
    words = descriptor.split()
    if words and words[0].lower() in DETERMINERS:
        words = words[1:]
    role_end = 0
    for index, word in enumerate(words):
        if word.lower().strip(".,’'") in _ROLE_OR_TITLE_WORDS:
            role_end = index + 1
    if role_end == 0:
        return "", ""
    role_words = words[:role_end]
    affiliation = " ".join(
        word for word in role_words if _CAPITALISED.match(word) and word.lower() not in TITLE_WORDS
    )
    return " ".join(role_words), affiliation


# "a spokesperson for the governor's office", "the spokesman of the army", "a doctor at the
# hospital": a person's post, then the body they speak for.
_NESTED_SOURCE = re.compile(
    rf"(?i:(?:(?:a|an|the|its|their)\s+)?(?P<role>(?:[\w-]+\s+){{0,2}}?(?:{word_alternation(PERSON_ROLES)}))"
    r"\s+(?:for|of|at|from|with)\s+(?:the\s+)?(?P<body>[^,;:]+))"
)
_NAME_RUN = re.compile(
    r"(?<![\w’'-])(?:[A-Z][\w’'-]+|al-[\w’'-]+)(?:[ \t]+(?:[A-Z][\w’'.-]*[\w’'-]|al-[\w’'-]+"
    r"|bin|ibn|de|da|del|la|van|von))+(?![’']s\b)"
)
# What may stand before a sentence's subject: titles, roles, fillers, possessives, punctuation.
_SUBJECT_LEAD = re.compile(
    r"(?:[\s,;:—–\"“”‘’(]|\b(?:[A-Z][\w.’'-]*|[a-z]+[’']s|the|a|an|his|her|their|its|later|however"
    r"|meanwhile|but|and|then|also|of|"
    + "|".join(
        sorted(
            _ROLE_OR_TITLE_WORDS
            - {
                "gen.",
                "lt.",
                "col.",
                "capt.",
                "maj.",
                "sgt.",
                "gov.",
                "sen.",
                "rep.",
                "mr.",
                "mrs.",
                "ms.",
                "dr.",
                "prof.",
                "rev.",
                "brig.",
                "adm.",
                "det.",
                "supt.",
                "insp.",
                "cpl.",
                "cmdr.",
                "sr.",
                "jr.",
            },
            key=len,
            reverse=True,
        )
    )
    + r")\b)*"
)


def _titled_person_mentions(text: str, known: list[str] = ()) -> list[tuple[int, str]]:
    """People named with a title or role before them, or an age after, and the surnames of
    those and of the ``known`` people."""
    found: list[tuple[int, str]] = []
    for run in _NAME_RUN.finditer(text):
        before = text[max(0, run.start() - 40) : run.start()].split()
        name = _personal_name(" ".join(before[-3:] + [run.group()]))
        if not name or not run.group().endswith(name) or len(name.split()) < 2:
            continue
        preceding = run.group()[: -len(name)].split() or before[-1:]
        titled = bool(preceding) and titled_word(preceding[-1].strip(",.’'"))
        aged = _AGE_AFTER.match(text[run.end() : run.end() + 8]) is not None
        if titled or aged:
            found.append((run.end() - len(name), name))
    surnames = {name.split()[-1]: name for name in known if len(name.split()) > 1}
    surnames.update({name.split()[-1]: name for _, name in found})
    if surnames:
        pattern = re.compile(
            r"(?<![\w’'-])(" + "|".join(map(re.escape, surnames)) + r")\b(?![’']s\b|[ \t]+[A-Z])"
        )
        named = {position + len(name) - len(name.split()[-1]) for position, name in found}
        for match in pattern.finditer(text):
            if match.start() not in named:
                found.append((match.start(), surnames[match.group(1)]))
    found.sort()
    return found


class SpeakerResolver:
    """Turns attributions into Speakers, resolving later mentions against earlier speakers.

    Use one resolver per article, feeding attributions in reading order. A ``chooser`` (the
    trained speaker model of :mod:`claims.extraction.speakers`) may replace the rules' answer
    for a speaker not seen before with another reading of the same words, or drop it; without
    one the rules decide alone.
    """

    def __init__(
        self,
        text: str = "",
        sentences: list[tuple[int, int]] | None = None,
        chooser: SpeakerChooser | None = None,
    ) -> None:
        self._history: list[Speaker] = []
        self._text = text
        self._sentences = sentences or []
        self._speaker_positions: list[tuple[int, str]] = []
        self._chooser = chooser

    @property
    def history(self) -> list[Speaker]:
        """The speakers resolved so far, in reading order."""
        return self._history

    def resolve(self, attribution: Attribution) -> Speaker | None:
        """Return the Speaker an attribution refers to, or None for an unresolvable pronoun.

        A pronoun, a bare surname or a definite description ("the commander") resolves to the
        nearest earlier speaker it fits; the result keeps ``as_written`` exactly as written.
        """
        speaker, how, position = self._resolve(attribution)
        if speaker is None:
            return None
        if self._chooser is not None and how in NEW_SPEAKER:
            speaker = self._chooser.choose(self._text, attribution, speaker, how, self._history)
            if speaker is None:
                return None
        return self._remember(speaker, position)

    def _resolve(self, attribution: Attribution) -> tuple[Speaker | None, str, int]:
        """The rules' speaker, how they resolved it, and where a person was named (or -1)."""
        as_written = attribution.as_written
        lowered = as_written.lower()
        words = lowered.split()
        if _SAME_SOURCE.match(as_written) or (len(words) <= 3 and words[-1] in DOCUMENT_WORDS):
            earlier = self._nearest(lambda speaker: True)
            return (None if earlier is None else _same_as(earlier, as_written)), "document", -1
        acronym = _ACRONYM_SPEAKER.fullmatch(as_written)
        if acronym is not None:
            letters = acronym.group("acronym")
            earlier = self._nearest(
                lambda speaker: speaker.name == letters or _initials(speaker.name) == letters
            )
            if earlier is not None:
                return _same_as(earlier, as_written), "acronym", -1
            full = acronym.group("full") or _acronym_expansion(self._text, letters)
            if full:
                return _new_speaker(full, attribution.role_hint), "expanded", -1
        short = _HONORIFIC.sub("", as_written)
        short_words = short.split()
        if (
            1 <= len(short_words) <= 2
            and all(_CAPITALISED.match(word) for word in short_words)
            and not _ACRONYM.match(short)
            and (len(short_words) == 1 or short != as_written or _personal_name(short) == short)
        ):
            earlier = self._short_name_mention(short)
            if earlier is not None:
                return _same_as(earlier, as_written), "surname", attribution.start
            full = self._full_name_in_text(short, attribution.start)
            if full:
                return _new_speaker(full, attribution.role_hint), "full", attribution.start
        if lowered in ("he", "she"):
            named = self._pronoun_antecedent(attribution.start)
            if named:
                earlier = self._nearest(lambda speaker: speaker.name == named)
                if earlier is None:
                    earlier = Speaker(named, named, "", "", "person")
                return _same_as(earlier, as_written), "pronoun", attribution.start
        if lowered in SPEAKER_PRONOUNS:
            earlier = self._nearest(
                lambda speaker: _fits_pronoun(speaker, SPEAKER_PRONOUNS[lowered])
            )
            if earlier is None:
                return None, "pronoun", -1
            return _same_as(earlier, as_written), "pronoun", -1
        earlier = self._earlier_mention(as_written)
        if earlier is not None:
            return _same_as(earlier, as_written), "descriptor", attribution.start
        return _new_speaker(as_written, attribution.role_hint), "new", attribution.start

    def _remember(self, speaker: Speaker, position: int = -1) -> Speaker:
        self._history.append(speaker)
        if speaker.kind == "person" and position >= 0 and _CAPITALISED.match(speaker.name):
            self._speaker_positions.append((position, speaker.name))
        return speaker

    def _pronoun_antecedent(self, position: int) -> str:
        """The person "he"/"she" at ``position`` refers to, by gender-neutral recency.

        Candidates are the people mentioned before the pronoun's sentence: earlier speakers,
        names introduced with a title or role ("Governor Susan Kihika", "his son, Mohammad
        Yousuf") and later mentions of their surnames. Of the latest sentence that mentions
        anyone, its subject is preferred (a name with nothing but titles, roles and fillers
        before it), else the last person it mentions. Empty when nobody was mentioned.
        """
        sentence_start = self._sentence_start(position)
        window_start = self._sentence_start(max(0, sentence_start - 1))
        window_start = self._sentence_start(max(0, window_start - 1))
        known = [name for _, name in self._speaker_positions]
        mentions = [
            (window_start + offset, name)
            for offset, name in _titled_person_mentions(
                self._text[window_start:sentence_start], known
            )
        ] + [mention for mention in self._speaker_positions if mention[0] < sentence_start]
        if not mentions:
            return ""
        mentions.sort()
        latest_sentence = self._sentence_start(mentions[-1][0])
        in_sentence = [mention for mention in mentions if mention[0] >= latest_sentence]
        first_position, first_name = in_sentence[0]
        if _SUBJECT_LEAD.fullmatch(self._text, latest_sentence, first_position):
            return first_name
        return in_sentence[-1][1]

    def _sentence_start(self, position: int) -> int:
        starts = [start for start, _ in self._sentences if start <= position]
        return starts[-1] if starts else 0

    def _nearest(self, accept) -> Speaker | None:
        for speaker in reversed(self._history):
            if accept(speaker):
                return speaker
        return None

    def _full_name_in_text(self, surname: str, before: int) -> str:
        """ "Gandhi" -> "Rahul Gandhi", "Zhang" -> "Zhang Hu", "Rocha Moya" -> "Rubén Rocha
        Moya" when the text named the person in full earlier (family name last or first)."""
        if self._text.find(surname, 0, before) < 0:
            return ""
        escaped = re.escape(surname)
        pattern = re.compile(rf"\b((?:[A-Z][\w’'-]+\s+){{1,2}}){escaped}\b(?![’']s\b)")
        for match in pattern.finditer(self._text, 0, max(0, before)):
            candidate = match.group(0)
            name = _personal_name(candidate)
            if name and name.endswith(surname) and len(name.split()) > len(surname.split()):
                return name
        given_after = re.compile(rf"(?<![\w’'-]){escaped}\s+[A-Z][\w’'-]+(?![\w’'-]|\s+[A-Z])")
        for match in given_after.finditer(self._text, 0, max(0, before)):
            start = match.start()
            window = self._text[max(0, start - 40) : match.end()]
            name = _personal_name(window)
            if name == match.group(0) and titled_word(
                window[: -len(name)].split()[-1:][0] if window[: -len(name)].split() else ""
            ):
                return name
        return ""

    def _short_name_mention(self, short: str) -> Speaker | None:
        """An earlier person whose name ends (or, family name first, starts) with ``short``."""
        wanted = short.lower().split()

        def fits(speaker: Speaker) -> bool:
            tokens = speaker.name.lower().split()
            return (
                speaker.kind == "person"
                and len(tokens) > len(wanted)
                and (tokens[-len(wanted) :] == wanted or tokens[: len(wanted)] == wanted)
            )

        return self._nearest(fits)

    def _earlier_mention(self, as_written: str) -> Speaker | None:
        words = as_written.split()
        if len(words) == 1 and _ACRONYM.match(as_written):
            return self._nearest(lambda speaker: _initials(speaker.name) == as_written.upper())
        if len(words) == 1 and _CAPITALISED.match(as_written):
            surname = as_written.lower()
            return self._nearest(
                lambda speaker: (
                    speaker.kind == "person"
                    and len(speaker.name.split()) > 1
                    and speaker.name.split()[-1].lower() == surname
                )
            )
        if (
            words[0].lower() == "the"
            # "The CP": the capitalised article is no first name.
            and not _personal_name(" ".join(words[1:]))
            and not any(_CAPITALISED.match(word) and "-" not in word for word in words[1:-1])
            and (len(words) == 2 or not _CAPITALISED.match(words[-1]))
        ):
            head_word = words[-1].lower()
            # "the commander", "the IG", "The CP": the person who was given that post.
            if (
                head_word in PERSON_ROLES
                or head_word in TITLE_WORDS
                or _RANK_INITIALISM.match(words[-1])
            ):
                return self._nearest(
                    lambda speaker: (
                        head_word in speaker.role.lower().split()
                        or head_word in speaker.as_written.lower().split()
                    )
                )
            same = self._nearest(
                lambda speaker: (
                    speaker.kind != "person" and head_word in speaker.name.lower().split()
                )
            )
            if same is None and len(words) == 2 and head_word in GENERIC_INSTITUTION_HEADS:
                latest = self._nearest(lambda speaker: speaker.kind != "unknown")
                if latest is not None and latest.kind != "person":
                    return latest
                if latest is not None:
                    # "IOM said ... Vitorino said ... the agency said": skip the person quoted
                    # in between to the institution of the same kind.
                    body = self._nearest(
                        lambda speaker: (
                            speaker.kind not in ("unknown", "person")
                            and kind_of(as_written, False) == speaker.kind
                        )
                    )
                    if body is not None:
                        return body
                if head_word in ("company", "firm"):
                    # "Toyota said ... The company said": a business named without a kind word.
                    business = self._nearest(
                        lambda speaker: (
                            speaker.kind in ("organisation", "unknown")
                            and _CAPITALISED.match(speaker.name) is not None
                        )
                    )
                    if business is not None:
                        return business
            return same
        return None


_ACRONYM_SPEAKER = re.compile(
    r"(?:(?:the|The)\s+)?(?:(?P<full>[A-Z][^()]{3,120}?)\s*\(\s*)?(?P<acronym>[A-Z][A-Z0-9&-]{1,9})"
    r"(?:\s*\))?"
)
_DEFINITION_WORDS = re.compile(r"((?:(?:[A-Z][\w’'-]*|of|for|and|the|on|de|du|des|la)\s+){1,12})$")
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof|Mme|M)\.?\s+")


def _acronym_expansion(text: str, acronym: str) -> str:
    """ "State Emergency Service" when ``text`` has "the State Emergency Service (DSNS)"."""
    # "( MSB )": machine-translated text spaces its brackets.
    bracketed = re.search(rf"\(\s*{re.escape(acronym)}\s*\)", text)
    if bracketed is None:
        return ""
    position = bracketed.start()
    definition = _DEFINITION_WORDS.search(text[max(0, position - 200) : position])
    if definition is None:
        return ""
    words = definition.group(1).split()
    while words and not _CAPITALISED.match(words[0]):
        words.pop(0)
    if words and words[0] == "The":
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else ""


def _initials(name: str) -> str:
    """ "World Health Organization" -> "WHO"; words in lower case ("of", "for") are skipped."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _fits_pronoun(speaker: Speaker, wanted: str) -> bool:
    if wanted == "person":
        return speaker.kind == "person"
    if wanted == "nonperson":
        return speaker.kind != "person"
    return True


def _same_as(earlier: Speaker, as_written: str) -> Speaker:
    return Speaker(
        as_written=as_written,
        name=earlier.name,
        role=earlier.role,
        affiliation=earlier.affiliation,
        kind=earlier.kind,
    )


def _new_speaker(as_written: str, role_hint: str) -> Speaker:
    name = _personal_name(as_written)
    if not name and " of " in as_written:
        head = as_written.split(" of ", 1)[0]
        name = _personal_name(head)
        if (
            len(name.split()) < 2
            or any(_POSSESSIVE_END.search(word) for word in name.split())
            or _is_possessive(head[: head.rfind(name)].strip().rsplit(" ", 1)[-1] or "x")
        ):
            name = ""
    if name:
        prefix = as_written[: as_written.rfind(name)].strip()
        if prefix.lower() in DETERMINERS:
            prefix = ""
        role, affiliation = (prefix, _affiliation_of(prefix)) if prefix else ("", "")
        if role_hint:
            role, affiliation = _role_and_affiliation(role_hint)
        return Speaker(as_written, name, role, affiliation, "person")
    role, affiliation = _role_and_affiliation(role_hint or as_written)
    words = as_written.split()
    if role_hint and len(words) == 1 and _CAPITALISED.match(as_written) and _has_role(role_hint):
        return Speaker(as_written, as_written, role, affiliation, "person")
    descriptor = " ".join(words[1:]) if words[0].lower() == "the" and len(words) > 1 else as_written
    if len(words) > 1 and _ACRONYM.match(words[-1]) and _names_institution(" ".join(words[:-1])):
        descriptor = words[-1]
    named = _DESCRIBED_NAME.search(as_written)
    if named is not None and not (
        len(named.group("name").split()) == 1 and is_institution_word(named.group("name"))
    ):
        descriptor = named.group("name")
    return Speaker(as_written, descriptor, role, affiliation, kind_of(as_written, False))


# "the local newspaper Ríodoce", "human rights group KontraS", "The NGO Caminando Fronteras":
# a lower-case common noun for a kind of body, then the body's own capitalised name.
_DESCRIBED_NAME = re.compile(
    r"(?:^|\s)(?:newspaper|daily|broadcaster|agency|group|ngo|NGO|charity|monitor|network|outlet"
    r"|organisation|organization|watchdog|company|firm|station|channel|operator|regulator"
    r"|carrier|airline|utility|insurer|lender|retailer|carmaker|automaker|manufacturer|producer"
    r"|miner|developer|provider|consultancy|publisher|website|portal|agency)\s+"
    r"(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})$"
)


def _affiliation_of(prefix: str) -> str:
    return " ".join(
        word
        for word in prefix.split()
        if _CAPITALISED.match(word) and word.lower().strip(".") not in TITLE_WORDS
    )
