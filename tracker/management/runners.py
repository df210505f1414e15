"""The one way a management command finds the runner it was told about."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.utils.translation import gettext

from tracker.services import profile_for


def runner_named(username: str, *, create: bool = False) -> User:
    """The runner with that username; with ``create``, a new one (no password: the
    runner sets one through "forgot password", or an admin does) when there is
    none. Otherwise CommandError names the missing runner."""
    user_model = get_user_model()
    lookup = {user_model.USERNAME_FIELD: username}
    try:
        return user_model._default_manager.get(**lookup)
    except user_model.DoesNotExist:
        if not create:
            raise CommandError(
                gettext('No runner named "%(name)s".') % {"name": username}
            ) from None
    user = user_model._default_manager.create_user(**lookup, password=None)
    profile_for(user)
    return user
