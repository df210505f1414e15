"""tracker.charts.load: weekly load bars, the acute:chronic ratio, load warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from chart_builders import MONDAY, bins, context, daily_running, flag, trace, training, week_bins

from tracker.charts import load
from tracker.charts.periods import DAY_MS, Period
from tracker.charts.series import EffortLoad, RunningKm


def draw(training, running, ctx):
    return load.load_figure(load.load_series(training, running, ctx), units=ctx.units)


def tabulate(training, running, ctx):
    return load.load_table(load.load_series(training, running, ctx), units=ctx.units)


def no_running(columns) -> RunningKm:
    first = columns.start - timedelta(days=180)
    return daily_running({}, first=first, last=columns.end, first_session=None)


def test_it_hides_the_ratio_before_28_days_of_history_and_settles_at_one():
    first = date(2026, 1, 1)
    running = daily_running(
        {first + timedelta(days=i): 5.0 for i in range(200)},
        first=first,
        last=first + timedelta(days=199),
        first_session=first,
    )
    ratios = load.daily_ratios(running, start=first, end=first + timedelta(days=199))
    assert len(ratios) == 200
    assert all(ratio is None for _, ratio in ratios[:28])
    assert ratios[28][1] is not None
    # The same distance every day: acute and chronic load agree in the end.
    assert ratios[-1][1] == pytest.approx(1.0, abs=0.01)


def test_it_has_no_ratio_without_any_running():
    columns = week_bins(1)
    ratios = load.daily_ratios(no_running(columns), start=MONDAY, end=columns.end)
    assert [ratio for _, ratio in ratios] == [None] * 7


def test_it_draws_weekly_bars_in_the_runners_units_with_band_and_markers():
    columns = week_bins(3)
    end = MONDAY + timedelta(days=20)
    # Running every day from 40 days before, so the ratio shows from MONDAY + 10.
    first_session = MONDAY + timedelta(days=10) - timedelta(days=28)
    running = daily_running(
        {first_session + timedelta(days=i): 5.0 for i in range(39)},
        first=MONDAY - timedelta(days=180),
        last=end,
        first_session=first_session,
    )
    flags = [
        flag("volume-jump", MONDAY + timedelta(weeks=1), title="Weekly distance <jumped>"),
        flag("long-run-spike", MONDAY + timedelta(days=10), subject="2026-11-12"),
        flag("pain-persisting", MONDAY, subject="calf left"),  # not a load marker
    ]
    figure = draw(training(columns, 10, 20, 16.09344), running, context(columns, flags, units="mi"))

    bars = trace(figure, "Distance (mi)")
    # A bar a week from the first: x0 and a step of a week, over the whole week.
    assert (bars["x0"], bars["dx"]) == ("2026-11-02", 7 * DAY_MS)
    assert (bars["xperiod"], bars["xperiodalignment"]) == (7 * DAY_MS, "middle")
    assert bars["y"] == [6.21, 12.43, 10.0]
    assert figure["layout"]["yaxis"]["title"]["text"] == "Distance (mi)"

    # Twelve weeks or less: a point a day.
    ratio = trace(figure, "Acute:chronic ratio")
    assert ratio["yaxis"] == "y2"
    assert (ratio["x0"], ratio["dx"], len(ratio["y"])) == ("2026-11-02", DAY_MS, 21)
    assert ratio["y"][:10] == [None] * 10 and ratio["y"][10] is not None
    [band] = figure["layout"]["shapes"]
    assert (band["yref"], band["y0"], band["y1"]) == ("y2", 0.8, 1.3)
    assert band["x0"] == "2026-11-12"  # from the first day the ratio is shown

    markers = trace(figure, "Warning")
    assert markers["x"] == ["2026-11-09"]  # both flags fall in the same week
    assert markers["y"] == [12.43]  # on top of that week's bar
    [hover] = markers["hovertext"]
    # Flag titles are text, not markup: plotly would drop an unknown <jumped> tag.
    assert "Weekly distance &lt;jumped&gt;" in hover
    assert "long-run-spike title" in hover


def test_it_puts_markers_in_sunday_weeks_for_a_sunday_runner():
    sunday = date(2026, 11, 1)
    columns = week_bins(2, first=sunday, week_start=6)
    spike = flag("long-run-spike", date(2026, 11, 14))  # a Saturday: the first week
    figure = draw(training(columns, 10, 20), no_running(columns), context(columns, [spike]))
    assert trace(figure, "Warning")["x"] == ["2026-11-08"]
    assert trace(figure, "Distance (km)")["xperiod0"] == "2026-11-01"


def test_it_leaves_out_band_and_ratio_before_28_days():
    columns = week_bins(2)
    running = daily_running(
        {MONDAY: 5.0}, first=MONDAY - timedelta(days=180), last=columns.end, first_session=MONDAY
    )
    figure = draw(training(columns, 10, 20), running, context(columns))
    assert [t["name"] for t in figure["data"]] == ["Distance (km)"]
    assert figure["layout"]["shapes"] == []
    assert figure["layout"]["yaxis2"]["visible"] is False


def test_it_draws_nothing_without_runs():
    columns = week_bins(2)
    card = load.build(context(columns), training(columns), no_running(columns))
    assert card.figure is None
    assert card.needs == "session"
    assert [row[1] for row in card.table.rows] == ["0.0", "0.0"]


def test_it_lists_the_load_numbers():
    columns = week_bins(2)
    running = daily_running(
        {MONDAY - timedelta(days=40 - i): 3.0 + i % 3 for i in range(54)},
        first=MONDAY - timedelta(days=180),
        last=columns.end,
        first_session=MONDAY - timedelta(days=40),
    )
    daily = dict(load.daily_ratios(running, start=MONDAY, end=columns.end))
    table = tabulate(
        training(columns, 10, 20),
        running,
        context(columns, [flag("volume-jump", MONDAY + timedelta(weeks=1))]),
    )
    assert table.headers == ("Week of", "Distance (km)", "Ratio", "Warnings")
    # The ratio of each week's last day (a Sunday).
    assert table.rows == [
        ("2 Nov 2026", "10.0", f"{daily[date(2026, 11, 8)]:.2f}", ""),
        ("9 Nov 2026", "20.0", f"{daily[date(2026, 11, 15)]:.2f}", "volume-jump title"),
    ]


def test_it_draws_a_point_a_week_over_a_year():
    """A year of daily points was an unreadable zig-zag: a point a week, the ratio on
    its last day, centred on the week's bar."""
    columns = week_bins(52)
    first_session = MONDAY - timedelta(days=200)
    running = daily_running(
        {first_session + timedelta(days=i): float(i % 7) for i in range(200 + 364)},
        first=MONDAY - timedelta(days=180),
        last=columns.end,
        first_session=first_session,
    )
    figure = draw(training(columns, *[10] * 52), running, context(columns))
    ratio = trace(figure, "Acute:chronic ratio")
    daily = dict(load.daily_ratios(running, start=MONDAY, end=columns.end))
    bars = trace(figure, "Distance (km)")
    for key in ("x0", "dx", "xperiod", "xperiod0", "xperiodalignment"):
        assert ratio[key] == bars[key]
    assert ratio["y"] == [daily[MONDAY + timedelta(weeks=w, days=6)] for w in range(52)]


