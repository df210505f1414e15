"""Load: how much, how suddenly, how often, how fast.

Each rule here: its thresholds (with where they come from), its catalogue entry
and its check, side by side. The registry (``advice.rules``) picks up every
``@rule`` in this module, in the order they are defined.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from operator import sub

from .. import sources as src
from ..i18n import N_, Num, Text, concat
from ..load import (
    ACUTE_LAMBDA,
    CHRONIC_LAMBDA,
    acute_chronic_loads,
    percent_above,
    week_first_day,
    week_index,
)
from ..types import Flag, Grade, Severity
from ..wording import as_date, iso, limit, minutes
from .base import (
    INFO,
    LOOKBACK_DAYS,
    WARNING,
    Context,
    RuleInfo,
    ids,
    make_flag,
    rule,
)
from .episodes import episodes
from .load_more import BREAK_DAYS
from .spikes import Lines, spikes

FAMILY = N_("Load")

# In the first four weeks of a log the runner's past is unknown to us: a run is
# only a spike when it is more than double the longest so far, and by a margin
# (the document 003 rope-jump log, 400-400-700-500-1500, is still one).
NEW_LOG_DAYS = 28
NEW_LOG_FACTOR = 2
NEW_LOG_MIN_M = 5_000


# --- volume-jump --------------------------------------------------------------

# Nielsen et al. 2014: > 30% increase was borderline in novices; the 5 km floor
# keeps a 3 -> 4.5 km week from counting as a jump. Against the biggest of the
# 4 weeks before, so that a normal week after a cutback week is not a "jump"; a
# warning only when the week is also more than 30% above the biggest of the 13
# weeks before (a quarter, as long-run-spike's 90 days): a week like one run a
# month or two ago is a return to a known load, not a new one.
VOLUME_JUMP_PCT = 30
VOLUME_JUMP_MIN_M = 5_000
VOLUME_JUMP_BASE_WEEKS = 4
VOLUME_JUMP_LONG_WEEKS = 13

VOLUME_JUMP = RuleInfo(
    "volume-jump",
    "Weekly distance jumped",
    (INFO, WARNING),
    lambda u: Text(
        "A week's running distance (the current week up to today) is more than "
        "{volume_jump_pct}% and at least {volume_jump_min_m} above the biggest of the "
        "{volume_jump_base_weeks} weeks before it (info); a warning when it is also more than "
        "{volume_jump_pct}% above the biggest of the {volume_jump_long_weeks} weeks before. "
        "Not the week a break of {break_days} days or more ends in: that is "
        "return-after-break's.",
        volume_jump_pct=VOLUME_JUMP_PCT,
        volume_jump_min_m=limit(VOLUME_JUMP_MIN_M, u),
        volume_jump_base_weeks=VOLUME_JUMP_BASE_WEEKS,
        volume_jump_long_weeks=VOLUME_JUMP_LONG_WEEKS,
        break_days=BREAK_DAYS,
    ),
    (src.SHARP_INCREASE, src.GRADUALLY),
    src.EVIDENCE_VOLUME_JUMP,
    Grade.MIXED,
)


@rule(VOLUME_JUMP, reach_days=7 * (VOLUME_JUMP_LONG_WEEKS + 1) + BREAK_DAYS)
def volume_jump(ctx: Context) -> Iterable[Flag]:
    """A week's running distance more than 30% (and 5 km) above the biggest of
    the 4 weeks before; a warning when also above the biggest of the 13 before.

    Every week is checked, the current one from its first day up to today. The
    flag starts on the week's first day and ends on its latest run, so it stays
    put on days without new data and a new run gives it a new key.
    """
    ws = ctx.week_start
    ords = ctx.run_ords
    weekly = _weekly(ctx)
    this_week = week_index(ctx.today_ord, ws)
    for week, total in weekly.items():
        if total - weekly.get(week - 1, 0) < VOLUME_JUMP_MIN_M:
            continue  # the cheap test first: most weeks are not 5 km above the week before
        base, base_week = _biggest(weekly, week, VOLUME_JUMP_BASE_WEEKS)
        if base <= 0 or total - base < VOLUME_JUMP_MIN_M:
            continue
        if total * 100 <= base * (100 + VOLUME_JUMP_PCT):
            continue
        first_day = week_first_day(week, ws)
        lo = bisect_left(ords, first_day)
        hi = bisect_left(ords, first_day + 7, lo)
        previous = ords[lo - 1] if lo else ctx.last_run_before_ord
        if previous is None or ords[lo] - previous - 1 >= BREAK_DAYS:
            continue
        known, known_week = _biggest(weekly, week, VOLUME_JUMP_LONG_WEEKS)
        new = total * 100 > known * (100 + VOLUME_JUMP_PCT)
        detail: str = Text(
            N_(
                "{total} this week, up {pct}% on the biggest of the {weeks} weeks before "
                "({base}, the week of {base_day})."
            )
            if week == this_week
            else N_(
                "{total} that week, up {pct}% on the biggest of the {weeks} weeks before "
                "({base}, the week of {base_day})."
            ),
            total=ctx.fmt(total),
            pct=percent_above(total, base),
            weeks=VOLUME_JUMP_BASE_WEEKS,
            base=ctx.fmt(base),
            base_day=as_date(week_first_day(base_week, ws)),
        )
        if not new:
            detail = concat(
                detail,
                Text(
                    " You ran {known} in the week of {known_day}: a load you have carried "
                    "recently.",
                    known=ctx.fmt(known),
                    known_day=as_date(week_first_day(known_week, ws)),
                ),
            )
        advice = (
            Text(
                "Keep the rest of this week easy, then hold around this distance for a week or "
                "two before adding more, and ease off if anything starts to hurt."
            )
            if week == this_week
            else Text(
                "Hold around this weekly distance for a week or two before adding more, and "
                "ease off if anything starts to hurt."
            )
        )
        yield make_flag(
            VOLUME_JUMP,
            WARNING if new else INFO,
            first_day,
            ords[hi - 1],
            f"week of {iso(first_day)}",
            detail,
            advice,
            src.SHARP_INCREASE,
            ids(ctx.runs[lo:hi]),
        )


def _weekly(ctx: Context) -> dict[int, int]:
    """Running metres per week number (``week_index``), every week of the series:
    differences of the daily prefix sums at the weeks' first days."""
    ws, series = ctx.week_start, ctx.run_m
    prefix, size = series.prefix, len(series.prefix) - 1
    weeks = range(week_index(series.origin, ws), week_index(series.last, ws) + 1)
    edges = [
        prefix[min(max(week_first_day(week, ws) - series.origin, 0), size)]
        for week in range(weeks.start, weeks.stop + 1)
    ]
    return dict(zip(weeks, map(sub, edges[1:], edges), strict=True))


