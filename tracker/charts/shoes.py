"""Shoes: each pair's distance against its limit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advice.i18n import N_, Text, concat
from tracker.charts.plot import (
    DANGER,
    LIGHT,
    PRIMARY,
    WARNING,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    in_units,
    layout,
    num,
    pct,
    text,
    trace,
)
from tracker.charts.series import ShoeWear
from tracker.numbers import unit_text

SHOE_ROW_PX = 44
HIDDEN = "toggle"  # trace meta: drawn only when the chart's checkbox is ticked


def _limit_marks(
    names: list[str], group: Sequence[ShoeWear], units: str, extra: dict[str, Any]
) -> list[dict[str, Any]]:
    """Short vertical strokes at 90% and 100% of each pair's limit."""
    return [
        trace(
            "scatter",
            name=Text(name),
            y=names,
            x=[in_units(s.limit_km * share, units) for s in group],
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"color": color, "width": 3}},
            showlegend=not extra,
            hovertemplate=concat(
                "%{y}: ",
                Text(name).lowered(),
                " %{x:.0f} ",
                unit_text(units),
                "<extra></extra>",
            ),
            **extra,
        )
        for share, name, color in ((0.9, N_("90% of limit"), WARNING), (1.0, N_("Limit"), DANGER))
    ]


def shoes_figure(
    shoes: Sequence[ShoeWear], *, units: str, range_label: str
) -> dict[str, Any] | None:
    """Each pair's distance (before and inside the range) against its limit, with
    marks at 90% and 100% of it; retired pairs in hidden traces that the chart's
    checkbox shows (charts.js, trace meta HIDDEN)."""
    if not shoes:
        return None
    in_use = [s for s in shoes if not s.retired]
    retired = [s for s in shoes if s.retired]
    in_range: str = (
        Text("In range")
        if range_label == "All"
        else Text("Last {range}", range=Text(range_label).lowered())
    )
    traces: list[dict[str, Any]] = []

    def bars(name: str, kms: list[float], color: str, what: str, **extra: Any) -> dict[str, Any]:
        return trace(
            "bar",
            name=name,
            orientation="h",
            y=names,
            x=[in_units(km, units) for km in kms],
            marker={"color": color},
            hovertemplate=concat("%{y}", what, ": %{x:.0f} ", unit_text(units), "<extra></extra>"),
            **extra,
        )

    if in_use:
        names = [text(s.name) for s in in_use]
        traces += [
            bars(Text("Before"), [s.before_km for s in in_use], "#9ec5fe", Text(", before")),
            bars(in_range, [s.range_km for s in in_use], PRIMARY, concat(", ", in_range)),
            *_limit_marks(names, in_use, units, {}),
        ]
    if retired:
        names = [text(s.name) for s in retired]
        hidden = {"visible": False, "meta": HIDDEN}
        traces += [
            bars(
                Text("Retired pairs"),
                [s.total_km for s in retired],
                LIGHT,
                Text(" (retired)"),
                **hidden,
            ),
            *_limit_marks(names, retired, units, hidden),
        ]
    heights = [120 + SHOE_ROW_PX * max(1, len(in_use)), 120 + SHOE_ROW_PX * len(shoes)]
    return figure(
        traces,
        layout(
            height=heights[0],
            meta={"heights": heights},  # pairs in use, all pairs: charts.js switches
            barmode="stack",
            margin={"l": 16, "r": 16, "t": 12, "b": 40},
            xaxis={
                "title": {"text": Text("Distance ({units})", units=unit_text(units))},
                "rangemode": "tozero",
                "fixedrange": True,
            },
            yaxis={
                "type": "category",
                "autorange": "reversed",
                "fixedrange": True,
                "automargin": True,
            },
        ),
    )


def shoes_table(shoes: Sequence[ShoeWear], *, units: str) -> Table:
    return Table(
        caption=Text(
            "Distance on each pair in {units}: before the range, inside it, in all, and its limit.",
            units=unit_text(units),
        ),
        headers=(
            N_("Pair"),
            N_("Status"),
            N_("Before"),
            N_("In range"),
            N_("Total"),
            N_("Limit"),
            N_("Of limit"),
        ),
        rows=[
            (
                s.name,
                Text("retired") if s.retired else Text("in use"),
                num(in_units(s.before_km, units), 0),
                num(in_units(s.range_km, units), 0),
                num(in_units(s.total_km, units), 0),
                num(in_units(s.limit_km, units), 0),
                pct(s.total_km / s.limit_km if s.limit_km else None),
            )
            for s in shoes
        ],
    )


def build(context: ChartContext, shoes: Sequence[ShoeWear]) -> Card:
    return Card(
        key="shoes",
        title=N_("Shoes"),
        intro=N_("Each pair's distance against its limit, with marks at 90% and 100%."),
        figure=shoes_figure(shoes, units=context.units, range_label=context.window.label),
        table=shoes_table(shoes, units=context.units),
        needs="shoe",
        toggle=N_("Show retired pairs") if any(s.retired for s in shoes) else "",
    )


CHART = ChartSpec(key="shoes", build=build)
