"""Accounts the command line sets up: reviewers (``create_reviewer``) and the demo's users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

REVIEWERS_GROUP = "reviewers"


def save_account(
    *,
    username: str,
    password: str | None = None,
    staff: bool = False,
    superuser: bool = False,
    reviewer: bool = False,
):
    """Create the user or update it (active; staff, superuser, reviewer only ever added);
    returns (user, created). A new user given no password cannot sign in with one.

    Raises Group.DoesNotExist when ``reviewer`` is asked before migrations made the group.
    """
    reviewers = Group.objects.get(name=REVIEWERS_GROUP) if reviewer else None
    with transaction.atomic():
        user, created = get_user_model().objects.get_or_create(username=username)
        if password:
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        user.is_staff = user.is_staff or staff or superuser
        user.is_superuser = user.is_superuser or superuser
        user.is_active = True
        user.save()
        if reviewers is not None:
            user.groups.add(reviewers)
    return user, created
