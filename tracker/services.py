"""Writes that more than one entry point shares, or that are more than form.save()."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from tracker.models import Origin, Profile, Session, Soreness
from tracker.selectors.log import OpenArea, open_sore_areas


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


def lock_runner(user_id: int) -> None:
    """Serialise one runner's read-then-write actions (two clicks of one button arrive
    as two requests): PostgreSQL locks the profile row until the transaction ends;
    SQLite's IMMEDIATE transactions (settings.py) already take the write lock first."""
    list(Profile.objects.select_for_update().filter(user_id=user_id).values_list("pk"))


@dataclass(frozen=True)
class AllClear:
    closed: list[OpenArea]  # recorded 0/10 today
    reported_today: list[OpenArea]  # still sore, and already reported today: left alone


def record_no_pain_today(*, user_id: int, today: date) -> AllClear:
    """ "No pain today": 0/10 today for every open area (tracker.selectors.open_sore_areas),
    however long ago it was reported, except one that already has a report today, which
    says more than the button does. Run twice, the second run finds nothing open."""
    with transaction.atomic():
        lock_runner(user_id)
        still_open = open_sore_areas(user_id=user_id, today=today)
        closing = [area for area in still_open if area.day < today]
        Soreness.objects.bulk_create(
            Soreness(user_id=user_id, date=today, area=a.area, side=a.side, severity=0)
            for a in closing
        )
    return AllClear(closed=closing, reported_today=[a for a in still_open if a.day == today])


# What "Repeat this session" copies: the session's shape (its name and climb
# included: the same loop again). Not its effort, pain, notes, start time, heart
# rates or race mark, which belong to the day it was run.
REPEATED_FIELDS = (
    "title",
    "activity",
    "distance_km",
    "duration_min",
    "surface",
    "terrain",
    "shoe_id",
    "warmup_min",
    "cooldown_min",
    "ascent_m",
)


def repeat_session(*, source: Session, today: date, asked_at: datetime) -> tuple[Session, bool]:
    """Log ``source`` again, dated today: (the copy, True), or (the copy made by an
    earlier request of the same page, False).

    ``asked_at`` is when the page with the button was rendered: a second click on that
    page (or a retried request) finds the copy made since then and adds nothing. A
    retired pair is not copied; the form would not offer it either.
    """
    values = {field: getattr(source, field) for field in REPEATED_FIELDS}
    if source.shoe_id is not None and source.shoe is not None and source.shoe.retired:
        values["shoe_id"] = None
    with transaction.atomic():
        lock_runner(source.user_id)
        earlier = (
            Session.objects.filter(
                user_id=source.user_id,
                date=today,
                source=Origin.MANUAL,
                created_at__gte=asked_at,
                **values,
            )
            .order_by("id")
            .first()
        )
        if earlier is not None:
            return earlier, False
        copy = Session.objects.create(
            user_id=source.user_id, date=today, source=Origin.MANUAL, **values
        )
    return copy, True
