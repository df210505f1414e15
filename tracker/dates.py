"""Dates as a runner reads them on the pages, the same way everywhere: "27 Nov 2026",
in Russian "27 ноября 2026".

Pages use the ``day``, ``month`` and ``span`` template filters
(tracker/templatetags/stride.py), Python code (form messages, model labels, chart
tables) the functions here; all go through Django's date formatting, so localising
the pages (issue 18) changes this module alone. plotly formats its hover dates in
the browser with d3's syntax: the ``D3_`` constants say the same in that syntax.
Machine formats (CSV, URLs, the date inputs' values) stay ISO. The flags' own text
is advice's (advice/wording.py: pure, no Django), in the same "27 Nov 2026" form.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

DAY_FORMAT = "j M Y"  # 27 Nov 2026
WEEKDAY_FORMAT = "D j M Y"  # Fri 27 Nov 2026: where the day of the week helps (lists)
DAY_MONTH_FORMAT = "j M"  # 27 Nov: the first day of a span within one year
MONTH_FORMAT = "F Y"  # November 2026
SHORT_MONTH_FORMAT = "M Y"  # Nov 2026: a chart's column
EN_DASH = "\u2013"  # between the two days of a span
D3_DAY = "%-d %b %Y"  # DAY_FORMAT in plotly's (d3's) syntax
D3_WEEKDAY = "%a %-d %b %Y"  # WEEKDAY_FORMAT
D3_SHORT_MONTH = "%b %Y"  # SHORT_MONTH_FORMAT


# Where a language writes a day otherwise than English does: Russian puts the month
# in the genitive after a day ("3 ноября 2026", Django's "E"; "3 Ноя 2026" reads as a
# table's abbreviation) and a comma after the weekday ("Вт, 3 ноября 2026"). The
# month alone ("Ноябрь 2026", a calendar's header) is the same pattern in both.
LOCAL_FORMATS = {
    "ru": {DAY_FORMAT: "j E Y", WEEKDAY_FORMAT: "D, j E Y", DAY_MONTH_FORMAT: "j E"},
}


def date_format(value: date, format_string: str) -> str:
    """Django's date formatting in the active language's pattern (``LOCAL_FORMATS``),
    imported when a date is formatted rather than with this module: the chart
    modules word their columns through here and import no Django
    (tests/tracker/charts/test_charts_registry.py)."""
    from django.utils.dateformat import format as django_format
    from django.utils.translation import get_language

    language = (get_language() or "").split("-")[0]
    local = LOCAL_FORMATS.get(language, {}).get(format_string, format_string)
    return django_format(value, local)


def format_day(value: date | None, *, weekday: bool = False) -> str:
    if value is None:
        return "—"
    return date_format(value, WEEKDAY_FORMAT if weekday else DAY_FORMAT)


@lru_cache(maxsize=8192)
def _cached_day(value: date, weekday: bool, language: str | None) -> str:
    return format_day(value, weekday=weekday)


def day_label(value: date, *, weekday: bool = False) -> str:
    """``format_day`` for code that names the same days many times (a chart's
    columns): cached, per language."""
    from django.utils.translation import get_language

    return _cached_day(value, weekday, get_language())


def format_month(value: date, *, short: bool = False) -> str:
    return date_format(value, SHORT_MONTH_FORMAT if short else MONTH_FORMAT)


@lru_cache(maxsize=4096)
def _cached_month(value: date, short: bool, language: str | None) -> str:
    return format_month(value, short=short)


def month_label(value: date, *, short: bool = False) -> str:
    """``format_month`` for a chart's columns, cached per language as ``day_label``
    is: a ten-year chart names its 120 months in four tables, and Django's date
    formatting (a translation lookup a month name) was a fifth of its CPU time."""
    from django.utils.translation import get_language

    return _cached_month(value, short, get_language())


def format_months(first: date, last: date) -> str:
    """Whole months from ``first``'s to ``last``'s: "Oct-Dec 2026"."""
    return f"{date_format(first, 'M')}-{format_month(last, short=True)}"


def format_span(start: date, end: date) -> str:
    """Two days as one: "3 Nov 2026"; "3 Nov", an en dash, "9 Nov 2026"; the first
    day with its year too when the years differ."""
    if start == end:
        return format_day(end)
    first = date_format(start, DAY_MONTH_FORMAT) if start.year == end.year else format_day(start)
    return f"{first} {EN_DASH} {format_day(end)}"


def parse_iso_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` from a URL or query string, or None when it is not one."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
