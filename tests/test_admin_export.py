"""Export of the filtered claim list: CSV and JSON, streamed, safe to open in a spreadsheet."""

import csv
import io
import json

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from claims.admin.export import EXPORT_COLUMNS
from claims.models import Claim
from tests.factories import ArticleFactory, ClaimantFactory, ClaimFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")
EXPORT_CSV = reverse("admin:claims_claim_export_csv")
EXPORT_JSON = reverse("admin:claims_claim_export_json")


def csv_rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def json_rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    return json.loads(b"".join(response.streaming_content))


def test_csv_has_the_documented_columns_and_values(reviewer_client):
    article = ArticleFactory(title="Strike, near Jalalabad", url="https://news.example/strike")
    claim = ClaimFactory(
        article=article,
        claimant=ClaimantFactory(name="US military"),
        attribution="The US military",
        count_min=12,
        lower_bound=True,
        group="civilians",
    )

    response = reviewer_client.get(EXPORT_CSV)
    [row] = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    assert list(row) == [*EXPORT_COLUMNS, "note", "evidence_url"]
    assert (row["note"], row["evidence_url"]) == ("", "")
    assert row["id"] == str(claim.pk)
    assert row["article_id"] == str(article.pk)
    assert row["article_title"] == "Strike, near Jalalabad"
    assert row["article_url"] == "https://news.example/strike"
    assert row["claimant"] == "US military"
    assert (row["count_min"], row["count_max"], row["lower_bound"]) == ("12", "12", "true")
    assert (row["status"], row["version"], row["group"]) == ("unverified", "1", "civilians")
    assert row["updated_at"].startswith(str(claim.updated_at.year))


def test_json_has_the_same_columns_with_types(reviewer_client):
    claim = ClaimFactory(count_min=3)

    [row] = json_rows(reviewer_client.get(EXPORT_JSON))

    assert list(row) == EXPORT_COLUMNS
    assert row["id"] == claim.pk and row["count_min"] == 3 and row["approximate"] is False
    assert row["claimant"] is None


def test_export_follows_the_changelist_filters_and_search(reviewer_client):
    wanted = ClaimFactory(status="confirmed", article=ArticleFactory(title="Jalalabad strike"))
    ClaimFactory(status="confirmed")
    ClaimFactory(article=ArticleFactory(title="Jalalabad market"))
    query = {"status__exact": "confirmed", "q": "jalalabad"}

    listed = {c.pk for c in reviewer_client.get(CHANGELIST, query).context["cl"].result_list}
    exported_csv = [int(row["id"]) for row in csv_rows(reviewer_client.get(EXPORT_CSV, query))]
    exported_json = [row["id"] for row in json_rows(reviewer_client.get(EXPORT_JSON, query))]

    assert listed == {wanted.pk}
    assert exported_csv == exported_json == [wanted.pk]


def test_export_covers_every_page_not_only_the_first(reviewer_client):
    claims = ClaimFactory.create_batch(105)

    rows = csv_rows(reviewer_client.get(EXPORT_CSV, {"p": "2"}))

    assert [int(row["id"]) for row in rows] == [claim.pk for claim in claims]


def test_changelist_links_carry_the_current_query_string(reviewer_client):
    page = reviewer_client.get(CHANGELIST, {"status__exact": "false"}).content.decode()

    assert f'href="{EXPORT_CSV}?status__exact=false"' in page
    assert f'href="{EXPORT_JSON}?status__exact=false"' in page


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_cells_that_a_spreadsheet_would_run_are_quoted(reviewer_client, start):
    body = f"{start}HYPERLINK(1) people were killed."
    ClaimFactory(article=ArticleFactory(title=f"{start}cmd|' /C calc'!A0", body=body))

    [row] = csv_rows(reviewer_client.get(EXPORT_CSV))

    assert row["article_title"] == f"'{start}cmd|' /C calc'!A0"
    assert row["text"] == f"'{start}HYPERLINK(1)"


def test_unknown_filter_is_a_bad_request(reviewer_client):
    assert reviewer_client.get(EXPORT_CSV, {"nonsense__exact": "1"}).status_code == 400


def test_staff_without_view_permission_cannot_export(client):
    ClaimFactory()
    client.force_login(StaffFactory())

    assert client.get(EXPORT_CSV).status_code == 403
    assert client.get(EXPORT_JSON).status_code == 403


def test_export_queries_do_not_grow_with_rows(reviewer_client, django_assert_max_num_queries):
    def make(count):
        for _ in range(count):
            ClaimFactory(claimant=ClaimantFactory())

    make(3)
    with django_assert_max_num_queries(20) as few:
        assert len(csv_rows(reviewer_client.get(EXPORT_CSV))) == 3
    make(60)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(csv_rows(reviewer_client.get(EXPORT_CSV))) == 63
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(json_rows(reviewer_client.get(EXPORT_JSON))) == 63


def test_rows_stream_in_chunks(reviewer_client, monkeypatch):
    monkeypatch.setattr("claims.admin.export.EXPORT_CHUNK_ROWS", 10)
    ClaimFactory.create_batch(25)

    response = reviewer_client.get(EXPORT_CSV)
    chunks = list(response.streaming_content)

    assert len(chunks) >= 3
    assert len(csv_rows_from(chunks)) == 25


def csv_rows_from(chunks) -> list[dict]:
    text = b"".join(chunks).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_an_exported_csv_with_statuses_and_notes_filled_in_imports_as_it_is(
    reviewer_client, staff_reviewer
):
    from claims.review_import import import_review_decisions, parse_review_csv

    claims = [ClaimFactory() for _ in range(2)]
    text = b"".join(reviewer_client.get(EXPORT_CSV).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    for row in rows:
        row.update(status="false", note="Hospital records disagree")
    rows[0]["evidence_url"] = "https://hospital.example/records"
    filled = io.StringIO()
    writer = csv.DictWriter(filled, fieldnames=list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)

    result = import_review_decisions(
        rows=parse_review_csv(filled.getvalue().encode("utf-8-sig")),
        reviewer=staff_reviewer,
        apply=True,
    )
    assert result.applied and not result.errors
    assert set(
        Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("status", flat=True)
    ) == {"false"}
