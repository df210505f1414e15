"""tracker.charts.soreness: the heatmap of the worst check-in a period."""

from __future__ import annotations

from datetime import date, timedelta

from chart_builders import MONDAY, bins, context, flag

from tracker.charts import soreness
from tracker.charts.periods import Bins, Period
from tracker.charts.series import SorenessCell, SorenessSeries


def series(columns: Bins, *cells: SorenessCell) -> SorenessSeries:
    rows = tuple(dict.fromkeys((c.area, c.side) for c in cells))
    return SorenessSeries(bins=columns, rows=rows, cells=list(cells))


def test_it_leaves_days_without_a_check_in_blank_and_shows_zero_as_zero():
    columns = bins(Period.DAY, MONDAY, MONDAY + timedelta(days=3))
    grid = soreness.soreness_grid(
        series(
            columns,
            SorenessCell(MONDAY, "calf", "left", 4),
            SorenessCell(MONDAY + timedelta(days=2), "calf", "left", 0),
            SorenessCell(MONDAY + timedelta(days=1), "knee", "both", 2),
        )
    )
    figure = soreness.soreness_figure(grid, [])
    heatmap = figure["data"][0]
    assert heatmap["y"] == ["Calf left", "Knee both sides"]
    assert heatmap["z"] == [[4, None, 0, None], [None, 2, None, None]]
    assert heatmap["x"][0] == "2026-11-02 12:00:00"  # mid-cell: its edges on midnights
    # The colour key: a legend entry a band, 0 in its own colour.
    assert [t["name"] for t in figure["data"][1:]] == ["0 (gone)", "1-3", "4-6", "7-10"]


def test_it_outlines_a_pain_persisting_episode_on_its_row():
    columns = bins(Period.DAY, MONDAY, MONDAY + timedelta(days=9))
    cells = [SorenessCell(MONDAY + timedelta(days=i), "calf", "left", 4) for i in range(7)]
    cells.append(SorenessCell(MONDAY, "calf", "right", 2))
    episode = flag(
        "pain-persisting",
        MONDAY + timedelta(days=1),
        MONDAY + timedelta(days=6),
        subject="calf left",
    )
    figure = soreness.soreness_figure(soreness.soreness_grid(series(columns, *cells)), [episode])
    [outline] = figure["layout"]["shapes"]
    assert (outline["y0"], outline["y1"]) == (-0.5, 0.5)  # row 0: calf left
    assert outline["x0"] == "2026-11-03 00:00:00"
    assert outline["x1"] == "2026-11-09 00:00:00"  # the end of the episode's last day


def test_it_outlines_the_whole_months_of_an_episode_over_long_ranges():
    columns = bins(Period.MONTH, date(2025, 1, 1), date(2026, 6, 1))
    cells = [SorenessCell(date(2025, 3, 1), "shin", "right", 5)]
    episode = flag("pain-persisting", date(2025, 3, 25), date(2025, 4, 3), subject="shin right")
    figure = soreness.soreness_figure(soreness.soreness_grid(series(columns, *cells)), [episode])
    [outline] = figure["layout"]["shapes"]
    assert (outline["x0"], outline["x1"]) == ("2025-03-01 00:00:00", "2025-05-01 00:00:00")
    heatmap = figure["data"][0]
    assert heatmap["xperiod"] == "M1" and heatmap["x"][2] == "2025-03-01"
    assert "%{x|%b %Y}" in heatmap["hovertemplate"]


def test_it_shows_soreness_by_week_in_a_table_a_row_a_week():
    columns = bins(Period.WEEK, date(2025, 1, 1), date(2025, 6, 1))  # from a Wednesday
    grid = soreness.soreness_grid(
        series(
            columns,
            SorenessCell(date(2025, 1, 6), "shin", "right", 5),
            SorenessCell(date(2025, 1, 6), "calf", "left", 2),
            SorenessCell(date(2025, 2, 3), "calf", "left", 0),
        )
    )
    assert grid.bins.firsts[0] == date(2024, 12, 30)  # the Monday of the first week
    table = soreness.soreness_table(grid)
    assert table.headers == ("Week of", "Shin right", "Calf left")
    # A row a week with a check-in, a column an area and side; blank: no check-in.
    assert table.rows == [("6 Jan 2025", "5", "2"), ("3 Feb 2025", "", "0")]


def test_it_escapes_markup_in_soreness_labels():
    columns = bins(Period.DAY, MONDAY, MONDAY)
    grid = soreness.soreness_grid(series(columns, SorenessCell(MONDAY, "other", "left", 3)))
    assert soreness.soreness_figure(grid, [])["data"][0]["y"] == ["Other left"]


def test_it_has_nothing_to_draw_without_check_ins():
    columns = bins(Period.DAY, MONDAY, MONDAY + timedelta(days=6))
    card = soreness.build(context(columns), series(columns))
    assert card.figure is None and card.needs == "soreness" and card.table.rows == []
