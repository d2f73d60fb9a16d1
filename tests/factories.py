"""factory_boy factories for the tracker's models; every test builds its own rows."""

from pathlib import Path

import factory
from django.contrib.auth.models import Group, User

from claims.models import Claim, ClaimKind, Incident, Outcome
from claims.services.ingest import ingest_article
from claims.services.publication import publish_claims
from claims.services.review import review_claim
from sources.incoming import IncomingArticle
from sources.models import Article, Claimant, Outlet, content_hash
from sources.parsing import parse_article_text

PASSWORD = "correct horse battery"  # every factory user's
# The drone strike report: the military's 0 against an elder's 3 killed, about one incident.
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_f4e75a9c6c075ae4.txt"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class ReviewerFactory(UserFactory):
    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="reviewers"))


class StaffReviewerFactory(ReviewerFactory):
    """A reviewer who can sign in to the admin, as create_reviewer makes them."""

    is_staff = True


class EditorFactory(UserFactory):
    """An editor (create_reviewer --editor --staff): decides, publishes and withdraws."""

    is_staff = True

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(*Group.objects.filter(name__in=["reviewers", "editors"]))


class StaffFactory(UserFactory):
    is_staff = True


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    outlet = factory.SubFactory(OutletFactory)
    body = factory.Sequence(
        lambda n: f"Report {n}. Officials said three people were killed and four others injured."
    )
    content_hash = factory.LazyAttribute(lambda article: content_hash(article.body))


class ClaimantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claimant

    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Claimant.Kind.PERSON


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Incident {n}")


class ClaimFactory(factory.django.DjangoModelFactory):
    """A casualty claim spanning the first word of its article's body."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    kind = ClaimKind.CASUALTY
    start = 0
    end = factory.LazyAttribute(lambda claim: len(claim.article.body.split()[0]))
    text = factory.LazyAttribute(lambda claim: claim.article.body[claim.start : claim.end])
    outcome = Outcome.KILLED
    count_min = 3
    count_max = factory.LazyAttribute(lambda claim: claim.count_min)


class IngestBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.IngestBatch"

    source = "api"


class IngestItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "claims.IngestItem"

    batch = factory.SubFactory(IngestBatchFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"article-{n}.txt")
    state = "pending"


def bulk_claims(count: int, article=None, **fields) -> list[int]:
    """``count`` one-character casualty claims side by side in one article, inserted in one
    query (factories would take one query each); returns their ids."""
    article = article or ArticleFactory(body="x" * (count + 1))
    Claim.objects.bulk_create(
        Claim(
            article=article,
            kind=ClaimKind.CASUALTY,
            text=article.body[i : i + 1],
            start=i,
            end=i + 1,
            outcome=Outcome.KILLED,
            count_min=i,
            count_max=i,
            **{name: value(i) if callable(value) else value for name, value in fields.items()},
        )
        for i in range(count)
    )
    return list(Claim.objects.filter(article=article).values_list("pk", flat=True))


def claims_about_one_incident(body: str, *figures: tuple[int, int, int]) -> list[Claim]:
    """One article about one incident and a claim per ``(start, end, count_min)`` figure,
    each from its own claimant: the shape of every contradiction the desk guards against."""
    article = ArticleFactory(body=body)
    incident = IncidentFactory()
    return [
        ClaimFactory(
            article=article,
            incident=incident,
            claimant=ClaimantFactory(),
            start=start,
            end=end,
            count_min=count_min,
        )
        for start, end, count_min in figures
    ]


def parsed_seed() -> IncomingArticle:
    """The seed report as the ingest command reads it."""
    return parse_article_text(SEED.read_text(encoding="utf-8"))


def ingest_seed() -> Article:
    """The seed report ingested (extracted, its claims grouped into an incident)."""
    return ingest_article(parsed_seed()).article


def decide(claim, reviewer, status="confirmed", **decision):
    """Review ``claim`` with what the desk's evidence rules ask of a publishable verdict (a
    rationale, an evidence URL) unless ``decision`` says otherwise; returns the review."""
    decision = {
        "note": "Checked",
        "rationale": "The list names them",
        "evidence_urls": ["https://example.org/list"],
        **decision,
    }
    return review_claim(claim_id=claim.pk, status=status, reviewer=reviewer, **decision)


def decide_and_publish(claim, reviewer, status="confirmed", *, editor=None, **decision):
    """``decide``, then publish the verdict as ``editor`` (a new editor by default), returned."""
    decide(claim, reviewer, status, **decision)
    editor = editor or EditorFactory()
    publish_claims(claim_ids=[claim.pk], editor=editor)
    return editor
