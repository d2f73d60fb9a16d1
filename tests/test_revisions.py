"""A revised toll is two claims, the earlier superseded by the later, never a range; the
incident's range uses only current figures that no review rejected."""

import datetime

import pytest
from django.db import transaction

from claims.extraction import ExtractedClaim, Speaker
from claims.models import Claim, Status
from claims.selectors import incident_figures, incident_timeline, with_conflict_flag
from claims.services.ingest import IncomingArticle, _checked, _store_new_articles
from claims.services.review import review_claim

pytestmark = pytest.mark.django_db

BODY = (
    "The ministry raised the toll from 21 to 34 on Tuesday. "
    "A rescue official said 50 people were killed."
)
MINISTRY = Speaker(as_written="The ministry", name="health ministry of Sindh")
RESCUER = Speaker(as_written="A rescue official", name="Faisal Edhi")


def span(text):
    start = BODY.index(text)
    return start, start + len(text)


def revised_toll():
    """What the extractor reports for a revision (claims.extraction.types): the earlier
    figure marked superseded, the later one naming it."""
    earlier, later, other = span("21"), span("34"), span("50 people were killed")
    return [
        ExtractedClaim(
            kind="casualty",
            text="21",
            start=earlier[0],
            end=earlier[1],
            outcome="killed",
            count_min=21,
            count_max=21,
            speaker=MINISTRY,
            superseded=True,
        ),
        ExtractedClaim(
            kind="casualty",
            text="34",
            start=later[0],
            end=later[1],
            outcome="killed",
            count_min=34,
            count_max=34,
            speaker=MINISTRY,
            supersedes=earlier,
        ),
        ExtractedClaim(
            kind="casualty",
            text=BODY[other[0] : other[1]],
            start=other[0],
            end=other[1],
            outcome="killed",
            count_min=50,
            count_max=50,
            group="people",
            speaker=RESCUER,
        ),
    ]


@pytest.fixture
def stored():
    article = _checked(
        IncomingArticle(title="Toll rises", body=BODY, published_on=datetime.date(2026, 3, 3)),
        None,
    )
    with transaction.atomic():
        _store_new_articles([(article, "Wire")], {article.content_hash: revised_toll()})
    return {claim.count_min: claim for claim in Claim.objects.filter(article=article)}


def test_revision_is_two_claims_the_earlier_superseded_by_the_later(stored):
    assert stored[21].superseded_by == stored[34]
    assert stored[34].superseded_by is None
    assert (stored[21].count_min, stored[21].count_max) == (21, 21), "never a 21-34 range"


def test_superseded_figure_neither_contradicts_nor_sets_the_range(stored, reviewer):
    flags = {
        claim.count_min: claim.has_conflict
        for claim in with_conflict_flag(
            Claim.objects.filter(pk__in=[c.pk for c in stored.values()])
        )
    }
    assert flags == {21: False, 34: True, 50: True}
    [killed] = incident_figures([stored[34].incident_id])[stored[34].incident_id]
    assert (killed["low"]["count_min"], killed["high"]["count_min"]) == (34, 50)
    assert {f["count_min"]: f["superseded"] for f in killed["figures"]}[21] is True

    review_claim(claim_id=stored[50].pk, status=Status.FALSE, note="Morgue", reviewer=reviewer)
    [killed] = incident_figures([stored[34].incident_id])[stored[34].incident_id]
    assert (killed["low"]["count_min"], killed["high"]["count_min"]) == (34, 34)


def test_timeline_marks_the_superseded_figure(stored):
    [killed] = incident_timeline(stored[34].incident_id)
    points = {point["count_min"]: point for point in killed["points"]}
    assert points[21]["superseded"] and points[21]["superseded_by"] == stored[34].pk
    assert not points[34]["superseded"]
    assert [p["count_min"] for p in killed["points"]] == [21, 34, 50]  # position in the text


def test_the_extractor_s_revision_is_stored_as_two_claims(api):
    """End to end: the extractor reads "raised the toll from 21 to 34" as a revision."""
    from claims.services.ingest import ingest_article

    article = ingest_article(
        IncomingArticle(
            title="Toll raised", body="The ministry raised the toll from 21 to 34 on Tuesday."
        )
    ).article
    claims = {c.count_min: c for c in Claim.objects.filter(article=article, kind="casualty")}
    assert set(claims) == {21, 34}
    assert claims[21].superseded_by == claims[34] and claims[34].superseded_by is None
    assert api.get(f"/api/claims/{claims[21].pk}/").json()["superseded_by"] == claims[34].pk
