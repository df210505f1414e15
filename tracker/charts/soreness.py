"""Soreness: a heatmap of the worst check-in a period by area and side.

A column a day over short ranges; past that a column a week, a month, a quarter or
a year, so that the heatmap keeps at most HEATMAP.max_columns columns: on a phone
the plot is about 170 px wide, and 181 day cells with a gap between them were under
a pixel each (the chart showed empty).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from advice import Flag
from advice.i18n import N_, Text, concat
from advice.wording import area_label
from tracker.charts.periods import Bins, Period, PeriodRule
from tracker.charts.plot import (
    DANGER,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    iso,
    layout,
    trace,
)
from tracker.charts.series import SorenessSeries

HEATMAP = PeriodRule(Period.DAY, max_columns=130)
PAIN_EPISODE_RULE = "pain-persisting"
# Severity in four steps, each named in the legend: plotly's continuous colour bar
# sets an empty style="" attribute, which our Content-Security-Policy refuses.
SEVERITY_BANDS: tuple[tuple[int, int, str, str], ...] = (
    (0, 0, N_("0 (gone)"), "#d1e7dd"),
    (1, 3, "1-3", "#ffe69c"),
    (4, 6, "4-6", "#fd7e14"),
    (7, 10, "7-10", "#842029"),
)


def _severity_scale() -> list[list[float | str]]:
    """A stepped colour scale for z from -0.5 to 10.5: severity ``v`` sits at
    (v + 0.5) / 11, so a band from ``low`` to ``high`` spans low/11 to (high + 1)/11
    and two stops at the same place make a hard step."""
    scale: list[list[float | str]] = []
    for low, high, _label, colour in SEVERITY_BANDS:
        scale.append([low / 11, colour])
        scale.append([(high + 1) / 11, colour])
    return scale


SEVERITY_SCALE = _severity_scale()


def area_side_label(area: str, side: str) -> Text:
    """ "Calf left", "Knee both sides": advice's area label, in the page's language."""
    return cast(Text, area_label(area, side)).capitalised()


def _parse_subject(subject: str) -> tuple[str, str | None]:
    """advice's "calf left" / "knee" subjects as (area, side or None)."""
    area, _, side = subject.partition(" ")
    return area, side if side in ("left", "right") else None


def _stamp(day: date, plus: timedelta = timedelta()) -> str:
    return (datetime(day.year, day.month, day.day) + plus).isoformat(sep=" ")


@dataclass(frozen=True)
class SorenessGrid:
    """The heatmap's cells: a row an area and side, a column a period."""

    bins: Bins
    rows: list[tuple[str, str]]  # (area, side)
    z: list[list[int | None]]  # worst severity; None: no check-in


def soreness_grid(series: SorenessSeries) -> SorenessGrid:
    bins = series.bins
    rows = list(series.rows)
    grid = SorenessGrid(bins=bins, rows=rows, z=[[None] * len(bins) for _ in rows])
    row_of = {key: i for i, key in enumerate(rows)}
    first, last = bins.boundary(0), bins.end  # once, not a date built a cell
    for cell in series.cells:
        if not first <= cell.start <= last:
            continue
        row = grid.z[row_of[(cell.area, cell.side)]]
        column = bins.column(cell.start)
        current = row[column]
        row[column] = cell.worst if current is None else max(current, cell.worst)
    return grid


def _outlines(grid: SorenessGrid, flags: Sequence[Flag]) -> list[dict[str, Any]]:
    """A red outline over each episode of the pain-persisting rule, on its row."""
    bins, z = grid.bins, grid.z
    shapes = []
    for flag in flags:
        if flag.rule != PAIN_EPISODE_RULE or not len(bins):
            continue
        first = max(flag.start, bins.boundary(0))
        last = min(flag.end, bins.end)
        if last < first:
            continue
        first_cell, last_cell = bins.column(first), bins.column(last)
        area, side = _parse_subject(flag.subject)
        rows = [
            row
            for row, (row_area, row_side) in enumerate(grid.rows)
            if row_area == area and (side is None or row_side in (side, "both"))
        ]
        # A "both sides" row continues a left or right episode (as in the rule), but
        # is outlined only where it has check-ins: an empty outline would mislead.
        reported = [r for r in rows if any(v is not None for v in z[r][first_cell : last_cell + 1])]
        for row in reported or rows[:1]:
            shapes.append(
                {
                    "type": "rect",
                    "xref": "x",
                    "yref": "y",
                    "x0": _stamp(bins.boundary(first_cell)),
                    "x1": _stamp(bins.boundary(last_cell + 1)),
                    "y0": row - 0.5,
                    "y1": row + 0.5,
                    "line": {"color": DANGER, "width": 2},
                    "fillcolor": "rgba(0,0,0,0)",
                }
            )
    return shapes


