"""factory_boy factories for the tracker's models; every test builds its own rows."""

import factory
from django.contrib.auth.models import Group, User

from claims.models import Claim, ClaimKind, Incident, Outcome
from sources.models import Article, Claimant, Outlet, content_hash


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save()


class ReviewerFactory(UserFactory):
    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name="reviewers"))


class StaffFactory(UserFactory):
    is_staff = True


class StaffReviewerFactory(ReviewerFactory):
    """A reviewer who can sign in to the admin, as create_reviewer makes them."""

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
