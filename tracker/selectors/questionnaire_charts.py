"""The questionnaires' chart series, summed by the database: one query each,
grouped by period, whatever the range or the length of the history."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Avg, Case, Count, F, IntegerField, Max, Q, Value, When
from django.db.models.expressions import CombinedExpression

from advice.instruments import HOOPER_FIELDS, OSTRC_QUESTIONS, Q1_CANNOT, Q_MODERATE
from advice.rules.wellness import BASELINE_DAYS
from advice.types import WellnessRecord
from tracker.charts.pain import pain_window
from tracker.charts.periods import Bins, period_first_day
from tracker.charts.series import (
    ChartQuery,
    OstrcCell,
    OstrcSeries,
    WellnessPeriod,
    WellnessSeries,
)
from tracker.models import AREA_ORDER, OstrcResponse, WellnessEntry
from tracker.selectors.periods import PeriodNumber


def _bins(bins: Bins | None) -> Bins:
    if bins is None:
        raise ValueError("this read sums by period: give its chart a PeriodRule")
    return bins


def wellness(*, query: ChartQuery, bins: Bins | None) -> WellnessSeries:
    """Averages of the four ratings and of the index a period, and its worst index."""
    bins = _bins(bins)
    if query.none_since(query.last_wellness, query.window.start):
        return WellnessSeries(bins=bins, periods=[])
    index = F("sleep") + F("fatigue") + F("stress") + F("soreness")
    rows = (
        WellnessEntry.objects.filter(
            user_id=query.user_id, date__gte=query.window.start, date__lte=query.window.end
        )
        .annotate(period=PeriodNumber("date", bins.period, week_start=bins.week_start))
        .values("period")
        .annotate(
            checks=Count("id"),
            avg_sleep=Avg("sleep"),
            avg_fatigue=Avg("fatigue"),
            avg_stress=Avg("stress"),
            avg_soreness=Avg("soreness"),
            avg_index=Avg(index),
            worst=Max(index),
        )
        .order_by("period")
        .values_list(
            "period",
            "checks",
            "avg_sleep",
            "avg_fatigue",
            "avg_stress",
            "avg_soreness",
            "avg_index",
            "worst",
        )
    )
    return WellnessSeries(
        bins=bins,
        periods=[
            WellnessPeriod(
                period_first_day(bins.period, number, bins.week_start),
                checks,
                float(sleep),
                float(fatigue),
                float(stress),
                float(soreness),
                float(avg),
                int(worst),
            )
            for number, checks, sleep, fatigue, stress, soreness, avg, worst in rows
        ],
    )


def _severity() -> CombinedExpression:
    """advice.instruments' points, as SQL: the sum of each answer's points."""
    parts = [
        Case(
            *(When(**{q.field: i}, then=Value(points)) for i, (_w, points) in enumerate(q.options)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for q in OSTRC_QUESTIONS
    ]
    total = parts[0] + parts[1] + parts[2] + parts[3]
    assert isinstance(total, CombinedExpression)
    return total


# advice.instruments.ostrc_score's substantial-problem rule, as SQL.
_SUBSTANTIAL = Case(
    When(
        Q(participation=Q1_CANNOT)
        | Q(modification__gte=Q_MODERATE)
        | Q(performance__gte=Q_MODERATE),
        then=Value(1),
    ),
    default=Value(0),
    output_field=IntegerField(),
)


def ostrc(*, query: ChartQuery, bins: Bins | None) -> OstrcSeries:
    """The highest severity a period for each area, and whether any week of it was
    a substantial problem."""
    bins = _bins(bins)
    if query.none_since(query.last_ostrc, query.window.start):
        return OstrcSeries(bins=bins, areas=(), cells=[])
    rows = (
        OstrcResponse.objects.filter(
            user_id=query.user_id, week__gte=query.window.start, week__lte=query.window.end
        )
        .annotate(period=PeriodNumber("week", bins.period, week_start=bins.week_start))
        .values("period", "area")
        .annotate(severity=Max(_severity()), substantial=Max(_SUBSTANTIAL))
        .order_by("period", "area")
        .values_list("period", "area", "severity", "substantial")
    )
    cells = [
        OstrcCell(
            period_first_day(bins.period, number, bins.week_start), area, severity, bool(flag)
        )
        for number, area, severity, flag in rows
    ]
    areas = sorted({c.area for c in cells}, key=lambda a: AREA_ORDER.get(a, len(AREA_ORDER)))
    return OstrcSeries(bins=bins, areas=tuple(areas), cells=cells)


def wellness_checks(*, query: ChartQuery, bins: Bins | None = None) -> list[WellnessRecord]:
    """The checks of the pain table's window and the BASELINE_DAYS before it (each
    day's baseline): one query, a row a day at most, two years and a month at most."""
    first, last = pain_window(query.window)
    since = first - timedelta(days=BASELINE_DAYS)
    if query.none_since(query.last_wellness, since):
        return []
    rows = (
        WellnessEntry.objects.filter(user_id=query.user_id, date__gte=since, date__lte=last)
        .order_by("date")
        .values_list("date", *HOOPER_FIELDS)
    )
    return [WellnessRecord(*row) for row in rows]
