"""Benchmark the tracker against PostgreSQL and print the ratios to raw SQL as JSON.

One command::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python bench/run.py \\
        [--claims 200000 --articles 20000 --claimants 2000] \\
        [--growth 20000,200000[,2000000]] [--out bench/results/NAME.json]

    python bench/run.py --smoke          # tiny and quick; what tests/test_bench_smoke.py runs

It never touches the database DATABASE_URL names: it creates its own (``factcheck_bench``,
or ``--database``) on the same server, migrates it, loads a synthetic newsroom with COPY
(see bench/dataset.py), measures, and drops it again (``--keep`` keeps it). SQLite is
refused: the figures only mean something on the database production runs.

Each figure is measured side by side with the least code that could produce the same
result, so a ratio says what the framework costs, and a regression shows up as a ratio:

1. ``list``: GET /api/claims/?status=..&kind=.. (50 a page, newest change first) through
   the whole Django + DRF stack, called in-process as a WSGI application with a reviewer's
   token; against one hand-written SQL query for the same rows and columns through psycopg,
   shaped into the same JSON. Median and p95 of alternating calls; target ratio <= 3.
2. ``queries_per_page``: queries for a page of 10 and of 100 claims; must be equal.
3. ``bulk_review``: 10,000 claims through POST /api/claims/bulk-review/ and through
   claims.services.review.bulk_review (the admin action's code path), against one UPDATE and one
   INSERT ... SELECT on other claims. Target <= 1 s and ratio <= 3.
4. ``ingest``: seed-sized articles through claims.services.ingest.ingest_articles (extraction and
   writes), articles per second. Target >= 200/s.
5. ``extraction``: claims.extraction.extract alone over the same texts, MB/s on one core.
6. ``growth``: the list at each ``--growth`` size; flat if p50 at the largest is at most
   1.5x the smallest.

The report (stdout, and ``bench/results/<date>-<claims>.json`` unless ``--out``) also
records the machine, PostgreSQL and package versions, and the git commit. Progress goes to
stderr. ``--profile DIR`` writes cProfile stats of the list, bulk review and ingest paths.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f4e75a9c6c075ae4.txt"
BENCH_DB_COMMENT = "factcheck bench: created and dropped by bench/run.py"

LIST_SCENARIOS = {
    # The reviewer's work queue: the headline figure.
    "unverified_casualty": {"status": "unverified", "kind": "casualty"},
    # A rare status without a kind: the composite index does not give the order directly.
    "disputed": {"status": "disputed"},
    "all": {},
}
HEADLINE = "unverified_casualty"
TARGETS = {
    "list_ratio": 3.0,
    "bulk_review_seconds": 1.0,
    "bulk_review_ratio": 3.0,
    "ingest_per_second": 200.0,
    "growth_p50_factor": 1.5,
}


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- Arguments and the database ------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py",
        description="Benchmark the claim list, bulk review, ingest and extraction on "
        "PostgreSQL; print the figures and their ratios to raw SQL as JSON.",
    )
    parser.add_argument("--claims", type=int, default=200_000, help="claims for the full run")
    parser.add_argument("--articles", type=int, default=20_000, help="articles at --claims")
    parser.add_argument("--claimants", type=int, default=2_000)
    parser.add_argument(
        "--growth",
        default="",
        help="comma-separated claim counts to measure the list at, e.g. 20000,200000,2000000",
    )
    parser.add_argument("--iterations", type=int, default=200, help="timed calls per list figure")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls before timing")
    parser.add_argument("--bulk", type=int, default=10_000, help="claims per bulk review")
    parser.add_argument("--bulk-repeats", type=int, default=3)
    parser.add_argument("--ingest", type=int, default=600, help="distinct articles to ingest")
    parser.add_argument("--database", default="factcheck_bench", help="database to create")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--out", help="where to write the JSON report")
    parser.add_argument("--profile", metavar="DIR", help="write cProfile stats here")
    parser.add_argument("--seed", type=int, default=7, help="random seed for the data set")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="tiny sizes and few iterations, to check the benchmark itself still works",
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.claims, args.articles, args.claimants = 2_000, 200, 100
        args.growth = args.growth or "1000,2000"
        args.iterations, args.warmup = 5, 2
        args.bulk, args.bulk_repeats, args.ingest = 200, 1, 20
    args.growth_sizes = sorted({int(size) for size in args.growth.split(",") if size.strip()})
    if args.claims < 100 or args.articles < 1 or args.claimants < 20:
        parser.error("--claims must be at least 100, --articles 1 and --claimants 20")
    if any(size < 100 for size in args.growth_sizes):
        parser.error("--growth sizes must be at least 100 claims each")
    needed = 3 * args.bulk * args.bulk_repeats
    if needed > 0.6 * args.claims:
        parser.error(
            f"--bulk {args.bulk} x 3 paths x {args.bulk_repeats} repeats needs {needed:,} "
            f"unverified claims; use more --claims or a smaller --bulk"
        )
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", args.database):
        parser.error("--database must be a plain lower-case PostgreSQL name")
    return args


def database_settings() -> dict:
    """The server DATABASE_URL points at; refuses anything but PostgreSQL."""
    import dj_database_url

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit(
            "bench: DATABASE_URL is not set. The benchmark runs on PostgreSQL only, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python bench/run.py"
        )
    parsed = dj_database_url.parse(url)
    if parsed["ENGINE"] != "django.db.backends.postgresql":
        raise SystemExit(
            f"bench: DATABASE_URL uses {parsed['ENGINE'].rsplit('.', 1)[-1]}; the benchmark "
            "measures PostgreSQL only (SQLite figures would say nothing about production). "
            "Point DATABASE_URL at a PostgreSQL server; the benchmark creates its own database."
        )
    return parsed


def connect(settings: dict, dbname: str):
    import psycopg

    return psycopg.connect(
        dbname=dbname,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        host=settings.get("HOST") or None,
        port=settings.get("PORT") or None,
        connect_timeout=10,
    )


def recreate_database(settings: dict, name: str) -> None:
    """Create ``name`` afresh. Drops an existing one only if this script created it."""
    if name == settings["NAME"]:
        raise SystemExit(f"bench: refusing to use {name!r}, the database DATABASE_URL names.")
    with connect(settings, "postgres") as admin:
        admin.autocommit = True
        comment = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
        if comment is not None:
            if comment[0] != BENCH_DB_COMMENT:
                raise SystemExit(
                    f"bench: database {name!r} exists and was not made by the benchmark; "
                    "refusing to drop it. Pick another --database."
                )
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.execute(f"COMMENT ON DATABASE \"{name}\" IS '{BENCH_DB_COMMENT}'")


def drop_database(settings: dict, name: str) -> None:
    with connect(settings, "postgres") as admin:
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def configure_django(database_name: str) -> None:
    """Production-like settings (DEBUG off, a connection pool) on the bench database."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{database_name}"))
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- Calling the application -----------------------------------------------------------------


