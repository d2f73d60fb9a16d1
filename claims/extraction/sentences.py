"""Sentence and quotation spans over raw article text, by offset, without copying the text.

The splitter is a handful of regexes: a candidate boundary is sentence punctuation (plus any
closing quote or bracket) followed by space and a capitalised word, a paragraph break, or a line
break after terminal punctuation or before a bullet or timestamp. Candidates after known
abbreviations ("Mr.", "Gen.", "Jan.", "U.S.") are dropped, and so are those followed by a
lower-case word, which keeps scraped text with stray full stops in one piece.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from claims.extraction.lexicon import ABBREVIATIONS, MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS

# A full stop after these does not end a sentence ("Mr. Smith", "Jan. 7", "Gen. Milley").
_ABBREVIATIONS = frozenset(
    word.lower() for word in (*ABBREVIATIONS, *MONTH_ABBREVIATIONS, *WEEKDAY_ABBREVIATIONS)
)
# Words that, after an initialism such as "U.S.", show a new sentence has started.
_SENTENCE_STARTERS = frozenset(
    "the a an it he she they we i this that these those but and in on at after as".split()
)

# Four alternatives (terminal punctuation before a capital, a paragraph break, a line ending in
# a colon or quote before a bullet or timestamp, a line break before one), written as one
# character class followed by the alternatives, each behind a look-behind at that character:
# a pattern that starts with a class is scanned for that class's characters, while a pattern
# that starts with alternatives is tried at every position (4x slower over an article).
_SENTENCE_END = re.compile(
    r"[.!?…\n:;\"”’»)](?:"
    r"(?<=[.!?…])[.!?…]*[\"'”’»)\]]*(?P<space>[ \t\u00a0]+|[ \t]*\n\s*)"
    r"(?=[\"“‘«(\[]?(?:[^\W\d_a-z]|[0-9]))"
    r"|(?<=\n)[ \t\u00a0]*\n\s*"
    r"|(?<=[:;\"”’»)])[ \t]*\n\s*(?=[-–—•*]|[0-9]{1,2}[:.][0-9]{2}\b)"
    r"|(?<=\n)\s*(?=[-–—•*]|[0-9]{1,2}[:.][0-9]{2}\b)"
    r")"
)
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}|[A-Z]\.")
_TOKEN_EDGE = "\"'“”‘’«»()[]"
_FIRST_WORD = re.compile(r"[\"“‘«(\[]?([^\W\d_]+)")

_DOUBLE_QUOTES = '"“”„«»'
# Any double mark or "‘", or "’" before a space, punctuation or the end: one class first, so
# the scan skips to quote marks (see _SENTENCE_END).
_QUOTE_MARK = re.compile(r"[\"“”„«»‘’](?:(?<!’)|(?=[\s,.;:!?)—–-]|$))")
_OPENS_SINGLE_QUOTE_AFTER = frozenset(" \t\n\u00a0([—–-")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text``, in order, non-overlapping.

    Spans are trimmed of surrounding whitespace and never empty; every non-space character of
    ``text`` lies in exactly one span.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        if boundary.group("space") is not None and not _is_real_boundary(text, boundary):
            continue
        cut = boundary.start("space") if boundary.group("space") is not None else boundary.start()
        _append_trimmed(text, start, cut, spans)
        start = boundary.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _is_real_boundary(text: str, boundary: re.Match[str]) -> bool:
    """Whether punctuation followed by space and a capital really ends a sentence."""
    punctuation_end = boundary.start()
    if text[punctuation_end] != "." or boundary.group("space").count("\n") > 1:
        return True
    words = text[max(0, punctuation_end - 30) : punctuation_end + 1].split()
    last_token = words[-1].lstrip(_TOKEN_EDGE) if words else ""
    if _INITIALISM.fullmatch(last_token):
        following = _FIRST_WORD.match(text, boundary.end())
        return following is not None and following.group(1).lower() in _SENTENCE_STARTERS
    return last_token.rstrip(".").lower() not in _ABBREVIATIONS


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def find_quotes(text: str) -> list[Quote]:
    """Return the quotations of ``text`` in order, never overlapping.

    Double quote marks (straight or curly, in either direction, as scraped text often gets them
    wrong) are paired in order within each paragraph; an unpaired last mark opens a quotation
    that runs to the end of the paragraph. Curly single quotes count only where they cannot be
    apostrophes and only outside double quotes.
    """
    quotes: list[Quote] = []
    # Every mark, found in one scan (paragraph breaks are blank, so none falls between them).
    marks = [
        match.start()
        for match in _QUOTE_MARK.finditer(text)
        if text[match.start()] != "‘"
        or match.start() == 0
        or text[match.start() - 1] in _OPENS_SINGLE_QUOTE_AFTER
    ]
    if not marks:
        return quotes
    paragraph_start = 0
    first = 0
    for paragraph_break in _PARAGRAPH_BREAK.finditer(text):
        last = bisect.bisect_left(marks, paragraph_break.start(), first)
        if last > first:
            paragraph = (paragraph_start, paragraph_break.start())
            _quotes_in_paragraph(text, *paragraph, marks[first:last], quotes)
        paragraph_start = paragraph_break.end()
        first = last
        if first == len(marks):
            return quotes
    _quotes_in_paragraph(text, paragraph_start, len(text), marks[first:], quotes)
    return quotes


def _quotes_in_paragraph(
    text: str, start: int, end: int, marks: list[int], quotes: list[Quote]
) -> None:
    """Pair the quote ``marks`` of the paragraph ``text[start:end]``, in order."""
    doubles = [position for position in marks if text[position] in _DOUBLE_QUOTES]
    found: list[Quote] = []
    for index in range(0, len(doubles), 2):
        opening = doubles[index]
        closing = doubles[index + 1] if index + 1 < len(doubles) else None
        if closing is None:
            found.append(Quote(opening, end, opening + 1, end))
        else:
            found.append(Quote(opening, closing + 1, opening + 1, closing))
    opening_single = None
    for position in marks:
        if text[position] == "‘" and opening_single is None:
            opening_single = position
        elif text[position] == "’" and opening_single is not None:
            inside_double = any(q.start <= opening_single < q.end for q in found)
            if not inside_double and " " in text[opening_single:position].strip():
                found.append(Quote(opening_single, position + 1, opening_single + 1, position))
            opening_single = None
    found.sort(key=lambda quote: quote.start)
    last_end = start
    for quote in found:
        if quote.start >= last_end:
            quotes.append(quote)
            last_end = quote.end


def mask_quotes(text: str, quotes: list[Quote]) -> str:
    """Return ``text`` with every quotation's inside replaced by spaces (same length)."""
    pieces: list[str] = []
    position = 0
    for quote in quotes:
        pieces.append(text[position : quote.inner_start])
        pieces.append(" " * (quote.inner_end - quote.inner_start))
        position = quote.inner_end
    pieces.append(text[position:])
    return "".join(pieces)
