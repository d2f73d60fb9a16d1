"""Reviews refuse UPDATE at the database, and the ``reviewers`` group can review claims."""

from django.db import migrations

from claims.migrations._permissions import create_permissions_now
from claims.migrations._triggers import SQLITE_DROP, SQLITE_TRIGGER

POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION claims_review_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'claims_review is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER claims_review_no_update BEFORE UPDATE ON claims_review
    FOR EACH ROW EXECUTE FUNCTION claims_review_append_only();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS claims_review_no_update ON claims_review;
DROP FUNCTION IF EXISTS claims_review_append_only();
"""


def add_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


def create_reviewers_group(apps, schema_editor):
    create_permissions_now(apps, "claims", "sources")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewers.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="claims",
            codename__in=["review_claim", "view_claim", "view_review", "view_incident"],
        ),
        *Permission.objects.filter(
            content_type__app_label="sources",
            codename__in=["view_article", "view_claimant", "view_outlet"],
        ),
    )


def delete_reviewers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="reviewers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
        migrations.RunPython(create_reviewers_group, delete_reviewers_group),
    ]
