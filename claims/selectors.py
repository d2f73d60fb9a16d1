"""Reads of claims. Query shape and prefetching live here, so N+1 is fixed in one place."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, In

from claims.models import Claim, ClaimKind, Review

# Groups that say nothing about who the victims were, so they overlap any other group.
GENERIC_GROUPS = ["", "people", "persons", "others", "victims", "individuals"]


def _contradiction(ref) -> Q:
    """Conditions under which a claim contradicts the claim whose fields ``ref`` gives.

    Contradicting means: a casualty count about the same incident and outcome, from another
    named claimant, about overlapping groups (equal, or either one generic such as
    "people"), with count ranges that cannot both be true. "At least N" reaches up without
    limit and "up to N" down to zero, so they contradict only on their bounded side.
    ``ref`` is OuterRef for a subquery, or a claim's own values for a plain filter.
    """
    overlapping_groups = (
        Q(group_lower__in=GENERIC_GROUPS)
        | Q(group_lower=ref("group_lower"))
        | Q(In(ref("group_lower"), GENERIC_GROUPS))
    )
    entirely_below = Q(
        Exact(ref("upper_bound"), False), lower_bound=False, count_max__lt=ref("count_min")
    )
    entirely_above = Q(
        Exact(ref("lower_bound"), False), upper_bound=False, count_min__gt=ref("count_max")
    )
    return (
        Q(
            Exact(ref("kind"), ClaimKind.CASUALTY),
            kind=ClaimKind.CASUALTY,
            incident_id=ref("incident_id"),
            outcome=ref("outcome"),
            claimant__isnull=False,
            count_min__isnull=False,
        )
        & ~Q(claimant_id=ref("claimant_id"))
        & overlapping_groups
        & (entirely_below | entirely_above)
    )


def _with_group_lower(claims: QuerySet) -> QuerySet:
    return claims.annotate(group_lower=Lower("group"))


def with_conflict_flag(claims: QuerySet) -> QuerySet:
    """Annotate ``has_conflict``: another source gives an incompatible count for the event.

    The subquery runs on the (incident, outcome) index, so the flag is cheap to filter on.
    """
    contradicting = _with_group_lower(Claim.objects.all()).filter(_contradiction(OuterRef))
    return _with_group_lower(claims).annotate(
        has_conflict=Exists(contradicting) & Q(claimant__isnull=False)
        & Q(incident__isnull=False) & Q(count_min__isnull=False)
    )


def conflicts_for(claim: Claim) -> QuerySet:
    """The claims that contradict ``claim``, ready to show side by side."""
    if claim.incident_id is None or claim.claimant_id is None or claim.count_min is None:
        return Claim.objects.none()
    values = {
        "group_lower": claim.group.lower(),
        "kind": claim.kind,
        "incident_id": claim.incident_id,
        "outcome": claim.outcome,
        "claimant_id": claim.claimant_id,
        "count_min": claim.count_min,
        "count_max": claim.count_max,
        "lower_bound": claim.lower_bound,
        "upper_bound": claim.upper_bound,
    }
    return (
        _with_group_lower(Claim.objects.all())
        .filter(_contradiction(lambda field: Value(values[field])))
        .select_related("claimant", "article")
        .order_by("count_min", "pk")
    )


def claim_list() -> QuerySet:
    """Claims with everything a list shows: article, outlet, claimant, conflict flag and
    reviews (newest first, so the last review is ``reviews.all()[0]``), in constant queries."""
    return with_conflict_flag(
        Claim.objects.select_related("article", "article__outlet", "claimant")
    ).prefetch_related(
        Prefetch(
            "reviews",
            queryset=Review.objects.select_related("reviewer").order_by("-version"),
        )
    )


def claim_history(claim_id: int) -> QuerySet:
    """Every review of a claim, oldest first, with who made it."""
    return Review.objects.filter(claim_id=claim_id).select_related("reviewer").order_by("version")
