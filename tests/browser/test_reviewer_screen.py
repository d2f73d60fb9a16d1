"""The reviewer's screen on a realistic desk (43 articles, 344 claims) in real Chromium: the
list fits a laptop, claims are decided from the keyboard one after another, next/previous keep
the list's filters, and no page scrolls sideways on a phone. Screenshots go to
$ARTIFACTS_DIR/screenshots (default artifacts/screenshots)."""

import re

import pytest

from claims.models import Claim, Incident, Review
from sources.models import Article
from tests.browser.admin_login import sign_in
from tests.desk import create_desk
from tests.factories import StaffReviewerFactory

pytestmark = pytest.mark.browser

ROWS_IN_VIEW = """() => [...document.querySelectorAll('#result_list tbody tr')].filter((row) => {
  const box = row.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}).length"""
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def desk(transactional_db):
    counts = create_desk()
    assert counts["claims"] >= 300
    return counts


@pytest.fixture
def signed_in(live_server, page, desk):
    StaffReviewerFactory(username="editor")
    sign_in(page, live_server, "editor")
    return page


def test_claim_list_fits_a_laptop_screen(live_server, signed_in, screenshots):
    page = signed_in
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/admin/claims/claim/")

    assert page.evaluate(ROWS_IN_VIEW) >= 20
    assert page.evaluate(PAGE_OVERFLOW) <= 0
    results = page.locator("#changelist .results")
    assert results.evaluate("box => box.scrollWidth - box.clientWidth") <= 0
    assert page.locator("#changelist-filter").bounding_box()["height"] <= 2 * 900
    assert page.locator("#result_list .field-sentence mark.claim-mark").count() == 100
    page.screenshot(path=str(screenshots / "reviewer-01-list-1440.png"))

    page.locator("input[name=claimant_name]").press_sequentially("Amina F")
    suggestion = page.locator("#claimant_name-suggestions option").first
    assert suggestion.get_attribute("value", timeout=10_000) == "Amina Fischer"
    page.fill("input[name=claimant_name]", "Amina")
    page.press("input[name=claimant_name]", "Enter")
    page.wait_for_url(re.compile(r"claimant_name=Amina"))
    claimants = page.locator("#result_list td.field-claimant_name").all_inner_texts()
    assert claimants and all("Amina" in name for name in claimants)


def test_five_claims_decided_with_the_keyboard_each_landing_on_the_next(
    live_server, signed_in, screenshots
):
    page = signed_in
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{live_server.url}/admin/claims/claim/?status__exact=unverified")
    order = [
        int(value)
        for value in page.locator("#result_list input.action-select").evaluate_all(
            "boxes => boxes.map((box) => box.value)"
        )
    ]
    panel = page.locator("#decision-panel .claim-decision")

    page.keyboard.press("j")
    page.keyboard.press("Enter")
    for number in range(5):
        claim_id = order[number]
        assert panel.get_attribute("data-claim-id", timeout=10_000) == str(claim_id)
        # Disputed (key 4): confirming both of the seed's 0 and 3 killed would stop at the
        # contradiction's acknowledgement, which test_review_workflow.py covers.
        page.keyboard.press("4")  # the cursor moves to the note
        page.keyboard.type(f"Matches the hospital's list ({number + 1}).")
        if number == 0:
            page.screenshot(path=str(screenshots / "reviewer-02-side-panel-1440.png"))
        page.keyboard.press("Control+Enter")
        page.wait_for_selector(
            f'#decision-panel .claim-decision[data-claim-id="{order[number + 1]}"]'
        )
        row_badge = page.locator(f'#result_list tr[data-claim-id="{claim_id}"] .claim-badge')
        assert row_badge.inner_text() == "Disputed"

    assert "marked as disputed" in panel.locator(".decision-saved").inner_text()
    assert page.url.endswith("?status__exact=unverified")
    page.screenshot(path=str(screenshots / "reviewer-03-after-five-decisions.png"))
    decided = Review.objects.filter(to_status="disputed").order_by("created_at")
    assert [review.claim_id for review in decided] == order[:5]
    assert set(Claim.objects.filter(pk__in=order[:5]).values_list("status", flat=True)) == {
        "disputed"
    }


