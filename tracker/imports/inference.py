"""The activity of a recording whose file does not say (Strava's and Garmin's GPX
exports carry no <type>): guessed from its pace, and from its cadence where the
device wrote one.

Pure Python, like the readers: a function of figures, tested band by band
(tests/tracker/imports/test_inference.py). The importer marks a session whose
activity came from here as guessed, and the follow-up form says so beside it.

A guess must be worth trusting: where a pace could be two activities (a fast
runner or a slow cyclist; a slow jogger or a brisk walker) and nothing else tells
them apart, the answer is "other", which the runner sets on the follow-up form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from tracker.plausibility import RUN_FASTEST_MIN_PER_KM

RUN, WALK, CYCLE, OTHER = "run", "walk", "cycle", "other"  # tracker.models.Activity

# Paces in minutes per km, from fast to slow; each band's lower bound is inclusive.
# Faster than 1:00 /km (60 km/h) is a car or a train: no cyclist averages that
# (the hour record is 56.8 km/h, on a track).
FASTEST_RIDE_MIN_PER_KM = 1.0
# From there to 2:30 /km (24 km/h) nobody runs (tracker.plausibility: faster than
# the world records from 5 km up): a ride.
# 2:30-3:30 /km (17-24 km/h) is a national-class runner's race pace and an easy
# ride's speed (recreational cyclists average 15-25 km/h): "other". A cadence cannot
# decide it: a file without a sport does not say whether its cadence counts one
# foot's strides or a crank's turns, and a runner's 85 strides and a cyclist's 85
# turns a minute look alike.
RIDE_OR_RUN_UNTIL_MIN_PER_KM = 3.5
# 3:30-8:20 /km is a runner's: below 2 m/s (8:20 /km) people walk rather than run
# (the walk-run transition, Hreljac 1993, Med Sci Sports Exerc 25:1158: 2.0-2.1 m/s).
RUN_UNTIL_MIN_PER_KM = 8 + 20 / 60
# 8:20-9:30 /km (6.3-7.2 km/h) is a slow jog and a brisk walk (Bohannon 1997,
# Age Ageing 26:15: comfortable walking 1.3-1.5 m/s, maximal 1.7-2.5 m/s).
RUN_OR_WALK_UNTIL_MIN_PER_KM = 9.5
# 9:30-30:00 /km (2-6.3 km/h): a walk or a hike (steep hiking drops to 2 km/h).
# Slower than that the recording is mostly standing about: "other".
SLOWEST_WALK_MIN_PER_KM = 30.0

# Too little to tell: GPS noise over a few hundred metres or a minute or two
# gives any pace at all.
SHORTEST_KM = 0.2
SHORTEST_MIN = 2.0
# A recording stopped for at least half of its time is stop-start; in the
# jog-or-walk band that is a walk or a hike with breaks (a runner's stops are short).
STOP_START_MOVING_SHARE = 0.5

# Average cadence in steps a minute, both feet (a FIT or GPX "cadence" of one foot,
# strides a minute, doubles). Running is 150-200 steps/min, walking 90-130
# (Tudor-Locke et al. 2018, Br J Sports Med 52:776: 100 steps/min marks moderate
# walking, about 130 the change to running). Used only between a jog's and a walk's
# paces, where a ride (6-7 km/h) is out of the question.
RUN_CADENCE_FROM_SPM = 140.0
WALK_CADENCE_UNTIL_SPM = 130.0


@dataclass(frozen=True)
class Guess:
    activity: str
    guessed: bool  # False: "other", nothing was guessed


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def guess_activity(
    *,
    distance_km: float | None,
    moving_min: float | None,
    elapsed_min: float | None = None,
    cadence_spm: float | None = None,
) -> Guess:
    """The activity a recording's figures point to. The pace is the moving one
    where the file gives a moving time (a run with a long stop at a crossing is
    still a run), else the elapsed one."""
    km = _finite(distance_km)
    moving = _finite(moving_min)
    elapsed = _finite(elapsed_min)
    cadence = _finite(cadence_spm)
    minutes = moving if moving is not None and moving > 0 else elapsed
    if km is None or minutes is None or km < SHORTEST_KM or minutes < SHORTEST_MIN:
        return Guess(OTHER, False)
    pace = minutes / km
    if cadence is not None and cadence <= 0:
        cadence = None
    if pace < FASTEST_RIDE_MIN_PER_KM:
        return Guess(OTHER, False)
    if pace < RUN_FASTEST_MIN_PER_KM:
        return Guess(CYCLE, True)
    if pace < RIDE_OR_RUN_UNTIL_MIN_PER_KM:
        return Guess(OTHER, False)
    if pace < RUN_UNTIL_MIN_PER_KM:
        return Guess(RUN, True)
    if pace < RUN_OR_WALK_UNTIL_MIN_PER_KM:
        if cadence is not None:
            if cadence >= RUN_CADENCE_FROM_SPM:
                return Guess(RUN, True)
            if cadence <= WALK_CADENCE_UNTIL_SPM:
                return Guess(WALK, True)
            return Guess(OTHER, False)
        stopped_much = (
            moving is not None
            and elapsed is not None
            and elapsed > 0
            and moving / elapsed <= STOP_START_MOVING_SHARE
        )
        return Guess(WALK, True) if stopped_much else Guess(OTHER, False)
    if pace <= SLOWEST_WALK_MIN_PER_KM:
        return Guess(WALK, True)
    return Guess(OTHER, False)


# What a file says when it says nothing: no <type>, or FIT's "generic" sport.
UNSAID_SPORTS = frozenset({"", "generic"})


def file_does_not_say(activity: str, sport_raw: str) -> bool:
    """Whether the reader's "other" is the file's silence rather than a sport it
    named that the log has no activity for (a swim stays "other")."""
    return activity == OTHER and sport_raw.strip().lower() in UNSAID_SPORTS