def _biggest(weekly: dict[int, int], week: int, weeks: int) -> tuple[int, int]:
    """(metres, week number) of the biggest of the ``weeks`` weeks before ``week``."""
    best, best_week = 0, week
    for back in range(1, weeks + 1):
        m = weekly.get(week - back, 0)
        if m > best:
            best, best_week = m, week - back
    return best, best_week


# --- long-run-spike -----------------------------------------------------------

# Frandsen et al. 2025: > 10% over the longest run of the previous 30 days raised
# injury risk; > 30% is the study's next band. A warning only when the run is also
# more than 30% over the longest of 90 days: a run no longer than one of a month or
# two ago is a return to a known distance, not a new one. 1 km floor for short runs.
LONG_RUN_WINDOW_DAYS = 30
LONG_RUN_LONG_WINDOW_DAYS = 90
LONG_RUN_INFO_PCT = 10
LONG_RUN_WARNING_PCT = 30
LONG_RUN_MIN_M = 1_000
RECENT_DAYS = 3  # a run this recent still has "the next few days" ahead of it
_LONG_RUN_LINES = Lines(
    window_days=LONG_RUN_WINDOW_DAYS,
    long_window_days=LONG_RUN_LONG_WINDOW_DAYS,
    pct=LONG_RUN_INFO_PCT,
    floor=LONG_RUN_MIN_M,
    new_log_days=NEW_LOG_DAYS,
    new_log_factor=NEW_LOG_FACTOR,
    new_log_floor=NEW_LOG_MIN_M,
)

