"""Incidents across articles: match new articles to recent incidents, keep same-claim groups,
and carry out editors' decisions on proposed matches.

The score itself is ``claims.matching.score``; this module finds the candidates (pg_trgm's
``%`` on the trigram-indexed ``Incident.match_text`` on PostgreSQL, the publication window
alone on SQLite), stores what was decided, and moves claims when an editor accepts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.utils import timezone

from claims.matching import (
    JOIN_THRESHOLD,
    PROPOSE_THRESHOLD,
    WINDOW_DAYS,
    Match,
    MatchFacts,
    article_facts,
    score,
)
from claims.models import ChangeAction, Claim, ClaimKind, Incident, IncidentProposal
from claims.services import incidents  # CAN_REGROUP_INCIDENTS; incidents imports this module
from claims.services.exceptions import IncidentRejected
from claims.services.history import record_changes
from sources.models import Article, Claimant, claimant_key, is_generic_claimant

# pg_trgm's similarity below which an incident is not even a candidate (its ``%``
# operator, served by the GIN index). Low, because the other facts can still carry a match.
CANDIDATE_SIMILARITY = 0.1
# SQLite has no trigram index: the most recent incidents in the window are compared.
SQLITE_CANDIDATES = 300
# Proposals opened per article at most, best first.
MAX_PROPOSALS = 3


def named_claimant_keys(speaker_names: Iterable[str]) -> set[str]:
    """Keys of the named sources among these speakers: descriptors ("police") say nothing
    about which event it is, since every event has them."""
    return {
        claimant_key(name)
        for name in speaker_names
        if name and claimant_key(name) and not is_generic_claimant(name)
    }


def facts_for_extracted(*, title: str, body: str, published_on, extracted) -> MatchFacts:
    """The matching facts of an article from its extracted claims (current casualty
    figures and named speakers)."""
    casualties = [
        claim
        for claim in extracted
        if claim.kind == ClaimKind.CASUALTY and claim.count_min is not None
    ]
    return article_facts(
        title=title,
        body=body,
        published_on=published_on,
        figures=[(claim.outcome, claim.count_min) for claim in casualties if not claim.superseded],
        claimants=named_claimant_keys(claim.speaker.name for claim in casualties if claim.speaker),
    )


@dataclass
class _Pooled:
    """An incident as the matcher sees it during one ingest chunk."""

    incident: Incident
    facts: MatchFacts
    # pg_trgm's similarity to each article of the chunk (by position), while the facts
    # are still the ones stored; None once they changed in this chunk.
    similarity: dict[int, float] | None = field(default_factory=dict)
    changed: bool = False


@dataclass(frozen=True)
class MatchDecision:
    incident: Incident
    joined: bool
    proposals: list[tuple[Incident, Match]]


class ChunkMatcher:
    """Matches the articles of one ingest chunk, in order, against recent incidents and
    against the incidents the chunk's earlier articles opened. Three queries per chunk."""

    def __init__(self, entries: Sequence[tuple[int, str, MatchFacts]]):
        self.pool: dict[int, _Pooled] = {}
        self.new: list[_Pooled] = []
        self._load(entries)

    def _load(self, entries) -> None:
        days = [facts.first_published for _, _, facts in entries if facts.first_published]
        if not days:
            return
        low = min(days) - datetime.timedelta(days=WINDOW_DAYS)
        high = max(days) + datetime.timedelta(days=WINDOW_DAYS)
        in_window = Incident.objects.filter(
            last_published_on__gte=low, first_published_on__lte=high
        )
        similarities: dict[int, dict[int, float]] = {}
        if connection.vendor == "postgresql":
            similarities = _trigram_candidates(entries, low, high)
            incidents = in_window.filter(pk__in=list(similarities))
        else:
            incidents = in_window.order_by("-last_published_on", "-id")[:SQLITE_CANDIDATES]
        for incident in incidents:
            self.pool[incident.pk] = _Pooled(
                incident,
                MatchFacts.from_stored(
                    incident.match_text,
                    incident.match_facts,
                    incident.first_published_on,
                    incident.last_published_on,
                ),
                similarities.get(incident.pk) if similarities else None,
            )

    def match(self, position: int, title: str, facts: MatchFacts) -> MatchDecision:
        """Join the best incident scoring JOIN_THRESHOLD or more, else open a new one (with
        proposals for the candidates in the band below)."""
        scored = []
        for pooled in [*self.pool.values(), *self.new]:
            similarity = None if pooled.similarity is None else pooled.similarity.get(position)
            if pooled.similarity is not None and similarity is None:
                continue  # pg_trgm found it too unlike this article to be a candidate
            scored.append((score(facts, pooled.facts, similarity=similarity), pooled))
        scored.sort(key=lambda pair: -pair[0].score)
        if scored and scored[0][0].score >= JOIN_THRESHOLD:
            best = scored[0][1]
            best.facts = best.facts.merged(facts)
            best.similarity, best.changed = None, True
            return MatchDecision(best.incident, joined=True, proposals=[])
        incident = Incident(title=title[:300])
        self.new.append(_Pooled(incident, facts, similarity=None, changed=True))
        proposals = [
            (pooled.incident, match)
            for match, pooled in scored[:MAX_PROPOSALS]
            if match.score >= PROPOSE_THRESHOLD
        ]
        return MatchDecision(incident, joined=False, proposals=proposals)

    def save(self) -> None:
        """Create the chunk's new incidents and store every changed incident's facts."""
        for pooled in self.new:
            _apply_facts(pooled.incident, pooled.facts)
        Incident.objects.bulk_create([pooled.incident for pooled in self.new])
        changed = [pooled for pooled in self.pool.values() if pooled.changed]
        for pooled in changed:
            _apply_facts(pooled.incident, pooled.facts)
        Incident.objects.bulk_update(
            [pooled.incident for pooled in changed],
            ["match_text", "match_facts", "first_published_on", "last_published_on"],
        )


