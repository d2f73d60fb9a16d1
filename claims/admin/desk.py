"""The desk in the admin: queues (mine, unassigned, awaiting publication), assigning claims,
publishing and withdrawing verdicts. Every write goes through claims.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims import selectors
from claims.admin.base import AdminWrites, counted
from claims.admin.html import claim_change_url
from claims.forms import AssignForm, WithdrawForm
from claims.models import Publication
from claims.services.assignment import assign_claims
from claims.services.exceptions import (
    AssignmentRejected,
    FourEyesRefused,
    PublicationRejected,
    StaleVersion,
    UnknownClaims,
)
from claims.services.publication import can_publish, publish_claims, withdraw_claims

QUEUES = [
    ("mine", "My queue"),
    ("unassigned", "Unassigned"),
    ("awaiting", "Awaiting publication"),
]
REFUSALS = (PublicationRejected, FourEyesRefused, PermissionDenied, UnknownClaims)


class DeskQueueFilter(admin.SimpleListFilter):
    """The admin index's queues as a list filter (``?queue=mine``)."""

    title = "desk queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return QUEUES

    def queryset(self, request, queryset):
        condition = selectors.queue_filter(self.value() or "", request.user)
        return queryset if condition is None else queryset.filter(condition)


class ClaimDeskActions(AdminWrites):
    """ClaimAdmin's desk columns, actions (assign, publish, withdraw) and one-claim views."""

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description="Assignee", ordering="assignee__username")
    def assignee_name(self, claim):
        return claim.assignee.get_username() if claim.assignee_id else "—"

    @admin.display(description="Publication", ordering="publication")
    def publication_state(self, claim):
        label = Publication(claim.publication).label
        if claim.awaiting_publication:
            return format_html('{} <span class="quiet">(new verdict to publish)</span>', label)
        return label

    @admin.action(description="Assign selected claims", permissions=["review"])
    def assign_selected(self, request, queryset):
        """Ask whom to give the claims to (and a message), then assign them all at once."""
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            assignee = form.cleaned_data["assignee"]
            who = assignee.get_username() if assignee else "nobody"
            return self.report(
                request,
                lambda: assign_claims(
                    claim_ids=self.selected_pks(queryset),
                    assignee=assignee,
                    actor=request.user,
                    message=form.cleaned_data["message"],
                ),
                (AssignmentRejected, PermissionDenied, UnknownClaims),
                lambda changed: f"Assigned {counted(changed, 'claim')} to {who}.",
            )
        return self.selection_page(
            request, queryset, "assign.html", title="Assign claims", form=form
        )

    @admin.action(description="Publish the verdicts of selected claims", permissions=["publish"])
    def publish_selected(self, request, queryset):
        return self.report(
            request,
            lambda: publish_claims(claim_ids=self.selected_pks(queryset), editor=request.user),
            REFUSALS,
            lambda published: f"Published {counted(len(published), 'verdict')}.",
        )

    @admin.action(description="Withdraw the verdicts of selected claims", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        """Ask for the reason readers will see, then withdraw each published verdict."""
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            return self.report(
                request,
                lambda: withdraw_claims(
                    claim_ids=self.selected_pks(queryset),
                    editor=request.user,
                    reason=form.cleaned_data["reason"],
                ),
                REFUSALS,
                lambda withdrawn: f"Withdrew {counted(len(withdrawn), 'verdict')}.",
            )
        return self.selection_page(
            request, queryset, "withdraw.html", title="Withdraw verdicts", form=form
        )

    @method_decorator(require_POST)
    def publish_view(self, request, object_id):
        """Publish one claim's verdict from its page; the form carries the version the
        editor read, so a verdict decided since is not published unseen."""
        claim = self.claim_to_change(request, object_id, self.has_publish_permission(request))
        version = request.POST.get("version", "")
        try:
            publish_claims(
                claim_ids=[claim.pk],
                editor=request.user,
                expected_version=int(version) if version.isdigit() else None,
            )
        except StaleVersion as stale:
            self.message_user(
                request,
                f"Not published: a new review came in (version {stale.current_version}). "
                "Read it and publish again.",
                messages.ERROR,
            )
        except REFUSALS as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, "Verdict published.", messages.SUCCESS)
        return HttpResponseRedirect(claim_change_url(claim.pk))

    @method_decorator(require_POST)
    def withdraw_view(self, request, object_id):
        claim = self.claim_to_change(request, object_id, self.has_publish_permission(request))
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "Give the reason for the withdrawal.", messages.ERROR)
            return HttpResponseRedirect(claim_change_url(claim.pk))
        self.report(
            request,
            lambda: withdraw_claims(
                claim_ids=[claim.pk], editor=request.user, reason=form.cleaned_data["reason"]
            ),
            REFUSALS,
            lambda _: "Verdict withdrawn.",
        )
        return HttpResponseRedirect(claim_change_url(claim.pk))