LONG_RUN_SPIKE = RuleInfo(
    "long-run-spike",
    "Run much longer than usual",
    (INFO, WARNING),
    lambda u: Text(
        "A run is more than {long_run_info_pct}% (info) and at least {long_run_min_m} longer "
        "than the longest run of the {long_run_window_days} days before it; a warning when it "
        "is more than {long_run_warning_pct}% longer than the longest of the "
        "{long_run_window_days} and of the {long_run_long_window_days} days before. No flag "
        "when there was no run in those {long_run_window_days} days. In the first "
        "{new_log_days} days of a log, only a run more than double the longest so far and at "
        "least {new_log_min_m} longer (a warning). A race gets recovery advice.",
        long_run_info_pct=LONG_RUN_INFO_PCT,
        long_run_min_m=limit(LONG_RUN_MIN_M, u),
        long_run_window_days=LONG_RUN_WINDOW_DAYS,
        long_run_warning_pct=LONG_RUN_WARNING_PCT,
        long_run_long_window_days=LONG_RUN_LONG_WINDOW_DAYS,
        new_log_days=NEW_LOG_DAYS,
        new_log_min_m=limit(NEW_LOG_MIN_M, u),
    ),
    (src.FEASIBLE_LOAD, src.SHARP_INCREASE),
    src.EVIDENCE_LONG_RUN_SPIKE,
    Grade.SUPPORTED,
)


def _over(amount: int, base: tuple[int, int] | None, pct: int) -> bool:
    return base is None or amount * 100 > base[1] * (100 + pct)


@rule(LONG_RUN_SPIKE, reach_days=LONG_RUN_LONG_WINDOW_DAYS)
def long_run_spike(ctx: Context) -> Iterable[Flag]:
    """A run more than 10% / 30% (and 1 km) longer than the longest of the 30
    (and, for a warning, 90) days before; in a new log, double the longest so far.

    The day's longest run is compared (two runs on one day are not added up);
    earlier runs on the same day are not "before" it.
    """
    for spike in spikes(ctx, ctx.run_ords, ctx.run_metres, _LONG_RUN_LINES):
        day, m, longest, longer = spike.day, spike.amount, spike.longest, spike.longer
        new_log = spike.new_log
        severity = (
            WARNING
            if new_log
            or (_over(m, longest, LONG_RUN_WARNING_PCT) and _over(m, longer, LONG_RUN_WARNING_PCT))
            else INFO
        )
        run = ctx.runs[spike.at]
        if new_log:
            compared: str = Text(
                "more than double your longest run so far ({longest} on {day}), in the first "
                "weeks of your log",
                longest=ctx.fmt(longest[1]),
                day=as_date(longest[0]),
            )
        else:
            compared = Text(
                "{pct}% longer than the longest run of the {days} days before ({longest} on {day})",
                pct=percent_above(m, longest[1]),
                days=LONG_RUN_WINDOW_DAYS,
                longest=ctx.fmt(longest[1]),
                day=as_date(longest[0]),
            )
            if severity is WARNING and longer is not None and longer[1] > longest[1]:
                compared = concat(
                    compared,
                    Text(
                        " and {pct}% longer than any of the {days} days before ({longer} on {day})",
                        pct=percent_above(m, longer[1]),
                        days=LONG_RUN_LONG_WINDOW_DAYS,
                        longer=ctx.fmt(longer[1]),
                        day=as_date(longer[0]),
                    ),
                )
        recent = ctx.today_ord - day <= RECENT_DAYS
        advice: str
        if run.race:
            advice = (
                Text(
                    "A race asks more of you than training, by design: recover before you "
                    "build again, with rest or short easy runs for the next days."
                )
                if recent
                else Text(
                    "A race asks more of you than training, by design: recover before you "
                    "build again, with rest or short easy runs until your legs feel fresh."
                )
            )
        elif recent:
            advice = Text(
                "Take the next few days easy, and let the long run grow by no more than "
                "about a tenth at a time."
            )
        else:
            advice = Text(
                "From here, let the long run grow by no more than about a tenth at a time."
            )
        yield make_flag(
            LONG_RUN_SPIKE,
            severity,
            day,
            day,
            iso(day),
            Text(
                N_("A race of {distance} on {day}, {compared}.")
                if run.race
                else N_("{distance} on {day}, {compared}."),
                distance=ctx.fmt(m),
                day=as_date(day),
                compared=compared,
            ),
            advice,
            src.FEASIBLE_LOAD,
            ids((run,)),
        )


