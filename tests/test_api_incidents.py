"""GET /api/incidents/: every source's figure per outcome and the range across sources."""

import datetime

import pytest

from claims.services.ingest import ingest_article
from sources.incoming import IncomingArticle
from tests.factories import parsed_seed

pytestmark = pytest.mark.django_db


def test_seed_incident_ranges_civilian_deaths_from_zero_to_three(api, seed_article):
    [incident] = api.get("/api/incidents/").json()["results"]
    outcomes = {o["outcome"]: o for o in incident["outcomes"]}
    killed = outcomes["killed"]
    assert killed["low"]["count_min"] == 0 and "military" in killed["low"]["claimant"].lower()
    assert killed["high"]["count_max"] == 3 and "elder" in killed["high"]["attribution"]
    assert incident["statuses"]["unverified"] == incident["claims"]


def test_incident_detail_and_404(api, seed_article):
    [incident] = api.get("/api/incidents/").json()["results"]
    assert api.get(f"/api/incidents/{incident['id']}/").json()["id"] == incident["id"]
    assert api.get("/api/incidents/999999/").status_code == 404


def test_incident_list_queries_do_not_grow_with_incidents(api, django_assert_max_num_queries):
    parsed = parsed_seed()
    for n in range(5):  # a month apart: five events, not five reports of one
        ingest_article(
            IncomingArticle(
                title=f"{parsed.title} {n}",
                body=f"Edition {n}. {parsed.body}",
                published_on=datetime.date(2026, 1 + n, 1),
            )
        )
    with django_assert_max_num_queries(3):
        response = api.get("/api/incidents/")
    assert len(response.json()["results"]) == 5
