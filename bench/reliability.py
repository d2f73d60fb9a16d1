"""The README's Reliability figures, measured once against real servers on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/reliability.py \\
        [--database factcheck_reliability] [--hold-seconds 20]

Creates its own database on that server (never the one named), migrates it and starts
`runserver` and gunicorn as the project documents them (tests/servers.py: production
settings, free loopback ports), then measures:

1. ``clients``: 20 and 100 API clients, each 5 rounds of GET a claim then review it with the
   ETag as If-Match, over 3 claims, against runserver and gunicorn: answers by code, and the
   most connections the server held at once.
2. ``held_lock``: another session holds a row lock on one claim; writers keep reviewing it
   and readers keep reading other claims through gunicorn (5 workers): the write answers
   by code and the slowest unrelated read.
3. ``throttle``: 700 anonymous requests with a made-up X-Forwarded-For each, as fast as they
   go, through gunicorn (5 workers) with the default 120/minute limit: how many got 200.

Prints a JSON report and saves it as bench/results/<date>-reliability.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 5
CLAIMS = 3
GUNICORN_WORKERS = 5


def recreate_database(server_url: str, name: str) -> str:
    admin = urlunsplit(urlsplit(server_url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def configure_django(database_url: str) -> None:
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="localhost",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="factcheck.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The demo reviewers' passwords are never used; hash them fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    call_command("migrate", "--noinput", verbosity=0)


def timed_call(method, url, **kwargs):
    from tests.reliability import call

    started = time.monotonic()
    try:
        code, body, headers = call(method, url, timeout=60, **kwargs)
    except OSError as error:  # refused, reset, timed out
        code, body, headers = f"error {type(error).__name__}", {}, {}
    return code, body, headers, time.monotonic() - started


def read_then_review(server, tokens, claim_ids, clients: int) -> dict:
    from django.db import connection

    from tests.servers import server_connections

    start = threading.Barrier(clients)
    peak = [0]
    done = threading.Event()

    def watch():
        while not done.wait(0.2):
            peak[0] = max(peak[0], server_connections(connection.settings_dict["NAME"]))

    def client(number):
        rng = random.Random(number)
        answers = []
        start.wait()
        for _ in range(ROUNDS):
            url = f"{server.url}/api/claims/{rng.choice(claim_ids)}/"
            code, _, headers, _ = timed_call("GET", url, token=tokens[number])
            answers.append(("GET", code))
            code, body, _, _ = timed_call(
                "POST",
                url + "review/",
                token=tokens[number],
                body={"status": rng.choice(["confirmed", "disputed", "false"]), "note": "r"},
                headers={"If-Match": headers.get("ETag", '"1"')},
            )
            answers.append(("POST", f"{code} {body.get('code', '')}".strip()))
        return answers

    watcher = threading.Thread(target=watch)
    watcher.start()
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(clients) as pool:
            answers = [a for batch in pool.map(client, range(clients)) for a in batch]
    finally:
        done.set()
        watcher.join()
    by_code = Counter(f"{method} {code}" for method, code in answers)
    return {
        "clients": clients,
        "requests": len(answers),
        "answers": dict(sorted(by_code.items())),
        "peak_server_connections": peak[0],
        "seconds": round(time.monotonic() - started, 1),
    }


def held_lock(server, tokens, locked_id, other_ids, hold_seconds: float) -> dict:
    from django.db import connection

    params = {k: v for k, v in connection.get_connection_params().items() if k != "pool"}
    holder = psycopg.connect(**params)
    holder.execute("SELECT 1 FROM claims_claim WHERE id = %s FOR UPDATE", [locked_id])
    stop = time.monotonic() + hold_seconds
    writes, reads = [], []

    def writer(number):
        while time.monotonic() < stop:
            code, body, _, seconds = timed_call(
                "POST",
                f"{server.url}/api/claims/{locked_id}/review/",
                token=tokens[number],
                body={"status": "false", "note": "while locked"},
            )
            writes.append((f"{code} {body.get('code', '')}".strip(), seconds))

    def reader(number):
        rng = random.Random(number)
        while time.monotonic() < stop:
            url = f"{server.url}/api/claims/{rng.choice(other_ids)}/"
            code, _, _, seconds = timed_call("GET", url, token=tokens[number])
            reads.append((code, seconds))

    try:
        threads = [threading.Thread(target=writer, args=(n,)) for n in range(10)]
        threads += [threading.Thread(target=reader, args=(10 + n,)) for n in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        holder.close()
    return {
        "hold_seconds": hold_seconds,
        "gunicorn_workers": GUNICORN_WORKERS,
        "writes": dict(Counter(code for code, _ in writes)),
        "slowest_write_seconds": round(max(s for _, s in writes), 2),
        "reads": dict(Counter(str(code) for code, _ in reads)),
        "slowest_unrelated_read_seconds": round(max(s for _, s in reads), 2),
        "median_unrelated_read_seconds": round(sorted(s for _, s in reads)[len(reads) // 2], 3),
    }


def spoofed_throttle(server, requests: int = 700) -> dict:
    rng = random.Random(700)
    addresses = [".".join(str(rng.randrange(1, 255)) for _ in range(4)) for _ in range(requests)]

    def one(address):
        return timed_call("GET", server.url + "/api/claims/", headers={"X-Forwarded-For": address})[
            0
        ]

    started = time.monotonic()
    with ThreadPoolExecutor(10) as pool:
        codes = Counter(str(code) for code in pool.map(one, addresses))
    return {
        "requests": requests,
        "rate": "120/minute",
        "gunicorn_workers": GUNICORN_WORKERS,
        "answers": dict(codes),
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", default="factcheck_reliability")
    parser.add_argument("--hold-seconds", type=float, default=20)
    options = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server; this creates its own database.")
    if urlsplit(server_url).path.strip("/") == options.database:
        sys.exit(f"Refusing to use {options.database!r}, the database DATABASE_URL names.")
    configure_django(recreate_database(server_url, options.database))

    from claims.services.tokens import issue_token
    from tests.factories import ClaimFactory, ReviewerFactory
    from tests.reliability import ensure_reviewers_group
    from tests.servers import running

    ensure_reviewers_group()
    claim_ids = [ClaimFactory().pk for _ in range(CLAIMS)]
    other_ids = [ClaimFactory().pk for _ in range(20)]
    tokens = [issue_token(ReviewerFactory()) for _ in range(100)]
    report = {"benchmark": "bench/reliability.py", "date": datetime.date.today().isoformat()}
    workdir = Path(tempfile.mkdtemp(prefix="reliability-"))
    env = {"WEB_CONCURRENCY": str(GUNICORN_WORKERS)}
    report["clients"] = []
    for kind in ("runserver", "gunicorn"):
        with running(kind, workdir, **env) as server:
            for clients in (20, 100):
                figures = read_then_review(server, tokens, claim_ids, clients)
                report["clients"].append({"server": kind, **figures})
                print(json.dumps(report["clients"][-1]), file=sys.stderr)
    with running("gunicorn", workdir, **env) as server:
        report["held_lock"] = held_lock(
            server, tokens, claim_ids[0], other_ids, options.hold_seconds
        )
        print(json.dumps(report["held_lock"]), file=sys.stderr)
    with running("gunicorn", workdir, **env) as server:
        report["throttle"] = spoofed_throttle(server)
    print(json.dumps(report, indent=2))
    out = ROOT / "bench" / "results" / f"{report['date']}-reliability.json"
    out.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
