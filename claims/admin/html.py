"""HTML pieces the admin pages share: status badges, figures, the highlighted article."""

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from claims.extraction.sentences import split_sentences
from claims.models import ChangeAction, Claim, Status

ADMIN_CSS = {"all": ["claims/admin.css"]}
# Keyboard shortcuts, the side panel and the name filters' suggestions (plain JS, no library).
REVIEW_JS = ["claims/review.js"]
# How far around a claim to look for its sentence: longer sentences are cut, not searched.
SENTENCE_REACH = 600


def claim_change_url(claim_id: int) -> str:
    return reverse("admin:claims_claim_change", args=[claim_id])


def status_badge(status: str):
    label = Status(status).label if status in Status.values else status
    return format_html('<span class="claim-badge status-{}">{}</span>', status, label)


def conflict_badge(has_conflict: bool):
    """A labelled badge, not the admin's ✔/✖ icons, which read backwards here: a green tick
    meant "contradicted"."""
    if has_conflict:
        return format_html('<span class="conflict-badge">{}</span>', "Contradicted")
    return format_html('<span class="quiet">{}</span>', "—")


def claim_figure(claim: Claim) -> str:
    """ "at least 12 killed", "3 injured": the count and outcome as an editor reads them."""
    outcome = claim.get_outcome_display().lower()
    return " ".join(part for part in (claim.count_as_said, outcome) if part)


def claim_sentence(claim: Claim, body: str) -> tuple[str, str, str]:
    """The sentence around a claim, as (before, claim, after), from the article body.

    Only ``SENTENCE_REACH`` characters each side are split, so a long article costs the same
    as a short one; a span outside the body gives just the claim text."""
    if not 0 <= claim.start < claim.end <= len(body):
        return "", claim.text, ""
    window_start = max(0, claim.start - SENTENCE_REACH)
    window = body[window_start : claim.end + SENTENCE_REACH]
    start, end = claim.start - window_start, claim.end - window_start
    sentence_start, sentence_end = 0, len(window)
    for first, last in split_sentences(window):
        if first <= start < last:
            sentence_start, sentence_end = first, max(last, end)
            break
    before = " ".join(window[sentence_start:start].split())
    after = " ".join(window[end:sentence_end].split())
    return (
        before + (" " if window[start - 1 : start].isspace() and before else ""),
        body[claim.start : claim.end],
        (" " if window[end : end + 1].isspace() and after else "") + after,
    )


def marked_sentence(claim: Claim, body: str, *, context: int | None = None):
    """The claim's sentence with the claim in a <mark>, escaped. With ``context``, at most that
    many characters are kept before the claim and twice that after (with "…"), so a list row
    stays one line and the claim is in sight."""
    before, text, after = claim_sentence(claim, body)
    whole = f"{before}{text}{after}"
    if context is not None:
        if len(before) > context:
            kept = before[-context:]
            before = "…" + (kept.split(" ", 1)[1] if " " in kept.strip() else kept).lstrip()
        if len(after) > 2 * context:
            after = after[: 2 * context].rstrip() + "…"
    # A cut sentence keeps the whole of it as the row's tooltip.
    title = format_html(' title="{}"', whole) if whole != before + text + after else ""
    return format_html(
        '<span class="claim-sentence"{}>{}<mark class="claim-mark status-{}">{}</mark>{}</span>',
        title,
        before,
        claim.status,
        text,
        after,
    )


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
