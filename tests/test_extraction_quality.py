"""The extractor measured by the desk: the quality endpoint's numbers against a hand count."""

import pytest

from claims.services.curation import ClaimantChoice, add_claim, correct_claim, reject_claim
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Police said 12 people were killed and 30 injured. Four were missing, officials said. "
    "A witness said 7 people were arrested. The mayor said the city would rebuild. "
    "Rescuers said 280 were rescued."
)


def span(words: str) -> dict:
    start = BODY.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def extracted(article, words, kind="casualty", **fields):
    return ClaimFactory(
        article=article, kind=kind, extractor_version="1.0.0", **span(words), **fields
    )


@pytest.fixture
def desk(reviewer):
    """One worked-on article, counted by hand:

    casualty, 5 extracted: "12 people were killed" kept (reviewed only), "30 injured" kept
    (untouched), "Four were missing" corrected (count_min, count_max), "7 people were
    arrested" corrected (outcome), "280 were rescued" rejected (not_a_claim).
    statement, 1 extracted: the mayor's, rejected (wrong_speaker).
    quantity, 0 extracted, 1 added by an editor ("12 people").
    A second article nobody worked on counts for nothing.
    """
    article = ArticleFactory(body=BODY)
    killed = extracted(article, "12 people were killed", count_min=12)
    extracted(article, "30 injured", outcome="injured", count_min=30)
    missing = extracted(article, "Four were missing", outcome="missing", count_min=3)
    arrested = extracted(article, "7 people were arrested", outcome="killed", count_min=7)
    rescued = extracted(article, "280 were rescued", count_min=280)
    mayor = extracted(
        article,
        "The mayor said the city would rebuild",
        kind="statement",
        outcome="",
        count_min=None,
    )
    review_claim(claim_id=killed.pk, status="confirmed", note="ok", reviewer=reviewer)
    correct_claim(claim_id=missing.pk, count_min=4, note="Four", editor=reviewer)
    correct_claim(claim_id=arrested.pk, outcome="arrested", note="Arrested", editor=reviewer)
    reject_claim(claim_id=rescued.pk, reason="not_a_claim", note="Rescued", editor=reviewer)
    reject_claim(claim_id=mayor.pk, reason="wrong_speaker", note="x", editor=reviewer)
    add_claim(
        article_id=article.pk,
        **{k: v for k, v in span("12 people").items() if k != "text"},
        kind="quantity",
        count_min=12,
        claimant=ClaimantChoice(name="Police"),
        note="Missed",
        editor=reviewer,
    )
    untouched = ArticleFactory()
    ClaimFactory(article=untouched, extractor_version="1.0.0")
    return article


def test_quality_numbers_match_the_hand_count(api, desk):
    response = api.get("/api/extraction/quality/")

    assert response.status_code == 200
    report = response.json()
    assert report["articles"] == 1
    groups = {(row["extractor_version"], row["kind"]): row for row in report["groups"]}
    casualty = groups[("1.0.0", "casualty")]
    assert (casualty["extracted"], casualty["kept"], casualty["corrected"]) == (5, 2, 2)
    assert casualty["corrected_fields"] == {"count_min": 1, "count_max": 1, "outcome": 1}
    assert (casualty["rejected"], casualty["rejected_reasons"]) == (1, {"not_a_claim": 1})
    assert casualty["added"] == 0
    assert casualty["precision"] == 0.8  # (2 kept + 2 corrected) / 5 extracted
    assert casualty["recall"] == 1.0  # 4 / (4 + 0 added)
    statement = groups[("1.0.0", "statement")]
    assert (statement["extracted"], statement["rejected"], statement["precision"]) == (1, 1, 0.0)
    assert statement["recall"] is None  # nothing found, nothing added
    quantity = groups[("1.0.0", "quantity")]
    assert (quantity["extracted"], quantity["added"], quantity["precision"]) == (0, 1, None)
    assert quantity["recall"] == 0.0  # 0 / (0 + 1 added)


def test_an_added_casualty_lowers_recall(api, desk, reviewer):
    add_claim(
        article_id=desk.pk,
        start=BODY.index("Four"),
        end=BODY.index("Four") + 4,
        kind="casualty",
        outcome="missing",
        count_min=4,
        note="The figure alone",
        editor=reviewer,
    )

    casualty = next(
        row
        for row in api.get("/api/extraction/quality/").json()["groups"]
        if row["kind"] == "casualty"
    )

    assert casualty["added"] == 1
    assert casualty["recall"] == 0.8  # 4 / (4 + 1)
