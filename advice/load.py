"""Training-load arithmetic: day-indexed series, window sums, weeks, the EWMA ratio.

Distances are whole metres here. Integer sums are exact, so a week's total is
the same whichever day the history starts on (a windowed evaluation and a full
one agree to the metre), and threshold tests such as "more than 30% above" can be
done in integers without a float landing on the wrong side of the line.

Days are date ordinals (``date.toordinal()``) throughout: subtraction is the
number of days between, and 0001-01-01, ordinal 1, was a Monday.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import accumulate
from operator import sub

# Williams et al. 2017: an EWMA with lambda = 2 / (N + 1) stands for an N-day
# rolling average: N = 7 for the acute load and N = 28 for the chronic one.
ACUTE_LAMBDA = 2 / (7 + 1)
CHRONIC_LAMBDA = 2 / (28 + 1)


def metres(km: float | None) -> int:
    """A distance in km as whole metres; ``None`` (not recorded) counts as 0."""
    return round(km * 1000) if km else 0


def percent_above(value: int, base: int) -> int:
    """How far ``value`` is above ``base``, in whole percent (base > 0)."""
    return round((value - base) * 100 / base)


def week_index(day: int, week_start: int = 0) -> int:
    """The number of the week holding ordinal ``day``; weeks start on ``week_start``."""
    return (day - 1 - week_start) // 7


def week_first_day(week: int, week_start: int = 0) -> int:
    """The ordinal of the first day of week number ``week``."""
    return week * 7 + 1 + week_start


class DailySeries:
    """One value a day from ``origin`` to ``last`` (ordinals), with prefix sums.

    ``total(lo, hi)`` is O(1) for any window, clamped to the series, so rules can
    ask "how far in the 14 days up to this run" for every run without a nested
    loop over the window.
    """

    __slots__ = ("last", "origin", "prefix", "values")

    def __init__(self, origin: int, last: int, items: Iterable[tuple[int, int]]) -> None:
        self.origin = origin
        self.last = last
        values = [0] * max(0, last - origin + 1)
        for day, value in items:
            if origin <= day <= last:
                values[day - origin] += value
        self.values = values
        self.prefix = [0, *accumulate(values)]

    def window_sums(self, days: int) -> list[int]:
        """For every day of the series, the sum over it and the ``days - 1`` before.

        One C-level pass (``map(sub, ...)``) instead of a Python loop: rules
        that test a window at every running day index this list.
        """
        padded = [0] * (days - 1) + self.prefix
        return list(map(sub, padded[days:], padded))

    def total(self, lo: int, hi: int) -> int:
        """Sum of the values on days ``lo`` to ``hi`` inclusive (ordinals)."""
        lo = max(lo, self.origin) - self.origin
        hi = min(hi, self.last) - self.origin
        if hi < lo:
            return 0
        return self.prefix[hi + 1] - self.prefix[lo]


def acute_chronic_loads(
    series: DailySeries,
    acute_lambda: float = ACUTE_LAMBDA,
    chronic_lambda: float = CHRONIC_LAMBDA,
) -> tuple[list[float], list[float]]:
    """The acute and the chronic EWMA of the daily values, one of each a day.

    Both start at 0 on the series' first day (Williams et al. 2017 seed them at
    0 too). A missing day is a day of 0 load, which is what makes the EWMA decay.
    Two lists of floats rather than a list of pairs: no tuple a day to allocate.
    """
    acute = chronic = 0.0
    keep_acute = 1 - acute_lambda
    keep_chronic = 1 - chronic_lambda
    acutes: list[float] = []
    chronics: list[float] = []
    for value in series.values:
        acute = acute_lambda * value + keep_acute * acute
        chronic = chronic_lambda * value + keep_chronic * chronic
        acutes.append(acute)
        chronics.append(chronic)
    return acutes, chronics


def acute_chronic_ratios(
    series: DailySeries,
    acute_lambda: float = ACUTE_LAMBDA,
    chronic_lambda: float = CHRONIC_LAMBDA,
) -> list[tuple[float, float]]:
    """(acute, chronic) EWMA pairs, one a day: ``acute_chronic_loads`` zipped.

    Kept for the load chart, which draws the same EWMA as the load-ratio rule.
    """
    return list(zip(*acute_chronic_loads(series, acute_lambda, chronic_lambda), strict=True))


def weekly_distance(
    days_and_metres: Iterable[tuple[int, int]], week_start: int = 0
) -> dict[int, int]:
    """Metres per week number (see ``week_index``) for (ordinal, metres) pairs."""
    weeks: dict[int, int] = {}
    for day, m in days_and_metres:
        week = (day - 1 - week_start) // 7
        weeks[week] = weeks.get(week, 0) + m
    return weeks


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (clamped to the month's end)."""
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, dom))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
