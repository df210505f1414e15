"""Weekly load: running distance a period, the acute:chronic ratio, load warnings;
or, when the runner asks for it (``?load=effort``), session-RPE load a period with
each week's monotony and strain (tracker/charts/effort.py).

The ratio is drawn a point a day over short ranges (as advice's load-ratio rule
computes it: an EWMA of daily distance, 7 against 28 days). Over longer ranges a
point a day is an unreadable zig-zag, so the line has a point a column: the ratio on
the last day of each week, and past two years, where the columns are months or
longer, the column's highest weekly ratio (a week's distance against the average
of the four weeks ending with it: Gabbett's own measure, which needs weekly sums
only, so its cost does not grow with the range).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from advice import Flag
from advice.i18n import N_, Num, Text, concat
from tracker.charts.effort import FORMULA, EffortColumns, effort_columns
from tracker.charts.periods import DAY_MS, Bins, Period, PeriodRule
from tracker.charts.plot import (
    MUTED,
    PRIMARY,
    WARNING,
    WARNING_EDGE,
    Card,
    ChartContext,
    ChartSpec,
    Table,
    bins_of,
    figure,
    hover_distance,
    in_units,
    iso,
    layout,
    num,
    period_axis,
    trace,
)
from tracker.charts.ratios import (
    DAILY_LINE_MAX_DAYS,
    column_ratios,
    daily_ratios,
)
from tracker.charts.series import EffortLoad, RunningKm, Training
from tracker.dates import D3_DAY
from tracker.units import format_pace

# Gabbett 2016: acute:chronic ratios of 0.8-1.3 went with the lowest injury risk
# (the "sweet spot"); a contested measure, drawn as context only.
RATIO_BAND = (0.8, 1.3)
# Rules and charts share the flags; these two are about a single week's running.
WEEK_MARKER_RULES = ("volume-jump", "long-run-spike")
# Bars a week up to two and a half years; then months, quarters, years.
BARS = PeriodRule(Period.WEEK, max_columns=130)


def _separated(titles: list[Text]) -> list[str]:
    """Titles with "; " between them, each still a Text."""
    return [part for i, title in enumerate(titles) for part in (("; ",) if i else ()) + (title,)]


def _markers(flags: Sequence[Flag], bins: Bins) -> dict[int, list[Text]]:
    """Column -> the titles of the week-level load warnings it holds, counted."""
    counts: dict[int, dict[str, int]] = {}
    for flag in sorted(flags, key=lambda f: (f.start, f.rule)):
        if flag.rule in WEEK_MARKER_RULES and bins.start <= flag.start <= bins.end:
            titles = counts.setdefault(bins.column(flag.start), {})
            titles[flag.title] = titles.get(flag.title, 0) + 1
    return {
        column: [
            Text(title) if n == 1 else Text("{title} ({n} times)", title=Text(title), n=n)
            for title, n in titles.items()
        ]
        for column, titles in counts.items()
    }


@dataclass(frozen=True)
class LoadSeries:
    """What the figure and the table both draw, worked out once."""

    training: Training
    km: list[float]  # a column, in the runner's units
    ratios: list[float | None]  # a column
    daily: list[tuple[date, float | None]] | None  # a point a day, over short ranges
    markers: dict[int, list[Text]]  # column -> warning titles
    effort: EffortColumns | None = None  # the bars are session load (AU) when set

    @property
    def bars(self) -> list[float]:
        return self.effort.load if self.effort is not None else self.km


def load_series(
    training: Training,
    running: RunningKm,
    context: ChartContext,
    effort: EffortLoad | None = None,
) -> LoadSeries:
    bins = training.bins
    if effort is not None and effort.shown:
        # Session load: the ratio is of running distance, so it is not drawn over it.
        return LoadSeries(
            training=training,
            km=[in_units(p.run_km, context.units) for p in training.periods],
            ratios=[None] * len(bins),
            daily=None,
            markers=_markers(context.flags, bins),
            effort=effort_columns(bins, effort),
        )
    daily = None
    if running.period is Period.DAY and context.window.days <= DAILY_LINE_MAX_DAYS:
        daily = daily_ratios(running, start=bins.start, end=bins.end)
    return LoadSeries(
        training=training,
        km=[in_units(p.run_km, context.units) for p in training.periods],
        ratios=column_ratios(bins, running),
        daily=daily,
        markers=_markers(context.flags, bins),
    )


def _ratio_trace(series: LoadSeries) -> tuple[dict[str, Any], str] | None:
    """The ratio line and the x where its band starts; None when there is no ratio."""
    bins = series.training.bins
    if series.daily is not None:
        shown = [day for day, ratio in series.daily if ratio is not None]
        if not shown:
            return None
        line = trace(
            "scatter",
            x0=iso(bins.start),
            dx=DAY_MS,
            y=[ratio for _, ratio in series.daily],
            hovertemplate=concat(f"%{{x|{D3_DAY}}}: ", Text("ratio"), " %{y:.2f}<extra></extra>"),
        )
        return line, iso(shown[0])
    shown_columns = [c for c, ratio in enumerate(series.ratios) if ratio is not None]
    if not shown_columns:
        return None
    what = (
        Text("ratio on its last day")
        if bins.period is Period.WEEK
        else Text("highest weekly ratio")
    )
    line = trace(
        "scatter",
        y=series.ratios,
        hovertemplate=concat(bins.hover_x(capital=True), "<br>", what, " %{y:.2f}<extra></extra>"),
        **bins.points(),
    )
    return line, iso(bins.boundary(shown_columns[0]))


def load_figure(series: LoadSeries, *, units: str) -> dict[str, Any] | None:
    """Bars of running distance a column, the ratio on a second axis with its band,
    and a marker over each column where a week-level load rule fired."""
    bins = series.training.bins
    if series.effort is not None:
        if not any(series.effort.load):
            return None
        bar_title: str = Text("Session load (AU)")
        traces: list[dict[str, Any]] = [
            trace(
                "bar",
                name=bar_title,
                y=series.effort.load,
                hovertemplate=concat(bins.hover_x(capital=True), "<br>%{y:,.0f} AU<extra></extra>"),
                marker={"color": PRIMARY},
                **bins.points(),
            )
        ]
    elif not any(p.runs for p in series.training.periods):
        return None
    else:
        bar_title = Text("Distance ({units})", units=units)
        traces = [_distance_bars(series, units)]
    shapes: list[dict[str, Any]] = []
    ratio = _ratio_trace(series) if series.effort is None else None
    if ratio is not None:
        _draw_ratio(ratio, traces, shapes, bins)
    if series.markers:
        traces.append(_marker_trace(series))
    return figure(
        traces,
        layout(
            xaxis=period_axis(bins),
            yaxis={"title": {"text": bar_title}, "rangemode": "tozero", "fixedrange": True},
            yaxis2={
                "title": {"text": N_("Ratio")},
                "overlaying": "y",
                "side": "right",
                "rangemode": "tozero",
                "showgrid": False,
                "fixedrange": True,
                "visible": ratio is not None,
            },
            shapes=shapes,
            bargap=0.2,
        ),
    )


def _distance_bars(series: LoadSeries, units: str) -> dict[str, Any]:
    bins = series.training.bins
    return trace(
        "bar",
        name=Text("Distance ({units})", units=units),
        y=series.km,
        # The week's (the column's) average running pace beside its distance.
        customdata=[
            Text("<br>{pace} average pace", pace=format_pace(p.pace_min_per_km, units))
            if p.pace_min_per_km is not None
            else ""
            for p in series.training.periods
        ],
        hovertemplate=concat(
            bins.hover_x(capital=True),
            "<br>",
            hover_distance(units),
            "%{customdata}<extra></extra>",
        ),
        marker={"color": PRIMARY},
        **bins.points(),
    )


def _draw_ratio(
    ratio: tuple[dict[str, Any], str],
    traces: list[dict[str, Any]],
    shapes: list[dict[str, Any]],
    bins: Bins,
) -> None:
    line, band_from = ratio
    line.update(
        name=Text("Acute:chronic ratio"),
        yaxis="y2",
        mode="lines",
        connectgaps=False,
        line={"color": MUTED, "width": 2},
    )
    traces.append(line)
    # The band starts where the ratio does: hidden before 28 days of history.
    shapes.append(
        {
            "type": "rect",
            "name": Text(
                "Ratio {low} to {high}", low=Num(RATIO_BAND[0], 1), high=Num(RATIO_BAND[1], 1)
            ),
            "showlegend": True,
            "xref": "x",
            "yref": "y2",
            "x0": band_from,
            "x1": iso(bins.boundary(len(bins))),
            "y0": RATIO_BAND[0],
            "y1": RATIO_BAND[1],
            "fillcolor": "rgba(25, 135, 84, 0.15)",
            "line": {"width": 0},
            "layer": "below",
        }
    )


def _marker_trace(series: LoadSeries) -> dict[str, Any]:
    bins = series.training.bins
    columns = sorted(series.markers)
    bars = series.bars
    return trace(
        "scatter",
        name=Text("Warning"),
        x=[iso(bins.firsts[c]) for c in columns],
        y=[bars[c] for c in columns],
        mode="markers",
        marker={
            "symbol": "triangle-down",
            "size": 14,
            "color": WARNING,
            "line": {"color": WARNING_EDGE, "width": 1},
        },
        # A Text, so the page shows the warnings' titles in its language,
        # escaped in it (plotly reads hover text as markup).
        hovertext=[
            concat(
                bins.when(c).capitalised().escaped(),
                *(part for t in series.markers[c] for part in ("<br>", t.escaped())),
            )
            for c in columns
        ],
        hovertemplate="%{hovertext}<extra></extra>",
        **bins.placement(),
    )


def load_table(series: LoadSeries, *, units: str) -> Table:
    if series.effort is not None:
        return effort_table(series, series.effort, units=units)
    bins = series.training.bins
    weekly = bins.period is Period.WEEK
    return Table(
        caption=Text(
            "Running distance {a_noun}, the acute:chronic ratio on the week's last day, and "
            "the warnings raised.",
            a_noun=bins.a_noun,
        )
        if weekly
        else Text(
            "Running distance {a_noun}, the highest weekly acute:chronic ratio of each, and the "
            "warnings raised.",
            a_noun=bins.a_noun,
        ),
        headers=(
            bins.heading,
            Text("Distance ({units})", units=units),
            N_("Ratio") if weekly else N_("Highest weekly ratio"),
            N_("Warnings"),
        ),
        rows=[
            (
                bins.label(c),
                num(series.km[c]),
                num(series.ratios[c], 2),
                concat(
                    *(
                        p
                        for i, t in enumerate(series.markers.get(c, []))
                        for p in ("; ", t)[not i :]
                    )
                ),
            )
            for c in range(len(bins))
        ],
    )


def effort_table(series: LoadSeries, effort: EffortColumns, *, units: str) -> Table:
    """Session load a column beside the distance; a week's monotony and strain."""
    bins = series.training.bins
    weekly = bins.period is Period.WEEK
    caption = (
        Text(
            "Session load and running distance {a_noun}, each whole week's monotony and "
            "strain (— where a session has no effort or no duration, or the week is not over; "
            "the same load every day has no SD: monotony has no value), and the warnings "
            "raised.",
            a_noun=bins.a_noun,
        )
        if weekly
        else Text(
            "Session load and running distance {a_noun}, and the warnings raised.",
            a_noun=bins.a_noun,
        )
    )
    headers: list[str] = [
        bins.heading,
        N_("Session load (AU)"),
        Text("Distance ({units})", units=units),
    ]
    if weekly:
        headers += [N_("Monotony"), N_("Strain")]
    rows = []
    for c in range(len(bins)):
        row = [bins.label(c), num(effort.load[c], 0), num(series.km[c])]
        if weekly:
            week = effort.weeks[c]
            row += [
                num(week.monotony, 2) if week else "—",
                num(week.strain, 0) if week else "—",
            ]
        unrated = effort.unrated[c]
        notes: list[str] = [*series.markers.get(c, [])]
        if unrated:
            notes.append(
                Text("{count} session without effort or time", count=unrated)
                if unrated == 1
                else Text("{count} sessions without effort or time", count=unrated)
            )
        rows.append((*row, concat(*(p for i, t in enumerate(notes) for p in ("; ", t)[not i :]))))
    return Table(
        caption=concat(caption, " ", Text(FORMULA)),
        headers=(*headers, N_("Warnings and notes")),
        rows=rows,
    )