def test_it_draws_each_months_highest_weekly_ratio_over_longer_ranges():
    """Past two years the columns are months: each month's highest rolling ratio (a
    week against the average of the four weeks ending with it)."""
    columns = bins(Period.MONTH, date(2026, 1, 1), date(2026, 2, 28))
    # Weeks from the Monday 3 weeks before the range: 10 km a week, then 30 in the
    # week of 9 February.
    first_week = (date(2025, 12, 29) - date(1, 1, 1)).days // 7 - 3
    km = {first_week + i: 10.0 for i in range(13)}
    spike = (date(2026, 2, 9) - date(1, 1, 1)).days // 7
    km[spike] = 30.0
    running = RunningKm(
        period=Period.WEEK,
        week_start=0,
        first=first_week,
        last=first_week + 12,
        km=km,
        first_session=date(2025, 1, 1),
    )
    ratios = load.column_ratios(columns, running)
    # January: steady, 1.0; February: 30 against (10 + 10 + 10 + 30) / 4 = 15.
    assert ratios == [1.0, 2.0]
    figure = draw(training(columns, 40, 60), running, context(columns))
    line = trace(figure, "Acute:chronic ratio")
    assert line["y"] == [1.0, 2.0] and line["xperiod"] == "M1"
    card = load.build(context(columns), training(columns, 40, 60), running)
    assert card.table.headers[:3] == ("Month", "Distance (km)", "Highest weekly ratio")
    assert card.table.rows[1][:3] == ("Feb 2026", "60.0", "2.00")
    assert "a month" in card.intro and "highest weekly" in card.intro


def test_it_counts_the_warnings_of_a_month_in_one_marker():
    columns = bins(Period.MONTH, date(2026, 1, 1), date(2026, 2, 28))
    flags = [flag("volume-jump", date(2026, 1, d)) for d in (5, 12, 26)]
    flags.append(flag("long-run-spike", date(2026, 2, 3)))
    figure = draw(training(columns, 40, 60), no_running(columns), context(columns, flags))
    markers = trace(figure, "Warning")
    assert markers["x"] == ["2026-01-01", "2026-02-01"]
    assert "volume-jump title (3 times)" in markers["hovertext"][0]
    assert markers["xperiod"] == "M1"