class Wsgi:
    """Calls the project's WSGI application in-process, as a server would: every middleware,
    URL resolution, authentication, the view and rendering; no sockets."""

    def __init__(self, token: str):
        from django.core.wsgi import get_wsgi_application

        self.application = get_wsgi_application()
        self.token = token

    def __call__(self, method: str, path: str, query: dict | None = None, body=None):
        payload = b"" if body is None else json.dumps(body).encode()
        environ = {
            "REQUEST_METHOD": method,
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": urlencode(query or {}),
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "443",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost",
            "HTTP_ACCEPT": "application/json",
            "HTTP_AUTHORIZATION": f"Token {self.token}",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(payload)),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(payload),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        started = []
        result = self.application(environ, lambda status, headers, *_: started.append(status))
        try:
            content = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        return int(started[0][:3]), content


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p95_ms": round(p95 * 1000, 3),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 3),
        "n": len(ordered),
    }


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 2) if denominator else None


# --- 1, 2 and 6: the claim list -------------------------------------------------------------


# The API's page, by hand: the same rows (filter, order, page size + 1 for "is there a next
# page"), the same columns, the newest review by LATERAL join and the conflict flag as the
# selector defines it (claims.selectors._contradicts_sql).
RAW_LIST_SQL = """
SELECT c.id, a.id, a.title, a.url, c.kind, c.text, c.start, c."end",
       p.id, p.name, p.kind, p.role, c.attribution, c.outcome, c.count_min, c.count_max,
       c.approximate, c.lower_bound, c.upper_bound, c."group", c.status, c.version,
       c.origin, c.extractor_version, c.rejection_reason,
       (c.kind = 'casualty' AND c.claimant_id IS NOT NULL AND c.incident_id IS NOT NULL
        AND c.count_min IS NOT NULL AND c.superseded_by_id IS NULL AND EXISTS (
            SELECT 1 FROM claims_claim o
            WHERE o.kind = 'casualty' AND o.incident_id = c.incident_id
              AND o.rejection_reason = ''
              AND o.outcome = c.outcome AND o.id <> c.id AND o.superseded_by_id IS NULL
              AND o.claimant_id IS NOT NULL AND o.count_min IS NOT NULL
              AND (o.claimant_id <> c.claimant_id OR o.article_id = c.article_id)
              AND (lower(o."group") = ANY(%(generic)s) OR lower(o."group") = lower(c."group")
                   OR lower(c."group") = ANY(%(generic)s))
              AND ((NOT c.upper_bound AND NOT o.lower_bound AND o.count_max < c.count_min
                    AND NOT o.subcount)
                   OR (NOT c.lower_bound AND NOT o.upper_bound AND o.count_min > c.count_max
                       AND NOT c.subcount))
              AND NOT COALESCE(c.reported_on < o.reported_on AND o.count_min > c.count_max
                               OR o.reported_on < c.reported_on AND c.count_min > o.count_max,
                               false)
              AND NOT EXISTS (
                  SELECT 1 FROM claims_contradictiondismissal d
                  WHERE d.first_claim_id IN (c.id, o.id) AND d.second_claim_id IN (c.id, o.id))
        )) AS has_conflict,
       c.updated_at,
       r.from_status, r.to_status, r.note, r.evidence_urls, u.username, r.created_at,
       r.rationale, r.evidence_labels, au.username, c.awaiting_publication, c.publication,
       c.published_version, c.published_at, c.withdrawn_at, c.withdrawal_reason,
       pr.to_status, pr.rationale, pr.evidence_urls, pr.evidence_labels,
       c.mentions, c.subcount, c.superseded_by_id, c.same_as_id
FROM claims_claim c
JOIN sources_article a ON a.id = c.article_id
LEFT JOIN sources_claimant p ON p.id = c.claimant_id
LEFT JOIN LATERAL (
    SELECT * FROM claims_review r WHERE r.claim_id = c.id ORDER BY r.version DESC LIMIT 1
) r ON true
LEFT JOIN auth_user u ON u.id = r.reviewer_id
LEFT JOIN auth_user au ON au.id = c.assignee_id
LEFT JOIN claims_review pr ON pr.claim_id = c.id AND pr.version = c.published_version
WHERE {where}
ORDER BY c.updated_at DESC, c.id DESC
LIMIT %(limit)s
"""


