"""The extraction pipeline: sentences and quotations, attributions, then claims per sentence."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from claims.extraction.attribution import SpeakerChooser, SpeakerResolver, find_attributions
from claims.extraction.candidates import find_candidates
from claims.extraction.casualties import find_count_claims, outcome_flags
from claims.extraction.decisions import (
    EXTRACTOR_VERSION,
    Proposal,
    RuleClaim,
    build_proposals,
    decide,
    shipped_model,
)
from claims.extraction.model import LinearModel
from claims.extraction.sentences import Quote, find_quotes, mask_quotes, split_sentences
from claims.extraction.speakers import shipped_speaker_model
from claims.extraction.types import ExtractedClaim, Speaker

_MIN_DIRECT_SPEECH_WORDS = 4
_SPEECH_INTRODUCTION = re.compile(r"[:,]\s*$")


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the model's decision needs from a text: its statement claims, the casualty
    candidates with their features, and who says what at a position."""

    statements: list[ExtractedClaim]
    proposals: list[Proposal]
    speaker_at: Callable[[int], Speaker | None]


def extract(
    text: str,
    trace: bool = False,
    model: LinearModel | None | str = "shipped",
    speaker_model: SpeakerChooser | None | str = "shipped",
) -> list[ExtractedClaim]:
    """Return the casualty, quantity and statement claims of ``text``, sorted by start.

    Guarantees for every claim: ``text[claim.start:claim.end] == claim.text``,
    ``0 <= start < end <= len(text)``, and ``count_min <= count_max`` when counts are set.
    Deterministic; accepts any string. ``trace=True`` gives each claim a :class:`ClaimTrace`
    (the rules and the model features behind it); ``model`` is the shipped model by default,
    another :class:`LinearModel` (leave-one-corpus-out scoring) or None for the rules alone;
    ``speaker_model`` likewise for speakers (:class:`speakers.SpeakerModel`).
    """
    if model == "shipped":
        model = shipped_model()
    if not text or not text.strip():
        return []
    return decide_analysis(text, analyse(text, speaker_model), model, trace)


def extract_many(texts: list[str]) -> list[list[ExtractedClaim]]:
    """The claims of each text: what a worker process extracts for a chunk of articles
    (claims.services.ingest.ingest_chunks) while the previous chunk is written."""
    return [extract(text) for text in texts]


def decide_analysis(
    text: str, analysis: Analysis, model: LinearModel | None, trace: bool = False
) -> list[ExtractedClaim]:
    """The claims of an analysed text under ``model`` (the scorer reuses one analysis for
    several models)."""
    claims = list(analysis.statements)
    claims.extend(decide(text, analysis.proposals, analysis.speaker_at, model, trace))
    claims.sort(key=lambda claim: (claim.start, claim.end, claim.kind))
    return claims


def analyse(text: str, speaker_model: SpeakerChooser | None | str = "shipped") -> Analysis:
    """Sentences, quotations and attributions, the rules' claims and the candidates of
    ``text`` with their features: everything but the casualty model's decision."""
    quotes = find_quotes(text)
    masked = mask_quotes(text, quotes)
    sentences = split_sentences(text)
    sentence_starts = [start for start, _ in sentences]
    if speaker_model == "shipped":
        speaker_model = shipped_speaker_model()
    sentence_speakers, clause_speakers = attribute(text, masked, sentences, speaker_model)
    quote_speakers = _quote_speakers(quotes, sentences, sentence_starts, sentence_speakers)
    claims: list[ExtractedClaim] = []
    rule_claims: list[RuleClaim] = []
    quoted_sentences: set[int] = set()
    for quote, speaker in zip(quotes, quote_speakers, strict=True):
        if speaker is None or not _is_direct_speech(
            text, masked, quote, sentences, sentence_starts
        ):
            continue
        statement = _statement(text, quote.inner_start, quote.inner_end, speaker)
        if statement is not None:
            claims.append(statement)
            first = _sentence_index(sentence_starts, quote.start)
            last = _sentence_index(sentence_starts, max(quote.start, quote.end - 1))
            quoted_sentences.update(range(first, last + 1))

    lowered = text.lower()
    has_outcome = outcome_flags(lowered, sentences)
    for index, ((start, end), speaker) in enumerate(zip(sentences, sentence_speakers, strict=True)):
        speakers = clause_speakers[index]
        if len(speakers) == 1 and index not in quoted_sentences:
            statement = _statement(text, start, end, speakers[0][0])
            if statement is not None:
                claims.append(statement)
        elif len(speakers) > 1:
            clause_starts = sorted({clause_start for _, clause_start in speakers})
            for clause_speaker, clause_start in speakers:
                if index in quoted_sentences and clause_speaker == speaker:
                    continue
                following = [later for later in clause_starts if later > clause_start]
                clause_end = following[0] if following else end
                statement = _statement(text, clause_start, clause_end, clause_speaker)
                if statement is not None:
                    claims.append(statement)
        for found in find_count_claims(text, start, end, has_outcome[index]):
            claim_speaker = _quote_speaker_at(quotes, quote_speakers, found.start) or (
                _clause_speaker_at(speakers, found.start) or speaker
            )
            rule_claims.append(RuleClaim(found, claim_speaker, index))

    def speaker_at(position: int) -> Speaker | None:
        return _speaker_at(
            quotes, quote_speakers, clause_speakers, sentence_speakers, sentence_starts, position
        )

    outcome_spans = [span for span, flag in zip(sentences, has_outcome, strict=True) if flag]
    candidates = find_candidates(text, outcome_spans, lowered)
    proposals = build_proposals(text, lowered, sentences, sentence_starts, rule_claims, candidates)
    return Analysis(claims, proposals, speaker_at)


