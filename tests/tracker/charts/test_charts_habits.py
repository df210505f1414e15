"""tracker.charts.habits: rest days and the share of runs with a warm-up."""

from __future__ import annotations

from datetime import date, timedelta

from chart_builders import MONDAY, bins, context, trace, training, week_bins

from tracker.charts import habits
from tracker.charts.periods import Period


def test_it_shows_habit_shares_and_rest_days():
    columns = bins(Period.WEEK, MONDAY, MONDAY + timedelta(days=9))  # to a Wednesday
    weeks = training(columns, 20, 0)
    weeks.periods[0].runs, weeks.periods[0].run_days = 4, 3
    weeks.periods[0].warmup_recorded, weeks.periods[0].warmup_done = 4, 1
    figure = habits.habits_figure(weeks)
    assert trace(figure, "Rest days")["y"] == [4, 3]  # the current week: 3 days so far
    assert trace(figure, "Runs with a warm-up")["y"] == [25, None]
    assert trace(figure, "Runs with a cool-down")["y"] == [None, None]  # not recorded
    assert habits.habits_table(weeks).rows[0] == ("2 Nov 2026", "4", "4", "25% (1 of 4)", "—")


def test_it_smooths_the_shares_over_four_weeks_across_a_year():
    """Weekly shares over a year were an unreadable 0-100% zig-zag."""
    columns = week_bins(52)
    weeks = training(columns, *[10] * 52)
    for i, week in enumerate(weeks.periods):
        week.warmup_recorded = 2
        week.warmup_done = 2 * (i % 2)  # every other week: all runs, then none
    card = habits.build(context(columns), weeks)
    line = trace(card.figure, "Runs with a warm-up")["y"]
    assert line[:3] == [0, 50, 33]  # fewer weeks before the range's fourth one
    assert set(line[3:]) == {50}  # no zig-zag
    assert "4 weeks" in card.intro
    # The table keeps each week's own figure.
    assert [row[3] for row in card.table.rows[:2]] == ["0% (0 of 2)", "100% (2 of 2)"]


def test_it_averages_rest_days_a_week_over_months():
    columns = bins(Period.MONTH, date(2026, 1, 1), date(2026, 2, 14))
    months = training(columns, 100, 50)
    months.periods[0].run_days = 17  # 31 days: 14 without a run, 3.2 a week
    months.periods[1].run_days = 10  # 14 days so far: 4 without, 2.0 a week
    figure = habits.habits_figure(months)
    assert trace(figure, "Rest days")["y"] == [3.2, 2.0]
    table = habits.habits_table(months)
    assert table.headers[2] == "Rest days a week"
    assert table.rows[0][:3] == ("Jan 2026", "1", "3.2")
