"""Public fact-check pages: plain HTML for readers, with ClaimReview JSON-LD for machines."""

import json

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from claims.claimreview import claim_review
from claims.selectors import published_factchecks

# The characters that could end a <script> element early, escaped inside the JSON.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json_ld(data: dict) -> str:
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES))


def factcheck_index(request):
    page = Paginator(published_factchecks(), 25).get_page(request.GET.get("page"))
    return render(request, "claims/factcheck_index.html", {"page": page})


def factcheck_page(request, claim_id: int):
    claim = get_object_or_404(published_factchecks(), pk=claim_id)
    verdict = claim.verdict_reviews[0] if claim.verdict_reviews else None
    return render(
        request,
        "claims/factcheck_page.html",
        {
            "claim": claim,
            "verdict": verdict,
            "json_ld": _json_ld(claim_review(claim, verdict, request=request)),
        },
    )
