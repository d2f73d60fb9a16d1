"""Saves from the admin go through the services, and their rules answer form errors.
(Claimants are renamed on their Rename page and claims corrected through curation: see
test_admin_curation.py.)"""

import pytest
from django.urls import reverse

from claims.models import ApiToken, Review
from claims.services.tokens import issue_token
from sources.models import Article, Claimant, Outlet
from tests.factories import ArticleFactory, ClaimantFactory, OutletFactory

pytestmark = pytest.mark.django_db


def change_url(record):
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[record.pk])


def form_data(client, record, **changes):
    """The change form's own values, with ``changes`` on top, as the browser would post them."""
    form = client.get(change_url(record)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, **changes}


def test_adding_a_claimant_checks_the_name_too(client, superuser):
    ClaimantFactory(name="UN")
    client.force_login(superuser)
    add = reverse("admin:sources_claimant_add")

    refused = client.post(add, {"name": "U.N.", "kind": "organisation"})
    added = client.post(add, {"name": "UNICEF", "kind": "organisation"})

    assert refused.status_code == 200 and "already has this name" in refused.content.decode()
    assert added.status_code == 302
    assert Claimant.objects.get(name="UNICEF").key == "unicef"


def test_an_article_url_another_article_has_is_a_form_error(client, superuser):
    ArticleFactory(url="https://example.org/a")
    article = ArticleFactory(url="https://example.org/b")
    client.force_login(superuser)

    taken = client.post(
        change_url(article), form_data(client, article, url="https://example.org/a")
    )
    ftp = client.post(change_url(article), form_data(client, article, url="ftp://example.org/c"))

    assert taken.context["adminform"].form.errors["url"] == [
        "Another article is already stored at https://example.org/a."
    ]
    assert "url" in ftp.context["adminform"].form.errors
    assert Article.objects.get(pk=article.pk).url == "https://example.org/b"


def test_outlets_are_added_changed_and_deleted_through_the_admin(client, superuser):
    client.force_login(superuser)

    client.post(reverse("admin:sources_outlet_add"), {"name": "Wire", "domain": "wire.example"})
    outlet = Outlet.objects.get(name="Wire")
    client.post(change_url(outlet), {"name": "The Wire", "domain": "wire.example"})
    renamed = Outlet.objects.get(pk=outlet.pk).name
    client.post(reverse("admin:sources_outlet_delete", args=[outlet.pk]), {"post": "yes"})

    assert renamed == "The Wire"
    assert not Outlet.objects.filter(pk=outlet.pk).exists()


def test_an_outlet_with_articles_is_not_deleted(client, superuser):
    outlet = OutletFactory()
    ArticleFactory(outlet=outlet)
    client.force_login(superuser)

    client.post(reverse("admin:sources_outlet_delete", args=[outlet.pk]), {"post": "yes"})

    assert Outlet.objects.filter(pk=outlet.pk).exists()


def test_deleting_a_token_in_the_admin_revokes_it(client, superuser, api):
    key = issue_token(superuser, name="laptop")
    token = ApiToken.objects.get(name="laptop")
    client.force_login(superuser)

    client.post(reverse("admin:claims_apitoken_delete", args=[token.pk]), {"post": "yes"})

    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_a_token_given_a_past_expiry_stops_working(client, superuser, api):
    key = issue_token(superuser, name="laptop")
    token = ApiToken.objects.get(name="laptop")
    client.force_login(superuser)

    response = client.post(
        change_url(token), {"expires_at_0": "2020-01-01", "expires_at_1": "00:00:00"}
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert api.get("/api/claims/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    assert not Review.objects.exists()
