"""Who may do what, as one table: every API endpoint and method, and every admin page and
action, for anonymous visitors, signed-in users, reviewers (API, not staff), staff
reviewers (the admin's reviewers), staff without permissions, superusers and editors
(staff in the editors group: they decide, publish and withdraw).

Each refused request must also leave the database as it was.
"""

import pytest
from django.test import Client

from claims.models import Claim, ClaimChange, Incident, IngestBatch, Review
from claims.services.batches import create_ingest_batch
from claims.services.tokens import issue_token
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant
from tests.factories import (
    ClaimantFactory,
    ClaimFactory,
    EditorFactory,
    IncidentFactory,
    ReviewerFactory,
    StaffFactory,
    StaffReviewerFactory,
    SuperuserFactory,
    UserFactory,
    decide,
    decide_and_publish,
)
from tests.module_data import module_fixture
from tests.reliability import ensure_reviewers_group

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "user", "reviewer", "staff_reviewer", "staff", "superuser", "editor"]
FACTORIES = {
    "user": UserFactory,
    "reviewer": ReviewerFactory,
    "staff_reviewer": StaffReviewerFactory,
    "staff": StaffFactory,
    "superuser": SuperuserFactory,
    "editor": EditorFactory,
}
LOGIN = "login"  # an admin redirect to the login page
NOTE = {
    "status": "confirmed",
    "note": "Matches the hospital list",
    "evidence_urls": ["https://example.org/list"],
}
# The world's unreviewed claim's article says "... three people were killed and four others
# injured."; these add the second figure, correct and reject the first.
ADD = {
    "article": "{unreviewed_article}",
    "start": "{add_start}",
    "end": "{add_end}",
    "kind": "casualty",
    "outcome": "injured",
    "count_min": 4,
    "note": "Missed",
}
CORRECT = {"count_min": 5, "note": "Five"}
REJECT = {"reason": "not_a_claim", "note": "Not a figure"}


def row(method, path, body, *answers, editor=None):
    """One line of the table: the answer for each role, in ROLES order. An editor is a staff
    reviewer who may also publish, so unless given, the editor's answer is theirs."""
    answers = (*answers, answers[3] if editor is None else editor)
    assert len(answers) == len(ROLES)
    return pytest.param(
        method, path, body, dict(zip(ROLES, answers, strict=True)), id=f"{method} {path}"
    )


ALL_200 = (200,) * 6
REVIEWERS_ONLY = (401, 403, 200, 200, 403, 200)
STAFF_ONLY_READ = (401, 403, 403, 200, 200, 200)

