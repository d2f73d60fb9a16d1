"""``python manage.py export_corpus [--since DATE] OUT.json``: the articles editors worked on,
with their curated claims, as an annotated corpus (the format of tests/extraction_corpus/)."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from claims.corpus import curated_corpus


def since_date(text: str) -> datetime.datetime:
    """The start of that day in the site's time zone."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since {text!r} is not a date like 2026-11-01.") from None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Command(BaseCommand):
    help = "Write the articles editors worked on, with their curated claims, as a corpus."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Where to write the JSON corpus (- for stdout).")
        parser.add_argument(
            "--since", type=since_date, help="Only articles worked on since this date."
        )

    def handle(self, *args, out, since, **options):
        passages = curated_corpus(since)
        text = json.dumps(passages, ensure_ascii=False, indent=1) + "\n"
        if out == "-":
            self.stdout.write(text, ending="")
            return
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{out}: {error.strerror}") from None
        claims = sum(len(passage["numbers"]) for passage in passages)
        self.stderr.write(
            f"Wrote {len(passages)} article{'s' if len(passages) != 1 else ''}, "
            f"{claims} numbers to {out}."
        )
