"""Ingest article files: ``python manage.py ingest seeds/`` (see README, "Ingesting")."""

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims import spec
from claims.extraction import extract
from claims.selectors import batch_progress
from claims.services.batches import create_ingest_batch
from claims.services.exceptions import ArticleRejected
from claims.services.ingest import ingest_chunks, merge_mentions, validate_article_body
from sources.parsing import ArticleFileError, decode_article_bytes, parse_article_text

# Files stored per transaction: large enough to amortise the queries, small enough that a
# failure costs little and memory stays flat on big folders.
STORE_CHUNK = 100


def article_paths(targets: list[str]) -> list[Path]:
    """The .txt files named, and those found (recursively, sorted) in the folders named."""
    paths: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        elif path.exists():
            paths.append(path)
        else:
            raise CommandError(f"{target}: no such file or folder")
    return paths


def claim_as_json(claim) -> dict:
    """An extracted claim as ``--dry-run --json`` prints it: the fields ingest would store
    (empty text as null) and who it is attributed to."""
    values = {field.name: getattr(claim, field.name) for field in spec.EXTRACTED_FIELDS}
    return {
        **{name: None if value == "" else value for name, value in values.items()},
        "attributed_to": claim.speaker.as_written if claim.speaker else None,
        "claimant": claim.speaker.name if claim.speaker else None,
        "mentions": [list(span) for span in claim.mentions or ((claim.start, claim.end),)],
        "superseded": claim.superseded,
        "supersedes": list(claim.supersedes) if claim.supersedes else None,
        "extractor_version": claim.extractor_version,
    }


class Command(BaseCommand):
    help = (
        "Ingest .txt articles (files or folders). The first non-empty line is the title; "
        "optional 'URL:', 'Outlet:', 'Published:' lines may follow. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt files or folders of them")
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--dry-run", action="store_true", help="extract and report; write nothing"
        )
        mode.add_argument(
            "--async",
            action="store_true",
            dest="in_background",
            help="queue the articles for Celery workers and follow the batch's progress",
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the results as JSON"
        )

    def handle(self, *args, paths, dry_run, in_background, as_json, **options):
        files = article_paths(paths)
        self.results, self.failures = [], 0
        progress = tqdm(files, desc="Ingesting", unit="file", file=sys.stderr, disable=None)
        if not (dry_run or in_background):
            self.store(self.parsed_chunks(progress))
            progress.close()
        else:
            parsed_files = [entry for chunk in self.parsed_chunks(progress) for entry in chunk]
            progress.close()
            if in_background:
                self.queue(parsed_files)
            for path, parsed in [] if in_background else parsed_files:
                claims = [claim_as_json(claim) for claim in merge_mentions(extract(parsed.body))]
                self.results.append({"file": str(path), "title": parsed.title, "claims": claims})

        if as_json:
            self.stdout.write(json.dumps(self.results, ensure_ascii=False, indent=2))
        elif dry_run:
            for result in self.results:
                if "claims" in result:
                    self.stdout.write(f"{result['file']}: {len(result['claims'])} claims")
        elif not in_background:
            created = sum(1 for r in self.results if r.get("created") is True)
            present = sum(1 for r in self.results if r.get("created") is False)
            self.stdout.write(f"{created} new, {present} already present, {self.failures} failed")
        if self.failures:
            raise CommandError(f"{self.failures} of {len(files)} files could not be ingested")

    def report_failure(self, path, message: str) -> None:
        self.failures += 1
        self.results.append({"file": str(path), "error": message})
        with tqdm.external_write_mode(file=sys.stderr):
            self.stderr.write(f"{path}: {message}")

    def parsed_chunks(self, paths):
        """The readable files, parsed, in chunks of STORE_CHUNK; the others are reported."""
        chunk = []
        for path in paths:
            try:
                parsed = parse_article_text(
                    decode_article_bytes(path.read_bytes(), max_bytes=settings.ARTICLE_MAX_BYTES)
                )
                validate_article_body(parsed.body)
            except (ArticleFileError, ArticleRejected) as error:
                self.report_failure(path, str(error))
            except OSError as error:
                self.report_failure(path, error.strerror or str(error))
            else:
                chunk.append((path, parsed))
                if len(chunk) == STORE_CHUNK:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def store(self, chunks) -> None:
        """Ingest the chunks in turn: one transaction and a few queries each, the next
        chunk's claims extracted meanwhile (ingest_chunks)."""
        fed = []

        def submissions():
            for chunk in chunks:
                fed.append(chunk)
                yield [parsed for _, parsed in chunk]

        for outcomes in ingest_chunks(submissions()):
            self.record(fed.pop(0), outcomes)

    def record(self, parsed_files, outcomes) -> None:
        for (path, _), outcome in zip(parsed_files, outcomes, strict=True):
            if outcome.error:
                self.report_failure(path, outcome.error)
                continue
            self.results.append(
                {
                    "file": str(path),
                    "article": outcome.article.pk,
                    "title": outcome.article.title,
                    "created": outcome.created,
                    "claims": outcome.claim_count,
                }
            )

    def queue(self, parsed_files) -> None:
        """Hand the articles to the workers, then follow the batch until it is finished."""
        batch = create_ingest_batch(
            articles=[replace(parsed, label=str(path)) for path, parsed in parsed_files],
            source="command line",
        )
        self.stderr.write(f"Batch {batch.pk}: {len(parsed_files)} articles queued")
        bar = tqdm(total=len(parsed_files), desc="Ingesting", unit="article", file=sys.stderr)
        while True:
            state = batch_progress().get(pk=batch.pk)
            bar.n = state.done + state.failed
            bar.refresh()
            if state.pending == 0:
                break
            time.sleep(0.5)
        bar.close()
        for item in batch.items.filter(state="failed"):
            self.report_failure(item.label, item.error)
        self.results.append({"batch": batch.pk, "done": state.done, "failed": state.failed})
        self.stdout.write(
            f"Batch {batch.pk}: {state.created_articles} new, "
            f"{state.done - state.created_articles} already present, {state.failed} failed"
        )
