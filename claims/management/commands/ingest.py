"""Ingest article files: ``python manage.py ingest seeds/`` (see README, "Ingesting")."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from claims.extraction import extract
from claims.services import ArticleRejected, ingest_article, validate_article_body
from sources.parsing import ArticleFileError, decode_article_bytes, parse_article_text


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
    return {
        "kind": claim.kind,
        "text": claim.text,
        "start": claim.start,
        "end": claim.end,
        "outcome": claim.outcome,
        "count_min": claim.count_min,
        "count_max": claim.count_max,
        "approximate": claim.approximate,
        "lower_bound": claim.lower_bound,
        "upper_bound": claim.upper_bound,
        "group": claim.group or None,
        "attributed_to": claim.speaker.as_written if claim.speaker else None,
        "claimant": claim.speaker.name if claim.speaker else None,
    }


class Command(BaseCommand):
    help = (
        "Ingest .txt articles (files or folders). The first non-empty line is the title; "
        "optional 'URL:', 'Outlet:', 'Published:' lines may follow. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help=".txt files or folders of them")
        parser.add_argument(
            "--dry-run", action="store_true", help="extract and report; write nothing"
        )
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="print the results as JSON"
        )

    def handle(self, *args, paths, dry_run, as_json, **options):
        files = article_paths(paths)
        results, failures, created, present = [], 0, 0, 0
        progress = tqdm(files, desc="Ingesting", unit="file", file=sys.stderr, disable=None)
        for path in progress:
            try:
                parsed = parse_article_text(
                    decode_article_bytes(path.read_bytes(), max_bytes=settings.ARTICLE_MAX_BYTES)
                )
                if dry_run:
                    validate_article_body(parsed.body)
                    claims = extract(parsed.body)
                    results.append(
                        {
                            "file": str(path),
                            "title": parsed.title,
                            "claims": [claim_as_json(claim) for claim in claims],
                        }
                    )
                    continue
                outcome = ingest_article(
                    title=parsed.title,
                    body=parsed.body,
                    url=parsed.url,
                    outlet=parsed.outlet,
                    published_on=parsed.published_on,
                )
            except (ArticleFileError, ArticleRejected, OSError) as error:
                failures += 1
                message = str(error) if not isinstance(error, OSError) else error.strerror
                results.append({"file": str(path), "error": message})
                with tqdm.external_write_mode(file=sys.stderr):
                    self.stderr.write(f"{path}: {message}")
                continue
            created += outcome.created
            present += not outcome.created
            results.append(
                {
                    "file": str(path),
                    "article": outcome.article.pk,
                    "title": outcome.article.title,
                    "created": outcome.created,
                    "claims": outcome.claim_count,
                }
            )
        progress.close()

        if as_json:
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        elif dry_run:
            for result in results:
                if "claims" in result:
                    self.stdout.write(f"{result['file']}: {len(result['claims'])} claims")
        if not dry_run and not as_json:
            self.stdout.write(f"{created} new, {present} already present, {failures} failed")
        if failures:
            raise CommandError(f"{failures} of {len(files)} files could not be ingested")
