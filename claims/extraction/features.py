"""Readable features of one candidate: what the model sees, named so a weight can be read.

Families (the prefix before "="): L1..L3 / R1..R3 the words right before the number and right
after the span; LW / RW the lemmas in a window of six words each side; CL / CR the outcome a
cue word in the same clause names (CLn / CRn within three words); H the head noun; S the
number's shape, M its magnitude, Q its hedge; PB / PA the punctuation before and after; INQ
inside a quotation; SENT0 the first sentence (headline or lede); LINE0 the start of a line;
S_* sentence-wide cues (a toll, a hypothetical, a past period, a quotation); RULE what the
hand-written rules propose for this span ("killed", "quantity", "none"); REVISION a revision
cue before it ("up from"); LATER_HIGHER_TOLL a higher toll later in the passage;
SAME_COUNT_EARLIER the same count said before; S_YEAR a year named in the sentence ("in
2019", "the 2017 fire"), YEAR_L / YEAR_R before or after the candidate (an earlier event);
S_AGO an earlier period in the sentence ("last year", "years after", "anniversary"); S_SINCE
a running total ("since", "so far", "this year"); S_SCEN a scenario or drill; S_SPORT a
sports squad's fitness ("warm-up", "first-team", "hamstring"); CLS / CRS the outcome of the
nearest cue word anywhere before / after the candidate in its sentence, past clause breaks
("Of the deceased, four are women", "41 were admitted and 3 died"); COL the outcome the header
of a table column names for a number in that column ("Region | Dead | Injured", "none" for
"Cases"); SUB a
sub-count cue ("including", "among them", "of whom"); CR_OBJ the outcome cue right after the
count has an object of its own ("two suspects stabbed a man": the count did it, it did not
suffer it).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from claims.extraction.candidates import Candidate
from claims.extraction.casualties import SPORT_CONTEXT
from claims.extraction.lexicon import HYPOTHETICAL_WORDS, OUTCOME_CUES, REVISION_WORDS
from claims.extraction.patterns import WORD_CACHE_SIZE, word_alternation

FEATURE_FAMILIES = (
    "L1 L2 L3 L2L1 R1 R2 R3 R1R2 LW RW CL CR CLn CRn H S M Q PB PA INQ SENT0 LINE0 S_TOLL S_HYP "
    "S_REV S_PAST S_QUOTE RULE RULE_INH RULE_S YEAR REVISION LATER_HIGHER_TOLL SAME_COUNT_EARLIER "
    "S_YEAR YEAR_L YEAR_R S_AGO S_SINCE S_SCEN S_SPORT CLS CRS COL SUB CR_OBJ"
).split()

_TOKEN = re.compile(r"[a-z]+(?:['’-][a-z]+)*|[0-9][0-9,.]*|[^\sa-z0-9]")
_WORD = re.compile(r"[a-z]+(?:['’-][a-z]+)*")
# Table cells: split at "|", tabs or a run of three spaces; a header is looked for this many
# rows up.
_CELL_BREAK = re.compile(r"\s*\|\s*|\t+|\s{3,}")
_TABLE_ROWS = 12
_NONE_COLUMN = "none"
# A word starting with an outcome cue prefix (one search per sentence, not a test per word).
_CUE_WORD = re.compile(r"(?<![a-z'’-])(" + word_alternation(OUTCOME_CUES) + r")[a-z]*")
# A sentence's outcome cue words (their starts, their ends and the outcomes they name) and
# whether it has table cells at all.
SentenceCues = tuple[list[int], list[int], list[str], bool]
_CLAUSE_BREAK = frozenset('.;:()!?"“”—')
_WINDOW_CHARS = 70
_WINDOW_WORDS = 6
_QUOTES = '"“”'
_CUE_PREFIXES = sorted(OUTCOME_CUES, key=len, reverse=True)
_HYPOTHETICAL = re.compile(r"\b(?:" + "|".join(sorted(HYPOTHETICAL_WORDS)) + r")\b")
# A year or an earlier period in the sentence: the figure may belong to an earlier event.
_PAST_PERIOD = re.compile(
    r"\b(?:in|since|of|during)\s+(?:19|20)[0-9]{2}\b|\blast\s+(?:year|month|week)\b"
    r"|\b(?:earlier|previous|same\s+period)\b"
)
# An earlier period that is not the news ("last year", "ten years after", "the anniversary").
_AGO = re.compile(
    r"\blast\s+(?:year|month|decade)\b|\byears?\s+(?:ago|after|earlier|before)\b"
    r"|\banniversary\b|\bin\s+the\s+year\s+to\b|\bcompared\s+with\b|\bdeadliest\b"
)
# A running total that includes the present event: a claim, not an earlier event.
_SINCE = re.compile(r"\bsince\b|\bso\s+far\b|\bthis\s+year\b|\bto\s+date\b")
_SCENARIO = re.compile(r"\b(?:scenario|drill|mock|simulat\w*|exercise|hypothetical)\b")
_SPORT_WORDS = (
    *"warm-up first-team midfielder goalkeeper hamstring soft-tissue sidelined physio".split(),
    *"eleven players squad".split(),
    "injury list",
)
# A year named as a time ("in 2019", "the 2017 fire", "between 2014 and 2019"), not "since".
_YEAR_NAMED = re.compile(r"\b(?:in|the|of|between|and|from|until|by)\s+(?:19|20)[0-9]{2}\b")
# The sentence cues above, each behind a substring test that is cheaper than its pattern.
SENTENCE_CUES = (
    ("S_YEAR", ("19", "20"), _YEAR_NAMED),
    ("S_AGO", ("last", "year", "anniversary", "compared", "deadliest"), _AGO),
    ("S_SINCE", ("since", "far", "year", "date"), _SINCE),
    ("S_SCEN", ("scenario", "drill", "mock", "simulat", "exercise", "hypothetical"), _SCENARIO),
    ("S_SPORT", _SPORT_WORDS, SPORT_CONTEXT),
)
# Words before a count that make it part of a larger one ("including 13 US Marines").
_SUB_LEFT = frozenset("including among incl of from".split())
_SUB_RIGHT = frozenset("of".split())
# Words that open an object right after a verb: "stabbed a man", "killed his wife", "shot them".
_OBJECT_START = frozenset("a an the his her their its him them another two three four".split())


@lru_cache(maxsize=WORD_CACHE_SIZE)
def lemma(word: str) -> str:
    """A crude lemma: enough to fold "killed"/"killing"/"kills" and "people's" together."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("ing"):
            return word[:-3]
        if word.endswith("ed"):
            return word[:-2]
        if word.endswith("s") and not word.endswith("ss"):
            return word[:-1]
    return word


