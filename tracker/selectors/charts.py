"""Aggregated series for the dashboard's charts.

The database does the summing (``GROUP BY date`` with Sum, Count and Max), so what
leaves it is at most one row per day (and surface, area...), never one per session,
and the number of queries is the same for three months or ten years of history.

Weeks are folded here from the per-day sums: Django's TruncWeek always starts on a
Monday, and a runner's week may start on any day. Grouping on ``date``, a DateField
holding the runner's own local date, rather than truncating a UTC datetime keeps a
run at 23:30 local time on the day (and in the week) it was run.

The series types live in ``tracker.charts``, which draws them without Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import Coalesce

from advice import LOOKBACK_DAYS
from tracker.charts import (
    ChartRange,
    DashboardSeries,
    RunConditions,
    ShoeWear,
    SorenessDay,
    WeekTraining,
    week_start_of,
)
from tracker.models import Activity, Session, Shoe, Soreness
from tracker.selectors.log import ZERO_KM

# advice's line between "not really" (0-1) and pain; the "what comes before pain"
# table counts the same reports as pain that the rules do.
PAIN_MIN = 2


@dataclass(frozen=True)
class LogBounds:
    """The runner's first session and first check-in, whatever the range."""

    first_session: date | None
    first_soreness: date | None

    @property
    def first_day(self) -> date | None:
        days = [d for d in (self.first_session, self.first_soreness) if d is not None]
        return min(days) if days else None


def log_bounds(*, user_id: int) -> LogBounds:
    """Two index-only aggregates: the "all" range and the 28-day ratio rule need them."""
    first_session = Session.objects.filter(user_id=user_id).aggregate(first=Min("date"))["first"]
    first_soreness = Soreness.objects.filter(user_id=user_id).aggregate(first=Min("date"))["first"]
    return LogBounds(first_session=first_session, first_soreness=first_soreness)


def daily_running_km(*, user_id: int, start: date, end: date) -> list[tuple[date, float]]:
    """Running km per day with a run, ``start`` to ``end`` inclusive, oldest first."""
    rows = (
        Session.objects.filter(
            user_id=user_id, activity=Activity.RUN, date__gte=start, date__lte=end
        )
        .values("date")
        .annotate(km=Coalesce(Sum("distance_km"), ZERO_KM))
        .order_by("date")
        .values_list("date", "km")
    )
    return [(day, float(km)) for day, km in rows]


def weekly_training(*, user_id: int, start: date, end: date, week_start: int) -> list[WeekTraining]:
    """Every week from the one holding ``start`` to the one holding ``end``, empty
    weeks included, from one query grouped by day and surface."""
    rows = (
        Session.objects.filter(
            user_id=user_id, activity=Activity.RUN, date__gte=start, date__lte=end
        )
        .values("date", "surface")
        .annotate(
            km=Coalesce(Sum("distance_km"), ZERO_KM),
            runs=Count("id"),
            warmup_recorded=Count("warmup_min"),
            warmup_done=Count("id", filter=Q(warmup_min__gt=0)),
            cooldown_recorded=Count("cooldown_min"),
            cooldown_done=Count("id", filter=Q(cooldown_min__gt=0)),
        )
        .order_by("date", "surface")
    )
    return fold_weeks(rows, start=start, end=end, week_start=week_start)


def fold_weeks(
    rows: Iterable[dict[str, Any]], *, start: date, end: date, week_start: int
) -> list[WeekTraining]:
    """Per-day, per-surface sums into the runner's weeks (see ``weekly_training``)."""
    weeks: dict[date, WeekTraining] = {}
    first_day = week_start_of(start, week_start)
    while first_day <= end:
        # The first and the current week may be cut by the range: count only their
        # days inside it, or the current week would show days to come as rest days.
        lo, hi = max(first_day, start), min(first_day + timedelta(days=6), end)
        weeks[first_day] = WeekTraining(start=first_day, days=(hi - lo).days + 1)
        first_day += timedelta(days=7)
    run_days: dict[date, set[date]] = {}
    for row in rows:
        week = weeks[week_start_of(row["date"], week_start)]
        km = float(row["km"])
        week.run_km += km
        week.km_by_surface[row["surface"]] = week.km_by_surface.get(row["surface"], 0.0) + km
        week.runs += row["runs"]
        week.warmup_recorded += row["warmup_recorded"]
        week.warmup_done += row["warmup_done"]
        week.cooldown_recorded += row["cooldown_recorded"]
        week.cooldown_done += row["cooldown_done"]
        run_days.setdefault(week.start, set()).add(row["date"])
    for first_day, days in run_days.items():
        weeks[first_day].run_days = len(days)
    return list(weeks.values())


