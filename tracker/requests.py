"""What a request carries for a logged-in runner, for views and services alike."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from tracker.models import Profile
from tracker.services import profile_for


class RunnerRequest(HttpRequest):
    """The request of a view behind login_required: its user is a runner, never
    AnonymousUser. For the type checker only (django-stubs' pattern for
    authenticated requests); at run time it is the plain HttpRequest."""

    user: User


def profile_of(request: HttpRequest) -> Profile:
    """The runner's profile (the middleware has loaded it already)."""
    profile: Profile | None = getattr(request, "profile", None)
    if profile is not None:
        return profile
    if not isinstance(request.user, User):  # a view behind login_required never is
        raise PermissionDenied
    return profile_for(request.user)
