"""Every API error is JSON with a ``detail`` message, including the service's own exceptions.

Database errors are not answered here: they propagate to factcheck.middleware, the one place
that tells a lost connection from a lock timeout (and logs the cause), for pages and API alike.

Validation errors keep DRF's per-field messages under ``errors`` and also say, in ``detail``,
what was wrong in one sentence a client can show as is.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from claims.services.exceptions import (
    ArticleRejected,
    ClaimantNameTaken,
    CurationRejected,
    DuplicateClaim,
    IncidentRejected,
    ReviewRejected,
    StaleVersion,
    UnknownClaims,
)

MAX_MESSAGES_IN_DETAIL = 5


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request is too large."
    default_code = "too_large"


def _messages(errors, path=()):
    """(field path, message) pairs from DRF's nested error structure, in order."""
    if isinstance(errors, dict):
        for field, nested in errors.items():
            inner = path if field == api_settings.NON_FIELD_ERRORS_KEY else (*path, str(field))
            yield from _messages(nested, inner)
    elif isinstance(errors, list):
        for nested in errors:
            yield from _messages(nested, path)
    else:
        yield ".".join(path), str(errors)


def validation_detail(errors) -> str:
    messages = [f"{field}: {message}" if field else message for field, message in _messages(errors)]
    if not messages:
        return "Invalid input."
    shown = " ".join(messages[:MAX_MESSAGES_IN_DETAIL])
    hidden = len(messages) - MAX_MESSAGES_IN_DETAIL
    return f"{shown} (and {hidden} more)" if hidden > 0 else shown


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
    if isinstance(exc, DuplicateClaim | ClaimantNameTaken):
        code = "duplicate" if isinstance(exc, DuplicateClaim) else "name_taken"
        return Response(
            {"detail": str(exc), "code": code, "existing_id": exc.existing_id},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, CurationRejected):
        body = {"detail": str(exc), "code": "invalid"}
        if exc.field:
            body["errors"] = {exc.field: [str(exc)]}
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ReviewRejected | ArticleRejected | IncidentRejected):
        return Response({"detail": str(exc), "code": "invalid"}, status=400)
    if isinstance(exc, DjangoPermissionDenied):
        return Response({"detail": str(exc) or "Permission denied."}, status=403)
    if isinstance(exc, ValidationError):
        errors = exc.detail
        if not isinstance(errors, dict):
            errors = {api_settings.NON_FIELD_ERRORS_KEY: errors}
        return Response(
            {"detail": validation_detail(errors), "code": "invalid", "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return exception_handler(exc, context)
