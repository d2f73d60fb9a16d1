"""Bearer tokens for API clients, stored as SHA-256 hashes (a database leak leaks no keys)."""

from django.utils import timezone
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from claims.models import ApiToken
from claims.services.tokens import hash_key, note_token_used

KEYWORDS = (b"token", b"bearer")


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
        note_token_used(token, now=now)
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