@lru_cache(maxsize=WORD_CACHE_SIZE)
def cue_outcome(word: str) -> str:
    """The outcome a word names ("wounded" -> "injured"), or "" if none."""
    if word[:1].isalpha():
        for prefix in _CUE_PREFIXES:
            if word.startswith(prefix):
                return OUTCOME_CUES[prefix]
    return ""


def _magnitude(value: int) -> str:
    if value == 0:
        return "0"
    if value == 1:
        return "1"
    if value < 10:
        return "2-9"
    if value < 100:
        return "10-99"
    if value < 1000:
        return "100-999"
    return "1000+"


def candidate_features(
    text: str,
    lowered: str,
    candidate: Candidate,
    sentence: tuple[int, int],
    sentence_index: int,
    rule: str,
    rule_inherited: bool,
    sentence_features: list[str],
    cues: SentenceCues,
) -> list[str]:
    """The feature names of ``candidate`` (each present feature has value 1);
    ``sentence_features`` and ``cues`` are those of :func:`sentence_features` and
    :func:`sentence_cues` for its sentence."""
    sentence_start, sentence_end = sentence
    features = [f"S={candidate.shape}", f"M={_magnitude(candidate.count.high)}", f"RULE={rule}"]
    features.append(f"RULE_S={rule}&{candidate.shape}")
    if rule_inherited:
        features.append("RULE_INH")
    count = candidate.count
    if count.approximate:
        features.append("Q=approx")
    elif count.lower_bound:
        features.append("Q=lower")
    elif count.upper_bound:
        features.append("Q=upper")
    number_text = text[candidate.number_start : candidate.number_end]
    if candidate.shape == "digits" and len(number_text) == 4 and 1900 <= count.low <= 2099:
        features.append("YEAR")
    left_text = lowered[
        max(sentence_start, candidate.number_start - _WINDOW_CHARS) : candidate.start
    ]
    right_text = lowered[candidate.end : min(sentence_end, candidate.end + _WINDOW_CHARS)]
    left = _TOKEN.findall(left_text)[-_WINDOW_WORDS:]
    right = _TOKEN.findall(right_text)[:_WINDOW_WORDS]
    for offset in (1, 2, 3):
        features.append(f"L{offset}={left[-offset] if len(left) >= offset else '^'}")
        features.append(f"R{offset}={right[offset - 1] if len(right) >= offset else '$'}")
    if len(left) >= 2:
        features.append(f"L2L1={left[-2]}_{left[-1]}")
    if len(right) >= 2:
        features.append(f"R1R2={right[0]}_{right[1]}")
    if "S_YEAR" in sentence_features:
        if _YEAR_NAMED.search(lowered, sentence_start, candidate.start):
            features.append("YEAR_L")
        if _YEAR_NAMED.search(lowered, candidate.end, sentence_end):
            features.append("YEAR_R")
    if (left and left[-1] in _SUB_LEFT) or (right and right[0] in _SUB_RIGHT):
        features.append("SUB")
    if _active_outcome_verb(right):
        features.append("CR_OBJ")
    features.extend(_window_features("L", reversed(left)))
    features.extend(_window_features("R", right))
    if candidate.group:
        features.append(f"H={lemma(candidate.group.split()[-1].lower())}")
    else:
        features.append("H=")
    before = text[max(0, candidate.start - 2) : candidate.start].strip()
    after = text[candidate.end : candidate.end + 2].strip()
    features.append(f"PB={before[-1:] if before and not before[-1].isalnum() else 'w'}")
    features.append(f"PA={after[:1] if after and not after[0].isalnum() else 'w'}")
    if "S_QUOTE" in sentence_features:
        quotes_before = sum(text.count(mark, sentence_start, candidate.start) for mark in _QUOTES)
        if quotes_before % 2:
            features.append("INQ")
    if sentence_index == 0:
        features.append("SENT0")
    line_start = text.rfind("\n", 0, candidate.start) + 1
    if not text[line_start : candidate.start].strip(" \t-•*–"):
        features.append("LINE0")
    features.extend(sentence_features)
    starts, ends, outcomes, tabular = cues
    column = _table_column(lowered, candidate) if tabular else ""
    if column:
        features.append(f"COL={column}")
    before = bisect.bisect_right(ends, candidate.start)
    if before:
        features.append(f"CLS={outcomes[before - 1]}")
    after = bisect.bisect_left(starts, candidate.end)
    if after < len(starts):
        features.append(f"CRS={outcomes[after]}")
    if set(left[-4:]) & REVISION_WORDS:
        features.append("S_REV")
    return features


