"""Background ingest throughput with one Celery worker process against two, side by side.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck python bench/workers.py \\
        [--articles 400] [--broker redis://127.0.0.1:6379/10]

Creates its own database (``factcheck_bench_workers`` on the DATABASE_URL server), migrates
it, and for each worker count queues the same batch of seed-sized articles (distinct texts,
so every one is stored), starts that many worker processes on a queue of its own, and
times the batch from queueing to its last item. Prints a JSON report; the speed-up is the
ratio of articles per second with two workers to one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_f4e75a9c6c075ae4.txt"
DATABASE = "factcheck_bench_workers"


def bench_url(server_url: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def recreate_database(server_url: str) -> None:
    admin = urlunsplit(urlsplit(server_url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")


def run_batch(workers: int, articles: list[dict], env: dict) -> dict:
    """Queue the batch, start ``workers`` processes, wait for the last item; seconds."""
    from claims.models import Claim, IngestBatch
    from claims.selectors import batch_progress
    from claims.services.batches import create_ingest_batch
    from factcheck.celery import app as celery_app
    from sources.incoming import IncomingArticle
    from sources.models import Article

    Claim.objects.all().delete()
    Article.objects.all().delete()
    IngestBatch.objects.all().delete()
    queue = f"bench-workers-{uuid.uuid4().hex[:8]}"
    celery_app.conf.update(task_default_queue=queue)
    batch = create_ingest_batch(articles=[IncomingArticle(**a) for a in articles], source="bench")
    started = time.perf_counter()
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "factcheck",
            "worker",
            "-Q",
            queue,
            "-c",
            str(workers),
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        first_done = None
        while True:
            progress = batch_progress().get(pk=batch.pk)
            if first_done is None and progress.done:
                first_done = time.perf_counter()
            if progress.pending == 0:
                break
            time.sleep(0.05)
        finished = time.perf_counter()
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    # Time from the first stored article excludes the workers' start-up.
    working = finished - (first_done or started)
    return {
        "workers": workers,
        "articles": progress.done,
        "failed": progress.failed,
        "seconds_total": round(finished - started, 2),
        "seconds_working": round(working, 2),
        "articles_per_second": round(progress.done / working, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/10")
    options = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL server: the workers share its database.")

    recreate_database(server_url)
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)  # DEBUG is off: a key is needed
    env = dict(os.environ, DATABASE_URL=bench_url(server_url), CELERY_BROKER_URL=options.broker)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update(DATABASE_URL=env["DATABASE_URL"], CELERY_BROKER_URL=options.broker)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from sources.parsing import parse_article_text

    seed = parse_article_text(SEED.read_text("utf-8"))
    articles = [
        {"title": f"{seed.title} #{n}", "body": f"Dispatch {n}. {seed.body}"}
        for n in range(options.articles)
    ]
    runs = [run_batch(workers, articles, env) for workers in (1, 2)]
    report = {
        "benchmark": "bench/workers.py",
        "cores": os.cpu_count(),
        "runs": runs,
        "speedup_two_vs_one": round(
            runs[1]["articles_per_second"] / runs[0]["articles_per_second"], 2
        ),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
