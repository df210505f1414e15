"""The ranges a runner can pick for the dashboard's charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Labels marked for translation; the dashboard shows them in the page's language.
from advice.i18n import N_


@dataclass(frozen=True)
class RangeOption:
    key: str
    label: str
    weeks: int | None  # None: the whole log


RANGE_OPTIONS: tuple[RangeOption, ...] = (
    RangeOption("12w", N_("12 weeks"), 12),
    RangeOption("6m", N_("6 months"), 26),
    RangeOption("1y", N_("1 year"), 52),
    RangeOption("all", N_("All"), None),
)
# What the weekly load chart's bars measure: running distance, or session-RPE load
# (effort x minutes, every activity). Kept in the URL beside the range (?load=effort).
LOAD_DISTANCE = "distance"
LOAD_EFFORT = "effort"
LOAD_OPTIONS: tuple[RangeOption, ...] = (
    RangeOption(LOAD_DISTANCE, N_("Distance"), None),
    RangeOption(LOAD_EFFORT, N_("Session load"), None),
)


def load_measure(key: str | None) -> str:
    """The measure the runner picked; anything else is distance."""
    return LOAD_EFFORT if key == LOAD_EFFORT else LOAD_DISTANCE


# Twelve weeks show a training block and its build-up, and keep the page's work
# (and the rows the flags need) small whatever the length of the log.
DEFAULT_RANGE = "12w"
_BY_KEY = {option.key: option for option in RANGE_OPTIONS}


@dataclass(frozen=True)
class ChartRange:
    key: str
    label: str
    start: date
    end: date  # today: the current week is drawn up to today

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def week_start_of(day: date, week_start: int) -> date:
    """The first day of the runner's week holding ``day`` (0 = Monday ... 6 = Sunday)."""
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def chart_range(
    key: str | None, *, today: date, week_start: int, first_day: date | None
) -> ChartRange:
    """The range the runner picked (or the default): whole weeks ending with this one;
    "all" starts on the first day of the log."""
    option = _BY_KEY.get(key or "", _BY_KEY[DEFAULT_RANGE])
    this_week = week_start_of(today, week_start)
    if option.weeks is not None:
        start = this_week - timedelta(weeks=option.weeks - 1)
    else:
        start = min(first_day, today) if first_day is not None else this_week
    return ChartRange(key=option.key, label=option.label, start=start, end=today)
