"""Signing in to the admin in the browser.

tests/browser/test_review_workflow.py signs in through the login form, as a person does; the
other browser tests are about what comes after, so their page carries a session made on the
server, as the test client's ``force_login`` makes one: the form and the admin index it
lands on took about a second of each sign-in.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client


def sign_in(page, live_server, username: str) -> None:
    """Give ``page`` a signed-in session for ``username`` (any earlier session dropped)."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
