"""Incidents: the figures different sources give for one event, side by side, and their
timeline; proposed matches to accept or reject; merging incidents (here) and moving claims
to a new one (an action on the claim list)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from claims import selectors
from claims.admin.base import AdminWrites, WritesThroughServices, count_column, counted
from claims.admin.html import ADMIN_CSS, status_badge, timeline_svg
from claims.forms import NewIncidentForm, RecordForm
from claims.models import Claim, Incident, IncidentProposal, Outcome, Status
from claims.services.exceptions import IncidentRejected
from claims.services.incidents import (
    CAN_REGROUP_INCIDENTS,
    merge_incidents,
    rename_incident,
    split_incident,
)
from claims.services.matching import accept_proposal, reject_proposal


def incident_link(incident: Incident):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:claims_incident_change", args=[incident.pk]),
        incident.title,
    )


class MoveToNewIncidentAction(AdminWrites):
    """ClaimAdmin's action that splits the selected claims off into a new incident."""

    def has_regroup_permission(self, request):
        return request.user.has_perm(CAN_REGROUP_INCIDENTS)

    @admin.action(description="Move selected claims to a new incident", permissions=["regroup"])
    def move_to_new_incident(self, request, queryset):
        """Ask for the new incident's title, then move the selected claims into it."""
        form = NewIncidentForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            claim_ids = self.selected_pks(queryset)
            return self.report(
                request,
                lambda: split_incident(
                    claim_ids=claim_ids, title=form.cleaned_data["title"], editor=request.user
                ),
                (IncidentRejected, PermissionDenied),
                lambda incident: format_html(
                    "Moved {} to the new incident {}.",
                    counted(len(claim_ids), "claim"),
                    incident_link(incident),
                ),
            )
        return self.selection_page(
            request, queryset, "new_incident.html", title="Move claims to a new incident", form=form
        )


def outcome_label(outcome: str) -> str:
    return Outcome(outcome).label.lower() if outcome in Outcome.values else "unspecified"


def figure_source(figure: dict) -> str:
    return figure["claimant"] or figure["attribution"] or "the article"


def outcome_range(outcome: dict) -> str:
    """ "killed: 0 (US military) – 3 (a community elder)": the spread across named sources."""
    label = outcome_label(outcome["outcome"])
    low, high = outcome["low"], outcome["high"]
    if low is None:
        count = len(outcome["figures"])
        return f"{label}: no named source ({count} figure{'s' if count != 1 else ''})"
    low_text = f"{low['count_display']} ({figure_source(low)})"
    if low["claim"] == high["claim"]:
        return f"{label}: {low_text}"
    return f"{label}: {low_text} – {high['count_display']} ({figure_source(high)})"


