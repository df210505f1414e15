"""The dashboard's charts: aggregated series in, plotly figures and number tables out.

Pure: no ORM and no request. The selectors hand over per-week and per-day sums
(never one row per session), and every figure carries only those sums, so what
reaches the browser does not grow with the number of sessions.

Each chart comes with a "show the numbers" table built from the same series, for
screen readers and for runners who want figures rather than shapes.

plotly renders hover text, tick labels and legend names as a small HTML dialect
(``<br>``, ``<b>``, entities), so every string that can hold the runner's own
words (shoe names) or text from elsewhere (flag titles) goes through ``_text``.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import plotly.graph_objects as go

from advice import Flag
from advice.load import DailySeries, acute_chronic_ratios, metres
from advice.rules import LOAD_RATIO_MIN_HISTORY_DAYS
from tracker.units import km_to_units

# --- ranges -----------------------------------------------------------------


@dataclass(frozen=True)
class RangeOption:
    key: str
    label: str
    weeks: int | None  # None: the whole log


RANGE_OPTIONS: tuple[RangeOption, ...] = (
    RangeOption("12w", "12 weeks", 12),
    RangeOption("6m", "6 months", 26),
    RangeOption("1y", "1 year", 52),
    RangeOption("all", "All", None),
)
# Twelve weeks show a training block and its build-up, and keep the page's work
# (and the rows the flags need) small whatever the length of the log.
DEFAULT_RANGE = "12w"
_BY_KEY = {option.key: option for option in RANGE_OPTIONS}


@dataclass(frozen=True)
class ChartRange:
    key: str
    label: str
    start: date
    end: date  # today: the current week is drawn up to today

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_start_of(day: date, week_start: int) -> date:
    """The first day of the runner's week holding ``day`` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def chart_range(
    key: str | None, *, today: date, week_start: int, first_day: date | None
) -> ChartRange:
    """The range the runner picked (or the default): whole weeks ending with this one;
    "all" starts on the first day of the log."""
    option = _BY_KEY.get(key or "", _BY_KEY[DEFAULT_RANGE])
    this_week = week_start_of(today, week_start)
    if option.weeks is not None:
        start = this_week - timedelta(weeks=option.weeks - 1)
    else:
        start = min(first_day, today) if first_day is not None else this_week
    return ChartRange(key=option.key, label=option.label, start=start, end=today)


# --- the series the selectors hand over -------------------------------------


@dataclass
class WeekTraining:
    """One of the runner's weeks: running distance, surfaces and habits."""

    start: date
    days: int  # days of this week inside the range (the current week: up to today)
    run_km: float = 0.0
    km_by_surface: dict[str, float] = field(default_factory=dict)  # "" = not recorded
    runs: int = 0
    run_days: int = 0
    warmup_recorded: int = 0
    warmup_done: int = 0
    cooldown_recorded: int = 0
    cooldown_done: int = 0

    @property
    def rest_days(self) -> int:
        return self.days - self.run_days

    @property
    def warmup_share(self) -> float | None:
        """Share of the runs recording a warm-up that had one; None: none recorded."""
        return self.warmup_done / self.warmup_recorded if self.warmup_recorded else None

    @property
    def cooldown_share(self) -> float | None:
        return self.cooldown_done / self.cooldown_recorded if self.cooldown_recorded else None


@dataclass(frozen=True)
class SorenessDay:
    """The worst check-in of one day for one area and side."""

    date: date
    area: str
    side: str
    worst: int


@dataclass(frozen=True)
class ShoeWear:
    """A pair's lifetime distance, the part of it run inside the range, and its limit."""

    id: int
    name: str
    retired: bool
    limit_km: int
    total_km: float
    range_km: float

    @property
    def before_km(self) -> float:
        return self.total_km - self.range_km


@dataclass(frozen=True)
class RunConditions:
    """How many runs one day had in one pair, on one surface and terrain."""

    date: date
    shoe_id: int | None
    surface: str  # "" = not recorded
    terrain: str
    runs: int


@dataclass(frozen=True)
class DashboardSeries:
    """Everything the dashboard draws, as the database summed it."""

    weeks: list[WeekTraining]
    daily_run_km: list[tuple[date, float]]  # from ``ratio_origin`` to the range's end
    ratio_origin: date
    first_session: date | None
    soreness: list[SorenessDay]
    shoes: list[ShoeWear]
    runs: list[RunConditions]
    pain_days: list[tuple[date, str]]


# --- small helpers ----------------------------------------------------------

WEEK_MS = 7 * 24 * 60 * 60 * 1000  # plotly periods on a date axis are in milliseconds
PRIMARY = "#0d6efd"
WARNING = "#ffc107"
WARNING_EDGE = "#997404"
DANGER = "#dc3545"
SUCCESS = "#198754"
MUTED = "#6c757d"
LIGHT = "#adb5bd"

