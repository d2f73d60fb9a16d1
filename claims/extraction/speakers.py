"""Speaker readings and the trained resolver that picks among them.

The attribution rules (:mod:`claims.extraction.attribution`) find the words naming who speaks
and resolve pronouns, surnames and descriptors. For each speaker not seen before in the text
this module lists what those words could stand for: the rules' answer, the name without its
first words (a rank or post: "Sangareddy superintendent of police Paritosh Pankaj" ->
"Paritosh Pankaj", the corpus convention being the name without titles; a count: "two law
enforcement officials"), the name before a trailing phrase ("the General Staff in its morning
summary"), a longer name in the text that contains it ("Zhang" -> "Zhang Hu") and, for a bare
descriptor ("the agency", "the company"), the latest bodies that spoke. Two logistic models
trained on the corpora's speaker labels (``speaker_model.json``, written by ``python -m
claims.extraction.train``) score them from readable features: ``keep`` drops an attribution
whose words name no speaker an annotator would list, ``choose`` lets another reading replace
the rules' one.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from claims.extraction.attribution import (
    Attribution,
    is_institution_word,
    kind_of,
    titled_word,
    trailing_personal_name,
)
from claims.extraction.lexicon import (
    ARTICLES,
    NAME_TAIL_PREPOSITIONS,
    NOT_NAME_STARTS,
)
from claims.extraction.model import SPEAKER_MODEL_PATH
from claims.extraction.types import Speaker

# An attribution is kept when its best reading is at least this probable (set once, not tuned).
KEEP = 0.5
# Another reading replaces the rules' one when it is at least this probable (set once).
CHOOSE = 0.5
_MAX_EARLIER = 2
_MAX_CUT = 4
# How far around a word a run of capitalised words containing it is looked for (characters).
_RUN_WINDOW = 120
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_DIGIT = re.compile(r"\d")
# A run of capitalised words, with the particles names carry ("Flavio Di Giacomo", "Guardia di
# Finanza", "Abu Bakr al-Baghdadi").
_CAPITALISED_RUN = re.compile(
    # The capital first, then the test that no word character precedes it: the scan skips to
    # capitals.
    r"[A-Z](?<![\w’'-].)[\w’'-]+(?:[ \t]+(?:[A-Z][\w’'-]+|di|de|da|del|della|la|van|von|bin|ibn"
    r"|al-[\w’'-]+)){1,4}(?![\w’'-])"
)
_WORD_BEFORE = re.compile(r"([\w’'-]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([\w’'-]+)")
_SENTENCE_END_MARKS = frozenset('.!?:;"”’')
# Heads that name nobody without the phrase after them: "a source in the civil defence", "a
# security source in Dori", "sources at al-Nao hospital" (the corpora list them whole).
_PLACED_BY_THEIR_PHRASE = frozenset({"source", "sources"})
# An unnamed spokesperson for a body is named as written ("a spokesperson for the ministry of
# interior"; the body is the affiliation), as the issue and the corpora have it.
_SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson"})


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    """One reading of an attribution: the speaker it would give and the features scoring it,
    its own and those it shares with every reading of the attribution (the context)."""

    speaker: Speaker
    source: str
    own: tuple[str, ...]
    shared: tuple[str, ...]

    @property
    def features(self) -> tuple[str, ...]:
        """All the features of the reading."""
        return self.own + self.shared


def shape(word: str) -> str:
    """ "Xx", "XX", "x", "X." or "9": the capitalisation of a word, for the features."""
    if _DIGIT.search(word):
        return "9"
    if word.endswith(".") and len(word) <= 4:
        return "X."
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    return "x"


class TextIndex:
    """What the readings of every attribution of one text look up, each computed on first use
    and kept for the next attribution: how often a word occurs, and the runs of capitalised
    words that contain it."""

    __slots__ = ("text", "_counts", "_runs")

    def __init__(self, text: str) -> None:
        self.text = text
        self._counts: dict[str, int] = {}
        self._runs: dict[str, list[str]] = {}

    def count(self, word: str) -> int:
        """How often ``word`` occurs in the text (as a substring)."""
        found = self._counts.get(word)
        if found is None:
            found = self._counts[word] = self.text.count(word)
        return found

    def runs_with(self, word: str) -> list[str]:
        """The runs of capitalised words around each occurrence of ``word`` that contain it."""
        found = self._runs.get(word)
        if found is None:
            found = self._runs[word] = []
            text = self.text
            position = text.find(word)
            while position >= 0:
                window = (max(0, position - _RUN_WINDOW), position + len(word) + _RUN_WINDOW)
                for run in _CAPITALISED_RUN.finditer(text, *window):
                    if run.start() <= position < run.end() and run.group() not in found:
                        found.append(run.group())
                position = text.find(word, position + 1)
        return found


def candidates(
    text: str | TextIndex,
    attribution: Attribution,
    speaker: Speaker,
    how: str,
    history: list[Speaker],
) -> list[SpeakerCandidate]:
    """Every reading of ``attribution`` (the rules' ``speaker`` first) with its features."""
    index = text if isinstance(text, TextIndex) else TextIndex(text)
    text = index.text
    before = _WORD_BEFORE.search(text, max(0, attribution.start - 30), attribution.start)
    after = _WORD_AFTER.match(text[attribution.end : attribution.end + 30])
    written_words = attribution.as_written.split()
    shared = [
        f"HOW={how}",
        f"KIND={speaker.kind}",
        f"B={before.group(1).lower() if before else '^'}",
        f"A={after.group(1).lower() if after else '$'}",
        f"HEAD={written_words[-1].lower() if written_words else ''}",
    ]
    if speaker.role:
        shared.append("ROLE")
    line = _line_kind(text, attribution.start)
    if line:
        shared.append(f"LINE={line}")
    readings: list[tuple[Speaker, str, list[str]]] = [(speaker, "rule", [])]
    name_words = speaker.name.split()
    readings.extend(_suffixes(speaker, name_words))
    readings.extend(_heads(speaker, name_words))
    readings.extend(_full_names(index, speaker, name_words))
    if _is_descriptor(attribution, how):
        seen = {speaker.name}
        descriptor_kind = kind_of(attribution.as_written, False)
        for rank, earlier in enumerate(_earlier_bodies(history, seen), start=1):
            head = written_words[-1].lower()
            readings.append(
                (
                    Speaker(
                        attribution.as_written,
                        earlier.name,
                        earlier.role,
                        earlier.affiliation,
                        earlier.kind,
                    ),
                    "earlier",
                    [
                        f"RANK={rank}",
                        f"HEADIN={head in earlier.name.lower().split()}",
                        f"KINDSAME={descriptor_kind == earlier.kind}",
                        f"EKIND={earlier.kind}",
                    ],
                )
            )
    found = []
    seen_names: set[str] = set()
    context = tuple(shared)
    for reading, source, extra in readings:
        key = reading.name.lower()
        if key[:1] in "ta":  # only then can it start with "the", "a" or "an"
            key = _ARTICLE.sub("", key)
        if key in seen_names:
            continue
        seen_names.add(key)
        own = _features(index, reading, source, extra, shared)
        found.append(SpeakerCandidate(reading, source, tuple(own), context))
    return found


def _line_kind(text: str, position: int) -> str:
    """ "headline" for an attribution in the text's first line when that line ends without
    sentence punctuation ("Drone hits hospital; ministry says 3 dead"), "bare" for such a line
    further down (a bullet, a table row, a subhead), else "": a headline names its speaker
    short ("ministry", "officials") and the body names it in full, so the words at the start of
    the text mean one thing in a lede and another in a headline."""
    line_end = text.find("\n", position)
    if line_end < 0:
        return ""
    line_start = text.rfind("\n", 0, position) + 1
    line = text[line_start:line_end].rstrip()
    if not line or line[-1] in _SENTENCE_END_MARKS:
        return ""
    return "headline" if not text[:line_start].strip() else "bare"


def _suffixes(speaker: Speaker, words: list[str]) -> list[tuple[Speaker, str, list[str]]]:
    """The name without its first words: a rank or post ("DSP", "Sangareddy superintendent of
    police"), a count ("two law enforcement officials"), a place ("city emergency bureau")."""
    found = []
    # "vice chairman of the provincial people's committee Tran Anh Tuan": a long post before a
    # personal name is cut whatever its length.
    person = trailing_personal_name(" ".join(words)).split()
    person_cut = len(words) - len(person) if len(person) >= 2 else 0
    cuts = list(range(1, min(len(words), _MAX_CUT + 1)))
    if person_cut > _MAX_CUT:
        cuts.append(person_cut)
    for cut in cuts:
        rest = words[cut:]
        last_cut = words[cut - 1].lower()
        if last_cut in _PLACED_BY_THEIR_PHRASE or (
            last_cut in _SPEAKS_FOR and rest[0].lower() in ("for", "of")
        ):
            break  # "a source in the civil defence", "a spokesperson for the ministry": whole
        if rest[0].lower() in NOT_NAME_STARTS:
            # "for the Ministry of Health": the next cut gives the name without these words.
            continue
        dropped = words[cut - 1]
        capitalised = all(word[:1].isupper() for word in rest)
        found.append(
            (
                Speaker(
                    speaker.as_written,
                    " ".join(rest),
                    " ".join(words[:cut]),
                    speaker.affiliation,
                    "person" if capitalised and len(rest) >= 2 else speaker.kind,
                ),
                "suffix",
                [
                    *_cut_features(dropped),
                    f"CUT0={words[0].lower()}",
                    f"CUTN={min(cut, _MAX_CUT + 1)}",
                    f"RESTCAP={capitalised}",
                    f"PERSON={cut == person_cut}",
                ],
            )
        )
    return found


def _heads(speaker: Speaker, words: list[str]) -> list[tuple[Speaker, str, list[str]]]:
    """The name before a trailing phrase: "the civil defence agency in the Hamas-run
    territory", "the General Staff in its morning summary", "a doctor at the hospital"."""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in NAME_TAIL_PREPOSITIONS:
            head = words[:index]
            if head[-1].lower() in _PLACED_BY_THEIR_PHRASE:
                return []
            return [
                (
                    Speaker(
                        speaker.as_written,
                        " ".join(head),
                        speaker.role,
                        speaker.affiliation,
                        speaker.kind,
                    ),
                    "head",
                    [f"PREP={word.lower()}", f"TAIL={len(words) - index}"],
                )
            ]
    return []


def _full_names(
    index: TextIndex, speaker: Speaker, words: list[str]
) -> list[tuple[Speaker, str, list[str]]]:
    """Longer names in the text that contain a one- or two-word name ("Zhang" -> "Zhang Hu",
    "Giacomo" -> "Flavio Di Giacomo", "Finanza" -> "Guardia di Finanza")."""
    if not 1 <= len(words) <= 2 or not all(word[:1].isupper() for word in words):
        return []
    wanted = [word.lower() for word in words]
    found = []
    for run in index.runs_with(words[-1]):
        tokens = run.split()
        lowered = [token.lower() for token in tokens]
        if len(tokens) <= len(words) or not any(
            lowered[start : start + len(wanted)] == wanted
            for start in range(len(tokens) - len(wanted) + 1)
        ):
            continue
        found.append(
            (
                Speaker(speaker.as_written, run, speaker.role, speaker.affiliation, "person"),
                "full",
                [f"FULLN={len(tokens)}", f"FULLEND={lowered[-1] == wanted[-1]}"],
            )
        )
        if len(found) == _MAX_EARLIER:
            break
    return found


def _first_descriptor(
    attribution: Attribution, how: str, history: list[Speaker], speaker: Speaker
) -> bool:
    """ "The ministry issued a statement", "the airline said" with no body named before: a
    descriptor that cannot stand for an earlier source is the only naming there is, so it is
    kept whatever *keep* says (which learned to drop descriptors that repeat a named body)."""
    return (
        _is_descriptor(attribution, how)
        and len(attribution.as_written.split()) == 2
        and not _earlier_bodies(history, {speaker.name})
    )


def _is_descriptor(attribution: Attribution, how: str) -> bool:
    """A new attribution written with an article ("the agency", "a spokesman"): it may stand
    for a body named earlier."""
    return how == "new" and attribution.as_written.split()[0].lower() in ARTICLES


def _earlier_bodies(history: list[Speaker], seen: set[str]) -> list[Speaker]:
    found = []
    for earlier in reversed(history):
        if earlier.kind == "person" or earlier.name in seen:
            continue
        seen.add(earlier.name)
        found.append(earlier)
        if len(found) == _MAX_EARLIER:
            break
    return found


def _features(
    index: TextIndex, reading: Speaker, source: str, extra: list[str], shared: list[str]
) -> list[str]:
    words = reading.name.split()
    last = words[-1]
    features = [f"SRC={source}", f"N={min(len(words), 5)}"]
    features.extend(_first_word_features(words[0]))
    features.extend(_last_word_features(last))
    if all(word[:1].islower() for word in words):
        features.append("LOWER")
    if len(words) >= 2 and index.count(last) > 1:
        features.append("LAST_AGAIN")
    features.extend(extra)
    features.append(f"{source}|{shared[0]}")
    features.append(f"{source}|{shared[1]}")
    return features


# The features of a word depend on the word alone, and names recur across the readings of one
# attribution and across articles: computed once per word.
@lru_cache(maxsize=8192)
def _first_word_features(word: str) -> tuple[str, ...]:
    lowered = word.lower()
    found = (
        f"F={lowered}",
        f"FS={shape(word)}",
        f"FT={titled_word(word)}",
        f"FI={is_institution_word(word)}",
    )
    return (*found, "DET") if lowered in ARTICLES else found


@lru_cache(maxsize=8192)
def _last_word_features(word: str) -> tuple[str, ...]:
    return (f"L={word.lower()}", f"LS={shape(word)}")


@lru_cache(maxsize=8192)
def _cut_features(word: str) -> tuple[str, ...]:
    return (
        f"CUT={word.lower()}",
        f"CUTS={shape(word)}",
        f"CUTT={titled_word(word)}",
        f"CUTI={is_institution_word(word)}",
    )


class _Logistic:
    """Binary logistic regression over named features."""

    def __init__(self, payload: dict):
        self.intercept: float = payload["intercept"]
        self.weights: dict[str, float] = payload["weights"]

    def score(self, features: tuple[str, ...]) -> float:
        """The sum of the features' weights (without the intercept)."""
        return sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: tuple[str, ...]) -> float:
        score = self.intercept + self.score(features)
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-score))
        exponential = math.exp(score)
        return exponential / (1.0 + exponential)


