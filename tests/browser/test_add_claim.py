"""Adding a claim the extractor missed, in a real browser: select words in the seed article's
highlighted text, choose "Add claim", fill the form, save, and see the new highlight.

Runs Debian's Chromium through Playwright against pytest-django's live server; screenshots
go under $ARTIFACTS_DIR/screenshots (default artifacts/screenshots).
"""

import pytest

from claims.models import Claim, ClaimChange
from tests.browser.admin_login import sign_in
from tests.factories import StaffReviewerFactory

MISSED = (
    "The US drone strike in Afghanistan targeted a mid-level “planner” from the local Islamic "
    "State branch who was traveling in a car with another person near the eastern city of "
    "Jalalabad, said on Saturday. from official US sources"
)
pytestmark = pytest.mark.browser

# Selects the first occurrence of `words` in one text node of the article's highlighted text,
# as a reader's mouse would.
SELECT_WORDS = """(words) => {
    const body = document.querySelector('.article-body');
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const at = node.data.indexOf(words);
        if (at >= 0) {
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + words.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return true;
        }
    }
    return false;
}"""


def test_editor_selects_words_and_adds_the_missed_claim(
    live_server, page, seed_article, screenshots
):
    from playwright.sync_api import expect

    StaffReviewerFactory(username="editor")
    assert not seed_article.claims.filter(text=MISSED).exists()

    def shot(name):
        page.screenshot(path=str(screenshots / f"add-claim-{name}.png"), full_page=True)

    sign_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/sources/article/{seed_article.pk}/change/")
    marks_before = page.locator(".article-body mark.claim-mark").count()
    add = page.locator("#add-claim")
    expect(add).to_be_hidden()

    assert page.evaluate(SELECT_WORDS, MISSED), "the sentence is not in one piece of text"
    expect(add).to_be_visible()
    expect(add).to_contain_text("Add claim")
    shot("01-selected")
    add.click()

    expect(page.locator("#curated-span")).to_have_text(MISSED)
    page.select_option("#id_kind", "statement")
    page.select_option("#id_outcome", "")
    page.fill("#id_count_min", "")
    page.fill("#id_claimant_name", "official US sources")
    page.fill("#id_note", "The extractor misses the attribution to official US sources.")
    shot("02-form")
    page.click("#curation_form input[type=submit]")

    expect(page.locator(".messagelist")).to_contain_text("Claim added.")
    claim = Claim.objects.get(text=MISSED)
    expect(page.locator(f".article-body mark#claim-{claim.pk}")).to_be_visible()
    expect(page.locator(".article-body mark.claim-mark")).to_have_count(marks_before + 1)
    shot("03-highlighted")
    assert claim.text == seed_article.body[claim.start : claim.end]
    assert (claim.origin, claim.kind, claim.claimant.name) == (
        "editor",
        "statement",
        "official US sources",
    )
    assert ClaimChange.objects.filter(claim=claim, action="added").count() == 1