def _table_column(lowered: str, candidate: Candidate) -> str:
    """For a number in a table row ("Region I | 4 | 11 | 2", or columns spaced apart), the
    outcome its column's header names ("none" if the header names none); "" outside a table.
    The header is the nearest line above, in the same block, with as many cells and no digit."""
    line_start = lowered.rfind("\n", 0, candidate.number_start) + 1
    line_end = lowered.find("\n", candidate.number_end)
    line = lowered[line_start : len(lowered) if line_end < 0 else line_end]
    if not _has_cells(line):
        return ""
    cells = len(_CELL_BREAK.split(line.strip()))
    if cells < 3:
        return ""
    column = len(_CELL_BREAK.findall(lowered[line_start : candidate.number_start].lstrip()))
    end = line_start - 1
    for _ in range(_TABLE_ROWS):
        start = lowered.rfind("\n", 0, max(0, end)) + 1
        above = lowered[start:end].strip()
        if end <= 0 or not above:
            return ""
        header = _CELL_BREAK.split(above)
        if len(header) == cells and not any(character.isdigit() for character in above):
            if column >= cells:
                return ""
            words = (word for word in _WORD.findall(header[column]) if cue_outcome(word))
            return cue_outcome(next(words, "")) or _NONE_COLUMN
        end = start - 1
    return ""


