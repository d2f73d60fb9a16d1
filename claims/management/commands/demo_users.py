"""Create the local demo's accounts with fresh random passwords, and print them.

Refuses to run with DEBUG off: a production install creates its accounts deliberately
(``createsuperuser``, ``create_reviewer``).
"""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.accounts import save_account
from claims.services.tokens import issue_token


class Command(BaseCommand):
    help = (
        "Create or reset the demo superuser 'admin', reviewer 'reviewer' and editor 'editor' "
        "(DEBUG only)."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_users is for the local demo only (DEBUG is off).")
        admin_password = secrets.token_urlsafe(9)
        save_account(username="admin", password=admin_password, superuser=True)
        # Four eyes: the editor publishes what the reviewer decided. Each name is also its role
        # in save_account; assignment e-mails go to their addresses and print on the console.
        desk = {}
        for username in ("reviewer", "editor"):
            password = secrets.token_urlsafe(9)
            user, _ = save_account(
                username=username,
                password=password,
                staff=True,
                email=f"{username}@example.org",
                **{username: True},
            )
            desk[username] = password, issue_token(user, name="demo")
        (reviewer_password, token), (editor_password, editor_token) = desk.values()

        self.stdout.write("Demo accounts (new passwords each run):")
        self.stdout.write(f"  admin     / {admin_password}   (superuser)")
        self.stdout.write(f"  reviewer  / {reviewer_password}   (reviewers group: decides)")
        self.stdout.write(f"  editor    / {editor_password}   (editors group: publishes)")
        self.stdout.write(f"  reviewer's API token: {token}")
        self.stdout.write(f"  editor's API token:   {editor_token}")
