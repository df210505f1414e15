"""Writes that more than one entry point shares (views, importers, commands)."""

from __future__ import annotations

import zoneinfo
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from tracker.models import Profile


def profile_for(user: AbstractBaseUser) -> Profile:
    """The runner's profile, created with defaults on first use."""
    try:
        return user.profile  # type: ignore[attr-defined]
    except Profile.DoesNotExist:
        profile, _ = Profile.objects.get_or_create(user=user)
        return profile


def runner_today(profile: Profile) -> date:
    """Today's date where the runner is: a session's date is always local."""
    return timezone.now().astimezone(zoneinfo.ZoneInfo(profile.time_zone)).date()
