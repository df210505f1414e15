"""tracker.charts: series in, figures out. No database, no request."""

from __future__ import annotations

import json
from datetime import date, timedelta

import plotly.graph_objects as go
import pytest

from advice import Flag, Grade, Severity, Source
from tracker import charts
from tracker.charts import (
    DashboardSeries,
    RunConditions,
    ShoeWear,
    SorenessDay,
    WeekTraining,
)

MONDAY = date(2026, 11, 2)
SOURCE = Source("doc.txt", "a quote")


def flag(rule: str, start: date, end: date | None = None, **fields) -> Flag:
    values = {
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


def weeks_of(*km: float, first: date = MONDAY) -> list[WeekTraining]:
    return [
        WeekTraining(start=first + timedelta(weeks=i), days=7, run_km=value, runs=int(value > 0))
        for i, value in enumerate(km)
    ]


def trace(figure: go.Figure, name: str):
    [found] = [t for t in figure.data if t.name == name]
    return found


def every_figure_kind() -> list[go.Figure]:
    """One figure of each kind with every optional part present: markers, band,
    outlines, weekly soreness cells, hatched concrete, hidden retired pairs."""
    weeks = weeks_of(10, 20, 30)
    for week in weeks:
        week.km_by_surface = {surface: 1.0 for surface in charts.SURFACE_ORDER}
        week.warmup_recorded = week.warmup_done = 1
    end = MONDAY + timedelta(days=20)
    ratios = [(MONDAY + timedelta(days=i), 1.0) for i in range(21)]
    flags = [
        flag("volume-jump", MONDAY + timedelta(weeks=1)),
        flag("pain-persisting", MONDAY, MONDAY + timedelta(days=6), subject="calf left"),
    ]
    days = [SorenessDay(MONDAY + timedelta(days=i), "calf", "left", i) for i in range(7)]
    shoes = [
        ShoeWear(1, "Grey pair", False, 600, 540.0, 100.0),
        ShoeWear(2, "Old pair", True, 650, 700.0, 0.0),
    ]
    return [
        charts.weekly_load_figure(weeks, ratios, flags, units="km", week_start=0, end=end),
        charts.soreness_figure(
            charts.soreness_grid(days, start=MONDAY, end=end, week_start=0), flags
        ),
        charts.soreness_figure(
            charts.soreness_grid(days, start=MONDAY - timedelta(days=500), end=end, week_start=0),
            flags,
        ),
        charts.surfaces_figure(weeks, units="km", end=end),
        charts.shoes_figure(shoes, units="km", range_label="12 weeks"),
        charts.habits_figure(weeks, end=end),
    ]


@pytest.mark.parametrize("figure", every_figure_kind(), ids=lambda f: f.data[0].type)
def test_it_builds_figures_plotly_accepts_and_json_can_carry(figure):
    data = charts.figure_json(figure)
    # The page skips plotly's schema check for speed; here every property is checked.
    go.Figure(data)
    # json_script uses Django's encoder; plain json proves there is no numpy in it.
    assert json.loads(json.dumps(data)) == data


def test_it_would_catch_a_misspelt_property():
    with pytest.raises(ValueError, match="colour"):
        go.Figure({"data": [{"type": "bar", "marker": {"colour": "red"}}]})


# --- ranges -------------------------------------------------------------------


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
    today = date(2026, 11, 20)  # a Friday
    window = charts.chart_range(key, today=today, week_start=week_start, first_day=date(2020, 3, 4))
    assert window.start == start
    assert window.end == today
    assert window.key == (key if key in {"12w", "6m", "1y", "all"} else "12w")


def test_it_starts_all_on_this_week_with_an_empty_log():
    window = charts.chart_range("all", today=date(2026, 11, 20), week_start=0, first_day=None)
    assert window.start == date(2026, 11, 16)


# --- 1. weekly load -------------------------------------------------------------


def test_it_hides_the_ratio_before_28_days_of_history_and_settles_at_one():
    first = date(2026, 1, 1)
    daily = [(first + timedelta(days=i), 5.0) for i in range(200)]
    ratios = charts.acute_chronic_series(
        daily,
        origin=first,
        start=first,
        end=first + timedelta(days=199),
        first_session=first,
    )
    assert len(ratios) == 200
    assert all(ratio is None for _, ratio in ratios[:28])
    assert ratios[28][1] is not None
    # The same distance every day: acute and chronic load agree in the end.
    assert ratios[-1][1] == pytest.approx(1.0, abs=0.01)


def test_it_has_no_ratio_without_any_running():
    ratios = charts.acute_chronic_series(
        [], origin=MONDAY, start=MONDAY, end=MONDAY + timedelta(days=6), first_session=None
    )
    assert [ratio for _, ratio in ratios] == [None] * 7


def test_it_draws_weekly_bars_in_the_runners_units_with_band_and_markers():
    weeks = weeks_of(10, 20, 16.09344)
    end = MONDAY + timedelta(days=20)
    ratios = [(MONDAY + timedelta(days=i), None if i < 10 else 1.1) for i in range(21)]
    flags = [
        flag("volume-jump", MONDAY + timedelta(weeks=1), title="Weekly distance <jumped>"),
        flag("long-run-spike", MONDAY + timedelta(days=10), subject="2026-11-12"),
        flag("pain-persisting", MONDAY, subject="calf left"),  # not a load marker
    ]
    figure = charts.weekly_load_figure(weeks, ratios, flags, units="mi", week_start=0, end=end)

    bars = trace(figure, "Distance (mi)")
    assert list(bars.x) == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert list(bars.y) == [6.21, 12.43, 10.0]
    assert figure.layout.yaxis.title.text == "Distance (mi)"

    ratio = trace(figure, "Acute:chronic ratio")
    assert ratio.yaxis == "y2"
    assert list(ratio.y[:10]) == [None] * 10
    [band] = figure.layout.shapes
    assert (band.yref, band.y0, band.y1) == ("y2", 0.8, 1.3)
    assert band.x0 == "2026-11-12"  # from the first day the ratio is shown

    markers = trace(figure, "Warning")
    assert list(markers.x) == ["2026-11-09"]  # both flags fall in the same week
    assert list(markers.y) == [12.43]  # on top of that week's bar
    [hover] = markers.hovertext
    # Flag titles are text, not markup: plotly would drop an unknown <jumped> tag.
    assert "Weekly distance &lt;jumped&gt;" in hover
    assert "long-run-spike title" in hover


def test_it_puts_markers_in_sunday_weeks_for_a_sunday_runner():
    sunday = date(2026, 11, 1)
    weeks = weeks_of(10, 20, first=sunday)
    spike = flag("long-run-spike", date(2026, 11, 14))  # a Saturday: the first week
    figure = charts.weekly_load_figure(
        weeks, [], [spike], units="km", week_start=6, end=sunday + timedelta(days=13)
    )
    assert list(trace(figure, "Warning").x) == ["2026-11-08"]
    assert trace(figure, "Distance (km)").xperiod0 == "2026-11-01"


def test_it_leaves_out_band_and_ratio_before_28_days():
    weeks = weeks_of(10, 20)
    ratios = [(MONDAY + timedelta(days=i), None) for i in range(14)]
    figure = charts.weekly_load_figure(
        weeks, ratios, [], units="km", week_start=0, end=MONDAY + timedelta(days=13)
    )
    assert [t.name for t in figure.data] == ["Distance (km)"]
    assert figure.layout.shapes == ()


def test_it_draws_an_empty_load_chart_from_empty_series():
    figure = charts.weekly_load_figure([], [], [], units="km", week_start=0, end=MONDAY)
    [bars] = figure.data
    assert list(bars.x) == []
    assert figure.layout.shapes == ()


def test_it_lists_the_load_numbers():
    weeks = weeks_of(10, 20)
    ratios = [(MONDAY + timedelta(days=i), 1.0 + i / 100) for i in range(14)]
    table = charts.weekly_load_table(
        weeks, ratios, [flag("volume-jump", MONDAY + timedelta(weeks=1))], units="km", week_start=0
    )
    assert table.headers == ("Week of", "Distance (km)", "Ratio", "Warnings")
    assert table.rows == [
        ("2 Nov 2026", "10.0", "1.06", ""),
        ("9 Nov 2026", "20.0", "1.13", "volume-jump title"),
    ]


# --- 2. soreness ----------------------------------------------------------------


def test_it_leaves_days_without_a_check_in_blank_and_shows_zero_as_zero():
    days = [
        SorenessDay(MONDAY, "calf", "left", 4),
        SorenessDay(MONDAY + timedelta(days=2), "calf", "left", 0),
        SorenessDay(MONDAY + timedelta(days=1), "knee", "both", 2),
    ]
    grid = charts.soreness_grid(days, start=MONDAY, end=MONDAY + timedelta(days=3), week_start=0)
    figure = charts.soreness_figure(grid, [])
    heatmap = figure.data[0]
    assert list(heatmap.y) == ["Calf left", "Knee both sides"]
    assert [list(row) for row in heatmap.z] == [[4, None, 0, None], [None, 2, None, None]]
    assert heatmap.x[0] == "2026-11-02 12:00:00"  # mid-cell: its edges on midnights
    # The colour key: a legend entry a band, 0 in its own colour.
    assert [t.name for t in figure.data[1:]] == ["0 (gone)", "1-3", "4-6", "7-10"]


def test_it_outlines_a_pain_persisting_episode_on_its_row():
    days = [SorenessDay(MONDAY + timedelta(days=i), "calf", "left", 4) for i in range(7)]
    days.append(SorenessDay(MONDAY, "calf", "right", 2))
    episode = flag(
        "pain-persisting",
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=6),
        subject="calf left",
    )
    grid = charts.soreness_grid(days, start=MONDAY, end=MONDAY + timedelta(days=9), week_start=0)
    figure = charts.soreness_figure(grid, [episode])
    [outline] = figure.layout.shapes
    assert (outline.y0, outline.y1) == (-0.5, 0.5)  # row 0: calf left
    assert outline.x0 == "2026-11-03 00:00:00"
    assert outline.x1 == "2026-11-09 00:00:00"  # the end of the episode's last day


