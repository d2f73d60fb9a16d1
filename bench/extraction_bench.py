"""Throughput of ``claims.extraction.extract`` on one core, printed as JSON.

Two workloads of about 5 MB each, extracted article by article and timed in process CPU time
(so other load on the machine does not count): seed-like text (the seed article's body, digits
varied per copy) and the labelled corpus passages (short and claim-dense).

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


def seed_body() -> str:
    """The seed article without its duplicated title and comment-form debris."""
    text = SEED.read_text(encoding="utf-8")
    title = text.split("\n", 1)[0]
    return text.split(title, 2)[2].split("Please enter your comment!")[0].strip()


def corpus_passages() -> list[str]:
    """Every labelled corpus passage: short and far denser in claims than real articles."""
    return [passage["text"] for passage in json.loads(CORPUS.read_text(encoding="utf-8"))]


def build_workload(base: list[str], megabytes: float) -> list[str]:
    """Articles totalling ``megabytes`` of UTF-8, each copy with its digits rotated."""
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


def measure(articles: list[str]) -> dict[str, float | int]:
    """Extract every article once, timing only extraction."""
    total_bytes = sum(len(article.encode("utf-8")) for article in articles)
    extract(articles[0])
    claims = 0
    started = time.process_time()
    for article in articles:
        claims += len(extract(article))
    elapsed = time.process_time() - started
    return {
        "articles": len(articles),
        "megabytes": round(total_bytes / 1_000_000, 2),
        "seconds": round(elapsed, 3),
        "mb_per_second": round(total_bytes / 1_000_000 / elapsed, 2),
        "articles_per_second": round(len(articles) / elapsed, 1),
        "claims": claims,
    }


def main() -> None:
    """Print MB/s and articles/s for seed-like text and for the dense corpus passages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    arguments = parser.parse_args()
    results = {
        "seed_like": measure(build_workload([seed_body()], arguments.megabytes)),
        "corpus_passages": measure(build_workload(corpus_passages(), arguments.megabytes)),
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