def _iso(value) -> str | None:
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _evidence(urls, labels) -> list[dict]:
    labels = labels or {}
    return [{"url": url, "label": labels.get(url, "")} for url in urls or ()]


class RawList:
    """The list page with psycopg and the json module only: the floor the API is held to."""

    def __init__(self, connection):
        self.connection = connection

    def page(self, filters: dict, page_size: int = 50) -> bytes:
        from claims.models import format_count
        from claims.selectors import GENERIC_GROUPS

        # Rejected claims are in no list; the list indexes are partial on this condition.
        conditions, params = (
            ["c.rejection_reason = ''"],
            {"generic": list(GENERIC_GROUPS), "limit": page_size + 1},
        )
        for name in ("status", "kind"):
            if name in filters:
                # IN, not = ANY(array): PostgreSQL 15 walks an index in order only for IN.
                values = sorted(set(filters[name].split(",")))
                keys = [f"{name}{position}" for position in range(len(values))]
                conditions.append(f"c.{name} IN ({', '.join(f'%({key})s' for key in keys)})")
                params.update(zip(keys, values, strict=True))
        rows = self.connection.execute(
            RAW_LIST_SQL.format(where=" AND ".join(conditions)), params
        ).fetchall()
        results = []
        for row in rows[:page_size]:
            (claim_id, article_id, title, url, kind, text, start, end) = row[:8]
            (claimant_id, name, claimant_kind, role, attribution, outcome) = row[8:14]
            count_min, count_max, approximate, lower_bound, upper_bound = row[14:19]
            group, status, version, origin, extractor_version, rejection_reason = row[19:25]
            has_conflict, updated_at = row[25:27]
            from_status, to_status, note, evidence_urls, reviewer, reviewed_at = row[27:33]
            rationale, labels, assignee, awaiting, publication = row[33:38]
            published_version, published_at, withdrawn_at, withdrawal_reason = row[38:42]
            verdict_status, verdict_rationale, verdict_urls, verdict_labels = row[42:46]
            mentions, subcount, superseded_by, same_as = row[46:50]
            results.append(
                {
                    "id": claim_id,
                    "article": {"id": article_id, "title": title, "url": url},
                    "kind": kind,
                    "text": text,
                    "start": start,
                    "end": end,
                    "claimant": None
                    if claimant_id is None
                    else {"id": claimant_id, "name": name, "kind": claimant_kind, "role": role},
                    "attribution": attribution,
                    "outcome": outcome,
                    "count_min": count_min,
                    "count_max": count_max,
                    "approximate": approximate,
                    "lower_bound": lower_bound,
                    "upper_bound": upper_bound,
                    "group": group,
                    "count_display": format_count(
                        count_min=count_min,
                        count_max=count_max,
                        approximate=approximate,
                        lower_bound=lower_bound,
                        upper_bound=upper_bound,
                    ),
                    "mentions": mentions or [{"start": start, "end": end, "text": text}],
                    "subcount": subcount,
                    "superseded_by": superseded_by,
                    "same_as": same_as,
                    "status": status,
                    "version": version,
                    "origin": origin,
                    "extractor_version": extractor_version,
                    "rejection_reason": rejection_reason,
                    "has_conflict": bool(has_conflict),
                    "updated_at": _iso(updated_at),
                    "assignee": assignee,
                    "awaiting_publication": awaiting,
                    "publication": publication,
                    "verdict": None
                    if publication != "published"
                    else {
                        "status": verdict_status,
                        "rationale": verdict_rationale,
                        "evidence": _evidence(verdict_urls, verdict_labels),
                        "version": published_version,
                        "published_at": _iso(published_at),
                    },
                    "withdrawal": None
                    if publication != "withdrawn"
                    else {"withdrawn_at": _iso(withdrawn_at), "reason": withdrawal_reason},
                    "last_review": None
                    if from_status is None
                    else {
                        "from_status": from_status,
                        "to_status": to_status,
                        "note": note,
                        "rationale": rationale,
                        "evidence_urls": evidence_urls,
                        "evidence": _evidence(evidence_urls, labels),
                        "reviewer": reviewer,
                        "created_at": _iso(reviewed_at),
                    },
                }
            )
        envelope = {"next": "…" if len(rows) > page_size else None, "previous": None}
        envelope["results"] = results
        return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def measure_list(call: Wsgi, raw: RawList, filters: dict, *, iterations: int, warmup: int):
    """Alternate API and raw calls so drift (caches, autovacuum) hits both alike."""
    query = {**filters, "page_size": 50}
    api_times, raw_times = [], []
    for iteration in range(warmup + iterations):
        started = time.perf_counter()
        status, content = call("GET", "/api/claims/", query)
        middle = time.perf_counter()
        raw_content = raw.page(filters)
        finished = time.perf_counter()
        if status != 200:
            raise RuntimeError(f"GET /api/claims/ answered {status}: {content[:300]!r}")
        if iteration >= warmup:
            api_times.append(middle - started)
            raw_times.append(finished - middle)
    api_rows = json.loads(content)["results"]
    raw_rows = json.loads(raw_content)["results"]
    api, floor = percentiles(api_times), percentiles(raw_times)
    return {
        "query": urlencode(query),
        "rows": len(api_rows),
        "api": api,
        "raw_sql": floor,
        "ratio_p50": ratio(api["p50_ms"], floor["p50_ms"]),
        "ratio_p95": ratio(api["p95_ms"], floor["p95_ms"]),
        "raw_matches_api": api_rows == raw_rows,
        "response_bytes": len(content),
    }


