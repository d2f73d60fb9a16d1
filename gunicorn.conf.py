"""gunicorn settings for production (`gunicorn factcheck.wsgi`), overridable from the environment.

Workers are processes, (2 x cores) + 1 by default: requests here are short and mostly wait on
PostgreSQL, so a few more processes than cores keeps the CPUs busy. Each worker has its own
connection pool (DB_POOL_SIZE); gunicorn refuses to start when workers x pool cannot fit in
the database's max_connections.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threads per worker, as many as its connection pool holds (DB_POOL_SIZE, 4): a request
# waiting on a row lock then ties up one thread, not the whole worker, and other reads go on.
threads = int(os.environ.get("WEB_THREADS", 4))
# Above the database's statement timeout (DB_STATEMENT_TIMEOUT_MS, 15 s), so a slow query
# ends as a JSON error from Django, never as a worker killed mid-answer.
timeout = int(os.environ.get("WEB_TIMEOUT", 30))
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then, so a slow leak never grows
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse a configuration whose connections cannot all fit in the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    from factcheck.dbcapacity import check_connection_budget

    summary = check_connection_budget(processes=server.cfg.workers, threads=server.cfg.threads)
    server.log.info("Database connections: %s", summary)
