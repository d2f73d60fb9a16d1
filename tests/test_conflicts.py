"""Contradicting casualty counts are found in the database, in both directions."""

import pytest

from claims.models import Claim, ContradictionDismissal
from claims.selectors import conflicts_for, with_conflict_flag
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db

BODY = "The military said no civilians died. An elder said three people were killed there."


def make_claim(article, incident, claimant, start, end, **fields):
    return ClaimFactory(
        article=article,
        incident=incident,
        claimant=claimant,
        start=start,
        end=end,
        text=article.body[start:end],
        **fields,
    )


@pytest.fixture
def seed_like():
    article = ArticleFactory(body=BODY)
    incident = IncidentFactory()
    military = make_claim(
        article,
        incident,
        ClaimantFactory(name="US military"),
        18,
        35,
        count_min=0,
        count_max=0,
        group="civilians",
    )
    elder = make_claim(
        article,
        incident,
        ClaimantFactory(name="community elder"),
        51,
        81,
        count_min=3,
        count_max=3,
        group="people",
    )
    return military, elder


def flagged(claim):
    return with_conflict_flag(Claim.objects.filter(pk=claim.pk)).get().has_conflict


def test_zero_against_three_conflicts_both_ways(seed_like):
    military, elder = seed_like
    assert flagged(military) and flagged(elder)
    assert list(conflicts_for(military)) == [elder]
    assert list(conflicts_for(elder)) == [military]


def test_same_claimant_in_a_later_article_does_not_conflict(seed_like):
    military, elder = seed_like
    later = ArticleFactory(body=BODY + " Later.")
    Claim.objects.filter(pk=elder.pk).update(claimant=military.claimant, article=later)
    assert not flagged(military)


def test_same_claimant_giving_two_figures_at_once_conflicts(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=elder.pk).update(claimant=military.claimant)
    assert flagged(military) and list(conflicts_for(military)) == [elder]


def test_superseded_figure_does_not_conflict(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=military.pk).update(superseded_by=elder)
    assert not flagged(military) and not flagged(elder)


def test_lower_subcount_does_not_conflict_with_its_total(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=military.pk).update(subcount=True)
    assert not flagged(military) and not flagged(elder)
    Claim.objects.filter(pk=military.pk).update(subcount=False)
    Claim.objects.filter(pk=elder.pk).update(subcount=True)
    assert flagged(military), "a sub-count above the other figure still contradicts it"


def test_dismissed_pair_is_no_longer_flagged(seed_like, reviewer):
    military, elder = seed_like
    ContradictionDismissal.objects.create(
        first_claim=military, second_claim=elder, note="Different villages.", dismissed_by=reviewer
    )
    assert not flagged(military) and not flagged(elder)


def test_other_outcome_does_not_conflict(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=elder.pk).update(outcome="injured")
    assert not flagged(military)
    assert list(conflicts_for(military)) == []


def test_at_least_does_not_contradict_a_larger_figure(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=military.pk).update(lower_bound=True)
    assert not flagged(elder)


def test_disjoint_specific_groups_do_not_conflict(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=elder.pk).update(group="US Marines")
    assert not flagged(military)


def test_claims_in_other_incidents_do_not_conflict(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=elder.pk).update(incident=IncidentFactory())
    assert not flagged(military)


def test_article_voice_claim_is_never_in_conflict(seed_like):
    military, elder = seed_like
    Claim.objects.filter(pk=elder.pk).update(claimant=None)
    assert not flagged(military) and not flagged(Claim.objects.get(pk=elder.pk))


def test_flag_stays_right_inside_a_subquery(seed_like):
    military, elder = seed_like
    unrelated = ClaimFactory()
    flagged_ids = with_conflict_flag(Claim.objects.all()).filter(has_conflict=True).values("pk")
    assert set(Claim.objects.filter(pk__in=flagged_ids)) == {military, elder}
    assert unrelated not in Claim.objects.filter(pk__in=flagged_ids)
