"""Claim extraction from article text: pure Python, no Django.

``extract(text)`` returns :class:`ExtractedClaim` objects sorted by start offset.
"""

from claims.extraction.engine import extract
from claims.extraction.types import ExtractedClaim, Speaker

# Recorded on every claim ingest stores, so the desk's corrections measure each version.
EXTRACTOR_VERSION = "1.0.0"

__all__ = ["EXTRACTOR_VERSION", "ExtractedClaim", "Speaker", "extract"]