def test_it_shows_soreness_by_week_over_long_ranges():
    start = date(2025, 1, 1)  # a Wednesday
    days = [SorenessDay(date(2025, 1, 6), "shin", "right", 3)]
    days.append(SorenessDay(date(2025, 1, 8), "shin", "right", 5))
    grid = charts.soreness_grid(days, start=start, end=date(2026, 6, 1), week_start=0)
    assert grid.weekly
    assert grid.bins[0] == date(2024, 12, 30)  # the Monday of the first week
    assert grid.z[0][1] == 5  # the worst of the week of 6 January
    assert charts.soreness_table(grid).rows == [("6 Jan 2025", "Shin right", "5")]


def test_it_escapes_markup_in_soreness_labels():
    days = [SorenessDay(MONDAY, "other", "left", 3)]
    grid = charts.soreness_grid(days, start=MONDAY, end=MONDAY, week_start=0)
    assert charts.soreness_figure(grid, []).data[0].y == ("Other left",)


# --- 3. surfaces ----------------------------------------------------------------


def test_it_stacks_surfaces_with_hard_ones_in_the_warning_colour():
    weeks = weeks_of(15, 8)
    weeks[0].km_by_surface = {"asphalt": 10.0, "trail": 5.0}
    weeks[1].km_by_surface = {"concrete": 3.0, "": 5.0}
    figure = charts.surfaces_figure(weeks, units="km", end=MONDAY + timedelta(days=13))
    assert figure.layout.barmode == "stack"
    assert [t.name for t in figure.data] == ["Asphalt", "Concrete", "Trail", "Not recorded"]
    assert list(trace(figure, "Asphalt").y) == [10.0, 0.0]
    assert trace(figure, "Asphalt").marker.color == charts.WARNING
    assert trace(figure, "Concrete").marker.color == charts.WARNING
    assert trace(figure, "Trail").marker.color != charts.WARNING
    table = charts.surfaces_table(weeks, units="km")
    assert table.headers == ("Week of", "Asphalt", "Concrete", "Trail", "Not recorded")
    assert table.rows[1] == ("9 Nov 2026", "0.0", "3.0", "0.0", "5.0")


