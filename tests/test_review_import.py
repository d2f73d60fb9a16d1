"""Review decisions from a CSV: per-row checks with line numbers, preview, all-or-nothing apply."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import review_import
from claims.models import Claim, Review
from claims.review_import import ImportRejected, import_review_decisions, parse_review_csv
from claims.services.review import review_claim
from tests.factories import ClaimFactory, StaffFactory

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:claims_claim_import")
CHANGELIST = reverse("admin:claims_claim_changelist")
EXPORT_CSV = reverse("admin:claims_claim_export_csv")


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def statuses(*claims) -> list[str]:
    return [Claim.objects.get(pk=claim.pk).status for claim in claims]


def upload(client, data: bytes, name="decisions.csv"):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data, "text/csv")})


# Parsing: the file alone


def test_rows_carry_their_line_numbers_and_own_errors():
    rows = parse_review_csv(
        csv_bytes(
            "id,status,note,evidence_url,version",
            "1,confirmed,Hospital list,https://example.org/list,2",
            "",
            "x,maybe,Why not,ftp://example.org,v2",
        )
    )

    assert [row.line for row in rows] == [2, 4]
    assert rows[0].errors == ()
    assert (rows[0].claim_id, rows[0].status, rows[0].version) == (1, "confirmed", 2)
    errors = " ".join(rows[1].errors)
    assert "id 'x' is not a claim id" in errors
    assert "unknown status 'maybe'" in errors
    assert "not an http(s) URL" in errors
    assert "version 'v2'" in errors


def test_status_labels_and_other_columns_are_accepted():
    rows = parse_review_csv(
        csv_bytes("text,ID,Status,Note", '"Said ""3""",7,In review,Asking the ministry')
    )

    assert (rows[0].claim_id, rows[0].status, rows[0].note) == (
        7,
        "in_review",
        "Asking the ministry",
    )


def test_bom_from_a_spreadsheet_is_ignored():
    rows = parse_review_csv(b"\xef\xbb\xbf" + csv_bytes("id,status,note", "1,false,No."))

    assert rows[0].claim_id == 1


@pytest.mark.parametrize(
    "data",
    [
        "id;status;note;evidence_url\r\n7;false;Hospital, records disagree;https://a.example/\r\n",
        "\ufeffid;status;note\n7;false;Hospital, records disagree\n",
        "id\tstatus\tnote\n7\tfalse\tHospital, records disagree\n",
        '"id","status","note"\n7,false,"Hospital, records disagree"\n',
    ],
    ids=["semicolon", "semicolon-bom", "tab", "comma-quoted"],
)
def test_semicolon_tab_and_comma_files_are_all_read(data):
    rows = parse_review_csv(data.encode("utf-8"))

    assert (rows[0].claim_id, rows[0].status, rows[0].note) == (
        7,
        "false",
        "Hospital, records disagree",
    )
    assert not rows[0].errors


def test_a_header_without_the_columns_quotes_its_first_line():
    with pytest.raises(ImportRejected, match="semicolons or tabs. Line 1 reads: 'claim|verdict'"):
        parse_review_csv(b"claim|verdict\n1|false\n")


@pytest.mark.parametrize(
    "data, message",
    [
        ("id,status,note\n1,false,Caf\xe9\n".encode("latin-1"), "not UTF-8"),
        (b"", "empty"),
        (csv_bytes("id,status"), "no note column"),
        (csv_bytes("id,status,note"), "no rows"),
        (b'id,status,note\n1,false,"unclosed\n', "not valid CSV"),
        (b"id,status,note\n1,false,a\x00b\n", "not valid CSV"),
    ],
)
def test_unreadable_files_are_rejected_with_a_reason(data, message):
    with pytest.raises(ImportRejected, match=message):
        parse_review_csv(data)


def test_size_and_row_caps(monkeypatch):
    monkeypatch.setattr(review_import, "MAX_ROWS", 2)
    with pytest.raises(ImportRejected, match="more than 2 rows"):
        parse_review_csv(csv_bytes("id,status,note", "1,false,a", "2,false,b", "3,false,c"))
    monkeypatch.setattr(review_import, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ImportRejected, match="the limit is 10"):
        parse_review_csv(csv_bytes("id,status,note", "1,false,a"))


# Checking against the claims, and applying


