"""schema.org ClaimReview for claims with a verdict, as search engines and other checkers read it.

Rating scale (bestRating 4, worstRating 1), from the claim's status:

| status        | ratingValue | alternateName |
| ------------- | ----------- | ------------- |
| false         | 1           | False         |
| disputed      | 2           | Disputed      |
| unverifiable  | 3           | Unverifiable  |
| confirmed     | 4           | Confirmed     |

Claims without a verdict (unverified, in review) have no ClaimReview.
"""

from django.conf import settings
from django.urls import reverse

from claims.extraction.sentences import split_sentences
from claims.models import Claim, Status

BEST_RATING = 4
WORST_RATING = 1
RATINGS = {
    Status.FALSE: (1, "False"),
    Status.DISPUTED: (2, "Disputed"),
    Status.UNVERIFIABLE: (3, "Unverifiable"),
    Status.CONFIRMED: (4, "Confirmed"),
}
CLAIMANT_TYPES = {"person": "Person"}


def public_url(claim: Claim) -> str:
    """The claim's public fact-check page, absolute, under FACTCHECK_PUBLISHER_URL."""
    base = settings.FACTCHECK_PUBLISHER_URL.rstrip("/")
    return base + reverse("factcheck-page", args=[claim.pk])


def claim_in_context(claim: Claim, limit: int = 400) -> str:
    """The sentence(s) of the article holding the claim's span, so a reader of the
    ClaimReview sees what was claimed ("The US military said ... no known civilian
    casualties."), not only the figure. Falls back to the span itself."""
    body = claim.article.body
    sentences = [(s, e) for s, e in split_sentences(body) if s < claim.end and e > claim.start]
    if not sentences:
        return claim.text
    context = " ".join(body[sentences[0][0] : sentences[-1][1]].split())
    return context if len(context) <= limit else claim.text


def claim_review(claim: Claim, verdict_review=None) -> dict:
    """The ClaimReview JSON-LD of a claim with a verdict.

    ``verdict_review`` is the Review that set the current status (its date is the
    datePublished); callers pass it from a prefetch to avoid a query per claim.
    Needs ``claim.article.outlet`` and ``claim.claimant`` loaded (select_related).
    """
    rating_value, rating_name = RATINGS[claim.status]
    article = claim.article
    outlet = article.outlet
    if claim.claimant is not None:
        claim_author = {
            "@type": CLAIMANT_TYPES.get(claim.claimant.kind, "Organization"),
            "name": claim.claimant.name,
        }
        if claim.claimant.role:
            claim_author["jobTitle" if claim.claimant.kind == "person" else "description"] = (
                claim.claimant.role
            )
    else:
        claim_author = {"@type": "Organization", "name": outlet.name if outlet else article.title}
    appearance = {"@type": "NewsArticle", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if outlet is not None:
        appearance["publisher"] = {"@type": "Organization", "name": outlet.name}
    if article.published_on:
        appearance["datePublished"] = article.published_on.isoformat()
    item_reviewed = {"@type": "Claim", "author": claim_author, "appearance": appearance}
    if article.published_on:
        item_reviewed["datePublished"] = article.published_on.isoformat()
    decided_at = verdict_review.created_at if verdict_review is not None else claim.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim),
        "claimReviewed": claim_in_context(claim),
        "datePublished": decided_at.date().isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.FACTCHECK_PUBLISHER_NAME,
            "url": settings.FACTCHECK_PUBLISHER_URL,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating_value,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": rating_name,
        },
        "itemReviewed": item_reviewed,
    }
