import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.servers.basehttp import WSGIServer
from rest_framework.test import APIClient

from claims.models import Incident

# Registers a post_migrate hook that recreates the reviewers group after the flush that
# follows every transactional (live_server) test, whichever module runs next.
from tests import reliability  # noqa: F401
from tests.factories import (
    ReviewerFactory,
    StaffFactory,
    StaffReviewerFactory,
    SuperuserFactory,
    UserFactory,
    ingest_seed,
)

# The live server listens with a backlog of 10; the concurrency tests open 24 connections at
# once, and an overflowing accept queue makes the kernel reset some of them.
WSGIServer.request_queue_size = 128


def pytest_configure(config):
    """Hash the factories' passwords with MD5: the production hasher (PBKDF2, a million iterations)
    took 79% of the suite's time. The others stay listed after it, so a hash made
    with them (by a subprocess on production settings) still verifies. Live-server and browser
    tests share this process's settings, so their logins hash and check the same way."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def verdict_rules(request, settings):
    """The desk's evidence rules (FACTCHECK_VERDICT_RULES) apply to tests marked
    ``verdict_rules``; the others decide claims without evidence because they test something
    else (history, concurrency, exports), and stay as short as that behaviour needs."""
    if "verdict_rules" not in request.keywords:
        settings.FACTCHECK_VERDICT_RULES = {}


def account_fixture(factory, doc: str):
    @pytest.fixture
    def account(db):
        return factory()

    account.__doc__ = doc
    return account


user = account_fixture(UserFactory, "A signed-in user with no rights.")
reviewer = account_fixture(ReviewerFactory, "A member of the reviewers group.")
staff = account_fixture(StaffFactory, "Staff (admin access) with no other rights.")
superuser = account_fixture(SuperuserFactory, "A superuser.")
staff_reviewer = account_fixture(StaffReviewerFactory, "A reviewer who can use the admin.")


@pytest.fixture
def reviewer_client(client, staff_reviewer):
    """The Django test client signed in as a staff reviewer."""
    client.force_login(staff_reviewer)
    return client


@pytest.fixture
def seed_article(db):
    """The seed report, ingested: its claims and their incident."""
    return ingest_seed()


@pytest.fixture
def seed_incident(seed_article):
    """The seed report's incident: the military's 0 killed against the elder's 3."""
    return Incident.objects.get(claims__article=seed_article, claims__count_min=0)


@pytest.fixture
def signed_in_reader(api, user):
    """Signs ``api`` in as a user with no rights, who reads the desk's whole record; what
    anonymous readers see (only published verdicts) is tested in test_desk_anonymous.py."""
    api.force_authenticate(user)
    return user


@pytest.fixture
def api(db):
    """A DRF test client with the throttle's counters reset, so tests never throttle each
    other; sign in with ``api.force_authenticate(user)`` or a token header."""
    cache.clear()
    return APIClient()