# --- 4. shoes -------------------------------------------------------------------


def test_it_draws_each_pair_against_its_limit_with_retired_pairs_hidden():
    shoes = [
        ShoeWear(1, "<script>alert(1)</script>", False, 600, 540.0, 100.0),
        ShoeWear(2, "Grey pair", False, 800, 100.0, 100.0),
        ShoeWear(3, "Old pair", True, 650, 700.0, 0.0),
    ]
    figure = charts.shoes_figure(shoes, units="km", range_label="12 weeks")
    before = trace(figure, "Before")
    assert list(before.y) == ["&lt;script&gt;alert(1)&lt;/script&gt;", "Grey pair"]
    assert list(before.x) == [440.0, 0.0]
    assert list(trace(figure, "Last 12 weeks").x) == [100.0, 100.0]
    marks = [t for t in figure.data if t.name in ("90% of limit", "Limit")]
    shown = [t for t in marks if t.visible is not False]
    assert [list(t.x) for t in shown] == [[540.0, 720.0], [600.0, 800.0]]
    retired = [t for t in figure.data if t.meta == charts.HIDDEN]
    assert retired and all(t.visible is False for t in retired)
    assert {tuple(t.y) for t in retired} == {("Old pair",)}


def test_it_lists_shoes_in_miles():
    shoes = [ShoeWear(1, "Grey pair", False, 800, 160.9344, 16.09344)]
    table = charts.shoes_table(shoes, units="mi")
    assert table.rows == [("Grey pair", "in use", "90", "10", "100", "497", "20%")]


