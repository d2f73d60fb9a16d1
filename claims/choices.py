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


# Statuses that are a verdict a reader can be told about (ClaimReview, public pages).
VERDICT_STATUSES = (Status.CONFIRMED, Status.DISPUTED, Status.FALSE, Status.UNVERIFIABLE)
