"""Many reviewers at once over real HTTP: no lost update, no double review, no 5xx.

Threads play API clients on PostgreSQL (SQLite locks the whole file, so it would test
nothing) against pytest-django's live server and against `runserver` and gunicorn started as
the project documents them: live_server closes its connection after every request, which
hid that runserver with persistent connections leaked one per request thread. Each client
reads a claim, then reviews it with the ETag it read as If-Match; the database must end
exactly as the accepted answers say, and a server never holds more connections than its
pool allows. The figures are printed and written to $ARTIFACTS_DIR/reliability/concurrency.json.
"""

import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from claims.models import Claim, Review
from claims.services.tokens import issue_token
from tests.factories import ClaimFactory, ReviewerFactory
from tests.reliability import call, ensure_reviewers_group, record
from tests.servers import running, server_connections

CLIENTS = 24
ROUNDS_PER_CLIENT = 6
CLAIMS = 3
STATUSES = ["in_review", "confirmed", "disputed", "false", "unverifiable"]
POOL_SIZE = 4
GUNICORN_WORKERS = 3
# The most connections each server may hold: its processes x the pool.
CONNECTION_BOUND = {"runserver": POOL_SIZE, "gunicorn": GUNICORN_WORKERS * POOL_SIZE}

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency needs row locks: run with DATABASE_URL=postgres://…")
    ensure_reviewers_group()


def assert_history_is_gapless(claim_ids) -> None:
    """Versions 2..N, one review each; the claim's status and version are its last review's."""
    for claim in Claim.objects.filter(pk__in=claim_ids):
        reviews = list(Review.objects.filter(claim=claim).order_by("version"))
        versions = [review.version for review in reviews]
        assert versions == list(range(2, len(reviews) + 2)), f"claim {claim.pk}: {versions}"
        assert claim.version == len(reviews) + 1, f"claim {claim.pk} version {claim.version}"
        if reviews:
            assert claim.status == reviews[-1].to_status, f"claim {claim.pk} lost its last review"
            for earlier, later in zip(reviews, reviews[1:], strict=False):
                assert later.from_status == earlier.to_status, f"claim {claim.pk}: broken chain"


@pytest.fixture(params=["live_server", "runserver", "gunicorn"])
def server(request, tmp_path):
    """(kind, root URL, a function giving the server's own database connections now)."""
    if request.param == "live_server":
        live_server = request.getfixturevalue("live_server")
        yield "live_server", live_server.url, None
        return
    database = connection.settings_dict["NAME"]
    with running(
        request.param,
        tmp_path,
        DB_POOL_SIZE=str(POOL_SIZE),
        WEB_CONCURRENCY=str(GUNICORN_WORKERS),
    ) as process:
        yield request.param, process.url, lambda: server_connections(database)


def test_concurrent_reviews_with_if_match_lose_nothing(server):
    kind, url_root, server_connections = server
    claims = [ClaimFactory() for _ in range(CLAIMS)]
    tokens = [issue_token(ReviewerFactory()) for _ in range(CLIENTS)]
    start = threading.Barrier(CLIENTS)
    peak_connections = [0]
    done = threading.Event()

    def watch_connections() -> None:
        for _ in range(600):  # at most a minute
            if done.wait(0.1):
                return
            peak_connections[0] = max(peak_connections[0], server_connections())

    def client(number: int) -> list[dict]:
        rng = random.Random(number)
        outcomes = []
        start.wait()
        for round_number in range(ROUNDS_PER_CLIENT):
            claim = rng.choice(claims)
            url = f"{url_root}/api/claims/{claim.pk}/"
            code, _, headers = call("GET", url, token=tokens[number])
            assert code == 200, f"GET answered {code}"
            note = f"client {number} round {round_number}"
            status = rng.choice(STATUSES)
            code, payload, _ = call(
                "POST",
                url + "review/",
                token=tokens[number],
                body={"status": status, "note": note},
                headers={"If-Match": headers["ETag"]},
            )
            outcomes.append(
                {**payload, "claim": claim.pk, "http": code, "note": note, "sent": status}
            )
        return outcomes

    watcher = threading.Thread(target=watch_connections) if server_connections else None
    if watcher:
        watcher.start()
    try:
        with ThreadPoolExecutor(CLIENTS) as pool:
            outcomes = [o for batch in pool.map(client, range(CLIENTS)) for o in batch]
    finally:
        done.set()
        if watcher:
            watcher.join(timeout=10)
    held_after = server_connections() if server_connections else None

    codes = Counter(outcome["http"] for outcome in outcomes)
    accepted = [outcome for outcome in outcomes if outcome["http"] == 200]
    record(
        "concurrency",
        f"single_reviews_if_match_{kind}",
        {
            "server": kind,
            "peak_server_connections": peak_connections[0] if watcher else None,
            "server_connections_after": held_after,
            "clients": CLIENTS,
            "claims": CLAIMS,
            "requests": 2 * len(outcomes),
            "reviews_attempted": len(outcomes),
            "accepted": codes[200],
            "stale_412": codes[412],
            "other": {str(k): v for k, v in codes.items() if k not in (200, 412)},
        },
    )
    assert set(codes) <= {200, 412}, f"unexpected answers: {codes}"
    assert codes[412] > 0, "no write was ever stale: the clients did not overlap"
    if watcher:
        bound = CONNECTION_BOUND[kind]
        assert peak_connections[0] <= bound, f"{kind} held {peak_connections[0]} > {bound}"
        assert held_after <= bound, f"{kind} still holds {held_after} connections"
    assert Review.objects.count() == len(accepted)
    for outcome in outcomes:
        reviews = Review.objects.filter(note=outcome["note"])
        if outcome["http"] == 200:
            review = reviews.get()  # exactly one
            assert (review.claim_id, review.to_status) == (outcome["claim"], outcome["sent"])
            assert review.version == outcome["version"]
        else:
            assert not reviews.exists(), f"a 412 left a review: {outcome['note']}"
            assert outcome["http"] == 412 and outcome["current_version"] >= 2
            assert outcome["code"] == "stale_version"
    for claim in claims:
        versions = [o["version"] for o in accepted if o["claim"] == claim.pk]
        assert sorted(versions) == list(range(2, len(versions) + 2)), versions
    assert_history_is_gapless([claim.pk for claim in claims])


