"""What every chart module shares: the card it returns, its context, colours, and
plotly figures written as plain dicts.

Figures are built as the dicts plotly.js reads, never as plotly.py objects: those
validate and deep-copy every property on the way in and out, which cost more than
all the rest of the charts together. The figures' shape does not depend on the
runner's data, so the tests check every kind, with every optional part, against
plotly's schema instead (tests/tracker/charts/test_charts_schema.py).

plotly renders hover text, tick labels and legend names as a small HTML dialect
(``<br>``, ``<b>``, entities), so every string that can hold the runner's own words
(shoe names) or text from elsewhere (flag titles) goes through ``text``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from advice import Flag
from advice.i18n import Text
from advice.types import KM_PER_MILE
from advice.wording import KM, MI
from tracker.charts.periods import Bins, PeriodRule
from tracker.charts.ranges import ChartRange

Figure = dict[str, Any]

PRIMARY = "#0d6efd"
WARNING = "#ffc107"
WARNING_EDGE = "#997404"
DANGER = "#dc3545"
SUCCESS = "#198754"
MUTED = "#6c757d"
LIGHT = "#adb5bd"
PURPLE = "#6f42c1"


@dataclass(frozen=True)
class Table:
    """A chart's "show the numbers" table: the same series as the figure, as text."""

    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    empty: str = ""  # what to say instead of an empty table


@dataclass(frozen=True)
class Card:
    """One card of the dashboard: a figure (None: nothing to draw) and its numbers."""

    key: str
    title: str
    intro: str
    figure: Figure | None
    table: Table
    needs: str  # what adds data to it: "session", "soreness" or "shoe"
    toggle: str = ""  # label of a checkbox showing the traces marked meta="toggle"
    template: str = "tracker/_chart.html"

    @property
    def script_id(self) -> str:
        return f"chart-{self.key}"


@dataclass(frozen=True)
class ChartContext:
    """What a chart knows besides its series: the range, its columns, the flags."""

    window: ChartRange
    bins: Bins | None  # None for a chart without periods (shoes)
    units: str
    week_start: int
    flags: Sequence[Flag]


@dataclass(frozen=True)
class ChartSpec:
    """A chart module's entry for the registry.

    ``build(context, *series)`` gets the series of the registry's reads, in order.
    ``periods`` says how the chart cuts a range into columns; charts that share a
    read must share the rule, so the read runs once (tracker/charts/dashboard.py).
    """

    key: str
    build: Callable[..., Card]
    periods: PeriodRule | None = None


def text(value: str) -> str:
    """A string as plotly shows it literally: its markup entities decoded, tags not."""
    return html.escape(value, quote=False)


def iso(day: date) -> str:
    return day.isoformat()


_MILES_PER_KM = 1 / KM_PER_MILE


def in_units(km: float, units: str) -> float:
    """km in the runner's units, to 0.01 (floats: a chart draws hundreds of these)."""
    return round(km * _MILES_PER_KM if units == "mi" else km, 2)


class TableNumber(str):
    """A table's number in Python's digits, "1,234.5": ``table_rows`` writes it with
    the page's separators ("1 234,5"), looking the language up once a table rather
    than once a cell (a ten-year table has thousands; a lookup is a microsecond)."""

    __slots__ = ()


def num(value: float | None, digits: int = 1) -> str:
    """A table's figure, grouped: "1,234.5" (a ``TableNumber``; "1 234,5" on a Russian page)."""
    return "—" if value is None else TableNumber(f"{value:,.{digits}f}")


def pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def hover_distance(units: str, value: str = "%{y:.1f}") -> str:
    """A distance in a hover template, "%{y:.1f} km": the unit is advice's catalogue
    entry (advice.wording.KM / MI), so a Russian page reads "12,3 км" as in its
    warnings; plotly fills in the number with the layout's separators."""
    unit = MI if units == "mi" else KM  # outside Text(...): xgettext reads its literals
    return Text(unit, distance=value)


def trace(kind: str, **props: Any) -> dict[str, Any]:
    return {"type": kind, **props}


def figure(traces: list[dict[str, Any]], layout: dict[str, Any]) -> Figure:
    """What ``json_script`` writes into the page: plain lists, strings and numbers."""
    return {"data": traces, "layout": layout}


def layout(**extra: Any) -> dict[str, Any]:
    # An empty template: plotly.py's default one would add ~7 kB of styling to every
    # figure; plotly.js's defaults and charts.js's colours are all the page needs.
    out: dict[str, Any] = {
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
    out.update(extra)
    return out


def period_axis(bins: Bins) -> dict[str, Any]:
    """A date axis over the columns' periods, whole periods at both ends."""
    return {
        "type": "date",
        "range": [iso(bins.boundary(0)), iso(bins.boundary(len(bins)))],
        "fixedrange": True,
        # A label that would run past the figure's edge (on a phone, the first or the
        # last) is left out rather than cut ("Apr 202").
        "ticklabeloverflow": "hide past div",
    }


def bins_of(context: ChartContext) -> Bins:
    """The context's columns, for a chart whose spec has a period rule."""
    if context.bins is None:
        raise ValueError("this chart needs periods: give its ChartSpec a PeriodRule")
    return context.bins
