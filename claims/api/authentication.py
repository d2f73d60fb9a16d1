"""Bearer tokens for API clients, stored as SHA-256 hashes (a database leak leaks no keys)."""

import datetime
import hashlib
import secrets

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from claims.models import ApiToken

KEYWORDS = (b"token", b"bearer")
LAST_USED_PRECISION = datetime.timedelta(hours=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user, *, name: str = "default") -> str:
    """Create (or replace) the user's token called ``name`` and return the only copy of its key."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.update_or_create(
        user=user,
        name=name,
        defaults={"key_hash": hash_key(key), "prefix": key[:8], "last_used_at": None},
    )
    return key


class HashedTokenAuthentication(BaseAuthentication):
    """``Authorization: Token <key>`` (or ``Bearer <key>``)."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Invalid token header: expected 'Token <key>'.")
        try:
            key = header[1].decode()
        except UnicodeDecodeError:
            raise AuthenticationFailed("Invalid token header.") from None
        try:
            token = ApiToken.objects.select_related("user").get(key_hash=hash_key(key))
        except ApiToken.DoesNotExist:
            raise AuthenticationFailed("Invalid or revoked token.") from None
        if not token.user.is_active:
            raise AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.expires_at is not None and token.expires_at <= now:
            raise AuthenticationFailed("Token expired.")
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
            # At most one write an hour per token: enough to spot tokens nobody uses.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
