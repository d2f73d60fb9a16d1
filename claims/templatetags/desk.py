"""The admin index's desk queues: what is waiting for the signed-in user, with counts."""

from django import template
from django.urls import reverse

from claims import selectors
from claims.admin.desk import QUEUES

register = template.Library()


@register.inclusion_tag("admin/claims/desk_queues.html", takes_context=True)
def desk_queues(context):
    request = context["request"]
    if not request.user.has_perm("claims.view_claim"):
        return {"queues": []}
    counts = selectors.desk_queues(request.user)
    changelist = reverse("admin:claims_claim_changelist")
    return {
        "queues": [
            {"key": key, "label": label, "count": counts[key], "url": f"{changelist}?queue={key}"}
            for key, label in QUEUES
        ]
    }
