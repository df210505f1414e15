"""Week and month totals (sessions, time, distance per activity) for the session list
and the calendar.

The database sums per day and activity (one ``GROUP BY date, activity`` query over
the days a page shows, so at most a few hundred rows whatever the history's length);
the days are then folded into the runner's weeks, which start on any day of the week
(Django's TruncWeek always starts on a Monday), and into months.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, QuerySet, Sum

from tracker.charts.ranges import week_start_of
from tracker.models import Activity, Session

_ACTIVITY_ORDER = {value: index for index, value in enumerate(Activity.values)}
_ACTIVITY_LABELS = dict(Activity.choices)


class DayRow(TypedDict):
    date: date
    activity: str
    sessions: int
    km: Decimal | None
    minutes: Decimal | None


@dataclass
class Totals:
    sessions: int = 0
    minutes: Decimal = Decimal(0)
    km_by_activity: dict[str, Decimal] = field(default_factory=dict)

    def add(self, row: DayRow) -> None:
        self.sessions += row["sessions"]
        self.minutes += row["minutes"] or Decimal(0)
        if row["km"] is not None:
            activity = row["activity"]
            self.km_by_activity[activity] = (
                self.km_by_activity.get(activity, Decimal(0)) + row["km"]
            )

    @property
    def distances(self) -> list[tuple[str, Decimal]]:
        """(activity label, km), in the order of the activity choices: a week's cycling
        is never added to its running."""
        return [
            (str(_ACTIVITY_LABELS[activity]), km)
            for activity, km in sorted(
                self.km_by_activity.items(), key=lambda item: _ACTIVITY_ORDER[item[0]]
            )
        ]


def daily_totals(rows: QuerySet[Session], *, start: date, end: date) -> list[DayRow]:
    """Per day and activity, ``start`` to ``end`` inclusive: one query."""
    return list(
        rows.filter(date__gte=start, date__lte=end)
        .order_by()
        .values("date", "activity")
        .annotate(sessions=Count("id"), km=Sum("distance_km"), minutes=Sum("duration_min"))
    )


def fold(daily: Iterable[DayRow], key: Callable[[date], date]) -> dict[date, Totals]:
    """The per-day rows summed per ``key(day)`` (the first day of its week or month)."""
    result: dict[date, Totals] = {}
    for row in daily:
        result.setdefault(key(row["date"]), Totals()).add(row)
    return result


def month_of(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def week_key(week_start: int) -> Callable[[date], date]:
    return lambda day: week_start_of(day, week_start)


@dataclass(frozen=True)
class PeriodTotals:
    weeks: dict[date, Totals]  # by the first day of the runner's week
    months: dict[date, Totals]  # by the first day of the month


def totals_around(
    rows: QuerySet[Session], days: Iterable[date], *, week_start: int
) -> PeriodTotals:
    """The totals of every week and month that holds one of ``days`` (the sessions of a
    page of the list), over ``rows`` (the list's filters applied): whole weeks and
    months, including their sessions on other pages."""
    days = list(days)
    if not days:
        return PeriodTotals(weeks={}, months={})
    first, last = min(days), max(days)
    start = min(week_start_of(first, week_start), month_of(first))
    end = max(week_start_of(last, week_start) + timedelta(days=6), month_end(last))
    daily = daily_totals(rows, start=start, end=end)
    return PeriodTotals(weeks=fold(daily, week_key(week_start)), months=fold(daily, month_of))
