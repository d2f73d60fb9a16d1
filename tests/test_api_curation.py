"""Curation through HTTP: add, correct, reject, restore, bulk reject; stale versions, bad spans,
permission boundaries (nothing changed when refused) and the history entries."""

import pytest

from claims.models import Claim, ClaimChange, Review
from claims.services.exceptions import PublicationRejected
from claims.services.publication import publish_claims, withdraw_claims
from claims.services.review import review_claim
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    ClaimFactory,
    EditorFactory,
    UserFactory,
    decide,
    decide_and_publish,
)

pytestmark = pytest.mark.django_db

BODY = (
    "Police said 12 people were killed in the blast. A witness said dozens were hurt, and "
    "hospital officials reported 30 injured."
)


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


@pytest.fixture
def editor_api(api, reviewer):
    api.force_authenticate(reviewer)
    return api


def offsets(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def add_payload(article, words="30 injured", **extra):
    start, end = offsets(article.body, words)
    return {
        "article": article.pk,
        "start": start,
        "end": end,
        "kind": "casualty",
        "outcome": "injured",
        "count_min": 30,
        "count_max": 30,
        "claimant": {"name": "hospital officials", "role": ""},
        "note": "The extractor missed the hospital's figure.",
        **extra,
    }


def history(api, claim_id):
    response = api.get(f"/api/claims/{claim_id}/history/")
    assert response.status_code == 200
    return response.json()


# --- Add --------------------------------------------------------------------------------


def test_reviewer_adds_a_claim_with_text_from_the_body(editor_api, article, reviewer):
    response = editor_api.post("/api/claims/", add_payload(article), format="json")

    assert response.status_code == 201, response.json()
    claim = response.json()
    assert claim["text"] == "30 injured" == article.body[claim["start"] : claim["end"]]
    assert (claim["origin"], claim["extractor_version"], claim["version"]) == ("editor", "", 1)
    assert claim["claimant"]["name"] == "hospital officials"
    assert response.headers["ETag"] == '"1"'
    [added] = history(editor_api, claim["id"])
    assert (added["action"], added["reviewer"], added["version"]) == (
        "added",
        reviewer.username,
        1,
    )
    assert added["changes"]["count_min"] == [None, 30]
    assert added["note"] == "The extractor missed the hospital's figure."
    listed = editor_api.get(f"/api/claims/?article={article.pk}").json()["results"]
    assert claim["id"] in [row["id"] for row in listed]


def test_a_text_sent_by_the_client_is_ignored(editor_api, article):
    response = editor_api.post(
        "/api/claims/", add_payload(article, text="300 killed"), format="json"
    )

    assert response.status_code == 201
    assert response.json()["text"] == "30 injured"


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (0, 10_000, "end"),  # past the end of the body
        (5, 5, "end"),  # empty
        (13, 20, "start"),  # "2 peopl": cuts "12" and "people"
        (12, 15, "end"),  # "12 p": cuts "people"
        (11, 13, "start"),  # " 1": begins with a space and cuts "12"
    ],
)
def test_bad_spans_are_refused_naming_the_field(editor_api, article, start, end, field):
    payload = {**add_payload(article), "start": start, "end": end}

    response = editor_api.post("/api/claims/", payload, format="json")

    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert not Claim.objects.exists()


def test_count_min_above_count_max_is_refused(editor_api, article):
    response = editor_api.post(
        "/api/claims/", add_payload(article, count_min=40, count_max=30), format="json"
    )

    assert response.status_code == 400
    assert "count_max" in response.json()["errors"]
    assert not Claim.objects.exists()


def test_the_same_kind_at_the_same_span_is_a_conflict(editor_api, article):
    first = editor_api.post("/api/claims/", add_payload(article), format="json").json()

    response = editor_api.post("/api/claims/", add_payload(article), format="json")

    assert response.status_code == 409
    assert response.json()["existing_id"] == first["id"]
    assert Claim.objects.count() == 1 and ClaimChange.objects.count() == 1


def test_the_claimant_is_an_existing_one_by_id_or_by_name(editor_api, article):
    police = ClaimantFactory(name="Police")
    by_id = add_payload(article, "12 people were killed", outcome="killed", count_min=12)
    by_id["claimant"] = {"id": police.pk}

    response = editor_api.post("/api/claims/", by_id, format="json")

    assert response.status_code == 201, response.json()
    assert response.json()["claimant"]["id"] == police.pk
    by_name = add_payload(article, claimant={"name": "the police"})
    assert editor_api.post("/api/claims/", by_name, format="json").json()["claimant"]["id"] == (
        police.pk
    )


