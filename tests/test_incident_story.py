"""One event told by two outlets ends as one incident with grouped claims, a timeline and
exactly the contradictions that hold; another event in the same city stays apart."""

import datetime

import pytest

from claims.models import Claim, Incident
from claims.selectors import conflicts_for, incident_timeline, with_conflict_flag
from claims.services.ingest import ingest_articles
from sources.incoming import IncomingArticle

pytestmark = pytest.mark.django_db

FIRST = IncomingArticle(
    title="Explosion at Chittagong garment factory kills eight",
    outlet="Harbour Times",
    published_on=datetime.date(2026, 5, 4),
    body=(
        "CHITTAGONG: An explosion ripped through the Rahman Textiles garment factory in "
        "Chittagong's Patenga district on Monday. Fire service spokesman Anwar Hossain said 8 "
        "workers were killed and 25 were injured. The Chittagong Medical College Hospital said "
        "11 workers were killed. A boiler exploded on the ground floor, Anwar Hossain said."
    ),
)
SECOND = IncomingArticle(
    title="Chittagong factory blast: toll rises to 12",
    outlet="Bengal Wire",
    published_on=datetime.date(2026, 5, 5),
    body=(
        "The toll from Monday's explosion at the Rahman Textiles factory in Patenga, "
        "Chittagong, rose on Tuesday. Fire service spokesman Anwar Hossain said 12 workers were "
        "killed and 25 were injured. Nine of the injured were in critical condition, Anwar "
        "Hossain said. Investigators were examining the boiler."
    ),
)
THIRD = IncomingArticle(
    title="Bus overturns in Chittagong's Agrabad, three dead",
    outlet="Harbour Times",
    published_on=datetime.date(2026, 5, 5),
    body=(
        "A bus overturned on the Agrabad access road in Chittagong on Tuesday. Traffic police "
        "inspector Jamal Uddin said 3 passengers were killed and 14 were injured. The driver "
        "fled the scene, Jamal Uddin said."
    ),
)


def casualty(article, outcome, count):
    return Claim.objects.get(article=article, kind="casualty", outcome=outcome, count_min=count)


@pytest.fixture(params=["one chunk", "one article at a time"])
def story(request):
    """The three articles ingested together (matched within the chunk) or one by one
    (matched against stored incidents)."""
    if request.param == "one chunk":
        results = ingest_articles([FIRST, SECOND, THIRD])
    else:
        results = [ingest_articles([submission])[0] for submission in (FIRST, SECOND, THIRD)]
    return [result.article for result in results]


def test_two_outlets_end_in_one_incident_and_the_other_event_does_not_join(story):
    first, second, third = story
    incidents = {
        article.title: set(article.claims.exclude(incident=None).values_list("incident", flat=True))
        for article in story
    }
    assert incidents[first.title] == incidents[second.title]
    assert len(incidents[first.title]) == 1
    assert incidents[third.title].isdisjoint(incidents[first.title])
    assert Incident.objects.count() == 2


def test_the_spokesmans_repeated_figure_is_one_group(story):
    first, second, _ = story
    injured_first, injured_second = casualty(first, "injured", 25), casualty(second, "injured", 25)
    assert injured_first.claimant_id == injured_second.claimant_id
    assert injured_first.same_as_id == injured_second.same_as_id == injured_first.pk
    assert casualty(first, "killed", 8).same_as_id is None


def test_exactly_the_contradictions_that_hold(story):
    first, second, third = story
    spokesman_first = casualty(first, "killed", 8)
    hospital = casualty(first, "killed", 11)
    flagged = {
        (claim.article_id, claim.outcome, claim.count_min)
        for claim in with_conflict_flag(Claim.objects.filter(kind="casualty")).filter(
            has_conflict=True
        )
    }
    # 8 (spokesman) against 11 (hospital) on the same day is the one contradiction. Not:
    # the spokesman's own revision to 12, the hospital's 11 against the next day's higher
    # 12, the sub-count "nine of the injured" against 25, or the bus crash's figures.
    assert flagged == {(first.pk, "killed", 8), (first.pk, "killed", 11)}
    assert list(conflicts_for(spokesman_first)) == [hospital]
    assert casualty(second, "injured", 9).subcount


def test_the_incident_timeline_runs_in_publication_order(story, api):
    first, second, _ = story
    incident = casualty(first, "killed", 8).incident_id
    killed = {row["outcome"]: row["points"] for row in incident_timeline(incident)}["killed"]
    assert [(p["published_on"], p["count_min"]) for p in killed] == [
        ("2026-05-04", 8),
        ("2026-05-04", 11),
        ("2026-05-05", 12),
    ]
    assert killed[0]["article"]["outlet"] == "Harbour Times"
    assert killed[2]["article"]["outlet"] == "Bengal Wire"
    assert killed[0]["position"] < killed[1]["position"]
    detail = api.get(f"/api/incidents/{incident}/").json()
    timeline = {row["outcome"]: row["points"] for row in detail["timeline"]}
    assert [point["count_min"] for point in timeline["killed"]] == [8, 11, 12]
    assert {
        row["outcome"]: (row["low"]["count_min"], row["high"]["count_max"])
        for row in detail["outcomes"]
    }["killed"] == (8, 12)