# Gabbett 2016: acute:chronic ratios of 0.8-1.3 went with the lowest injury risk
# (the "sweet spot"); a contested measure, drawn as context only.
RATIO_BAND = (0.8, 1.3)
# Rules and charts share the flags; these two are about a single week's running.
WEEK_MARKER_RULES = ("volume-jump", "long-run-spike")
PAIN_EPISODE_RULE = "pain-persisting"
# Bins of a day are unreadable (and heavy) past about a year: weekly cells then.
DAILY_HEATMAP_MAX_DAYS = 400
# A share from fewer runs says little (one run in a pair would be 0% or 100%).
PAIN_TABLE_MIN_RUNS = 5
# Pain after a single run of a kind is as likely a coincidence as a pattern.
PAIN_TABLE_MIN_FOLLOWED = 2
PAIN_TABLE_FOLLOW_DAYS = 2
PAIN_TABLE_MAX_ROWS = 10

SURFACE_ORDER = (
    "asphalt",
    "concrete",
    "track",
    "treadmill",
    "trail",
    "grass",
    "sand",
    "mixed",
    "",
)
# Asphalt and concrete are the hard surfaces the documents warn about, so both are
# in the warning colour; concrete is hatched to tell the two apart.
SURFACE_STYLE: dict[str, dict[str, Any]] = {
    "asphalt": {"color": WARNING},
    "concrete": {"color": WARNING, "pattern": {"shape": "/", "fgcolor": WARNING_EDGE}},
    "track": {"color": "#6f42c1"},
    "treadmill": {"color": MUTED},
    "trail": {"color": SUCCESS},
    "grass": {"color": "#20c997"},
    "sand": {"color": "#b08d57"},
    "mixed": {"color": "#0dcaf0"},
    "": {"color": LIGHT},
}
AREA_ORDER = (
    "calf",
    "shin",
    "knee",
    "achilles",
    "heel",
    "foot",
    "thigh",
    "hamstring",
    "hip",
    "back",
    "other",
)
SIDE_ORDER = ("left", "right", "both")
# Severity in four steps, each named in the legend: plotly's continuous colour bar
# sets an empty style="" attribute, which our Content-Security-Policy refuses.
SEVERITY_BANDS: tuple[tuple[int, int, str, str], ...] = (
    (0, 0, "0 (gone)", "#d1e7dd"),
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


def _text(value: str) -> str:
    """A string as plotly shows it literally: its markup entities decoded, tags not."""
    return html.escape(value, quote=False)


def _day(day: date) -> str:
    return day.isoformat()


@functools.lru_cache(maxsize=4096)  # strftime is slow, and the same weeks recur
def _label(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _in_units(km: float, units: str) -> float:
    return round(km_to_units(km, units) or 0.0, 2)


def _num(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def surface_label(surface: str) -> str:
    return surface.capitalize() if surface else "Not recorded"


def area_side_label(area: str, side: str) -> str:
    if side == "both":
        return f"{area.capitalize()} both sides"
    return f"{area.capitalize()} {side}"


def _trace(kind: str, **props: Any) -> dict[str, Any]:
    # Traces as dicts: go.Bar objects would validate every property on the way in.
    return {"type": kind, **props}


def _figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A plotly Figure of our traces and layout, not checked against plotly's schema.

    plotly validates every property as a figure is built, which takes two thirds of
    the charts' share of a page (~10 ms for the five). The figures' shape does not
    depend on the runner's data, so the tests check each kind, with every optional
    part, against the schema instead (tests/tracker/test_charts.py).
    """
    return go.Figure(data=traces, layout=layout, _validate=False)


def _layout(**extra: Any) -> dict[str, Any]:
    # An empty template: plotly.py's default one would add ~7 kB of styling to every
    # figure; plotly.js's defaults and charts.js's colours are all the page needs.
    # (A dict, not the name "none": unvalidated, a name would reach plotly.js as is.)
    layout: dict[str, Any] = {
        "template": {"layout": {}},
        "height": 340,
        "margin": {"l": 52, "r": 52, "t": 12, "b": 40},
        # Above the plot: below it, on a phone, it would run into the axis title.
        "legend": {
            "orientation": "h",
            "x": 0,
            "y": 1.02,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        "hovermode": "closest",
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"},
    }
    layout.update(extra)
    return layout


def _week_axis(weeks: Sequence[WeekTraining], end: date) -> dict[str, Any]:
    first = weeks[0].start if weeks else end
    return {
        "type": "date",
        "range": [_day(first), _day(end + timedelta(days=1))],
        "fixedrange": True,
    }


def _period(weeks: Sequence[WeekTraining]) -> dict[str, Any]:
    """Bars for a week sit over its seven days, whatever day the runner's week starts."""
    return {
        "xperiod": WEEK_MS,
        "xperiod0": _day(weeks[0].start) if weeks else None,
        "xperiodalignment": "middle",
    }


# --- tables -----------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    empty: str = ""  # what to say instead of an empty table


@dataclass(frozen=True)
class Chart:
    """One card of the dashboard: a figure (None: nothing to draw) and its numbers."""

    key: str
    title: str
    intro: str
    figure: dict[str, Any] | None
    table: Table
    needs: str  # what adds data to it: "session", "soreness" or "shoe"
    toggle: str = ""  # label of a checkbox showing the traces marked meta="toggle"

    @property
    def script_id(self) -> str:
        return f"chart-{self.key}"


def figure_json(figure: go.Figure) -> dict[str, Any]:
    """What ``json_script`` writes into the page: plain lists, strings and numbers."""
    return figure.to_plotly_json()


# --- 1. weekly load ---------------------------------------------------------


def acute_chronic_series(
    daily_run_km: Sequence[tuple[date, float]],
    *,
    origin: date,
    start: date,
    end: date,
    first_session: date | None,
) -> list[tuple[date, float | None]]:
    """The acute:chronic ratio of daily running distance for each day of the range.

    The same EWMA as advice's load-ratio rule (advice.load), started at ``origin``,
    a lookback before the range so the 28-day average has settled by its first day.
    None before 28 days of history, as the rule, and where the chronic load is 0.
    """
    if end < start:
        return []
    o = origin.toordinal()
    series = DailySeries(
        o, end.toordinal(), ((d.toordinal(), metres(km)) for d, km in daily_run_km)
    )
    loads = acute_chronic_ratios(series)
    shown_from = (
        first_session + timedelta(days=LOAD_RATIO_MIN_HISTORY_DAYS)
        if first_session is not None
        else None
    )
    out: list[tuple[date, float | None]] = []
    day = start
    while day <= end:
        acute, chronic = loads[day.toordinal() - o]
        visible = shown_from is not None and day >= shown_from and chronic > 0
        out.append((day, round(acute / chronic, 2) if visible else None))
        day += timedelta(days=1)
    return out


def weekly_load_figure(
    weeks: Sequence[WeekTraining],
    ratios: Sequence[tuple[date, float | None]],
    flags: Sequence[Flag],
    *,
    units: str,
    week_start: int,
    end: date,
) -> go.Figure:
    """Bars of weekly running distance, the ratio on a second axis with its band,
    and a marker over each week where a week-level load rule fired."""
    x = [_day(w.start) for w in weeks]
    km = [_in_units(w.run_km, units) for w in weeks]
    period = _period(weeks)
    traces: list[dict[str, Any]] = [
        _trace(
            "bar",
            name=f"Distance ({units})",
            x=x,
            y=km,
            customdata=[_label(w.start) for w in weeks],
            hovertemplate=f"Week of %{{customdata}}<br>%{{y:.1f}} {units}<extra></extra>",
            marker={"color": PRIMARY},
            **period,
        )
    ]
    shapes: list[dict[str, Any]] = []
    shown = [(day, ratio) for day, ratio in ratios if ratio is not None]
    if shown:
        traces.append(
            _trace(
                "scatter",
                name="Acute:chronic ratio",
                x=[_day(day) for day, _ in ratios],
                y=[ratio for _, ratio in ratios],
                yaxis="y2",
                mode="lines",
                connectgaps=False,
                line={"color": MUTED, "width": 2},
                hovertemplate="%{x|%-d %b %Y}: ratio %{y:.2f}<extra></extra>",
            )
        )
        # The band starts where the ratio does: hidden before 28 days of history.
        shapes.append(
            {
                "type": "rect",
                "name": f"Ratio {RATIO_BAND[0]} to {RATIO_BAND[1]}",
                "showlegend": True,
                "xref": "x",
                "yref": "y2",
                "x0": _day(shown[0][0]),
                "x1": _day(end + timedelta(days=1)),
                "y0": RATIO_BAND[0],
                "y1": RATIO_BAND[1],
                "fillcolor": "rgba(25, 135, 84, 0.15)",
                "line": {"width": 0},
                "layer": "below",
            }
        )

    by_week: dict[date, list[str]] = {}
    for flag in sorted(flags, key=lambda f: (f.start, f.rule)):
        if flag.rule in WEEK_MARKER_RULES:
            week = week_start_of(flag.start, week_start)
            by_week.setdefault(week, []).append(_text(flag.title))
    km_of = {w.start: value for w, value in zip(weeks, km, strict=True)}
    flagged = [week for week in sorted(by_week) if week in km_of]
    if flagged:
        traces.append(
            _trace(
                "scatter",
                name="Warning",
                x=[_day(week) for week in flagged],
                y=[km_of[week] for week in flagged],
                mode="markers",
                marker={
                    "symbol": "triangle-down",
                    "size": 14,
                    "color": WARNING,
                    "line": {"color": WARNING_EDGE, "width": 1},
                },
                hovertext=[
                    f"Week of {_label(week)}<br>" + "<br>".join(by_week[week]) for week in flagged
                ],
                hovertemplate="%{hovertext}<extra></extra>",
                **period,
            )
        )
    layout = _layout(
        xaxis=_week_axis(weeks, end),
        yaxis={"title": {"text": f"Distance ({units})"}, "rangemode": "tozero", "fixedrange": True},
        yaxis2={
            "title": {"text": "Ratio"},
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "fixedrange": True,
            "visible": bool(shown),
        },
        shapes=shapes,
        bargap=0.2,
    )
    return _figure(traces, layout)


def weekly_load_table(
    weeks: Sequence[WeekTraining],
    ratios: Sequence[tuple[date, float | None]],
    flags: Sequence[Flag],
    *,
    units: str,
    week_start: int,
) -> Table:
    ratio_of = dict(ratios)
    last_day = max(ratio_of, default=None)
    titles: dict[date, list[str]] = {}
    for flag in flags:
        if flag.rule in WEEK_MARKER_RULES:
            titles.setdefault(week_start_of(flag.start, week_start), []).append(flag.title)
    rows = []
    for w in weeks:
        # The week's last day, or today in the current week.
        week_end = w.start + timedelta(days=6)
        last = min(week_end, last_day) if last_day is not None else week_end
        rows.append(
            (
                _label(w.start),
                _num(_in_units(w.run_km, units)),
                _num(ratio_of.get(last), 2),
                "; ".join(titles.get(w.start, [])),
            )
        )
    return Table(
        caption="Running distance a week, the acute:chronic ratio on the week's last day, "
        "and the warnings raised.",
        headers=("Week of", f"Distance ({units})", "Ratio", "Warnings"),
        rows=rows,
    )


# --- 2. soreness ------------------------------------------------------------


def _parse_subject(subject: str) -> tuple[str, str | None]:
    """advice's "calf left" / "knee" subjects as (area, side or None)."""
    area, _, side = subject.partition(" ")
    return area, side if side in ("left", "right") else None


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(sep=" ")


@dataclass(frozen=True)
class SorenessGrid:
    """The heatmap's cells: a row an area and side, a column a day (or a week)."""

    weekly: bool
    bins: list[date]  # the first day of every column
    rows: list[tuple[str, str]]  # (area, side)
    z: list[list[int | None]]  # worst severity; None: no check-in

    @property
    def width(self) -> int:
        return 7 if self.weekly else 1

    def column(self, day: date) -> int:
        return (day - self.bins[0]).days // self.width


def soreness_grid(
    days: Sequence[SorenessDay], *, start: date, end: date, week_start: int
) -> SorenessGrid:
    """A column a day; past DAILY_HEATMAP_MAX_DAYS a column a (runner's) week."""
    weekly = (end - start).days + 1 > DAILY_HEATMAP_MAX_DAYS
    day = week_start_of(start, week_start) if weekly else start
    bins = []
    while day <= end:
        bins.append(day)
        day += timedelta(days=7 if weekly else 1)
    rows = sorted(
        {(d.area, d.side) for d in days},
        key=lambda k: (
            AREA_ORDER.index(k[0]) if k[0] in AREA_ORDER else len(AREA_ORDER),
            SIDE_ORDER.index(k[1]) if k[1] in SIDE_ORDER else len(SIDE_ORDER),
        ),
    )
    grid = SorenessGrid(weekly=weekly, bins=bins, rows=rows, z=[[None] * len(bins) for _ in rows])
    row_of = {key: i for i, key in enumerate(rows)}
    for d in days:
        if not start <= d.date <= end:
            continue
        row = grid.z[row_of[(d.area, d.side)]]
        i = grid.column(d.date)
        current = row[i]
        row[i] = d.worst if current is None else max(current, d.worst)
    return grid


def soreness_figure(grid: SorenessGrid, flags: Sequence[Flag]) -> go.Figure:
    """Rows of area and side, a cell a day (a week over long ranges) coloured by the
    worst severity reported; days without a check-in stay blank, never 0. Episodes
    of the pain-persisting rule are outlined."""
    bins, z = grid.bins, grid.z
    width = timedelta(days=grid.width)
    shapes = []
    for flag in flags:
        if flag.rule != PAIN_EPISODE_RULE or not bins:
            continue
        first = max(flag.start, bins[0])
        last = min(flag.end, bins[-1] + width - timedelta(days=1))
        if last < first:
            continue
        first_cell, last_cell = grid.column(first), grid.column(last)
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
                    "x0": _stamp(_midnight(bins[first_cell])),
                    "x1": _stamp(_midnight(bins[last_cell]) + width),
                    "y0": row - 0.5,
                    "y1": row + 0.5,
                    "line": {"color": DANGER, "width": 2},
                    "fillcolor": "rgba(0,0,0,0)",
                }
            )
    # plotly centres a cell on its x. A day's cell is placed at noon, so that its
    # edges fall on midnights; a week's at its first day, moved to mid-week by
    # plotly's period alignment, so that the hover still names the first day.
    if grid.weekly:
        x = [_day(b) for b in bins]
        placement: dict[str, Any] = {
            "xperiod": WEEK_MS,
            "xperiod0": _day(bins[0]) if bins else None,
            "xperiodalignment": "middle",
        }
        when = "week of %{x|%-d %b %Y}"
    else:
        x = [_stamp(_midnight(b) + width / 2) for b in bins]
        placement = {}
        when = "%{x|%a %-d %b %Y}"
    heatmap = _trace(
        "heatmap",
        x=x,
        y=[_text(area_side_label(*key)) for key in grid.rows],
        z=z,
        zmin=-0.5,
        zmax=10.5,
        colorscale=SEVERITY_SCALE,
        showscale=False,
        hoverongaps=False,
        xgap=1,
        ygap=2,
        hovertemplate=f"%{{y}}<br>{when}<br>worst %{{z}}/10<extra></extra>",
        **placement,
    )
    # The colour key: one legend entry a band, from traces without points.
    colour_key = [
        _trace(
            "scatter",
            name=label,
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 12, "color": colour},
            hoverinfo="skip",
        )
        for _low, _high, label, colour in SEVERITY_BANDS
    ]
    x_range = [_stamp(_midnight(bins[0])), _stamp(_midnight(bins[-1]) + width)] if bins else None
    layout = _layout(
        height=max(220, 120 + 30 * len(grid.rows)),
        margin={"l": 16, "r": 16, "t": 12, "b": 40},
        xaxis={
            "type": "date",
            "range": x_range,
            "fixedrange": True,
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
            "title": {"text": "Worst:"},
        },
        shapes=shapes,
    )
    return _figure([heatmap, *colour_key], layout)


