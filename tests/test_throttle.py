"""The anonymous throttle holds across gunicorn workers, under parallel requests, and against
made-up X-Forwarded-For.

Before, each worker counted in its own memory (579 of 700 requests passed a 120/minute limit
on 5 workers) and a fresh X-Forwarded-For per request was a fresh client (400 of 400 passed).
"""

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from rest_framework.throttling import AnonRateThrottle

from tests.reliability import call, record
from tests.servers import running

RATE = 20
REQUESTS = 60
# Per hour, so the test's few seconds almost never straddle the start of a new window.
RATE_SPEC = f"{RATE}/hour"

pytestmark = pytest.mark.django_db(transaction=True)


def spoofed_address(rng: random.Random) -> str:
    return ".".join(str(rng.randrange(1, 255)) for _ in range(4))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL for a server")
def test_spoofed_forwarded_for_across_workers_stays_within_the_rate(tmp_path):
    rng = random.Random(16)
    addresses = [spoofed_address(rng) for _ in range(REQUESTS)]
    with running("gunicorn", tmp_path, WEB_CONCURRENCY="3", ANON_THROTTLE_RATE=RATE_SPEC) as server:

        def anonymous_read(address: str) -> int:
            return call("GET", server.url + "/api/claims/", headers={"X-Forwarded-For": address})[0]

        # In parallel: counting that reads, adds and writes back loses concurrent requests.
        with ThreadPoolExecutor(10) as pool:
            codes = list(pool.map(anonymous_read, addresses))
    passed = codes.count(200)
    record(
        "throttle",
        "spoofed_forwarded_for_gunicorn",
        {
            "workers": 3,
            "rate": RATE_SPEC,
            "requests": REQUESTS,
            "answered_200": passed,
            "answered_429": codes.count(429),
        },
    )
    assert set(codes) <= {200, 429}, codes
    assert passed == RATE, f"{passed} of {REQUESTS} passed a {RATE_SPEC} limit"


def test_with_one_trusted_proxy_the_client_is_the_address_it_appended(api, settings, monkeypatch):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/day"})
    made_up = [f"198.51.100.{n}, 203.0.113.7" for n in range(3)]
    codes = [api.get("/api/claims/", HTTP_X_FORWARDED_FOR=xff).status_code for xff in made_up]
    other = api.get("/api/claims/", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.8")
    assert codes == [200, 200, 429], "the made-up first entries picked fresh buckets"
    assert other.status_code == 200, "another real client was throttled"


def test_without_trusted_proxies_forwarded_for_is_ignored(api, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/day"})
    codes = [
        api.get("/api/claims/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]
