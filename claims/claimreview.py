"""schema.org ClaimReview for claims with a verdict, as search engines and other checkers read it.

Rating scale: the number means how true the claim is (bestRating 3, worstRating 1), so a
consumer that normalises ratingValue between the bounds (claimreview-collector does) reads
false as 0, disputed as 0.5 and confirmed as 1. "Unverifiable" says nothing about truth, so
it carries only its textual rating; giving it a number (it used to be 3 of 1..4) made
normalisers read it as "mostly credible".

| status        | ratingValue | alternateName | Meedan Check status       |
| ------------- | ----------- | ------------- | ------------------------- |
| false         | 1           | False         | `false` (False)           |
| disputed      | 2           | Disputed      | a custom `disputed` status (none by default) |
| confirmed     | 3           | Confirmed     | `verified` (Verified)     |
| unverifiable  | none        | Unverifiable  | `not_applicable` (Inconclusive) |

Claims without a verdict (unverified: Check's `undetermined`; in review: `in_progress`)
have no ClaimReview.
"""

import re

from django.conf import settings
from django.urls import reverse

from claims.models import Claim, ClaimKind, Status

BEST_RATING = 3
WORST_RATING = 1
RATINGS = {
    Status.FALSE: (1, "False"),
    Status.DISPUTED: (2, "Disputed"),
    Status.CONFIRMED: (3, "Confirmed"),
    Status.UNVERIFIABLE: (None, "Unverifiable"),
}
CLAIMANT_TYPES = {"person": "Person"}
# Google advises claimReviewed under about 75 characters.
CLAIM_REVIEWED_MAX = 75


def site_url(request=None) -> str:
    """The public site's root, ending in "/": FACTCHECK_PUBLISHER_URL when configured
    (production, where `check --deploy` insists on it), else the request's own host."""
    if settings.FACTCHECK_PUBLISHER_URL:
        return settings.FACTCHECK_PUBLISHER_URL.rstrip("/") + "/"
    if request is None:
        raise ValueError("FACTCHECK_PUBLISHER_URL is not set: pass the request to build URLs.")
    return request.build_absolute_uri("/")


def public_url(claim: Claim, request=None) -> str:
    """The claim's public fact-check page, absolute."""
    return site_url(request).rstrip("/") + reverse("factcheck-page", args=[claim.pk])


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split()).strip(" .,;:")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


# "X said (that) ..." at the start of a statement's span: the claim is what follows.
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|stated|added|claimed|reported|told\s+\w+)\b[,:]?\s+(?:that\s+)?",
    re.IGNORECASE,
)


def _what_was_said(claim: Claim) -> str:
    text = claim.text
    position = text.casefold().find(claim.attribution.casefold()) if claim.attribution else -1
    if position >= 0:
        verb = _SPEECH_VERB.search(text, position + len(claim.attribution))
        if verb is not None and len(text) - verb.end() >= 12:
            return text[verb.end() :]
    return text


def claim_statement(claim: Claim) -> str:
    """What the claim says, short and on its own: "US military: no civilians killed",
    "a community elder in Jalalabad: 4 others injured", "Malik Adib: Women and children are
    among the victims". Built from the claim's own figure or words rather than the sentence
    around it, so two claims of one sentence never share it and the verdict is about what
    it names. Needs ``claim.claimant`` loaded."""
    if claim.kind == ClaimKind.STATEMENT:
        said = _what_was_said(claim)
    else:
        figure = claim.count_display or ""
        if claim.count_min == 0 and claim.count_max in (0, None):
            figure = "no"
        outcome = claim.get_outcome_display().lower() if claim.outcome else ""
        said = " ".join(part for part in (figure, claim.group, outcome) if part) or claim.text
    speaker = claim.claimant.name if claim.claimant is not None else ""
    if not speaker:
        return _shorten(said[:1].upper() + said[1:], CLAIM_REVIEWED_MAX)
    return f"{speaker}: " + _shorten(said, max(20, CLAIM_REVIEWED_MAX - len(speaker) - 2))


def _claim_author(claim: Claim) -> dict | None:
    """The claimant; for a claim in the article's own voice, its outlet (or nobody)."""
    if claim.claimant is not None:
        author = {
            "@type": CLAIMANT_TYPES.get(claim.claimant.kind, "Organization"),
            "name": claim.claimant.name,
        }
        if claim.claimant.role:
            author["jobTitle" if claim.claimant.kind == "person" else "description"] = (
                claim.claimant.role
            )
        return author
    outlet = claim.article.outlet
    return {"@type": "Organization", "name": outlet.name} if outlet is not None else None


def claim_review(claim: Claim, verdict_review=None, *, request=None) -> dict:
    """The ClaimReview JSON-LD of a claim with a verdict.

    ``verdict_review`` is the Review that set the current status (its date is the
    datePublished); callers pass it from a prefetch to avoid a query per claim. ``request``
    gives the host of the public URLs when FACTCHECK_PUBLISHER_URL is not set.
    Needs ``claim.article.outlet`` and ``claim.claimant`` loaded (select_related).
    """
    rating_value, rating_name = RATINGS[claim.status]
    rating = {"@type": "Rating", "alternateName": rating_name}
    if rating_value is not None:
        rating.update(ratingValue=rating_value, bestRating=BEST_RATING, worstRating=WORST_RATING)
    article = claim.article
    appearance = {"@type": "NewsArticle", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.outlet is not None:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    if article.published_on:
        appearance["datePublished"] = article.published_on.isoformat()
    item_reviewed = {"@type": "Claim", "appearance": appearance}
    if article.url:
        item_reviewed["firstAppearance"] = appearance
    author = _claim_author(claim)
    if author is not None:
        item_reviewed["author"] = author
    if article.published_on:
        item_reviewed["datePublished"] = article.published_on.isoformat()
    decided_at = verdict_review.created_at if verdict_review is not None else claim.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim, request),
        "claimReviewed": claim_statement(claim),
        "datePublished": decided_at.date().isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.FACTCHECK_PUBLISHER_NAME,
            "url": site_url(request),
        },
        "reviewRating": rating,
        "itemReviewed": item_reviewed,
    }
