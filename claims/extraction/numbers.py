"""Counts as news text writes them: digits, words, ranges and hedges ("at least", "some").

The regex fragments here only locate a count; :func:`parse_count` turns the located text into
integers. Fragments contain no capturing groups so they can be embedded anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.extraction.lexicon import (
    APPROXIMATE_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    NUMBER_TEENS,
    NUMBER_TENS,
    NUMBER_UNITS,
    UPPER_BOUND_QUALIFIERS,
)
from claims.extraction.patterns import (
    final_words,
    phrase_alternation,
    word_alternation,
    word_branches,
)

WORD_VALUES: dict[str, int] = {
    **{word: index + 1 for index, word in enumerate(NUMBER_UNITS)},
    **{word: index + 10 for index, word in enumerate(NUMBER_TEENS)},
    **{word: (index + 2) * 10 for index, word in enumerate(NUMBER_TENS)},
    "a": 1,
    "an": 1,
}
SCALE_VALUES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_UNIT = "(?:" + "|".join(NUMBER_UNITS) + ")"
_BELOW_100 = (
    "(?:(?:"
    + "|".join(NUMBER_TENS)
    + rf")(?:[- ]{_UNIT})?|"
    + "|".join(NUMBER_TEENS)
    + f"|{_UNIT})"
)
_BELOW_1000 = rf"(?:(?:a|{_UNIT})\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?|{_BELOW_100})"
_WORD_NUMBER = (
    rf"(?:{_BELOW_1000}\s+(?:thousand|million)(?:\s+(?:and\s+)?{_BELOW_1000})?"
    rf"|(?:a|one)\s+(?:thousand|million)|(?:half\s+a|a|two|three|four|five|six)\s+dozen"
    rf"|{_BELOW_1000})"
)
# Digits never glued to other digits, decimals, times, dates, currency or an age hyphen.
_DIGIT_NUMBER = (
    r"(?<![\w.,:/$€£¥#+])(?<![^\W\d]-)(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)"
    r"(?:\.[0-9]+\s*(?:million|billion|thousand)\b|\s+(?:million|billion|thousand)\b)?"
    r"(?![0-9]|[.,:/][0-9]|\s?%|-[^\W\d]|’?s\b|'s\b)"
)
SINGLE_NUMBER = rf"(?:{_DIGIT_NUMBER}|(?i:\b{_WORD_NUMBER}\b)(?!-[^\W\d]))"
_RANGE_JOIN = r"(?:\s*[-–—]\s*|\s+(?i:to|or)\s+)"
COUNT = (
    rf"(?:(?i:between)\s+{SINGLE_NUMBER}\s+(?i:and)\s+{SINGLE_NUMBER}"
    rf"|{SINGLE_NUMBER}(?:{_RANGE_JOIN}{SINGLE_NUMBER})?)"
)

# Where a count can start: a digit or a number word (checked fully by COUNT afterwards).
_NUMBER_WORDS = sorted(NUMBER_UNITS + NUMBER_TEENS + NUMBER_TENS, key=len, reverse=True)
# Callers skip a start right after a letter; the pattern begins with a plain character set.
NUMBER_START = re.compile(
    r"[0-9][0-9,.]*|(?i:"
    + word_alternation(_NUMBER_WORDS + ["between", "half"])
    + r"|a\s+(?:hundred|thousand|million|dozen))(?![^\W\d])"
)
# The same over lower-cased text: a case-sensitive scan is several times faster. Every
# alternative starts with a literal character (a digit, or a number word's first letter), so
# the scan skips to those; a number word right after a letter is inside a word ("often"),
# which callers skip: the look-behind after the first letter drops it, in one character.
NUMBER_START_LOWER = re.compile(
    "|".join(
        [
            *(rf"{digit}[0-9,.]*" for digit in "0123456789"),
            *(
                rf"{branch[0]}(?<![a-z].){branch[1:]}(?![^\W\d])"
                for branch in word_branches(_NUMBER_WORDS + ["between", "half"])
            ),
            r"a(?<![a-z].)\s+(?:hundred|thousand|million|dozen)(?![^\W\d])",
        ]
    )
)
_APPROXIMATE = phrase_alternation(APPROXIMATE_QUALIFIERS)
_LOWER_BOUND = phrase_alternation(LOWER_BOUND_QUALIFIERS)
_UPPER_BOUND = phrase_alternation(UPPER_BOUND_QUALIFIERS)
QUALIFIER = rf"(?i:\b(?:{_LOWER_BOUND}|{_UPPER_BOUND}|{_APPROXIMATE})\b)"
# Last words of every qualifier, to skip the anchored qualifier search before most counts:
# derived from the qualifier's own alternatives ("an approximate" once went missing by hand).
QUALIFIER_LAST_WORDS = final_words(QUALIFIER + r"\s+$")

_LOWER_BOUND_RE = re.compile(rf"^(?:{_LOWER_BOUND})$", re.IGNORECASE)
_UPPER_BOUND_RE = re.compile(rf"^(?:{_UPPER_BOUND})$", re.IGNORECASE)
_SINGLE_NUMBER_RE = re.compile(SINGLE_NUMBER)
_WORD_TOKEN_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Count:
    """A parsed count: ``low <= high`` always, plus how the text hedged it."""

    low: int
    high: int
    approximate: bool = False
    lower_bound: bool = False
    upper_bound: bool = False


def parse_number(text: str) -> int | None:
    """Return the integer a single number phrase ("1,500", "twenty-five", "1.2 million") means.

    Returns None for anything that is not a whole count.
    """
    cleaned = text.strip().lower().replace(",", "")
    if not cleaned:
        return None
    if cleaned[0].isdigit():
        parts = cleaned.split()
        try:
            value = float(parts[0])
        except ValueError:
            return None
        if len(parts) > 1:
            value *= SCALE_VALUES.get(parts[1], 1)
        return int(value) if value == int(value) else None
    return _parse_word_number(cleaned)


def _parse_word_number(text: str) -> int | None:
    tokens = [token for token in _WORD_TOKEN_RE.findall(text) if token != "and"]
    if tokens[:2] == ["half", "a"]:
        return 6 if tokens[2:] == ["dozen"] else None
    total = 0
    current = 0
    for token in tokens:
        if token in WORD_VALUES:
            current += WORD_VALUES[token]
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in SCALE_VALUES:
            total += max(current, 1) * SCALE_VALUES[token]
            current = 0
        else:
            return None
    return total + current


@lru_cache(maxsize=4096)
def parse_count(number_text: str, qualifier_text: str = "") -> Count | None:
    """Parse text matched by :data:`COUNT` (and an optional :data:`QUALIFIER`) into a Count.

    A range gives its two ends (swapped if written backwards); a single number N gives N..N.
    Returns None if a number cannot be read. Cached: the rules and the candidates parse the
    same counts, and news repeats them.
    """
    values = [parse_number(match.group()) for match in _SINGLE_NUMBER_RE.finditer(number_text)]
    if not values or any(value is None for value in values):
        return None
    low, high = min(values[:2]), max(values[:2])
    qualifier = " ".join(qualifier_text.split()).lower()
    if not qualifier:
        return Count(low, high)
    if _LOWER_BOUND_RE.match(qualifier):
        return Count(low, high, lower_bound=True)
    if _UPPER_BOUND_RE.match(qualifier):
        return Count(low, high, upper_bound=True)
    return Count(low, high, approximate=True)
