"""``/api/extraction/quality/``: the extractor measured by what editors kept, corrected,
rejected and added (claims.selectors.extraction_quality)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api.schema import READ_ERRORS


class QualityGroupSerializer(serializers.Serializer):
    extractor_version = serializers.CharField(
        help_text="Empty: claims ingested before it was kept."
    )
    kind = serializers.CharField()
    articles = serializers.IntegerField(help_text="Worked-on articles with claims in this group.")
    extracted = serializers.IntegerField()
    kept = serializers.IntegerField(help_text="Extracted and left as they were.")
    corrected = serializers.IntegerField()
    corrected_fields = serializers.DictField(child=serializers.IntegerField())
    rejected = serializers.IntegerField()
    rejected_reasons = serializers.DictField(child=serializers.IntegerField())
    added = serializers.IntegerField(help_text="Claims editors added that it missed.")
    precision = serializers.FloatField(allow_null=True, help_text="(kept + corrected) / extracted")
    recall = serializers.FloatField(
        allow_null=True, help_text="(kept + corrected) / (kept + corrected + added)"
    )


class QualitySerializer(serializers.Serializer):
    articles = serializers.IntegerField(help_text="Articles editors have worked on.")
    groups = QualityGroupSerializer(many=True)


class ExtractionQualityView(APIView):
    @extend_schema(
        summary="Extractor quality as measured by the desk",
        description="Per extractor version and kind, over articles whose claims editors "
        "have reviewed or changed.",
        responses={200: QualitySerializer, **READ_ERRORS},
    )
    def get(self, request):
        return Response(selectors.extraction_quality())
