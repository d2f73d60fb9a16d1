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


def claim_spans(claim: Claim) -> list[tuple[int, int]]:
    """Every span of a claim in its article: its mentions, else its own span."""
    return [(m["start"], m["end"]) for m in claim.mentions] or [(claim.start, claim.end)]


def highlight_claims(body: str, claims) -> str:
    """The article body, escaped, with one <mark> per claim span, coloured by status; a
    claim repeated in the article (several mentions) is marked at each of them.

    Spans nest: a sub-count inside a larger claim is a mark inside that claim's mark. A span
    that crosses the end of an open one (or lies outside the body) cannot nest and is left
    out of the text; the claims table below the article still lists it.
    """
    parts = []
    position = 0
    open_ends: list[int] = []

    def close_until(offset: int) -> None:
        nonlocal position
        while open_ends and open_ends[-1] <= offset:
            end = open_ends.pop()
            parts.append(escape(body[position:end]))
            parts.append(mark_safe("</mark>"))
            position = end

    spans = [
        (start, end, claim, nth)
        for claim in claims
        for nth, (start, end) in enumerate(claim_spans(claim))
    ]
    for start, end, claim, nth in sorted(spans, key=lambda s: (s[0], -s[1], s[2].pk, s[3])):
        if not 0 <= start < end <= len(body):
            continue
        close_until(start)
        if open_ends and end > open_ends[-1]:
            continue
        parts.append(escape(body[position:start]))
        position = start
        parts.append(
            format_html(
                '<mark class="claim-mark status-{}" id="claim-{}{}" title="{}">'
                '<a class="claim-ref" href="{}">#{}</a>',
                claim.status,
                claim.pk,
                f"-{nth + 1}" if nth else "",
                " · ".join(
                    part
                    for part in (
                        claim.get_status_display(),
                        claim.get_kind_display(),
                        claim_figure(claim),
                        claim.attribution,
                        f"mention {nth + 1} of {len(claim.mentions)}"
                        if len(claim.mentions) > 1
                        else "",
                    )
                    if part
                ),
                claim_change_url(claim.pk),
                claim.pk,
            )
        )
        open_ends.append(end)
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


def timeline_svg(points: list[dict], *, width: int = 560, height: int = 170) -> str:
    """One outcome's figures over time as a small server-rendered SVG (no script, no CDN):
    one dot per figure at its publication date, hollow when a later figure superseded it,
    and a line through the highest current figure of each day. Hover shows the source."""
    if not points:
        return ""
    left, right, top, bottom = 44, 16, 14, 30
    dates = sorted({point["published_on"] for point in points})
    highest = max((point["count_max"] or point["count_min"]) for point in points) or 1
    span_x = width - left - right
    span_y = height - top - bottom

    def x_of(date: str, nth: int) -> float:
        base = left + span_x * (dates.index(date) / (len(dates) - 1) if len(dates) > 1 else 0.5)
        return round(base + 9 * nth, 1)

    def y_of(count: int) -> float:
        return round(top + span_y * (1 - count / highest), 1)

    seen_on: dict[str, int] = {}
    dots, line = [], {}
    for point in points:
        nth = seen_on.get(point["published_on"], 0)
        seen_on[point["published_on"]] = nth + 1
        cx, cy = x_of(point["published_on"], nth), y_of(point["count_min"])
        source = point["claimant"] or point["attribution"] or "the article"
        outlet = point["article"]["outlet"] or point["article"]["title"]
        dots.append(
            format_html(
                '<circle cx="{}" cy="{}" r="5" class="{}"><title>{} — {}, {} ({}){}</title>'
                "</circle>",
                cx,
                cy,
                "superseded" if point["superseded"] else "current",
                point["count_display"],
                source,
                outlet,
                point["published_on"],
                ", superseded" if point["superseded"] else "",
            )
        )
        if not point["superseded"]:
            best = line.get(point["published_on"])
            if best is None or point["count_min"] > best[1]:
                line[point["published_on"]] = (x_of(point["published_on"], 0), point["count_min"])
    path = " ".join(f"{x},{y_of(count)}" for _, (x, count) in sorted(line.items()))
    labels = [
        format_html(
            '<text x="{}" y="{}" text-anchor="middle">{}</text>', x_of(d, 0), height - 10, d
        )
        for d in dates
    ]
    return format_html(
        '<svg class="incident-timeline" role="img" width="100%" style="max-width: {w}px" '
        'viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="{l}" y1="{b}" x2="{r}" y2="{b}" class="axis"/>'
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}" class="axis"/>'
        '<text x="{lt}" y="{ty}" text-anchor="end">{hi}</text>'
        '<text x="{lt}" y="{b}" text-anchor="end">0</text>'
        '<polyline points="{path}" class="trend"/>{dots}{labels}</svg>',
        w=width,
        h=height,
        l=left,
        r=width - right,
        t=top,
        b=height - bottom,
        lt=left - 6,
        ty=top + 4,
        hi=f"{highest:,}",
        path=path,
        dots=mark_safe("".join(dots)),
        labels=mark_safe("".join(labels)),
    )
