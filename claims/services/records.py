"""Editors' changes to the records around claims: articles, outlets, claimants, incidents'
titles, and removals. The admin's forms call these (never ``Model.save``), so a rule such as
"one claimant per name" is checked here once and answers a form error, not a 500."""

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from claims.models import Claim, Incident
from claims.services.exceptions import EditRejected
from claims.services.validation import http_url_validator
from sources.models import Article, Claimant, Outlet, claimant_key

# What an editor may change on each record; the rest comes from ingest.
ARTICLE_FIELDS = ("title", "url", "outlet", "published_on", "language")
OUTLET_FIELDS = ("name", "domain")
CLAIMANT_FIELDS = ("name", "kind", "role", "affiliation")
INCIDENT_FIELDS = ("title",)


def _require(editor, action: str, model: type[models.Model]) -> None:
    """The editor holds Django's ``<app>.<action>_<model>`` permission, or PermissionDenied."""
    meta = model._meta
    if (
        editor is None
        or not editor.is_active
        or not editor.has_perm(f"{meta.app_label}.{action}_{meta.model_name}")
    ):
        raise PermissionDenied(f"You may not {action} {meta.verbose_name_plural}.")


def _checked(fields: Mapping, allowed: Sequence[str], what: str) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise EditRejected(f"These fields of {what} are not edited by hand: {sorted(unknown)}.")
    return dict(fields)


def _update(model, pk: int, changes: dict) -> models.Model:
    with transaction.atomic():
        record = model.objects.select_for_update().get(pk=pk)
        if changes:
            model.objects.filter(pk=pk).update(**changes)
            record.refresh_from_db()
    return record


def _delete(model, ids: Iterable[int]) -> int:
    with transaction.atomic():
        _, by_model = model.objects.filter(pk__in=list(ids)).delete()
    return by_model.get(model._meta.label, 0)


# --- Articles and outlets ----------------------------------------------------------------


def check_article_url(url: str, *, article_id: int | None = None) -> str:
    """The article's URL, if it is http(s) and no other article has it; else EditRejected."""
    if not url:
        return ""
    try:
        http_url_validator(url)
    except ValidationError:
        raise EditRejected(f"URL {url!r} is not an http(s) URL.") from None
    if Article.objects.filter(url=url).exclude(pk=article_id).exists():
        raise EditRejected(f"Another article is already stored at {url}.")
    return url


def update_article(*, article_id: int, changes: Mapping, editor) -> Article:
    """Correct an article's title, URL, outlet, date or language. The body never changes:
    claims are anchored to its offsets."""
    _require(editor, "change", Article)
    changes = _checked(changes, ARTICLE_FIELDS, "an article")
    if "url" in changes:
        changes["url"] = check_article_url(changes["url"], article_id=article_id)
    if "title" in changes and not " ".join(changes["title"].split()):
        raise EditRejected("An article needs a title.")
    return _update(Article, article_id, changes)


def delete_articles(*, article_ids: Iterable[int], editor) -> int:
    """Remove articles with their claims (and those claims' reviews)."""
    _require(editor, "delete", Article)
    return _delete(Article, article_ids)


def create_outlet(*, fields: Mapping, editor) -> Outlet:
    _require(editor, "add", Outlet)
    return Outlet.objects.create(**_checked(fields, OUTLET_FIELDS, "an outlet"))


def update_outlet(*, outlet_id: int, changes: Mapping, editor) -> Outlet:
    _require(editor, "change", Outlet)
    return _update(Outlet, outlet_id, _checked(changes, OUTLET_FIELDS, "an outlet"))


def delete_outlets(*, outlet_ids: Iterable[int], editor) -> int:
    """Remove outlets no article names (the database protects the others)."""
    _require(editor, "delete", Outlet)
    return _delete(Outlet, outlet_ids)


# --- Claimants ---------------------------------------------------------------------------


def check_claimant_name(name: str, *, claimant_id: int | None = None) -> str:
    """The name, if no other claimant goes by it; names match ignoring case and punctuation,
    so "the U.N." is "UN". Raises EditRejected naming the claimant who has it."""
    key = claimant_key(name)
    if not key:
        raise EditRejected("A claimant's name needs at least one letter or digit.")
    holder = Claimant.objects.filter(key=key).exclude(pk=claimant_id).first()
    if holder is not None:
        raise EditRejected(
            f"“{holder.name}” (#{holder.pk}) already has this name: names are matched "
            "ignoring case and punctuation. Edit that claimant instead."
        )
    return name


def create_claimant(*, fields: Mapping, editor) -> Claimant:
    _require(editor, "add", Claimant)
    fields = _checked(fields, CLAIMANT_FIELDS, "a claimant")
    name = check_claimant_name(fields.get("name", ""))
    return Claimant.objects.create(**{**fields, "name": name, "key": claimant_key(name)})


def update_claimant(*, claimant_id: int, changes: Mapping, editor) -> Claimant:
    """Correct a claimant; a new name must not be another claimant's (see check_claimant_name)."""
    _require(editor, "change", Claimant)
    changes = _checked(changes, CLAIMANT_FIELDS, "a claimant")
    if "name" in changes:
        check_claimant_name(changes["name"], claimant_id=claimant_id)
        changes["key"] = claimant_key(changes["name"])
    return _update(Claimant, claimant_id, changes)


def delete_claimants(*, claimant_ids: Iterable[int], editor) -> int:
    """Remove claimants no claim is attributed to (the database protects the others)."""
    _require(editor, "delete", Claimant)
    return _delete(Claimant, claimant_ids)


# --- Incidents and claims ----------------------------------------------------------------


def update_incident(*, incident_id: int, changes: Mapping, editor) -> Incident:
    _require(editor, "change", Incident)
    changes = _checked(changes, INCIDENT_FIELDS, "an incident")
    if "title" in changes:
        changes["title"] = " ".join(changes["title"].split())[:300]
        if not changes["title"]:
            raise EditRejected("An incident needs a title.")
    return _update(Incident, incident_id, changes)


def delete_incidents(*, incident_ids: Iterable[int], editor) -> int:
    """Remove incidents; their claims stay, about no incident until regrouped."""
    _require(editor, "delete", Incident)
    return _delete(Incident, incident_ids)


def delete_claims(*, claim_ids: Iterable[int], editor) -> int:
    """Remove claims the extractor got wrong, with their reviews."""
    _require(editor, "delete", Claim)
    return _delete(Claim, claim_ids)
