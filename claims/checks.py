"""`check --deploy`: production must name the public site that ClaimReview URLs point at."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def check_publisher_url(app_configs, **kwargs):
    """A production ClaimReview whose url says 127.0.0.1 is read by search engines as such."""
    if settings.DEBUG:
        return []
    url = settings.FACTCHECK_PUBLISHER_URL
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and parts.hostname not in LOOPBACK_HOSTS:
        return []
    return [
        Error(
            f"FACTCHECK_PUBLISHER_URL is {url!r}; with DEBUG off it must be the public https "
            "address of this site (e.g. https://factcheck.example.org/), which every "
            "ClaimReview url and author names.",
            id="claims.E001",
        )
    ]
