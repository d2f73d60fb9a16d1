"""A live Celery worker on the real Redis ingests a batch; killed mid-batch and restarted, it
finishes with every article stored exactly once."""

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from claims.models import Claim, IngestItem
from claims.services.batches import create_ingest_batch
from factcheck.celery import app as celery_app
from sources.incoming import IncomingArticle
from sources.models import Article
from tests.factories import parsed_seed

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")
ARTICLES = 200
# A queue of this run's own, so test runs sharing the Redis server never take each other's tasks.
QUEUE = f"factcheck-test-{uuid.uuid4().hex[:12]}"

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def live_broker():
    if connection.vendor != "postgresql":
        pytest.skip("a worker process shares the test database only on PostgreSQL")
    if not redis_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; .ci/run should start it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    settings = ("task_always_eager", "broker_url", "task_default_queue")
    saved = {key: celery_app.conf[key] for key in settings}
    celery_app.conf.update(task_always_eager=False, broker_url=REDIS_URL, task_default_queue=QUEUE)
    forget_routing()
    yield REDIS_URL
    celery_app.conf.update(saved)
    forget_routing()


def forget_routing():
    """Drop the app's producer pool and its routing (cached on first use, e.g. by an earlier
    eager test), so the configuration just changed is what sends the next task."""
    celery_app.close()
    celery_app.__dict__.pop("amqp", None)


def start_worker(log_path):
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '%2Fvar%2Frun%2Fpostgresql'}"
    url += f":{db['PORT'] or 5432}/{db['NAME']}" if db["HOST"] else f"/{db['NAME']}"
    env = dict(
        os.environ,
        DATABASE_URL=url,
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_VISIBILITY_TIMEOUT="3",
    )
    celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
    return subprocess.Popen(
        [
            celery,
            "-A",
            "factcheck",
            "worker",
            "-Q",
            QUEUE,
            "-c",
            "2",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=open(log_path, "ab"),  # noqa: SIM115 - the worker process owns it
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill(worker):
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def done_count(batch):
    return IngestItem.objects.filter(batch=batch, state="done").count()


def worker_log(log_path) -> str:
    return log_path.read_text(errors="replace")[-3000:] if log_path.exists() else "(no log)"


def test_killed_worker_restarted_finishes_the_batch_without_loss_or_doubles(live_broker, tmp_path):
    log_path = tmp_path / "worker.log"
    parsed = parsed_seed()
    articles = [
        IncomingArticle(title=f"{parsed.title} ({n})", body=f"Update {n}. {parsed.body}")
        for n in range(ARTICLES)
    ]
    batch = create_ingest_batch(articles=articles, source="test")
    assert IngestItem.objects.filter(batch=batch, state="pending").count() == ARTICLES

    worker = start_worker(log_path)
    try:
        assert wait_for(lambda: done_count(batch) >= 5, 90), (
            f"the worker processed nothing; its log:\n{worker_log(log_path)}"
        )
        kill(worker)
        done_at_kill = done_count(batch)
        assert done_at_kill < ARTICLES, "the batch finished before the worker could be killed"

        worker = start_worker(log_path)
        finished = lambda: not IngestItem.objects.filter(batch=batch, state="pending").exists()  # noqa: E731
        if not wait_for(finished, 60):
            # Redis can lose the task a worker took in the instant before SIGKILL; the
            # operators' periodic requeue (manage.py requeue_ingest) sends it again.
            call_command("requeue_ingest", "--older-than", "0", stdout=io.StringIO())
        assert wait_for(finished, 60), (
            f"{IngestItem.objects.filter(batch=batch, state='pending').count()} items still "
            f"pending; the worker's log:\n{worker_log(log_path)}"
        )
    finally:
        kill(worker)

    assert done_count(batch) == ARTICLES
    assert Article.objects.count() == ARTICLES
    article_ids = IngestItem.objects.filter(batch=batch).values_list("article_id", flat=True)
    assert len(set(article_ids)) == ARTICLES, "each item has its own article"
    claims_per_article = set(
        Article.objects.annotate(n=Count("claims")).values_list("n", flat=True)
    )
    assert len(claims_per_article) == 1, "every article has all of its claims"
    assert claims_per_article.pop() == Claim.objects.count() // ARTICLES > 0
