"""Bearer tokens for API clients, stored as SHA-256 hashes (a database leak leaks no keys)."""

import hashlib
import secrets

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from claims.models import ApiToken

KEYWORDS = (b"token", b"bearer")


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
        token = ApiToken.objects.select_related("user").filter(key_hash=hash_key(key)).first()
        if token is None or not token.user.is_active:
            raise AuthenticationFailed("Invalid or revoked token.")
        now = timezone.now()
        if token.expires_at is not None and token.expires_at <= now:
            raise AuthenticationFailed("Token expired.")
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
