"""Real Chromium (Debian's) driven by Playwright against pytest-django's live server.

Without /usr/bin/chromium the browser tests are skipped, except where REQUIRE_BROWSER is
set (CI installs Chromium and sets it): there a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but {CHROMIUM} is missing")
    skip = pytest.mark.skip(
        reason=f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def screenshots():
    folder = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="package")
def chromium():
    """One Chromium for the browser tests (launching it per test cost about a second each);
    every test still gets a fresh context, so no cookie or storage passes between tests."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django must still allow the ORM.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    # The admin's navigation sidebar is sticky and smears across full-page screenshots.
    context.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    yield context.new_page()
    context.close()