def test_bulk_reviews_racing_single_reviews_record_every_accepted_change(live_server):
    claims = [ClaimFactory() for _ in range(6)]
    ids = [claim.pk for claim in claims]
    overlapping_sets = [ids[0:4], ids[2:6], ids[::2], ids[1::2], list(reversed(ids))]
    bulk_clients, single_clients, rounds = 8, 16, 4
    tokens = [issue_token(ReviewerFactory()) for _ in range(bulk_clients + single_clients)]
    start = threading.Barrier(bulk_clients + single_clients)

    def rounds_after_start(seed: int, one_round) -> list[dict]:
        """Wait for every client, then play ``rounds`` rounds with a generator seeded by
        ``seed``, so each client's choices are the same from run to run."""
        rng = random.Random(seed)
        start.wait()
        return [one_round(rng, round_number) for round_number in range(rounds)]

    def bulk_client(number: int) -> list[dict]:
        def one_round(rng, round_number):
            wanted = rng.choice(overlapping_sets)
            code, payload, _ = call(
                "POST",
                f"{live_server.url}/api/claims/bulk-review/",
                token=tokens[number],
                body={
                    "ids": wanted,
                    "status": rng.choice(STATUSES),
                    "note": f"bulk {number} round {round_number}",
                },
            )
            return {**payload, "kind": "bulk", "http": code, "size": len(wanted)}

        return rounds_after_start(1000 + number, one_round)

    def single_client(number: int) -> list[dict]:
        def one_round(rng, round_number):
            claim_id = rng.choice(ids)
            note = f"single {number} round {round_number}"
            code, payload, headers = call(
                "POST",
                f"{live_server.url}/api/claims/{claim_id}/review/",
                token=tokens[bulk_clients + number],
                body={
                    "status": rng.choice(STATUSES),
                    "note": note,
                },
            )
            return {
                **payload,
                "kind": "single",
                "http": code,
                "size": 1,
                "note": note,
                "etag": headers.get("ETag"),
            }

        return rounds_after_start(2000 + number, one_round)

    with ThreadPoolExecutor(bulk_clients + single_clients) as pool:
        futures = [pool.submit(bulk_client, n) for n in range(bulk_clients)]
        futures += [pool.submit(single_client, n) for n in range(single_clients)]
        outcomes = [o for future in futures for o in future.result()]

    codes = Counter((outcome["kind"], outcome["http"]) for outcome in outcomes)
    record(
        "concurrency",
        "bulk_vs_single",
        {
            "clients": bulk_clients + single_clients,
            "claims": len(ids),
            "requests": len(outcomes),
            "answers": {f"{kind} {code}": count for (kind, code), count in codes.items()},
            "reviews_recorded": Review.objects.count(),
        },
    )
    assert {code for _, code in codes} == {200}, f"unexpected answers: {codes}"
    bulk_total = sum(o["reviewed"] for o in outcomes if o["kind"] == "bulk")
    assert bulk_total == sum(o["size"] for o in outcomes if o["kind"] == "bulk")
    singles = sum(1 for o in outcomes if o["kind"] == "single")
    assert Review.objects.count() == bulk_total + singles
    for outcome in (o for o in outcomes if o["kind"] == "single"):
        # The answer is this write's claim, not a later writer's (it is read inside the
        # write's transaction).
        own_version = Review.objects.get(note=outcome["note"]).version
        assert (outcome["version"], outcome["etag"]) == (own_version, f'"{own_version}"')
    assert_history_is_gapless(ids)
