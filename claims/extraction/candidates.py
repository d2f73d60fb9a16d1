"""Every count-like span of a text, proposed with high recall for the model to decide.

A candidate is a numeral or number phrase ("13", "1,500 to 2,200", "twenty-five", "a dozen")
with the hedge before it ("around") and its head words after it ("US Marines"), a zero cue
("no one was hurt", "no known civilian casualties") or one person counted with "a/an/one"
("a police officer"). "from 21 to 34" after a revision verb gives two candidates, never a
range. Nothing here decides whether a candidate is a casualty: that is the model's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from claims.extraction.casualties import (
    GROUP,
    NEGATION,
    REVISED_FROM,
    REVISED_FROM_REACH,
    SINGULAR_NOUN,
)
from claims.extraction.lexicon import SINGULAR_PERSON_NOUNS
from claims.extraction.numbers import (
    COUNT,
    NUMBER_START_LOWER,
    QUALIFIER,
    QUALIFIER_LAST_WORDS,
    SINGLE_NUMBER,
    Count,
    parse_count,
)
from claims.extraction.patterns import word_alternation

_COUNT = re.compile(COUNT)
_SINGLE = re.compile(SINGLE_NUMBER)
_QUALIFIER_BEFORE = re.compile(rf"(?P<qualifier>{QUALIFIER})\s+$")
_HEAD = re.compile(rf"\s+(?P<group>{GROUP})")
_FROM_BEFORE = re.compile(r"(?i:\bfrom)\s+$")
_NO_BEFORE = re.compile(r"\bno[\s-]$")
_ZERO_CUE = re.compile(r"\b(?:no|none|nobody|no-one|zero|without)\b")
# An age is a person noun ("a 35-year-old died") unless a person noun follows it: then the head
# is that noun ("A 35-year-old man"), as the annotators' spans and the rules' groups have it.
_AGED_PERSON = r"(?i:[0-9]{1,3}-year-old\s+" + word_alternation(SINGULAR_PERSON_NOUNS) + r"\b)"
_SINGLE_PERSON = re.compile(
    rf"(?i:\b(?:a|an|one|another)\s+)"
    rf"(?P<group>(?:[\w-]+\s+){{0,2}}?(?:{_AGED_PERSON}|{SINGULAR_NOUN}))"
)
# One more person named by an ordinal or "another" alone, before a verb or an apposition:
# "and a third, a woman in her 80s, was hurt", "killing one man and wounding another" (not the
# fraction "a third of those").
_SINGLE_ORDINAL = re.compile(
    r"(?i:\b(?:(?:a|an)\s+(?:second|third|fourth|fifth|sixth)|another))"
    r"(?=\s*[,.;]|\s+(?i:who|was|is|has|had|remains|died|suffered)\b)"
)
# "a couple" of people is two: "among the dead were a couple aged 52 and 49", "a couple of
# them are critical" (the model tells them from "a couple of days").
_COUPLE = re.compile(
    r"(?P<number>(?i:\ba\s+couple\b))"
    rf"(?:\s+(?i:of)\s+(?P<group>(?i:them|those)\b|(?:[\w-]+\s+){{0,2}}?{GROUP}))?"
)
_SINGLE_CUE = re.compile(r"\b(?:a|an|one|another) ")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A count-like span ``text[start:end]``; the number itself is ``number_start..number_end``.

    ``shape`` is how the count is written: "digits", "words", "range", "zero" or "single".
    """

    start: int
    end: int
    number_start: int
    number_end: int
    count: Count
    shape: str
    group: str = ""
    # The earlier number of "rose from 21 to 34": a superseded figure, not a range's end.
    revision: bool = False


