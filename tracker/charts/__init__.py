"""The dashboard's charts: series summed by the database in, figures and tables out.

    series.py    what the selectors hand over (plain dataclasses, no plotly)
    ranges.py    the ranges a runner picks; periods.py: how a range is cut into columns
    plot.py      the card, its context, colours, figures as plain dicts
    load.py soreness.py surfaces.py shoes.py habits.py pain.py
                 one module a chart: its figure and its "show the numbers" table
    registry.py  the charts in page order, each with its reads (tracker.selectors)
    dashboard.py every card of the registry, each read run once

Only registry.py and dashboard.py reach the database (through the selectors); the
rest draws from plain data and is tested without one. Column labels are worded by
tracker.dates, as the pages' dates are.
"""

from tracker.charts.ranges import DEFAULT_RANGE, RANGE_OPTIONS, ChartRange, chart_range

__all__ = ["DEFAULT_RANGE", "RANGE_OPTIONS", "ChartRange", "chart_range"]