@pytest.mark.parametrize("who", ["anonymous", "signed_in_non_reviewer"])
def test_only_reviewers_add_claims(api, article, who):
    if who != "anonymous":
        api.force_authenticate(UserFactory())

    response = api.post("/api/claims/", add_payload(article), format="json")

    assert response.status_code == (401 if who == "anonymous" else 403)
    assert not Claim.objects.exists() and not ClaimChange.objects.exists()


def test_the_note_is_required(editor_api, article):
    response = editor_api.post("/api/claims/", add_payload(article, note="  "), format="json")

    assert response.status_code == 400
    assert "note" in response.json()["errors"]
    assert not Claim.objects.exists()


# --- Correct ----------------------------------------------------------------------------


@pytest.fixture
def extracted(article):
    start, end = offsets(BODY, "12 people were killed")
    return ClaimFactory(
        article=article,
        start=start,
        end=end,
        text="12 people were killed",
        count_min=12,
        extractor_version="1.0.0",
    )


def test_correction_bumps_the_version_and_records_old_and_new(editor_api, extracted, reviewer):
    response = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/",
        {"count_min": 13, "group": "people", "note": "The police later said 13."},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["count_min"], body["count_max"], body["version"]) == (13, 13, 2)
    assert response.headers["ETag"] == '"2"'
    [entry] = history(editor_api, extracted.pk)
    assert entry["action"] == "corrected" and entry["version"] == 2
    assert entry["changes"] == {
        "count_min": [12, 13],
        "count_max": [12, 13],
        "group": ["", "people"],
    }
    assert entry["reviewer"] == reviewer.username


def test_a_new_span_is_reanchored_and_checked(editor_api, extracted):
    start, end = offsets(BODY, "12 people")
    bad = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/",
        {"start": start, "end": end - 1, "note": "Shorter span"},
        format="json",
    )
    assert bad.status_code == 400 and "end" in bad.json()["errors"]

    good = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/",
        {"start": start, "end": end, "note": "Only the figure"},
        format="json",
    )

    assert good.status_code == 200, good.json()
    assert good.json()["text"] == "12 people"
    assert history(editor_api, extracted.pk)[0]["changes"]["text"] == [
        "12 people were killed",
        "12 people",
    ]


def test_stale_correction_is_412_and_changes_nothing(editor_api, extracted, reviewer):
    review_claim(claim_id=extracted.pk, status="in_review", note="Meanwhile", reviewer=reviewer)

    response = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/",
        {"count_min": 13, "note": "Thirteen"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 412
    assert response.json()["current_version"] == 2
    extracted.refresh_from_db()
    assert (extracted.count_min, extracted.version) == (12, 2)
    assert not ClaimChange.objects.exists()


def test_correction_to_a_claimant_speaker_and_outcome(editor_api, extracted):
    response = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/",
        {"outcome": "injured", "claimant": {"name": "Police"}, "note": "Injured, per police"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert response.json()["outcome"] == "injured"
    assert response.json()["claimant"]["name"] == "Police"
    changes = history(editor_api, extracted.pk)[0]["changes"]
    assert changes["outcome"] == ["killed", "injured"]
    assert changes["claimant"][0] is None


def test_non_reviewer_cannot_correct(api, extracted):
    api.force_authenticate(UserFactory())

    response = api.post(
        f"/api/claims/{extracted.pk}/correct/", {"count_min": 1, "note": "x"}, format="json"
    )

    assert response.status_code == 403
    extracted.refresh_from_db()
    assert (extracted.count_min, extracted.version) == (12, 1)


def test_a_correction_that_changes_nothing_is_refused(editor_api, extracted):
    response = editor_api.post(
        f"/api/claims/{extracted.pk}/correct/", {"count_min": 12, "note": "Same"}, format="json"
    )

    assert response.status_code == 400
    assert not ClaimChange.objects.exists()


# --- Reject and restore -----------------------------------------------------------------


def test_rejected_claim_leaves_the_lists_and_restore_brings_it_back(editor_api, extracted):
    response = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/",
        {"reason": "not_a_claim", "note": "A headline, not a report"},
        format="json",
        HTTP_IF_MATCH='"1"',
    )

    assert response.status_code == 200, response.json()
    assert response.json()["rejection_reason"] == "not_a_claim"
    assert editor_api.get("/api/claims/").json()["results"] == []
    rejected = editor_api.get("/api/claims/?rejected=true").json()["results"]
    assert [row["id"] for row in rejected] == [extracted.pk]
    assert editor_api.get(f"/api/claims/{extracted.pk}/").status_code == 200
    article = editor_api.get(f"/api/articles/{extracted.article_id}/").json()
    assert article["claims"] == []

    restored = editor_api.post(
        f"/api/claims/{extracted.pk}/restore/",
        {"note": "It is a report after all"},
        format="json",
        HTTP_IF_MATCH='"2"',
    )

    assert restored.status_code == 200
    assert restored.json()["rejection_reason"] == ""
    assert [row["id"] for row in editor_api.get("/api/claims/").json()["results"]] == [extracted.pk]
    assert [(e["action"], e["version"]) for e in history(editor_api, extracted.pk)] == [
        ("rejected", 2),
        ("restored", 3),
    ]


def test_reject_needs_a_known_reason_and_a_current_version(editor_api, extracted):
    unknown = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/", {"reason": "boring", "note": "x"}, format="json"
    )
    stale = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/",
        {"reason": "duplicate", "note": "x"},
        format="json",
        HTTP_IF_MATCH='"7"',
    )

    assert unknown.status_code == 400 and stale.status_code == 412
    extracted.refresh_from_db()
    assert (extracted.rejection_reason, extracted.version) == ("", 1)


