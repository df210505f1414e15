"""Reads: the only code that turns ORM rows into what pages, advice and charts use.

Aggregation happens in the database (Sum, Max, Trunc), so a page's cost and its
number of queries do not grow with the length of the runner's history.
"""

from tracker.selectors.advice_inputs import advice_history
from tracker.selectors.charts import (
    LogBounds,
    daily_running_km,
    dashboard_series,
    log_bounds,
    pain_days,
    run_conditions,
    shoe_wear,
    soreness_by_day,
    weekly_training,
)
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
    "daily_running_km",
    "dashboard_series",
    "log_bounds",
    "open_sore_areas",
    "pain_days",
    "run_conditions",
    "running_totals",
    "session_defaults",
    "sessions_for",
    "shoe_usage",
    "shoe_wear",
    "shoes_with_usage",
    "soreness_by_day",
    "soreness_for",
    "weekly_training",
]
