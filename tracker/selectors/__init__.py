"""Reads: the only code that turns ORM rows into what pages, advice and charts use.

Aggregation happens in the database (Sum, Max, Trunc), so a page's cost and its
number of queries do not grow with the length of the runner's history.
"""

from tracker.selectors.advice_inputs import advice_history
from tracker.selectors.charts import LogBounds, log_bounds
from tracker.selectors.log import (
    OpenArea,
    SessionDefaults,
    ShoeUsage,
    open_sore_areas,
    running_totals,
    session_defaults,
    sessions_for,
    shoe_usage,
    shoes_with_usage,
    soreness_for,
)

__all__ = [
    "LogBounds",
    "OpenArea",
    "SessionDefaults",
    "ShoeUsage",
    "advice_history",
    "log_bounds",
    "open_sore_areas",
    "running_totals",
    "session_defaults",
    "sessions_for",
    "shoe_usage",
    "shoes_with_usage",
    "soreness_for",
]
