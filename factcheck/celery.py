"""The Celery app. With no CELERY_BROKER_URL, tasks run inline (the embedded default)."""

import logging
import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

app = Celery("factcheck")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
log = logging.getLogger(__name__)


@worker_init.connect
def warn_when_workers_exceed_the_connection_budget(sender=None, **kwargs):
    """Each worker process keeps its own pool (DB_POOL_SIZE): log loudly, at start, when
    --concurrency times that cannot fit in the database's max_connections."""
    from factcheck.dbcapacity import ConnectionBudgetExceeded, check_connection_budget

    try:
        summary = check_connection_budget(processes=sender.concurrency, threads=1)
    except ConnectionBudgetExceeded as exceeded:
        log.error("Celery worker: %s", exceeded)
    else:
        log.info("Celery worker database connections: %s", summary)
