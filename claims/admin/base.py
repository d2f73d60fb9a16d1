"""What every admin page shares: writes through services (or none at all), and the count
columns of annotated lists."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse

from claims.admin.html import ADMIN_CSS
from claims.models import VERDICT_STATUSES, Status
from claims.services import records

# Decided first, then what is still open: the order editors read a track record in.
STATUS_COLUMN_ORDER = (*VERDICT_STATUSES, Status.IN_REVIEW, Status.UNVERIFIED)


def count_column(annotation: str, description: str):
    """A sortable list column showing the queryset's ``annotation`` (e.g. ``claim_count``)."""

    @admin.display(description=description, ordering=annotation)
    def column(self, record):
        return getattr(record, annotation)

    column.__name__ = annotation
    return column


def status_count_columns() -> dict[str, object]:
    """One column per status, verdicts first (``confirmed_count``…), for selectors' counts."""
    return {
        f"{status}_count": count_column(f"{status}_count", Status(status).label)
        for status in STATUS_COLUMN_ORDER
    }


class WritesThroughServices:
    """Saves and deletes from the admin call services, never ``Model.save``.

    By default the editors' service for records (claims.services.records); a page whose
    writes mean more (a claim's correction, a token's expiry) overrides ``update_record``.
    Only the fields the editor changed are passed, so a save never overwrites a concurrent
    write to the others.
    """

    def create_record(self, fields: dict, editor):
        return records.create_record(model=self.model, fields=fields, editor=editor)

    def update_record(self, pk: int, changes: dict, editor):
        return records.update_record(model=self.model, record_id=pk, changes=changes, editor=editor)

    def delete_records(self, ids: list[int], editor) -> int:
        return records.delete_records(model=self.model, record_ids=ids, editor=editor)

    def save_model(self, request, obj, form, change):
        if change:
            changed = {name: form.cleaned_data[name] for name in form.changed_data}
            self.update_record(obj.pk, changed, request.user)
        else:
            saved = self.create_record(dict(form.cleaned_data), request.user)
            obj.pk = saved.pk
            obj.refresh_from_db()

    def delete_model(self, request, obj):
        self.delete_records([obj.pk], request.user)

    def delete_queryset(self, request, queryset):
        self.delete_records(list(queryset.values_list("pk", flat=True)), request.user)


class ReadOnlyAdminMixin:
    """Pages and inlines that show a record nobody edits here: no add, change or delete."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A read-only log of the record (reviews, claim changes): newest by date, searchable by
    note and claim text, each row's note cut to fit the list."""

    search_fields = ["note", "claim__text"]
    date_hierarchy = "created_at"

    class Media:
        css = ADMIN_CSS

    @admin.display(description="Note")
    def short_note(self, entry):
        return entry.note if len(entry.note) <= 80 else entry.note[:79] + "…"


def counted(number: int, noun: str) -> str:
    """ "1 claim", "2,000 claims": the admin's messages count what a write changed."""
    return f"{number:,} {noun}{'s' if number != 1 else ''}"


class AdminWrites:
    """What bulk actions and one-claim views share: the selected ids, the page that asks
    before a bulk write, and a service call whose refusal or result becomes the message."""

    def _claim_or_404(self, request, object_id):
        claim = self.get_object(request, unquote(object_id))
        if claim is None:
            raise Http404(f"No claim with id {object_id!r}.")
        return claim

    def claim_to_change(self, request, object_id, allowed: bool):
        """The claim a one-claim write acts on: PermissionDenied unless ``allowed`` (checked
        first, so that a refused user learns nothing of the claim), 404 if there is none."""
        if not allowed:
            raise PermissionDenied
        return self._claim_or_404(request, object_id)

    @staticmethod
    def selected_pks(queryset) -> list[int]:
        return list(queryset.order_by().values_list("pk", flat=True).distinct())

    def selection_page(self, request, queryset, template: str, **extra):
        """The intermediate page of a bulk action on claims (``admin/claims/claim/<template>``):
        how many, the first ten (with what any of these pages shows of them), and the
        selection posted back with the answer."""
        claim_count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "claim_count": claim_count,
            "claim_count_display": f"{claim_count:,}",
            "sample": queryset.select_related("claimant", "assignee", "incident")[:10],
            "more_count_display": f"{max(claim_count - 10, 0):,}",
            "action": request.POST.get("action", ""),
            "select_across": request.POST.get("select_across", "0"),
            "selected_ids": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "media": self.media,
            **extra,
        }
        return TemplateResponse(request, f"admin/claims/claim/{template}", context)

    def report(self, request, write, refusals, success) -> None:
        """Call ``write``: a refusal (one of ``refusals``) becomes the error message, else
        ``success(result)`` the success message. None, so an action goes back to the list."""
        try:
            result = write()
        except refusals as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, success(result), messages.SUCCESS)
