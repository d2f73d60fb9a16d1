"""For data migrations that grant permissions: Django creates them only after migrate."""


def create_permissions_now(apps, *app_labels: str) -> None:
    """Create the permissions of these apps' models as they are at this migration."""
    from django.contrib.auth.management import create_permissions

    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