def test_next_and_previous_on_the_claim_page_keep_the_filters(live_server, signed_in):
    page = signed_in
    page.goto(f"{live_server.url}/admin/claims/claim/?outcome__exact=injured")
    first = page.locator("#result_list th.field-sentence a").first
    order = [
        int(value)
        for value in page.locator("#result_list input.action-select").evaluate_all(
            "boxes => boxes.map((box) => box.value)"
        )
    ]
    page.goto(f"{live_server.url}{first.get_attribute('href')}")
    assert f"/claim/{order[0]}/change/" in page.url

    page.keyboard.press("j")
    page.wait_for_url(re.compile(rf"/claim/{order[1]}/change/\?_changelist_filters="))
    assert "outcome__exact%3Dinjured" in page.url
    assert page.locator(".decision-nav").inner_text().startswith("2 of")
    page.click("a.decision-next")
    page.wait_for_url(re.compile(rf"/claim/{order[2]}/change/"))
    page.keyboard.press("k")
    page.wait_for_url(re.compile(rf"/claim/{order[1]}/change/\?_changelist_filters="))
    assert Claim.objects.get(pk=order[1]).outcome == "injured"
    page.keyboard.press("5")
    page.keyboard.type("The ministry withdrew this figure.")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(rf"/claim/{order[2]}/change/\?_changelist_filters="))
    assert "outcome__exact%3Dinjured" in page.url
    assert Claim.objects.get(pk=order[1]).status == "false"
    page.click("a.decision-list")
    assert "outcome__exact=injured" in page.url


def test_no_page_scrolls_sideways_on_a_phone(live_server, signed_in, screenshots):
    page = signed_in
    page.set_viewport_size({"width": 390, "height": 844})
    claim = Claim.objects.filter(claimant__isnull=False).order_by("pk").first()
    pages = {
        "list": "/admin/claims/claim/",
        "claim": f"/admin/claims/claim/{claim.pk}/change/",
        "article": f"/admin/sources/article/{Article.objects.order_by('pk').first().pk}/change/",
        "incident": f"/admin/claims/incident/{Incident.objects.order_by('pk').first().pk}/change/",
    }
    for name, path in pages.items():
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=str(screenshots / f"reviewer-04-phone-{name}.png"), full_page=True)
        assert page.evaluate(PAGE_OVERFLOW) <= 0, f"the {name} page scrolls sideways at 390 px"


def test_claim_decided_from_the_article_page_side_panel(live_server, signed_in, screenshots):
    page = signed_in
    page.set_viewport_size({"width": 1440, "height": 900})
    article = Article.objects.order_by("pk").first()
    claims = list(article.claims.order_by("start"))
    page.goto(f"{live_server.url}/admin/sources/article/{article.pk}/change/")

    page.click(f"#claim-{claims[0].pk} > a.claim-ref")
    panel = page.locator("#decision-panel .claim-decision")
    assert panel.get_attribute("data-claim-id", timeout=10_000) == str(claims[0].pk)
    assert page.url.endswith(f"/admin/sources/article/{article.pk}/change/")
    page.keyboard.press("4")
    page.keyboard.type("The hospital gives a lower figure.")
    page.keyboard.press("Control+Enter")

    page.wait_for_selector(f"#claim-{claims[0].pk}.claim-mark.status-disputed")
    assert panel.get_attribute("data-claim-id") == str(claims[1].pk)
    page.screenshot(path=str(screenshots / "reviewer-05-article-side-panel.png"))
    assert Claim.objects.get(pk=claims[0].pk).status == "disputed"
