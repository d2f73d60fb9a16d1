"""The claims a bulk write acts on: checked, then locked in id order, one order for every
bulk write so that two of them never deadlock."""

from collections.abc import Iterable

from claims.models import Claim
from claims.services.exceptions import UnknownClaims


def selected_ids(claim_ids: Iterable[int], empty: Exception) -> list[int]:
    """The distinct ids, in order; raises ``empty`` (the service's own refusal) for none."""
    wanted = sorted(set(claim_ids))
    if not wanted:
        raise empty
    return wanted


def lock_claims(wanted: list[int], *fields: str, of: tuple[str, ...] = ()) -> list:
    """The claims (or, given ``fields``, rows of pk and those fields) locked FOR NO KEY
    UPDATE until the transaction ends; UnknownClaims names any id that is not a claim."""
    locked = Claim.objects.select_for_update(no_key=True, of=of).filter(pk__in=wanted)
    locked = locked.order_by("pk")
    rows = list(locked.values_list("pk", *fields) if fields else locked)
    missing = set(wanted) - {row[0] if fields else row.pk for row in rows}
    if missing:
        raise UnknownClaims(missing)
    return rows
