"""Plain data returned by the extractor: no Django, no database, just spans and numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ClaimKind = Literal["casualty", "quantity", "statement"]
Outcome = Literal["killed", "injured", "missing", "displaced", "arrested"]
ClaimantKind = Literal["person", "organisation", "government", "military", "armed_group", "unknown"]


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a claim is attributed to, resolved as far as the text allows.

    ``as_written`` is the attribution exactly as the article words it
    ("Pentagon spokesman John Kirby", "a community elder in Jalalabad");
    ``name`` and ``role`` split it where the text gives both.
    """

    as_written: str
    name: str
    role: str = ""
    affiliation: str = ""
    kind: ClaimantKind = "unknown"


@dataclass(frozen=True, slots=True)
class ExtractedClaim:
    """One checkable claim anchored to ``text[start:end]`` of the extractor's input."""

    kind: ClaimKind
    text: str
    start: int
    end: int
    outcome: Outcome | None = None
    count_min: int | None = None
    count_max: int | None = None
    approximate: bool = False
    lower_bound: bool = False
    upper_bound: bool = False
    group: str = ""
    speaker: Speaker | None = None
    # Every (start, end) span of the same figure from the same source; the first is the claim's.
    mentions: tuple[tuple[int, int], ...] = ()
    # A revised toll: the earlier figure is ``superseded`` and the new one ``supersedes`` it
    # (the earlier claim's (start, end)).
    superseded: bool = False
    supersedes: tuple[int, int] | None = None
    extractor_version: str = ""
    trace: ClaimTrace | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class ClaimTrace:
    """Why a claim was made: the rules that proposed it and the model's strongest features."""

    rules: tuple[str, ...]
    features: tuple[tuple[str, float], ...] = ()
    probability: float | None = None
