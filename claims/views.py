"""Public fact-check pages: plain HTML for readers, with ClaimReview JSON-LD for machines.

Readers see only published verdicts, with their public rationale; never the desk's
internal notes or who decided. A withdrawn verdict's page says so (410 Gone).
"""

import json

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import mark_safe

from claims.claimreview import claim_review
from claims.models import Publication, Status
from claims.selectors import public_factcheck, published_factchecks

# The characters that could end a <script> element early, escaped inside the JSON.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _json_ld(data: dict) -> str:
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=2).translate(_SCRIPT_ESCAPES))


def _with_verdict(claim):
    """The claim with ``verdict`` (its published review) and that verdict's label."""
    claim.verdict = claim.verdict_reviews[0] if claim.verdict_reviews else None
    if claim.verdict is not None:
        claim.verdict_label = Status(claim.verdict.to_status).label
    return claim


def factcheck_index(request):
    page = Paginator(published_factchecks(), 25).get_page(request.GET.get("page"))
    page.object_list = [_with_verdict(claim) for claim in page.object_list]
    return render(request, "claims/factcheck_index.html", {"page": page})


def factcheck_page(request, claim_id: int):
    claim = public_factcheck(claim_id)
    if claim is None:
        raise Http404("No published fact check with this id.")
    if claim.publication == Publication.WITHDRAWN:
        return render(request, "claims/factcheck_withdrawn.html", {"claim": claim}, status=410)
    claim = _with_verdict(claim)
    return render(
        request,
        "claims/factcheck_page.html",
        {
            "claim": claim,
            "verdict": claim.verdict,
            "json_ld": _json_ld(claim_review(claim, claim.verdict, request=request)),
        },
    )
