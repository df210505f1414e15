"""Every kind of figure, with every optional part, against plotly's own schema.

The charts build plain dicts and the page hands them to plotly.js unchecked (plotly.py
objects validate and deep-copy every property, which cost more than the rest of the
charts). The figures' shape does not depend on the runner's data, so checking each
kind here, at every period, catches a misspelt property before a runner would.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import plotly.graph_objects as go
import pytest
from chart_builders import MONDAY, bins, context, daily_running, flag, training

from tracker.charts import habits, load, ostrc, shoes, soreness, surfaces, wellness
from tracker.charts.periods import Bins, Period
from tracker.charts.series import (
    EffortLoad,
    OstrcCell,
    OstrcSeries,
    RunningKm,
    ShoeWear,
    SorenessCell,
    SorenessSeries,
    WellnessPeriod,
    WellnessSeries,
)

END = MONDAY + timedelta(days=20)
FLAGS = [
    flag("volume-jump", MONDAY + timedelta(weeks=1)),
    flag("pain-persisting", MONDAY, MONDAY + timedelta(days=6), subject="calf left"),
]


def _running(columns: Bins) -> RunningKm:
    if columns.period in (Period.DAY, Period.WEEK):
        first = columns.start - timedelta(days=400)
        return daily_running(
            {first + timedelta(days=i): 5.0 + i % 4 for i in range(0, 500, 2)},
            first=first,
            last=columns.end,
            first_session=first,
        )
    first_week = (columns.start - date(1, 1, 1)).days // 7 - 3
    last_week = (columns.end - date(1, 1, 1)).days // 7
    return RunningKm(
        period=Period.WEEK,
        week_start=0,
        first=first_week,
        last=last_week,
        km={w: 10.0 + w % 3 for w in range(first_week, last_week + 1)},
        first_session=date(2000, 1, 1),
    )


def _effort(columns: Bins) -> EffortLoad:
    """Session load on the first day of every column (by day for weekly columns)."""
    if columns.period is Period.WEEK:
        return EffortLoad(True, Period.DAY, {f.toordinal(): 300.0 for f in columns.firsts})
    numbers = range(columns.first_index, columns.first_index + len(columns))
    return EffortLoad(True, columns.period, dict.fromkeys(numbers, 300.0))


def _figures(columns: Bins) -> list[dict[str, Any]]:
    every_surface = ("asphalt", "concrete", "track", "treadmill", "trail", "grass", "sand", "")
    weeks = training(columns, *[10.0 + i for i in range(len(columns))], surfaces=every_surface)
    for period in weeks.periods:
        period.km_by_surface = dict.fromkeys(every_surface, 1.0)
        period.warmup_recorded = period.warmup_done = 1
        period.run_days = 1
    cells = [SorenessCell(first, "calf", "left", i % 11) for i, first in enumerate(columns.firsts)]
    cells.append(SorenessCell(columns.firsts[0], "knee", "both", 3))
    sore = SorenessSeries(bins=columns, rows=(("calf", "left"), ("knee", "both")), cells=cells)
    flags = [
        flag("volume-jump", columns.start),
        flag("pain-persisting", columns.start, columns.end, subject="calf left"),
    ]
    ctx = context(columns, flags)
    out = [
        load.load_figure(load.load_series(weeks, _running(columns), ctx), units="km"),
        soreness.soreness_figure(soreness.soreness_grid(sore), flags),
        surfaces.surfaces_figure(weeks, units="km"),
        habits.habits_figure(weeks),
        load.load_figure(
            load.load_series(weeks, _running(columns), ctx, _effort(columns)), units="km"
        ),
        wellness.wellness_figure(
            WellnessSeries(
                columns,
                [
                    WellnessPeriod(first, 5, 2.0, 3.0, 2.5, 4.0, 11.5, 14 + i % 5)
                    for i, first in enumerate(columns.firsts)
                ],
            )
        ),
        ostrc.ostrc_figure(
            OstrcSeries(
                columns,
                ("calf", "knee"),
                [
                    *(
                        OstrcCell(first, "calf", (i * 17) % 101, i % 3 == 0)
                        for i, first in enumerate(columns.firsts)
                    ),
                    OstrcCell(columns.firsts[0], "knee", 100, True),
                ],
            )
        ),
    ]
    return [figure for figure in out if figure is not None]


COLUMNS = [
    bins(Period.DAY, MONDAY, END),
    bins(Period.WEEK, MONDAY, END),
    bins(Period.WEEK, MONDAY - timedelta(weeks=51), END),  # rolling habits, weekly ratio
    bins(Period.MONTH, date(2020, 1, 15), END),
    bins(Period.QUARTER, date(2010, 1, 15), END),
    bins(Period.YEAR, date(1900, 1, 1), END),
]
FIGURES = [
    pytest.param(figure, id=f"{columns.period}-{len(columns)}-{figure['data'][0]['type']}-{i}")
    for columns in COLUMNS
    for i, figure in enumerate(_figures(columns))
]
SHOES = [
    ShoeWear(1, "Grey pair", False, 600, 540.0, 100.0),
    ShoeWear(2, "Old pair", True, 650, 700.0, 0.0),
]
FIGURES.append(
    pytest.param(shoes.shoes_figure(SHOES, units="km", range_label="12 weeks"), id="shoes")
)


@pytest.mark.parametrize("figure", FIGURES)
def test_it_builds_figures_plotly_accepts_and_json_can_carry(figure):
    go.Figure(figure)  # raises on any property plotly does not know
    # json_script uses Django's encoder; plain json proves there is nothing else in it.
    assert json.loads(json.dumps(figure)) == figure


def test_it_checks_every_trace_kind_the_dashboard_draws():
    kinds = {t["type"] for p in FIGURES for t in p.values[0]["data"]}
    assert kinds == {"bar", "scatter", "heatmap"}
    assert len(FIGURES) == 7 * len(COLUMNS) + 1


def test_it_would_catch_a_misspelt_property():
    with pytest.raises(ValueError, match="colour"):
        go.Figure({"data": [{"type": "bar", "marker": {"colour": "red"}}]})