def build(
    context: ChartContext,
    training: Training,
    running: RunningKm,
    effort: EffortLoad | None = None,
) -> Card:
    bins = bins_of(context)
    series = load_series(training, running, context, effort)
    if series.effort is not None:
        return Card(
            key="load",
            title=N_("Weekly load") if bins.period is Period.WEEK else N_("Load"),
            intro=Text(
                "Session load {a_noun}: effort × minutes, every activity; markers show "
                "warnings. Each week's monotony and strain are in the numbers.",
                a_noun=bins.a_noun,
            )
            if bins.period is Period.WEEK
            else Text(
                "Session load {a_noun}: effort × minutes, every activity; markers show "
                "warnings. Monotony and strain are weekly: choose a shorter range to see them.",
                a_noun=bins.a_noun,
            ),
            figure=load_figure(series, units=context.units),
            table=load_table(series, units=context.units),
            needs="session",
        )
    if bins.period is Period.WEEK:
        line = (
            Text(
                "the line is the acute:chronic ratio (last 7 days against the last 28) on each "
                "week's last day"
            )
            if context.window.days > DAILY_LINE_MAX_DAYS
            else Text("the line is the acute:chronic ratio (last 7 days against the last 28)")
        )
    else:
        line = Text(
            "the line is the highest weekly acute:chronic ratio of each (a week against the "
            "average of the four weeks ending with it)"
        )
    return Card(
        key="load",
        title=N_("Weekly load") if bins.period is Period.WEEK else N_("Load"),
        intro=Text(
            "Running distance {a_noun}; {line}, with the {low} to {high} band; markers show "
            "warnings.",
            a_noun=bins.a_noun,
            line=line,
            low=RATIO_BAND[0],
            high=RATIO_BAND[1],
        ),
        figure=load_figure(series, units=context.units),
        table=load_table(series, units=context.units),
        needs="session",
    )


CHART = ChartSpec(key="load", build=build, periods=BARS)
