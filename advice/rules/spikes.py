"""Spikes: a day's longest item (a run's metres, a rope session's seconds) set
against the longest of the days before it. Shared by long-run-spike and
impact-spike (``advice.rules.load``), which pass their lines and decide the
severity; not a family, so it registers no rule.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Iterator
from typing import NamedTuple

from .base import Context


class Lines(NamedTuple):
    """What a spike is measured against."""

    window_days: int  # the longest of these days before is the base
    long_window_days: int  # the longer look back a warning also needs
    pct: int  # more than this much over the base
    floor: int  # and at least this much over it (metres, seconds)
    new_log_days: int  # the first days of a log, whose past is unknown
    new_log_factor: int  # there: more than this many times the longest yet
    new_log_floor: int  # and at least this much over it


class Spike(NamedTuple):
    """A day whose longest item stands out from what came before it."""

    day: int
    at: int  # the index of the day's longest item in the rule's list
    amount: int
    longest: tuple[int, int]  # (day, amount): the 30-day longest, or in a new log the longest yet
    longer: tuple[int, int] | None  # the 90-day longest (None in a new log)
    new_log: bool  # in the first NEW_LOG_DAYS of the log


def _longest_of_day(ords: list[int], amounts: list[int]) -> tuple[list[int], list[int], list[int]]:
    """Each day's longest item (two runs on a day are not added up): the days, the
    amounts and the items' indexes (the first of equals); items of 0 left out.
    ``ords`` is sorted."""
    days: list[int] = []
    amts: list[int] = []
    at: list[int] = []
    last = None  # the day of the item last kept
    for i, day in enumerate(ords):
        amount = amounts[i]
        if day == last:
            if amount > amts[-1]:
                amts[-1], at[-1] = amount, i
        elif amount > 0:
            days.append(day)
            amts.append(amount)
            at.append(i)
            last = day
    return days, amts, at


def spikes(ctx: Context, ords: list[int], amounts: list[int], lines: Lines) -> Iterator[Spike]:
    """Days whose longest item is more than ``lines.pct`` and ``lines.floor`` over
    the longest of the ``lines.window_days`` before; in a new log, more than
    ``new_log_factor`` times the longest yet and ``new_log_floor`` over it. The
    rules decide the severity.

    The 30 days' longest is kept in a monotonic deque (indexes, amounts falling),
    in one loop with no calls: cheaper than any filter in front of it.
    """
    days, amts, at = _longest_of_day(ords, amounts)
    new_until = bisect_left(days, (ctx.first_session_ord or 0) + lines.new_log_days)
    over, floor, reach = 100 + lines.pct, lines.floor, lines.window_days  # locals: the loop's
    window: deque[int] = deque()
    for k in range(len(days)):
        day, amount = days[k], amts[k]
        while window and days[window[0]] < day - reach:
            window.popleft()
        if k < new_until:
            if k:
                longest = _latest_max(days, amts, 0, k)
                if (
                    amount > lines.new_log_factor * longest[1]
                    and amount - longest[1] >= lines.new_log_floor
                ):
                    yield Spike(day, at[k], amount, longest, None, True)
        elif window:
            most = amts[window[0]]
            if amount - most >= floor and amount * 100 > most * over:
                lo = bisect_left(days, day - lines.long_window_days, 0, k)
                longer = _latest_max(days, amts, lo, k)
                yield Spike(day, at[k], amount, (days[window[0]], most), longer, False)
        while window and amts[window[-1]] <= amount:
            window.pop()
        window.append(k)


def _latest_max(days: list[int], amounts: list[int], lo: int, hi: int) -> tuple[int, int]:
    """(day, amount) of the longest of ``lo:hi``, the latest of equals."""
    window = amounts[lo:hi]
    best = max(window)
    return days[hi - 1 - window[::-1].index(best)], best