def test_dry_run_plans_changes_and_skips_rows_already_at_that_status(reviewer):
    changing, same = ClaimFactory(), ClaimFactory(status="confirmed")
    rows = parse_review_csv(
        csv_bytes(
            "id,status,note",
            f"{changing.pk},false,Contradicted by the morgue.",
            f"{same.pk},confirmed,",
        )
    )

    result = import_review_decisions(rows=rows, reviewer=reviewer, apply=False)

    assert [d.outcome for d in result.decisions] == ["change", "unchanged"]
    assert (result.changes[0].from_status, result.changes[0].row.status) == ("unverified", "false")
    assert not result.applied
    assert not Review.objects.exists()
    assert statuses(changing, same) == ["unverified", "confirmed"]


def test_unknown_id_missing_note_stale_version_and_repeats_are_errors(reviewer):
    claim, reviewed = ClaimFactory(), ClaimFactory()
    review_claim(claim_id=reviewed.pk, status="in_review", note="Asking.", reviewer=reviewer)
    rows = parse_review_csv(
        csv_bytes(
            "id,status,note,version",
            "999999,false,No.,",
            f"{claim.pk},false,,",
            f"{reviewed.pk},confirmed,Yes.,1",
            f"{claim.pk},disputed,Also.,",
        )
    )

    result = import_review_decisions(rows=rows, reviewer=reviewer, apply=False)
    errors = {d.row.line: " ".join(d.errors) for d in result.errors}

    assert "no claim has id 999999" in errors[2]
    assert "A note saying why is required" in errors[3]
    assert "the file has version 1, the claim is now at version 2" in errors[4]
    assert f"claim {claim.pk} is already on line 3" in errors[5]


def test_apply_records_one_review_per_changed_claim_in_one_go(reviewer):
    first, second, same = ClaimFactory(), ClaimFactory(), ClaimFactory(status="false")
    rows = parse_review_csv(
        csv_bytes(
            "id,status,note,evidence_url",
            f"{first.pk},confirmed,Hospital list.,https://example.org/list",
            f"{second.pk},disputed,Two counts differ.,",
            f"{same.pk},false,Still false.,",
        )
    )

    result = import_review_decisions(rows=rows, reviewer=reviewer, apply=True)

    assert result.applied
    assert statuses(first, second, same) == ["confirmed", "disputed", "false"]
    assert Review.objects.count() == 2
    review = Review.objects.get(claim=first)
    assert (review.from_status, review.to_status, review.version) == ("unverified", "confirmed", 2)
    assert review.evidence_urls == ["https://example.org/list"]
    assert review.reviewer == reviewer


def test_nothing_is_applied_when_any_row_is_invalid(reviewer):
    good = ClaimFactory()
    rows = parse_review_csv(csv_bytes("id,status,note", f"{good.pk},false,No.", "999999,false,No."))

    result = import_review_decisions(rows=rows, reviewer=reviewer, apply=True)

    assert not result.applied
    assert statuses(good) == ["unverified"]
    assert not Review.objects.exists()


def test_a_claim_reviewed_during_the_apply_rolls_everything_back(reviewer, monkeypatch):
    first, second = ClaimFactory(), ClaimFactory()
    rows = parse_review_csv(
        csv_bytes("id,status,note", f"{first.pk},false,No.", f"{second.pk},false,No.")
    )
    real_review_claim = review_import.review.review_claim

    def someone_else_reviews_second_first(**kwargs):
        if kwargs["claim_id"] == second.pk:
            real_review_claim(
                claim_id=second.pk, status="confirmed", note="Mine.", reviewer=reviewer
            )
        return real_review_claim(**kwargs)

    monkeypatch.setattr(review_import.review, "review_claim", someone_else_reviews_second_first)

    result = import_review_decisions(rows=rows, reviewer=reviewer, apply=True)

    assert not result.applied
    assert "version" in " ".join(result.errors[0].errors)
    assert statuses(first, second) == ["unverified", "unverified"]
    assert not Review.objects.exists()


def test_only_reviewers_may_import(user):
    rows = parse_review_csv(csv_bytes("id,status,note", f"{ClaimFactory().pk},false,No."))

    with pytest.raises(PermissionDenied):
        import_review_decisions(rows=rows, reviewer=user, apply=False)


# The admin pages


def test_changelist_links_to_the_import_for_reviewers_only(reviewer_client, client):
    assert IMPORT in reviewer_client.get(CHANGELIST).content.decode()
    viewer = StaffFactory()
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_claim"))
    client.force_login(viewer)

    assert IMPORT not in client.get(CHANGELIST).content.decode()
    assert client.get(IMPORT).status_code == 403


