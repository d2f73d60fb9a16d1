"""API tokens: issued, used, given an expiry and revoked only here. Only a key's SHA-256 is
stored, so a database leak leaks no keys; the key itself is shown once, when issued."""

import datetime
import hashlib
import secrets
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction

from claims.models import ApiToken

# At most one write an hour per token: enough to spot tokens nobody uses.
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


def note_token_used(token: ApiToken, *, now: datetime.datetime) -> None:
    """Record that the token was used, at most once per LAST_USED_PRECISION."""
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def _require_superuser(editor) -> None:
    if editor is None or not editor.is_active or not editor.is_superuser:
        raise PermissionDenied("Only superusers manage API tokens.")


def set_token_expiry(*, token_id: int, expires_at: datetime.datetime | None, editor) -> ApiToken:
    """Give a token an expiry (or none); a past expiry stops it at once."""
    _require_superuser(editor)
    with transaction.atomic():
        ApiToken.objects.filter(pk=token_id).update(expires_at=expires_at)
        return ApiToken.objects.get(pk=token_id)


def revoke_tokens(*, token_ids: Sequence[int], editor) -> int:
    """Delete the tokens: their keys stop working on the next request. Returns how many."""
    _require_superuser(editor)
    deleted, _ = ApiToken.objects.filter(pk__in=list(token_ids)).delete()
    return deleted