def _columns_x(bins: Bins) -> dict[str, Any]:
    """The cells' x: an array, not x0 and dx as the bars have, because plotly's hover
    text of a heatmap gets no x from those. A day's cell is placed at noon, so that
    its edges fall on midnights; a longer period's at its first day, moved over the
    whole period by plotly's period alignment (the hover still names the first day)."""
    if bins.period is Period.DAY:
        return {"x": [_stamp(first, timedelta(hours=12)) for first in bins.firsts]}
    return {"x": [iso(first) for first in bins.firsts], **bins.placement()}


def soreness_figure(grid: SorenessGrid, flags: Sequence[Flag]) -> dict[str, Any] | None:
    """Rows of area and side, a cell a period coloured by the worst severity reported;
    periods without a check-in stay blank, never 0. Episodes of the pain-persisting
    rule are outlined."""
    bins = grid.bins
    if not grid.rows:
        return None
    heatmap = trace(
        "heatmap",
        y=[area_side_label(*key).escaped() for key in grid.rows],
        z=grid.z,
        zmin=-0.5,
        zmax=10.5,
        colorscale=SEVERITY_SCALE,
        showscale=False,
        hoverongaps=False,
        # charts.js drops the gap where a cell would be too narrow to show with it.
        xgap=1,
        ygap=2,
        hovertemplate=concat(
            "%{y}<br>",
            bins.hover_x(),
            "<br>",
            Text("worst {value}/10", value="%{z}"),
            "<extra></extra>",
        ),
        **_columns_x(bins),
    )
    # The colour key: one legend entry a band, from traces without points.
    colour_key = [
        trace(
            "scatter",
            name=Text(label),
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": colour},
            hoverinfo="skip",
        )
        for _low, _high, label, colour in SEVERITY_BANDS
    ]
    return figure(
        [heatmap, *colour_key],
        layout(
            height=max(220, 120 + 30 * len(grid.rows)),
            margin={"l": 16, "r": 16, "t": 12, "b": 40},
            xaxis={
                "type": "date",
                "range": [_stamp(bins.boundary(0)), _stamp(bins.boundary(len(bins)))],
                "fixedrange": True,
                "ticklabeloverflow": "hide past div",
            },
            yaxis={
                "type": "category",
                "autorange": "reversed",
                "fixedrange": True,
                "automargin": True,
            },
            legend={
                "orientation": "h",
                "x": 0,
                "y": 1.02,
                "yanchor": "bottom",
                "traceorder": "normal",
                "title": {"text": Text("Worst:")},
            },
            shapes=_outlines(grid, flags),
        ),
    )


def soreness_table(grid: SorenessGrid) -> Table:
    """A row a period with a check-in, a column an area and side: at most one row a
    column of the chart, however many areas the runner reports."""
    bins = grid.bins
    rows = []
    for column in range(len(bins)):
        values = [row[column] for row in grid.z]
        if any(value is not None for value in values):
            cells = ("" if value is None else str(value) for value in values)
            rows.append((bins.label(column), *cells))
    return Table(
        caption=Text(
            "The worst severity (0-10) reported for each area and side, by {noun}; periods "
            "without a check-in are left out, and a blank cell means no check-in.",
            noun=Text(bins.noun),
        ),
        headers=(bins.heading, *(area_side_label(*key) for key in grid.rows)),
        rows=rows,
    )


def build(context: ChartContext, series: SorenessSeries) -> Card:
    grid = soreness_grid(series)
    return Card(
        key="soreness",
        title=N_("Soreness"),
        intro=Text(
            "The worst soreness each {noun} by area and side; outlines mark pain that lasted "
            "more than five days. Blank: no check-in.",
            noun=Text(series.bins.noun),
        ),
        figure=soreness_figure(grid, context.flags),
        table=soreness_table(grid),
        needs="soreness",
    )


CHART = ChartSpec(key="soreness", build=build, periods=HEATMAP)