def test_oversized_upload_is_refused_before_reading(reviewer_client, monkeypatch):
    monkeypatch.setattr(review_import, "MAX_UPLOAD_BYTES", 1024)
    claim = ClaimFactory()
    data = csv_bytes("id,status,note", f"{claim.pk},false,{'x' * 2000}")

    page = upload(reviewer_client, data).content.decode()

    assert "the limit is 1,024" in page
    assert statuses(claim) == ["unverified"]


def test_upload_shows_a_preview_and_writes_nothing(reviewer_client):
    changing, same = ClaimFactory(), ClaimFactory(status="disputed")

    response = upload(
        reviewer_client,
        csv_bytes("id,status,note", f"{changing.pk},false,Morgue says 0.", f"{same.pk},disputed,"),
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "<strong>1</strong> claim would change" in page
    assert "unchanged" in page
    assert 'name="confirm"' in page
    assert statuses(changing, same) == ["unverified", "disputed"]


def test_preview_with_errors_shows_line_numbers_and_offers_no_confirm(reviewer_client):
    response = upload(reviewer_client, csv_bytes("id,status,note", "999999,false,No."))
    page = response.content.decode()

    assert "no claim has id 999999" in page
    assert "<td>2</td>" in page
    assert 'name="confirm"' not in page


def test_confirm_applies_the_previewed_changes(reviewer_client, staff_reviewer):
    claim = ClaimFactory()
    preview = upload(reviewer_client, csv_bytes("id,status,note", f"{claim.pk},false,Morgue: 0."))

    response = reviewer_client.post(
        IMPORT, {"confirm": "1", "token": preview.context["token"]}, follow=True
    )

    assert statuses(claim) == ["false"]
    assert Review.objects.get().reviewer == staff_reviewer
    assert "Recorded 1 review from decisions.csv" in str(list(response.context["messages"])[0])


def test_confirm_refuses_claims_reviewed_since_the_preview(reviewer_client, reviewer):
    claim = ClaimFactory()
    preview = upload(reviewer_client, csv_bytes("id,status,note", f"{claim.pk},false,No."))
    review_claim(claim_id=claim.pk, status="confirmed", note="Checked.", reviewer=reviewer)

    response = reviewer_client.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    assert "Nothing was saved" in response.content.decode()
    assert statuses(claim) == ["confirmed"]
    assert Review.objects.count() == 1


def test_confirm_twice_applies_once(reviewer_client):
    claim = ClaimFactory()
    preview = upload(reviewer_client, csv_bytes("id,status,note", f"{claim.pk},false,No."))
    confirm = {"confirm": "1", "token": preview.context["token"]}

    reviewer_client.post(IMPORT, confirm, follow=True)
    again = reviewer_client.post(IMPORT, confirm, follow=True)

    assert Review.objects.count() == 1
    assert "upload the file again" in str(list(again.context["messages"])[0])


def test_unreadable_upload_is_explained_and_nothing_written(reviewer_client):
    claim = ClaimFactory()

    response = upload(
        reviewer_client, f"id,status,note\n{claim.pk},false,Caf\xe9\n".encode("cp1252")
    )

    assert "not UTF-8" in response.content.decode()
    assert statuses(claim) == ["unverified"]


def test_round_trip_export_edit_import(reviewer_client, staff_reviewer):
    to_confirm, to_refute, untouched = ClaimFactory(), ClaimFactory(), ClaimFactory()
    exported = b"".join(reviewer_client.get(EXPORT_CSV).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    decisions = {to_confirm.pk: "confirmed", to_refute.pk: "false"}
    edited = io.StringIO()
    writer = csv.DictWriter(edited, fieldnames=[*rows[0], "note"])
    writer.writeheader()
    for row in rows:
        claim_id = int(row["id"])
        if claim_id in decisions:
            row["status"] = decisions[claim_id]
            row["note"] = f"Checked {claim_id} against the hospital list."
        writer.writerow(row)

    preview = upload(reviewer_client, edited.getvalue().encode("utf-8"), name="claims.csv")
    result = preview.context["result"]
    assert sorted(d.row.claim_id for d in result.changes) == sorted(decisions)
    assert result.unchanged_count == 1 and not result.errors
    assert not Review.objects.exists()

    reviewer_client.post(IMPORT, {"confirm": "1", "token": preview.context["token"]})

    assert statuses(to_confirm, to_refute, untouched) == ["confirmed", "false", "unverified"]
    for claim_id, status in decisions.items():
        review = Review.objects.get(claim_id=claim_id)
        assert (review.from_status, review.to_status, review.version) == ("unverified", status, 2)
        assert review.note == f"Checked {claim_id} against the hospital list."
        assert review.reviewer == staff_reviewer
    assert not Review.objects.filter(claim=untouched).exists()
