"""What every admin page shares: writes through services, or none at all."""


class WritesThroughServices:
    """Saves and deletes from the admin call the page's services, never ``Model.save``.

    A page names them: ``create_record(fields, editor)``, ``update_record(pk, changes,
    editor)`` and ``delete_records(ids, editor)``, each returning what the service returns.
    Only the fields the editor changed are passed, so a save never overwrites a concurrent
    write to the others.
    """

    def create_record(self, fields: dict, editor):
        raise NotImplementedError(f"{type(self).__name__} adds no records")

    def update_record(self, pk: int, changes: dict, editor):
        raise NotImplementedError(f"{type(self).__name__} changes no records")

    def delete_records(self, ids: list[int], editor) -> int:
        raise NotImplementedError(f"{type(self).__name__} deletes no records")

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
