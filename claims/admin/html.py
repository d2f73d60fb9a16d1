"""HTML pieces the admin pages share (status badges, figures, the highlighted article) and
the read-only base for pages that show a record nobody edits here."""

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from claims.models import ChangeAction, Claim, Status

ADMIN_CSS = {"all": ["claims/admin.css"]}


def claim_change_url(claim_id: int) -> str:
    return reverse("admin:claims_claim_change", args=[claim_id])


def status_badge(status: str):
    label = Status(status).label if status in Status.values else status
    return format_html('<span class="claim-badge status-{}">{}</span>', status, label)


def claim_figure(claim: Claim) -> str:
    """ "at least 12 killed", "3 injured": the count and outcome as an editor reads them."""
    outcome = claim.get_outcome_display().lower()
    return " ".join(part for part in (claim.count_display, outcome) if part)


def highlight_claims(body: str, claims) -> str:
    """The article body, escaped, with one <mark> per claim span, coloured by status.

    Spans nest: a sub-count inside a larger claim is a mark inside that claim's mark. A span
    that crosses the end of an open one (or lies outside the body) cannot nest and is left
    out of the text; the claims table below the article still lists it.
    """
    parts = []
    position = 0
    open_claims: list[Claim] = []

    def close_until(offset: int) -> None:
        nonlocal position
        while open_claims and open_claims[-1].end <= offset:
            closing = open_claims.pop()
            parts.append(escape(body[position : closing.end]))
            parts.append(mark_safe("</mark>"))
            position = closing.end

    for claim in sorted(claims, key=lambda claim: (claim.start, -claim.end, claim.pk)):
        if not 0 <= claim.start < claim.end <= len(body):
            continue
        close_until(claim.start)
        if open_claims and claim.end > open_claims[-1].end:
            continue
        parts.append(escape(body[position : claim.start]))
        position = claim.start
        parts.append(
            format_html(
                '<mark class="claim-mark status-{}" id="claim-{}" title="{}">'
                '<a class="claim-ref" href="{}">#{}</a>',
                claim.status,
                claim.pk,
                " · ".join(
                    part
                    for part in (
                        claim.get_status_display(),
                        claim.get_kind_display(),
                        claim_figure(claim),
                        claim.attribution,
                    )
                    if part
                ),
                claim_change_url(claim.pk),
                claim.pk,
            )
        )
        open_claims.append(claim)
    close_until(len(body))
    parts.append(escape(body[position:]))
    return mark_safe("".join(parts))


def _shown(value) -> str:
    return "—" if value in (None, "") else str(value)


def history_what(entry: dict):
    """What one ``selectors.claim_history`` entry did, as HTML: a review's status change
    (badge → badge), or a change's action with each field's old and new value."""
    if entry["type"] == "review":
        return format_html(
            "{} → {}", status_badge(entry["from_status"]), status_badge(entry["to_status"])
        )
    action = entry["action"]
    label = ChangeAction(action).label if action in ChangeAction.values else action
    fields = format_html_join(
        "",
        '<li><span class="history-field">{}</span>: {} → {}</li>',
        ((name, _shown(old), _shown(new)) for name, (old, new) in entry["changes"].items()),
    )
    return format_html(
        '<strong class="history-action action-{}">{}</strong><ul class="history-changes">{}</ul>',
        action,
        label,
        fields,
    )


class ReadOnlyAdminMixin:
    """Pages and inlines that show a record nobody edits here: no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