def soreness_table(grid: SorenessGrid) -> Table:
    rows = [
        (_label(b), area_side_label(*key), str(value))
        for i, b in enumerate(grid.bins)
        for key, row in zip(grid.rows, grid.z, strict=True)
        if (value := row[i]) is not None
    ]
    return Table(
        caption="The worst severity reported for each area and side, "
        + ("by week" if grid.weekly else "by day")
        + "; days without a check-in are left out.",
        headers=("Week of" if grid.weekly else "Day", "Area", "Worst (0-10)"),
        rows=rows,
    )


# --- 3. surfaces ------------------------------------------------------------


def _surfaces_present(weeks: Sequence[WeekTraining]) -> list[str]:
    present = {s for w in weeks for s, km in w.km_by_surface.items() if km > 0}
    return [s for s in SURFACE_ORDER if s in present] + sorted(present - set(SURFACE_ORDER))


def surfaces_figure(weeks: Sequence[WeekTraining], *, units: str, end: date) -> go.Figure:
    """Weekly running distance stacked by surface; hard surfaces in the warning colour."""
    x = [_day(w.start) for w in weeks]
    labels = [_label(w.start) for w in weeks]
    traces = [
        _trace(
            "bar",
            name=surface_label(surface),
            x=x,
            y=[_in_units(w.km_by_surface.get(surface, 0.0), units) for w in weeks],
            customdata=labels,
            marker=SURFACE_STYLE.get(surface, {"color": LIGHT}),
            hovertemplate=f"{surface_label(surface)}, week of %{{customdata}}<br>"
            f"%{{y:.1f}} {units}<extra></extra>",
            **_period(weeks),
        )
        for surface in _surfaces_present(weeks)
    ]
    layout = _layout(
        barmode="stack",
        xaxis=_week_axis(weeks, end),
        yaxis={"title": {"text": f"Distance ({units})"}, "rangemode": "tozero", "fixedrange": True},
    )
    return _figure(traces, layout)


