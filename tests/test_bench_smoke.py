"""bench/run.py --smoke end to end, so the benchmark cannot rot: it still loads data, calls
every measured path and reports every figure. Timings are not asserted; shapes are."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(
            ("postgres://", "postgresql://", "pgsql://")
        ),
        reason="the benchmark runs on PostgreSQL only; set DATABASE_URL to a PostgreSQL server",
    ),
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "smoke.json"
    finished = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--smoke",
            "--database",
            "factcheck_bench_smoke",
            "--out",
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert finished.returncode == 0, f"bench/run.py --smoke failed:\n{finished.stderr[-4000:]}"
    assert json.loads(finished.stdout) == json.loads(out.read_text())
    return json.loads(out.read_text())


def test_smoke_report_has_every_figure(report):
    assert {
        "machine",
        "dataset",
        "list",
        "queries_per_page",
        "bulk_review",
        "ingest",
        "extraction",
        "growth",
        "met",
    } <= report.keys()
    assert set(report["met"]) == {
        "list_ratio_le_3",
        "queries_constant",
        "bulk_review_le_1s",
        "bulk_review_ratio_le_3",
        "ingest_ge_200_per_s",
        "growth_flat",
    }


def test_smoke_records_the_machine(report):
    machine = report["machine"]
    assert machine["cores"] >= 1
    assert machine["postgresql"][0].isdigit()
    assert machine["django"].startswith("5.")


def test_smoke_loads_the_requested_data_set(report):
    assert report["dataset"]["claims"] == 2_000
    assert 100 <= report["dataset"]["articles"] <= 400
    assert 0 < report["dataset"]["reviews"] < 2_000


def test_smoke_list_matches_raw_sql_row_for_row(report):
    for name, figures in report["list"].items():
        if name == "headline":
            continue
        assert figures["rows"] == 50, name
        assert figures["raw_matches_api"], f"{name}: the API and raw SQL pages differ"
        assert figures["api"]["p50_ms"] > 0 and figures["raw_sql"]["p50_ms"] > 0
        assert figures["ratio_p50"] > 0


def test_smoke_counts_the_same_queries_at_10_and_100_rows(report):
    pages = report["queries_per_page"]
    assert (pages["10"]["rows"], pages["100"]["rows"]) == (10, 100)
    assert pages["constant"] is (pages["10"]["queries"] == pages["100"]["queries"])


def test_smoke_bulk_review_ran_all_three_paths(report):
    bulk = report["bulk_review"]
    assert bulk["claims"] == 200
    assert set(bulk["seconds"]) == {"api", "service", "raw_sql"}
    assert all(seconds > 0 for seconds in bulk["seconds"].values())


def test_smoke_ingest_and_extraction_did_work(report):
    ingest = report["ingest"]
    assert ingest["articles"] + ingest["one_at_a_time"]["articles"] == 20
    assert ingest["claims_per_article"] > 0
    assert ingest["articles_per_second"] > 0
    assert ingest["one_at_a_time"]["articles_per_second"] > 0
    assert report["extraction"]["mb_per_second"] > 0


def test_smoke_measures_full_text_search(report):
    assert set(report["search"]) == {"list_word", "list_place_and_status", "ranked_phrase"}
    assert report["search"]["list_word"]["rows"] > 0, "synthetic claims say 'killed'"
    assert all(figures["p50_ms"] > 0 for figures in report["search"].values())


def test_smoke_growth_has_a_stage_per_size(report):
    assert [stage["claims"] for stage in report["growth"]["stages"]] == [1_000, 2_000]
    assert isinstance(report["growth"]["flat"], bool)
