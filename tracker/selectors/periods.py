"""A date's period number, computed in SQL, for grouping a chart's sums by period.

Django's Trunc functions do not fit: TruncWeek always starts weeks on a Monday
(a runner's week may start on any day), and on SQLite every Trunc is a Python
function called once per row. This one is plain SQL on both databases, and it
returns the same integer as ``tracker.charts.periods.period_index``, so rows map
to a chart's columns without a date to parse.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Func, IntegerField
from django.db.models.sql.compiler import SQLCompiler

from tracker.charts.periods import Period

# SQLite's julianday() of 0001-01-01 is 1721425.5: the whole part minus this is the
# date's ordinal (Python's date.toordinal(), 1 for that day).
_SQLITE_ORDINAL_OFFSET = 1721424
_SQL = tuple[str, tuple[Any, ...]]


class PeriodNumber(Func):
    """``PeriodNumber("date", Period.WEEK, week_start=6)``: the period number of a
    DateField (days: ordinals; weeks: counted from year 1, starting on ``week_start``;
    months, quarters, years: counted from year 0)."""

    output_field = IntegerField()

    def __init__(self, expression: Any, period: Period, *, week_start: int = 0) -> None:
        super().__init__(expression)
        self.period = period
        self.week_start = int(week_start)

    def _number(self, ordinal: str, month: str) -> str:
        if self.period is Period.DAY:
            return ordinal
        if self.period is Period.WEEK:
            # Dates are from 1900 on: both sides positive, so integer division floors.
            return f"(({ordinal} - 1 - {self.week_start}) / 7)"
        return f"({month} / {self.period.months})"

    def _compile(self, compiler: SQLCompiler, ordinal: str, month: str) -> _SQL:
        sql, params = compiler.compile(self.source_expressions[0])
        number = self._number(ordinal, month)
        uses = number.count("{date}")
        return number.format(date=sql), tuple(params) * uses

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _SQL:
        # SQLite keeps a DateField as "YYYY-MM-DD" text: its year and month are
        # substrings, read faster than strftime() would parse the date.
        ordinal = f"(CAST(julianday({{date}}) AS INTEGER) - {_SQLITE_ORDINAL_OFFSET})"
        month = (
            "(CAST(substr({date}, 1, 4) AS INTEGER) * 12"
            " + CAST(substr({date}, 6, 2) AS INTEGER) - 1)"
        )
        return self._compile(compiler, ordinal, month)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _SQL:
        ordinal = "({date} - DATE '0001-01-01' + 1)"
        month = (
            "(CAST(EXTRACT(YEAR FROM {date}) AS INTEGER) * 12"
            " + CAST(EXTRACT(MONTH FROM {date}) AS INTEGER) - 1)"
        )
        return self._compile(compiler, ordinal, month)

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> NoReturn:
        # The project runs on SQLite and PostgreSQL; another database needs its SQL here.
        raise NotImplementedError(f"PeriodNumber has no SQL for {connection.vendor}")