API_TABLE = [
    row("GET", "/api/claims/", None, *ALL_200),
    row("GET", "/api/claims/{claim}/", None, *ALL_200),
    row("GET", "/api/claims/{claim}/history/", None, *ALL_200),
    row("GET", "/api/claims/{claim}/conflicts/", None, *ALL_200),
    row("GET", "/api/claims/{published_claim}/claimreview/", None, *ALL_200),
    row("GET", "/api/claims/{claim}/claimreview/", None, *(404,) * 6),
    row("GET", "/api/claims/search/?q=killed", None, *ALL_200),
    row("POST", "/api/claims/{claim}/review/", NOTE, *REVIEWERS_ONLY),
    row("PATCH", "/api/claims/{claim}/", NOTE, *REVIEWERS_ONLY),
    row("POST", "/api/claims/bulk-review/", {"ids": ["{claim}"], **NOTE}, *REVIEWERS_ONLY),
    row("PUT", "/api/claims/{claim}/", NOTE, 401, 405, 405, 405, 405, 405),
    row("DELETE", "/api/claims/{claim}/", None, 401, 405, 405, 405, 405, 405),
    row("POST", "/api/claims/", ADD, 401, 403, 201, 201, 403, 201),
    row("POST", "/api/claims/{unreviewed_claim}/correct/", CORRECT, *REVIEWERS_ONLY),
    row("POST", "/api/claims/{unreviewed_claim}/reject/", REJECT, *REVIEWERS_ONLY),
    row(
        "POST",
        "/api/claims/bulk-reject/",
        {"ids": ["{unreviewed_claim}"], **REJECT},
        *REVIEWERS_ONLY,
    ),
    # Not rejected, so a reviewer is told so (400); nobody else gets that far.
    row(
        "POST",
        "/api/claims/{unreviewed_claim}/restore/",
        {"note": "x"},
        401,
        403,
        400,
        400,
        403,
        400,
    ),
    row(
        "POST",
        "/api/claimants/{claimant}/rename/",
        {"name": "Renamed", "note": "x"},
        *REVIEWERS_ONLY,
    ),
    row(
        "POST",
        "/api/claimants/{claimant}/merge/",
        {"into": "{other_claimant}", "note": "x"},
        *REVIEWERS_ONLY,
    ),
    row("GET", "/api/extraction/quality/", None, *ALL_200),
    row("GET", "/api/articles/", None, *ALL_200),
    row("GET", "/api/articles/{article}/", None, *ALL_200),
    row(
        "POST",
        "/api/articles/",
        {"body": "Police said two people were killed."},
        401,
        403,
        403,
        201,
        201,
        201,
    ),
    row("DELETE", "/api/articles/{article}/", None, 401, 403, 403, 405, 405, 405),
    row("GET", "/api/claimants/", None, *ALL_200),
    row("GET", "/api/reviews/", None, 401, 200, 200, 200, 200, 200),
    row("GET", "/api/reviews/{review}/", None, 401, 200, 200, 200, 200, 200),
    row("DELETE", "/api/reviews/{review}/", None, 401, 405, 405, 405, 405, 405),
    row("PATCH", "/api/reviews/{review}/", {"note": "x"}, 401, 405, 405, 405, 405, 405),
    row("GET", "/api/claimreview/", None, *ALL_200),
    row("POST", "/api/claims/{claim}/publish/", {}, 401, 403, 403, 403, 403, 200, editor=200),
    row(
        "POST",
        "/api/claims/{published_claim}/unpublish/",
        {"reason": "The source corrected itself."},
        401,
        403,
        403,
        403,
        403,
        200,
        editor=200,
    ),
    row(
        "POST",
        "/api/claims/{claim}/assign/",
        {"assignee": "{assignee}", "message": "Yours"},
        *REVIEWERS_ONLY,
    ),
    row(
        "POST",
        "/api/claims/bulk-assign/",
        {"article": "{article_id}", "assignee": "{assignee}"},
        *REVIEWERS_ONLY,
    ),
    row("GET", "/api/incidents/", None, *ALL_200),
    row("GET", "/api/incidents/{incident}/", None, *ALL_200),
    row("GET", "/api/incidents/{incident}/proposals/", None, *REVIEWERS_ONLY),
    row(
        "POST",
        "/api/incidents/{incident}/proposals/999999/accept/",
        {"note": "x"},
        401,
        403,
        404,
        404,
        403,
        404,
    ),
    row("POST", "/api/claims/{claim}/review-group/", NOTE, *REVIEWERS_ONLY),
    row(
        "POST",
        "/api/claims/{claim}/conflicts/{unreviewed_claim}/dismiss/",
        {"note": "Not flagged"},
        401,
        403,
        400,
        400,
        403,
        400,
    ),
    row("GET", "/api/batches/", None, *STAFF_ONLY_READ),
    row("GET", "/api/batches/{batch}/", None, *STAFF_ONLY_READ),
    row(
        "POST",
        "/api/batches/",
        {"articles": [{"body": "Officials said four people died."}]},
        401,
        403,
        403,
        202,
        202,
        202,
    ),
    row("GET", "/api/schema/", None, *ALL_200),
]


def build_world():
    ensure_reviewers_group()
    editor = StaffReviewerFactory()
    claim = ClaimFactory()
    decide(claim, editor, "disputed")
    published = ClaimFactory()
    decide_and_publish(published, editor, "false")
    incidents = [IncidentFactory(), IncidentFactory()]
    unreviewed = ClaimFactory(incident=incidents[1])
    body = unreviewed.article.body
    claimants = [ClaimantFactory(), ClaimantFactory()]
    batch = create_ingest_batch(
        articles=[IncomingArticle(title="T", body="Officials said one person died.")],
        created_by=editor,
    )
    users = {role: factory() for role, factory in FACTORIES.items()}
    return {
        "claim": claim.pk,
        "article": claim.article_id,
        "review": Review.objects.get(claim=claim).pk,
        "incident": incidents[0].pk,
        "incidents": [incident.pk for incident in incidents],
        "batch": batch.pk,
        "unreviewed_claim": unreviewed.pk,
        "unreviewed_article": unreviewed.article_id,
        "published_claim": published.pk,
        "assignee": editor.username,
        "assignee_id": editor.pk,
        "add_start": body.index("four others injured"),
        "add_end": body.index("four others injured") + len("four others injured"),
        "claimant": claimants[0].pk,
        "other_claimant": claimants[1].pk,
        "unreviewed_end": len(body.split()[0]),
        "users": users,
        "tokens": {role: issue_token(user) for role, user in users.items()},
    }


