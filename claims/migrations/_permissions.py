"""For data migrations that grant permissions: Django creates them only after migrate."""


def create_permissions_now(apps, *app_labels: str) -> None:
    """Create the permissions of these apps' models as they are at this migration."""
    from django.contrib.auth.management import create_permissions

    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_to_group(apps, name: str, codenames_by_app: dict[str, list[str]]) -> None:
    """Create the group if needed and give it these permissions ({app_label: [codename]})."""
    create_permissions_now(apps, *codenames_by_app)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=name)
    for app_label, codenames in codenames_by_app.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