def surfaces_table(weeks: Sequence[WeekTraining], *, units: str) -> Table:
    surfaces = _surfaces_present(weeks)
    return Table(
        caption=f"Running distance a week on each surface, in {units}.",
        headers=("Week of", *(surface_label(s) for s in surfaces)),
        rows=[
            (
                _label(w.start),
                *(_num(_in_units(w.km_by_surface.get(s, 0.0), units)) for s in surfaces),
            )
            for w in weeks
        ],
    )


# --- 4. shoes ---------------------------------------------------------------

SHOE_ROW_PX = 44
HIDDEN = "toggle"  # trace meta: drawn only when the chart's checkbox is ticked


def _limit_marks(
    names: list[str], group: Sequence[ShoeWear], units: str, extra: dict[str, Any]
) -> list[dict[str, Any]]:
    """Short vertical strokes at 90% and 100% of each pair's limit."""
    return [
        _trace(
            "scatter",
            name=name,
            y=names,
            x=[_in_units(s.limit_km * share, units) for s in group],
            mode="markers",
            marker={"symbol": "line-ns", "size": 26, "line": {"color": color, "width": 3}},
            showlegend=not extra,
            hovertemplate=f"%{{y}}: {name.lower()} %{{x:.0f}} {units}<extra></extra>",
            **extra,
        )
        for share, name, color in ((0.9, "90% of limit", WARNING), (1.0, "Limit", DANGER))
    ]


