"""Webhooks delivered to a real HTTP receiver on 127.0.0.1: signed bodies, a retry after a
500, every attempt logged, and a receiver that is down never failing the write."""

import hashlib
import hmac
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from claims.models import Claim, WebhookDelivery, WebhookEndpoint
from claims.services.curation import add_claim
from claims.services.ingest import ingest_article
from claims.services.review import review_claim
from claims.services.tokens import issue_token
from sources.incoming import IncomingArticle
from tests.factories import ClaimFactory, EditorFactory, ReviewerFactory

pytestmark = pytest.mark.django_db
SECRET = "s3cret-for-tests"


class Receiver:
    """An HTTP server in a thread that answers the given statuses in turn (then 200) and
    keeps what it received."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                code = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def endpoint(url, *events):
    return WebhookEndpoint.objects.create(url=url, secret=SECRET, events=list(events))


def verified(headers, body) -> dict:
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Factcheck-Signature"], expected), "bad signature"
    return json.loads(body)


def test_published_verdict_is_delivered_signed_and_retried_after_a_500(
    api, django_capture_on_commit_callbacks
):
    claim = ClaimFactory()
    review_claim(
        claim_id=claim.pk,
        status="confirmed",
        note="n",
        rationale="Three named dead.",
        reviewer=ReviewerFactory(),
    )
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(EditorFactory())}")
    with Receiver([500]) as receiver:
        hook = endpoint(receiver.url, "verdict.published")
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post(f"/api/claims/{claim.pk}/publish/", {}, format="json")
    assert response.status_code == 200
    assert len(receiver.received) == 2, "one 500, then a retry answered 200"
    for headers, body in receiver.received:
        payload = verified(headers, body)
        assert headers["X-Factcheck-Event"] == "verdict.published"
        assert payload["event"] == "verdict.published"
        assert payload["data"]["claim"] == claim.pk
        assert payload["data"]["status"] == "confirmed"
    attempts = list(
        WebhookDelivery.objects.filter(endpoint=hook)
        .order_by("attempt")
        .values_list("attempt", "status_code", "event")
    )
    assert attempts == [(1, 500, "verdict.published"), (2, 200, "verdict.published")]
    assert all(d.duration_ms >= 0 for d in WebhookDelivery.objects.all())


def test_a_tampered_body_fails_verification():
    body = b'{"event":"verdict.published"}'
    good = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    with pytest.raises(AssertionError, match="bad signature"):
        verified({"X-Factcheck-Signature": good}, body.replace(b"published", b"withdrawn"))


def test_a_receiver_that_is_down_never_fails_the_write(
    django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoint(f"http://127.0.0.1:{port}/gone", "claim.status_changed")
    claim = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        review_claim(
            claim_id=claim.pk, status="in_review", note="Looking", reviewer=ReviewerFactory()
        )
    assert Claim.objects.get(pk=claim.pk).status == "in_review"
    failures = list(
        WebhookDelivery.objects.order_by("attempt").values_list("attempt", "status_code")
    )
    assert failures == [(1, None), (2, None), (3, None)]
    assert "Connection refused" in WebhookDelivery.objects.first().error


def test_status_changes_and_new_claims_are_announced(django_capture_on_commit_callbacks):
    with Receiver([]) as receiver:
        endpoint(receiver.url, "claim.status_changed", "claim.added")
        with django_capture_on_commit_callbacks(execute=True):
            result = ingest_article(
                IncomingArticle(title="T", body="Police said three people were killed.")
            )
        added = [verified(h, b) for h, b in receiver.received]
        assert {entry["event"] for entry in added} == {"claim.added"}
        claim_ids = {entry["data"]["claim"] for entry in added}
        assert claim_ids == set(result.article.claims.values_list("pk", flat=True))
        claim = result.article.claims.first()
        receiver.received.clear()
        with django_capture_on_commit_callbacks(execute=True):
            review_claim(
                claim_id=claim.pk, status="in_review", note="n", reviewer=ReviewerFactory()
            )
    [(headers, body)] = receiver.received
    payload = verified(headers, body)
    assert payload["event"] == "claim.status_changed"
    assert payload["data"]["from_status"] == "unverified"
    assert payload["data"]["to_status"] == "in_review"


def test_endpoints_only_get_the_events_they_chose(django_capture_on_commit_callbacks):
    with Receiver([]) as receiver:
        endpoint(receiver.url, "verdict.withdrawn")
        with django_capture_on_commit_callbacks(execute=True):
            review_claim(
                claim_id=ClaimFactory().pk, status="in_review", note="n", reviewer=ReviewerFactory()
            )
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_claim_an_editor_adds_is_announced(django_capture_on_commit_callbacks):
    body = "Police said three people were killed. Four others were hurt."
    article = ingest_article(IncomingArticle(title="T", body=body)).article
    with Receiver([]) as receiver:
        endpoint(receiver.url, "claim.added")
        with django_capture_on_commit_callbacks(execute=True):
            claim = add_claim(
                article_id=article.pk,
                start=body.index("Four"),
                end=len(body) - 1,
                kind="statement",
                note="Missed",
                editor=ReviewerFactory(),
            )
    [(headers, body_sent)] = receiver.received
    payload = verified(headers, body_sent)
    assert (payload["event"], payload["data"]["claim"]) == ("claim.added", claim.pk)
