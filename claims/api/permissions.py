"""Who may do what through the API. Throttling is not a boundary; these classes are."""

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.services.review import CAN_REVIEW_CLAIMS


class ReadPublicOrAuthenticated(BasePermission):
    """Anyone reads (unless API_REQUIRE_LOGIN is on); writes need a signed-in user."""

    public_reads = True  # the schema says GETs need no credentials (claims.api.schema)

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS and not settings.API_REQUIRE_LOGIN:
            return True
        return bool(request.user and request.user.is_authenticated)


class IsReviewer(BasePermission):
    """Holders of claims.review_claim, which the ``reviewers`` group grants."""

    message = "Only reviewers can review or curate claims."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(CAN_REVIEW_CLAIMS))


class IsStaffOrReadOnly(BasePermission):
    """Reads follow the default rule; creating articles is for staff."""

    message = "Only staff can ingest articles."
    public_reads = True

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return ReadPublicOrAuthenticated().has_permission(request, view)
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class IsStaff(BasePermission):
    """Staff only, reads included (ingest batches hold unpublished article text)."""

    message = "Only staff can see and start ingest batches."

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)
