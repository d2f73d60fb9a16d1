"""Speaker candidates and the trained resolver that picks among them.

The attribution rules (:mod:`claims.extraction.attribution`) find the words naming who speaks
and resolve pronouns, surnames and descriptors. For each attribution this module lists the
speakers those words could stand for: the rules' answer, the words as written, the name with a
leading rank or post cut off ("SSP East Irfan Baloch" -> "Irfan Baloch": the corpus convention
is the name as written, without titles), the office of a nested attribution ("a spokesperson
for the ministry", "Health Ministry spokesperson": the office is the source) and, for a bare
descriptor ("the ministry", "the agency", "the statement"), the latest earlier bodies. A
logistic model trained on the corpora's speaker labels (``speaker_model.json``, written by
``python -m claims.extraction.train``) scores each candidate from readable features; the best
is the speaker, and an attribution whose best candidate scores below :data:`KEEP` is dropped
(words the rules took for a speaker that no annotator would: "informed the ministry").
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from claims.extraction.attribution import (
    Attribution,
    is_institution_word,
    kind_of,
    titled_word,
)
from claims.extraction.types import Speaker

SPEAKER_MODEL_PATH = Path(__file__).with_name("speaker_model.json")
# An attribution is kept when its best reading is at least this probable (set once, not tuned).
KEEP = 0.5
_MAX_EARLIER = 2
_WORD_BEFORE = re.compile(r"([\w’'-]+)[^\w]*$")
_WORD_AFTER = re.compile(r"^[^\w]*([\w’'-]+)")
_DETERMINER = frozenset("the a an".split())
_PRONOUN = frozenset("he she they it we i".split())
# "a spokesperson for the Ministry of Health": a person speaking for an office.
_FOR_OFFICE = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|official|officials"
    r"|source|sources|representative|spokespeople)\s+(?:for|of|at|from|in|with)\s+(?P<office>.+)$",
    re.IGNORECASE,
)
_SPOKES = frozenset(
    "spokesman spokeswoman spokesperson spokespeople official officials source sources".split()
)


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    """One reading of an attribution: the speaker it would give and the features scoring it."""

    speaker: Speaker
    source: str
    features: tuple[str, ...]


def shape(word: str) -> str:
    """ "Xx", "XX", "x", "X." or "9": the capitalisation of a word, for the features."""
    if any(character.isdigit() for character in word):
        return "9"
    if word.endswith(".") and len(word) <= 4:
        return "X."
    if word.isupper() and len(word) > 1:
        return "XX"
    if word[:1].isupper():
        return "Xx"
    return "x"


def candidates(
    text: str, attribution: Attribution, speaker: Speaker, how: str, history: list[Speaker]
) -> list[SpeakerCandidate]:
    """Every reading of ``attribution`` (the rules' ``speaker`` first) with its features."""
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
    readings: list[tuple[Speaker, str, list[str]]] = [(speaker, "rule", [])]
    name_words = speaker.name.split()
    if how in ("new", "surname", "acronym"):
        for cut in range(1, len(name_words) - 1):
            rest = name_words[cut:]
            if not all(word[:1].isupper() for word in rest):
                continue
            dropped = name_words[cut - 1]
            readings.append(
                (
                    Speaker(
                        speaker.as_written,
                        " ".join(rest),
                        " ".join(name_words[:cut]),
                        speaker.affiliation,
                        "person",
                    ),
                    "untitled",
                    [
                        f"CUT={dropped.lower()}",
                        f"CUTS={shape(dropped)}",
                        f"CUTT={titled_word(dropped)}",
                        f"CUTI={is_institution_word(dropped)}",
                        f"CUTN={cut}",
                    ],
                )
            )
        office = _office(attribution.as_written)
        if office and office.lower() != speaker.name.lower():
            readings.append(
                (
                    Speaker(
                        speaker.as_written, office, speaker.role, office, kind_of(office, False)
                    ),
                    "office",
                    [],
                )
            )
        if speaker.name != attribution.as_written and attribution.as_written.lower() not in (
            _PRONOUN
        ):
            readings.append(
                (
                    Speaker(
                        attribution.as_written,
                        attribution.as_written,
                        speaker.role,
                        speaker.affiliation,
                        speaker.kind,
                    ),
                    "written",
                    [],
                )
            )
    if how in ("new", "document", "descriptor") and written_words[0].lower() in _DETERMINER:
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
    for reading, source, extra in readings:
        key = reading.name.lower()
        if key in seen_names:
            continue
        seen_names.add(key)
        found.append(
            SpeakerCandidate(
                reading, source, tuple(_features(text, reading, source, extra, shared))
            )
        )
    return found


def _office(as_written: str) -> str:
    """The office a spokesperson speaks for ("the ministry" of "a spokesperson for the
    ministry", "Health Ministry" of "Health Ministry spokesperson"), or ""."""
    nested = _FOR_OFFICE.match(as_written)
    if nested is not None:
        return nested.group("office").strip()
    words = as_written.split()
    if len(words) >= 2 and words[-1].lower() in _SPOKES:
        head = [word for word in words[:-1] if word.lower() not in _DETERMINER]
        if head and head[0][:1].isupper():
            return " ".join(head)
    return ""


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
    text: str, reading: Speaker, source: str, extra: list[str], shared: list[str]
) -> list[str]:
    words = reading.name.split()
    first, last = words[0], words[-1]
    features = [
        f"SRC={source}",
        f"N={min(len(words), 5)}",
        f"F={first.lower()}",
        f"FS={shape(first)}",
        f"L={last.lower()}",
        f"LS={shape(last)}",
        f"FT={titled_word(first)}",
        f"FI={is_institution_word(first)}",
    ]
    if first.lower() in _DETERMINER:
        features.append("DET")
    if all(word[:1].islower() for word in words):
        features.append("LOWER")
    if len(words) >= 2 and text.count(last) > 1:
        features.append("LAST_AGAIN")
    features.extend(extra)
    features.extend(shared)
    features.extend(f"{source}|{feature}" for feature in shared[:2])
    return features


class _Logistic:
    """Binary logistic regression over named features."""

    def __init__(self, payload: dict):
        self.intercept: float = payload["intercept"]
        self.weights: dict[str, float] = payload["weights"]

    def probability(self, features: tuple[str, ...]) -> float:
        weights = self.weights
        score = self.intercept + sum(weights.get(name, 0.0) for name in features)
        if score >= 0:
            return 1.0 / (1.0 + math.exp(-score))
        exponential = math.exp(score)
        return exponential / (1.0 + exponential)


class SpeakerModel:
    """Two logistic regressions: ``keep`` (do the rules' words name a speaker at all?) scores
    the rules' reading; ``choose`` (is this reading the speaker's name?) ranks the readings of
    an attribution that has more than one."""

    def __init__(self, payload: dict):
        self.keep = _Logistic(payload["keep"])
        self.choose_model = _Logistic(payload["choose"])
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
        readings = candidates(text, attribution, speaker, how, history)
        if self.keep.probability(readings[0].features) < KEEP:
            return None
        if len(readings) == 1:
            return speaker
        best = max(readings, key=lambda reading: self.choose_model.probability(reading.features))
        return best.speaker


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
