"""The dashboard's cards: every chart of the registry, each read run once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from advice import Flag
from tracker.charts.periods import Bins
from tracker.charts.plot import Card, ChartContext
from tracker.charts.registry import CHARTS, Entry, Read
from tracker.charts.series import ChartQuery


def dashboard_cards(
    query: ChartQuery,
    flags: Sequence[Flag],
    *,
    units: str,
    charts: Sequence[Entry] = CHARTS,
) -> list[Card]:
    """A card a chart, in the registry's order.

    Charts that share a read (load, surfaces and habits all draw the same weekly
    sums) share its result: a read runs once a request for each set of columns, so
    the page makes the same queries whatever the range or the history.
    """
    done: dict[tuple[Read, Bins | None], Any] = {}
    cards = []
    for entry in charts:
        spec = entry.chart
        bins = (
            spec.periods.bins(query.window, week_start=query.week_start) if spec.periods else None
        )
        series = []
        for read in entry.reads:
            if (read, bins) not in done:
                done[(read, bins)] = read(query=query, bins=bins)
            series.append(done[(read, bins)])
        context = ChartContext(
            window=query.window, bins=bins, units=units, week_start=query.week_start, flags=flags
        )
        cards.append(spec.build(context, *series))
    return cards
