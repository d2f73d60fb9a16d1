"""Data built once per test module instead of once per test.

The builder runs inside a transaction opened for the module and rolled back after its last
test; each test's own transaction (pytest-django's, a savepoint inside it) undoes what that
test wrote, so every test still starts from the same rows. Only for modules without
transactional tests (``live_server``, ``transaction=True``): their flush would empty the
module's rows under the open transaction.
"""

from collections.abc import Callable

import pytest
from django.db import transaction
from django.test import override_settings


def module_fixture(build: Callable[[], object], doc: str) -> Callable:
    """A module-scoped fixture returning ``build()``'s result; builds under the same
    settings as conftest's ``verdict_rules`` gives unmarked tests (no evidence rules)."""

    @pytest.fixture(scope="module")
    def fixture(django_db_setup, django_db_blocker):
        with (
            django_db_blocker.unblock(),
            transaction.atomic(),
            override_settings(FACTCHECK_VERDICT_RULES={}),
        ):
            yield build()
            transaction.set_rollback(True)

    fixture.__doc__ = doc
    return fixture
