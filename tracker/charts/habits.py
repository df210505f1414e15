"""Habits: rest days, and the share of runs with a warm-up and a cool-down.

A week's share comes from three or four runs, so a line of weekly shares over a
year is a 0-100% zig-zag: past ROLLING_FROM_COLUMNS weeks the line is the share
over the four weeks ending with each one, and over months or longer it is the
period's own share (a month holds a dozen runs or more).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advice.i18n import N_, Text, concat
from tracker.charts.load import BARS
from tracker.charts.periods import Bins, Period
from tracker.charts.plot import (
    PRIMARY,
    PURPLE,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    figure,
    layout,
    num,
    pct,
    period_axis,
    trace,
)
from tracker.charts.series import Training, TrainingPeriod

ROLLING_FROM_COLUMNS = 27  # six months of weeks are still readable one by one
ROLLING_WEEKS = 4


def rolling(bins: Bins) -> bool:
    return bins.period is Period.WEEK and len(bins) >= ROLLING_FROM_COLUMNS


def rest_days(period: TrainingPeriod, bins: Bins) -> float:
    """Days without a run: in the week, or a week on average over longer periods."""
    if bins.period is Period.WEEK or not period.days:
        return period.rest_days
    return round(period.rest_days * 7 / period.days, 1)


def _shares(periods: Sequence[TrainingPeriod], bins: Bins, kind: str) -> list[float | None]:
    """The line's points: percent of the runs that record ``kind`` and had one."""
    done = [getattr(p, f"{kind}_done") for p in periods]
    recorded = [getattr(p, f"{kind}_recorded") for p in periods]
    window = ROLLING_WEEKS if rolling(bins) else 1
    out: list[float | None] = []
    for i in range(len(periods)):
        lo = max(0, i - window + 1)
        total = sum(recorded[lo : i + 1])
        out.append(round(sum(done[lo : i + 1]) * 100 / total) if total else None)
    return out


def habits_figure(training: Training) -> dict[str, Any] | None:
    """Rest days (bars) and the share of runs with a warm-up and a cool-down (lines
    on a second axis; a gap where no run recorded it)."""
    bins, periods = training.bins, training.periods
    if not any(p.runs for p in periods):
        return None
    when = bins.hover_x(capital=True)
    line_when = (
        Text("{weeks} weeks to the {x}", weeks=ROLLING_WEEKS, x=bins.hover_x())
        if rolling(bins)
        else when
    )
    rest = Text("rest days") if bins.period is Period.WEEK else Text("rest days a week on average")
    lines = (
        (
            "warmup",
            Text("Runs with a warm-up"),
            {"color": PRIMARY},
            Text("warm-up in {share} of runs", share="%{y}%"),
        ),
        (
            "cooldown",
            Text("Runs with a cool-down"),
            {"color": PURPLE, "dash": "dot"},
            Text("cool-down in {share} of runs", share="%{y}%"),
        ),
    )
    traces = [
        trace(
            "bar",
            name=Text("Rest days"),
            y=[rest_days(p, bins) for p in periods],
            marker={"color": "#a3cfbb"},
            hovertemplate=concat(when, "<br>%{y} ", rest, "<extra></extra>"),
            **bins.points(),
        ),
        *(
            trace(
                "scatter",
                name=name,
                y=_shares(periods, bins, kind),
                yaxis="y2",
                mode="lines+markers",
                line=line,
                hovertemplate=concat(line_when, "<br>", what, "<extra></extra>"),
                **bins.points(),
            )
            for kind, name, line, what in lines
        ),
    ]
    return figure(
        traces,
        layout(
            xaxis=period_axis(bins),
            yaxis={
                "title": {"text": N_("Rest days a week")},
                "range": [0, 7.2],
                "dtick": 1,
                "fixedrange": True,
            },
            yaxis2={
                # xgettext:no-python-format
                "title": {"text": N_("% of runs")},
                "overlaying": "y",
                "side": "right",
                "range": [0, 105],
                "showgrid": False,
                "fixedrange": True,
            },
        ),
    )


def _share_cell(done: int, recorded: int) -> str:
    if not recorded:
        return "—"
    return Text(
        "{share} ({done} of {recorded})", share=pct(done / recorded), done=done, recorded=recorded
    )


def habits_table(training: Training) -> Table:
    bins = training.bins
    weekly = bins.period is Period.WEEK
    return Table(
        caption=concat(
            Text(
                "Rest days (days without a run) a week, and the share of runs that record a "
                "warm-up or a cool-down and had one"
            )
            if weekly
            else Text(
                "Rest days (days without a run) a week, on average over the {noun}, and the "
                "share of runs that record a warm-up or a cool-down and had one",
                noun=Text(bins.noun),
            ),
            Text("; the chart's lines take {weeks} weeks at a time.", weeks=ROLLING_WEEKS)
            if rolling(bins)
            else ".",
        ),
        headers=(
            bins.heading,
            N_("Runs"),
            N_("Rest days") if weekly else N_("Rest days a week"),
            N_("With a warm-up"),
            N_("With a cool-down"),
        ),
        rows=[
            (
                bins.label(c),
                str(p.runs),
                str(p.rest_days) if weekly else num(rest_days(p, bins)),
                _share_cell(p.warmup_done, p.warmup_recorded),
                _share_cell(p.cooldown_done, p.cooldown_recorded),
            )
            for c, p in enumerate(training.periods)
        ],
    )


def build(context: ChartContext, training: Training) -> Card:
    bins = training.bins
    if rolling(bins):
        lines: str = Text("over the {weeks} weeks up to each", weeks=ROLLING_WEEKS)
    elif bins.period is Period.WEEK:
        lines = Text("each week")
    else:
        lines = Text("each {noun}", noun=Text(bins.noun))
    return Card(
        key="habits",
        title=N_("Habits"),
        intro=Text(
            "Rest days a week, and the share of runs with a warm-up and a cool-down {lines} "
            "(of the runs that record one).",
            lines=lines,
        )
        if bins.period is Period.WEEK
        else Text(
            "Rest days a week (on average over each {noun}), and the share of runs with a "
            "warm-up and a cool-down {lines} (of the runs that record one).",
            noun=Text(bins.noun),
            lines=lines,
        ),
        figure=habits_figure(training),
        table=habits_table(training),
        needs="session",
    )


CHART = ChartSpec(key="habits", build=build, periods=BARS)
