"""Claim extraction from article text: pure Python, no Django.

``extract(text)`` returns :class:`ExtractedClaim` objects sorted by start offset.
"""

from claims.extraction.engine import extract
from claims.extraction.types import ExtractedClaim, Speaker

__all__ = ["ExtractedClaim", "Speaker", "extract"]
