"""Create the local demo's accounts with fresh random passwords, and print them.

Refuses to run with DEBUG off: a production install creates its accounts deliberately
(``createsuperuser``, ``create_reviewer``).
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from claims.api.authentication import issue_token


class Command(BaseCommand):
    help = (
        "Create or reset the demo superuser 'admin', reviewer 'reviewer' and editor 'editor' "
        "(DEBUG only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_users is for the local demo only (DEBUG is off).")
        admin_password = secrets.token_urlsafe(9)
        admin, _ = User.objects.get_or_create(username="admin")
        admin.is_staff = admin.is_superuser = True
        admin.set_password(admin_password)
        admin.save()

        reviewer_password = secrets.token_urlsafe(9)
        reviewer, _ = User.objects.get_or_create(username="reviewer")
        reviewer.email = "reviewer@example.org"  # assignment e-mails print on the console
        reviewer.is_staff = True
        reviewer.set_password(reviewer_password)
        reviewer.save()
        reviewer.groups.add(Group.objects.get(name="reviewers"))
        token = issue_token(reviewer, name="demo")

        # Four eyes: the editor publishes what the reviewer decided.
        editor_password = secrets.token_urlsafe(9)
        editor, _ = User.objects.get_or_create(username="editor")
        editor.email = "editor@example.org"
        editor.is_staff = True
        editor.set_password(editor_password)
        editor.save()
        editor.groups.add(*Group.objects.filter(name__in=["reviewers", "editors"]))
        editor_token = issue_token(editor, name="demo")

        self.stdout.write("Demo accounts (new passwords each run):")
        self.stdout.write(f"  admin     / {admin_password}   (superuser)")
        self.stdout.write(f"  reviewer  / {reviewer_password}   (reviewers group: decides)")
        self.stdout.write(f"  editor    / {editor_password}   (editors group: publishes)")
        self.stdout.write(f"  reviewer's API token: {token}")
        self.stdout.write(f"  editor's API token:   {editor_token}")