class SpeakerModel:
    """Two logistic regressions: ``keep`` (do the rules' words name a speaker at all?) scores
    the rules' reading; ``choose`` (is this other reading the speaker where the rules' one is
    not?) scores the alternatives, and the most probable one at :data:`CHOOSE` or above wins."""

    def __init__(self, payload: dict):
        self.keep = _Logistic(payload["keep"])
        self.choose_model = _Logistic(payload["choose"])
        # The index of the text being read: one extraction asks about each attribution in turn.
        self._index: TextIndex | None = None
        self.metadata = {
            key: value for key, value in payload.items() if key not in ("keep", "choose")
        }

    @classmethod
    def load(cls, path: Path = SPEAKER_MODEL_PATH) -> SpeakerModel:
        """Read a model file written by the training command."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def choose(
        self,
        text: str,
        attribution: Attribution,
        speaker: Speaker,
        how: str,
        history: list[Speaker],
    ) -> Speaker | None:
        """The most probable reading, or None when the rules' words name no speaker."""
        index = self._index
        if index is None or index.text is not text:
            index = self._index = TextIndex(text)
        readings = candidates(index, attribution, speaker, how, history)
        if self.keep.probability(readings[0].features) < KEEP and not _first_descriptor(
            attribution, how, history, speaker
        ):
            return None
        if len(readings) == 1:
            return speaker
        # Compared as log-odds: the context is scored once for all readings.
        choose = self.choose_model
        context = choose.intercept + choose.score(readings[0].shared)
        best, best_score = speaker, math.log(CHOOSE / (1.0 - CHOOSE))
        for reading in readings[1:]:
            score = context + choose.score(reading.own)
            if score > best_score:
                best, best_score = reading.speaker, score
        return best


class CandidateRecorder:
    """A chooser for training: records every attribution's readings, keeps the rules' answer."""

    def __init__(self) -> None:
        self.groups: list[list[SpeakerCandidate]] = []

    def choose(
        self,
        text: str,
        attribution: Attribution,
        speaker: Speaker,
        how: str,
        history: list[Speaker],
    ) -> Speaker | None:
        self.groups.append(candidates(text, attribution, speaker, how, history))
        return speaker


_shipped: list[SpeakerModel] = []


def shipped_speaker_model() -> SpeakerModel:
    """The model in ``speaker_model.json``, read once per process."""
    if not _shipped:
        _shipped.append(SpeakerModel.load(SPEAKER_MODEL_PATH))
    return _shipped[0]
