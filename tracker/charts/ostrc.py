"""Overuse problems: the weekly OSTRC-O2 severity score (0-100) of each area, the
highest of a period; the weeks that were a substantial problem marked."""

from __future__ import annotations

from typing import Any

from advice.i18n import N_, Text, concat
from advice.instruments import SEVERITY_MAX
from tracker.charts.load import BARS
from tracker.charts.plot import (
    MUTED,
    PRIMARY,
    PURPLE,
    SUCCESS,
    WARNING_EDGE,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    layout,
    period_axis,
    trace,
)
from tracker.charts.series import OstrcSeries
from tracker.models import Area

_COLOURS = (PRIMARY, PURPLE, SUCCESS, WARNING_EDGE, MUTED)
_LABELS = dict(Area.choices)


def ostrc_figure(series: OstrcSeries) -> dict[str, Any] | None:
    bins = series.bins
    if not series.cells:
        return None
    traces = []
    for i, area in enumerate(series.areas):
        y: list[int | None] = [None] * len(bins)
        symbols = ["circle"] * len(bins)
        for cell in series.cells:
            if cell.area == area:
                column = bins.column(cell.start)
                y[column] = cell.severity
                symbols[column] = "x" if cell.substantial else "circle"
        label = str(_LABELS.get(area, area))
        traces.append(
            trace(
                "scatter",
                mode="lines+markers",
                name=label,
                y=y,
                line={"color": _COLOURS[i % len(_COLOURS)]},
                marker={"symbol": symbols, "size": 9},
                hovertemplate=concat(
                    f"{label}, ",
                    bins.hover_x(),
                    "<br>",
                    Text("severity"),
                    " %{y}/100<extra></extra>",
                ),
                **bins.points(),
            )
        )
    return figure(
        traces,
        layout(
            xaxis=period_axis(bins),
            yaxis={
                "title": {"text": N_("Severity (0-100)")},
                "range": [-5, SEVERITY_MAX + 5],
                "fixedrange": True,
            },
        ),
    )


def ostrc_table(series: OstrcSeries) -> Table:
    bins = series.bins
    labels = [str(_LABELS.get(a, a)) for a in series.areas]
    by_column: dict[int, dict[str, str]] = {}
    for cell in series.cells:
        shown: str = (
            Text("{severity} (substantial)", severity=cell.severity)
            if cell.substantial
            else str(cell.severity)
        )
        by_column.setdefault(bins.column(cell.start), {})[cell.area] = shown
    return Table(
        caption=Text(
            "The highest OSTRC-O2 severity score (0-100) {a_noun} for each area; "
            "'substantial': training or performance reduced to a moderate extent or more, or "
            "no participation at all.",
            a_noun=bins.a_noun,
        ),
        headers=(bins.heading, *labels),
        rows=[
            (bins.label(column), *(cells.get(a, "—") for a in series.areas))
            for column, cells in sorted(by_column.items())
        ],
        empty=N_("No weekly questionnaires in this range."),
    )


def build(context: ChartContext, series: OstrcSeries) -> Card:
    return Card(
        key="ostrc",
        title=N_("Overuse problems (weekly questions)"),
        intro=N_(
            "The OSTRC-O2 severity score of each area that hurt, from your answers on the "
            "first day of each week (Clarsen et al. 2013, 2020): 0 no problem, 100 could not "
            "take part. A cross marks a substantial problem."
        ),
        figure=ostrc_figure(series),
        table=ostrc_table(series),
        needs="soreness",
    )


CHART = ChartSpec(key="ostrc", build=build, periods=BARS)
