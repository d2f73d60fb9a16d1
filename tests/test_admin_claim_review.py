"""One claim's page: the review form with its version check, contradictions and history."""

import pytest
from django.urls import reverse

from claims.models import Claim, Review
from claims.services.review import review_claim
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    IncidentFactory,
    StaffReviewerFactory,
)

pytestmark = pytest.mark.django_db

SEED_LIKE = (
    'The US military said "early indications" suggested the target was killed and that there '
    "were no known civilian casualties. However, a community elder in Jalalabad said three "
    "people were killed and four others injured in the airstrike."
)


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def review_url(claim):
    return reverse("admin:claims_claim_review", args=[claim.pk])


@pytest.fixture
def seed_like():
    """The seed's contradiction: the US military's 0 killed against the elder's three."""
    article = ArticleFactory(title="Drone strike near Jalalabad", body=SEED_LIKE)
    incident = IncidentFactory()

    def claim(phrase, claimant, **fields):
        start = SEED_LIKE.index(phrase)
        return ClaimFactory(
            article=article,
            incident=incident,
            claimant=ClaimantFactory(name=claimant),
            start=start,
            end=start + len(phrase),
            text=phrase,
            **fields,
        )

    military = claim("no known civilian casualties", "US military", count_min=0, group="civilians")
    elder = claim("three people were killed", "community elder", count_min=3, group="people")
    return military, elder


def test_change_page_carries_the_version_in_the_review_form(reviewer_client):
    claim = ClaimFactory()
    review_claim(
        claim_id=claim.pk, status="in_review", note="Looking.", reviewer=StaffReviewerFactory()
    )

    page = reviewer_client.get(change_url(claim)).content.decode()

    assert f'action="{review_url(claim)}"' in page
    assert '<input type="hidden" name="version" value="2"' in page


def test_review_saves_status_and_one_review(reviewer_client, staff_reviewer):
    claim = ClaimFactory()

    response = reviewer_client.post(
        review_url(claim),
        {
            "status": "false",
            "note": "Hospital says 0.",
            "evidence_url": "https://x.org/a",
            "version": 1,
        },
    )

    assert response.status_code == 302 and response.url == change_url(claim)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("false", 2)
    review = claim.reviews.get()
    assert (review.reviewer, review.note, review.evidence_urls) == (
        staff_reviewer,
        "Hospital says 0.",
        ["https://x.org/a"],
    )


def test_stale_review_is_refused_and_overwrites_nothing(reviewer_client):
    claim = ClaimFactory()
    opened_at = reviewer_client.get(change_url(claim)).context["review_form"].initial["version"]
    review_claim(
        claim_id=claim.pk, status="confirmed", note="First.", reviewer=StaffReviewerFactory()
    )

    response = reviewer_client.post(
        review_url(claim),
        {"status": "false", "note": "Second, stale.", "version": opened_at},
        follow=True,
    )

    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("confirmed", 2)
    assert list(claim.reviews.values_list("note", flat=True)) == ["First."]
    assert "Not saved: someone reviewed this claim after you opened it" in (
        response.content.decode()
    )


def test_review_without_note_is_refused(reviewer_client):
    claim = ClaimFactory()

    response = reviewer_client.post(
        review_url(claim), {"status": "false", "note": "", "version": 1}
    )

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Review.objects.exists()


def test_conflicts_are_shown_side_by_side(reviewer_client, seed_like):
    military, elder = seed_like

    page = reviewer_client.get(change_url(military)).content.decode()

    assert "Contradictions (1)" in page
    assert "community elder" in page
    assert f"#{elder.pk}</a> three people were killed</td>" in page
    assert '<td class="figure">3 killed <span class="quiet">(people)</span></td>' in page
    assert '<dd class="figure">0 killed <span class="quiet">(civilians)</span></dd>' in page
    assert (
        f"{reverse('admin:sources_article_change', args=[elder.article_id])}#claim-{elder.pk}"
        in (page)
    )


def test_a_claim_without_contradiction_says_so(reviewer_client):
    page = reviewer_client.get(change_url(ClaimFactory())).content.decode()

    assert "Contradictions (0)" in page
    assert "No other source gives an incompatible figure" in page


def test_history_is_shown_read_only(reviewer_client, staff_reviewer):
    claim = ClaimFactory()
    review_claim(
        claim_id=claim.pk,
        status="disputed",
        note="Two sources disagree.",
        reviewer=staff_reviewer,
        evidence_urls=["https://example.org/evidence"],
    )

    page = reviewer_client.get(change_url(claim)).content.decode()

    assert "Two sources disagree." in page
    assert 'href="https://example.org/evidence"' in page
    assert '<span class="claim-badge status-unverified">Unverified</span> → ' in page
    assert 'name="reviews-0-note"' not in page
    assert "reviews-0-DELETE" not in page


def test_extraction_fields_are_read_only_for_reviewers(reviewer_client):
    claim = ClaimFactory()

    page = reviewer_client.get(change_url(claim)).content.decode()

    assert 'name="count_min"' not in page
    assert 'name="text"' not in page


def test_nobody_edits_claim_fields_raw_not_even_a_superuser(client, superuser):
    """Corrections (with a note, a version check and the history) are the one path."""
    claim = ClaimFactory(count_min=3)
    client.force_login(superuser)
    form = client.get(change_url(claim)).context["adminform"].form
    assert "count_min" not in form.fields

    response = client.post(change_url(claim), {"count_min": 4, "count_max": 4})

    assert response.status_code == 403
    claim.refresh_from_db()
    assert (claim.count_min, claim.version) == (3, 1)


def test_reviews_inline_lists_them_in_order(reviewer_client, staff_reviewer):
    claim = ClaimFactory()
    for status in ("in_review", "confirmed"):
        review_claim(claim_id=claim.pk, status=status, note=f"to {status}", reviewer=staff_reviewer)

    page = reviewer_client.get(change_url(claim)).content.decode()

    assert page.index("to in_review") < page.index("to confirmed")
    assert Claim.objects.get(pk=claim.pk).version == 3


def test_claim_page_queries_do_not_grow_with_history_or_conflicts(
    reviewer_client, staff_reviewer, seed_like, django_assert_max_num_queries
):
    military, elder = seed_like
    url = change_url(military)
    with django_assert_max_num_queries(40) as few:
        assert reviewer_client.get(url).status_code == 200

    for n in range(10):
        review_claim(
            claim_id=military.pk, status="in_review", note=f"n{n}", reviewer=staff_reviewer
        )
        ClaimFactory(
            article=ArticleFactory(),
            incident=military.incident,
            claimant=ClaimantFactory(),
            count_min=5 + n,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = reviewer_client.get(url).content.decode()
    assert "Contradictions (11)" in page
