"""Habits around a run: warming up, cooling down, walking rather than stopping,
and a rest day now and then.

Each rule here: its thresholds, its catalogue entry and its check, side by side.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress, repeat
from operator import attrgetter, ge, sub

from .. import sources as src
from ..i18n import N_, Text
from ..load import metres
from ..types import Flag, Grade, Severity, Source
from ..wording import as_date, iso
from .base import (
    BEGINNER_WEEKS,
    EPISODE_MAX_DAYS,
    INFO,
    Context,
    RuleInfo,
    ids,
    make_flag,
    rule,
    runs_by_day,
)
from .episodes import episodes

FAMILY = N_("Habits")

# 3 of the last 5 recorded runs; older than 60 days is not a habit.
HABIT_LAST_RUNS = 5
HABIT_MIN_MISSING = 3
HABIT_WINDOW_DAYS = 60


def _habit_text(what: str) -> str:
    return Text(
        "At least {missing} of the last {runs} runs that record a {what} (within {days} days) "
        "had 0 minutes.",
        missing=HABIT_MIN_MISSING,
        runs=HABIT_LAST_RUNS,
        what=Text(what),
        days=HABIT_WINDOW_DAYS,
    )


def _habit(
    ctx: Context, attr: str, info: RuleInfo, what: str, advice: str, source: Source
) -> Iterator[Flag]:
    """At least 3 of the last 5 runs (of 60 days) that record ``attr`` had 0 minutes."""
    values = list(map(attrgetter(attr), ctx.runs))
    recorded = [i for i, v in enumerate(values) if v is not None]
    if not recorded:
        return
    days = [ctx.run_ords[i] for i in recorded]
    zeros = [0, *accumulate([values[i] == 0 for i in recorded])]
    # The window of point i: the last 5 recorded runs, none older than 60 days.
    # Counted for every point at once (in C); the 60-day bound is only looked at
    # where the last 5 alone hold 3 zeros.
    n, last_n = len(days), HABIT_LAST_RUNS
    in_last_n = map(sub, zeros[1:], [0] * (last_n - 1) + zeros[: n - last_n + 1])
    states: list[Severity | None] = [None] * n
    window_first: dict[int, int] = {}  # of the points where it holds
    for i in compress(range(n), map(ge, in_last_n, repeat(HABIT_MIN_MISSING))):
        lo = max(i - last_n + 1, bisect_left(days, days[i] - HABIT_WINDOW_DAYS + 1))
        if zeros[i + 1] - zeros[lo] >= HABIT_MIN_MISSING:
            states[i] = INFO
            window_first[i] = lo
    for _state, first, last in episodes(days, states):
        missing = [ctx.runs[i] for i in recorded[window_first[first] : last + 1] if values[i] == 0]
        lo = window_first[last]
        yield make_flag(
            info,
            INFO,
            missing[0].date.toordinal(),
            days[last],
            Text(what),
            Text(
                "{missing} of your last {runs} runs with a recorded {what} had none (the latest "
                "on {day}).",
                missing=zeros[last + 1] - zeros[lo],
                runs=last - lo + 1,
                what=Text(what),
                day=as_date(days[last]),
            ),
            advice,
            source,
            ids(missing),
        )


NO_COOLDOWN = RuleInfo(
    "no-cooldown",
    "Runs without a cool-down",
    (INFO,),
    _habit_text("cool-down"),
    (src.KEEP_MOVING_AFTER, src.COOL_DOWN_STRETCHING),
    src.EVIDENCE_COOL_DOWN,
    Grade.DOCUMENTS_ONLY,
)


@rule(NO_COOLDOWN, reach_days=EPISODE_MAX_DAYS + HABIT_WINDOW_DAYS)
def no_cooldown(ctx: Context) -> Iterable[Flag]:
    """Most recent runs recording a cool-down had 0 minutes of it."""
    return _habit(
        ctx,
        "cooldown_min",
        NO_COOLDOWN,
        N_("cool-down"),
        Text(
            "After a run, keep moving (walk, then stretch) for 5-10 minutes until your heart "
            "rate has settled, rather than stopping still."
        ),
        src.KEEP_MOVING_AFTER,
    )


NO_WARMUP = RuleInfo(
    "no-warmup",
    "Runs without a warm-up",
    (INFO,),
    _habit_text("warm-up"),
    (src.WARM_UP, src.WARMED_UP_BEFORE_JOGGING),
    src.EVIDENCE_WARM_UP,
    Grade.DOCUMENTS_ONLY,
)


@rule(NO_WARMUP, reach_days=EPISODE_MAX_DAYS + HABIT_WINDOW_DAYS)
def no_warmup(ctx: Context) -> Iterable[Flag]:
    """Most recent runs recording a warm-up had 0 minutes of it."""
    return _habit(
        ctx,
        "warmup_min",
        NO_WARMUP,
        N_("warm-up"),
        Text("Start each run with a few minutes of leg warm-up exercises."),
        src.WARM_UP,
    )


STOPPED_MID_RUN = RuleInfo(
    "stopped-mid-run",
    "Stopped mid-run",
    (INFO,),
    Text(
        "A run marked as stopped (stood or sat down to rest) part way.",
    ),
    (src.WALK_DONT_STOP,),
    src.EVIDENCE_STOPPED,
    Grade.DOCUMENTS_ONLY,
)


@rule(STOPPED_MID_RUN, reach_days=0)
def stopped_mid_run(ctx: Context) -> Iterable[Flag]:
    """A run marked ``stopped``: walking the rest beats standing or sitting down."""
    for day, stopped in runs_by_day(ctx, [i for i, r in enumerate(ctx.runs) if r.stopped]):
        yield make_flag(
            STOPPED_MID_RUN,
            INFO,
            day,
            day,
            iso(day),
            Text(
                "You stopped to rest during the run on {day} ({distance}).",
                day=as_date(day),
                distance=ctx.fmt(sum(metres(r.distance_km) for r in stopped)),
            ),
            Text(
                "When you are tired, walk the rest of the distance instead of stopping or "
                "sitting down."
            ),
            src.WALK_DONT_STOP,
            ids(stopped),
        )


# --- no-rest-day -----------------------------------------------------------------

# Document 003: "I wouldn't immediately start running every day"; a week of
# running every day, or four days in a row while the body is new to it.
STREAK_MAX_DAYS = 7
STREAK_MAX_DAYS_BEGINNER = 4

NO_REST_DAY = RuleInfo(
    "no-rest-day",
    "No rest day",
    (INFO,),
    Text(
        "{streak_max_days} or more days in a row with a run; {streak_max_days_beginner} or "
        "more in the first {beginner_weeks} weeks of running.",
        streak_max_days=STREAK_MAX_DAYS,
        streak_max_days_beginner=STREAK_MAX_DAYS_BEGINNER,
        beginner_weeks=BEGINNER_WEEKS,
    ),
    (src.REST_DAYS, src.NOT_EVERY_DAY),
    src.EVIDENCE_NO_REST_DAY,
    Grade.DOCUMENTS_ONLY,
)


@rule(NO_REST_DAY, reach_days=EPISODE_MAX_DAYS)
def no_rest_day(ctx: Context) -> Iterable[Flag]:
    """Seven days in a row with a run; four in the first eight weeks of running.

    The eight weeks count from the profile's start of running, else the first
    session. A streak's threshold is the one that applies on the day it reaches
    it; the flag then covers the whole streak (at most its last 90 days).
    """
    days = ctx.run_days
    if not days or ctx.beginner_until is None:
        return
    start = 0
    for i in range(1, len(days) + 1):
        if i < len(days) and days[i] == days[i - 1] + 1:
            continue
        first, last = days[start], days[i - 1]
        length = last - first + 1
        beginner_day = first + STREAK_MAX_DAYS_BEGINNER - 1
        fires = length >= STREAK_MAX_DAYS or (
            length >= STREAK_MAX_DAYS_BEGINNER and beginner_day < ctx.beginner_until
        )
        if fires:
            shown = max(first, last - EPISODE_MAX_DAYS)
            count = last - shown + 1
            in_a_row = (
                Text("{count} days in a row", count=count)
                if shown == first
                else Text("over 90 days in a row")
            )
            ran = (
                N_("You ran {in_a_row}, {first} to {last} (in your first weeks of running).")
                if length < STREAK_MAX_DAYS
                else N_("You ran {in_a_row}, {first} to {last}.")
            )
            yield make_flag(
                NO_REST_DAY,
                INFO,
                shown,
                last,
                iso(shown),
                Text(ran, in_a_row=in_a_row, first=as_date(shown), last=as_date(last)),
                Text(
                    "Take a rest day: run every other day and do strength work or yoga on the "
                    "days between."
                ),
                src.REST_DAYS,
                ids(ctx.runs_between(shown, last)),
            )
        start = i
