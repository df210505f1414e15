"""Small builders for the chart tests: flags, columns, series, a chart's context."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from advice import Flag, Grade, Severity, Source
from tracker.charts.periods import Bins, Period
from tracker.charts.plot import ChartContext
from tracker.charts.ranges import ChartRange
from tracker.charts.series import RunningKm, Training, TrainingPeriod

MONDAY = date(2026, 11, 2)
SOURCE = Source("doc.txt", "a quote")


def flag(rule: str, start: date, end: date | None = None, **fields: Any) -> Flag:
    values: dict[str, Any] = {
        "severity": Severity.WARNING,
        "subject": f"week of {start.isoformat()}",
        "title": f"{rule} title",
        "detail": "detail",
        "advice": "advice",
        "source": SOURCE,
        "evidence": "evidence",
        "grade": Grade.MIXED,
    }
    values.update(fields)
    return Flag(rule=rule, start=start, end=end or start, **values)


def bins(period: Period, start: date, end: date, week_start: int = 0) -> Bins:
    return Bins(period=period, start=start, end=end, week_start=week_start)


def week_bins(weeks: int, first: date = MONDAY, week_start: int = 0) -> Bins:
    """Whole weeks from ``first`` (the last one whole too)."""
    return bins(Period.WEEK, first, first + timedelta(weeks=weeks) - timedelta(days=1), week_start)


def training(columns: Bins, *km: float, surfaces: Sequence[str] = ()) -> Training:
    """A period a column with ``km`` of running (one run where km > 0)."""
    periods = []
    for column, first in enumerate(columns.firsts):
        value = km[column] if column < len(km) else 0.0
        periods.append(
            TrainingPeriod(
                start=first, days=columns.days_inside(column), run_km=value, runs=int(value > 0)
            )
        )
    return Training(bins=columns, periods=periods, surfaces=tuple(surfaces))


def daily_running(
    km_by_day: dict[date, float], *, first: date, last: date, first_session: date | None
) -> RunningKm:
    return RunningKm(
        period=Period.DAY,
        week_start=0,
        first=first.toordinal(),
        last=last.toordinal(),
        km={day.toordinal(): km for day, km in km_by_day.items()},
        first_session=first_session,
    )


def context(
    columns: Bins | None,
    flags: Sequence[Flag] = (),
    *,
    units: str = "km",
    label: str = "12 weeks",
    start: date | None = None,
    end: date | None = None,
) -> ChartContext:
    start = start or (columns.start if columns else MONDAY)
    end = end or (columns.end if columns else MONDAY)
    window = ChartRange(key="x", label=label, start=start, end=end)
    return ChartContext(
        window=window,
        bins=columns,
        units=units,
        week_start=columns.week_start if columns else 0,
        flags=list(flags),
    )


def trace(figure: dict[str, Any], name: str) -> dict[str, Any]:
    [found] = [t for t in figure["data"] if t.get("name") == name]
    return found
