"""schema.org ClaimReview for claims with a verdict, as search engines and other checkers read it.

Rating scale (bestRating 4, worstRating 1), from the claim's status:

| status        | ratingValue | alternateName |
| ------------- | ----------- | ------------- |
| false         | 1           | False         |
| disputed      | 2           | Disputed      |
| unverifiable  | 3           | Unverifiable  |
| confirmed     | 4           | Confirmed     |

Only published verdicts have a ClaimReview; the rating and ``reviewBody`` (the public
rationale) come from the published review, not from a newer draft. A withdrawn verdict is a
tombstone (``withdrawal``) so feed consumers can drop it.
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


def withdrawal(claim: Claim) -> dict:
    """The tombstone of a withdrawn verdict: which claim, when, and why."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim),
        "identifier": str(claim.pk),
        "withdrawn": True,
        "dateWithdrawn": claim.withdrawn_at.isoformat(),
        "withdrawalReason": claim.withdrawal_reason,
    }


def claim_review(claim: Claim, verdict_review) -> dict:
    """The ClaimReview JSON-LD of a claim's published verdict.

    ``verdict_review`` is the published Review (its status is the rating, its rationale the
    reviewBody); callers pass it from a prefetch to avoid a query per claim. Needs
    ``claim.article.outlet`` and ``claim.claimant`` loaded (select_related).
    """
    rating_value, rating_name = RATINGS[verdict_review.to_status]
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
    published_at = claim.published_at or verdict_review.created_at
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": public_url(claim),
        "identifier": str(claim.pk),
        "claimReviewed": claim_in_context(claim),
        "reviewBody": verdict_review.rationale,
        "datePublished": published_at.date().isoformat(),
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
