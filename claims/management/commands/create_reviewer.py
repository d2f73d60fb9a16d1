"""``manage.py create_reviewer USERNAME [--password P] [--staff]``: a reviewer and a token.

Creates the user or updates an existing one, puts it in the ``reviewers`` group and issues
a fresh API token. The token is the last line of output, so scripts can take it with
``| tail -n 1``; it is shown only once (only its hash is stored).
"""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.services.accounts import REVIEWERS_GROUP, save_account
from claims.services.tokens import issue_token


class Command(BaseCommand):
    help = (
        "Create or update a user in the 'reviewers' group and print a new API token "
        "(last line of output). Replaces the user's previous 'default' token."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password", help="set this password (new users without one cannot log in)"
        )
        parser.add_argument(
            "--staff",
            action="store_true",
            help="also let the user ingest articles and use the admin",
        )

    def handle(self, *args, username, password, staff, **options):
        with transaction.atomic():
            try:
                user, created = save_account(
                    username=username, password=password, staff=staff, reviewer=True
                )
            except Group.DoesNotExist:
                raise CommandError(
                    f"The '{REVIEWERS_GROUP}' group does not exist; run `manage.py migrate` first."
                ) from None
            token = issue_token(user)
        roles = "reviewer and staff" if user.is_staff else "reviewer"
        self.stdout.write(f"{'Created' if created else 'Updated'} {username} ({roles}).")
        self.stdout.write("API token (shown once; use 'Authorization: Token <key>'):")
        self.stdout.write(token)
