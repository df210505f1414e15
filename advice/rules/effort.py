"""Load from effort: session-RPE load, monotony and strain (advice.effort).

Each rule here: its thresholds, its catalogue entry and its check, side by side.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from .. import sources as src
from ..effort import MONOTONY_HIGH, WEEK_DAYS, session_load, week_load
from ..i18n import N_, Num, Text
from ..load import week_first_day, week_index
from ..types import Flag, Grade
from ..wording import as_date, iso
from .base import INFO, Context, RuleInfo, ids, make_flag, rule

FAMILY = N_("Load from effort")

# --- monotony-high ------------------------------------------------------------

# Foster 1998: monotony above 2.0 went with the illnesses that followed weeks of
# high strain (advice.effort.MONOTONY_HIGH). Only whole weeks up to today, and only
# weeks in which every session has an effort and a duration: a session without
# them would count as a rest day and make the week look more varied or less.
MONOTONY_HIGH_RULE = RuleInfo(
    "monotony-high",
    "Every day alike",
    (INFO,),
    Text(
        "A whole week in which every session has an effort (CR-10) and a duration has a "
        "training monotony above {monotony_high} (the mean daily session load divided by its "
        "standard deviation over the week's {week_days} days, rest days as 0; Foster 1998), or "
        "the same load every day. The strain (the week's load times its monotony) is shown.",
        monotony_high=Num(MONOTONY_HIGH, 1),
        week_days=WEEK_DAYS,
    ),
    (src.REST_DAYS,),
    src.EVIDENCE_MONOTONY,
    Grade.MIXED,
)


@rule(MONOTONY_HIGH_RULE, reach_days=WEEK_DAYS)
def monotony_high(ctx: Context) -> Iterable[Flag]:
    """A whole week, fully rated, with monotony above 2.0 (or no variation at all)."""
    ws = ctx.week_start
    last_whole_week = week_index(ctx.today_ord + 1, ws) - 1  # today may end a week
    sessions = ctx.sessions  # by date
    ords = [s.date.toordinal() for s in sessions]
    # A week at a time, its sessions found by bisect: a key function a session (as
    # groupby needs) made this the slowest rule over a ten-year log.
    at = 0
    while at < len(ords):
        week = week_index(ords[at], ws)
        if week > last_whole_week:
            break
        first = week_first_day(week, ws)
        end = bisect_left(ords, first + WEEK_DAYS, at)
        week_sessions, week_ords, at = sessions[at:end], ords[at:end], end
        loads = [session_load(s.rpe, s.duration_min) for s in week_sessions]
        if None in loads:
            continue
        daily = [0.0] * WEEK_DAYS
        for day, load in zip(week_ords, loads, strict=True):
            daily[day - first] += load or 0.0
        stats = week_load(daily)
        if stats.uniform:
            variation = Text("the same load every day: no variation at all")
        elif stats.monotony is not None and stats.monotony > MONOTONY_HIGH:
            variation = Text(
                "monotony {monotony} (mean daily load {mean} AU ÷ its standard deviation "
                "{sd} AU), strain {strain}",
                monotony=Num(stats.monotony, 2),
                mean=Num(stats.mean),
                sd=Num(stats.sd),
                strain=Num(stats.strain or 0.0),  # set whenever monotony is
            )
        else:
            continue
        days = sum(1 for load in daily if load > 0)
        yield make_flag(
            MONOTONY_HIGH_RULE,
            INFO,
            first,
            first + WEEK_DAYS - 1,
            f"week of {iso(first)}",
            Text(
                "The week of {first}: session load {load} AU (effort × minutes) on {days} "
                "of {week_days} days, {variation}. A contested measure from one study: read it "
                "as context.",
                first=as_date(first),
                load=Num(stats.load),
                days=days,
                week_days=WEEK_DAYS,
                variation=variation,
            ),
            Text(
                "Vary the week: keep the easy days easy and take a rest day, so the hard "
                "sessions stand out."
            ),
            src.REST_DAYS,
            ids(week_sessions),
        )
