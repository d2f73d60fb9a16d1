"""Claim extraction from article text: pure Python, no Django.

``extract(text)`` returns :class:`ExtractedClaim` objects sorted by start offset.
"""

from claims.extraction.decisions import EXTRACTOR_VERSION
from claims.extraction.engine import extract
from claims.extraction.types import ClaimTrace, ExtractedClaim, Speaker

__all__ = ["EXTRACTOR_VERSION", "ClaimTrace", "ExtractedClaim", "Speaker", "extract"]
