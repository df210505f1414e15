"""The acute:chronic ratio the load chart draws (Gabbett 2016): this week's running
against the average of the four weeks ending with it, a day at a time or a
column at a time, from the daily running the selectors sum in the database."""

from __future__ import annotations

from datetime import date
from itertools import repeat

from advice.load import DailySeries, acute_chronic_loads, metres
from advice.rules import LOAD_RATIO_MIN_HISTORY_DAYS
from tracker.charts.periods import Bins, Period, week_first_ordinal
from tracker.charts.series import RunningKm

# A point a day up to twelve weeks and a bit (an "All" of a short log).
DAILY_LINE_MAX_DAYS = 92
# Gabbett's rolling ratio: this week against the average of the four ending with it.
CHRONIC_WEEKS = 4


def daily_ratios(running: RunningKm, *, start: date, end: date) -> list[tuple[date, float | None]]:
    """The acute:chronic ratio of daily running distance for each day from ``start``.

    The same EWMA as advice's load-ratio rule, started at ``running.first``, a
    lookback before the range so the 28-day average has settled by its first day.
    None before 28 days of history, as the rule, and where the chronic load is 0.
    """
    if end < start or running.period is not Period.DAY:
        return []
    series = DailySeries(
        running.first, running.last, ((day, metres(km)) for day, km in running.km.items())
    )
    acutes, chronics = acute_chronic_loads(series)
    shown_from = _shown_from(running)
    out: list[tuple[date, float | None]] = []
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        i = ordinal - running.first
        acute, chronic = acutes[i], chronics[i]
        visible = shown_from is not None and ordinal >= shown_from and chronic > 0
        out.append((date.fromordinal(ordinal), round(acute / chronic, 2) if visible else None))
    return out


def weekly_ratios(running: RunningKm) -> list[tuple[date, float]]:
    """(a week's last day, its rolling ratio) for every week where there is one: from
    28 days after the first session, and where the four weeks up to it had running.
    Only weeks near weeks with running are looked at, so a log with a session in 1900
    costs no more than one without."""
    if running.period is not Period.WEEK:
        return []
    shown_from = _shown_from(running)
    if shown_from is None:
        return []
    # Compared with the bounds rather than intersected with a set of every week
    # between them: from 1900 that set was 6,500 weeks, built on every render.
    low, high = running.first + CHRONIC_WEEKS - 1, running.last
    km = running.km
    candidates = sorted(
        week
        for week in {week + lag for week in km for lag in range(CHRONIC_WEEKS)}
        if low <= week <= high
    )
    get, none = km.get, repeat(0.0)
    out = []
    for week in candidates:
        last_day = week_first_ordinal(week, running.week_start) + 6
        if last_day < shown_from:
            continue
        # sum() adds in the same order as before (from 0, oldest week first): the same
        # floats, with the lookups done in C.
        chronic = sum(map(get, range(week - CHRONIC_WEEKS + 1, week + 1), none))
        if chronic > 0:
            ratio = get(week, 0.0) * CHRONIC_WEEKS / chronic
            out.append((date.fromordinal(last_day), round(ratio, 2)))
    return out


def _shown_from(running: RunningKm) -> int | None:
    if running.first_session is None:
        return None
    return running.first_session.toordinal() + LOAD_RATIO_MIN_HISTORY_DAYS


def column_ratios(bins: Bins, running: RunningKm) -> list[float | None]:
    """The ratio a column: on its last day (weeks), or its highest weekly one."""
    if running.period is Period.DAY:
        by_day = dict(daily_ratios(running, start=bins.boundary(0), end=bins.end))
        return [by_day.get(bins.last_day(column)) for column in range(len(bins))]
    out: list[float | None] = [None] * len(bins)
    for last_day, ratio in weekly_ratios(running):
        day = min(last_day, bins.end)
        if day < bins.start:
            continue
        column = bins.column(day)
        current = out[column]
        out[column] = ratio if current is None else max(current, ratio)
    return out
