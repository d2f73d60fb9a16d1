"""The desk's curated claims as an annotated extraction corpus, in the span-level format of
``tests/extraction_corpus/`` (see its README): the editors' work becomes the next evaluation
and training set. ``manage.py export_corpus`` writes it."""

from claims import selectors
from claims.models import Claim, ClaimKind, RejectionReason
from sources.models import Article


def _speaker_span(body: str, claim: Claim) -> tuple[int | None, int | None]:
    """Where the text names the claim's speaker: the nearest writing of its attribution (or
    claimant name) before the claim, else after it; None where the text does not name it."""
    for words in (claim.attribution, claim.claimant.name if claim.claimant else ""):
        if not words:
            continue
        before = body.rfind(words, 0, claim.end)
        found = before if before >= 0 else body.find(words, claim.start)
        if found >= 0:
            return found, found + len(words)
    return None, None


def _candidate(body: str, claim: Claim) -> dict | None:
    """A claim as a "numbers" candidate, or None when the desk's decision does not say what
    the span is (rejected for wrong numbers or speaker: the right reading is another claim)."""
    base = {"start": claim.start, "end": claim.end, "text": body[claim.start : claim.end]}
    if claim.rejection_reason == RejectionReason.NOT_A_CLAIM or claim.kind == ClaimKind.QUANTITY:
        return {**base, "label": "other"}
    if claim.kind != ClaimKind.CASUALTY or claim.count_min is None:
        return None
    if claim.rejection_reason and claim.rejection_reason != RejectionReason.DUPLICATE:
        return None
    speaker_start, speaker_end = _speaker_span(body, claim)
    return {
        **base,
        "label": "casualty",
        "outcome": claim.outcome,
        "count_min": claim.count_min,
        "count_max": claim.count_max if claim.count_max is not None else claim.count_min,
        "approximate": claim.approximate,
        "lower_bound": claim.lower_bound,
        "upper_bound": claim.upper_bound,
        "group": claim.group,
        "role": "repeat" if claim.rejection_reason == RejectionReason.DUPLICATE else "claim",
        "speaker": claim.claimant.name if claim.claimant else None,
        "speaker_start": speaker_start,
        "speaker_end": speaker_end,
    }


def passage(article: Article, claims: list[Claim]) -> dict:
    """One article as a corpus passage: its casualty figures and speakers as the desk left
    them (kept, corrected and added claims; rejected ones only as non-claims or repeats)."""
    numbers = []
    speakers = []
    for claim in sorted(claims, key=lambda claim: (claim.start, claim.end, claim.pk)):
        candidate = _candidate(article.body, claim)
        if candidate is not None:
            numbers.append(candidate)
        if not claim.rejection_reason and claim.claimant and claim.claimant.name not in speakers:
            if claim.kind in (ClaimKind.STATEMENT, ClaimKind.CASUALTY):
                speakers.append(claim.claimant.name)
    casualties = [
        {name: number[name] for name in ("outcome", "count_min", "count_max")}
        for number in numbers
        if number["label"] == "casualty" and number["role"] == "claim"
    ]
    return {
        "id": f"desk-article-{article.pk}",
        "style": "desk" if article.outlet_id is None else f"desk: {article.outlet.name}",
        "text": article.body,
        "casualties": casualties,
        "speakers": speakers,
        "numbers": numbers,
    }


def curated_corpus(since=None) -> list[dict]:
    """Every article editors have worked on (since ``since``), oldest first, as passages.
    Two queries whatever the number of articles."""
    articles = list(
        Article.objects.filter(pk__in=selectors.worked_on_articles(since))
        .select_related("outlet")
        .order_by("pk")
    )
    claims_of: dict[int, list[Claim]] = {article.pk: [] for article in articles}
    for claim in Claim.objects.filter(article_id__in=claims_of).select_related("claimant"):
        claims_of[claim.article_id].append(claim)
    return [passage(article, claims_of[article.pk]) for article in articles]
