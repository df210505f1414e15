"""A date's period number, computed in SQL, for grouping a chart's sums by period.

Django's Trunc functions do not fit: TruncWeek always starts weeks on a Monday
(a runner's week may start on any day), and on SQLite every Trunc is a Python
function called once per row. This one is plain SQL on both databases, and it
returns the same integer as ``tracker.charts.periods.period_index``, so rows map
to a chart's columns without a date to parse.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, IntegerField
from django.db.models.sql.compiler import SQLCompiler

from tracker.charts.periods import Period

# SQLite's julianday() of 0001-01-01 is 1721425.5: the whole part minus this is the
# date's ordinal (Python's date.toordinal(), 1 for that day).
_SQLITE_ORDINAL_OFFSET = 1721424
_SQL = tuple[str, tuple[Any, ...]]


# A date's ordinal and its month number (year * 12 + month - 1), in each database's
# SQL, around ``{date}``.
_ORDINAL = {
    "sqlite": f"(CAST(julianday({{date}}) AS INTEGER) - {_SQLITE_ORDINAL_OFFSET})",
    "postgresql": "({date} - DATE '0001-01-01' + 1)",
}
_MONTH = {
    # SQLite keeps a DateField as "YYYY-MM-DD" text: its year and month are
    # substrings, read faster than strftime() would parse the date.
    "sqlite": (
        "(CAST(substr({date}, 1, 4) AS INTEGER) * 12 + CAST(substr({date}, 6, 2) AS INTEGER) - 1)"
    ),
    "postgresql": (
        "(CAST(EXTRACT(YEAR FROM {date}) AS INTEGER) * 12"
        " + CAST(EXTRACT(MONTH FROM {date}) AS INTEGER) - 1)"
    ),
}


def period_sql(vendor: str, column: str, period: Period, week_start: int = 0) -> str:
    """The period number of ``column`` (SQL: a quoted column) in ``vendor``'s SQL, as
    ``PeriodNumber`` writes it: for a query written in SQL."""
    if vendor not in _ORDINAL:
        # The project runs on SQLite and PostgreSQL; another database needs its SQL here.
        raise NotImplementedError(f"PeriodNumber has no SQL for {vendor}")
    ordinal, month = _ORDINAL[vendor], _MONTH[vendor]
    if period is Period.DAY:
        number = ordinal
    elif period is Period.WEEK:
        # Dates are from 1900 on: both sides positive, so integer division floors.
        number = f"(({ordinal} - 1 - {int(week_start)}) / 7)"
    else:
        number = f"({month} / {period.months})"
    return number.format(date=column)


class PeriodNumber(Func):
    """``PeriodNumber("date", Period.WEEK, week_start=6)``: the period number of a
    DateField (days: ordinals; weeks: counted from year 1, starting on ``week_start``;
    months, quarters, years: counted from year 0)."""

    output_field = IntegerField()

    def __init__(self, expression: Any, period: Period, *, week_start: int = 0) -> None:
        super().__init__(expression)
        self.period = period
        self.week_start = int(week_start)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> _SQL:
        sql, params = compiler.compile(self.source_expressions[0])
        number = period_sql(connection.vendor, "{date}", self.period, self.week_start)
        uses = number.count("{date}")
        return number.format(date=sql), tuple(params) * uses
