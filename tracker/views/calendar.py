"""The calendar: a month at a glance, and a day with its sessions and check-ins."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from tracker.models import EARLIEST_DATE
from tracker.selectors.calendar import calendar_day, calendar_month
from tracker.selectors.totals import month_end
from tracker.views._helpers import RunnerRequest, profile_of, runner_id, today_for

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


def _month_url(first: date) -> str:
    return reverse("calendar_month", args=[first.year, first.month])


def _day_url(day: date) -> str:
    return reverse("calendar_day", args=[day.year, day.month, day.day])


@login_required
def calendar(
    request: RunnerRequest, year: int | None = None, month: int | None = None
) -> HttpResponse:
    profile = profile_of(request)
    today = today_for(request)
    if year is None or month is None:
        first = today.replace(day=1)
    else:
        first = _month_or_404(year, month, today)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = month_end(first) + timedelta(days=1)
    latest = date(today.year + LATEST_YEAR_AHEAD, 12, 1)
    view = calendar_month(
        user_id=runner_id(request), month=first, today=today, week_start=profile.week_start
    )
    return render(
        request,
        "tracker/calendar.html",
        {
            "cal": view,
            "today": today,
            "previous_url": _month_url(previous) if previous >= EARLIEST_DATE else "",
            "previous": previous,
            "next_url": _month_url(following) if following <= latest else "",
            "following": following,
            "this_month_url": "" if first == today.replace(day=1) else reverse("calendar"),
        },
    )


@login_required
def calendar_day_view(request: RunnerRequest, year: int, month: int, day: int) -> HttpResponse:
    today = today_for(request)
    first = _month_or_404(year, month, today)
    try:
        chosen = first.replace(day=day)
    except ValueError as exc:
        raise Http404("No such day.") from exc
    detail = calendar_day(user_id=runner_id(request), day=chosen)
    here = _day_url(chosen)
    query = "?" + urlencode({"date": chosen.isoformat(), "next": here})
    before, after = chosen - timedelta(days=1), chosen + timedelta(days=1)
    return render(
        request,
        "tracker/calendar_day.html",
        {
            "detail": detail,
            "today": today,
            "is_future": chosen > today,
            "add_session_url": reverse("session_add") + query,
            "add_checkin_url": reverse("soreness_add") + query,
            "month_url": _month_url(first),
            "before": before,
            "before_url": _day_url(before) if before >= EARLIEST_DATE else "",
            "after": after,
            "after_url": _day_url(after) if after.year <= today.year + LATEST_YEAR_AHEAD else "",
        },
    )
