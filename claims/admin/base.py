"""What every admin page shares: writes through services (or none at all), and the count
columns of annotated lists."""

from django.contrib import admin

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