def shoes_figure(shoes: Sequence[ShoeWear], *, units: str, range_label: str) -> go.Figure:
    """Each pair's distance (before and inside the range) against its limit, with
    marks at 90% and 100% of it; retired pairs in hidden traces that the chart's
    checkbox shows (charts.js, trace meta HIDDEN)."""
    in_use = [s for s in shoes if not s.retired]
    retired = [s for s in shoes if s.retired]
    in_range = "In range" if range_label == "All" else f"Last {range_label.lower()}"
    traces: list[dict[str, Any]] = []
    if in_use:
        names = [_text(s.name) for s in in_use]
        traces += [
            _trace(
                "bar",
                name="Before",
                orientation="h",
                y=names,
                x=[_in_units(s.before_km, units) for s in in_use],
                marker={"color": "#9ec5fe"},
                hovertemplate=f"%{{y}}, before: %{{x:.0f}} {units}<extra></extra>",
            ),
            _trace(
                "bar",
                name=in_range,
                orientation="h",
                y=names,
                x=[_in_units(s.range_km, units) for s in in_use],
                marker={"color": PRIMARY},
                hovertemplate=f"%{{y}}, {in_range.lower()}: %{{x:.0f}} {units}<extra></extra>",
            ),
            *_limit_marks(names, in_use, units, {}),
        ]
    if retired:
        names = [_text(s.name) for s in retired]
        hidden = {"visible": False, "meta": HIDDEN}
        traces += [
            _trace(
                "bar",
                name="Retired pairs",
                orientation="h",
                y=names,
                x=[_in_units(s.total_km, units) for s in retired],
                marker={"color": LIGHT},
                hovertemplate=f"%{{y}} (retired): %{{x:.0f}} {units}<extra></extra>",
                **hidden,
            ),
            *_limit_marks(names, retired, units, hidden),
        ]
    heights = [120 + SHOE_ROW_PX * max(1, len(in_use)), 120 + SHOE_ROW_PX * len(shoes)]
    layout = _layout(
        height=heights[0],
        meta={"heights": heights},  # pairs in use, all pairs: charts.js switches
        barmode="stack",
        margin={"l": 16, "r": 16, "t": 12, "b": 40},
        xaxis={"title": {"text": f"Distance ({units})"}, "rangemode": "tozero", "fixedrange": True},
        yaxis={"type": "category", "autorange": "reversed", "fixedrange": True, "automargin": True},
    )
    return _figure(traces, layout)


