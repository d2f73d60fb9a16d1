"""/api/: claims, articles, claimants and reviews; the OpenAPI schema and Swagger UI (served
from drf-spectacular-sidecar, so the docs work without a network)."""

from django.http import JsonResponse
from django.urls import Resolver404, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from claims.api.views import (
    claimants,
    claimreview,
    claims,
    incidents,
    ingest,
    quality,
    reviews,
    schema,
)

router = DefaultRouter()
router.register("claims", claims.ClaimViewSet, basename="claim")
router.register("articles", ingest.ArticleViewSet, basename="article")
router.register("claimants", claimants.ClaimantViewSet, basename="claimant")
router.register("reviews", reviews.ReviewViewSet, basename="review")
router.register("claimreview", claimreview.ClaimReviewFeedViewSet, basename="claimreview")
router.register("incidents", incidents.IncidentViewSet, basename="incident")
router.register("batches", ingest.BatchViewSet, basename="batch")


@csrf_exempt
def no_such_endpoint(request, rest=""):
    """JSON 404 for unknown /api/ paths, instead of Django's HTML page.

    Exempt from CSRF because it changes nothing: otherwise a POST to an unknown path with a
    session cookie gets the CSRF middleware's HTML 403 instead of this JSON 404.
    """
    hint = ""
    if not request.path.endswith("/"):
        try:
            if resolve(request.path + "/").func is not no_such_endpoint:
                hint = f" Did you mean {request.path}/ (with the slash)?"
        except Resolver404:
            pass
    return JsonResponse(
        {"detail": f"No API endpoint at {request.path}.{hint}", "code": "not_found"},
        status=404,
    )


urlpatterns = [
    path("schema/", schema.SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "extraction/quality/",
        quality.ExtractionQualityView.as_view(),
        name="extraction-quality",
    ),
    *router.urls,
    # Any character, newlines included ("." is not), or /api/a%0Ab/ gets Django's HTML 404.
    re_path(r"^(?P<rest>[\s\S]*)$", no_such_endpoint),
]
