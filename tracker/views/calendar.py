"""The calendar: a month at a glance, and a day with its sessions and check-ins."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tracker.models import EARLIEST_DATE, Profile
from tracker.selectors.calendar import calendar_day, calendar_month
from tracker.selectors.totals import month_end
from tracker.services import runner_today
from tracker.sharing.links import page_url
from tracker.sharing.scope import EVERYTHING, Visibility
from tracker.views._helpers import RunnerRequest, profile_of

# The months a runner can page to: from the log's earliest date to the end of next
# year (the arithmetic of the last months of year 9999 would overflow).
LATEST_YEAR_AHEAD = 1


def _month_or_404(year: int, month: int, today: date) -> date:
    try:
        first = date(year, month, 1)
    except ValueError as exc:
        raise Http404("No such month.") from exc
    if not EARLIEST_DATE <= first <= date(today.year + LATEST_YEAR_AHEAD, 12, 1):
        raise Http404("No such month.")
    return first


def _month_url(first: date, share_id: int | None = None) -> str:
    return page_url("calendar_month", first.year, first.month, share_id=share_id)


def _day_url(day: date, share_id: int | None = None) -> str:
    return page_url("calendar_day", day.year, day.month, day.day, share_id=share_id)


@login_required
def calendar(
    request: RunnerRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    context = month_context(profile_of(request), year, month)
    return render(request, "tracker/calendar.html", context)


def month_context(
    profile: Profile, year: int | None, month: int | None, *, share_id: int | None = None
) -> dict[str, object]:
    """A month of ``profile``'s log, for the runner or (``share_id``) a share's viewer."""
    today = runner_today(profile)
    if year is None or month is None:
        first = today.replace(day=1)
    else:
        first = _month_or_404(year, month, today)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = month_end(first) + timedelta(days=1)
    latest = date(today.year + LATEST_YEAR_AHEAD, 12, 1)
    view = calendar_month(
        user_id=profile.user_id, month=first, today=today, week_start=profile.first_weekday()
    )
    return {
        "cal": view,
        "today": today,
        "previous_url": _month_url(previous, share_id) if previous >= EARLIEST_DATE else "",
        "previous": previous,
        "next_url": _month_url(following, share_id) if following <= latest else "",
        "following": following,
        "this_month_url": ""
        if first == today.replace(day=1)
        else page_url("calendar", share_id=share_id),
    }


@login_required
def calendar_day_view(request: RunnerRequest, year: int, month: int, day: int) -> HttpResponse:
    context = day_context(profile_of(request), year, month, day)
    return render(request, "tracker/calendar_day.html", context)


def day_context(
    profile: Profile,
    year: int,
    month: int,
    day: int,
    *,
    share_id: int | None = None,
    visibility: Visibility = EVERYTHING,
) -> dict[str, object]:
    """A day of ``profile``'s log, for the runner or (``share_id``) a share's viewer."""
    today = runner_today(profile)
    first = _month_or_404(year, month, today)
    try:
        chosen = first.replace(day=day)
    except ValueError as exc:
        raise Http404("No such day.") from exc
    detail = calendar_day(user_id=profile.user_id, day=chosen)
    here = _day_url(chosen)
    query = "?" + urlencode({"date": chosen.isoformat(), "next": here})
    before, after = chosen - timedelta(days=1), chosen + timedelta(days=1)
    return {
        "detail": detail,
        "today": today,
        "visibility": visibility,
        "is_future": chosen > today,
        "add_session_url": reverse("session_add") + query,
        "add_checkin_url": reverse("soreness_add") + query,
        "month_url": _month_url(first, share_id),
        "before": before,
        "before_url": _day_url(before, share_id) if before >= EARLIEST_DATE else "",
        "after": after,
        "after_url": _day_url(after, share_id)
        if after.year <= today.year + LATEST_YEAR_AHEAD
        else "",
    }
