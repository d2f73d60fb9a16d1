"""The API's write actions: a POST with its documented schema, and its body validated."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action


def post_action(*, detail: bool = True, url_path: str | None = None, **schema):
    """A POST action (on one object, or the list with ``detail=False``) documented by
    ``schema`` (extend_schema's arguments); writes take no filters and no pages."""

    def decorate(view):
        routed = action(
            detail=detail,
            methods=["post"],
            url_path=url_path,
            filter_backends=[],
            pagination_class=None,
        )(view)
        return extend_schema(**schema)(routed)

    return decorate


def validated(serializer_class, request) -> dict:
    """The request body as ``serializer_class`` validates it (a copy the view may pop from);
    invalid input raises DRF's ValidationError, answered 400 with every field's reason."""
    request_data = serializer_class(data=request.data)
    request_data.is_valid(raise_exception=True)
    return dict(request_data.validated_data)
