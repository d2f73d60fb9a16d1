"""What the services refuse, and why; ``claims/api/errors.py`` maps each to HTTP once."""

from collections.abc import Sequence


class ArticleRejected(ValueError):
    """The article cannot be stored as given; the message says why."""


class ReviewRejected(ValueError):
    """The review request is invalid (unknown status, missing note, bad evidence URL)."""


class IncidentRejected(ValueError):
    """The regrouping cannot be done as asked (too few incidents, claims gone); nothing moved."""


class UnknownClaims(ReviewRejected):
    """Some of the claim ids do not exist; nothing was changed."""

    def __init__(self, missing_ids: Sequence[int]):
        self.missing_ids = sorted(missing_ids)
        shown = ", ".join(str(claim_id) for claim_id in self.missing_ids[:20])
        more = "" if len(self.missing_ids) <= 20 else f" and {len(self.missing_ids) - 20} more"
        super().__init__(f"Unknown claim ids: {shown}{more}. Nothing was changed.")


class StaleVersion(Exception):
    """The claim changed since the client read it; the write was refused."""

    def __init__(self, claim_id: int, current_version: int):
        self.claim_id = claim_id
        self.current_version = current_version
        super().__init__(
            f"Claim {claim_id} is at version {current_version}; reload it and decide again."
        )


class EditRejected(ValueError):
    """An editor's change to a record cannot be saved as given; the message says why and
    ``field`` which field, when it is one field's fault."""

    def __init__(self, message: str, *, field: str | None = None):
        self.field = field
        super().__init__(message)


class CurationRejected(EditRejected):
    """An editor's add, correction, rejection or claimant change cannot be made as asked.

    ``field`` names the input that is wrong (``"start"``, ``"count_max"``, …) when there is one.
    """


class DuplicateClaim(CurationRejected):
    """A claim of that kind already spans exactly those words; nothing was added."""

    def __init__(self, existing_id: int):
        self.existing_id = existing_id
        super().__init__(
            f"Claim {existing_id} already has this kind at this span; correct it instead."
        )


class ClaimantNameTaken(CurationRejected):
    """Another claimant already has that name: the two are probably one, so offer the merge."""

    def __init__(self, name: str, existing_id: int):
        self.existing_id = existing_id
        super().__init__(
            f"Claimant {existing_id} is already named {name!r}; merge the two claimants "
            "instead of renaming.",
            field="name",
        )