@pytest.mark.parametrize(("units", "shown"), [("km", "5:06 /km"), ("mi", "8:12 /mi")])
def test_the_bars_hover_text_gives_the_weeks_average_running_pace(units, shown):
    columns = week_bins(2)
    weeks = training(columns, 10, 0)
    # 10 km of running, of which 8 km timed in 40 min 48 s: 5:06 /km.
    weeks.periods[0].paced_km, weeks.periods[0].paced_min = 8.0, 40.8
    figure = draw(weeks, no_running(columns), context(columns, [], units=units))
    bars = trace(figure, f"Distance ({units})")
    assert bars["customdata"] == [f"<br>{shown} average pace", ""]
    assert "%{customdata}" in bars["hovertemplate"]


# --- session load (?load=effort) ---------------------------------------------------


def _effort(days: dict[date, float], unrated: dict[date, int] | None = None) -> EffortLoad:
    return EffortLoad(
        shown=True,
        period=Period.DAY,
        load={day.toordinal(): au for day, au in days.items()},
        unrated={day.toordinal(): n for day, n in (unrated or {}).items()},
    )


def test_it_draws_session_load_with_each_whole_weeks_monotony_and_strain():
    columns = week_bins(3)
    # Week 1: Foster et al. 2001, Table 5 (3,400 AU, monotony 1.26); week 2: six
    # alike days and a rest day, one of them unrated; week 3: six alike days.
    table5 = [940, 50, 840 + 280, 180 + 390, 50, 390, 280]
    days = {MONDAY + timedelta(days=i): float(au) for i, au in enumerate(table5)}
    days |= {MONDAY + timedelta(days=7 + i): 300.0 for i in range(6)}
    days |= {MONDAY + timedelta(days=14 + i): 300.0 for i in range(6)}
    effort = _effort(days, unrated={MONDAY + timedelta(days=8): 1})
    ctx = context(columns, [flag("volume-jump", MONDAY + timedelta(days=14))])
    series = load.load_series(training(columns, 30, 40, 50), no_running(columns), ctx, effort)
    figure = load.load_figure(series, units="km")
    bars = trace(figure, "Session load (AU)")
    assert bars["y"] == [3400.0, 1800.0, 1800.0]
    assert trace(figure, "Warning")["y"] == [1800.0]
    assert all(t.get("name") != "Acute:chronic ratio" for t in figure["data"])
    table = load.load_table(series, units="km")
    assert table.headers == (
        "Week of",
        "Session load (AU)",
        "Distance (km)",
        "Monotony",
        "Strain",
        "Warnings and notes",
    )
    assert [row[1:] for row in table.rows] == [
        ("3,400", "30.0", "1.26", "4,270", ""),
        ("1,800", "40.0", "—", "—", "1 session without effort or time"),
        ("1,800", "50.0", "2.45", "4,409", "volume-jump title"),
    ]
    assert "population SD of the 7 days, rest days as 0" in table.caption


def test_it_gives_no_monotony_for_a_week_not_over_or_without_variation():
    columns = week_bins(2)
    current = bins(Period.WEEK, MONDAY, MONDAY + timedelta(days=10))  # today: a Thursday
    alike = {MONDAY + timedelta(days=i): 200.0 for i in range(7)}
    series = load.load_series(
        training(current, 0, 0), no_running(current), context(current), _effort(alike)
    )
    table = load.load_table(series, units="km")
    assert [row[3:5] for row in table.rows] == [("—", "—"), ("—", "—")]
    assert load.load_figure(series, units="km") is not None
    empty = load.load_series(training(columns), no_running(columns), context(columns), _effort({}))
    assert load.load_figure(empty, units="km") is None


def test_it_sums_session_load_by_month_without_monotony():
    columns = bins(Period.MONTH, date(2026, 1, 1), date(2026, 2, 28))
    effort = EffortLoad(
        True, Period.MONTH, {columns.first_index: 500.0, columns.first_index + 1: 700.0}
    )
    card = load.build(context(columns), training(columns, 0, 0), no_running(columns), effort)
    assert card.table.headers[:3] == ("Month", "Session load (AU)", "Distance (km)")
    assert "Monotony" not in card.table.headers
    assert [row[1] for row in card.table.rows] == ["500", "700"]
    assert card.intro.startswith("Session load a month")


def test_it_says_where_monotony_is_in_the_session_load_view():
    weekly = week_bins(2)
    effort = _effort({MONDAY: 300.0})
    card = load.build(context(weekly), training(weekly), no_running(weekly), effort)
    assert card.intro.endswith("Each week's monotony and strain are in the numbers.")
    months = bins(Period.MONTH, date(2026, 1, 1), date(2026, 2, 28))
    by_month = EffortLoad(True, Period.MONTH, {months.first_index: 500.0})
    card = load.build(context(months), training(months), no_running(months), by_month)
    assert card.intro.endswith("choose a shorter range to see them.")
