"""``manage.py create_reviewer USERNAME [--password P] [--editor] [--staff]``: a reviewer
(or an editor) and a token.

Creates the user or updates an existing one, puts it in the ``reviewers`` group (and with
``--editor`` the ``editors`` group too: editors publish and withdraw verdicts) and issues
a fresh API token. The token is the last line of output, so scripts can take it with
``| tail -n 1``; it is shown only once (only its hash is stored).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.api.authentication import issue_token

REVIEWERS_GROUP = "reviewers"
EDITORS_GROUP = "editors"


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
        wanted = [REVIEWERS_GROUP, EDITORS_GROUP] if editor else [REVIEWERS_GROUP]
        groups = list(Group.objects.filter(name__in=wanted))
        if len(groups) != len(wanted):
            raise CommandError(
                f"The {' and '.join(repr(name) for name in wanted)} groups do not all exist; "
                "run `manage.py migrate` first."
            )
        User = get_user_model()
        with transaction.atomic():
            user, created = User.objects.get_or_create(username=username)
            if password:
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            if staff:
                user.is_staff = True
            user.is_active = True
            user.save()
            user.groups.add(*groups)
            token = issue_token(user)
        roles = ("editor" if editor else "reviewer") + (" and staff" if user.is_staff else "")
        self.stdout.write(f"{'Created' if created else 'Updated'} {username} ({roles}).")
        self.stdout.write("API token (shown once; use 'Authorization: Token <key>'):")
        self.stdout.write(token)
