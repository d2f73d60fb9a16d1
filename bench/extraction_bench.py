"""Throughput of ``claims.extraction.extract`` on one core, printed as JSON.

Builds about 5 MB of seed-like text (the seed article plus the labelled corpus passages, with
their numbers varied so no two articles are identical) and times extraction article by
article.

    python bench/extraction_bench.py [--megabytes 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.extraction import extract  # noqa: E402

SEED = ROOT / "seeds" / "000_f4e75a9c6c075ae4.txt"
CORPUS = ROOT / "tests" / "extraction_corpus" / "corpus.json"


def sample_articles() -> list[str]:
    """The seed article's text and every corpus passage."""
    articles = [SEED.read_text(encoding="utf-8")]
    articles += [passage["text"] for passage in json.loads(CORPUS.read_text(encoding="utf-8"))]
    return articles


def build_workload(megabytes: float) -> list[str]:
    """Articles totalling ``megabytes`` of UTF-8, each with its digits shifted a little."""
    base = sample_articles()
    target = int(megabytes * 1_000_000)
    articles: list[str] = []
    size = 0
    variant = 0
    while size < target:
        digits = "0123456789"
        rotation = str.maketrans(digits, digits[variant % 10 :] + digits[: variant % 10])
        for article in base:
            shifted = article.translate(rotation)
            articles.append(shifted)
            size += len(shifted.encode("utf-8"))
        variant += 1
    return articles


def main() -> None:
    """Time extraction over the workload and print MB/s and articles/s."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    arguments = parser.parse_args()

    articles = build_workload(arguments.megabytes)
    total_bytes = sum(len(article.encode("utf-8")) for article in articles)
    extract(articles[0])
    claims = 0
    started = time.perf_counter()
    for article in articles:
        claims += len(extract(article))
    elapsed = time.perf_counter() - started
    print(
        json.dumps(
            {
                "articles": len(articles),
                "megabytes": round(total_bytes / 1_000_000, 2),
                "seconds": round(elapsed, 3),
                "mb_per_second": round(total_bytes / 1_000_000 / elapsed, 2),
                "articles_per_second": round(len(articles) / elapsed, 1),
                "claims": claims,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
