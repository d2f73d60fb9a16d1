"""Rules propose, the model decides: from candidates and rule claims to casualty claims.

Each candidate of :mod:`claims.extraction.candidates` is paired with the rule claim (of
:mod:`claims.extraction.casualties`) that covers it, if any; a rule claim no candidate covers
becomes a candidate of its own, so the model sees everything the rules would have said. The
model then gives each candidate an outcome or "none". A figure a revision replaced ("raised the
toll from 21 to 34", "up from 40") is kept as a superseded claim linked to the new one, and
the same figure from the same source said again (headline, lede, quote) is one claim with
several mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from claims.extraction.candidates import Candidate
from claims.extraction.casualties import (
    SINGULAR_NOUN,
    SUPERSEDED_LAST_WORDS,
    SUPERSEDED_LEFT,
    CountClaim,
)
from claims.extraction.features import (
    SentenceCues,
    candidate_features,
    sentence_cues,
    sentence_features,
)
from claims.extraction.lexicon import NOT_CASUALTY_HEADS, SPEECH_VERB_SET
from claims.extraction.model import MODEL_PATH, NONE, SUPERSEDED, LinearModel, weights_digest
from claims.extraction.types import ClaimTrace, ExtractedClaim, Speaker

EXTRACTOR_VERSION = f"2.5.0+{weights_digest()}"
_SUPERSEDED_WINDOW = 90
# The age in a group ("16-year-old girl", "woman, 34"): two different ages, two people.
_AGE = re.compile(r"\d+")
# How far a candidate's span may start before its number ("no known civilian casualties",
# "a police officer"): rule claims are paired with candidates that overlap them.
_LONGEST_PREFIX = 40
# The model overrides what the rules say only when it is at least this sure; an unsure model
# defers to the rules (set once, before measuring; not tuned on any corpus).
OVERRIDE_PROBABILITY = 0.6
# Dropping a figure the rules read with an outcome, when nothing in its sentence or passage says
# it is about something else (a forecast, an earlier period, a revision, a repeat), takes more:
# trained on 41 sets, the model otherwise dropped "The storm left 47 people dead." on words
# alone ("storm", "left"). 0.8 cost 0.002 of LOCO F1 on eight of the newest sets (0.797 ->
# 0.795; 0.7 / 0.9 gave 0.795 / 0.793). Trained on 59 sets the model reads "storm" as a
# forecast's word: it drops "The storm left 47 people dead." at 0.82 and would drop "The storm
# killed 47 people." (0.67) but for this; 0.85 kept both at no LOCO cost (12 folds: 0.8 / 0.85 /
# 0.9 gave 0.8423 / 0.8424 / 0.8407) but let heldout41's historical tolls through (in-sample
# casualty F1 0.93 -> 0.90), so it stays at 0.8.
DROP_PLAIN_RULE_PROBABILITY = 0.8
CONTEXT_CUES = frozenset(
    "S_HYP S_PAST S_AGO S_SCEN S_YEAR YEAR_L YEAR_R S_SPORT REVISION LATER_HIGHER_TOLL "
    "SAME_COUNT_EARLIER".split()
)
_shipped: list[LinearModel] = []


def shipped_model() -> LinearModel:
    """The model in ``model.json``, read once per process."""
    if not _shipped:
        _shipped.append(LinearModel.load(MODEL_PATH))
    return _shipped[0]


# Named vetoes, in order: a candidate one of them matches is never a casualty claim of the
# outcomes it names (None: of any outcome), whatever the model says. Each takes (text,
# candidate, sentence, features) and says whether it applies.
def _survivors(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "4 survivors", "12 people rescued alive": counted people who are not casualties."""
    head = candidate.group.lower().split()[-1:] if candidate.group else []
    return bool(head) and head[0] in NOT_CASUALTY_HEADS