def shoes_table(shoes: Sequence[ShoeWear], *, units: str) -> Table:
    return Table(
        caption=f"Distance on each pair in {units}: before the range, inside it, in all, "
        "and its limit.",
        headers=("Pair", "Status", "Before", "In range", "Total", "Limit", "Of limit"),
        rows=[
            (
                s.name,
                "retired" if s.retired else "in use",
                _num(_in_units(s.before_km, units), 0),
                _num(_in_units(s.range_km, units), 0),
                _num(_in_units(s.total_km, units), 0),
                _num(_in_units(s.limit_km, units), 0),
                _pct(s.total_km / s.limit_km if s.limit_km else None),
            )
            for s in shoes
        ],
    )


# --- 5. habits --------------------------------------------------------------


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100)


def habits_figure(weeks: Sequence[WeekTraining], *, end: date) -> go.Figure:
    """Rest days a week (bars) and the share of runs with a warm-up and a cool-down
    (lines on a second axis; a gap where no run recorded it)."""
    x = [_day(w.start) for w in weeks]
    labels = [_label(w.start) for w in weeks]
    traces = [
        _trace(
            "bar",
            name="Rest days",
            x=x,
            y=[w.rest_days for w in weeks],
            customdata=labels,
            marker={"color": "#a3cfbb"},
            hovertemplate="Week of %{customdata}<br>%{y} rest days<extra></extra>",
            **_period(weeks),
        ),
        _trace(
            "scatter",
            name="Runs with a warm-up",
            x=x,
            y=[_percent(w.warmup_share) for w in weeks],
            customdata=labels,
            yaxis="y2",
            mode="lines+markers",
            line={"color": PRIMARY},
            hovertemplate="Week of %{customdata}<br>warm-up in %{y}% of runs<extra></extra>",
            **_period(weeks),
        ),
        _trace(
            "scatter",
            name="Runs with a cool-down",
            x=x,
            y=[_percent(w.cooldown_share) for w in weeks],
            customdata=labels,
            yaxis="y2",
            mode="lines+markers",
            line={"color": "#6f42c1", "dash": "dot"},
            hovertemplate="Week of %{customdata}<br>cool-down in %{y}% of runs<extra></extra>",
            **_period(weeks),
        ),
    ]
    layout = _layout(
        xaxis=_week_axis(weeks, end),
        yaxis={"title": {"text": "Rest days"}, "range": [0, 7.2], "dtick": 1, "fixedrange": True},
        yaxis2={
            "title": {"text": "% of runs"},
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "showgrid": False,
            "fixedrange": True,
        },
    )
    return _figure(traces, layout)


