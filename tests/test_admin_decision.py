"""Deciding claims one after another: next/previous within the filtered list, save and next,
the side panel's answers, and a stale save that keeps what the editor typed."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from claims.models import Claim, Review
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimFactory, StaffReviewerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


@pytest.fixture
def reviewer_client(client, staff_reviewer):
    client.force_login(staff_reviewer)
    return client


def with_filters(url, filters):
    return f"{url}?{urlencode({'_changelist_filters': urlencode(filters)})}"


def listed(client, filters):
    return [claim.pk for claim in client.get(CHANGELIST, filters).context["cl"].result_list]


def change_url(claim_id, filters):
    return with_filters(reverse("admin:claims_claim_change", args=[claim_id]), filters)


@pytest.fixture
def desk():
    """Five unverified claims and two confirmed ones."""
    unverified = [ClaimFactory() for _ in range(5)]
    for claim in (ClaimFactory(), ClaimFactory()):
        Claim.objects.filter(pk=claim.pk).update(status="confirmed")
    return unverified


def test_next_and_previous_follow_the_filtered_list_and_keep_its_filters(reviewer_client, desk):
    filters = {"status__exact": "unverified"}
    order = listed(reviewer_client, filters)
    assert sorted(order) == sorted(claim.pk for claim in desk)

    context = reviewer_client.get(change_url(order[1], filters)).context

    assert context["previous_url"] == change_url(order[0], filters)
    assert context["next_url"] == change_url(order[2], filters)
    assert (context["position"], context["listed_count"]) == (2, 5)
    last = reviewer_client.get(change_url(order[-1], filters)).context
    assert last["next_url"] is None and last["previous_url"] == change_url(order[-2], filters)


def test_save_and_next_lands_on_the_next_claim_of_the_same_filtered_list(reviewer_client, desk):
    filters = {"status__exact": "unverified"}
    order = listed(reviewer_client, filters)

    response = reviewer_client.post(
        with_filters(reverse("admin:claims_claim_review", args=[order[0]]), filters),
        {"status": "confirmed", "note": "Matches the hospital list.", "version": 1, "_next": "1"},
    )

    assert response.status_code == 302
    assert response.url == change_url(order[1], filters)
    assert Claim.objects.get(pk=order[0]).status == "confirmed"
    assert listed(reviewer_client, filters) == order[1:]


def test_stale_save_keeps_what_was_typed_at_the_current_version(reviewer_client):
    claim = ClaimFactory()
    review_claim(
        claim_id=claim.pk, status="in_review", note="Meanwhile.", reviewer=StaffReviewerFactory()
    )

    response = reviewer_client.post(
        reverse("admin:claims_claim_review", args=[claim.pk]),
        {
            "status": "false",
            "note": "The ministry retracted the figure.",
            "evidence_url": "https://example.org/retraction",
            "version": 1,
        },
    )

    page = response.content.decode()
    assert response.status_code == 409
    assert "Not saved: someone reviewed this claim after you opened it" in page
    assert "The ministry retracted the figure.</textarea>" in page
    assert 'value="https://example.org/retraction"' in page
    assert 'name="status" value="false" data-key="5" checked' in page
    assert '<input type="hidden" name="version" value="2"' in page
    assert list(Review.objects.values_list("note", flat=True)) == ["Meanwhile."]


def test_panel_answers_with_the_next_claim_after_a_save(reviewer_client, desk):
    filters = {"status__exact": "unverified"}
    order = listed(reviewer_client, filters)

    response = reviewer_client.post(
        with_filters(reverse("admin:claims_claim_review", args=[order[0]]), filters),
        {"status": "disputed", "note": "Two sources disagree.", "version": 1, "_next": "1"},
        headers={"X-Requested-With": "fetch"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert (response["X-Claim-Reviewed"], response["X-Claim-Status"]) == (str(order[0]), "disputed")
    assert f'data-claim-id="{order[1]}"' in page
    assert f"Claim #{order[0]} marked as disputed." in page
    assert "<html" not in page


def test_panel_shows_the_decision_without_the_admin_page(reviewer_client, desk):
    claim = desk[0]

    response = reviewer_client.get(reverse("admin:claims_claim_panel", args=[claim.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="claim_review_form"' in page and "<html" not in page
    assert "<kbd>1</kbd> Unverified" in page and "<kbd>Ctrl</kbd>+<kbd>Enter</kbd>" in page


def test_claim_page_leads_with_the_sentence_article_figure_and_claimant(reviewer_client):
    article = ArticleFactory(
        title="Flood in the valley", body="It rained. Officials said 12 people died. It stopped."
    )
    start = article.body.index("12 people died")
    claim = ClaimFactory(
        article=article, start=start, end=start + len("12 people died"), count_min=12
    )

    page = reviewer_client.get(
        reverse("admin:claims_claim_change", args=[claim.pk])
    ).content.decode()

    decision = page.index('class="claim-decision"')
    assert decision < page.index("<fieldset")
    assert (
        'Officials said <mark class="claim-mark status-unverified">12 people died</mark>.' in page
    )
    assert "Flood in the valley</a>" in page[decision:]
    assert "12 killed" in page[decision:]
    assert 'class="closelink"' not in page


def test_decision_needs_review_permission(client, staff):
    claim = ClaimFactory()
    client.force_login(staff)

    response = client.post(
        reverse("admin:claims_claim_review", args=[claim.pk]),
        {"status": "false", "note": "No.", "version": 1},
    )

    assert response.status_code == 403
    assert not Review.objects.exists()