def attribute(
    text: str,
    masked: str,
    sentences: list[tuple[int, int]],
    chooser: SpeakerChooser | None,
) -> tuple[list[Speaker | None], list[list[tuple[Speaker, int]]]]:
    """Each sentence's first speaker, and every speaker of each sentence with the start of the
    clause it speaks in; ``chooser`` picks among the readings of each attribution."""
    resolver = SpeakerResolver(text, sentences, chooser)
    sentence_speakers: list[Speaker | None] = []
    clause_speakers: list[list[tuple[Speaker, int]]] = []
    for start, end in sentences:
        resolved = []
        for attribution, clause_start in find_attributions(masked, start, end):
            speaker = resolver.resolve(attribution)
            if speaker is not None:
                resolved.append((speaker, clause_start))
        clause_speakers.append(resolved)
        sentence_speakers.append(resolved[0][0] if resolved else None)
    return sentence_speakers, clause_speakers


def _speaker_at(
    quotes: list[Quote],
    quote_speakers: list[Speaker | None],
    clause_speakers: list[list[tuple[Speaker, int]]],
    sentence_speakers: list[Speaker | None],
    sentence_starts: list[int],
    position: int,
) -> Speaker | None:
    """Who says what is at ``position``: its quotation's speaker, else its clause's, else its
    sentence's."""
    index = _sentence_index(sentence_starts, position)
    return _quote_speaker_at(quotes, quote_speakers, position) or (
        _clause_speaker_at(clause_speakers[index], position) or sentence_speakers[index]
    )


def _sentence_index(sentence_starts: list[int], position: int) -> int:
    return max(0, bisect.bisect_right(sentence_starts, position) - 1)


def _quote_speakers(
    quotes: list[Quote],
    sentences: list[tuple[int, int]],
    sentence_starts: list[int],
    sentence_speakers: list[Speaker | None],
) -> list[Speaker | None]:
    """Each quotation's speaker: its closing sentence's, its opening sentence's, or, for a quote
    opening a sentence right after an attributed quote, that quote's (a continued quotation)."""
    speakers: list[Speaker | None] = []
    previous_sentence_with_quote = -2
    previous_speaker: Speaker | None = None
    for quote in quotes:
        first = _sentence_index(sentence_starts, quote.start)
        last = _sentence_index(sentence_starts, max(quote.start, quote.end - 1))
        speaker = sentence_speakers[last] or sentence_speakers[first]
        opens_sentence = sentences[first][0] == quote.start
        if speaker is None and opens_sentence and first - previous_sentence_with_quote <= 1:
            speaker = previous_speaker
        if speaker is None and opens_sentence and first >= 1:
            # "Mayor Ihor Terekhov spoke to reporters. "We found 12 bodies."": an unattributed
            # quotation right after an attributed sentence is that speaker's.
            speaker = sentence_speakers[first - 1]
        speakers.append(speaker)
        if speaker is not None:
            previous_sentence_with_quote = last
            previous_speaker = speaker
    return speakers


def _is_direct_speech(
    text: str, masked: str, quote: Quote, sentences: list[tuple[int, int]], starts: list[int]
) -> bool:
    """A quotation of a few words that opens its sentence or follows "said:" / "said,"."""
    if len(text[quote.inner_start : quote.inner_end].split()) < _MIN_DIRECT_SPEECH_WORDS:
        return False
    sentence_start = sentences[_sentence_index(starts, quote.start)][0]
    if sentence_start == quote.start:
        return True
    return bool(_SPEECH_INTRODUCTION.search(masked[sentence_start : quote.start]))


def _clause_speaker_at(speakers: list[tuple[Speaker, int]], position: int) -> Speaker | None:
    """The speaker of the last clause starting at or before ``position``."""
    chosen = None
    for speaker, clause_start in speakers:
        if clause_start <= position:
            chosen = speaker
    return chosen


def _quote_speaker_at(
    quotes: list[Quote], speakers: list[Speaker | None], position: int
) -> Speaker | None:
    for quote, speaker in zip(quotes, speakers, strict=True):
        if quote.inner_start <= position < quote.inner_end:
            return speaker
        if quote.start > position:
            break
    return None


def _statement(text: str, start: int, end: int, speaker: Speaker) -> ExtractedClaim | None:
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    if start >= end:
        return None
    return ExtractedClaim(
        kind="statement",
        text=text[start:end],
        start=start,
        end=end,
        speaker=speaker,
        mentions=((start, end),),
        extractor_version=EXTRACTOR_VERSION,
    )
