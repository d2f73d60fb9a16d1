"""The test suite's settings: the project's, as the local demo runs them.

DEBUG is off unless set (factcheck/settings.py fails closed), and production settings
redirect to HTTPS and mark cookies secure; the suite, like `make run`, sets DEBUG=1 before
the settings are read. The servers the tests start (tests/servers.py) run with DEBUG off.
"""

import os

os.environ.setdefault("DEBUG", "1")

from factcheck.settings import *  # noqa: E402, F403

# The test client is one process, where a per-process cache counts exactly, and the query
# counts pinned in tests/test_api_queries.py are the page's own. The servers the tests start
# (tests/servers.py) run factcheck.settings, with the shared database cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
