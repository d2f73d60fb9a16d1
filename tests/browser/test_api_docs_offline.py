"""/api/docs/ (Swagger UI) works with no network but the server's own.

They used to load Swagger UI from a CDN at @latest, so offline the page was blank. Chromium
here may reach only the live server; anything else is aborted and counted.
"""

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def block_all_but(page, live_server) -> list[str]:
    own = urlsplit(live_server.url).netloc
    blocked = []

    def route(request_route):
        url = request_route.request.url
        if urlsplit(url).netloc == own or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    return blocked


def test_swagger_ui_shows_the_operations_offline(page, live_server, screenshots):
    blocked = block_all_but(page, live_server)
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock-summary", timeout=20_000)
    page.screenshot(path=str(screenshots / "api-docs-offline.png"))
    summaries = page.locator(".opblock-summary").all_inner_texts()
    assert any("/api/claims/{id}/review/" in text for text in summaries), summaries[:5]
    assert len(summaries) >= 20
    assert blocked == [], f"the docs page reached outside: {blocked}"