def _reference_to_a_total(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "Of the 441 recorded deaths, 73 were children": the 441 names a total already given."""
    before = text[max(sentence[0], candidate.start - 12) : candidate.start].lower()
    after = text[candidate.end : min(sentence[1], candidate.end + 40)]
    return _OF_THE_BEFORE.search(before) is not None and _NOUN_COMMA_AFTER.match(after) is not None


def _age_of_a_person(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "a boy of 12", "a man of 52 years", "a mother of four": the number after "<person> of"
    is an age (or a family's size), not a count of casualties."""
    if candidate.group or candidate.count.high > _MAX_AGE:
        return False
    before = text[max(sentence[0], candidate.start - 30) : candidate.start]
    return _PERSON_OF_BEFORE.search(before) is not None


def _squad_fitness(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "Two injuries in the warm-up", "nine injured first-team players": a sports squad's
    fitness, not people hurt (the rules drop such injuries too; the model must not restore
    them)."""
    return "S_SPORT" in features


def _count_is_the_actor(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "Two suspects stabbed a man": the outcome verb after the count has an object of its own
    (CR_OBJ), so the count did it; where the rules read no casualty there, none is made."""
    return "CR_OBJ" in features and _rules_read_no_casualty(features)


def _count_is_the_speaker(
    text: str, candidate: Candidate, sentence: tuple[int, int], features: list[str]
) -> bool:
    """ "A rescue worker said 2 miners were injured": the person is who speaks, not a victim
    (the next word is a speech verb, and the rules read no casualty there)."""
    following = _NEXT_WORD.match(text, candidate.end, sentence[1])
    return (
        following is not None
        and following.group(1).lower() in SPEECH_VERB_SET
        and _rules_read_no_casualty(features)
    )


def _rules_read_no_casualty(features: list[str]) -> bool:
    return "RULE=none" in features or "RULE=quantity" in features


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_PERSON_OF_BEFORE = re.compile(rf"\b{SINGULAR_NOUN}\s+(?i:of)\s+$")
_MAX_AGE = 120

VETOES: list[
    tuple[str, frozenset[str] | None, Callable[[str, Candidate, tuple[int, int], list[str]], bool]]
] = [
    ("survivors", None, _survivors),
    ("reference_to_a_total", None, _reference_to_a_total),
    ("squad_fitness", frozenset({"injured"}), _squad_fitness),
    ("age_of_a_person", None, _age_of_a_person),
    ("count_is_the_actor", None, _count_is_the_actor),
    ("count_is_the_speaker", None, _count_is_the_speaker),
]
_VETOED_OUTCOMES = {name: outcomes for name, outcomes, _ in VETOES}
_OF_THE_BEFORE = re.compile(r"\bof\s+(?:the|these|those)\s+$")
_NOUN_COMMA_AFTER = re.compile(r"(?:\s+[\w-]+){0,3}?\s*,")


@dataclass(frozen=True, slots=True)
class RuleClaim:
    """A claim the hand-written rules found, with the speaker and sentence it is in."""

    found: CountClaim
    speaker: Speaker | None
    sentence_index: int


@dataclass(frozen=True, slots=True)
class Proposal:
    """One candidate as the model sees it: its features and the rule claim covering it."""

    candidate: Candidate
    sentence_index: int
    rule: RuleClaim | None
    features: list[str]
    revision: bool
    veto: str = ""


def rule_label(rule: RuleClaim | None) -> str:
    """What the rules say about a candidate: an outcome, "quantity" or "none"."""
    if rule is None:
        return NONE
    return (rule.found.outcome or NONE) if rule.found.kind == "casualty" else "quantity"


def build_proposals(
    text: str,
    lowered: str,
    sentences: list[tuple[int, int]],
    sentence_starts: list[int],
    rule_claims: list[RuleClaim],
    candidates: list[Candidate],
) -> list[Proposal]:
    """Pair candidates with the rule claims covering them and compute their features
    (``lowered`` is ``text.lower()``, which the caller has already)."""
    rule_of: dict[int, RuleClaim] = {}
    extra: list[tuple[Candidate, RuleClaim]] = []
    starts = [candidate.number_start for candidate in candidates]
    for rule in rule_claims:
        found = rule.found
        first = bisect.bisect_left(starts, found.start - _LONGEST_PREFIX)
        last = bisect.bisect_left(starts, found.end)
        covered = [
            index
            for index in range(first, last)
            if index not in rule_of
            and candidates[index].start < found.end
            and found.start < candidates[index].end
        ]
        if found.count is not None:
            exact = [
                index
                for index in covered
                if (candidates[index].count.low, candidates[index].count.high)
                == (found.count.low, found.count.high)
            ]
            covered = exact or covered
        if covered:
            rule_of[covered[0]] = rule
        elif found.count is not None:
            own = Candidate(found.start, found.end, found.start, found.end, found.count, "rule")
            extra.append((own, rule))
    paired = [(candidate, rule_of.get(index)) for index, candidate in enumerate(candidates)]
    if extra:
        paired.extend(extra)
        paired.sort(key=lambda pair: pair[0].start)
    proposals = []
    per_sentence: dict[int, list[str]] = {}
    cues: dict[int, SentenceCues] = {}
    for candidate, rule in paired:
        index = max(0, bisect.bisect_right(sentence_starts, candidate.number_start) - 1)
        sentence = sentences[index] if sentences else (0, len(text))
        if index not in per_sentence:
            per_sentence[index] = sentence_features(lowered, sentence)
            cues[index] = sentence_cues(lowered, sentence)
        features = candidate_features(
            text,
            lowered,
            candidate,
            sentence,
            index,
            rule_label(rule),
            bool(rule and rule.found.inherited),
            per_sentence[index],
            cues[index],
        )
        left_start = max(sentence[0], candidate.start - _SUPERSEDED_WINDOW)
        last_words = text[max(left_start, candidate.start - 14) : candidate.start].split()
        revision = candidate.revision or (
            bool(last_words)
            and last_words[-1].lower() in SUPERSEDED_LAST_WORDS
            and SUPERSEDED_LEFT.search(text, left_start, candidate.start) is not None
        )
        if revision:
            features.append("REVISION")
        veto = next(
            (name for name, _, applies in VETOES if applies(text, candidate, sentence, features)),
            "",
        )
        proposals.append(Proposal(candidate, index, rule, features, revision, veto))
    _add_passage_features(proposals)
    return proposals


def _add_passage_features(proposals: list[Proposal]) -> None:
    """Features that compare a candidate with the rest of the passage: a toll figure followed
    later by a higher toll (a live blog's earlier count), and the same count said earlier
    (a repeat)."""
    seen: set[tuple[int, int]] = set()
    highest_toll_after = 0
    for proposal in reversed(proposals):
        features = proposal.features
        is_toll = "S_TOLL" in features
        count = proposal.candidate.count
        if is_toll and highest_toll_after > count.high:
            features.append("LATER_HIGHER_TOLL")
        if is_toll:
            highest_toll_after = max(highest_toll_after, count.high)
    for proposal in proposals:
        key = (proposal.candidate.count.low, proposal.candidate.count.high)
        if key in seen and key[1] > 1:
            proposal.features.append("SAME_COUNT_EARLIER")
        seen.add(key)


def decide(
    text: str,
    proposals: list[Proposal],
    speaker_at: Callable[[int], Speaker | None],
    model: LinearModel | None,
    trace: bool = False,
) -> list[ExtractedClaim]:
    """The casualty (and quantity) claims of the proposals, repeats merged, revisions linked.

    With ``model=None`` the rules' own decision is taken (the baseline the scorer reports).
    """
    decided: list[tuple[ExtractedClaim, int]] = []
    revisions: list[tuple[Proposal, ExtractedClaim | None, str]] = []
    for proposal in proposals:
        rule = proposal.rule
        said = _rule_outcome(rule)
        if model is None:
            label, probability, top = said, None, ()
        else:
            decision = model.decide(proposal.features, trace)
            label, probability, top = decision.label, decision.probability, decision.top_features
            if label != said and probability < _needed_to_override(label, said, proposal):
                label = said
        if proposal.veto and _vetoed(proposal.veto, label):
            label = NONE
        claim_trace = None
        if trace:
            rules = (rule.found.rule,) if rule else ()
            claim_trace = ClaimTrace(rules, top, probability)
        claim = None
        if label not in (NONE, SUPERSEDED):
            claim = _claim(text, proposal, "casualty", label, speaker_at, claim_trace)
        elif rule is not None and rule.found.kind == "quantity":
            claim = _claim(text, proposal, "quantity", None, speaker_at, claim_trace)
        if proposal.revision or label == SUPERSEDED:
            revisions.append((proposal, claim, label))
        elif claim is not None:
            decided.append((claim, proposal.sentence_index))
    claims = _merge_repeats([pair for pair in decided if pair[0].kind == "casualty"])
    claims.extend(claim for claim, _ in decided if claim.kind != "casualty")
    return claims + _superseded(text, revisions, claims, speaker_at, trace)


def _vetoed(veto: str, label: str) -> bool:
    """Whether the veto named ``veto`` blocks a claim of outcome ``label``."""
    outcomes = _VETOED_OUTCOMES[veto]
    return outcomes is None or label in outcomes


def _needed_to_override(label: str, said: str, proposal: Proposal) -> float:
    if label == NONE and said != NONE and CONTEXT_CUES.isdisjoint(proposal.features):
        return DROP_PLAIN_RULE_PROBABILITY
    return OVERRIDE_PROBABILITY


def _claim(
    text: str,
    proposal: Proposal,
    kind: str,
    outcome: str | None,
    speaker_at: Callable[[int], Speaker | None],
    claim_trace: ClaimTrace | None,
) -> ExtractedClaim:
    candidate, rule = proposal.candidate, proposal.rule
    if rule is not None:
        start, end, group, speaker = (
            rule.found.start,
            rule.found.end,
            rule.found.group,
            rule.speaker,
        )
        count = rule.found.count or candidate.count
    else:
        start, end, count = candidate.start, candidate.end, candidate.count
        group = "civilians" if candidate.group.lower() == "civilian" else candidate.group
        speaker = speaker_at(candidate.number_start)
    return ExtractedClaim(
        kind=kind,
        text=text[start:end],
        start=start,
        end=end,
        outcome=outcome,
        count_min=count.low,
        count_max=count.high,
        approximate=count.approximate,
        lower_bound=count.lower_bound,
        upper_bound=count.upper_bound,
        group=group,
        speaker=speaker,
        mentions=((start, end),),
        extractor_version=EXTRACTOR_VERSION,
        trace=claim_trace,
    )


def _merge_repeats(claims: list[tuple[ExtractedClaim, int]]) -> list[ExtractedClaim]:
    """One claim per (outcome, count, source): later mentions become the first's mentions. A
    mention with no speaker (a headline, a lede) is the same source as a named one, and an
    unattributed claim takes the speaker of the first named mention merged into it. Two
    mentions in one sentence are two figures ("one with a shoulder injury and one with heat
    exhaustion"), and so are two single victims of different ages ("a 16-year-old girl", "a
    78-year-old woman"): neither is a repeat.

    ``claims`` pairs each claim with the index of its sentence."""
    first: dict[tuple, list[int]] = {}
    merged: list[ExtractedClaim] = []
    mentions: list[list[tuple[int, int]]] = []
    last_sentence: list[int] = []
    for claim, sentence in claims:
        figure = (claim.outcome, claim.count_min, claim.count_max)
        speaker = _speaker_key(claim.speaker)
        earlier = first.setdefault(figure, [])
        same = next(
            (
                index
                for index in earlier
                if (_speaker_key(merged[index].speaker) in (speaker, "") or not speaker)
                and last_sentence[index] != sentence
                and not _different_ages(merged[index].group, claim.group)
            ),
            None,
        )
        if same is None:
            earlier.append(len(merged))
            merged.append(claim)
            mentions.append([(claim.start, claim.end)])
            last_sentence.append(sentence)
            continue
        mentions[same].append((claim.start, claim.end))
        last_sentence[same] = sentence
        if speaker and merged[same].speaker is None:
            merged[same] = _with(merged[same], speaker=claim.speaker)
    return [
        _with(claim, mentions=tuple(spans)) if len(spans) > 1 else claim
        for claim, spans in zip(merged, mentions, strict=True)
    ]


def _different_ages(group: str, other: str) -> bool:
    """Whether two groups name different ages ("16-year-old girl", "78-year-old woman")."""
    ages, other_ages = _AGE.findall(group), _AGE.findall(other)
    return bool(ages) and bool(other_ages) and ages != other_ages


def _speaker_key(speaker: Speaker | None) -> str:
    return speaker.name.lower() if speaker is not None else ""


def _superseded(
    text: str,
    revisions: list[tuple[Proposal, ExtractedClaim | None, str]],
    claims: list[ExtractedClaim],
    speaker_at: Callable[[int], Speaker | None],
    trace: bool,
) -> list[ExtractedClaim]:
    """Earlier figures of a revised toll (a revision cue before them, or the model's
    "superseded"), each linked to the new figure (the nearest casualty claim). Its outcome is
    its own where the model or the rules read one ("earlier reported 4 dead"), else the new
    figure's. With no new figure near it, a revision cue is ignored and the candidate's own
    decision stands; a figure the model calls superseded ("he had earlier put the toll at
    250", paragraphs after the new toll) is linked to the nearest claim of the passage."""
    found = []
    casualties = [(index, claim) for index, claim in enumerate(claims) if claim.kind == "casualty"]
    for proposal, decided, label in revisions:
        position = proposal.candidate.number_start
        near = [pair for pair in casualties if abs(pair[1].start - position) < 200]
        if not near and decided is not None:
            found.append(decided)
            continue
        if not near and label == SUPERSEDED:
            near = casualties
        if not near:
            continue
        index, newer = min(near, key=lambda pair: _distance(pair[1], proposal.candidate))
        candidate = proposal.candidate
        claims[index] = _with(claims[index], supersedes=(candidate.start, candidate.end))
        outcome = decided.outcome if decided is not None and decided.kind == "casualty" else ""
        said = _rule_outcome(proposal.rule)
        outcome = outcome or (said if said != NONE else newer.outcome)
        found.append(
            ExtractedClaim(
                kind="casualty",
                text=text[candidate.start : candidate.end],
                start=candidate.start,
                end=candidate.end,
                outcome=outcome,
                count_min=candidate.count.low,
                count_max=candidate.count.high,
                approximate=candidate.count.approximate,
                lower_bound=candidate.count.lower_bound,
                upper_bound=candidate.count.upper_bound,
                group=candidate.group,
                speaker=speaker_at(position),
                mentions=((candidate.start, candidate.end),),
                superseded=True,
                extractor_version=EXTRACTOR_VERSION,
                trace=ClaimTrace(("superseded",)) if trace else None,
            )
        )
    return found


def _distance(claim: ExtractedClaim, candidate: Candidate) -> int:
    """Characters between a claim and a candidate: "rose to 40 from 32" links 32 to the 40
    right before it, not to a figure of another outcome later in the sentence."""
    if claim.start >= candidate.end:
        return claim.start - candidate.end
    return max(0, candidate.start - claim.end)


def _rule_outcome(rule: RuleClaim | None) -> str:
    """The casualty outcome the rules read for a figure ("[[64]] are injured"), else none (a
    quantity is no casualty)."""
    said = rule_label(rule)
    return NONE if said == "quantity" else said


def _with(claim: ExtractedClaim, **changes) -> ExtractedClaim:
    return replace(claim, **changes)
