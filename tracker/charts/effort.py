"""Session-RPE load a column for the weekly load chart, with each week's monotony
and strain (advice.effort: the same arithmetic as the monotony-high rule).

Monotony is a measure of a whole week of 7 days: it is given for a column that is a
week, over, inside the range, and whose sessions all have an effort and a duration
(a session without them would count as a rest day and change the answer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from advice.effort import WEEK_DAYS, WeekLoad, week_load
from advice.i18n import N_
from tracker.charts.periods import Bins, Period
from tracker.charts.series import EffortLoad

FORMULA = N_(
    "Session load = effort (1-10, asked about 30 minutes after the session) × minutes, in "
    "arbitrary units (AU), every activity. Monotony = the mean daily load of the week ÷ its "
    "standard deviation (the population SD of the 7 days, rest days as 0); strain = the "
    "week's load × monotony (Foster 1998)."
)


@dataclass(frozen=True)
class EffortColumns:
    """A column's session load and unrated sessions; a week's monotony and strain."""

    load: list[float]  # AU a column
    unrated: list[int]  # sessions without an effort or a duration, a column
    weeks: list[WeekLoad | None]  # a column; None: not a whole, fully rated week


def effort_columns(bins: Bins, effort: EffortLoad) -> EffortColumns:
    size = len(bins)
    load = [0.0] * size
    unrated = [0] * size
    for number, au in effort.load.items():
        load[_column(bins, effort, number)] += au
    for number, missing in effort.unrated.items():
        unrated[_column(bins, effort, number)] += missing
    weeks: list[WeekLoad | None] = [None] * size
    if bins.period is Period.WEEK and effort.period is Period.DAY:
        for column in range(size):
            first = bins.boundary(column)
            if unrated[column] or not load[column] or not _whole(bins, column, first):
                continue
            daily = [effort.load.get(first.toordinal() + i, 0.0) for i in range(WEEK_DAYS)]
            weeks[column] = week_load(daily)
    return EffortColumns(load=load, unrated=unrated, weeks=weeks)


def _column(bins: Bins, effort: EffortLoad, number: int) -> int:
    if effort.period is Period.DAY and bins.period is not Period.DAY:
        return bins.column(date.fromordinal(number))
    return bins.column_of_index(number)


def _whole(bins: Bins, column: int, first: date) -> bool:
    """The week lies inside the range and is over (today may be its last day)."""
    return first >= bins.start and first + timedelta(days=WEEK_DAYS - 1) <= bins.end
