"""Surfaces: running distance a period, stacked by surface."""

from __future__ import annotations

from typing import Any

from advice.i18n import N_, Text, concat
from tracker.charts.load import BARS
from tracker.charts.plot import (
    LIGHT,
    MUTED,
    PURPLE,
    SUCCESS,
    WARNING,
    WARNING_EDGE,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    hover_distance,
    in_units,
    layout,
    num,
    period_axis,
    trace,
)
from tracker.charts.series import Training

# Asphalt and concrete are the hard surfaces the documents warn about, so both are
# in the warning colour; concrete is hatched to tell the two apart.
SURFACE_STYLE: dict[str, dict[str, Any]] = {
    "asphalt": {"color": WARNING},
    "concrete": {"color": WARNING, "pattern": {"shape": "/", "fgcolor": WARNING_EDGE}},
    "track": {"color": PURPLE},
    "treadmill": {"color": MUTED},
    "trail": {"color": SUCCESS},
    "grass": {"color": "#20c997"},
    "sand": {"color": "#b08d57"},
    "mixed": {"color": "#0dcaf0"},
    "": {"color": LIGHT},
}


def surface_label(surface: str) -> str:
    # The model's choice labels ("Asphalt") are the same words, so one catalogue entry.
    return Text(surface.capitalize()) if surface else Text("Not recorded")


def surfaces_figure(training: Training, *, units: str) -> dict[str, Any] | None:
    """Running distance a period stacked by surface; hard surfaces in the warning colour."""
    bins = training.bins
    if not any(p.runs for p in training.periods):
        return None
    traces = [
        trace(
            "bar",
            name=surface_label(surface),
            y=[in_units(p.km_by_surface.get(surface, 0.0), units) for p in training.periods],
            marker=SURFACE_STYLE.get(surface, {"color": LIGHT}),
            hovertemplate=concat(
                surface_label(surface),
                ", ",
                bins.hover_x(),
                "<br>",
                hover_distance(units),
                "<extra></extra>",
            ),
            **bins.points(),
        )
        for surface in training.surfaces
    ]
    return figure(
        traces,
        layout(
            barmode="stack",
            xaxis=period_axis(bins),
            yaxis={
                "title": {"text": Text("Distance ({units})", units=units)},
                "rangemode": "tozero",
                "fixedrange": True,
            },
        ),
    )


def surfaces_table(training: Training, *, units: str) -> Table:
    bins, surfaces = training.bins, training.surfaces
    return Table(
        caption=Text(
            "Running distance {a_noun} on each surface, in {units}.",
            a_noun=bins.a_noun,
            units=units,
        ),
        headers=(bins.heading, *(surface_label(s) for s in surfaces)),
        rows=[
            (
                bins.label(c),
                *(num(in_units(p.km_by_surface.get(s, 0.0), units)) for s in surfaces),
            )
            for c, p in enumerate(training.periods)
        ],
    )


def build(context: ChartContext, training: Training) -> Card:
    return Card(
        key="surfaces",
        title=N_("Surfaces"),
        intro=Text(
            "Running distance {a_noun} by surface; asphalt and concrete are the hard ones.",
            a_noun=training.bins.a_noun,
        ),
        figure=surfaces_figure(training, units=context.units),
        table=surfaces_table(training, units=context.units),
        needs="session",
    )


CHART = ChartSpec(key="surfaces", build=build, periods=BARS)
