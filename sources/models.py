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


# Words that describe a kind of source rather than name one: a claimant made only of these
# ("police", "officials", "a local official", "a hospital official", "witnesses") is a
# different body in every event, so it is scoped to the incident it spoke about.
GENERIC_CLAIMANT_WORDS = frozenset(
    """
    police policeman policemen officer officers official officials authority authorities
    resident residents witness witnesses eyewitness eyewitnesses villager villagers source
    sources spokesman spokeswoman spokesperson doctor doctors medic medics paramedic
    paramedics nurse nurses rescuer rescuers rescue worker workers hospital hospitals
    security local senior junior provincial district regional state city town village
    government military army health emergency fire service services staff survivor
    survivors relative relatives family families neighbour neighbours neighbor neighbors
    activist activists journalist journalists reporter reporters agency ministry statement
    report reports media person people man woman men women elder elders leader leaders
    one two some several many other others an a the of
    """.split()
)


def is_generic_claimant(name: str) -> bool:
    """True when ``name`` only describes a kind of source ("police", "a hospital official")."""
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    return bool(words) and all(word in GENERIC_CLAIMANT_WORDS for word in words)


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
    """A person or organisation claims are attributed to.

    Named people and organisations are one row per name across articles, with one track
    record. Generic descriptors (``is_generic_claimant``) are one row per name *and
    incident*: "police" in Karachi and in Leeds are different bodies, so they carry no
    global track record. A generic claimant of an article without casualty claims has no
    incident.
    """

    Kind = ClaimantKind

    name = models.CharField(max_length=300)
    key = models.CharField(max_length=300, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNKNOWN)
    role = models.CharField(
        max_length=300, blank=True, help_text="The claimant's role, in the article's words."
    )
    affiliation = models.CharField(max_length=300, blank=True)
    generic = models.BooleanField(
        default=False,
        editable=False,
        help_text='A descriptor ("police", "witnesses"), not a name.',
    )
    # The layering's one reference back: a descriptor's scope is an event (by name, no import).
    incident = models.ForeignKey(
        "claims.Incident",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        editable=False,
        related_name="scoped_claimants",
        help_text="For generic descriptors: the incident they spoke about.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(generic=False), name="claimant_unique_key"
            ),
            models.UniqueConstraint(
                fields=["key", "incident"],
                condition=Q(generic=True, incident__isnull=False),
                name="claimant_unique_key_per_incident",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(generic=True, incident__isnull=True),
                name="claimant_unique_unscoped_generic_key",
            ),
            models.CheckConstraint(
                condition=Q(generic=True) | Q(incident__isnull=True),
                name="claimant_only_generic_scoped",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ClaimantKind.values), name="claimant_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def save(self, *args, **kwargs):
        self.key = claimant_key(self.name)
        super().save(*args, **kwargs)