def habits_table(weeks: Sequence[WeekTraining]) -> Table:
    return Table(
        caption="Rest days (days without a run) a week, and the share of runs that record "
        "a warm-up or a cool-down and had one.",
        headers=("Week of", "Runs", "Rest days", "With a warm-up", "With a cool-down"),
        rows=[
            (
                _label(w.start),
                str(w.runs),
                str(w.rest_days),
                f"{_pct(w.warmup_share)} ({w.warmup_done} of {w.warmup_recorded})"
                if w.warmup_recorded
                else "—",
                f"{_pct(w.cooldown_share)} ({w.cooldown_done} of {w.cooldown_recorded})"
                if w.cooldown_recorded
                else "—",
            )
            for w in weeks
        ],
    )


# --- 6. what comes before pain ----------------------------------------------


@dataclass(frozen=True)
class PainPattern:
    """How often pain in one area followed the runs of one condition."""

    area: str
    condition: str  # "asphalt runs in Grey pair"
    followed: int
    runs: int
    overall_followed: int
    overall_runs: int

    @property
    def share(self) -> float:
        return self.followed / self.runs

    @property
    def overall_share(self) -> float:
        return self.overall_followed / self.overall_runs

    @property
    def sentence(self) -> str:
        return (
            f"{self.area.capitalize()} pain follows {self.followed} of {self.runs} {self.condition}"
        )


def pain_patterns(
    runs: Sequence[RunConditions],
    pain: Sequence[tuple[date, str]],
    *,
    shoe_names: Mapping[int, str],
    last_day: date,
    min_runs: int = PAIN_TABLE_MIN_RUNS,
    limit: int = PAIN_TABLE_MAX_ROWS,
) -> list[PainPattern]:
    """For each shoe, surface, terrain (and pair on a surface) with ``min_runs`` runs,
    the share of its runs followed by pain in an area on the run's day or the two
    days after, beside that share over all runs. Runs of the last two days are left
    out: their two days have not passed yet. Strongest first (the most above the
    runner's overall share); where conditions cover exactly the same runs (all
    asphalt runs were in the grey pair), only the most specific is kept."""
    pain_areas: dict[date, set[str]] = {}
    for day, area in pain:
        pain_areas.setdefault(day, set()).add(area)
    cutoff = last_day - timedelta(days=PAIN_TABLE_FOLLOW_DAYS)
    members: dict[str, list[int]] = {}  # condition -> indexes of its run groups
    specific: dict[str, int] = {}  # condition -> how many things it names
    counts: list[int] = []
    after: list[set[str]] = []
    for group in runs:
        if group.date > cutoff:
            continue
        index = len(counts)
        counts.append(group.runs)
        after.append(
            set().union(
                *(
                    pain_areas.get(group.date + timedelta(days=offset), set())
                    for offset in range(PAIN_TABLE_FOLLOW_DAYS + 1)
                )
            )
        )
        shoe = shoe_names.get(group.shoe_id) if group.shoe_id is not None else None
        conditions = []
        if shoe:
            conditions.append((f"runs in {shoe}", 1))
        if group.surface:
            conditions.append((f"{group.surface} runs", 1))
            if shoe:
                conditions.append((f"{group.surface} runs in {shoe}", 2))
        if group.terrain:
            conditions.append((f"{group.terrain} runs", 1))
        for condition, names in conditions:
            members.setdefault(condition, []).append(index)
            specific[condition] = names
    overall_runs = sum(counts)
    overall: dict[str, int] = {}
    for count, areas in zip(counts, after, strict=True):
        for area in areas:
            overall[area] = overall.get(area, 0) + count

    best: dict[tuple[str, tuple[int, ...]], tuple[int, str]] = {}
    for condition, indexes in members.items():
        if sum(counts[i] for i in indexes) < min_runs:
            continue
        for area in {a for i in indexes for a in after[i]}:
            key = (area, tuple(indexes))
            if key not in best or (specific[condition], condition) > best[key]:
                best[key] = (specific[condition], condition)
    patterns = []
    for (area, indexes), (_names, condition) in best.items():
        followed = sum(counts[i] for i in indexes if area in after[i])
        if followed < PAIN_TABLE_MIN_FOLLOWED:
            continue
        patterns.append(
            PainPattern(
                area=area,
                condition=condition,
                followed=followed,
                runs=sum(counts[i] for i in indexes),
                overall_followed=overall[area],
                overall_runs=overall_runs,
            )
        )
    patterns.sort(key=lambda p: (-(p.share - p.overall_share), -p.followed, p.area, p.condition))
    return patterns[:limit]