# --- impact-spike: rope jumping and other impact counted in minutes ---------------

# The activities that load the legs with impact but are logged by time, not
# distance: the document 003 forum log of 400, 400, 700, 500 and 1500 jumps ended
# in a sprained Achilles. Runs are long-run-spike's (by distance); cycling,
# strength and "other" are not impact. The lines are long-run-spike's warning
# line (30%) with a 5-minute floor; no info level.
IMPACT_ACTIVITIES = frozenset({"jump_rope"})
# Their names as a flag writes them ("jump rope"), for the catalogue.
IMPACT_ACTIVITY_WORDS = (N_("jump rope"),)
IMPACT_WINDOW_DAYS = LONG_RUN_WINDOW_DAYS
IMPACT_PCT = 30
IMPACT_MIN_SECONDS = 5 * 60
_IMPACT_LINES = _LONG_RUN_LINES._replace(floor=IMPACT_MIN_SECONDS, new_log_floor=IMPACT_MIN_SECONDS)

IMPACT_SPIKE = RuleInfo(
    "impact-spike",
    "Jumping session much longer than usual",
    (WARNING,),
    Text(
        "A rope-jumping session is more than {impact_pct}% and at least {impact_min_minutes} "
        "minutes longer than the longest of the {impact_window_days} days before it (no flag "
        "when there was none). In the first {new_log_days} days of a log, only a session more "
        "than double the longest so far and at least {impact_min_minutes} minutes longer.",
        impact_pct=IMPACT_PCT,
        impact_min_minutes=IMPACT_MIN_SECONDS // 60,
        impact_window_days=IMPACT_WINDOW_DAYS,
        new_log_days=NEW_LOG_DAYS,
    ),
    (src.SHARP_INCREASE, src.JUMP_ROPE_INJURY),
    src.EVIDENCE_IMPACT_SPIKE,
    Grade.DOCUMENTS_ONLY,
)


@rule(IMPACT_SPIKE, reach_days=IMPACT_WINDOW_DAYS)
def impact_spike(ctx: Context) -> Iterable[Flag]:
    """A rope-jumping session more than 30% (and 5 minutes) longer than the
    longest of the 30 days before; in a new log, double the longest so far."""
    sessions = [s for s in ctx.sessions if s.activity in IMPACT_ACTIVITIES and s.duration_min]
    if len(sessions) < 2:
        return
    ords = [s.date.toordinal() for s in sessions]
    seconds = [round((s.duration_min or 0) * 60) for s in sessions]
    for spike in spikes(ctx, ords, seconds, _IMPACT_LINES):
        day, amount, longest, new_log = spike.day, spike.amount, spike.longest, spike.new_log
        if not new_log and not _over(amount, longest, IMPACT_PCT):
            continue
        session = sessions[spike.at]
        compared = (
            Text("more than double your longest so far")
            if new_log
            else Text(
                "{pct}% longer than your longest of the {days} days before",
                pct=percent_above(amount, longest[1]),
                days=IMPACT_WINDOW_DAYS,
            )
        )
        yield make_flag(
            IMPACT_SPIKE,
            WARNING,
            day,
            day,
            iso(day),
            Text(
                "{amount} of {activity} on {day}, {compared} ({longest} on {longest_day}).",
                amount=minutes(amount / 60),
                activity=Text(session.activity.replace("_", " ")),
                day=as_date(day),
                compared=compared,
                longest=minutes(longest[1] / 60),
                longest_day=as_date(longest[0]),
            ),
            Text(
                "Add jumping time gradually, no more than about a tenth at a time, and stop "
                "when your knees, calves or Achilles hurt."
            ),
            src.JUMP_ROPE_INJURY,
            ids((session,)),
        )


