"""Where text and people come from: outlets, the articles they publish, and claimants."""

import hashlib
import re

from django.conf import settings
from django.db import models
from django.db.models import Q


def content_hash(body: str) -> str:
    """SHA-256 of the body with whitespace folded, so a re-scrape with other line breaks is
    recognised as the same article."""
    folded = " ".join(body.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


_NAME_NOISE = re.compile(r"[^\w]+")


def claimant_key(name: str) -> str:
    """Case- and punctuation-insensitive identity of a claimant's name ("The UN" == "the U.N.")."""
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return "".join(words) if all(len(w) == 1 for w in words) else " ".join(words)


class Outlet(models.Model):
    """A publisher. The domain identifies it when known; otherwise its name does."""

    name = models.CharField(max_length=200, unique=True)
    domain = models.CharField(max_length=253, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    """A news article as ingested. Claims anchor to offsets into ``body``, so it never changes."""

    title = models.CharField(max_length=500)
    url = models.URLField(max_length=2000, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    published_on = models.DateField(null=True, blank=True, db_index=True)
    body = models.TextField()
    content_hash = models.CharField(max_length=64, editable=False)
    language = models.CharField(max_length=16, default="en")
    ingested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-ingested_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.UniqueConstraint(
                fields=["url"], condition=~Q(url=""), name="article_unique_url_when_present"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(condition=~Q(title=""), name="article_title_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title


class ClaimantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    GOVERNMENT = "government", "Government"
    MILITARY = "military", "Military"
    ARMED_GROUP = "armed_group", "Armed group"
    UNKNOWN = "unknown", "Unknown"


class Claimant(models.Model):
    """A person or organisation claims are attributed to; one row per name across articles."""

    Kind = ClaimantKind

    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    role = models.CharField(
        max_length=300, blank=True, help_text="The claimant's role, in the article's words."
    )
    affiliation = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key"], name="claimant_unique_key"),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def save(self, *args, **kwargs):
        self.key = claimant_key(self.name)
        super().save(*args, **kwargs)
