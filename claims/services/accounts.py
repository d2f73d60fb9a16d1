"""Accounts the command line sets up: reviewers (``create_reviewer``) and the demo's users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

REVIEWERS_GROUP = "reviewers"
EDITORS_GROUP = "editors"


def save_account(
    *,
    username: str,
    password: str | None = None,
    staff: bool = False,
    superuser: bool = False,
    reviewer: bool = False,
    editor: bool = False,
    email: str = "",
):
    """Create the user or update it (active; staff, superuser, reviewer, editor only ever
    added); returns (user, created). A new user given no password cannot sign in with one.
    An editor is a reviewer too (editors publish, and may also decide).

    Raises Group.DoesNotExist when ``reviewer`` or ``editor`` is asked before migrations
    made the groups.
    """
    wanted = [REVIEWERS_GROUP, EDITORS_GROUP] if editor else [REVIEWERS_GROUP] if reviewer else []
    groups = [Group.objects.get(name=name) for name in wanted]
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=username)
        if password:
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.is_staff = user.is_staff or staff or superuser
        user.is_superuser = user.is_superuser or superuser
        user.is_active = True
        if email:
            user.email = email
        user.save()
        user.groups.add(*groups)
    return user, created
