"""Request body parsers."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class DepthSafeJSONParser(JSONParser):
    """DRF's JSON parser, but JSON nested too deep for Python's parser is a 400, not a 500.

    ``json.loads`` raises RecursionError (not ValueError) on a body such as ``[[[[…]]]]``
    a few thousand levels deep; DRF only turns ValueError into "JSON parse error".
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
