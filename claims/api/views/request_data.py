"""Reading a write's request body: one serializer, a 400 for what it refuses."""


def validated(serializer_class, request) -> dict:
    """The request body as ``serializer_class`` validates it (a copy the view may pop from);
    invalid input raises DRF's ValidationError, answered 400 with every field's reason."""
    request_data = serializer_class(data=request.data)
    request_data.is_valid(raise_exception=True)
    return dict(request_data.validated_data)
