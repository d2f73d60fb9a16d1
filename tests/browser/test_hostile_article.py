"""An article written to attack its readers runs no script in any page that shows it.

Its title, body and a review note carry <script>, onerror= and javascript: payloads. Real
Chromium opens the admin article page, the claim page, the claim list and the public
fact-check pages; ``window.__pwned`` must stay undefined and no dialog may open. Screenshots
go to $ARTIFACTS_DIR/screenshots/hostile-*.png.
"""

import pytest

from claims.models import Claim
from claims.services.exceptions import ReviewRejected
from claims.services.ingest import ingest_article
from claims.services.publication import publish_claims
from claims.services.review import review_claim
from sources.incoming import IncomingArticle
from tests.browser.admin_login import sign_in
from tests.factories import EditorFactory, StaffReviewerFactory
from tests.reliability import ensure_reviewers_group

SCRIPT = "<script>window.__pwned=1;alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned=1;alert('img')\">"
LINK = "<a href=\"javascript:window.__pwned=1;alert('link')\">read more</a>"
SVG = '<svg onload="window.__pwned=1"></svg>'
TITLE = f"Fire {SCRIPT} at depot {IMG}"
BODY = (
    f"Officials said three people were killed in the fire {SCRIPT}.\n\n"
    f"A spokesman said {IMG} 12 people were injured, {LINK}.\n\n"
    f"Police said two firefighters died {SVG} overnight."
)
NOTE = f"Confirmed by the hospital {IMG} {SCRIPT} {LINK}"

pytestmark = pytest.mark.browser


@pytest.fixture
def hostile_claim(transactional_db):
    ensure_reviewers_group()
    editor = StaffReviewerFactory(username="editor")
    article = ingest_article(
        IncomingArticle(title=TITLE, body=BODY, outlet=f"Outlet {IMG}")
    ).article
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert claims, "the extractor found no claim in the hostile article"
    with pytest.raises(ReviewRejected):
        review_claim(
            claim_id=claims[0].pk,
            status="confirmed",
            note="x",
            evidence_urls=["javascript:alert(1)"],
            reviewer=editor,
        )
    claim = review_claim(
        claim_id=claims[0].pk, status="confirmed", note=NOTE, rationale=NOTE, reviewer=editor
    )
    publish_claims(claim_ids=[claim.pk], editor=EditorFactory(username="chief"))
    return claim


def test_hostile_article_runs_no_script_in_admin_or_public_pages(
    live_server, page, hostile_claim, screenshots
):
    from playwright.sync_api import expect

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server, "editor")

    pages = {
        "admin-article": f"/admin/sources/article/{hostile_claim.article_id}/change/",
        "admin-claim": f"/admin/claims/claim/{hostile_claim.pk}/change/",
        "admin-claim-list": "/admin/claims/claim/",
        "admin-article-list": "/admin/sources/article/",
        "public-factcheck": f"/factchecks/{hostile_claim.pk}/",
        "public-index": "/",
    }
    for name, path in pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{path}: {response.status}"
        # After "load": every image has loaded or failed, so its onerror has run.
        page.wait_for_load_state("load")
        if name.startswith("admin"):
            expect(page.locator("#user-tools")).to_contain_text("editor")
        page.screenshot(path=str(screenshots / f"hostile-{name}.png"), full_page=True)
        assert page.evaluate("typeof window.__pwned") == "undefined", f"script ran on {path}"
        assert dialogs == [], f"a dialog opened on {path}: {dialogs}"
        assert page.locator("a[href^='javascript:']").count() == 0, f"javascript: link on {path}"
        # The payload is shown as text, escaped, not dropped.
        assert "<script>" in page.locator("body").inner_text(), f"payload text missing on {path}"
    # The ClaimReview JSON-LD holds the payload as data and still parses.
    page.goto(f"{live_server.url}/factchecks/{hostile_claim.pk}/")
    json_ld = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)"
    )
    assert SCRIPT in json_ld["itemReviewed"]["appearance"]["headline"]
