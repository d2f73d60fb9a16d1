"""Signing in to the admin in the browser, through its login form as a person does."""

from tests.factories import PASSWORD


def sign_in(page, live_server, username: str) -> None:
    """Sign ``username`` in (any earlier session dropped) and wait for the admin's header, so
    a refused login fails here rather than on the next page."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")
