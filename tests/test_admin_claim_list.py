"""The claim list: status badges, readable counts, filters and search, in constant queries."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services.review import review_claim
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    IncidentFactory,
    OutletFactory,
    StaffReviewerFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def listed_ids(response) -> set[int]:
    return {claim.pk for claim in response.context["cl"].result_list}


def test_status_is_a_coloured_badge(reviewer_client):
    ClaimFactory(status=Claim.Status.DISPUTED)

    page = reviewer_client.get(CHANGELIST).content.decode()

    assert '<span class="claim-badge status-disputed">Disputed</span>' in page


@pytest.mark.parametrize(
    "fields, shown",
    [
        ({"count_min": 3, "count_max": 3}, "3 killed"),
        ({"count_min": 1500, "count_max": 2200}, "1,500–2,200 killed"),
        ({"count_min": 12, "count_max": 12, "lower_bound": True}, "at least 12 killed"),
        ({"count_min": 180, "count_max": 180, "approximate": True}, "about 180 killed"),
    ],
)
def test_counts_read_as_an_editor_writes_them(reviewer_client, fields, shown):
    ClaimFactory(**fields)

    page = reviewer_client.get(CHANGELIST).content.decode()

    assert f'<td class="field-figure">{shown}</td>' in page


@pytest.mark.parametrize(
    "text, fields, shown",
    [
        ("more than 190 injured", {"approximate": True}, "more than 190 injured"),
        ("nearly 50 people were hurt", {"approximate": True}, "nearly 50 injured"),
        ("At least 12 injured", {"lower_bound": True}, "at least 12 injured"),
        ("190 injured", {}, "190 injured"),
    ],
)
def test_figures_keep_the_hedge_the_claim_words(reviewer_client, text, fields, shown):
    ClaimFactory(text=text, outcome="injured", count_min=190 if "190" in text else 50, **fields)
    if "12" in text:
        Claim.objects.update(count_min=12, count_max=12)

    page = reviewer_client.get(CHANGELIST).content.decode()

    assert f'<td class="field-figure">{shown}</td>' in page
    assert "about 190" not in page


def test_list_shows_the_claim_marked_in_its_sentence(reviewer_client):
    article = ArticleFactory(
        body="The market was busy. Police said more than 3,000 people fled the town. Rain fell."
    )
    start = article.body.index("more than 3,000 people")
    ClaimFactory(
        article=article, start=start, end=start + len("more than 3,000 people"), outcome="displaced"
    )

    page = reviewer_client.get(CHANGELIST).content.decode()

    assert (
        '<span class="claim-sentence">Police said <mark class="claim-mark status-unverified">'
        "more than 3,000 people</mark> fled the town.</span>"
    ) in page
    assert "The market was busy" not in page


def test_conflict_column_is_a_labelled_badge(reviewer_client):
    incident = IncidentFactory()
    ClaimFactory(incident=incident, claimant=ClaimantFactory(), count_min=0, group="civilians")
    ClaimFactory(incident=incident, claimant=ClaimantFactory(), count_min=3)

    page = reviewer_client.get(CHANGELIST).content.decode()

    assert page.count('<span class="conflict-badge">Contradicted</span>') == 2
    assert "icon-yes.svg" not in page and "icon-no.svg" not in page


def test_claimant_and_outlet_filters_are_search_boxes(reviewer_client):
    for number in range(30):
        ClaimFactory(claimant=ClaimantFactory(name=f"Speaker {number}"))
    wanted = ClaimFactory(
        claimant=ClaimantFactory(name="Malik Adib"),
        article=ArticleFactory(outlet=OutletFactory(name="Kabul Courier")),
    )

    response = reviewer_client.get(CHANGELIST)
    page = response.content.decode()

    assert 'name="claimant_name"' in page and 'name="outlet_name"' in page
    assert "Speaker 7" not in page.split('id="changelist-filter"')[1]
    assert listed_ids(reviewer_client.get(CHANGELIST, {"claimant_name": "adib"})) == {wanted.pk}
    assert listed_ids(reviewer_client.get(CHANGELIST, {"outlet_name": "kabul"})) == {wanted.pk}


def test_name_filter_keeps_the_other_filters(reviewer_client):
    ClaimFactory(claimant=ClaimantFactory(name="Malik Adib"))

    page = reviewer_client.get(
        CHANGELIST, {"status__exact": "unverified", "q": "report", "claimant_name": "adib"}
    ).content.decode()
    form = page.split('class="name-search-filter"')[1].split("</form>")[0]

    assert '<input type="hidden" name="status__exact" value="unverified">' in form
    assert '<input type="hidden" name="q" value="report">' in form
    assert '<input type="hidden" name="claimant_name"' not in form


def test_filter_by_status(reviewer_client):
    confirmed = ClaimFactory(status=Claim.Status.CONFIRMED)
    ClaimFactory(status=Claim.Status.UNVERIFIED)

    response = reviewer_client.get(CHANGELIST, {"status__exact": "confirmed"})

    assert listed_ids(response) == {confirmed.pk}


def test_filter_by_kind_outcome_outlet_and_claimant(reviewer_client):
    outlet = OutletFactory()
    claimant = ClaimantFactory()
    wanted = ClaimFactory(
        article=ArticleFactory(outlet=outlet), claimant=claimant, outcome="injured"
    )
    ClaimFactory()

    for params in (
        {"outcome__exact": "injured"},
        {"outlet_name": outlet.name},
        {"claimant__id__exact": claimant.pk},
        {"kind__exact": "casualty", "outcome__exact": "injured"},
    ):
        assert listed_ids(reviewer_client.get(CHANGELIST, params)) == {wanted.pk}, params


def test_filter_by_conflict(reviewer_client):
    incident = IncidentFactory()
    military = ClaimFactory(
        incident=incident, claimant=ClaimantFactory(), count_min=0, group="civilians"
    )
    elder = ClaimFactory(incident=incident, claimant=ClaimantFactory(), count_min=3)
    calm = ClaimFactory()

    assert listed_ids(reviewer_client.get(CHANGELIST, {"conflict": "yes"})) == {
        military.pk,
        elder.pk,
    }
    assert listed_ids(reviewer_client.get(CHANGELIST, {"conflict": "no"})) == {calm.pk}


def test_filter_by_reviewer_lists_each_claim_once(reviewer_client, staff_reviewer):
    other = StaffReviewerFactory()
    reviewed = ClaimFactory()
    for status in ("in_review", "confirmed"):
        review_claim(claim_id=reviewed.pk, status=status, note="Checked.", reviewer=staff_reviewer)
    review_claim(claim_id=ClaimFactory().pk, status="false", note="No.", reviewer=other)

    response = reviewer_client.get(CHANGELIST, {"reviews__reviewer__id__exact": staff_reviewer.pk})

    assert [claim.pk for claim in response.context["cl"].result_list] == [reviewed.pk]


def test_search_covers_text_claimant_and_article_title(reviewer_client):
    by_text = ClaimFactory(article=ArticleFactory(body="Zanzibar officials counted 5."))
    by_claimant = ClaimFactory(claimant=ClaimantFactory(name="Malik Adib"))
    by_title = ClaimFactory(article=ArticleFactory(title="Strike near Jalalabad"))

    assert listed_ids(reviewer_client.get(CHANGELIST, {"q": "zanzibar"})) == {by_text.pk}
    assert listed_ids(reviewer_client.get(CHANGELIST, {"q": "adib"})) == {by_claimant.pk}
    assert listed_ids(reviewer_client.get(CHANGELIST, {"q": "jalalabad"})) == {by_title.pk}


def test_date_hierarchy_on_updated_at(reviewer_client):
    claim = ClaimFactory()

    response = reviewer_client.get(CHANGELIST, {"updated_at__year": claim.updated_at.year})

    assert listed_ids(response) == {claim.pk}


def test_changelist_queries_do_not_grow_with_rows(reviewer_client, django_assert_max_num_queries):
    def make_claims(count):
        incident = IncidentFactory()
        for _ in range(count):
            ClaimFactory(incident=incident, claimant=ClaimantFactory())

    make_claims(3)
    with django_assert_max_num_queries(20) as few:
        assert reviewer_client.get(CHANGELIST).status_code == 200
    make_claims(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert reviewer_client.get(CHANGELIST).status_code == 200
