"""The desk in a real browser: a reviewer works their queue and decides a claim with a public
rationale and evidence; another user, an editor, publishes it; readers see the rationale.

Runs Debian's Chromium through Playwright against pytest-django's live server; screenshots
go under $ARTIFACTS_DIR/screenshots (default artifacts/screenshots).
"""

import pytest

from claims.models import Claim
from claims.services.assignment import assign_claims
from tests.browser.admin_login import sign_in
from tests.factories import EditorFactory, StaffReviewerFactory, ingest_seed

NOTE = "Desk only: the elder's nephew works for the provincial council."
RATIONALE = "Only one source, a community elder, gives this figure; the military says none."
pytestmark = [pytest.mark.browser, pytest.mark.verdict_rules]


@pytest.fixture
def assigned_claim(transactional_db):
    article = ingest_seed()
    claim = article.claims.get(kind="casualty", text="three people were killed")
    reviewer = StaffReviewerFactory(username="rita")
    editor = EditorFactory(username="eddie")
    assign_claims(claim_ids=[claim.pk], assignee=reviewer, actor=editor, message="Yours")
    return claim, reviewer, editor


def test_reviewer_decides_from_their_queue_and_an_editor_publishes(
    live_server, page, assigned_claim, screenshots
):
    from playwright.sync_api import expect

    claim, reviewer, editor = assigned_claim

    def shot(name):
        page.screenshot(path=str(screenshots / f"desk-{name}.png"), full_page=True)

    sign_in(page, live_server, reviewer.username)
    page.goto(f"{live_server.url}/admin/")
    queues = page.locator("#desk-queues")
    expect(queues.locator(".queue-mine .queue-count")).to_have_text("1")
    shot("01-index-queues")
    queues.locator(".queue-mine a").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    shot("02-my-queue")
    page.locator("#result_list tbody tr th a").first.click()

    page.check("#claim_review_form input[name=status][value=disputed]")
    page.fill("#id_note", NOTE)
    page.fill("#id_rationale", RATIONALE)
    page.fill("#id_evidence_url", "https://example.org/elder-interview")
    page.fill("#id_evidence_label", "Interview with the elder")
    shot("03-decide")
    page.click("#claim_review_form input[name=_review]")
    expect(page.locator(".decision-saved")).to_contain_text(
        f"Claim #{claim.pk} marked as disputed."
    )
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    expect(page.locator("#publication")).to_contain_text("not public yet")
    # A reviewer cannot publish: no publish button.
    expect(page.locator("#claim_publish_form")).to_have_count(0)
    assert page.request.get(f"{live_server.url}/factchecks/{claim.pk}/").status == 404

    sign_in(page, live_server, editor.username)
    page.goto(f"{live_server.url}/admin/")
    queues = page.locator("#desk-queues")
    expect(queues.locator(".queue-awaiting .queue-count")).to_have_text("1")
    queues.locator(".queue-awaiting a").click()
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("three people were killed")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    expect(page.locator("#history")).to_contain_text(RATIONALE)
    shot("04-editor-reviews")
    page.click("#claim_publish_form input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("Verdict published.")
    shot("05-published")

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/factchecks/{claim.pk}/")
    expect(page.locator(".verdict")).to_have_text("Disputed")
    expect(page.locator(".rationale")).to_contain_text(RATIONALE)
    expect(page.locator(".evidence")).to_contain_text("Interview with the elder")
    assert NOTE not in page.content() and "rita" not in page.content()
    shot("06-public-page")
    claim.refresh_from_db()
    assert (claim.publication, claim.published_by_id) == ("published", editor.pk)
    assert Claim.objects.get(pk=claim.pk).public_status == "disputed"
