"""The claim's choice sets: what kind of claim, what happened to people, where it stands.

Apart from the models so that the claim's field spec (claims.spec) can use them.
"""

from django.db import models


class ClaimKind(models.TextChoices):
    CASUALTY = "casualty", "Casualty count"
    QUANTITY = "quantity", "Other quantity"
    STATEMENT = "statement", "Attributed statement"


class Outcome(models.TextChoices):
    KILLED = "killed", "Killed"
    INJURED = "injured", "Injured"
    MISSING = "missing", "Missing"
    DISPLACED = "displaced", "Displaced"
    ARRESTED = "arrested", "Arrested"


class Status(models.TextChoices):
    UNVERIFIED = "unverified", "Unverified"
    IN_REVIEW = "in_review", "In review"
    CONFIRMED = "confirmed", "Confirmed"
    DISPUTED = "disputed", "Disputed"
    FALSE = "false", "False"
    UNVERIFIABLE = "unverifiable", "Unverifiable"


class Origin(models.TextChoices):
    EXTRACTOR = "extractor", "Extractor"
    EDITOR = "editor", "Editor"


class RejectionReason(models.TextChoices):
    """Why an editor says a claim is not one to track; blank while it is."""

    NOT_A_CLAIM = "not_a_claim", "Not a claim"
    DUPLICATE = "duplicate", "Duplicate"
    WRONG_NUMBERS = "wrong_numbers", "Wrong numbers"
    WRONG_SPEAKER = "wrong_speaker", "Wrong speaker"
    OTHER = "other", "Other"


# Statuses that are a verdict a reader can be told about (ClaimReview, public pages).
VERDICT_STATUSES = (Status.CONFIRMED, Status.DISPUTED, Status.FALSE, Status.UNVERIFIABLE)