def test_a_published_verdict_must_be_withdrawn_before_rejecting(editor_api, extracted, reviewer):
    editor = decide_and_publish(extracted, reviewer)

    refused = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/", {"reason": "duplicate", "note": "x"}, format="json"
    )

    assert refused.status_code == 400
    assert "withdraw" in refused.json()["detail"]
    withdraw_claims(claim_ids=[extracted.pk], editor=editor, reason="Not a claim after all")
    accepted = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/", {"reason": "duplicate", "note": "x"}, format="json"
    )
    assert accepted.status_code == 200


def test_an_unpublished_verdict_leaves_the_publication_queue_with_its_claim(
    editor_api, extracted, reviewer
):
    decide(extracted, reviewer)

    rejected = editor_api.post(
        f"/api/claims/{extracted.pk}/reject/", {"reason": "duplicate", "note": "x"}, format="json"
    )

    assert rejected.status_code == 200
    assert not Claim.objects.get(pk=extracted.pk).awaiting_publication
    with pytest.raises(PublicationRejected, match="rejected"):
        publish_claims(claim_ids=[extracted.pk], editor=EditorFactory())
    editor_api.post(f"/api/claims/{extracted.pk}/restore/", {"note": "Back"}, format="json")
    assert Claim.objects.get(pk=extracted.pk).awaiting_publication


def test_a_rejected_claim_cannot_be_reviewed(editor_api, extracted):
    editor_api.post(
        f"/api/claims/{extracted.pk}/reject/", {"reason": "other", "note": "x"}, format="json"
    )

    response = editor_api.post(
        f"/api/claims/{extracted.pk}/review/", {"status": "confirmed", "note": "x"}, format="json"
    )
    bulk = editor_api.post(
        "/api/claims/bulk-review/",
        {"ids": [extracted.pk], "status": "confirmed", "note": "x"},
        format="json",
    )

    assert response.status_code == 400 and bulk.status_code == 400
    assert "Restore" in response.json()["detail"]
    assert not Review.objects.exists()


def test_bulk_reject_is_all_or_nothing(editor_api, article, reviewer):
    claims = [ClaimFactory(article=article, start=n, end=n + 1, text=BODY[n]) for n in (0, 7)]
    verdict = ClaimFactory(article=article, start=12, end=14, text="12")
    decide_and_publish(verdict, reviewer, "false", rationale="The hospital says otherwise")
    ids = [claim.pk for claim in claims]

    refused = editor_api.post(
        "/api/claims/bulk-reject/",
        {"ids": [*ids, verdict.pk], "reason": "not_a_claim", "note": "Noise"},
        format="json",
    )
    unknown = editor_api.post(
        "/api/claims/bulk-reject/",
        {"ids": [*ids, 999_999], "reason": "not_a_claim", "note": "Noise"},
        format="json",
    )
    assert refused.status_code == 400 and unknown.status_code == 400
    assert unknown.json()["missing_ids"] == [999_999]
    assert not Claim.objects.exclude(rejection_reason="").exists()

    accepted = editor_api.post(
        "/api/claims/bulk-reject/",
        {"ids": ids, "reason": "not_a_claim", "note": "Noise"},
        format="json",
    )

    assert accepted.json() == {"rejected": 2, "reason": "not_a_claim"}
    assert set(Claim.objects.exclude(rejection_reason="").values_list("pk", flat=True)) == set(ids)
    assert ClaimChange.objects.filter(action="rejected").count() == 2
    assert set(Claim.objects.filter(pk__in=ids).values_list("version", flat=True)) == {2}


@pytest.mark.parametrize("path", ["reject", "restore"])
def test_anonymous_cannot_reject_or_restore(api, extracted, path):
    response = api.post(
        f"/api/claims/{extracted.pk}/{path}/", {"reason": "other", "note": "x"}, format="json"
    )

    assert response.status_code == 401
    extracted.refresh_from_db()
    assert extracted.version == 1 and not ClaimChange.objects.exists()
