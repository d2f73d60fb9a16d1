"""An article as it arrives, before anything checks it: the one shape a file, the API, a
batch and a batch's stored item all hand to ingest."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class IncomingArticle:
    """Title and body as received (the body byte for byte: claims anchor to its offsets),
    with what is known of its source. ``label`` names it in reports (a file name)."""

    title: str
    body: str
    url: str = ""
    outlet: str = ""
    published_on: datetime.date | None = None
    language: str = "en"
    label: str = ""