world = module_fixture(
    build_world,
    "One reviewed claim (so it has a verdict and a review), two incidents, a batch; built "
    "once for the table's ~650 requests with a user and a token per role, each test's "
    "changes rolled back after it.",
)


def snapshot():
    return (
        list(
            Claim.objects.order_by("pk").values_list(
                "pk", "status", "version", "incident_id", "assignee_id", "publication"
            )
        ),
        list(Review.objects.order_by("pk").values_list("pk", "note", "to_status")),
        list(Incident.objects.order_by("pk").values_list("pk", "title")),
        Article.objects.count(),
        IngestBatch.objects.count(),
        list(Claimant.objects.order_by("pk").values_list("pk", "name")),
        ClaimChange.objects.count(),
    )


def fill(value, world):
    if value == "{article_id}":
        return world["article"]
    if isinstance(value, str):
        return value.format(**world)
    if isinstance(value, list):
        return [
            int(fill(item, world))
            if isinstance(item, str) and item.startswith("{")
            else fill(item, world)
            for item in value
        ]
    if isinstance(value, dict):
        return {key: fill(item, world) for key, item in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expected"), API_TABLE)
def test_api_permission_matrix(api, world, role, method, path, body, expected):
    if role != "anonymous":
        api.credentials(HTTP_AUTHORIZATION=f"Token {world['tokens'][role]}")
    before = snapshot()
    response = getattr(api, method.lower())(
        fill(path, world), fill(body, world), format="json" if body is not None else None
    )
    assert response.status_code == expected[role], (
        f"{role} {method} {path}: {response.status_code} {response.content[:200]!r}"
    )
    if response.status_code >= 400:
        assert response.json()["detail"]
        assert snapshot() == before, f"{role} was refused but something changed"


# --- Admin -------------------------------------------------------------------------------

NOT_STAFF = (LOGIN, LOGIN, LOGIN)  # anonymous, user, reviewer: no admin at all


def admin_row(method, path, body, staff_reviewer, staff, superuser, editor=None):
    return row(method, path, body, *NOT_STAFF, staff_reviewer, staff, superuser, editor=editor)


def action(name, ids="{claim}", **extra):
    return {"action": name, "_selected_action": ids, "apply": "1", "note": "Checked", **extra}


REJECT_ACTION = action(
    "reject_selected", ids="{unreviewed_claim}", reason="not_a_claim", note="Noise"
)
ADMIN_CORRECT = {
    "kind": "casualty",
    "start": "0",
    "end": "{unreviewed_end}",
    "outcome": "killed",
    "count_min": "5",
    "note": "Five",
    "version": "1",
}
ADD_PAGE = (
    "/admin/claims/claim/add-from-article/{unreviewed_article}/?start={add_start}&end={add_end}"
)
ADMIN_ADD = {
    "kind": "casualty",
    "start": "{add_start}",
    "end": "{add_end}",
    "outcome": "injured",
    "count_min": "4",
    "note": "Missed",
}

ADMIN_TABLE = [
    admin_row("GET", "/admin/", None, 200, 200, 200),
    admin_row("GET", "/admin/claims/claim/", None, 200, 403, 200),
    admin_row("GET", "/admin/claims/claim/{claim}/change/", None, 200, 403, 200),
    admin_row("GET", "/admin/claims/claim/{claim}/review/", None, 200, 403, 200),
    admin_row(
        "POST",
        "/admin/claims/claim/{claim}/review/",
        {**NOTE, "version": "2"},
        302,
        403,
        302,
    ),
    *[
        admin_row("POST", "/admin/claims/claim/", action(name), 302, 403, 302)
        for name in [
            "mark_confirmed",
            "mark_disputed",
            "mark_false",
            "mark_unverifiable",
            "mark_in_review",
        ]
    ],
    admin_row(
        "POST",
        "/admin/claims/claim/",
        action("move_to_new_incident", title="Another event"),
        302,
        403,
        302,
    ),
    admin_row("POST", "/admin/claims/claim/", REJECT_ACTION, 302, 403, 302),
    admin_row("GET", "/admin/claims/claim/{unreviewed_claim}/correct/", None, 200, 403, 200),
    admin_row(
        "POST", "/admin/claims/claim/{unreviewed_claim}/correct/", ADMIN_CORRECT, 302, 403, 302
    ),
    admin_row("GET", "/admin/claims/claim/{unreviewed_claim}/reject/", None, 200, 403, 200),
    admin_row(
        "POST",
        "/admin/claims/claim/{unreviewed_claim}/reject/",
        {**REJECT, "version": "1"},
        302,
        403,
        302,
    ),
    admin_row("GET", "/admin/claims/claim/{unreviewed_claim}/restore/", None, 200, 403, 200),
    admin_row("GET", ADD_PAGE, None, 200, 403, 200),
    admin_row("POST", ADD_PAGE, ADMIN_ADD, 302, 403, 302),
    admin_row("GET", "/admin/claims/claim/quality/", None, 200, 403, 200),
    admin_row("GET", "/admin/claims/claim/export.csv", None, 200, 403, 200),
    admin_row("GET", "/admin/claims/claim/export.json", None, 200, 403, 200),
    admin_row("GET", "/admin/claims/claim/import-reviews/", None, 200, 403, 200),
    admin_row("POST", "/admin/claims/claim/import-reviews/", "csv", 200, 403, 200),
    admin_row("GET", "/admin/claims/incident/", None, 200, 403, 200),
    admin_row(
        "POST",
        "/admin/claims/incident/",
        {"action": "merge_selected", "_selected_action": "{incidents}"},
        302,
        403,
        302,
    ),
    # Reviews are the record: not even a superuser deletes a claim (or article) that has
    # reviews, since that would delete them too; claims without reviews may go.
    admin_row("GET", "/admin/claims/claim/{claim}/delete/", None, 403, 403, 200),
    admin_row("POST", "/admin/claims/claim/{claim}/delete/", {"post": "yes"}, 403, 403, 403),
    admin_row(
        "POST", "/admin/claims/claim/{unreviewed_claim}/delete/", {"post": "yes"}, 403, 403, 302
    ),
    admin_row("GET", "/admin/claims/claim/add/", None, 403, 403, 403),
    admin_row("GET", "/admin/claims/review/{review}/change/", None, 200, 403, 200),
    admin_row(
        "POST", "/admin/claims/review/{review}/change/", {"note": "Rewritten"}, 403, 403, 403
    ),
    admin_row("POST", "/admin/claims/review/{review}/delete/", {"post": "yes"}, 403, 403, 403),
    admin_row("GET", "/admin/sources/article/{article}/change/", None, 200, 403, 200),
    admin_row("POST", "/admin/sources/article/{article}/delete/", {"post": "yes"}, 403, 403, 403),
    admin_row(
        "POST",
        "/admin/sources/article/{unreviewed_article}/delete/",
        {"post": "yes"},
        403,
        403,
        302,
    ),
    admin_row("GET", "/admin/claims/ingestbatch/", None, 200, 403, 200),
    # The desk. An action a role may not run is not offered: the list answers "No action
    # selected" (302) and nothing changes.
    admin_row("POST", "/admin/claims/claim/", action("publish_selected"), 302, 403, 302),
    admin_row(
        "POST",
        "/admin/claims/claim/",
        action("withdraw_selected", ids="{published_claim}", reason="Corrected"),
        302,
        403,
        302,
    ),
    admin_row(
        "POST",
        "/admin/claims/claim/",
        action("assign_selected", assignee="{assignee_id}", message="Yours"),
        302,
        403,
        302,
    ),
    admin_row("POST", "/admin/claims/claim/{claim}/publish/", {}, 403, 403, 302, editor=302),
    admin_row(
        "POST",
        "/admin/claims/claim/{published_claim}/withdraw/",
        {"reason": "Corrected"},
        403,
        403,
        302,
        editor=302,
    ),
    admin_row("GET", "/admin/claims/webhookendpoint/", None, 403, 403, 200, editor=403),
    admin_row("GET", "/admin/claims/webhookdelivery/", None, 403, 403, 200, editor=403),
    admin_row(
        "POST",
        "/admin/claims/webhookendpoint/add/",
        {"url": "https://hooks.example/x", "secret": "s", "events": ["claim.added"]},
        403,
        403,
        302,
        editor=403,
    ),
]


# Which changes each successful admin write makes, to tell success from a silent no-op.
def publication(claim_id):
    return Claim.objects.get(pk=claim_id).publication


CHANGES = {
    "/admin/claims/claim/{claim}/review/": lambda w: Claim.objects.get(pk=w["claim"]).version == 3,
    "/admin/claims/claim/{claim}/publish/": lambda w: publication(w["claim"]) == "published",
    "/admin/claims/claim/{published_claim}/withdraw/": lambda w: (
        publication(w["published_claim"]) == "withdrawn"
    ),
    "/admin/claims/claim/{claim}/delete/": lambda w: not Claim.objects.filter(pk=w["claim"]),
    "/admin/claims/claim/{unreviewed_claim}/correct/": lambda w: (
        Claim.objects.get(pk=w["unreviewed_claim"]).count_min == 5
    ),
    "/admin/claims/claim/{unreviewed_claim}/reject/": lambda w: (
        Claim.objects.get(pk=w["unreviewed_claim"]).rejection_reason == "not_a_claim"
    ),
    ADD_PAGE: lambda w: Claim.objects.filter(origin="editor").count() == 1,
    "/admin/sources/article/{article}/delete/": lambda w: (
        not Article.objects.filter(pk=w["article"])
    ),
}


def admin_body(body, world):
    if body == "csv":
        from django.core.files.uploadedfile import SimpleUploadedFile

        csv = f"id,status,note\n{world['claim']},confirmed,From the spreadsheet\n"
        return {"file": SimpleUploadedFile("decisions.csv", csv.encode(), "text/csv")}
    body = dict(body or {})
    for key, value in body.items():
        if value == "{incidents}":
            body[key] = world["incidents"]
        elif value in ("{claim}", "{published_claim}", "{unreviewed_claim}"):
            body[key] = [world[value.strip("{}")]]
        elif value == "{assignee_id}":
            body[key] = world["assignee_id"]
        elif isinstance(value, str):
            body[key] = value.format(**world)
    return body


# What a desk action does for roles that may run it (publish/withdraw: editors and
# superusers; assign: every reviewer); for the others it must change nothing.
DESK_ACTIONS = {
    "publish_selected": (
        {"superuser", "editor"},
        lambda w: publication(w["claim"]) == "published",
    ),
    "withdraw_selected": (
        {"superuser", "editor"},
        lambda w: publication(w["published_claim"]) == "withdrawn",
    ),
    "assign_selected": (
        {"superuser", "editor", "staff_reviewer"},
        lambda w: Claim.objects.get(pk=w["claim"]).assignee_id == w["assignee_id"],
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "expected"), ADMIN_TABLE)
def test_admin_permission_matrix(world, role, method, path, body, expected):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    before = snapshot()
    url = fill(path, world)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, admin_body(body, world))
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302, f"{role} {method} {path}: {response.status_code}"
        assert response["Location"].startswith("/admin/login/"), response["Location"]
    else:
        assert response.status_code == want, f"{role} {method} {path}: {response.status_code}"
        if want == 302:
            assert not response["Location"].startswith("/admin/login/")
    if want in (LOGIN, 403):
        assert snapshot() == before, f"{role} was refused but something changed"
    elif method == "POST" and path in CHANGES:
        assert CHANGES[path](world), f"{role} {path}: accepted but nothing happened"
    elif body == "csv":
        assert snapshot() == before, "the import preview wrote something"
    elif method == "POST" and body and body.get("action") == "reject_selected":
        assert Claim.objects.get(pk=world["unreviewed_claim"]).rejection_reason == "not_a_claim"
    elif method == "POST" and body and str(body.get("action", "")).startswith("mark_"):
        status = body["action"].removeprefix("mark_")
        assert Claim.objects.get(pk=world["claim"]).status == status
    elif method == "POST" and body and body.get("action") in DESK_ACTIONS:
        allowed, happened = DESK_ACTIONS[body["action"]]
        if role in allowed:
            assert happened(world), f"{role} {body['action']}: accepted but nothing happened"
        else:
            assert snapshot() == before, f"{role} {body['action']} changed something"
    elif "webhookendpoint/add" in path:
        from claims.models import WebhookEndpoint

        assert WebhookEndpoint.objects.exists()