# --- 5. habits ------------------------------------------------------------------


def test_it_shows_habit_shares_and_rest_days():
    weeks = weeks_of(20, 0)
    weeks[0].runs, weeks[0].run_days = 4, 3
    weeks[0].warmup_recorded, weeks[0].warmup_done = 4, 1
    weeks[1].days = 3  # the current week, up to today
    figure = charts.habits_figure(weeks, end=MONDAY + timedelta(days=9))
    assert list(trace(figure, "Rest days").y) == [4, 3]
    assert list(trace(figure, "Runs with a warm-up").y) == [25, None]
    assert list(trace(figure, "Runs with a cool-down").y) == [None, None]  # not recorded
    assert charts.habits_table(weeks).rows[0] == ("2 Nov 2026", "4", "4", "25% (1 of 4)", "—")


# --- 6. what comes before pain --------------------------------------------------


def test_it_finds_what_comes_before_pain():
    grey = 7
    runs = []
    pain = []
    day = date(2026, 6, 1)
    # Nine asphalt runs in the grey pair, six followed by knee pain within two days.
    for i in range(9):
        runs.append(RunConditions(day, grey, "asphalt", "flat", 1))
        if i < 6:
            pain.append((day + timedelta(days=2), "knee"))
        day += timedelta(days=5)
    # Nine trail runs in another pair, none followed by pain.
    for _ in range(9):
        runs.append(RunConditions(day, 8, "trail", "hilly", 1))
        day += timedelta(days=5)
    patterns = charts.pain_patterns(
        runs, pain, shoe_names={grey: "the grey pair", 8: "Trail pair"}, last_day=day
    )
    top = patterns[0]
    assert top.sentence == "Knee pain follows 6 of 9 asphalt runs in the grey pair"
    assert (top.overall_followed, top.overall_runs) == (6, 18)
    # The pair, asphalt and flat cover the same nine runs: said once, most precisely.
    assert [p.condition for p in patterns] == ["asphalt runs in the grey pair"]
    table = charts.pain_table(patterns, runs=18, pain=6)
    assert table.rows[0][1:] == ("67%", "33% (6 of 18)")


def test_it_waits_two_days_before_counting_a_run_and_needs_enough_runs():
    today = date(2026, 6, 30)
    runs = [RunConditions(today - timedelta(days=i), None, "sand", "", 1) for i in range(7)]
    pain = [(today, "calf")]
    # Only the runs of 30 June - 2 days and before count: 5 runs, one followed by pain.
    assert charts.pain_patterns(runs, pain, shoe_names={}, last_day=today) == []
    table = charts.pain_table([], runs=2, pain=0)
    assert table.rows == [] and "at least 5 runs" in table.empty


# --- the dashboard --------------------------------------------------------------


def test_it_has_nothing_to_draw_for_an_empty_log():
    window = charts.chart_range(None, today=MONDAY, week_start=0, first_day=None)
    series = DashboardSeries(
        weeks=[WeekTraining(start=MONDAY, days=1)],
        daily_run_km=[],
        ratio_origin=MONDAY - timedelta(days=180),
        first_session=None,
        soreness=[],
        shoes=[],
        runs=[],
        pain_days=[],
    )
    figures, pain = charts.dashboard_charts(series, [], window=window, units="km", week_start=0)
    assert [c.key for c in figures] == ["load", "soreness", "surfaces", "shoes", "habits"]
    assert all(c.figure is None for c in figures)
    assert {c.needs for c in figures} == {"session", "soreness", "shoe"}
    assert pain.rows == [] and pain.empty
