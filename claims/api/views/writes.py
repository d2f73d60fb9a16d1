"""The API's extra actions (besides list, retrieve and create): routed and documented in one
decorator, with no filters and no pages; and a write's body, validated."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action


def _extra_action(method: str, detail: bool, url_path: str | None, schema: dict):
    def decorate(view):
        routed = action(
            detail=detail,
            methods=[method],
            url_path=url_path,
            filter_backends=[],
            pagination_class=None,
        )(view)
        return extend_schema(**schema)(routed)

    return decorate


def post_action(*, detail: bool = True, url_path: str | None = None, **schema):
    """A POST action (on one object, or the list with ``detail=False``) documented by
    ``schema`` (extend_schema's arguments)."""
    return _extra_action("post", detail, url_path, schema)


def get_action(*, detail: bool = True, url_path: str | None = None, **schema):
    """A GET action beside list and retrieve, documented like ``post_action``."""
    return _extra_action("get", detail, url_path, schema)


def validated(serializer_class, request) -> dict:
    """The request body as ``serializer_class`` validates it (a copy the view may pop from);
    invalid input raises DRF's ValidationError, answered 400 with every field's reason."""
    request_data = serializer_class(data=request.data)
    request_data.is_valid(raise_exception=True)
    return dict(request_data.validated_data)