def soreness_by_day(*, user_id: int, start: date, end: date) -> list[SorenessDay]:
    rows = (
        Soreness.objects.filter(user_id=user_id, date__gte=start, date__lte=end)
        .values("date", "area", "side")
        .annotate(worst=Max("severity"))
        .order_by("date", "area", "side")
        .values_list("date", "area", "side", "worst")
    )
    return [SorenessDay(*row) for row in rows]


def shoe_wear(*, user_id: int, since: date, today: date) -> list[ShoeWear]:
    """Every pair, in use first, in one query (a pair retired after today is in use)."""
    rows = (
        Shoe.objects.filter(user_id=user_id)
        .annotate(
            total_km=Coalesce(Sum("sessions__distance_km"), ZERO_KM),
            range_km=Coalesce(
                Sum("sessions__distance_km", filter=Q(sessions__date__gte=since)), ZERO_KM
            ),
        )
        .order_by("retired", "name")
        .values_list("id", "name", "retired", "limit_km", "total_km", "range_km")
    )
    default_limit = settings.SHOE_DEFAULT_LIMIT_KM
    wear = [
        ShoeWear(
            id=pk,
            name=name,
            retired=retired is not None and retired <= today,
            limit_km=limit or default_limit,
            total_km=float(total),
            range_km=float(in_range),
        )
        for pk, name, retired, limit, total, in_range in rows
    ]
    return sorted(wear, key=lambda shoe: shoe.retired)  # stable: names stay in order


def run_conditions(*, user_id: int, start: date, end: date) -> list[RunConditions]:
    rows = (
        Session.objects.filter(
            user_id=user_id, activity=Activity.RUN, date__gte=start, date__lte=end
        )
        .values("date", "shoe_id", "surface", "terrain")
        .annotate(runs=Count("id"))
        .order_by("date", "shoe_id", "surface", "terrain")
        .values_list("date", "shoe_id", "surface", "terrain", "runs")
    )
    return [RunConditions(*row) for row in rows]


def pain_days(*, user_id: int, start: date, end: date) -> list[tuple[date, str]]:
    """(day, area) with pain of at least 2/10 from a check-in or a session, one query.

    A session's own pain report counts like a check-in, as it does for the rules.
    """
    checkins = Soreness.objects.filter(
        user_id=user_id, date__gte=start, date__lte=end, severity__gte=PAIN_MIN
    ).values_list("date", "area")
    sessions = (
        Session.objects.filter(user_id=user_id, date__gte=start, date__lte=end, pain__gte=PAIN_MIN)
        .exclude(pain_area="")
        .values_list("date", "pain_area")
    )
    # UNION (not UNION ALL) leaves one row per day and area.
    rows = checkins.order_by().union(sessions.order_by())
    return sorted(rows)


def dashboard_series(
    *, user_id: int, window: ChartRange, week_start: int, bounds: LogBounds
) -> DashboardSeries:
    """Everything the dashboard's charts draw for ``window``: six queries.

    The ratio needs the running of the LOOKBACK_DAYS before the range as well, so
    that its 28-day average has settled by the range's first day (as advice's).
    """
    start, end = window.start, window.end
    ratio_origin = start - timedelta(days=LOOKBACK_DAYS)
    return DashboardSeries(
        weeks=weekly_training(user_id=user_id, start=start, end=end, week_start=week_start),
        daily_run_km=daily_running_km(user_id=user_id, start=ratio_origin, end=end),
        ratio_origin=ratio_origin,
        first_session=bounds.first_session,
        soreness=soreness_by_day(user_id=user_id, start=start, end=end),
        shoes=shoe_wear(user_id=user_id, since=start, today=end),
        runs=run_conditions(user_id=user_id, start=start, end=end),
        pain_days=pain_days(user_id=user_id, start=start, end=end),
    )
