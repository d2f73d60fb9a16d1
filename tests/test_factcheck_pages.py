"""Public fact-check pages: readable without JavaScript, JSON-LD embedded, text escaped."""

import json
import re

import pytest

from claims.claimreview import claim_statement
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimFactory, decide_and_publish

pytestmark = pytest.mark.django_db


def embedded_json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "the page embeds a JSON-LD script"
    return json.loads(match.group(1))


def test_published_claim_page_shows_verdict_rationale_evidence_and_json_ld(client, reviewer):
    claim = ClaimFactory()
    decide_and_publish(
        claim,
        reviewer,
        status="disputed",
        note="Internal: called the morgue",
        rationale="Two sources disagree",
        evidence_urls=["https://evidence.example/a"],
    )
    response = client.get(f"/factchecks/{claim.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Disputed" in html and "Two sources disagree" in html
    assert "called the morgue" not in html
    assert 'href="https://evidence.example/a"' in html
    data = embedded_json_ld(html)
    assert data["reviewRating"]["alternateName"] == "Disputed"
    assert data["claimReviewed"] == claim_statement(claim)


def test_unreviewed_claim_has_no_public_page(client):
    assert client.get(f"/factchecks/{ClaimFactory().pk}/").status_code == 404


def test_hostile_article_text_is_escaped_in_html_and_json_ld(client, reviewer):
    body = "<script>alert(1)</script> <img src=x onerror=alert(2)> said five were killed."
    article = ArticleFactory(title="<b>Bold</b> title", body=body)
    claim = ClaimFactory(
        article=article,
        kind="statement",
        outcome="",
        count_min=None,
        count_max=None,
        start=0,
        end=len(body),
        text=body,
    )
    decide_and_publish(claim, reviewer, status="false", note="n", rationale="<i>rationale</i>")
    html = client.get(f"/factchecks/{claim.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "<i>rationale</i>" not in html and "&lt;i&gt;rationale&lt;/i&gt;" in html
    json_ld = embedded_json_ld(html)
    assert json_ld["claimReviewed"].startswith("<script>alert(1)</script> <img src=x")
    assert json_ld["itemReviewed"]["appearance"]["headline"] == "<b>Bold</b> title"


def test_index_lists_only_published_verdicts(client, reviewer):
    published, decided, unreviewed = ClaimFactory(), ClaimFactory(), ClaimFactory()
    decide_and_publish(published, reviewer, status="confirmed", note="ok", rationale="ok")
    review_claim(claim_id=decided.pk, status="confirmed", note="ok", reviewer=reviewer)
    html = client.get("/").content.decode()
    assert f"/factchecks/{published.pk}/" in html
    assert f"/factchecks/{decided.pk}/" not in html
    assert f"/factchecks/{unreviewed.pk}/" not in html
