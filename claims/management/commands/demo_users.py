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
    help = "Create or reset the demo superuser 'admin' and reviewer 'reviewer' (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_users is for the local demo only (DEBUG is off).")
        admin_password = secrets.token_urlsafe(9)
        save_account(username="admin", password=admin_password, superuser=True)
        reviewer_password = secrets.token_urlsafe(9)
        reviewer, _ = save_account(
            username="reviewer", password=reviewer_password, staff=True, reviewer=True
        )
        token = issue_token(reviewer, name="demo")

        self.stdout.write("Demo accounts (new passwords each run):")
        self.stdout.write(f"  admin     / {admin_password}   (superuser)")
        self.stdout.write(f"  reviewer  / {reviewer_password}   (reviewers group)")
        self.stdout.write(f"  reviewer's API token: {token}")