def _apply_facts(incident: Incident, facts: MatchFacts) -> None:
    incident.match_text = facts.match_text
    incident.match_facts = facts.as_json()
    incident.first_published_on = facts.first_published
    incident.last_published_on = facts.last_published


def _trigram_candidates(entries, low, high) -> dict[int, dict[int, float]]:
    """{incident id: {article position: similarity}} for incidents in the window whose
    match_text is trigram-similar (pg_trgm ``%``, GIN index) to an article's."""
    texts = [facts.match_text for _, _, facts in entries]
    positions = [position for position, _, _ in entries]
    table = connection.ops.quote_name(Incident._meta.db_table)
    found: dict[int, dict[int, float]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL pg_trgm.similarity_threshold = {CANDIDATE_SIMILARITY}")
        cursor.execute(
            f"SELECT a.position, i.id, similarity(i.match_text, a.text) "
            f"FROM unnest(%s::text[], %s::int[]) AS a(text, position) "
            f"JOIN {table} i ON i.match_text %% a.text "
            f"WHERE i.last_published_on >= %s AND i.first_published_on <= %s",
            [texts, positions, low, high],
        )
        for position, incident_id, similarity in cursor.fetchall():
            found.setdefault(incident_id, {})[position] = similarity
    return found


def create_proposals(pending: Iterable[tuple[Incident, Article, Match]]) -> None:
    IncidentProposal.objects.bulk_create(
        [
            IncidentProposal(
                incident=incident, article=article, score=match.score, reasons=match.reasons
            )
            for incident, article, match in pending
        ],
        ignore_conflicts=True,
    )


# --- Same claim in many places --------------------------------------------------------------


# What makes claims of one incident "the same claim": one claimant, outcome and figures.
GROUP_KEY = ("incident_id", "claimant_id", "outcome", "count_min", "count_max")


def _groupable(claims):
    """The claims that can be in a group: casualty figures with a claimant, not rejected."""
    return claims.filter(
        kind=ClaimKind.CASUALTY,
        claimant__isnull=False,
        count_min__isnull=False,
        rejection_reason="",
    )


def join_stored_groups(rows: Sequence[dict]) -> None:
    """Before new claim rows ({column: value}) are inserted, point each one that repeats a
    group already stored in its incident at that group (``same_as_id``), in one query, so
    ``regroup_incidents`` afterwards has only the groups they form anew to write. (Updating
    the rows after the insert wrote each one twice: a fifth of ingest's database time.)"""
    keyed = [
        (tuple(row.get(name) for name in GROUP_KEY), row)
        for row in rows
        if row.get("incident_id") is not None
    ]
    if not keyed:
        return
    # Only _groupable claims are stored in groups, so a row that could not be in one (no
    # claimant, no figure) finds no stored key: the rule lives in _groupable alone.
    stored = dict(
        (tuple(key), group)
        for *key, group in _groupable(
            Claim.objects.filter(
                incident_id__in={key[0] for key, _ in keyed}, same_as__isnull=False
            )
        )
        .values_list(*GROUP_KEY, "same_as_id")
        .distinct()
    )
    for key, row in keyed:
        if key in stored:
            row["same_as_id"] = stored[key]


def regroup_incidents(incident_ids: Iterable[int]) -> None:
    """Set ``same_as`` on the casualty claims of these incidents: claims with the same
    claimant, outcome and figures are one group, named by its first claim's id; a claim
    alone, or rejected by an editor, has none. Two queries, plus one UPDATE per group that
    changed (rows are grouped by their new value: Django's bulk_update CASE cost 10% of
    ingest time)."""
    incident_ids = list(set(incident_ids))
    if not incident_ids:
        return
    rows = list(
        _groupable(Claim.objects.filter(incident_id__in=incident_ids)).values_list("pk", *GROUP_KEY)
    )
    groups: dict[tuple, list[int]] = {}
    for pk, *key in rows:
        groups.setdefault(tuple(key), []).append(pk)
    wanted = {}
    for members in groups.values():
        canonical = min(members) if len(members) > 1 else None
        for pk in members:
            wanted[pk] = canonical
    current = dict(
        Claim.objects.filter(incident_id__in=incident_ids, kind=ClaimKind.CASUALTY)
        .exclude(same_as=None)
        .values_list("pk", "same_as_id")
    )
    changed: dict[int | None, list[int]] = {}
    for pk, group in {**dict.fromkeys(current), **wanted}.items():
        if current.get(pk) != group:
            changed.setdefault(group, []).append(pk)
    for group, pks in changed.items():
        Claim.objects.filter(pk__in=pks).update(same_as_id=group)


# --- Editors' decisions on proposals ---------------------------------------------------------


def _require_reviewer(editor) -> None:
    if (
        editor is None
        or not editor.is_authenticated
        or not editor.has_perm(incidents.CAN_REGROUP_INCIDENTS)
    ):
        raise PermissionDenied("Only reviewers can decide on proposed matches.")


def _locked_open_proposal(proposal_id: int) -> IncidentProposal:
    try:
        proposal = IncidentProposal.objects.select_for_update().get(pk=proposal_id)
    except IncidentProposal.DoesNotExist:
        raise IncidentRejected(f"No proposal with id {proposal_id}.") from None
    if proposal.state != IncidentProposal.State.PROPOSED:
        raise IncidentRejected(f"Proposal {proposal_id} was already {proposal.state}.")
    return proposal


def accept_proposal(*, proposal_id: int, editor, note: str = "") -> IncidentProposal:
    """The article reports the proposed incident: its casualty claims move there (an
    incident left empty is removed); the decision is recorded on the proposal and in each
    moved claim's history."""
    _require_reviewer(editor)
    with transaction.atomic():
        proposal = _locked_open_proposal(proposal_id)
        old_incidents = set(
            Claim.objects.filter(article_id=proposal.article_id, incident__isnull=False)
            .exclude(incident_id=proposal.incident_id)
            .values_list("incident_id", flat=True)
        )
        moved = list(
            Claim.objects.filter(
                article_id=proposal.article_id, kind=ClaimKind.CASUALTY
            ).values_list("pk", "incident_id")
        )
        move_claims(claim_ids=[pk for pk, _ in moved], incident=proposal.incident)
        _decide(proposal, IncidentProposal.State.ACCEPTED, editor, note)
        record_changes(
            [
                (pk, {"incident": [old, proposal.incident_id]}, None)
                for pk, old in moved
                if old != proposal.incident_id
            ],
            action=ChangeAction.INCIDENT_MATCHED,
            actor=editor,
            note=proposal.note or f"Proposal {proposal.pk} accepted.",
        )
        drop_empty_incidents(old_incidents)
    return proposal


def reject_proposal(*, proposal_id: int, editor, note: str = "") -> IncidentProposal:
    """The article does not report the proposed incident; recorded on the proposal and in
    the history of the article's casualty claims, nothing moves."""
    _require_reviewer(editor)
    with transaction.atomic():
        proposal = _locked_open_proposal(proposal_id)
        _decide(proposal, IncidentProposal.State.REJECTED, editor, note)
        casualties = Claim.objects.filter(
            article_id=proposal.article_id, kind=ClaimKind.CASUALTY
        ).values_list("pk", flat=True)
        record_changes(
            [(pk, {"rejected_incident": [None, proposal.incident_id]}, None) for pk in casualties],
            action=ChangeAction.MATCH_REJECTED,
            actor=editor,
            note=proposal.note or f"Proposal {proposal.pk} rejected.",
        )
    return proposal


def _decide(proposal: IncidentProposal, state: str, editor, note: str) -> None:
    proposal.state = state
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.note = " ".join(note.split())
    proposal.save(update_fields=["state", "decided_by", "decided_at", "note"])


def move_claims(
    *, claim_ids: Sequence[int], incident: Incident, whole_articles: bool = True
) -> None:
    """Put these claims in ``incident``: generic claimants ("police") scoped to the incident
    they leave are re-scoped to this one (with ``whole_articles``, those of the articles'
    other claims, statements included, too), and the same-claim groups and matching facts
    of every incident touched are brought up to date. Call inside a transaction."""
    claim_ids = list(claim_ids)
    touched = set(
        Claim.objects.filter(pk__in=claim_ids, incident__isnull=False).values_list(
            "incident_id", flat=True
        )
    )
    Claim.objects.filter(pk__in=claim_ids).update(incident=incident)
    if whole_articles:
        articles = Claim.objects.filter(pk__in=claim_ids).values("article_id")
        speaking = Claim.objects.filter(article_id__in=articles)
    else:
        speaking = Claim.objects.filter(pk__in=claim_ids)
    rescope_generic_claimants(speaking.filter(claimant__generic=True), incident)
    regroup_incidents({incident.pk, *touched})
    refresh_incident_facts({incident.pk, *touched})


def rescope_generic_claimants(claims, incident: Incident) -> None:
    """Point these claims' generic claimants at the same descriptor scoped to ``incident``
    (found or created); scoped claimants left without claims are removed."""
    by_claimant = {}
    for pk, claimant_id in claims.exclude(claimant__incident=incident).values_list(
        "pk", "claimant_id"
    ):
        by_claimant.setdefault(claimant_id, []).append(pk)
    if not by_claimant:
        return
    for old in Claimant.objects.filter(pk__in=by_claimant):
        scoped, _ = Claimant.objects.get_or_create(
            generic=True,
            key=old.key,
            incident=incident,
            defaults={
                "name": old.name,
                "kind": old.kind,
                "role": old.role,
                "affiliation": old.affiliation,
            },
        )
        Claim.objects.filter(pk__in=by_claimant[old.pk]).update(claimant=scoped)
    Claimant.objects.filter(pk__in=by_claimant, claims__isnull=True).delete()


def drop_empty_incidents(incident_ids: Iterable[int]) -> None:
    """Remove incidents that no claim belongs to any more, with their scoped claimants
    (left without claims by ``rescope_generic_claimants``)."""
    empty = Incident.objects.filter(pk__in=list(incident_ids), claims__isnull=True)
    Claimant.objects.filter(incident__in=empty, claims__isnull=True).delete()
    Claimant.objects.filter(incident__in=empty).update(incident=None)
    empty.delete()


def refresh_incident_facts(incident_ids: Iterable[int]) -> None:
    """Recompute the matching facts of these incidents from their articles and claims
    (rejected claims left out)."""
    incident_ids = list(set(incident_ids))
    claims = (
        Claim.objects.filter(incident_id__in=incident_ids, rejection_reason="")
        .select_related("claimant")
        .only(
            "incident_id",
            "article_id",
            "outcome",
            "count_min",
            "superseded_by_id",
            "claimant__name",
        )
    )
    by_incident: dict[int, dict[int, list]] = {}
    for claim in claims:
        by_incident.setdefault(claim.incident_id, {}).setdefault(claim.article_id, []).append(claim)
    articles = Article.objects.in_bulk({article for per in by_incident.values() for article in per})
    incidents = []
    for incident in Incident.objects.filter(pk__in=by_incident):
        facts = None
        for article_id, article_claims in by_incident[incident.pk].items():
            article = articles[article_id]
            current = [
                c for c in article_claims if c.count_min is not None and not c.superseded_by_id
            ]
            one = article_facts(
                title=article.title,
                body=article.body,
                published_on=article.published_on or article.ingested_at.date(),
                figures=[(c.outcome, c.count_min) for c in current],
                claimants=named_claimant_keys(c.claimant.name for c in current if c.claimant),
            )
            facts = one if facts is None else facts.merged(one)
        _apply_facts(incident, facts)
        incidents.append(incident)
    Incident.objects.bulk_update(
        incidents, ["match_text", "match_facts", "first_published_on", "last_published_on"]
    )