# --- load-ratio-high ------------------------------------------------------------

# Gabbett 2016: the "danger zone" starts at 1.5; EWMA (Williams 2017) needs a
# chronic base, hence 28 days of history first.
LOAD_RATIO_MAX = 1.5
LOAD_RATIO_MIN_HISTORY_DAYS = 28

LOAD_RATIO_HIGH = RuleInfo(
    "load-ratio-high",
    "Acute:chronic load ratio high",
    (INFO,),
    Text(
        "On a running day the acute:chronic ratio of daily running distance (EWMA, lambda 2/8 "
        "and 2/29, both starting at 0) is above {load_ratio_max}, once there are "
        "{load_ratio_min_history_days} days of history. A contested measure: shown as context.",
        load_ratio_max=Num(LOAD_RATIO_MAX, 1),
        load_ratio_min_history_days=LOAD_RATIO_MIN_HISTORY_DAYS,
    ),
    (src.SHARP_INCREASE,),
    src.EVIDENCE_LOAD_RATIO,
    Grade.MIXED,
)


@rule(LOAD_RATIO_HIGH, reach_days=LOOKBACK_DAYS)
def load_ratio_high(ctx: Context) -> Iterable[Flag]:
    """Acute:chronic EWMA ratio of daily running distance above 1.5 on a running day.

    Checked on running days only: on a rest day the acute load falls faster than
    the chronic one, so the ratio can only fall. Consecutive high days make one
    episode; the detail shows its peak.
    """
    if ctx.first_session_ord is None or not ctx.run_days:
        return
    acute_load, chronic_load = acute_chronic_loads(ctx.run_m, ACUTE_LAMBDA, CHRONIC_LAMBDA)
    origin = ctx.run_m.origin
    min_day = ctx.first_session_ord + LOAD_RATIO_MIN_HISTORY_DAYS
    days: list[int] = []
    states: list[Severity | None] = []
    for day in ctx.run_days:
        acute, chronic = acute_load[day - origin], chronic_load[day - origin]
        if day < min_day or acute <= 0:
            continue
        days.append(day)
        states.append(INFO if acute > LOAD_RATIO_MAX * chronic else None)
    for _state, first, last in episodes(days, states):
        high = [days[i] for i in range(first, last + 1) if states[i]]
        peak_day = max(high, key=lambda d: acute_load[d - origin] / chronic_load[d - origin])
        acute, chronic = acute_load[peak_day - origin], chronic_load[peak_day - origin]
        yield make_flag(
            LOAD_RATIO_HIGH,
            INFO,
            days[first],
            days[last],
            iso(days[first]),
            Text(
                "Acute:chronic ratio {ratio} on {day} (7-day load {acute} a day against 28-day "
                "load {chronic} a day). This measure is contested: it comes from team sports "
                "and may be a statistical artefact, so read it as context, not a verdict.",
                ratio=Num(acute / chronic, 2),
                day=as_date(peak_day),
                acute=ctx.fmt(acute),
                chronic=ctx.fmt(chronic),
            ),
            Text(
                "Your recent running is well above what you are used to: let the next days be "
                "easier."
            ),
            src.SHARP_INCREASE,
            (r.id for d in high for r in ctx.runs_on(d)),
        )


# The family's last two rules live in load_more.py (this module's size); imported
# here, at the end, so that they stand last in the family as the registry reads it.
from .load_more import (  # noqa: E402, F401
    FAST_IDEAL_PCT,
    FAST_MAX_PCT,
    RETURN_AFTER_BREAK,
    TOO_MUCH_SPEED,
    return_after_break,
    too_much_speed,
)
