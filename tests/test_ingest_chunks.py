"""ingest_chunks: the next chunk is extracted in a worker process while one is written, and
what is stored is the same as extracting everything in this process."""

import dataclasses

import pytest

from claims.models import Claim
from claims.services.ingest import ingest_chunks
from tests.factories import parsed_seed

pytestmark = pytest.mark.django_db


def variants(tag: str, count: int):
    """Distinct articles from the seed (each its own text, so each is new)."""
    seed = parsed_seed()
    return [
        dataclasses.replace(
            seed,
            title=f"{seed.title} {tag}{n}",
            body=f"{tag.upper()} dispatch {n} -- {seed.body.replace('13', str(20 + n))}",
            url="",
        )
        for n in range(count)
    ]


def stored_claims(articles) -> list[tuple]:
    titles = [article.title for article in articles]
    return sorted(
        (row[0].split()[-1][1:], *row[1:])
        for row in Claim.objects.filter(article__title__in=titles).values_list(
            "article__title", "kind", "start", "end", "outcome", "count_min", "count_max"
        )
    )


@pytest.mark.parametrize("workers", [0, 1])
def test_chunks_store_the_same_claims_with_or_without_a_worker(settings, workers):
    settings.INGEST_EXTRACT_WORKERS = workers
    articles = variants(f"w{workers}", 5)
    chunks = [articles[:2], articles[2:4], articles[4:]]

    results = list(ingest_chunks(chunks))

    assert [len(chunk) for chunk in results] == [2, 2, 1]
    assert all(result.created and result.claim_count for chunk in results for result in chunk)
    inline = variants(f"w{workers}", 5)  # the same texts: already stored, nothing new
    assert not any(r.created for chunk in ingest_chunks([inline[:3], inline[3:]]) for r in chunk)


def test_a_worker_extracts_what_this_process_would(settings):
    settings.INGEST_EXTRACT_WORKERS = 1
    with_worker = variants("a", 4)
    list(ingest_chunks([with_worker[:2], with_worker[2:]]))
    settings.INGEST_EXTRACT_WORKERS = 0
    in_process = variants("b", 4)
    list(ingest_chunks([in_process[:2], in_process[2:]]))

    assert stored_claims(with_worker) == stored_claims(in_process)
    assert len(stored_claims(with_worker)) >= 4 * 10
