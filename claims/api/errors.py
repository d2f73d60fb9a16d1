"""Every API error is JSON with a ``detail`` message, including the service's own exceptions."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from claims.services import ArticleRejected, ReviewRejected, StaleVersion, UnknownClaims


def json_exception_handler(exc, context):
    if isinstance(exc, StaleVersion):
        return Response(
            {"detail": str(exc), "code": "stale_version", "current_version": exc.current_version},
            status=status.HTTP_412_PRECONDITION_FAILED,
            headers={"ETag": f'"{exc.current_version}"'},
        )
    if isinstance(exc, UnknownClaims):
        return Response(
            {"detail": str(exc), "code": "unknown_claims", "missing_ids": exc.missing_ids},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, ReviewRejected | ArticleRejected):
        return Response({"detail": str(exc), "code": "invalid"}, status=400)
    if isinstance(exc, DjangoPermissionDenied):
        return Response({"detail": str(exc) or "Permission denied."}, status=403)
    if isinstance(exc, OperationalError | InterfaceError) or type(exc) is DatabaseError:
        return Response(
            {"detail": "The database is unavailable; try again shortly.", "code": "unavailable"},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
        )
    return exception_handler(exc, context)
