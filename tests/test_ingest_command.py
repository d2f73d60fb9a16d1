"""`manage.py ingest`: idempotent, all-or-nothing per article, clear about bad files."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import EXTRACTOR_VERSION
from claims.models import Claim, Review
from sources.models import Article

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.django_db


def ingest(*args):
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_ingest_stores_the_article_and_its_claims():
    out, _ = ingest(SEEDS)
    assert out.strip().endswith("1 new, 0 already present, 0 failed")
    article = Article.objects.get()
    assert article.title.startswith("Drone Strike in Afghanistan")
    claims = list(article.claims.all())
    assert claims, "the seed article has casualty claims"
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text


def test_second_ingest_creates_nothing():
    ingest(SEEDS)
    counts = (Article.objects.count(), Claim.objects.count())
    out, _ = ingest(SEEDS)
    assert out.strip().endswith("0 new, 1 already present, 0 failed")
    assert (Article.objects.count(), Claim.objects.count()) == counts


def test_seed_casualty_claims_are_found_with_their_sources():
    ingest(SEEDS)
    casualties = {
        (c.outcome, c.count_min, c.count_max, c.claimant.name if c.claimant else None)
        for c in Claim.objects.filter(kind="casualty").select_related("claimant")
    }
    assert ("killed", 180, 180, None) in casualties
    assert ("killed", 13, 13, None) in casualties
    outcomes_by_count = {(o, lo) for o, lo, _, _ in casualties}
    assert {("killed", 3), ("injured", 4), ("killed", 0)} <= outcomes_by_count
    elder = Claim.objects.get(kind="casualty", outcome="killed", count_min=3)
    assert "elder" in elder.attribution
    military = Claim.objects.get(kind="casualty", outcome="killed", count_min=0)
    assert "military" in military.attribution.lower()


def test_dry_run_json_prints_claims_and_writes_nothing():
    out, _ = ingest("--dry-run", "--json", SEEDS)
    report = json.loads(out)
    assert Article.objects.count() == 0
    [seed] = report
    assert seed["file"].endswith("000_f4e75a9c6c075ae4.txt")
    assert seed["title"].startswith("Drone Strike")
    keys = {
        "kind",
        "text",
        "start",
        "end",
        "outcome",
        "count_min",
        "count_max",
        "approximate",
        "lower_bound",
        "group",
        "attributed_to",
        "mentions",
        "superseded",
        "extractor_version",
    }
    assert all(keys <= claim.keys() for claim in seed["claims"])
    assert {claim["extractor_version"] for claim in seed["claims"]} == {EXTRACTOR_VERSION}
    for claim in seed["claims"]:
        assert claim["mentions"][0] == [claim["start"], claim["end"]]
    about_180 = [c for c in seed["claims"] if c["count_min"] == 180]
    assert about_180 and about_180[0]["approximate"] is True
    speakers = " ".join(c["attributed_to"] or "" for c in seed["claims"])
    for speaker in ["Kirby", "Malik Adib", "commander", "Zabihullah Mujahid", "UN"]:
        assert speaker in speakers


@pytest.fixture
def mixed_folder(tmp_path):
    (tmp_path / "a_good.txt").write_text(
        "Bus crash\n\nFive people were killed when a bus overturned, police said.", "utf-8"
    )
    (tmp_path / "b_latin1.txt").write_bytes("Café\n\nDeux morts à Montréal.".encode("latin-1"))
    (tmp_path / "c_empty.txt").write_text("  \n\n", "utf-8")
    (tmp_path / "d_huge.txt").write_text("Huge\n\n" + "word " * 300, "utf-8")
    (tmp_path / "e_not_an_article.md").write_text("ignored", "utf-8")
    return tmp_path


def test_bad_files_are_named_with_the_reason_and_the_rest_goes_on(mixed_folder, settings):
    settings.ARTICLE_MAX_BYTES = 1000
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="3 of 4 files"):
        call_command("ingest", str(mixed_folder), stdout=out, stderr=err)
    messages = err.getvalue()
    assert "b_latin1.txt: not UTF-8" in messages
    assert "c_empty.txt: empty" in messages
    assert "d_huge.txt: too large" in messages
    assert Article.objects.get().title == "Bus crash"
    assert "1 new, 0 already present, 3 failed" in out.getvalue()


def test_missing_path_is_an_error():
    with pytest.raises(CommandError, match="no such file"):
        ingest("/nonexistent/folder")


def test_failed_file_makes_the_exit_status_non_zero(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(
        [sys.executable, "manage.py", "ingest", "--dry-run", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "bad.txt: not UTF-8" in result.stderr


def test_ingest_writes_no_reviews():
    ingest(SEEDS)
    assert not Review.objects.exists()
