"""PostgreSQL stops and starts again while articles are ingested and the API is read.

During the outage every answer is a quick 503 (JSON under /api/) instead of a hang or a 500
traceback; afterwards the same Django process answers 200 again by itself, the ingest loop
finishes every article, and no article is stored with only some of its claims.
The figures go to $ARTIFACTS_DIR/reliability/database_restart.json. It runs only where
ALLOW_POSTGRESQL_RESTART=1 says the local server may be restarted (CI sets it).
"""

import os
import shutil
import subprocess
import threading
import time
import urllib.error
from collections import Counter
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from rest_framework.throttling import AnonRateThrottle

from claims.extraction import extract
from claims.models import Claim
from claims.services.ingest import ingest_article
from sources.incoming import IncomingArticle
from sources.models import Article
from tests.factories import ClaimFactory
from tests.reliability import call, record

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f4e75a9c6c075ae4.txt"
READERS = 4
ARTICLES = 60
INGEST_PAUSE_SECONDS = 0.15  # spreads the batch over the outage
OUTAGE_SECONDS = 3
CLIENT_TIMEOUT = 15
READY_TIMEOUT = 60
# Restarting the server interrupts every database on it, so the test asks first.
RESTART_PERMISSION = "ALLOW_POSTGRESQL_RESTART"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def cluster() -> tuple[str, str] | None:
    """(version, name) of the local PostgreSQL cluster that pg_ctlcluster manages."""
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        return None
    versions = sorted(os.listdir("/etc/postgresql"))
    return (versions[0], "main") if versions else None


def pg_ctl(action: str, version: str, name: str) -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action, "-m", "fast"]
        if action == "stop"
        else ["pg_ctlcluster", "--skip-systemctl-redirect", version, name, action],
        check=False,
        capture_output=True,
        timeout=120,
    )


def wait_until_ready() -> None:
    """pg_isready on TCP and on the socket, whichever the test database uses."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        for host in ("127.0.0.1", "/var/run/postgresql"):
            ready = subprocess.run(["pg_isready", "-q", "-h", host], check=False, timeout=10)
            if ready.returncode == 0:
                return
        time.sleep(0.5)
    raise AssertionError(f"PostgreSQL was not ready {READY_TIMEOUT} s after the restart")


@pytest.fixture
def restartable_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("restarts the local PostgreSQL: run with DATABASE_URL=postgres://…")
    if os.environ.get(RESTART_PERMISSION) != "1":
        pytest.skip(
            f"stops and starts the local PostgreSQL server, with every other client of it: "
            f"set {RESTART_PERMISSION}=1 where that is allowed (.ci/run does)"
        )
    found = cluster()
    if found is None or os.geteuid() != 0:
        pytest.skip("needs root and pg_ctlcluster to restart PostgreSQL")
    version, name = found
    try:
        yield lambda action: pg_ctl(action, version, name)
    finally:
        pg_ctl("start", version, name)  # a no-op when it is running
        wait_until_ready()
        connection.close()  # the test's own connection died with the server


def article_texts(count: int) -> list[str]:
    seed = SEED.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return [
        f"Dispatch {number}. Officials said {number + 2} people were killed.\n\n{seed}"
        for number in range(count)
    ]


def test_postgresql_restart_gives_clean_503s_then_recovers_with_nothing_half_written(
    live_server, restartable_postgresql, monkeypatch
):
    # The readers are anonymous; the throttle would answer them 429 (its own test covers it).
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "1000000/minute")
    claim = ClaimFactory()
    bodies = article_texts(ARTICLES)
    stop = threading.Event()
    answers: list[tuple[float, str, int, dict, dict]] = []
    ingest = {"stored": 0, "retries": 0, "errors": Counter()}

    def reader(number: int) -> None:
        paths = ["/api/claims/", f"/api/claims/{claim.pk}/", "/api/articles/", "/"]
        step = number
        while not stop.is_set():
            path = paths[step % len(paths)]
            step += 1
            started = time.monotonic()
            try:
                code, body, headers = call("GET", live_server.url + path, timeout=CLIENT_TIMEOUT)
            except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
                code, body, headers = -1, {"error": repr(error)}, {}
            answers.append((time.monotonic() - started, path, code, body, headers))
            time.sleep(0.05)

    def ingester() -> None:
        try:
            for body in bodies:
                time.sleep(INGEST_PAUSE_SECONDS)
                deadline = time.monotonic() + READY_TIMEOUT
                while True:
                    try:
                        ingest_article(IncomingArticle(title="", body=body))
                        ingest["stored"] += 1
                        break
                    except (OperationalError, InterfaceError) as error:
                        ingest["retries"] += 1
                        ingest["errors"][type(error).__name__] += 1
                        assert time.monotonic() < deadline, "ingest never recovered"
                        time.sleep(0.5)
                        close_old_connections()
                        connection.close()
        finally:
            connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(READERS)]
    threads.append(threading.Thread(target=ingester))
    for thread in threads:
        thread.start()
    try:
        time.sleep(1.5)
        outage_started = time.monotonic()
        restartable_postgresql("stop")
        time.sleep(OUTAGE_SECONDS)
        restartable_postgresql("start")
        wait_until_ready()
        outage = time.monotonic() - outage_started
        threads[-1].join(timeout=180)
        time.sleep(2)  # readers keep going after the restart
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    connection.close()

    codes = Counter(code for _, _, code, _, _ in answers)
    slowest = max(seconds for seconds, *_ in answers)
    record(
        "database_restart",
        "restart_during_ingest_and_reads",
        {
            "readers": READERS,
            "requests": len(answers),
            "answers": {str(code): count for code, count in codes.items()},
            "outage_seconds": round(outage, 1),
            "slowest_answer_seconds": round(slowest, 2),
            "articles": ARTICLES,
            "articles_stored": ingest["stored"],
            "ingest_retries": ingest["retries"],
            "ingest_errors": dict(ingest["errors"]),
        },
    )
    assert not threads[-1].is_alive(), "the ingest loop hung"
    assert set(codes) <= {200, 503}, f"answers other than 200/503: {codes}"
    assert codes[503] > 0, "no request saw the outage; the restart came too early or late"
    for _, path, code, body, headers in answers:
        if code == 503:
            assert headers.get("Retry-After"), f"503 without Retry-After on {path}"
            if path.startswith("/api/"):
                # While the server is down the pool may time out first ("database_busy").
                assert body.get("code") in {"unavailable", "database_busy"}, (
                    f"503 on {path} is not the database's JSON answer: {body}"
                )
            assert "Traceback" not in str(body)
    last_per_path = {path: code for _, path, code, _, _ in answers}
    assert set(last_per_path.values()) == {200}, f"no recovery: last answers {last_per_path}"
    assert slowest < CLIENT_TIMEOUT, "a request hung for the whole client timeout"

    assert ingest["retries"] > 0, "the ingest loop never saw the outage"
    assert ingest["stored"] == ARTICLES
    assert Article.objects.count() == ARTICLES + 1  # and the claim's own article
    for article in Article.objects.exclude(pk=claim.article_id):
        expected = {
            (found.kind, found.start, found.end)
            for found in extract(article.body)
            if article.body[found.start : found.end] == found.text
        }
        stored = Claim.objects.filter(article=article).count()
        assert stored == len(expected) > 0, f"article {article.pk}: {stored} of {len(expected)}"
