"""The periods a chart sums a range into: days, the runner's weeks, months, quarters
or years, whichever is the finest that keeps the chart to a readable number of
columns, so a chart's size does not grow with the range or the history.

A period is numbered the same way here and in the database (``tracker.selectors``
groups by the same number, computed in SQL), so the rows the database sums map to
columns with integer arithmetic and no date parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Any

from advice.i18n import N_, Text, concat
from tracker.charts.ranges import ChartRange
from tracker.dates import D3_DAY, D3_SHORT_MONTH, D3_WEEKDAY, day_label, format_months, month_label

DAY_MS = 24 * 60 * 60 * 1000  # plotly periods on a date axis are in milliseconds
# plotly's own average month (365.2425 / 12 days): a step of it from the middle of a
# month lands in the middle of each month after it (calendar months start within
# three days of where average ones would).
AVG_MONTH_MS = 2_629_746_000


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def months(self) -> int:
        """Months a period spans (0: days and weeks, which are counted in days)."""
        return _MONTHS[self]


_MONTHS = {Period.DAY: 0, Period.WEEK: 0, Period.MONTH: 1, Period.QUARTER: 3, Period.YEAR: 12}
LADDER: tuple[Period, ...] = tuple(Period)
_NOUN = {
    Period.DAY: N_("day"),
    Period.WEEK: N_("week"),
    Period.MONTH: N_("month"),
    Period.QUARTER: N_("quarter"),
    Period.YEAR: N_("year"),
}
# plotly's hover text of a column's point (see Bins.points): the column's first day
# for days and weeks, a day in its first month otherwise.
# Texts, so that the words around plotly's date format are in the page's language.
_HOVER_X = {
    Period.DAY: concat(f"%{{x|{D3_WEEKDAY}}}"),
    Period.WEEK: Text("week of {x}", x=f"%{{x|{D3_DAY}}}"),
    Period.MONTH: concat(f"%{{x|{D3_SHORT_MONTH}}}"),
    Period.QUARTER: Text("quarter from {x}", x=f"%{{x|{D3_SHORT_MONTH}}}"),
    Period.YEAR: concat("%{x|%Y}"),
}
_HEADING = {
    Period.DAY: N_("Day"),
    Period.WEEK: N_("Week of"),
    Period.MONTH: N_("Month"),
    Period.QUARTER: N_("Quarter"),
    Period.YEAR: N_("Year"),
}
# "Running distance a week": a phrase of its own a period, as other languages
# decline the noun ("в неделю", "в месяц").
_A_NOUN = {
    Period.DAY: N_("a day"),
    Period.WEEK: N_("a week"),
    Period.MONTH: N_("a month"),
    Period.QUARTER: N_("a quarter"),
    Period.YEAR: N_("a year"),
}


def period_index(period: Period, day: date, week_start: int = 0) -> int:
    """The number of the period holding ``day``; consecutive periods differ by one.

    Days are date ordinals; weeks count from the one holding 1 January of year 1
    (a Monday), shifted to the runner's first day of the week, as advice.load does.
    """
    if period is Period.DAY:
        return day.toordinal()
    if period is Period.WEEK:
        return (day.toordinal() - 1 - week_start) // 7
    return (day.year * 12 + day.month - 1) // period.months


def week_first_ordinal(week: int, week_start: int = 0) -> int:
    """The ordinal of the first day of week number ``week`` (advice.load's numbering)."""
    return week * 7 + 1 + week_start


def period_first_day(period: Period, index: int, week_start: int = 0) -> date:
    """The first day of period number ``index`` (the inverse of ``period_index``)."""
    if period is Period.DAY:
        return date.fromordinal(index)
    if period is Period.WEEK:
        return date.fromordinal(week_first_ordinal(index, week_start))
    month = index * period.months
    return date(month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Bins:
    """A range cut into periods: a chart's columns."""

    period: Period
    start: date
    end: date
    week_start: int = 0

    def index(self, day: date) -> int:
        return period_index(self.period, day, self.week_start)

    @cached_property
    def first_index(self) -> int:
        return self.index(self.start)

    @cached_property
    def firsts(self) -> list[date]:
        """The first day of every column (the first may be before the range's start)."""
        last = self.index(self.end)
        return [
            period_first_day(self.period, i, self.week_start)
            for i in range(self.first_index, last + 1)
        ]

    def __len__(self) -> int:
        return len(self.firsts)

    def column(self, day: date) -> int:
        return self.index(day) - self.first_index

    def column_of_index(self, index: int) -> int:
        """The column of a period number as the database computed it."""
        return index - self.first_index

    def boundary(self, column: int) -> date:
        """The first day of ``column``; ``len(self)`` gives the day after the last."""
        return period_first_day(self.period, self.first_index + column, self.week_start)

    def last_day(self, column: int) -> date:
        """The last day of ``column`` inside the range (today in the current period)."""
        return min(self.boundary(column + 1) - timedelta(days=1), self.end)

    def days_inside(self, column: int) -> int:
        """Days of ``column`` inside the range: the first and the current period may
        be cut by it."""
        return (self.last_day(column) - max(self.boundary(column), self.start)).days + 1

    @property
    def noun(self) -> str:
        """ "week", "month"...: "running distance a week"."""
        return _NOUN[self.period]

    @property
    def a_noun(self) -> Text:
        """ "a week", "a month"... as a Text, for a caption or intro in any language."""
        return Text(_A_NOUN[self.period])

    @property
    def heading(self) -> str:
        """The first column of a table: "Week of", "Month"..."""
        return _HEADING[self.period]

    def label(self, column: int) -> str:
        """The column in a table: "2 Nov 2026", "Nov 2026", "Oct-Dec 2026", "2026"."""
        first = self.firsts[column]
        if self.period in (Period.DAY, Period.WEEK):
            return day_label(first)
        if self.period is Period.MONTH:
            return month_label(first, short=True)
        if self.period is Period.QUARTER:
            return format_months(first, self.boundary(column + 1) - timedelta(days=1))
        return str(first.year)

    def when(self, column: int) -> Text:
        """The column in a hover text: "week of 2 Nov 2026", "Nov 2026"..."""
        if self.period is Period.WEEK:
            return Text("week of {day}", day=self.label(column))
        if self.period is Period.DAY:
            return concat(day_label(self.firsts[column], weekday=True))
        return concat(self.label(column))

    def hover_x(self, *, capital: bool = False) -> Text:
        """The column in a hovertemplate: "week of %{x|%-d %b %Y}"... (a Text: the
        page puts the words in its language; concat() it into a template)."""
        text = _HOVER_X[self.period]
        return text.capitalised() if capital else text

    def points(self) -> dict[str, Any]:
        """A trace's x as plotly's ``x0`` and ``dx``: a point a column, no array of
        dates (which made up a third of a ten-year dashboard's bytes).

        A day's point is at noon, so that a heatmap cell's edges fall on midnights;
        a week's at its first day; a longer period's in the middle of its first
        month, ``dx`` an average month apart. Period alignment then puts each point
        over its whole period (a bar, a cell), whatever its exact x.
        """
        first = self.firsts[0]
        if self.period is Period.DAY:
            return {"x0": f"{first.isoformat()} 12:00:00", "dx": DAY_MS}
        if self.period is Period.WEEK:
            return {"x0": first.isoformat(), "dx": 7 * DAY_MS, **self.placement()}
        return {
            "x0": first.replace(day=15).isoformat(),
            "dx": self.period.months * AVG_MONTH_MS,
            **self.placement(),
        }

    def placement(self) -> dict[str, Any]:
        """plotly's trace properties that put a point (a bar, a cell) over its whole
        period, whatever day the runner's week starts on."""
        size: int | str = (
            DAY_MS * (7 if self.period is Period.WEEK else 1)
            if self.period in (Period.DAY, Period.WEEK)
            else f"M{self.period.months}"
        )
        return {
            "xperiod": size,
            "xperiod0": self.firsts[0].isoformat() if self.firsts else None,
            "xperiodalignment": "middle",
        }


@dataclass(frozen=True)
class PeriodRule:
    """How a chart picks its periods: the finest of LADDER, from ``finest`` up, that
    gives at most ``max_columns`` columns (years whatever their number past that;
    the log starts in 1900 at the earliest)."""

    finest: Period
    max_columns: int

    def bins(self, window: ChartRange, *, week_start: int) -> Bins:
        for period in LADDER[LADDER.index(self.finest) :]:
            first = period_index(period, window.start, week_start)
            last = period_index(period, window.end, week_start)
            if last - first + 1 <= self.max_columns:
                break
        return Bins(period=period, start=window.start, end=window.end, week_start=week_start)
