"""A figure repeated in one article from one source is one claim with all its mentions."""

import json

import pytest
from django.core.management import call_command

from claims.extraction import ExtractedClaim, Speaker, extract
from claims.models import Claim
from claims.services.ingest import ingest_article, merge_mentions
from sources.incoming import IncomingArticle

pytestmark = pytest.mark.django_db

REPEATED = (
    "Police said 3 miners were killed in the blast at the colliery. "
    '"3 miners were killed when the roof fell," police said. '
    "A rescue worker said 2 miners were injured. Police said 3 miners were killed."
)


def casualties(claims):
    return [claim for claim in claims if claim.kind == "casualty"]


def test_repeats_of_one_figure_from_one_source_become_one_claim_with_every_span():
    merged = casualties(merge_mentions(extract(REPEATED)))
    [killed] = [claim for claim in merged if claim.count_min == 3]
    assert len(killed.mentions) == 3
    assert killed.mentions[0] == (killed.start, killed.end)
    assert all(REPEATED[start:end].startswith("3 miners") for start, end in killed.mentions)
    [injured] = [claim for claim in merged if claim.outcome == "injured"]
    assert injured.mentions == ((injured.start, injured.end),)


def test_ingest_merges_repeats_the_extractor_left_apart():
    """Whatever the extractor groups, ingest's merge makes one claim per figure per source
    (and keeps the extractor's own mentions)."""
    police = Speaker(as_written="Police", name="Police")
    repeats = [
        ExtractedClaim(
            kind="casualty",
            text="3 miners",
            start=start,
            end=start + 8,
            outcome="killed",
            count_min=3,
            count_max=3,
            group="miners",
            speaker=police,
            mentions=mentions,
        )
        for start, mentions in ((12, ((12, 20), (40, 48))), (96, ()))
    ]
    [merged] = merge_mentions(repeats)
    assert merged.mentions == ((12, 20), (40, 48), (96, 104))


def test_another_source_or_figure_is_not_merged():
    text = "Police said 3 miners were killed. A union official said 3 miners were killed."
    merged = casualties(merge_mentions(extract(text)))
    assert len(merged) == 2, "two sources giving one figure are two claims (one group later)"


def test_ingest_stores_one_claim_and_the_api_shows_its_mentions(api):
    article = ingest_article(IncomingArticle(title="Colliery blast", body=REPEATED)).article
    [killed] = Claim.objects.filter(article=article, kind="casualty", count_min=3)
    row = api.get(f"/api/claims/{killed.pk}/").json()
    assert len(row["mentions"]) == 3
    for mention in row["mentions"]:
        assert article.body[mention["start"] : mention["end"]] == mention["text"]
    assert row["mentions"][0] == {"start": row["start"], "end": row["end"], "text": row["text"]}


def test_dry_run_json_carries_the_mentions(tmp_path, capsys):
    (tmp_path / "blast.txt").write_text(f"Colliery blast\n\n{REPEATED}\n", encoding="utf-8")
    call_command("ingest", str(tmp_path), "--dry-run", "--json")
    [result] = json.loads(capsys.readouterr().out)
    [killed] = [c for c in result["claims"] if c["kind"] == "casualty" and c["count_min"] == 3]
    assert [REPEATED[start:end][:8] for start, end in killed["mentions"]] == ["3 miners"] * 3
    assert killed["superseded"] is False and killed["supersedes"] is None
    assert "extractor_version" in killed
    assert Claim.objects.count() == 0
