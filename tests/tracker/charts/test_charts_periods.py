"""tracker.charts.ranges and periods: the range a runner picks, and its columns."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from chart_builders import bins
from hypothesis import given
from hypothesis import strategies as st

from tracker.charts import chart_range
from tracker.charts.load import BARS
from tracker.charts.periods import Period, PeriodRule, period_first_day, period_index
from tracker.charts.soreness import HEATMAP

TODAY = date(2026, 11, 20)  # a Friday


@pytest.mark.parametrize(
    ("key", "week_start", "start"),
    [
        (None, 0, date(2026, 8, 31)),  # 12 whole weeks, Monday weeks
        ("12w", 6, date(2026, 8, 30)),  # Sunday weeks
        ("6m", 0, date(2026, 11, 16) - timedelta(weeks=25)),
        ("1y", 0, date(2026, 11, 16) - timedelta(weeks=51)),
        ("all", 0, date(2020, 3, 4)),  # the log's first day
        ("bogus", 0, date(2026, 8, 31)),  # unknown: the default
    ],
)
def test_it_picks_the_range_in_whole_weeks(key, week_start, start):
    window = chart_range(key, today=TODAY, week_start=week_start, first_day=date(2020, 3, 4))
    assert window.start == start
    assert window.end == TODAY
    assert window.key == (key if key in {"12w", "6m", "1y", "all"} else "12w")


def test_it_starts_all_on_this_week_with_an_empty_log():
    window = chart_range("all", today=TODAY, week_start=0, first_day=None)
    assert window.start == date(2026, 11, 16)


@given(
    day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    period=st.sampled_from(list(Period)),
    week_start=st.integers(min_value=0, max_value=6),
)
def test_it_numbers_periods_so_that_each_holds_its_days(day, period, week_start):
    number = period_index(period, day, week_start)
    first = period_first_day(period, number, week_start)
    after = period_first_day(period, number + 1, week_start)
    assert first <= day < after
    assert period_index(period, first, week_start) == number
    if period is Period.WEEK:
        assert first.weekday() == week_start
    if period in (Period.MONTH, Period.QUARTER, Period.YEAR):
        assert first.day == 1


# The dashboard's ranges over a log that ends on TODAY and starts on ``first``.
CASES = [
    # range, first day of the log, the heatmap's period, the bars' period
    ("12w", None, Period.DAY, Period.WEEK),
    ("6m", None, Period.WEEK, Period.WEEK),
    ("1y", None, Period.WEEK, Period.WEEK),
    ("all", TODAY - timedelta(days=60), Period.DAY, Period.WEEK),
    ("all", TODAY - timedelta(days=2 * 365), Period.WEEK, Period.WEEK),
    ("all", TODAY - timedelta(days=3 * 365), Period.MONTH, Period.MONTH),
    ("all", TODAY - timedelta(days=10 * 365), Period.MONTH, Period.MONTH),
    ("all", TODAY - timedelta(days=20 * 365), Period.QUARTER, Period.QUARTER),
    ("all", date(1900, 1, 1), Period.YEAR, Period.YEAR),
]


@pytest.mark.parametrize(("key", "first", "heatmap", "bars"), CASES)
def test_it_cuts_every_range_into_a_readable_number_of_columns(key, first, heatmap, bars):
    window = chart_range(key, today=TODAY, week_start=0, first_day=first)
    heat = HEATMAP.bins(window, week_start=0)
    weekly = BARS.bins(window, week_start=0)
    assert (heat.period, weekly.period) == (heatmap, bars)
    # The log starts in 1900 at the earliest: 127 years are the most columns there are.
    assert 1 <= len(heat) <= 130 and 1 <= len(weekly) <= 130
    assert heat.firsts[0] <= window.start < heat.boundary(1)
    assert heat.boundary(len(heat) - 1) <= window.end < heat.boundary(len(heat))


def test_it_takes_the_finest_period_that_fits():
    rule = PeriodRule(Period.DAY, max_columns=10)
    window = chart_range("all", today=TODAY, week_start=0, first_day=TODAY - timedelta(days=9))
    assert rule.bins(window, week_start=0).period is Period.DAY
    window = chart_range("all", today=TODAY, week_start=0, first_day=TODAY - timedelta(days=10))
    assert rule.bins(window, week_start=0).period is Period.WEEK


def test_it_counts_the_days_of_each_column_inside_the_range():
    # From a Wednesday to a Tuesday, Monday weeks: 5 days, then 2.
    columns = bins(Period.WEEK, date(2026, 11, 4), date(2026, 11, 10))
    assert columns.firsts == [date(2026, 11, 2), date(2026, 11, 9)]
    assert [columns.days_inside(c) for c in range(2)] == [5, 2]
    assert columns.last_day(1) == date(2026, 11, 10)  # today, not Sunday
    months = bins(Period.MONTH, date(2024, 1, 15), date(2024, 3, 10))
    assert [months.days_inside(c) for c in range(3)] == [17, 29, 10]  # a leap February


@pytest.mark.parametrize(
    ("period", "label", "when", "heading", "noun"),
    [
        (Period.DAY, "2 Nov 2026", "Mon 2 Nov 2026", "Day", "day"),
        (Period.WEEK, "2 Nov 2026", "week of 2 Nov 2026", "Week of", "week"),
        (Period.MONTH, "Nov 2026", "Nov 2026", "Month", "month"),
        (Period.QUARTER, "Oct-Dec 2026", "Oct-Dec 2026", "Quarter", "quarter"),
        (Period.YEAR, "2026", "2026", "Year", "year"),
    ],
)
def test_it_names_columns_for_tables_and_hover_texts(period, label, when, heading, noun):
    columns = bins(period, date(2026, 11, 2), date(2026, 11, 20))
    assert (columns.label(0), columns.when(0), columns.heading, columns.noun) == (
        label,
        when,
        heading,
        noun,
    )


def test_it_places_a_point_over_its_whole_period_for_plotly():
    weeks = bins(Period.WEEK, date(2026, 11, 1), date(2026, 11, 20), week_start=6)
    assert weeks.placement() == {
        "xperiod": 7 * 24 * 3600 * 1000,
        "xperiod0": "2026-11-01",
        "xperiodalignment": "middle",
    }
    assert bins(Period.QUARTER, date(2026, 11, 2), TODAY).placement()["xperiod"] == "M3"


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    period=st.sampled_from([Period.WEEK, Period.MONTH, Period.QUARTER, Period.YEAR]),
)
def test_it_steps_x_from_column_to_column_without_an_array_of_dates(start, period):
    """plotly puts point i at x0 + i * dx: for months, an average month from the
    middle of the first stays inside each month for as long as the log can be."""
    longest = {Period.WEEK: 7, Period.MONTH: 31, Period.QUARTER: 92, Period.YEAR: 366}
    columns = bins(period, start, start + timedelta(days=130 * longest[period]))  # 130 columns
    points = columns.points()
    x0 = datetime.fromisoformat(points["x0"])
    for column in range(len(columns)):
        day = (x0 + timedelta(milliseconds=column * points["dx"])).date()
        assert columns.boundary(column) <= day < columns.boundary(column + 1), column
        if period is Period.WEEK:
            assert day == columns.firsts[column]  # the hover names the week's first day