@admin.register(Incident)
class IncidentAdmin(AdminWrites, WritesThroughServices, admin.ModelAdmin):
    """Incidents gather the casualty figures different sources give for one event.

    The list shows each incident's claims by status and, per outcome, the range of figures
    across named sources; the page shows every figure side by side. Reviewers merge incidents
    that turn out to be one event (here) and move claims to a new one (on the claim list).
    """

    list_display = ["title", "claim_count", "status_summary", "ranges", "created_at"]
    search_fields = ["title"]
    date_hierarchy = "created_at"
    list_per_page = 50
    form = RecordForm
    fields = ["title", "created_at"]
    readonly_fields = ["created_at"]
    actions = ["merge_selected"]
    change_form_template = "admin/claims/incident/change_form.html"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request):
        return selectors.incident_list()

    def get_changelist_instance(self, request):
        """Load the figures of the page's incidents in one go, not one incident at a time."""
        changelist = super().get_changelist_instance(request)
        incidents = list(changelist.result_list)
        figures = selectors.incident_figures([incident.pk for incident in incidents])
        for incident in incidents:
            incident.figures = figures.get(incident.pk, [])
        return changelist

    def has_add_permission(self, request):
        """Incidents come from ingest and from splitting; none are typed in."""
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_regroup_permission(self, request):
        return request.user.has_perm(CAN_REGROUP_INCIDENTS)

    def has_change_permission(self, request, obj=None):
        """Those who merge and split incidents rename them too (a merge keeps the first one's
        title); only the title is editable, through services.incidents.rename_incident."""
        return self.has_regroup_permission(request) or super().has_change_permission(request, obj)

    def update_record(self, pk: int, changes: dict, editor):
        """Only the title changes; the admin then records the change in the incident's history."""
        if "title" not in changes:
            return None
        try:
            return rename_incident(incident_id=pk, title=changes["title"], editor=editor)
        except IncidentRejected as error:
            raise PermissionDenied(str(error)) from error

    claim_count = count_column("claim_count", "Claims")

    @admin.display(description="By status")
    def status_summary(self, incident):
        counts = [
            (getattr(incident, f"{status}_count"), status, label)
            for status, label in Status.choices
        ]
        return (
            format_html_join(
                " ",
                '<span class="claim-badge status-{}">{} {}</span>',
                ((status, count, label.lower()) for count, status, label in counts if count),
            )
            or "—"
        )

    @admin.display(description="Figures by outcome")
    def ranges(self, incident):
        figures = getattr(incident, "figures", [])
        if not figures:
            return "—"
        return format_html_join(
            mark_safe("<br>"), "{}", ((outcome_range(outcome),) for outcome in figures)
        )

    @admin.action(description="Merge selected incidents", permissions=["regroup"])
    def merge_selected(self, request, queryset):
        incident_ids = list(queryset.order_by().values_list("pk", flat=True))
        return self.report(
            request,
            lambda: merge_incidents(incident_ids=incident_ids, editor=request.user),
            (IncidentRejected, PermissionDenied),
            lambda survivor: format_html(
                "Merged {} incidents into {} (#{}).",
                len(incident_ids),
                incident_link(survivor),
                survivor.pk,
            ),
        )

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_proposal_view)
        return [
            path(
                "<path:object_id>/proposals/<int:proposal_id>/<str:decision>/",
                decide,
                name="claims_incident_decide_proposal",
            ),
            *super().get_urls(),
        ]

    def decide_proposal_view(self, request, object_id, proposal_id, decision):
        """Accept or reject a proposed match from the incident page (POST only)."""
        if request.method != "POST" or decision not in {"accept", "reject"}:
            return HttpResponseNotAllowed(["POST"])
        if not self.has_regroup_permission(request):
            raise PermissionDenied
        if not IncidentProposal.objects.filter(pk=proposal_id, incident_id=object_id).exists():
            raise Http404("No such proposal for this incident.")
        decide = accept_proposal if decision == "accept" else reject_proposal
        self.report(
            request,
            lambda: decide(
                proposal_id=proposal_id, editor=request.user, note=request.POST.get("note", "")
            ),
            (IncidentRejected, PermissionDenied),
            lambda proposal: (
                f"Proposal {proposal.pk} {proposal.state}: article “{proposal.article.title}”."
            ),
        )
        return HttpResponseRedirect(
            reverse("admin:claims_incident_change", args=[object_id]) + "#proposals"
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        incident = self.get_object(request, unquote(object_id))
        if incident is not None and self.has_view_or_change_permission(request, incident):
            outcomes = selectors.incident_figures([incident.pk]).get(incident.pk, [])
            claim_ids = [figure["claim"] for outcome in outcomes for figure in outcome["figures"]]
            articles = {
                claim_id: (article_id, title)
                for claim_id, article_id, title in Claim.objects.filter(
                    pk__in=claim_ids
                ).values_list("pk", "article_id", "article__title")
            }
            for outcome in outcomes:
                outcome["label"] = outcome_label(outcome["outcome"])
                outcome["range"] = outcome_range(outcome)
                for figure in outcome["figures"]:
                    figure["article_id"], figure["article_title"] = articles[figure["claim"]]
                    figure["status_badge"] = status_badge(figure["status"])
            timeline = [
                {"label": outcome_label(row["outcome"]), "svg": timeline_svg(row["points"])}
                for row in selectors.incident_timeline(incident.pk)
            ]
            extra_context = {
                **(extra_context or {}),
                "outcomes": outcomes,
                "timeline": timeline,
                "proposals": list(selectors.incident_proposals(incident.pk)),
                "can_decide": self.has_regroup_permission(request),
            }
        return super().change_view(request, object_id, form_url, extra_context)
