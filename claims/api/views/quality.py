"""``/api/extraction/quality/``: the extractor measured by what editors kept, corrected,
rejected and added (claims.selectors.extraction_quality)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api.schema import READ_ERRORS
from claims.api.serializers import QualitySerializer


class ExtractionQualityView(APIView):
    @extend_schema(
        summary="Extractor quality as measured by the desk",
        description="Per extractor version and kind, over articles whose claims editors "
        "have reviewed or changed.",
        responses={200: QualitySerializer, **READ_ERRORS},
    )
    def get(self, request):
        return Response(selectors.extraction_quality())
