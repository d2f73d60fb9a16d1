"""Who may do what in the admin: reviewers review, only superusers delete, nobody edits reviews."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from claims.models import Claim, Review
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def review_url(claim):
    return reverse("admin:claims_claim_review", args=[claim.pk])


def test_reviewer_can_open_the_admin_pages(client, staff_reviewer):
    claim = ClaimFactory()
    client.force_login(staff_reviewer)

    for url in (
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:sources_article_changelist"),
        reverse("admin:sources_article_change", args=[claim.article_id]),
        reverse("admin:claims_incident_changelist"),
        reverse("admin:claims_review_changelist"),
    ):
        assert client.get(url).status_code == 200, url


def test_reviewer_can_review(client, staff_reviewer):
    claim = ClaimFactory()
    client.force_login(staff_reviewer)

    client.post(review_url(claim), {"status": "confirmed", "note": "Yes.", "version": 1})

    assert Claim.objects.get(pk=claim.pk).status == "confirmed"


def test_reviewer_cannot_delete_claims(client, staff_reviewer):
    claim = ClaimFactory()
    client.force_login(staff_reviewer)

    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    page = client.get(reverse("admin:claims_claim_changelist")).content.decode()

    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()
    assert "delete_selected" not in page


def test_staff_without_the_permission_cannot_review(client, staff):
    staff.user_permissions.add(Permission.objects.get(codename="view_claim"))
    claim = ClaimFactory()
    client.force_login(staff)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    response = client.post(review_url(claim), {"status": "false", "note": "No.", "version": 1})

    assert 'id="claim_review_form"' not in page
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == "unverified"


def test_superuser_can_delete_a_claim(client, superuser):
    claim = ClaimFactory()
    client.force_login(superuser)

    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not Claim.objects.filter(pk=claim.pk).exists()


@pytest.mark.parametrize("user_fixture", ["staff_reviewer", "superuser"])
def test_reviews_are_never_added_changed_or_deleted_in_the_admin(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    claim = ClaimFactory()
    review_claim(claim_id=claim.pk, status="false", note="Original.", reviewer=user)
    review = Review.objects.get()
    client.force_login(user)

    change = client.post(
        reverse("admin:claims_review_change", args=[review.pk]), {"note": "Rewritten."}
    )
    delete = client.post(reverse("admin:claims_review_delete", args=[review.pk]), {"post": "yes"})
    add = client.get(reverse("admin:claims_review_add"))

    assert change.status_code == 403
    assert delete.status_code == 403
    assert add.status_code == 403
    assert Review.objects.get().note == "Original."


def test_nobody_adds_claims_or_articles_by_hand(client, superuser):
    client.force_login(superuser)

    assert client.get(reverse("admin:claims_claim_add")).status_code == 403
    assert client.get(reverse("admin:sources_article_add")).status_code == 403


def test_incident_list_counts_claims(client, staff_reviewer):
    incident = IncidentFactory(title="Strike near Jalalabad")
    ClaimFactory.create_batch(2, incident=incident)
    ClaimFactory(article=ArticleFactory())
    client.force_login(staff_reviewer)

    response = client.get(reverse("admin:claims_incident_changelist"))

    listed = {row.title: row.claim_count for row in response.context["cl"].result_list}
    assert listed == {"Strike near Jalalabad": 2}