# What readers search for: a word, a place, a phrase; through both search endpoints.
SEARCHES = {
    "list_word": ("/api/claims/", {"search": "killed", "page_size": 50}),
    "list_place_and_status": (
        "/api/claims/",
        {"search": "Kandahar", "status": "unverified", "page_size": 50},
    ),
    "ranked_phrase": ("/api/claims/search/", {"q": '"were injured"', "limit": 20}),
}


def measure_search(call: Wsgi, *, iterations: int, warmup: int) -> dict:
    """Full-text search latency through the API (PostgreSQL: GIN-indexed tsvectors)."""
    figures = {}
    for name, (path, query) in SEARCHES.items():
        times = []
        for iteration in range(warmup + iterations):
            started = time.perf_counter()
            status, content = call("GET", path, query)
            if status != 200:
                raise RuntimeError(f"GET {path} answered {status}: {content[:300]!r}")
            if iteration >= warmup:
                times.append(time.perf_counter() - started)
        body = json.loads(content)
        rows = body["results"] if isinstance(body, dict) else body
        figures[name] = {
            "query": f"{path}?{urlencode(query)}",
            "rows": len(rows),
            **percentiles(times),
        }
        log(f"  search {name}: p50 {figures[name]['p50_ms']} ms, {len(rows)} rows")
    return figures


