"""Re-send background ingest tasks that are still pending: run it from cron every few minutes."""

import datetime

from django.core.management.base import BaseCommand

from claims.services.batches import requeue_stalled_items


class Command(BaseCommand):
    help = (
        "Queue again the ingest tasks of batch items still pending after --older-than "
        "seconds (default 600). Safe to run at any time: tasks are idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=600, metavar="SECONDS")

    def handle(self, *args, older_than, **options):
        sent = requeue_stalled_items(older_than=datetime.timedelta(seconds=older_than))
        self.stdout.write(f"{sent} pending items queued again")
