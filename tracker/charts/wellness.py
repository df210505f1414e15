"""Wellness: the daily check's Hooper index (sleep + fatigue + stress + soreness,
4-28, higher is worse), its average and its worst day a period."""

from __future__ import annotations

from typing import Any

from advice.i18n import N_, Text, concat
from advice.instruments import HOOPER_INDEX_MAX, HOOPER_INDEX_MIN, HOOPER_ITEMS
from tracker.charts.load import BARS
from tracker.charts.plot import (
    LIGHT,
    PRIMARY,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    layout,
    num,
    period_axis,
    trace,
)
from tracker.charts.series import WellnessSeries


def wellness_figure(series: WellnessSeries) -> dict[str, Any] | None:
    bins = series.bins
    if not series.periods:
        return None
    average: list[float | None] = [None] * len(bins)
    worst: list[int | None] = [None] * len(bins)
    for period in series.periods:
        column = bins.column(period.start)
        average[column], worst[column] = round(period.index, 1), period.worst
    return figure(
        [
            trace(
                "scatter",
                mode="lines+markers",
                name=Text("Average"),
                y=average,
                line={"color": PRIMARY},
                hovertemplate=concat(
                    bins.hover_x(capital=True),
                    "<br>",
                    Text("average {value}/28", value="%{y:.1f}"),
                    "<extra></extra>",
                ),
                **bins.points(),
            ),
            trace(
                "scatter",
                mode="markers",
                name=Text("Worst day"),
                y=worst,
                marker={"color": LIGHT, "symbol": "triangle-up"},
                hovertemplate=concat(
                    bins.hover_x(capital=True),
                    "<br>",
                    Text("worst day {value}/28", value="%{y}"),
                    "<extra></extra>",
                ),
                **bins.points(),
            ),
        ],
        layout(
            xaxis=period_axis(bins),
            yaxis={
                "title": {"text": N_("Hooper index (lower is better)")},
                "range": [HOOPER_INDEX_MIN - 1, HOOPER_INDEX_MAX + 1],
                "fixedrange": True,
            },
        ),
    )


def wellness_table(series: WellnessSeries) -> Table:
    bins = series.bins
    return Table(
        caption=Text(
            "The daily wellness check {a_noun}: each rating averaged (1-7, lower is better), "
            "the Hooper index averaged and its worst day (4-28).",
            a_noun=bins.a_noun,
        ),
        headers=(
            bins.heading,
            N_("Checks"),
            *(item.label for item in HOOPER_ITEMS),
            N_("Index (average)"),
            N_("Worst day"),
        ),
        rows=[
            (
                bins.label(bins.column(p.start)),
                str(p.checks),
                num(p.sleep),
                num(p.fatigue),
                num(p.stress),
                num(p.soreness),
                num(p.index),
                str(p.worst),
            )
            for p in series.periods
        ],
        empty=N_("No wellness checks in this range."),
    )


def build(context: ChartContext, series: WellnessSeries) -> Card:
    return Card(
        key="wellness",
        title=N_("Wellness"),
        intro=N_(
            "The daily check of sleep, fatigue, stress and muscle soreness (Hooper & "
            "Mackinnon 1995), added up: 4 is the best, 28 the worst. What matters is your own "
            "usual level, not anyone else's."
        ),
        figure=wellness_figure(series),
        table=wellness_table(series),
        needs="soreness",
    )


CHART = ChartSpec(key="wellness", build=build, periods=BARS)
