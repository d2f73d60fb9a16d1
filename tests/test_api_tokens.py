"""API tokens: hashed at rest, their use recorded (hourly), listed and revoked by superusers."""

import pytest

from claims.models import ApiToken
from claims.services.tokens import hash_key, issue_token

pytestmark = pytest.mark.django_db


def test_using_a_token_records_when_it_was_last_used(api, reviewer):
    key = issue_token(reviewer)
    assert ApiToken.objects.get(user=reviewer).last_used_at is None
    api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}")
    first_use = ApiToken.objects.get(user=reviewer).last_used_at
    assert first_use is not None
    api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}")
    assert ApiToken.objects.get(user=reviewer).last_used_at == first_use, "at most hourly"


def test_admin_lists_tokens_without_their_keys(client, superuser, reviewer):
    key = issue_token(reviewer)
    client.force_login(superuser)
    page = client.get("/admin/claims/apitoken/").content.decode()
    assert key[:8] in page and key not in page and hash_key(key) not in page


def test_deleting_a_token_revokes_it(api, client, superuser, reviewer):
    key = issue_token(reviewer)
    token = ApiToken.objects.get(user=reviewer)
    client.force_login(superuser)
    client.post(f"/admin/claims/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_only_superusers_see_tokens(client, staff_reviewer):
    client.force_login(staff_reviewer)
    assert client.get("/admin/claims/apitoken/").status_code == 403
