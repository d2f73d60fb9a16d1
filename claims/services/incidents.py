"""Incidents: regroup casualty claims when articles turn out to report the same event, or not."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims.models import Claim, Incident
from claims.services import matching  # matching imports this module too
from claims.services.exceptions import IncidentRejected

# Merging incidents and moving claims between them; the ``reviewers`` group has it.
CAN_REGROUP_INCIDENTS = "claims.regroup_incidents"


def _require_regrouper(editor) -> None:
    if editor is None or not editor.is_authenticated or not editor.has_perm(CAN_REGROUP_INCIDENTS):
        raise PermissionDenied("Only reviewers can regroup incidents.")


def merge_incidents(*, incident_ids: Sequence[int], editor) -> Incident:
    """Move every claim of the given incidents into the first one and drop the others.

    Used when several articles (or several incidents of one article) turn out to report the
    same event, so their casualty figures are compared with each other. Generic claimants
    ("police") of the merged incidents become the survivor's.
    """
    _require_regrouper(editor)
    ordered = sorted(set(incident_ids))
    if len(ordered) < 2:
        raise IncidentRejected("Choose at least two incidents to merge.")
    with transaction.atomic():
        incidents = list(Incident.objects.select_for_update().filter(pk__in=ordered).order_by("pk"))
        if len(incidents) != len(ordered):
            raise IncidentRejected("Some of these incidents no longer exist; nothing was merged.")
        survivor = incidents[0]
        moved = Claim.objects.filter(incident_id__in=ordered[1:]).values_list("pk", flat=True)
        matching.move_claims(claim_ids=list(moved), incident=survivor)
        matching.drop_empty_incidents(ordered[1:])
    return survivor


def split_incident(*, claim_ids: Sequence[int], title: str, editor) -> Incident:
    """Move the given claims into a new incident: they turned out to be about another event."""
    _require_regrouper(editor)
    wanted = sorted(set(claim_ids))
    if not wanted:
        raise IncidentRejected("Choose the claims that belong to the new incident.")
    with transaction.atomic():
        found = Claim.objects.filter(pk__in=wanted).count()
        if found != len(wanted):
            raise IncidentRejected("Some of these claims no longer exist; nothing was split.")
        incident = Incident.objects.create(title=" ".join(title.split())[:300] or "Incident")
        left = set(
            Claim.objects.filter(pk__in=wanted, incident__isnull=False).values_list(
                "incident_id", flat=True
            )
        )
        matching.move_claims(claim_ids=wanted, incident=incident, whole_articles=False)
        matching.drop_empty_incidents(left)
    return incident


def rename_incident(*, incident_id: int, title: str, editor) -> Incident:
    """Give an incident a new title, e.g. after a merge kept the first article's headline.

    Those who merge and split incidents may do it; the admin records who renamed it and from
    what in the incident's history (its LogEntry)."""
    _require_regrouper(editor)
    title = " ".join(title.split())
    if not title:
        raise IncidentRejected("Give the incident a title.")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().filter(pk=incident_id).first()
        if incident is None:
            raise IncidentRejected("This incident no longer exists.")
        incident.title = title[:300]
        incident.save(update_fields=["title"])
    return incident