def pain_table(patterns: Sequence[PainPattern], *, runs: int, pain: int) -> Table:
    """The patterns as rows; with none, why: too few runs, or no pain after them."""
    if patterns:
        empty = ""
    elif runs < PAIN_TABLE_MIN_RUNS:
        empty = (
            f"This table needs at least {PAIN_TABLE_MIN_RUNS} runs in one pair, on one "
            "surface or on one terrain, and check-ins after them."
        )
    elif not pain:
        empty = "No pain was reported within two days of a run in this range."
    else:
        empty = (
            f"No pair, surface or terrain has {PAIN_TABLE_MIN_RUNS} runs followed by pain "
            "in this range."
        )
    return Table(
        caption="Pain (2/10 or more) reported on the day of a run or the two days after, "
        f"for shoes, surfaces and terrains with at least {PAIN_TABLE_MIN_RUNS} runs.",
        headers=("What", "Share", "All your runs"),
        rows=[
            (
                p.sentence,
                _pct(p.share),
                f"{_pct(p.overall_share)} ({p.overall_followed} of {p.overall_runs})",
            )
            for p in patterns
        ],
        empty=empty,
    )


# --- the dashboard ----------------------------------------------------------


def dashboard_charts(
    series: DashboardSeries,
    flags: Sequence[Flag],
    *,
    window: ChartRange,
    units: str,
    week_start: int,
) -> tuple[list[Chart], Table]:
    """Every chart of the dashboard (figure None where there is nothing to draw)
    and the "what comes before pain" table."""
    weeks = series.weeks
    ratios = acute_chronic_series(
        series.daily_run_km,
        origin=series.ratio_origin,
        start=window.start,
        end=window.end,
        first_session=series.first_session,
    )
    has_runs = any(w.runs for w in weeks)
    grid = soreness_grid(series.soreness, start=window.start, end=window.end, week_start=week_start)
    charts = [
        Chart(
            key="load",
            title="Weekly load",
            intro="Running distance a week; the line is the acute:chronic ratio (last 7 days "
            "against the last 28), with the 0.8 to 1.3 band; markers show warnings.",
            figure=figure_json(
                weekly_load_figure(
                    weeks, ratios, flags, units=units, week_start=week_start, end=window.end
                )
            )
            if has_runs
            else None,
            table=weekly_load_table(weeks, ratios, flags, units=units, week_start=week_start),
            needs="session",
        ),
        Chart(
            key="soreness",
            title="Soreness",
            intro="The worst soreness each day by area and side; outlines mark pain that "
            "lasted more than five days. Blank: no check-in.",
            figure=figure_json(soreness_figure(grid, flags)) if grid.rows else None,
            table=soreness_table(grid),
            needs="soreness",
        ),
        Chart(
            key="surfaces",
            title="Surfaces",
            intro="Running distance a week by surface; asphalt and concrete are the hard ones.",
            figure=figure_json(surfaces_figure(weeks, units=units, end=window.end))
            if has_runs
            else None,
            table=surfaces_table(weeks, units=units),
            needs="session",
        ),
        Chart(
            key="shoes",
            title="Shoes",
            intro="Each pair's distance against its limit, with marks at 90% and 100%.",
            figure=figure_json(shoes_figure(series.shoes, units=units, range_label=window.label))
            if series.shoes
            else None,
            table=shoes_table(series.shoes, units=units),
            needs="shoe",
            toggle="Show retired pairs" if any(s.retired for s in series.shoes) else "",
        ),
        Chart(
            key="habits",
            title="Habits",
            intro="Rest days a week, and the share of runs with a warm-up and a cool-down "
            "(of the runs that record one).",
            figure=figure_json(habits_figure(weeks, end=window.end)) if has_runs else None,
            table=habits_table(weeks),
            needs="session",
        ),
    ]
    names = {s.id: s.name for s in series.shoes}
    patterns = pain_patterns(series.runs, series.pain_days, shoe_names=names, last_day=window.end)
    runs = sum(group.runs for group in series.runs)
    return charts, pain_table(patterns, runs=runs, pain=len(series.pain_days))
