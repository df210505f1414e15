"""Whether a session's distance and time can be true: one set of checks for the
session form, the CSV import (import_csv and the web's preview) and activity files.

Pure Python (no Django): the callers turn a Problem into a form error, a
``FILE:LINE: column: message`` line or an activity file's refusal. Its wording is
one ``advice.i18n.Text`` each (English where printed or stored; a page shows it in
the runner's language with tracker.i18n.translated, also when a worker made it).

A refusal here must be worth reading: the thresholds sit beyond what any runner or
walker does, so a message means a typo (a distance in metres, a time in hours), never
a fast runner.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from advice.i18n import Text, concat
from tracker.units import pace_clock

RUN, WALK = "run", "walk"  # tracker.models.Activity's values
NEEDS_DISTANCE = (RUN, WALK)

# 2:30 /km (24 km/h). The men's world records from 5 km up are all slower: 5 km
# 12:35 (2:31 /km), 10 km 26:11 (2:37 /km), marathon 2:00:35 (2:52 /km) (World
# Athletics records, 2024). Faster over more than a kilometre is a typo or a ride.
RUN_FASTEST_MIN_PER_KM = 2.5
# Shorter efforts are left alone: a 400 m repetition or a sprint is faster than
# 2:30 /km (the 100 m record is 1:36 /km), and a GPS trace that short is noise.
RUN_CHECKED_FROM_KM = 1.0
# 6:00 /km (10 km/h). People change from walking to running at about 2 m/s,
# 7.2 km/h (Hreljac 1993, Med Sci Sports Exerc 25:1158), and the fastest brisk
# walking is about 8 km/h; 10 km/h is a run, a ride or a mistyped distance. Race
# walkers go faster (20 km record 1:16:36, 3:50 /km): they log it as a run.
WALK_FASTEST_MIN_PER_KM = 6.0


# What each activity that needs one says without a distance: a sentence each, as
# other languages decline the activity's name.
NO_DISTANCE = {
    RUN: Text("a run needs a distance above 0"),
    WALK: Text("a walk needs a distance above 0"),
}
# The CSV import's words for an empty distance cell.
DISTANCE_REQUIRED = {
    RUN: Text("required for a run"),
    WALK: Text("required for a walk"),
}


@dataclass(frozen=True)
class Problem:
    """One implausible value: which field (the session form's / the CSV column's
    base name: "distance" or "duration") and what is wrong, as a clause."""

    field: str
    clause: Text  # part of a line ("FILE:LINE: column: a run needs ..."): no capital, no stop

    @property
    def message(self) -> Text:
        """The clause as a sentence, for a form: capital letter, full stop."""
        return concat(self.clause.capitalised(), ".")


def clauses(problems: list[Problem]) -> Text:
    """Every problem's clause, "; " between them: an activity file's refusal."""
    parts: list[str] = []
    for problem in problems:
        parts.extend(("; ", problem.clause) if parts else (problem.clause,))
    return concat(*parts)


def _number(value: Decimal | float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def pace_min_per_km(
    distance_km: Decimal | float | None, minutes: Decimal | float | None
) -> float | None:
    """Minutes per km, or None without a distance above 0 and a time above 0."""
    km, mins = _number(distance_km), _number(minutes)
    if km is None or mins is None or km <= 0 or mins <= 0:
        return None
    return mins / km


def check(
    activity: str,
    distance_km: Decimal | float | None,
    duration_min: Decimal | float | None,
    *,
    units: str = "km",
) -> list[Problem]:
    """What cannot be true of this session; empty when it can be. ``units`` is how
    a pace is named in the messages (the runner's: "km" or "mi")."""
    problems: list[Problem] = []
    km, minutes = _number(distance_km), _number(duration_min)
    if activity in NEEDS_DISTANCE and (km is None or km <= 0):
        problems.append(Problem("distance", NO_DISTANCE[activity]))
    if km is not None and km > 0 and minutes is not None and minutes <= 0:
        problems.append(
            Problem(
                "duration",
                Text(
                    "a duration of 0 with a distance cannot be: give the time it took, "
                    "or leave the duration empty"
                ),
            )
        )
    pace = pace_min_per_km(km, minutes)
    if pace is None or km is None:
        return problems
    if activity == RUN and km > RUN_CHECKED_FROM_KM and pace < RUN_FASTEST_MIN_PER_KM:
        problems.append(
            Problem(
                "duration",
                Text(
                    "{pace} is faster than the world record pace: check the distance and the time",
                    pace=pace_text(pace, units),
                ),
            )
        )
    elif activity == WALK and pace < WALK_FASTEST_MIN_PER_KM:
        problems.append(
            Problem(
                "duration",
                Text(
                    "{pace} is faster than anyone walks: check the distance and the time, "
                    "or log it as a run",
                    pace=pace_text(pace, units),
                ),
            )
        )
    return problems


def pace_text(min_per_km: float, units: str) -> Text:
    """ "2:05 /km" (tracker.units.format_pace's English) as a Text: its unit is worded
    where the message is shown, in that page's language, not where it was made."""
    clock = pace_clock(min_per_km, units)
    return Text("{time} /mi", time=clock) if units == "mi" else Text("{time} /km", time=clock)
