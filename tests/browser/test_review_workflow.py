"""An editor's day in a real browser: read the seed article, bulk-confirm claims, read history.

Runs Debian's Chromium through Playwright against pytest-django's live server and saves a
screenshot per step under $ARTIFACTS_DIR/screenshots (default artifacts/screenshots).
"""

import re

import pytest

from claims.models import Claim, Review
from tests.factories import PASSWORD, StaffReviewerFactory

pytestmark = pytest.mark.browser


def test_reviewer_bulk_confirms_claims_and_reads_the_history(
    live_server, page, seed_article, screenshots
):
    from playwright.sync_api import expect

    reviewer = StaffReviewerFactory(username="editor")
    casualties = seed_article.claims.filter(kind=Claim.Kind.CASUALTY)
    casualty_count = casualties.count()
    assert casualty_count >= 2, "the extractor found no casualty claims in the seed"

    def shot(name):
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", reviewer.username)
    page.fill("#id_password", PASSWORD)
    shot("01-login")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("editor")

    page.goto(f"{live_server.url}/admin/sources/article/{seed_article.pk}/change/")
    marks = page.locator(".article-body mark.claim-mark")
    expect(marks.first).to_be_visible()
    assert marks.count() >= casualty_count
    expect(page.locator(".article-body")).to_contain_text("three people were killed")
    shot("02-article-highlights")

    page.goto(f"{live_server.url}/admin/claims/claim/?kind__exact=casualty")
    expect(page.locator("#result_list tbody tr")).to_have_count(casualty_count)
    shot("03-claim-list")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "mark_confirmed")
    page.click("button[name=index]")

    expect(page.locator(".bulk-review-summary")).to_contain_text(f"{casualty_count} claims")
    page.fill("#id_note", "Matches the casualty list published by the provincial hospital.")
    page.fill("#id_evidence_url", "https://example.org/hospital-list")
    shot("04-bulk-review-note")
    page.click(".submit-row input[type=submit]")

    # The seed's military (0 killed) and elder (3 killed) cannot both be confirmed without
    # saying why: the page comes back with the contradiction and the acknowledgement.
    expect(page.locator(".errorlist.nonfield")).to_contain_text("contradicts confirmed claim")
    page.check("#id_acknowledge_conflict")
    page.fill("#id_conflict_note", "Different moments: the military spoke before the count.")
    page.click(".submit-row input[type=submit]")

    expect(page.locator(".messagelist")).to_contain_text(
        f"Marked {casualty_count} claims as confirmed."
    )
    expect(page.locator("#result_list .claim-badge.status-confirmed")).to_have_count(casualty_count)
    shot("05-claims-confirmed")
    assert Review.objects.filter(to_status="confirmed").count() == casualty_count

    military = casualties.get(text="no known civilian casualties")
    page.goto(f"{live_server.url}/admin/claims/claim/{military.pk}/change/")
    history = page.locator("#history")
    expect(history).to_contain_text("Matches the casualty list published by the provincial")
    expect(history).to_contain_text("editor")
    expect(page.locator("#conflicts")).to_contain_text("three people were killed")
    page.check("#claim_review_form input[name=status][value=disputed]")
    page.fill("#id_note", "A community elder reports three dead; the military says none.")
    shot("06-claim-history-and-conflict")
    page.click("#claim_review_form input[name=_review]")

    expect(page.locator(".messagelist")).to_contain_text(
        f"Claim #{military.pk} marked as disputed."
    )
    expect(history).to_contain_text("A community elder reports three dead")
    shot("07-claim-disputed")
    assert re.search(r"/admin/claims/claim/\d+/change/$", page.url)
    military.refresh_from_db()
    assert (military.status, military.version) == ("disputed", 3)