def measure_list_scenarios(call, raw, *, iterations: int, warmup: int) -> dict:
    scenarios = {}
    for name, filters in LIST_SCENARIOS.items():
        scenarios[name] = measure_list(call, raw, filters, iterations=iterations, warmup=warmup)
        figures = scenarios[name]
        log(
            f"  list {name}: API p50 {figures['api']['p50_ms']} ms, raw "
            f"{figures['raw_sql']['p50_ms']} ms, ratio {figures['ratio_p50']}"
        )
    return scenarios


def queries_per_page(call: Wsgi) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counted = {}
    for page_size in (10, 100):
        with CaptureQueriesContext(connection) as captured:
            status, content = call("GET", "/api/claims/", {"page_size": page_size})
        if status != 200:
            raise RuntimeError(f"GET /api/claims/ answered {status}")
        counted[str(page_size)] = {
            "rows": len(json.loads(content)["results"]),
            "queries": len(captured.captured_queries),
            "sql": [query["sql"][:160] for query in captured.captured_queries],
        }
    counted["constant"] = counted["10"]["queries"] == counted["100"]["queries"]
    return counted


# --- 3: bulk review ----------------------------------------------------------------------------

RAW_REVIEW_INSERT = """
INSERT INTO claims_review
    (claim_id, from_status, to_status, version, note, evidence_urls, reviewer_id, created_at)
SELECT id, status, %(status)s, version + 1, %(note)s, '[]'::jsonb, %(reviewer)s, now()
FROM claims_claim WHERE id = ANY(%(ids)s)
"""
RAW_CLAIM_UPDATE = """
UPDATE claims_claim SET status = %(status)s::varchar, version = version + 1, updated_at = now(),
    awaiting_publication = %(status)s::text IN ('confirmed', 'disputed', 'false', 'unverifiable')
WHERE id = ANY(%(ids)s)
"""


