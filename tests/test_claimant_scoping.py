"""Named sources are global; generic descriptors ("police") are one claimant per incident
and carry no global track record. Existing data migrates."""

import datetime
import importlib

import pytest
from django.apps import apps

from claims.models import Claim
from claims.services.incidents import merge_incidents
from claims.services.ingest import ingest_articles
from sources.incoming import IncomingArticle
from sources.models import Claimant, is_generic_claimant
from tests.factories import ArticleFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db

KARACHI = IncomingArticle(
    title="Market blast in Karachi kills 12",
    published_on=datetime.date(2026, 3, 2),
    body="A bomb exploded at a market in Karachi's Saddar area. Police said 12 people were "
    "killed. Edhi rescue chief Faisal Edhi said 19 people were killed.",
)
LEEDS = IncomingArticle(
    title="Two men stabbed in Leeds",
    published_on=datetime.date(2026, 3, 2),
    body="Two men were stabbed on Call Lane in Leeds. Police said two men were injured. "
    "Faisal Edhi, visiting from Karachi, said he saw the attack.",
)


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("police", True),
        ("officials", True),
        ("residents", True),
        ("witnesses", True),
        ("a local official", True),
        ("a hospital official", True),
        ("West Yorkshire Police", False),
        ("Faisal Edhi", False),
        ("the Malian army", False),
    ],
)
def test_which_names_are_generic_descriptors(name, generic):
    assert is_generic_claimant(name) is generic


def test_police_of_two_events_are_two_claimants_without_a_track_record(api):
    karachi, leeds = (result.article for result in ingest_articles([KARACHI, LEEDS]))
    police = Claimant.objects.filter(key="police")
    assert police.count() == 2
    assert all(claimant.generic and claimant.incident_id for claimant in police)
    karachi_police = Claim.objects.get(article=karachi, kind="casualty", count_min=12).claimant
    leeds_police = Claim.objects.get(
        article=leeds, kind="casualty", claimant__isnull=False
    ).claimant
    assert karachi_police != leeds_police
    assert (
        karachi_police.incident_id
        == Claim.objects.get(article=karachi, kind="casualty", count_min=12).incident_id
    )
    names = [row["name"] for row in api.get("/api/claimants/?page_size=100").json()["results"]]
    assert "police" not in [name.casefold() for name in names], "no global track record"
    assert Claimant.objects.filter(key="faisal edhi").count() == 1


def test_merging_incidents_merges_their_descriptors(db):
    karachi, leeds = (result.article for result in ingest_articles([KARACHI, LEEDS]))
    incidents = sorted(
        {
            Claim.objects.get(article=karachi, kind="casualty", count_min=12).incident_id,
            Claim.objects.get(article=leeds, kind="casualty", claimant__isnull=False).incident_id,
        }
    )
    merge_incidents(incident_ids=incidents, editor=_reviewer())
    assert Claimant.objects.filter(key="police").count() == 1
    assert Claimant.objects.get(key="police").incident_id == incidents[0]


def _reviewer():
    from tests.factories import ReviewerFactory

    return ReviewerFactory()


def test_existing_generic_claimants_are_scoped_by_the_migration(db):
    """The data step of sources 0003, run on rows as they were before it: one global
    "police" with claims in two incidents (and a statement with none of its own)."""
    police = Claimant.objects.create(name="police")
    first, second = IncidentFactory(), IncidentFactory()
    in_first = ClaimFactory(incident=first, claimant=police)
    in_second = ClaimFactory(incident=second, claimant=police)
    statement = ClaimFactory(
        article=in_first.article,
        kind="statement",
        incident=None,
        claimant=police,
        start=1,
        outcome="",
        count_min=None,
        count_max=None,
    )
    loose = ClaimFactory(
        article=ArticleFactory(),
        incident=None,
        claimant=police,
        kind="statement",
        outcome="",
        count_min=None,
        count_max=None,
    )
    migration = importlib.import_module("sources.migrations.0003_claimant_scoped_descriptors")
    migration.scope_generic_claimants(apps, None)
    for claim in (in_first, in_second, statement, loose):
        claim.refresh_from_db()
    assert in_first.claimant.incident == first and in_first.claimant.generic
    assert in_second.claimant.incident == second
    assert statement.claimant == in_first.claimant, "a statement takes its article's incident"
    assert loose.claimant == police and loose.claimant.incident is None
    police.refresh_from_db()
    assert police.generic
