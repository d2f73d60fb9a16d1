"""The desk on the seed article: the claim the extractor misses ("official US sources") added by
an editor shows in the highlights, the claim list and the API with text == body[start:end]; and
``export_corpus`` writes the desk's work in the corpus format the scorer loads and scores."""

import json
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.extraction import EXTRACTOR_VERSION
from claims.services.curation import ClaimantChoice, add_claim, correct_claim, reject_claim
from tests.extraction_score import load_corpus, score
from tests.factories import StaffReviewerFactory

pytestmark = pytest.mark.django_db

MISSED = (
    "The US drone strike in Afghanistan targeted a mid-level “planner” from the local Islamic "
    "State branch who was traveling in a car with another person near the eastern city of "
    "Jalalabad, said on Saturday. from official US sources"
)


@pytest.fixture
def editor():
    return StaffReviewerFactory()


def add_missed_statement(article, editor):
    start = article.body.index(MISSED)
    return add_claim(
        article_id=article.pk,
        start=start,
        end=start + len(MISSED),
        kind="statement",
        claimant=ClaimantChoice(name="official US sources"),
        note="The extractor misses this attribution.",
        editor=editor,
    )


def test_extracted_claims_record_the_extractor_version(seed_article):
    versions = set(seed_article.claims.values_list("origin", "extractor_version"))
    assert versions == {("extractor", EXTRACTOR_VERSION)}


def test_the_missed_statement_shows_everywhere_with_its_text_from_the_body(
    seed_article, editor, client, api
):
    assert not seed_article.claims.filter(claimant__name="official US sources").exists()

    claim = add_missed_statement(seed_article, editor)

    assert claim.text == seed_article.body[claim.start : claim.end] == MISSED
    client.force_login(editor)
    article_page = client.get(
        reverse("admin:sources_article_change", args=[seed_article.pk])
    ).content.decode()
    assert f'id="claim-{claim.pk}"' in article_page
    claim_list = client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert reverse("admin:claims_claim_change", args=[claim.pk]) in claim_list
    listed = api.get(f"/api/claims/?article={seed_article.pk}&kind=statement").json()["results"]
    [row] = [row for row in listed if row["id"] == claim.pk]
    assert row["text"] == seed_article.body[row["start"] : row["end"]]
    assert (row["origin"], row["claimant"]["name"]) == ("editor", "official US sources")


def test_export_corpus_loads_and_scores(seed_article, editor, tmp_path):
    add_missed_statement(seed_article, editor)
    fighters = seed_article.claims.get(text="1,500 to 2,200 fighters")
    reject_claim(claim_id=fighters.pk, reason="not_a_claim", note="Not victims", editor=editor)
    marines = seed_article.claims.get(text="13 US Marines")
    correct_claim(claim_id=marines.pk, count_min=11, note="Hypothetical fix", editor=editor)
    out = tmp_path / "desk.json"

    call_command("export_corpus", str(out))

    [passage] = load_corpus(out)
    assert passage["text"] == seed_article.body
    for number in passage["numbers"]:
        assert passage["text"][number["start"] : number["end"]] == number["text"]
    starts = [number["start"] for number in passage["numbers"]]
    assert starts == sorted(starts)
    counted = Counter(
        (n["outcome"], n["count_min"], n["count_max"])
        for n in passage["numbers"]
        if n["label"] == "casualty" and n["role"] in {"claim", "subcount"}
    )
    assert counted == Counter(
        (c["outcome"], c["count_min"], c["count_max"]) for c in passage["casualties"]
    )
    assert ("killed", 11, 11) in counted and ("killed", 13, 13) not in counted
    assert {
        "start": fighters.start,
        "end": fighters.end,
        "text": fighters.text,
        "label": "other",
    } in passage["numbers"]
    assert "official US sources" in passage["speakers"]

    report = score(load_corpus(out))

    assert report.passages == 1
    # The extractor still reads 13 where the desk says 11, and misses the official sources.
    assert report.casualties.false_negatives == 1 and report.casualties.false_positives == 1
    assert report.speakers.false_negatives >= 1


def test_export_corpus_since_leaves_out_older_work(seed_article, editor, tmp_path):
    add_missed_statement(seed_article, editor)
    out = tmp_path / "desk.json"

    call_command("export_corpus", str(out), "--since", "2999-01-01")

    assert json.loads(out.read_text()) == []
    with pytest.raises(CommandError, match="not a date"):
        call_command("export_corpus", str(out), "--since", "yesterday")