def find_candidates(
    text: str, outcome_spans: list[tuple[int, int]] | None = None, lowered: str | None = None
) -> list[Candidate]:
    """Every candidate of ``text`` in text order (zero cues and single persons after counts
    that overlap them are dropped, so each span is proposed once).

    With ``outcome_spans`` (the sentences that have an outcome word), candidates are sought
    only there: elsewhere a count cannot be a casualty, and what the rules make of it (a
    quantity) reaches the model as the rule's own candidate. ``lowered`` is ``text.lower()``
    when the caller has it already (lower-casing an article costs as much as half the scan).
    """
    if lowered is None:
        lowered = text.lower()
    found: list[Candidate] = []
    position = 0
    spans = outcome_spans if outcome_spans is not None else [(0, len(text))]
    starts = (
        start_match
        for span_start, span_end in spans
        for start_match in NUMBER_START_LOWER.finditer(lowered, span_start, span_end)
    )
    for start_match in starts:
        number_start = start_match.start()
        if number_start < position or (number_start > 0 and lowered[number_start - 1].isalpha()):
            continue
        if lowered.startswith("one", number_start) and _NO_BEFORE.search(
            lowered, max(0, number_start - 4), number_start
        ):
            continue  # "no one was hurt" is a zero cue, not one person
        number = _COUNT.match(text, number_start)
        if number is None:
            continue
        position = number.end()
        found.extend(_number_candidates(text, number))
    taken = [(candidate.start, candidate.end) for candidate in found]
    extra = []
    zero_cues = (
        cue
        for span_start, span_end in spans
        for cue in _ZERO_CUE.finditer(lowered, span_start, span_end)
    )
    if _ZERO_CUE.search(lowered):
        for cue in zero_cues:
            zero = NEGATION.match(text, cue.start())
            if zero is not None and not _overlaps(taken, zero.start(), zero.end()):
                extra.append(
                    Candidate(zero.start(), zero.end(), cue.start(), cue.end(), Count(0, 0), "zero")
                )
    for window_start, window_end in spans if _SINGLE_CUE.search(lowered) else ():
        for single in _SINGLE_PERSON.finditer(text, window_start, window_end):
            if not _overlaps(taken, single.start(), single.end()):
                article_end = single.start("group")
                extra.append(
                    Candidate(
                        single.start(),
                        single.end(),
                        single.start(),
                        article_end,
                        Count(1, 1),
                        "single",
                        " ".join(single.group("group").split()),
                    )
                )
    # An ordinal may stand inside a single person just found ("a second man"): those are taken.
    taken_by_now = taken + [(other.start, other.end) for other in extra]
    for window_start, window_end in spans if _SINGLE_CUE.search(lowered) else ():
        for single in _SINGLE_ORDINAL.finditer(text, window_start, window_end):
            if not _overlaps(taken_by_now, single.start(), single.end()):
                taken_by_now.append((single.start(), single.end()))
                extra.append(
                    Candidate(
                        single.start(),
                        single.end(),
                        single.start(),
                        single.end(),
                        Count(1, 1),
                        "single",
                    )
                )
    for window_start, window_end in spans if "couple" in lowered else ():
        for couple in _COUPLE.finditer(text, window_start, window_end):
            if not _overlaps(taken, couple.start(), couple.end()):
                group = " ".join((couple.group("group") or "").split())
                extra.append(
                    Candidate(
                        couple.start(),
                        couple.end(),
                        couple.start(),
                        couple.end("number"),
                        Count(2, 2),
                        "words",
                        group,
                    )
                )
    if extra:
        found.extend(extra)
        found.sort(key=lambda candidate: candidate.start)
    return found


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(other_start < end and start < other_end for other_start, other_end in spans)


def _number_candidates(text: str, number: re.Match[str]) -> list[Candidate]:
    """One candidate for the count, or two for "from 21 to 34" (a revision, not a range)."""
    number_text = number.group()
    left = text[max(0, number.start() - 30) : number.start()]
    singles = list(_SINGLE.finditer(number_text))
    if (
        len(singles) == 2
        and " to " in number_text.lower()
        and _FROM_BEFORE.search(left)
        and REVISED_FROM.search(text, max(0, number.start() - REVISED_FROM_REACH), number.start())
    ):
        earlier, later = singles
        base = number.start()
        pair = [
            _candidate(text, base + earlier.start(), base + earlier.end(), earlier.group(), ""),
            _candidate(text, base + later.start(), base + later.end(), later.group(), ""),
        ]
        if pair[0] is None or pair[1] is None:
            return []
        return [replace(pair[0], end=pair[0].number_end, group="", revision=True), pair[1]]
    qualifier = None
    words = left.split()
    if words and words[-1].lower() in QUALIFIER_LAST_WORDS:
        qualifier = _QUALIFIER_BEFORE.search(left)
    qualifier_text = qualifier.group("qualifier") if qualifier else ""
    candidate = _candidate(text, number.start(), number.end(), number_text, qualifier_text)
    if candidate is None:
        return []
    if qualifier is not None:
        offset = number.start() - len(left)
        candidate = Candidate(
            offset + qualifier.start(),
            candidate.end,
            candidate.number_start,
            candidate.number_end,
            candidate.count,
            candidate.shape,
            candidate.group,
        )
    return [candidate]


def _candidate(
    text: str, number_start: int, number_end: int, number_text: str, qualifier: str
) -> Candidate | None:
    count = parse_count(number_text, qualifier)
    if count is None:
        return None
    if count.low != count.high:
        shape = "range"
    elif number_text[0].isdigit():
        shape = "digits"
    else:
        shape = "words"
    head = _HEAD.match(text, number_end)
    end = head.end() if head else number_end
    group = " ".join(head.group("group").split()) if head else ""
    return Candidate(number_start, end, number_start, number_end, count, shape, group)
