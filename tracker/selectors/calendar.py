"""A month at a glance: the calendar's weeks, each day's sessions and check-ins, and
the totals of each week and of the month.

Three queries whatever the history's length, each bounded by the six weeks a month
page shows: the sessions of those days (a few columns, no model instances), the
check-ins counted per day by the database, and the per-day totals
(tracker.selectors.totals).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Max
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR

from advice.rules import PAIN_MIN
from tracker.charts.ranges import week_start_of
from tracker.models import Activity, Session, Soreness
from tracker.selectors.totals import Totals, daily_totals, fold, month_end, week_key

_ACTIVITY_LABELS = dict(Activity.choices)


@dataclass(frozen=True)
class DaySession:
    id: int
    activity: str
    distance_km: Decimal | None
    duration_min: Decimal | None
    pain: int | None

    @property
    def activity_label(self) -> str:
        return str(_ACTIVITY_LABELS.get(self.activity, self.activity))


@dataclass
class CalendarDay:
    day: date
    in_month: bool
    is_today: bool
    is_future: bool
    sessions: list[DaySession] = field(default_factory=list)
    checkins: int = 0
    worst_soreness: int | None = None  # the day's highest check-in severity

    @property
    def pain(self) -> int | None:
        """The worst pain of the day (session or check-in) when it is pain (PAIN_MIN+)."""
        values = [s.pain for s in self.sessions if s.pain is not None]
        if self.worst_soreness is not None:
            values.append(self.worst_soreness)
        worst = max(values, default=None)
        return worst if worst is not None and worst >= PAIN_MIN else None


@dataclass(frozen=True)
class CalendarWeek:
    start: date
    days: list[CalendarDay]
    totals: Totals


@dataclass(frozen=True)
class CalendarMonth:
    month: date  # its first day
    weeks: list[CalendarWeek]
    totals: Totals  # the month's own days only
    # (short, full) in the runner's order, in the page's language: Django's own
    # translated names, keyed 0 = Monday as week_start is.
    weekday_names: list[tuple[str, str]]


def calendar_month(*, user_id: int, month: date, today: date, week_start: int) -> CalendarMonth:
    first = month.replace(day=1)
    last = month_end(first)
    start = week_start_of(first, week_start)
    end = week_start_of(last, week_start) + timedelta(days=6)

    days = {
        start + timedelta(days=offset): CalendarDay(
            day=start + timedelta(days=offset),
            in_month=first <= start + timedelta(days=offset) <= last,
            is_today=start + timedelta(days=offset) == today,
            is_future=start + timedelta(days=offset) > today,
        )
        for offset in range((end - start).days + 1)
    }
    sessions = (
        Session.objects.filter(user_id=user_id, date__gte=start, date__lte=end)
        .order_by("date", "id")
        .values_list("id", "date", "activity", "distance_km", "duration_min", "pain")
    )
    for pk, day, activity, km, minutes, pain in sessions:
        days[day].sessions.append(DaySession(pk, activity, km, minutes, pain))
    checkins = (
        Soreness.objects.filter(user_id=user_id, date__gte=start, date__lte=end)
        .order_by()
        .values("date")
        .annotate(count=Count("id"), worst=Max("severity"))
        .values_list("date", "count", "worst")
    )
    for day, count, worst in checkins:
        days[day].checkins, days[day].worst_soreness = count, worst

    daily = daily_totals(Session.objects.filter(user_id=user_id), start=start, end=end)
    by_week = fold(daily, week_key(week_start))
    month_totals = fold((row for row in daily if first <= row["date"] <= last), lambda _: first)
    ordered = list(days.values())
    weeks = [
        CalendarWeek(
            start=ordered[i].day,
            days=ordered[i : i + 7],
            totals=by_week.get(ordered[i].day, Totals()),
        )
        for i in range(0, len(ordered), 7)
    ]
    order = [(week_start + i) % 7 for i in range(7)]
    return CalendarMonth(
        month=first,
        weeks=weeks,
        totals=month_totals.get(first, Totals()),
        weekday_names=[(str(WEEKDAYS_ABBR[day]), str(WEEKDAYS[day])) for day in order],
    )


@dataclass(frozen=True)
class CalendarDayDetail:
    day: date
    sessions: list[Session]
    checkins: list[Soreness]


def calendar_day(*, user_id: int, day: date) -> CalendarDayDetail:
    return CalendarDayDetail(
        day=day,
        sessions=list(
            Session.objects.filter(user_id=user_id, date=day)
            .select_related("shoe")
            .order_by(F("start_time").asc(nulls_last=True), "id")
        ),
        checkins=list(Soreness.objects.filter(user_id=user_id, date=day).order_by("area", "side")),
    )
