"""``manage.py create_reviewer USERNAME [--password P] [--editor] [--staff]``: a reviewer
(or an editor) and a token.

Creates the user or updates an existing one, puts it in the ``reviewers`` group (and with
``--editor`` the ``editors`` group too: editors publish and withdraw verdicts) and issues
a fresh API token. The token is the last line of output, so scripts can take it with
``| tail -n 1``; it is shown only once (only its hash is stored).
"""

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.services.accounts import EDITORS_GROUP, REVIEWERS_GROUP, save_account
from claims.services.tokens import issue_token


class Command(BaseCommand):
    help = (
        "Create or update a user in the 'reviewers' group (--editor: and 'editors') and print "
        "a new API token (last line of output). Replaces the user's previous 'default' token."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password", help="set this password (new users without one cannot log in)"
        )
        parser.add_argument(
            "--editor",
            action="store_true",
            help="also let the user publish and withdraw verdicts (the 'editors' group)",
        )
        parser.add_argument(
            "--staff",
            action="store_true",
            help="also let the user ingest articles and use the admin",
        )

    def handle(self, *args, username, password, editor, staff, **options):
        with transaction.atomic():
            try:
                user, created = save_account(
                    username=username, password=password, staff=staff, reviewer=True, editor=editor
                )
            except Group.DoesNotExist:
                groups = (
                    f"'{REVIEWERS_GROUP}' and '{EDITORS_GROUP}' groups"
                    if editor
                    else (f"'{REVIEWERS_GROUP}' group")
                )
                raise CommandError(
                    f"The {groups} must exist; run `manage.py migrate` first."
                ) from None
            token = issue_token(user)
        roles = ("editor" if editor else "reviewer") + (" and staff" if user.is_staff else "")
        self.stdout.write(f"{'Created' if created else 'Updated'} {username} ({roles}).")
        self.stdout.write("API token (shown once; use 'Authorization: Token <key>'):")
        self.stdout.write(token)
