"""The load arithmetic the rules stand on."""

from __future__ import annotations

from datetime import date

import pytest

from advice.load import (
    CHRONIC_LAMBDA,
    DailySeries,
    acute_chronic_loads,
    acute_chronic_ratios,
    add_months,
    metres,
    percent_above,
    week_first_day,
    week_index,
    weekly_distance,
)


@pytest.mark.parametrize(
    ("km", "expected"), [(None, 0), (0.0, 0), (5.0, 5000), (0.0004, 0), (12.3456, 12346)]
)
def test_it_counts_whole_metres(km: float | None, expected: int) -> None:
    assert metres(km) == expected


def test_it_rounds_percentages() -> None:
    assert percent_above(42000, 29000) == 45
    assert percent_above(13000, 10000) == 30


@pytest.mark.parametrize(("week_start", "first"), [(0, date(2026, 3, 2)), (6, date(2026, 3, 8))])
def test_it_numbers_weeks_from_the_runner_s_first_weekday(week_start: int, first: date) -> None:
    # 2026-03-08 is a Sunday: the last day of a Monday week, the first of a Sunday one.
    sunday = date(2026, 3, 8).toordinal()
    week = week_index(sunday, week_start)
    assert date.fromordinal(week_first_day(week, week_start)) == first
    assert week_index(sunday + 1, week_start) == week + (week_start == 0)


def test_it_sums_weeks() -> None:
    monday = date(2026, 3, 2).toordinal()
    weeks = weekly_distance([(monday, 1000), (monday + 6, 2000), (monday + 7, 500)])
    assert sorted(weeks.values()) == [500, 3000]


def test_it_sums_any_window_of_a_daily_series_in_constant_time() -> None:
    series = DailySeries(100, 109, [(100, 1), (101, 2), (101, 3), (109, 4), (200, 99)])
    assert series.values == [1, 5, 0, 0, 0, 0, 0, 0, 0, 4]
    assert series.total(100, 109) == 10
    assert series.total(101, 101) == 5
    assert series.total(50, 100) == 1  # clamped to the series
    assert series.total(105, 104) == 0


def test_the_ewma_settles_on_a_steady_load_and_starts_at_zero() -> None:
    series = DailySeries(0, 365, [(day, 5000) for day in range(366)])
    acute, chronic = acute_chronic_loads(series)
    assert (acute[0], chronic[0]) == (5000 * 0.25, 5000 * CHRONIC_LAMBDA)
    assert acute[-1] == pytest.approx(5000) and chronic[-1] == pytest.approx(5000)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 2), 6, date(2026, 9, 2)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_it_adds_calendar_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_it_gives_every_day_s_trailing_window_sum() -> None:
    series = DailySeries(0, 5, [(0, 1), (1, 2), (2, 3), (5, 4)])
    assert series.window_sums(3) == [1, 3, 6, 5, 3, 4]
    assert series.window_sums(1) == series.values
    assert series.window_sums(3) == [series.total(day - 2, day) for day in range(6)]


def test_it_pairs_the_loads_for_the_chart() -> None:
    series = DailySeries(0, 3, [(0, 4000), (2, 8000)])
    assert acute_chronic_ratios(series) == list(zip(*acute_chronic_loads(series), strict=True))
    assert acute_chronic_ratios(DailySeries(5, 4, [])) == []
