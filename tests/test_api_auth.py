"""Who gets in: hashed API tokens, sessions with CSRF, API_REQUIRE_LOGIN, the anonymous
throttle, and ``manage.py create_reviewer``."""

import datetime
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from claims.models import ApiToken, Review
from claims.services.tokens import hash_key, issue_token
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

VERDICT = {"status": "confirmed", "note": "Matches the morgue list"}


def review_url(claim) -> str:
    return f"/api/claims/{claim.pk}/review/"


def test_token_lets_a_reviewer_review(api, reviewer):
    claim = ClaimFactory()
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(reviewer)}")
    assert api.post(review_url(claim), VERDICT, format="json").status_code == 200
    assert Review.objects.get(claim=claim).reviewer == reviewer


def test_bearer_keyword_is_accepted_too(api, reviewer):
    claim = ClaimFactory()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {issue_token(reviewer)}")
    assert api.post(review_url(claim), VERDICT, format="json").status_code == 200


def test_only_the_hash_of_a_token_is_stored(reviewer):
    key = issue_token(reviewer)
    token = ApiToken.objects.get(user=reviewer)
    assert token.key_hash == hash_key(key) != key
    assert key not in {token.key_hash, token.prefix}


def test_unknown_token_is_401_even_for_reads(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = api.get("/api/claims/")
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response.headers["WWW-Authenticate"] == "Token"


def test_malformed_token_header_is_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token two parts")
    assert api.get("/api/claims/").status_code == 401


def test_expired_token_is_401(api, reviewer):
    key = issue_token(reviewer)
    ApiToken.objects.filter(user=reviewer).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = api.get("/api/claims/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_token_of_deactivated_user_is_401(api, reviewer):
    key = issue_token(reviewer)
    User.objects.filter(pk=reviewer.pk).update(is_active=False)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/claims/").status_code == 401


def test_reissued_token_replaces_the_old_one(api, reviewer):
    old = issue_token(reviewer)
    issue_token(reviewer)
    api.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert api.get("/api/claims/").status_code == 401


def test_session_login_lets_a_reviewer_review_with_csrf_token(reviewer, db):
    claim = ClaimFactory()
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    browser.get("/admin/login/")  # any page that sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    response = browser.post(review_url(claim), VERDICT, format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 200


def test_session_write_without_csrf_token_is_403(reviewer, db):
    claim = ClaimFactory()
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(reviewer)
    response = browser.post(review_url(claim), VERDICT, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "path",
    ["/api/claims/", "/api/articles/", "/api/claimants/", "/api/reviews/", "/api/schema/"],
)
def test_anonymous_reads_are_public_by_default(api, path):
    assert api.get(path).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/claims/", "/api/articles/", "/api/claimants/", "/api/reviews/"]
)
def test_api_require_login_turns_anonymous_reads_away(api, settings, path):
    settings.API_REQUIRE_LOGIN = True
    response = api.get(path)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_api_require_login_still_lets_signed_in_users_read(api, settings, user):
    settings.API_REQUIRE_LOGIN = True
    claim = ClaimFactory()
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user)}")
    assert api.get("/api/claims/").status_code == 200
    assert api.get(f"/api/claims/{claim.pk}/history/").status_code == 200


def test_anonymous_clients_are_throttled_with_429(api, monkeypatch):
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    statuses = [api.get("/api/claims/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = api.get("/api/claims/")
    assert "throttled" in response.json()["detail"].lower()
    assert int(response.headers["Retry-After"]) > 0


def test_signed_in_clients_are_not_throttled_as_anonymous(api, monkeypatch, user):
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    api.force_authenticate(user)
    assert {api.get("/api/claims/").status_code for _ in range(5)} == {200}


def run_create_reviewer(*args) -> list[str]:
    out = io.StringIO()
    call_command("create_reviewer", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_create_reviewer_prints_a_working_token_on_the_last_line(api):
    claim = ClaimFactory()
    lines = run_create_reviewer("alice")

    alice = User.objects.get(username="alice")
    assert alice.groups.filter(name="reviewers").exists()
    assert not alice.has_usable_password()
    assert not alice.is_staff
    api.credentials(HTTP_AUTHORIZATION=f"Token {lines[-1]}")
    assert api.post(review_url(claim), VERDICT, format="json").status_code == 200


def test_create_reviewer_with_password_and_staff(api):
    run_create_reviewer("bob", "--password", "a long passphrase", "--staff")
    bob = User.objects.get(username="bob")
    assert bob.check_password("a long passphrase")
    assert bob.is_staff and bob.has_perm("claims.review_claim")


def test_create_reviewer_updates_an_existing_user_and_revokes_the_old_token(api, user):
    user.set_password("kept password")
    user.save()
    first = run_create_reviewer(user.username)[-1]
    second = run_create_reviewer(user.username)[-1]

    user.refresh_from_db()
    assert user.check_password("kept password")
    assert User.objects.filter(username=user.username).count() == 1
    assert first != second
    api.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.get("/api/claims/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION=f"Token {second}")
    assert api.get("/api/claims/").status_code == 200
