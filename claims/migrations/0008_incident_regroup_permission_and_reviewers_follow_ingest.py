"""Permissions named for what they allow: regrouping incidents is its own permission, and
following ingest is Django's view permission on batches, both granted to ``reviewers``
(who held them all as ``review_claim`` before)."""

from django.db import migrations

from claims.migrations._permissions import create_permissions_now

GRANTED = ["regroup_incidents", "view_ingestbatch", "view_ingestitem"]


def grant_reviewers(apps, schema_editor):
    create_permissions_now(apps, "claims")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewers.permissions.add(
        *Permission.objects.filter(content_type__app_label="claims", codename__in=GRANTED)
    )


def revoke_reviewers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for reviewers in Group.objects.filter(name="reviewers"):
        reviewers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=GRANTED)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_help_texts"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="incident",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [
                    ("regroup_incidents", "Can merge incidents and move claims between them")
                ],
            },
        ),
        migrations.RunPython(grant_reviewers, revoke_reviewers),
    ]
