"""Dates as a runner reads them, the same way on every page: "27 Nov 2026".

Pages use the ``day`` template filter (tracker/templatetags/stride.py), Python code
(form messages, model labels) ``format_day``; both come from here, so the format
is one constant. Machine formats (CSV, URLs, the date inputs' values) stay ISO.
"""

from __future__ import annotations

from datetime import date

from django.utils.dateformat import format as date_format

DAY_FORMAT = "j M Y"  # 27 Nov 2026
WEEKDAY_FORMAT = "D j M Y"  # Fri 27 Nov 2026: where the day of the week helps (lists)
MONTH_FORMAT = "F Y"  # November 2026


def format_day(value: date | None, *, weekday: bool = False) -> str:
    if value is None:
        return "—"
    return date_format(value, WEEKDAY_FORMAT if weekday else DAY_FORMAT)


def format_month(value: date) -> str:
    return date_format(value, MONTH_FORMAT)


def parse_iso_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` from a URL or query string, or None when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