def _active_outcome_verb(right: list[str]) -> bool:
    """Whether the first outcome cue within three words after the count takes an object of its
    own ("stabbed a man", "killed 12"): the count is who acted."""
    for distance, word in enumerate(right[:3]):
        if word in _CLAUSE_BREAK:
            return False
        if cue_outcome(word):
            following = right[distance + 1] if distance + 1 < len(right) else ""
            return following in _OBJECT_START or following[:1].isdigit()
    return False


def sentence_cues(lowered: str, sentence: tuple[int, int]) -> SentenceCues:
    """Where the sentence's outcome cue words start and end, and the outcome each names (cue
    words are in text order, so their starts and ends are both sorted); and whether the
    sentence has table cells ("|", a tab, a run of spaces), the only place a column header
    is looked for."""
    starts: list[int] = []
    ends: list[int] = []
    outcomes: list[str] = []
    for word in _CUE_WORD.finditer(lowered, sentence[0], sentence[1]):
        starts.append(word.start())
        ends.append(word.end())
        outcomes.append(OUTCOME_CUES[word.group(1)])
    return starts, ends, outcomes, _has_cells(lowered[sentence[0] : sentence[1]])


def _has_cells(text: str) -> bool:
    """Whether ``text`` may hold table cells (the marks :data:`_CELL_BREAK` splits at)."""
    return "|" in text or "\t" in text or "   " in text


def sentence_features(lowered: str, sentence: tuple[int, int]) -> list[str]:
    """Features shared by every candidate of a sentence: a toll, a hypothetical."""
    sentence_text = lowered[sentence[0] : sentence[1]]
    features = []
    if "toll" in sentence_text:
        features.append("S_TOLL")
    if _HYPOTHETICAL.search(sentence_text):
        features.append("S_HYP")
    if _PAST_PERIOD.search(sentence_text):
        features.append("S_PAST")
    if any(mark in sentence_text for mark in _QUOTES):
        features.append("S_QUOTE")
    for name, words, pattern in SENTENCE_CUES:
        for word in words:
            if word in sentence_text:
                if pattern.search(sentence_text):
                    features.append(name)
                break
    return features


def _window_features(side: str, words) -> list[str]:
    """Lemmas of the window and the nearest outcome cue in the same clause."""
    features = []
    in_clause = True
    nearest = ""
    for distance, word in enumerate(words):
        if word in _CLAUSE_BREAK:
            in_clause = False
            continue
        lemma_feature, outcome, cue_feature = _window_word(side, word)
        features.append(lemma_feature)
        if in_clause and outcome:
            features.append(cue_feature)
            if distance < 3 and not nearest:
                nearest = outcome
    if nearest:
        features.append(f"C{side}n={nearest}")
    return features


@lru_cache(maxsize=2 * WORD_CACHE_SIZE)
def _window_word(side: str, word: str) -> tuple[str, str, str]:
    """A window word's lemma feature, the outcome it cues ("" if none) and that cue's feature:
    they depend on the side and the word alone, and window words recur, so each is built once
    (the lemma and cue caches alone still formatted a string per word)."""
    outcome = cue_outcome(word)
    return f"{side}W={lemma(word)}", outcome, f"C{side}={outcome}" if outcome else ""
