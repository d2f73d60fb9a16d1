"""Curation through the admin (Django test client): add from an article's text, correct, reject
(one and the selection), restore; stale versions keep what the editor typed; permissions."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimChange
from claims.services.review import review_claim
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, StaffFactory

pytestmark = pytest.mark.django_db

BODY = "Police said 12 people were killed in the blast, and hospital officials reported 30 injured."


@pytest.fixture
def editor_client(client, staff_reviewer):
    client.force_login(staff_reviewer)
    return client


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


def add_url(article, words):
    start = article.body.index(words)
    url = reverse("admin:claims_claim_add_from_article", args=[article.pk])
    return f"{url}?start={start}&end={start + len(words)}"


def test_add_form_is_prefilled_from_what_the_extractor_reads(editor_client, article):
    # "0 injur": the selection cuts words; the form offers the whole words.
    start = article.body.index("30 injured")
    url = reverse("admin:claims_claim_add_from_article", args=[article.pk])

    response = editor_client.get(f"{url}?start={start + 1}&end={start + 7}")

    form = response.context["form"]
    assert response.context["span"] == "30 injured"
    assert (form.initial["kind"], form.initial["outcome"], form.initial["count_min"]) == (
        "casualty",
        "injured",
        30,
    )
    assert form.initial["claimant_name"] == "hospital officials"


def test_add_from_the_admin_records_the_claim_and_its_history(editor_client, article):
    start = article.body.index("30 injured")
    data = {
        "kind": "casualty",
        "start": start,
        "end": start + len("30 injured"),
        "outcome": "injured",
        "count_min": 30,
        "claimant_name": "hospital officials",
        "note": "Missed by the extractor",
    }

    response = editor_client.post(
        reverse("admin:claims_claim_add_from_article", args=[article.pk]), data
    )

    claim = Claim.objects.get(origin="editor")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#claim-{claim.pk}")
    assert (claim.text, claim.count_max, claim.claimant.name) == (
        "30 injured",
        30,
        "hospital officials",
    )
    assert ClaimChange.objects.get(claim=claim).action == "added"
    page = editor_client.get(reverse("admin:sources_article_change", args=[article.pk]))
    assert f'id="claim-{claim.pk}"' in page.content.decode()


def test_a_duplicate_add_links_to_the_claim_already_there(editor_client, article):
    start = article.body.index("30 injured")
    existing = ClaimFactory(
        article=article, start=start, end=start + 10, text="30 injured", count_min=30
    )
    data = {"kind": "casualty", "start": start, "end": start + 10, "outcome": "injured"}
    data.update(count_min=30, note="Again")

    response = editor_client.post(
        reverse("admin:claims_claim_add_from_article", args=[article.pk]), data
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Claim {existing.pk} already has this kind at this span" in page
    assert reverse("admin:claims_claim_change", args=[existing.pk]) in page
    assert Claim.objects.count() == 1


@pytest.fixture
def extracted(article):
    start = BODY.index("12 people were killed")
    return ClaimFactory(
        article=article, start=start, end=start + 21, text="12 people were killed", count_min=12
    )


def correction(claim, **changes):
    data = {
        "kind": claim.kind,
        "start": claim.start,
        "end": claim.end,
        "outcome": claim.outcome,
        "count_min": claim.count_min,
        "count_max": claim.count_max,
        "group": claim.group,
        "note": "Corrected from the police statement",
        "version": claim.version,
    }
    data.update(changes)
    return data


def test_correct_records_only_the_fields_changed(editor_client, extracted):
    response = editor_client.post(
        reverse("admin:claims_claim_correct", args=[extracted.pk]),
        correction(extracted, count_min=13, count_max=13, group="people"),
    )

    assert response.status_code == 302
    extracted.refresh_from_db()
    assert (extracted.count_min, extracted.version) == (13, 2)
    [change] = ClaimChange.objects.filter(claim=extracted)
    assert change.changes == {"count_min": [12, 13], "count_max": [12, 13], "group": ["", "people"]}
    page = editor_client.get(reverse("admin:claims_claim_change", args=[extracted.pk]))
    assert '<span class="history-field">count_min</span>: 12 → 13' in page.content.decode()


def test_stale_correction_is_refused_and_keeps_what_was_typed(
    editor_client, extracted, staff_reviewer
):
    review_claim(
        claim_id=extracted.pk, status="in_review", note="Meanwhile", reviewer=staff_reviewer
    )

    response = editor_client.post(
        reverse("admin:claims_claim_correct", args=[extracted.pk]),
        correction(extracted, count_min=14, note="My careful note"),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "it is now version 2" in page
    assert 'value="14"' in page and "My careful note" in page
    extracted.refresh_from_db()
    assert (extracted.count_min, extracted.version) == (12, 2)


def test_a_span_cutting_a_word_is_refused_on_the_form(editor_client, extracted):
    response = editor_client.post(
        reverse("admin:claims_claim_correct", args=[extracted.pk]),
        correction(extracted, end=extracted.end - 1),
    )

    assert response.status_code == 200
    assert "cuts the word" in response.content.decode()
    extracted.refresh_from_db()
    assert extracted.version == 1


def test_reject_and_restore_from_the_claim_page(editor_client, extracted):
    page = editor_client.get(reverse("admin:claims_claim_change", args=[extracted.pk]))
    assert 'id="reject-claim"' in page.content.decode()

    rejected = editor_client.post(
        reverse("admin:claims_claim_reject", args=[extracted.pk]),
        {"reason": "duplicate", "note": "Same figure as the lede", "version": 1},
    )

    assert rejected.status_code == 302
    listed = editor_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert reverse("admin:claims_claim_change", args=[extracted.pk]) not in listed
    only_rejected = editor_client.get(
        reverse("admin:claims_claim_changelist") + "?rejected=yes"
    ).content.decode()
    assert reverse("admin:claims_claim_change", args=[extracted.pk]) in only_rejected
    page = editor_client.get(reverse("admin:claims_claim_change", args=[extracted.pk]))
    assert 'id="restore-claim"' in page.content.decode()

    restored = editor_client.post(
        reverse("admin:claims_claim_restore", args=[extracted.pk]),
        {"note": "Not a duplicate after all", "version": 2},
    )

    assert restored.status_code == 302
    extracted.refresh_from_db()
    assert (extracted.rejection_reason, extracted.version) == ("", 3)
    assert list(ClaimChange.objects.filter(claim=extracted).values_list("action", flat=True)) == [
        "rejected",
        "restored",
    ]


def test_bulk_reject_action_asks_for_a_reason_then_rejects(editor_client, article, extracted):
    other = ClaimFactory(article=article, start=0, end=6, text="Police")
    url = reverse("admin:claims_claim_changelist")
    selection = {"action": "reject_selected", "_selected_action": [extracted.pk, other.pk]}

    asked = editor_client.post(url, selection)
    assert "2 claims</strong> will be rejected" in asked.content.decode()

    done = editor_client.post(
        url, {**selection, "apply": "1", "reason": "not_a_claim", "note": "Noise"}
    )

    assert done.status_code == 302
    assert set(Claim.objects.exclude(rejection_reason="").values_list("pk", flat=True)) == {
        extracted.pk,
        other.pk,
    }


def test_staff_without_review_permission_cannot_curate(client, extracted, article):
    client.force_login(StaffFactory())

    responses = [
        client.post(
            reverse("admin:claims_claim_correct", args=[extracted.pk]),
            correction(extracted, count_min=13),
        ),
        client.post(
            reverse("admin:claims_claim_reject", args=[extracted.pk]),
            {"reason": "other", "note": "x", "version": 1},
        ),
        client.get(add_url(article, "30 injured")),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    extracted.refresh_from_db()
    assert (extracted.count_min, extracted.version, extracted.rejection_reason) == (12, 1, "")


def test_quality_page_shows_the_desk_figures(editor_client, extracted, staff_reviewer):
    review_claim(claim_id=extracted.pk, status="confirmed", note="ok", reviewer=staff_reviewer)

    page = editor_client.get(reverse("admin:claims_claim_quality")).content.decode()

    assert "Over the 1 article editors have worked on" in page
    assert "<td>casualty</td>" in page


def test_renaming_a_claimant_to_a_taken_name_offers_the_merge(editor_client):
    elder = ClaimantFactory(name="a community elder in Jalalabad")
    malik = ClaimantFactory(name="Malik Adib")

    response = editor_client.post(
        reverse("admin:sources_claimant_rename", args=[elder.pk]),
        {"name": "Malik Adib", "note": "Same person"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f"Claimant {malik.pk} is already named" in page and 'id="offer-merge"' in page
    elder.refresh_from_db()
    assert elder.name == "a community elder in Jalalabad"


def test_merge_selected_claimants_in_the_admin(editor_client):
    elder = ClaimantFactory(name="a community elder in Jalalabad")
    malik = ClaimantFactory(name="Malik Adib")
    claim = ClaimFactory(claimant=elder)
    url = reverse("admin:sources_claimant_changelist")
    selection = {"action": "merge_selected", "_selected_action": [elder.pk, malik.pk]}

    asked = editor_client.post(url, selection)
    assert "2 claimants will become one" in asked.content.decode()
    done = editor_client.post(
        url, {**selection, "apply": "1", "into": malik.pk, "note": "The elder is Malik Adib"}
    )

    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.claimant_id == malik.pk and claim.version == 2
    assert ClaimChange.objects.get(claim=claim).action == "claimants_merged"


def test_claimant_names_are_not_edited_raw(client, superuser):
    elder = ClaimantFactory(name="Elder")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:sources_claimant_change", args=[elder.pk]), {"name": "Malik Adib"}
    )

    assert response.status_code == 403
    elder.refresh_from_db()
    assert elder.name == "Elder"
