"""The article page marks each claim's span, escapes the article text, and lists its claims."""

import pytest
from django.urls import reverse

from claims.admin.html import highlight_claims
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Officials said <script>alert(1)</script> three people were killed. "
    '<img src=x onerror="alert(2)"> & more.'
)


def claim_on(article, phrase, **fields):
    start = article.body.index(phrase)
    return ClaimFactory(
        article=article, start=start, end=start + len(phrase), text=phrase, **fields
    )


def article_page(client, user, article):
    client.force_login(user)
    return client.get(reverse("admin:sources_article_change", args=[article.pk]))


def test_each_claim_is_a_mark_linking_to_its_page(client, staff_reviewer):
    article = ArticleFactory(body="Officials said three people were killed and four injured.")
    killed = claim_on(article, "three people were killed")
    injured = claim_on(article, "four injured", outcome="injured", count_min=4)

    page = article_page(client, staff_reviewer, article).content.decode()

    for claim in (killed, injured):
        assert f'id="claim-{claim.pk}"' in page
        assert reverse("admin:claims_claim_change", args=[claim.pk]) in page
    assert page.count('class="claim-mark status-unverified"') == 2


def test_marks_are_coloured_by_status(client, staff_reviewer):
    article = ArticleFactory(body="Officials said three people were killed.")
    claim_on(article, "three people were killed", status=Claim.Status.FALSE)

    page = article_page(client, staff_reviewer, article).content.decode()

    assert 'class="claim-mark status-false"' in page


def test_article_text_is_escaped(client, staff_reviewer):
    article = ArticleFactory(body=HOSTILE)
    claim_on(article, "three people were killed")

    response = article_page(client, staff_reviewer, article)
    page = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in page


def test_claim_text_inside_a_mark_is_escaped():
    article = ArticleFactory(body="He said <b>12</b> died.")
    claim = claim_on(article, "<b>12</b> died")

    html = highlight_claims(article.body, [claim])

    assert "<b>" not in html
    assert "&lt;b&gt;12&lt;/b&gt; died</mark>" in html


def test_a_count_inside_a_larger_claim_is_a_nested_mark():
    article = ArticleFactory(body="The elder said three people were killed and four injured.")
    outer = claim_on(article, "three people were killed and four injured", kind="statement")
    inner = claim_on(article, "four injured", outcome="injured", count_min=4)

    html = highlight_claims(article.body, [inner, outer])

    outer_at = html.index(f'id="claim-{outer.pk}"')
    inner_at = html.index(f'id="claim-{inner.pk}"')
    assert outer_at < inner_at
    assert html.endswith("four injured</mark></mark>.")


def test_a_span_crossing_another_is_left_out_of_the_text_not_broken():
    article = ArticleFactory(body="one two three four five")
    first = claim_on(article, "one two three")
    crossing = claim_on(article, "three four", kind="quantity")

    html = highlight_claims(article.body, [first, crossing])

    assert f'id="claim-{first.pk}"' in html
    assert f'id="claim-{crossing.pk}"' not in html
    assert html.count("<mark") == html.count("</mark>") == 1
    assert html.endswith("one two three</mark> four five")


def test_claims_are_listed_read_only_under_the_article(client, staff_reviewer, superuser):
    article = ArticleFactory(body="Officials said about 180 people were killed.")
    claim_on(article, "about 180 people were killed", count_min=180, approximate=True)

    for user in (staff_reviewer, superuser):
        page = article_page(client, user, article).content.decode()
        assert "about 180 killed" in page
        assert 'name="claims-0-text"' not in page


def test_article_page_queries_do_not_grow_with_claims(
    client, staff_reviewer, django_assert_max_num_queries
):
    words = [f"word{n}" for n in range(40)]
    article = ArticleFactory(body=" ".join(words))
    client.force_login(staff_reviewer)
    url = reverse("admin:sources_article_change", args=[article.pk])

    def add_claims(phrases):
        for phrase in phrases:
            claim_on(article, phrase, claimant=ClaimantFactory())

    add_claims(words[:2])
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    add_claims(words[2:])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
