"""Does this article report that incident? The facts compared and the score, in plain Python.

No database here: ``claims.services.matching`` gathers the facts from stored rows and acts
on the score; ``manage.py score_matching`` measures it on the labelled pairs in
``tests/incident_pairs/``. The weights and thresholds below are the ones that measure
reports (see the README's "Incidents across articles").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Days apart two reports of one event can be published; beyond this they are never matched.
WINDOW_DAYS = 3
# At or above JOIN the article joins the incident; in [PROPOSE, JOIN) an editor is asked.
JOIN_THRESHOLD = 0.55
PROPOSE_THRESHOLD = 0.35

# How much each shared fact counts; they sum to 1, so a score is in [0, 1].
WEIGHTS = {
    "text": 0.30,  # trigram similarity of the place-and-name words (pg_trgm's similarity)
    "names": 0.25,  # share of the smaller side's place-and-name words found in the other
    "kind": 0.10,  # what happened: blast, fire, crash, flood... (Jaccard)
    "figures": 0.20,  # the same outcome and count given somewhere in both
    "claimants": 0.10,  # a named source quoted in both
    "outcomes": 0.05,  # killed / injured / ... (Jaccard)
}
# Each day between the two publications takes this share off the score.
DAY_PENALTY = 0.10

# How many words of the body, after the title, are the lede.
LEDE_WORDS = 60

_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*[\w]")
_WORD = re.compile(r"[a-z]+")

# Capitalised words that are not places or names: sentence openers, calendar words,
# titles and the descriptors sources are given.
_NOT_NAMES = frozenset(
    """
    a an the this that these those it its he she they we i his her their our there here
    in on at of for from to by with after before as and or but if when while during over
    under since about into near amid among between against according update updated
    breaking live latest exclusive report reports reported said says told added
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    january february march april may june july august september october november december
    mr mrs ms dr prof gen col capt lt sgt president minister ministry prime governor mayor
    chief police officials official authorities spokesman spokeswoman spokesperson
    hospital residents witnesses sources army military government state city district
    province village town north south east west northern southern eastern western central
    at least more than nearly about some several dozens hundreds thousands people one two
    three four five six seven eight nine ten killed dead died dies injured wounded hurt
    missing arrested displaced death deaths toll rises rose climbs new says say
    """.split()
)

# What happened, as news words it; each maps to one kind of event.
EVENT_KINDS = {
    "blast": "explosion",
    "bomb": "explosion",
    "bombing": "explosion",
    "explosion": "explosion",
    "explosive": "explosion",
    "suicide": "explosion",
    "fire": "fire",
    "blaze": "fire",
    "flames": "fire",
    "crash": "crash",
    "collision": "crash",
    "derailed": "crash",
    "derailment": "crash",
    "bus": "crash",
    "train": "crash",
    "plane": "crash",
    "flood": "flood",
    "floods": "flood",
    "flooding": "flood",
    "landslide": "landslide",
    "mudslide": "landslide",
    "earthquake": "earthquake",
    "quake": "earthquake",
    "tremor": "earthquake",
    "collapse": "collapse",
    "collapsed": "collapse",
    "mine": "mine",
    "miners": "mine",
    "colliery": "mine",
    "shooting": "shooting",
    "gunman": "shooting",
    "gunmen": "shooting",
    "gunfire": "shooting",
    "shot": "shooting",
    "stabbing": "stabbing",
    "stabbed": "stabbing",
    "knife": "stabbing",
    "stampede": "stampede",
    "crush": "stampede",
    "storm": "storm",
    "cyclone": "storm",
    "hurricane": "storm",
    "typhoon": "storm",
    "tornado": "storm",
    "airstrike": "strike",
    "strike": "strike",
    "drone": "strike",
    "shelling": "strike",
    "missile": "strike",
    "clashes": "clashes",
    "protest": "clashes",
    "protesters": "clashes",
    "riot": "clashes",
    "raid": "raid",
    "raids": "raid",
    "attack": "attack",
    "ambush": "attack",
    "boat": "shipwreck",
    "capsized": "shipwreck",
    "shipwreck": "shipwreck",
    "ferry": "shipwreck",
    "heatwave": "heat",
    "outbreak": "epidemic",
    "cholera": "epidemic",
    "poisoning": "poisoning",
}


@dataclass(frozen=True)
class MatchFacts:
    """What an article (or an incident: the union of its articles) offers for matching."""

    names: frozenset[str]
    kinds: frozenset[str]
    figures: frozenset[str]
    outcomes: frozenset[str]
    claimants: frozenset[str]
    first_published: datetime.date | None = None
    last_published: datetime.date | None = None

    @property
    def match_text(self) -> str:
        """The names as one string, the form pg_trgm indexes and compares."""
        return " ".join(sorted(self.names))

    def merged(self, other: MatchFacts) -> MatchFacts:
        dates = [
            day
            for day in (
                self.first_published,
                self.last_published,
                other.first_published,
                other.last_published,
            )
            if day is not None
        ]
        return MatchFacts(
            names=self.names | other.names,
            kinds=self.kinds | other.kinds,
            figures=self.figures | other.figures,
            outcomes=self.outcomes | other.outcomes,
            claimants=self.claimants | other.claimants,
            first_published=min(dates, default=None),
            last_published=max(dates, default=None),
        )

    def as_json(self) -> dict:
        """The facts stored on an incident (``Incident.match_facts``); names and dates have
        their own columns."""
        return {
            "kinds": sorted(self.kinds),
            "figures": sorted(self.figures),
            "outcomes": sorted(self.outcomes),
            "claimants": sorted(self.claimants),
        }

    @classmethod
    def from_stored(cls, match_text: str, facts: dict, first, last) -> MatchFacts:
        return cls(
            names=frozenset(match_text.split()),
            kinds=frozenset(facts.get("kinds", ())),
            figures=frozenset(facts.get("figures", ())),
            outcomes=frozenset(facts.get("outcomes", ())),
            claimants=frozenset(facts.get("claimants", ())),
            first_published=first,
            last_published=last,
        )


def article_facts(
    *,
    title: str,
    body: str,
    published_on: datetime.date | None,
    figures: Iterable[tuple[str, int]] = (),
    claimants: Iterable[str] = (),
) -> MatchFacts:
    """The facts of one article: names and event words from its title and lede, and the
    (outcome, count) figures and named claimant keys of its casualty claims."""
    lede = " ".join(body.split()[:LEDE_WORDS])
    head = f"{title} {lede}"
    names = _names(title, lede)
    kinds = frozenset(
        EVENT_KINDS[word] for word in _WORD.findall(head.casefold()) if word in EVENT_KINDS
    )
    figure_set = frozenset(f"{outcome}:{count}" for outcome, count in figures)
    return MatchFacts(
        names=names,
        kinds=kinds,
        figures=figure_set,
        outcomes=frozenset(figure.split(":", 1)[0] for figure in figure_set),
        claimants=frozenset(claimants),
        first_published=published_on,
        last_published=published_on,
    )


def _names(title: str, lede: str) -> frozenset[str]:
    """Places and names in the title and lede: capitalised words, less those the text also
    uses as common words ("a fire broke out" makes "Fire" in the title no name) and words
    capitalised only because they open a sentence ("Investigators arrived")."""
    head = f"{title} {lede}"
    common = set(_WORD.findall(re.sub(r"\b[A-Z][\w'’-]*", " ", head)))
    mid_sentence = set()
    for match in _CAPITALISED.finditer(lede):
        before = lede[: match.start()].rstrip()
        if before and before[-1] not in '.!?:"“':
            mid_sentence.add(match.group())
    names = set()
    for word in _CAPITALISED.findall(head):
        key = word.casefold().replace("’", "'").removesuffix("'s")
        if key in _NOT_NAMES or len(key) < 3 or key in common:
            continue
        if word not in mid_sentence and not title.isupper() and _opens_sentences_only(word, head):
            continue
        names.add(key)
    return frozenset(names)


def _opens_sentences_only(word: str, head: str) -> bool:
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", head):
        before = head[: match.start()].rstrip()
        if before and before[-1] not in '.!?:"“':
            return False
    return True


def _trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each lowercased alphanumeric word padded with two spaces before
    and one after."""
    grams = set()
    for word in re.findall(r"[^\W_]+", text.casefold()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(first: str, second: str) -> float:
    """pg_trgm's ``similarity()``: shared trigrams over all trigrams. The SQLite fallback
    and matching within one ingest chunk use this; PostgreSQL computes the same itself."""
    a, b = _trigrams(first), _trigrams(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def days_apart(article: MatchFacts, incident: MatchFacts) -> int | None:
    """Days between the article and the nearest end of the incident's publication span."""
    if article.first_published is None or incident.first_published is None:
        return None
    day = article.first_published
    if incident.first_published <= day <= incident.last_published:
        return 0
    return min(
        abs((day - incident.first_published).days), abs((day - incident.last_published).days)
    )


@dataclass(frozen=True)
class Match:
    score: float
    reasons: dict


def score(article: MatchFacts, incident: MatchFacts, *, similarity: float | None = None) -> Match:
    """How likely ``article`` reports ``incident``, in [0, 1], with what each fact gave.

    ``similarity`` is the trigram similarity of their ``match_text`` when the database has
    computed it (pg_trgm); otherwise it is computed here the same way. Outside
    WINDOW_DAYS the score is 0.
    """
    apart = days_apart(article, incident)
    if apart is not None and apart > WINDOW_DAYS:
        return Match(0.0, {"days_apart": apart})
    if similarity is None:
        similarity = trigram_similarity(article.match_text, incident.match_text)
    smaller = min(len(article.names), len(incident.names))
    parts = {
        "text": similarity,
        "names": len(article.names & incident.names) / smaller if smaller else 0.0,
        "kind": _jaccard(article.kinds, incident.kinds),
        "figures": 1.0 if article.figures & incident.figures else 0.0,
        "claimants": 1.0 if article.claimants & incident.claimants else 0.0,
        "outcomes": _jaccard(article.outcomes, incident.outcomes),
    }
    total = sum(WEIGHTS[name] * value for name, value in parts.items())
    total *= max(0.0, 1.0 - DAY_PENALTY * (apart or 0))
    reasons = {
        "shared_names": sorted(article.names & incident.names),
        "shared_figures": sorted(article.figures & incident.figures),
        "shared_claimants": sorted(article.claimants & incident.claimants),
        "days_apart": apart,
        **{name: round(value, 3) for name, value in parts.items()},
    }
    return Match(round(total, 4), reasons)