def measure_bulk_review(call, raw_connection, reviewer, *, size: int, repeats: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.services.review import bulk_review

    ids = [
        row[0]
        for row in raw_connection.execute(
            "SELECT id FROM claims_claim WHERE status = 'unverified' ORDER BY random() LIMIT %s",
            [3 * size * repeats],
        )
    ]
    batches = [ids[n * size : (n + 1) * size] for n in range(3 * repeats)]
    note = "Bulk review from the benchmark."
    timings = {"api": [], "service": [], "raw_sql": []}
    queries = {}
    for repeat in range(repeats):
        api_ids, service_ids, raw_ids = batches[3 * repeat : 3 * repeat + 3]
        body = {"ids": api_ids, "status": "in_review", "note": note}
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            status, content = call("POST", "/api/claims/bulk-review/", body=body)
            timings["api"].append(time.perf_counter() - started)
        queries["api"] = len(captured.captured_queries)
        if status != 200 or json.loads(content).get("reviewed") != size:
            raise RuntimeError(f"bulk review answered {status}: {content[:300]!r}")

        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            reviewed = bulk_review(
                claim_ids=service_ids, status="in_review", note=note, reviewer=reviewer
            )
            timings["service"].append(time.perf_counter() - started)
        queries["service"] = len(captured.captured_queries)
        if reviewed != size:
            raise RuntimeError(f"bulk_review reviewed {reviewed} claims, not {size}")

        params = {"ids": raw_ids, "status": "in_review", "note": note, "reviewer": reviewer.pk}
        started = time.perf_counter()
        with raw_connection.transaction():
            raw_connection.execute(RAW_REVIEW_INSERT, params)
            raw_connection.execute(RAW_CLAIM_UPDATE, params)
        timings["raw_sql"].append(time.perf_counter() - started)
    seconds = {path: round(statistics.median(values), 4) for path, values in timings.items()}
    log(
        f"  bulk review of {size:,}: API {seconds['api']} s, service {seconds['service']} s, "
        f"raw {seconds['raw_sql']} s"
    )
    return {
        "claims": size,
        "repeats": repeats,
        "seconds": seconds,
        "all_seconds": {path: [round(v, 4) for v in values] for path, values in timings.items()},
        "ratio_api": ratio(seconds["api"], seconds["raw_sql"]),
        "ratio_service": ratio(seconds["service"], seconds["raw_sql"]),
        "queries": queries,
    }


# --- 4 and 5: ingest and extraction ----------------------------------------------------------


def seed_variants(count: int, seed: int) -> list:
    """``count`` distinct articles made from the seed: other figures, places and dates, so
    each has its own content hash and extraction does real work on each."""
    from sources.parsing import parse_article_text

    template = SEED.read_text(encoding="utf-8")
    rng = random.Random(seed)
    places = ["Kabul", "Jalalabad", "Kandahar", "Herat", "Kunduz", "Ghazni", "Khost"]
    variants = []
    for number in range(count):
        text = re.sub(
            r"\b\d{1,3}\b",
            lambda match: str(rng.randint(2, 10 ** len(match.group()) - 1)),
            template,
        )
        text = text.replace("Jalalabad", rng.choice(places))
        parsed = parse_article_text(text)
        dateline = f"{rng.choice(places).upper()}, dispatch {seed}-{number} -- "
        variants.append(
            {
                "title": f"{parsed.title} ({number})",
                "body": dateline + parsed.body,
                "outlet": parsed.outlet or "Bench Wire",
                "published_on": parsed.published_on,
            }
        )
    return variants


def measure_ingest(articles: list[dict], reviewer) -> dict:
    """Articles per second end to end, the way each path stores them: the ingest command
    in chunks (claims.services.ingest.ingest_chunks: one transaction per chunk, the next
    chunk extracted meanwhile in a worker process), and POST /api/articles/ one at a time
    (ingest_article). Each half of the articles goes through one path, so every article is
    new."""
    from claims.management.commands.ingest import STORE_CHUNK
    from claims.models import Claim
    from claims.services.ingest import ingest_article, ingest_chunks
    from sources.incoming import IncomingArticle

    # Warm-up: imports, regex compilation, prepared plans, the extraction worker's start.
    warm_up = [IncomingArticle(**{**a, "title": "warm-up " + a["title"]}) for a in articles[:5]]
    for _ in ingest_chunks([warm_up[:2], warm_up[2:4]]):
        pass
    ingest_article(warm_up[4])
    timed = articles[5:]
    chunked, single = timed[: len(timed) // 2], timed[len(timed) // 2 :]

    before = Claim.objects.count()
    started, cpu_started = time.perf_counter(), time.process_time()
    chunks = (
        [IncomingArticle(**a) for a in chunked[first : first + STORE_CHUNK]]
        for first in range(0, len(chunked), STORE_CHUNK)
    )
    for results in ingest_chunks(chunks, ingested_by=reviewer):
        if not all(result.created for result in results):
            raise RuntimeError("a benchmark article was already stored; variants must differ")
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    claims = Claim.objects.count() - before

    single_started = time.perf_counter()
    for article in single:
        if not ingest_article(IncomingArticle(**article), ingested_by=reviewer).created:
            raise RuntimeError("a benchmark article was already stored; variants must differ")
    single_seconds = time.perf_counter() - single_started

    figures = {
        "path": f"ingest_chunks, {STORE_CHUNK} per transaction (ingest command)",
        "articles": len(chunked),
        "seconds": round(seconds, 4),
        "articles_per_second": round(len(chunked) / seconds, 1),
        # This process's CPU (ORM, driver; extraction only where no worker did it); the rest
        # is PostgreSQL, the extraction worker and waiting.
        "client_cpu_ms_per_article": round(cpu_seconds / len(chunked) * 1000, 3),
        "claims_per_article": round(claims / len(chunked), 2),
        "mean_body_bytes": round(
            sum(len(article["body"].encode()) for article in chunked) / len(chunked)
        ),
        "one_at_a_time": {
            "path": "ingest_article, one transaction each (POST /api/articles/)",
            "articles": len(single),
            "articles_per_second": round(len(single) / single_seconds, 1),
        },
    }
    log(
        f"  ingest: {figures['articles_per_second']} articles/s in chunks, "
        f"{figures['one_at_a_time']['articles_per_second']} one at a time"
    )
    return figures


def measure_extraction(articles: list[dict], *, min_seconds: float) -> dict:
    from claims.extraction import extract

    bodies = [article["body"] for article in articles]
    for body in bodies[:5]:
        extract(body)
    size = sum(len(body.encode()) for body in bodies)
    rounds, started, cpu_started = 0, time.perf_counter(), time.process_time()
    while True:
        for body in bodies:
            extract(body)
        rounds += 1
        seconds = time.perf_counter() - started
        if seconds >= min_seconds:
            break
    cpu_seconds = time.process_time() - cpu_started
    # CPU time is what "on one core" means, and it holds up on a busy machine; wall time
    # is kept beside it.
    figures = {
        "articles": len(bodies) * rounds,
        "bytes": size * rounds,
        "seconds": round(seconds, 4),
        "cpu_seconds": round(cpu_seconds, 4),
        "mb_per_second": round(size * rounds / cpu_seconds / 1e6, 3),
        "mb_per_second_wall": round(size * rounds / seconds / 1e6, 3),
        "articles_per_second": round(len(bodies) * rounds / cpu_seconds, 1),
    }
    log(f"  extraction: {figures['mb_per_second']} MB/s")
    return figures


# --- The report --------------------------------------------------------------------------------


def machine_info(raw_connection) -> dict:
    import django
    import psycopg
    import rest_framework

    cpu = platform.processor()
    memory = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "claims", "sources", "factcheck"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gib": memory,
        "os": platform.platform(),
        "postgresql": raw_connection.execute("SHOW server_version").fetchone()[0],
        "python": platform.python_version(),
        "django": django.get_version(),
        "djangorestframework": rest_framework.__version__,
        "psycopg": psycopg.__version__,
        "load_average_at_start": [round(load, 2) for load in os.getloadavg()],
        "git_commit": commit or None,
        "uncommitted_app_changes": bool(dirty),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }


def verdicts(report: dict) -> dict:
    """Which targets the run met, by name; None where the figure was not measured."""
    listing = report.get("list", {}).get(HEADLINE)
    bulk = report.get("bulk_review")
    ingest = report.get("ingest")
    growth = report.get("growth")
    return {
        "list_ratio_le_3": None
        if listing is None
        else listing["ratio_p50"] <= TARGETS["list_ratio"],
        "queries_constant": report.get("queries_per_page", {}).get("constant"),
        "bulk_review_le_1s": None
        if bulk is None
        else max(bulk["seconds"]["api"], bulk["seconds"]["service"])
        <= TARGETS["bulk_review_seconds"],
        "bulk_review_ratio_le_3": None
        if bulk is None
        else max(bulk["ratio_api"], bulk["ratio_service"]) <= TARGETS["bulk_review_ratio"],
        "ingest_ge_200_per_s": None
        if ingest is None
        else ingest["articles_per_second"] >= TARGETS["ingest_per_second"],
        "growth_flat": None if not growth or len(growth["stages"]) < 2 else growth["flat"],
    }


def growth_summary(stages: list[dict]) -> dict:
    smallest, largest = stages[0], stages[-1]
    factor = ratio(largest["api"]["p50_ms"], smallest["api"]["p50_ms"])
    return {
        "scenario": HEADLINE,
        "stages": stages,
        "p50_factor_largest_to_smallest": factor,
        # The same for the raw query: if it grows too, the database (plan, cache) grew.
        "raw_sql_p50_factor_largest_to_smallest": ratio(
            largest["raw_sql"]["p50_ms"], smallest["raw_sql"]["p50_ms"]
        ),
        "threshold": TARGETS["growth_p50_factor"],
        "flat": factor is not None and factor <= TARGETS["growth_p50_factor"],
    }


def profile_to(directory: str | None, name: str, function):
    """Run ``function`` under cProfile when --profile is given; the stats file is for
    ``python -m pstats`` or snakeviz."""
    if not directory:
        return function()
    Path(directory).mkdir(parents=True, exist_ok=True)
    profiler = cProfile.Profile()
    try:
        return profiler.runcall(function)
    finally:
        profiler.dump_stats(str(Path(directory) / f"{name}.prof"))


# --- Main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    server = database_settings()
    log(f"creating database {args.database!r} on {server.get('HOST') or 'localhost'}")
    recreate_database(server, args.database)
    try:
        report = run(args, server)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            drop_database(server, args.database)
    text = json.dumps(report, indent=2, default=str)
    print(text)
    out = args.out
    if out is None and not args.smoke:
        stamp = datetime.date.today().isoformat()
        out = ROOT / "bench" / "results" / f"{stamp}-{args.claims}.json"
    if out is not None:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(text + "\n", encoding="utf-8")
        log(f"report written to {out}")
    return report


def run(args: argparse.Namespace, server: dict) -> dict:
    configure_django(args.database)
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from bench import dataset
    from claims.services.tokens import issue_token

    started = time.perf_counter()
    log("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    reviewers = Group.objects.get(name="reviewers")
    team = [User.objects.create_user(f"reviewer{n}", password=None) for n in range(10)]
    for member in team:
        member.groups.add(reviewers)
    reviewer = User.objects.get(pk=team[0].pk)  # fresh, without a cached permission set
    call = Wsgi(issue_token(reviewer, name="bench"))

    raw_connection = connect(server, args.database)
    raw_connection.autocommit = True
    newsroom = dataset.create_newsroom(
        raw_connection,
        claimants=args.claimants,
        reviewer_ids=[member.pk for member in team],
        seed=args.seed,
    )
    claims_per_article = args.claims / args.articles
    stages = sorted({*args.growth_sizes, args.claims})
    report: dict = {
        "benchmark": "factcheck bench/run.py",
        "command": "python bench/run.py " + " ".join(argv_for_report()),
        "smoke": args.smoke,
        "machine": machine_info(raw_connection),
        "settings": {
            "debug": False,
            "database": args.database,
            "db_pool_size": int(os.environ.get("DB_POOL_SIZE", "4")),
            "iterations": args.iterations,
            "warmup": args.warmup,
            "list_via": "in-process WSGI call with a reviewer's API token",
        },
        "targets": TARGETS,
    }
    loaded = {"articles": 0, "claims": 0, "reviews": 0, "incidents": 0, "load_seconds": 0.0}
    growth_stages = []
    raw = RawList(raw_connection)
    for size in stages:
        log(f"loading up to {size:,} claims")
        load_started = time.perf_counter()
        written = dataset.add_claims(
            raw_connection,
            newsroom,
            claims=size - loaded["claims"],
            claims_per_article=claims_per_article,
        )
        dataset.analyze(raw_connection)
        for key, value in written.items():
            loaded[key] += value
        loaded["load_seconds"] = round(
            loaded["load_seconds"] + time.perf_counter() - load_started, 2
        )
        log(f"measuring the list at {size:,} claims")
        scenarios = profile_to(
            args.profile if size == args.claims else None,
            "list",
            lambda: measure_list_scenarios(
                call, raw, iterations=args.iterations, warmup=args.warmup
            ),
        )
        if size in args.growth_sizes:
            growth_stages.append(
                {
                    "claims": size,
                    **scenarios[HEADLINE],
                    "other_scenarios_p50_ms": {
                        name: {
                            "api": figures["api"]["p50_ms"],
                            "raw_sql": figures["raw_sql"]["p50_ms"],
                        }
                        for name, figures in scenarios.items()
                        if name != HEADLINE
                    },
                }
            )
        if size != args.claims:
            continue
        report["dataset"] = {
            **loaded,
            "claimants": args.claimants,
            "reviewers": len(team),
            "claims_per_article": round(claims_per_article, 2),
        }
        report["list"] = scenarios
        report["list"]["headline"] = HEADLINE
        report["queries_per_page"] = queries_per_page(call)
        report["search"] = measure_search(call, iterations=args.iterations, warmup=args.warmup)
        log("bulk review")
        report["bulk_review"] = profile_to(
            args.profile,
            "bulk_review",
            lambda: measure_bulk_review(
                call, raw_connection, reviewer, size=args.bulk, repeats=args.bulk_repeats
            ),
        )
        log("ingest and extraction")
        articles = seed_variants(args.ingest + 5, args.seed)
        report["ingest"] = profile_to(
            args.profile, "ingest", lambda articles=articles: measure_ingest(articles, reviewer)
        )
        report["extraction"] = measure_extraction(articles, min_seconds=0.3 if args.smoke else 3.0)
        report["ingest"]["extraction_share"] = round(
            min(
                1.0,
                report["ingest"]["articles_per_second"]
                / report["extraction"]["articles_per_second"],
            ),
            3,
        )
    if growth_stages:
        report["growth"] = growth_summary(growth_stages)
    report["machine"]["load_average_at_end"] = [round(load, 2) for load in os.getloadavg()]
    report["met"] = verdicts(report)
    report["total_seconds"] = round(time.perf_counter() - started, 1)
    raw_connection.close()
    return report


def argv_for_report() -> list[str]:
    return sys.argv[1:] if Path(sys.argv[0]).name == "run.py" else []


if __name__ == "__main__":
    main()
