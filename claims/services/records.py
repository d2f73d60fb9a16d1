"""Editors' changes to the records around claims: articles, outlets, claimants, incidents'
titles, and removals (a claim's own correction is curation.correct_claim). The admin calls
these, never ``Model.save``, so a rule such as "one claimant per name" is checked here once
and answers a form error, not a 500."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from claims.models import Claim, Incident
from claims.services.exceptions import EditRejected
from claims.services.validation import http_url_validator
from sources.models import Article, Claimant, Outlet, claimant_key

# What an editor may change on each record; the rest comes from ingest.
EDITABLE_FIELDS = {
    Article: ("title", "url", "outlet", "published_on", "language"),
    Outlet: ("name", "domain"),
    Claimant: ("name", "kind", "role", "affiliation"),
    Incident: ("title",),
    Claim: (),
}


def _require(editor, action: str, model: type[models.Model]) -> None:
    """The editor holds Django's ``<app>.<action>_<model>`` permission, or PermissionDenied."""
    meta = model._meta
    if (
        editor is None
        or not editor.is_active
        or not editor.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
    ):
        raise PermissionDenied(f"You may not {action} {meta.verbose_name_plural}.")


def check_fields(model, fields: Mapping, record_id: int | None = None) -> dict:
    """The fields as the model's rules want them, or EditRejected saying what is wrong."""
    unknown = set(fields) - set(EDITABLE_FIELDS[model])
    if unknown:
        what = model._meta.verbose_name
        raise EditRejected(f"These fields of a {what} are not edited by hand: {sorted(unknown)}.")
    fields = dict(fields)
    if "url" in fields:
        fields["url"] = check_article_url(fields["url"], article_id=record_id)
    if "title" in fields:
        fields["title"] = " ".join(fields["title"].split())[
            : model._meta.get_field("title").max_length
        ]
        if not fields["title"]:
            raise EditRejected(f"A {model._meta.verbose_name} needs a title.", field="title")
    if model is Claimant and "name" in fields:
        fields["key"] = claimant_key(check_claimant_name(fields["name"], claimant_id=record_id))
    return fields


def create_record(*, model: type[models.Model], fields: Mapping, editor) -> models.Model:
    """Add an outlet or a claimant by hand (articles, claims and incidents come from ingest)."""
    _require(editor, "add", model)
    return model.objects.create(**check_fields(model, fields, None))


def update_record(*, model: type[models.Model], record_id: int, changes: Mapping, editor):
    """Correct an article's title, URL, outlet, date or language (never its body: claims are
    anchored to its offsets), an outlet, a claimant, or an incident's title."""
    _require(editor, "change", model)
    changes = check_fields(model, changes, record_id)
    with transaction.atomic():
        record = model.objects.select_for_update().get(pk=record_id)
        if changes:
            model.objects.filter(pk=record_id).update(**changes)
            record.refresh_from_db()
    return record


def delete_records(*, model: type[models.Model], record_ids: Iterable[int], editor) -> int:
    """Remove records. An article takes its claims (and their reviews) with it; an incident
    leaves its claims about no incident; outlets and claimants still named are protected."""
    _require(editor, "delete", model)
    with transaction.atomic():
        _, by_model = model.objects.filter(pk__in=list(record_ids)).delete()
    return by_model.get(model._meta.label, 0)


def check_article_url(url: str, *, article_id: int | None = None) -> str:
    """The article's URL, if it is http(s) and no other article has it; else EditRejected."""
    if not url:
        return ""
    try:
        http_url_validator(url)
    except ValidationError:
        raise EditRejected(f"URL {url!r} is not an http(s) URL.", field="url") from None
    if Article.objects.filter(url=url).exclude(pk=article_id).exists():
        raise EditRejected(f"Another article is already stored at {url}.", field="url")
    return url


def check_claimant_name(name: str, *, claimant_id: int | None = None) -> str:
    """The name, if no other claimant goes by it; names match ignoring case and punctuation,
    so "the U.N." is "UN". Raises EditRejected naming the claimant who has it."""
    key = claimant_key(name)
    if not key:
        raise EditRejected("A claimant's name needs at least one letter or digit.", field="name")
    holder = Claimant.objects.filter(key=key).exclude(pk=claimant_id).first()
    if holder is not None:
        raise EditRejected(
            f"“{holder.name}” (#{holder.pk}) already has this name: names are matched "
            "ignoring case and punctuation. Edit that claimant instead.",
            field="name",
        )
    return name
