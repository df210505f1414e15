"""The rules: one small pure function a rule, the catalogue, ``evaluate``.

``evaluate(history, today)`` builds one ``Context`` (runs only, daily running
metres with prefix sums, pain reports from check-ins and from sessions' own pain
fields, sessions per shoe) and hands it to every rule in ``RULES``. Each rule is
a function ``(ctx, today) -> Iterable[Flag]`` that makes one pass over what it
needs, using prefix sums, sliding windows and bisect, so a ten-year daily log is
evaluated in a few tens of milliseconds.

Conventions shared by the rules
-------------------------------
- "Pain" is a report of severity 2 or more (0-10). Reports come from soreness
  check-ins and from a session's ``pain``/``pain_area``/``pain_side``. A session
  pain without an area counts for acute-pain and recurring-pain only; the rules
  about one area (and side) ignore it. A missing side is its own side ("knee").
- Side ``both`` counts for the left and for the right.
- Several sessions on one day are one running day: single-run flags are per day.
- Pattern rules (a streak, a habit, a worn pair) raise one flag per episode:
  points that keep the pattern going, no more than ``EPISODE_GAP_DAYS`` apart.
  A flag shows at most the last ``EPISODE_MAX_DAYS`` of an episode, so that it
  depends only on the last ``LOOKBACK_DAYS`` of data (see ``LOOKBACK_DAYS``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import accumulate, groupby
from operator import attrgetter, itemgetter
from typing import NamedTuple

from . import sources as src
from .load import (
    ACUTE_LAMBDA,
    CHRONIC_LAMBDA,
    DailySeries,
    acute_chronic_loads,
    add_months,
    format_distance,
    metres,
    percent_above,
    week_first_day,
    weekly_distance,
)
from .types import Flag, Grade, History, SessionRecord, Severity, ShoeRecord, Source

INFO, WARNING, URGENT = Severity.INFO, Severity.WARNING, Severity.URGENT

# --- windows ----------------------------------------------------------------

# A flag may use at most this many days of data before its end: the longest
# episode shown (EPISODE_MAX_DAYS) plus the longest rule window (28 days for
# recurring-pain, 30 for long-run-spike) is 120 days, and the chronic EWMA
# (lambda 2/29) keeps (27/29)**180 = 2.6e-6 of what it held 180 days earlier,
# so a history loaded from 180 days before a range gives the same flags in it.
LOOKBACK_DAYS = 180
# Longest stretch of an episode a flag covers; older points are left out.
EPISODE_MAX_DAYS = 90
# Points of a pattern further apart than the active window are two episodes.
EPISODE_GAP_DAYS = 14
ACTIVE_DAYS = 14  # CONTRACT.md: active flags end in the 14 days up to the day

# --- thresholds (origin in the comment) -------------------------------------

PAIN_MIN = 2  # the app's line between "not really" (0-1) and pain
# Nielsen et al. 2014: > 30% increase was borderline in novices; the 5 km floor
# keeps a 3 -> 4.5 km week from counting as a jump.
VOLUME_JUMP_PCT = 30
VOLUME_JUMP_MIN_M = 5_000
# Frandsen et al. 2025: > 10% over the longest run of the previous 30 days
# raised injury risk; > 30% is the study's next band. 1 km floor for short runs.
LONG_RUN_WINDOW_DAYS = 30
LONG_RUN_INFO_PCT = 10
LONG_RUN_WARNING_PCT = 30
LONG_RUN_MIN_M = 1_000
# Gabbett 2016: the "danger zone" starts at 1.5; EWMA (Williams 2017) needs a
# chronic base, hence 28 days of history first.
LOAD_RATIO_MAX = 1.5
LOAD_RATIO_MIN_HISTORY_DAYS = 28
# Document 000: asphalt hurts calves and knees; our line: half the distance of
# the last two weeks, and at least 10 km so one short road run does not count.
HARD_SURFACES = frozenset({"asphalt", "concrete"})
HARD_WINDOW_DAYS = 14
HARD_MIN_SHARE = 0.5
HARD_MIN_M = 10_000
HARD_PAIN_AREAS = frozenset({"calf", "shin", "knee"})  # "calves ... knee joints"
# Habit rules: 3 of the last 5 recorded runs; older than 60 days is not a habit.
HABIT_LAST_RUNS = 5
HABIT_MIN_MISSING = 3
HABIT_WINDOW_DAYS = 60
# Document 003: "if it does not stop within five days ... consult a doctor".
PAIN_PERSIST_DAYS = 5
PAIN_REPORT_GAP_DAYS = 3  # reports further apart are not one continuing pain
# Document 003: acute pain = sharp; 7/10 is the usual "severe" line on 0-10.
ACUTE_SEVERITY = 7
ACUTE_KINDS = frozenset({"sharp"})
# An acute report with no later "below 2" stops counting after four weeks:
# the runner probably forgot to log that it healed.
ACUTE_OPEN_DAYS = 28
VASCULAR_AREAS = frozenset({"calf", "shin"})  # deep-vein thrombosis signs
VASCULAR_KINDS = frozenset({"pulsating"})  # document 000, thrombophlebitis
NIGHT_WINDOW_DAYS = 14
NIGHT_MIN_NIGHTS = 2
# Document 003 ("constant companions of training"): 3 days in 14, at 3/10 or more.
RECURRING_SEVERITY = 3
RECURRING_MIN_DAYS = 3
RECURRING_WINDOW_DAYS = 14
SHOE_WORN_INFO_PCT = 90
SHOE_WORN_WARNING_PCT = 100
SHOE_AGE_MONTHS = 6  # document 003: "either after 4 months, or after six months"
SHOE_AGE_RECENT_DAYS = 30
NON_RUNNING_KINDS = frozenset({"casual"})
FAST_MAX_PCT = 30  # document 000: "no more than 30% ... optimally up to 10%"
FAST_IDEAL_PCT = 10
# Document 003: "I wouldn't immediately start running every day"; a week of
# running every day, or four days in a row while the body is new to it.
STREAK_MAX_DAYS = 7
STREAK_MAX_DAYS_BEGINNER = 4
BEGINNER_WEEKS = 8
BREAK_DAYS = 14  # two weeks off is a break worth building back from
HILL_SAND_DAYS = 3  # delayed-onset soreness shows within 24-72 h
CALF_LOADING_TERRAIN = frozenset({"hilly"})
CALF_LOADING_SURFACES = frozenset({"sand"})
KNEE_LOADING_TERRAIN = frozenset({"downhill"})


# --- the catalogue ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """One rule as the rules page lists it."""

    rule: str  # stable kebab-case id, the Flag.rule of its flags
    title: str
    severities: tuple[Severity, ...]
    threshold: str  # when it fires, with the numbers
    sources: tuple[Source, ...]
    evidence: str
    grade: Grade


def _dist(m: int) -> str:
    """A threshold in metres as catalogue text: 5000 -> "5 km"."""
    return f"{m / 1000:g} km"


VOLUME_JUMP = RuleInfo(
    "volume-jump",
    "Weekly distance jumped",
    (WARNING,),
    f"A week's running distance (the current week up to today) is more than "
    f"{VOLUME_JUMP_PCT}% and at least {_dist(VOLUME_JUMP_MIN_M)} above the week before, "
    f"which had some running.",
    (src.SHARP_INCREASE, src.GRADUALLY),
    src.EVIDENCE_VOLUME_JUMP,
    Grade.MIXED,
)
LONG_RUN_SPIKE = RuleInfo(
    "long-run-spike",
    "Run much longer than usual",
    (INFO, WARNING),
    f"A run is more than {LONG_RUN_INFO_PCT}% (info) or {LONG_RUN_WARNING_PCT}% (warning) "
    f"and at least {_dist(LONG_RUN_MIN_M)} longer than the longest run of the "
    f"{LONG_RUN_WINDOW_DAYS} days before it; no flag when there was no run in those days.",
    (src.FEASIBLE_LOAD, src.SHARP_INCREASE),
    src.EVIDENCE_LONG_RUN_SPIKE,
    Grade.SUPPORTED,
)
LOAD_RATIO_HIGH = RuleInfo(
    "load-ratio-high",
    "Acute:chronic load ratio high",
    (INFO,),
    f"On a running day the acute:chronic ratio of daily running distance (EWMA, lambda "
    f"2/8 and 2/29, both starting at 0) is above {LOAD_RATIO_MAX}, once there are "
    f"{LOAD_RATIO_MIN_HISTORY_DAYS} days of history. A contested measure: shown as context.",
    (src.SHARP_INCREASE,),
    src.EVIDENCE_LOAD_RATIO,
    Grade.MIXED,
)
HARD_SURFACE = RuleInfo(
    "hard-surface",
    "Mostly on asphalt or concrete",
    (INFO, WARNING),
    f"In the {HARD_WINDOW_DAYS} days up to a run, at least {HARD_MIN_SHARE:.0%} of the "
    f"running distance and at least {_dist(HARD_MIN_M)} were on asphalt or concrete; "
    f"warning when calf, shin or knee pain was reported in those days.",
    (src.HARD_TRACK, src.ASPHALT_HARMFUL),
    src.EVIDENCE_HARD_SURFACE,
    Grade.MIXED,
)
NO_COOLDOWN = RuleInfo(
    "no-cooldown",
    "Runs without a cool-down",
    (INFO,),
    f"At least {HABIT_MIN_MISSING} of the last {HABIT_LAST_RUNS} runs that record a "
    f"cool-down (within {HABIT_WINDOW_DAYS} days) had 0 minutes.",
    (src.KEEP_MOVING_AFTER, src.COOL_DOWN_STRETCHING),
    src.EVIDENCE_COOL_DOWN,
    Grade.DOCUMENTS_ONLY,
)
NO_WARMUP = RuleInfo(
    "no-warmup",
    "Runs without a warm-up",
    (INFO,),
    f"At least {HABIT_MIN_MISSING} of the last {HABIT_LAST_RUNS} runs that record a "
    f"warm-up (within {HABIT_WINDOW_DAYS} days) had 0 minutes.",
    (src.WARM_UP, src.WARMED_UP_BEFORE_JOGGING),
    src.EVIDENCE_WARM_UP,
    Grade.DOCUMENTS_ONLY,
)
PAIN_PERSISTING = RuleInfo(
    "pain-persisting",
    "Pain lasting more than five days",
    (WARNING,),
    f"Pain ({PAIN_MIN}/10 or more) in one area and side reported again and again, no more "
    f"than {PAIN_REPORT_GAP_DAYS} days apart and never below {PAIN_MIN} in between, the "
    f"last at least {PAIN_PERSIST_DAYS} days after the first.",
    (src.FIVE_DAYS, src.VISIT_SPECIALIST),
    src.EVIDENCE_PAIN_PERSISTING,
    Grade.SUPPORTED,
)
ACUTE_PAIN = RuleInfo(
    "acute-pain",
    "Acute pain",
    (URGENT,),
    f"A pain report of kind sharp, or of severity {ACUTE_SEVERITY}/10 or more.",
    (src.ACUTE_PAIN, src.SEE_DOCTOR_IMMEDIATELY),
    src.EVIDENCE_ACUTE_PAIN,
    Grade.SUPPORTED,
)
TRAINING_THROUGH_PAIN = RuleInfo(
    "training-through-pain",
    "Running on acute pain",
    (URGENT,),
    f"A run on a later day than an acute-pain report, before that area (and side) is "
    f"reported below {PAIN_MIN}/10, within {ACUTE_OPEN_DAYS} days of the report.",
    (src.NO_TRAINING_THROUGH_ACUTE_PAIN, src.ACUTE_PAIN),
    src.EVIDENCE_ACUTE_PAIN,
    Grade.SUPPORTED,
)
VASCULAR_RED_FLAG = RuleInfo(
    "vascular-red-flag",
    "Possible blood-vessel problem",
    (URGENT,),
    "A calf or shin report on one side with swelling, or any report of pulsating pain.",
    (src.PULSATING, src.SWELLING),
    src.EVIDENCE_VASCULAR,
    Grade.SUPPORTED,
)
NIGHT_PAIN = RuleInfo(
    "night-pain",
    "Pain at night",
    (INFO, WARNING),
    f"{NIGHT_MIN_NIGHTS} or more nights with pain ({PAIN_MIN}/10 or more) within "
    f"{NIGHT_WINDOW_DAYS} days: only cramps is info, any other night pain a warning.",
    (src.NIGHT_CRAMP, src.WORSE_AT_NIGHT),
    src.EVIDENCE_NIGHT_PAIN,
    Grade.MIXED,
)
RECURRING_PAIN = RuleInfo(
    "recurring-pain",
    "Pain keeps coming back",
    (WARNING,),
    f"Pain of {RECURRING_SEVERITY}/10 or more on at least {RECURRING_MIN_DAYS} different days "
    f"within {RECURRING_WINDOW_DAYS} days, while the running distance of those days is not "
    f"lower than in the {RECURRING_WINDOW_DAYS} days before.",
    (src.REVIEW_THE_PROGRAM, src.OVERLOAD_STOP_A_WEEK),
    src.EVIDENCE_RECURRING_PAIN,
    Grade.DOCUMENTS_ONLY,
)
SHOE_WORN = RuleInfo(
    "shoe-worn",
    "Shoes near their limit",
    (INFO, WARNING),
    f"A pair not retired reaches {SHOE_WORN_INFO_PCT}% (info) or {SHOE_WORN_WARNING_PCT}% "
    f"(warning) of its distance limit; the flag lasts until the pair's latest run.",
    (src.SHOES_SPREAD, src.UNCOMFORTABLE_SHOES),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)
SHOE_AGE = RuleInfo(
    "shoe-age",
    "Old shoes still in use",
    (INFO,),
    f"A pair not retired is run in more than {SHOE_AGE_MONTHS} months after it was first "
    f"used; the flag lasts until the pair's latest run.",
    (src.SHOES_SIX_MONTHS,),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)
NON_RUNNING_SHOES = RuleInfo(
    "non-running-shoes",
    "Running in shoes not made for it",
    (WARNING,),
    "A run in a pair of kind casual.",
    (src.RUNNING_SHOES, src.NON_RUNNING_SNEAKERS),
    src.EVIDENCE_SHOES,
    Grade.MIXED,
)
TOO_MUCH_SPEED = RuleInfo(
    "too-much-speed",
    "A lot of fast running",
    (INFO,),
    f"More than {FAST_MAX_PCT}% of a run at speed (the document: at most {FAST_MAX_PCT}%, "
    f"ideally up to {FAST_IDEAL_PCT}%).",
    (src.SPEED_SHARE,),
    src.EVIDENCE_TOO_MUCH_SPEED,
    Grade.DOCUMENTS_ONLY,
)
NO_REST_DAY = RuleInfo(
    "no-rest-day",
    "No rest day",
    (INFO,),
    f"{STREAK_MAX_DAYS} or more days in a row with a run; {STREAK_MAX_DAYS_BEGINNER} or more "
    f"in the first {BEGINNER_WEEKS} weeks of running.",
    (src.REST_DAYS, src.NOT_EVERY_DAY),
    src.EVIDENCE_NO_REST_DAY,
    Grade.DOCUMENTS_ONLY,
)
RETURN_AFTER_BREAK = RuleInfo(
    "return-after-break",
    "Back after a break",
    (INFO,),
    f"A run after {BREAK_DAYS} or more days without one, when there was running before.",
    (src.GRADUALLY, src.FEASIBLE_LOAD),
    src.EVIDENCE_RETURN_AFTER_BREAK,
    Grade.DOCUMENTS_ONLY,
)
HILLS_SAND = RuleInfo(
    "hills-sand",
    "Hills, sand or downhill, then pain",
    (INFO,),
    f"A hilly or sand run followed within {HILL_SAND_DAYS} days by calf pain, or a downhill "
    f"run followed within {HILL_SAND_DAYS} days by knee pain.",
    (src.HILL_SAND, src.DESCENTS),
    src.EVIDENCE_HILLS_SAND,
    Grade.SUPPORTED,
)
STOPPED_MID_RUN = RuleInfo(
    "stopped-mid-run",
    "Stopped mid-run",
    (INFO,),
    "A run marked as stopped (stood or sat down to rest) part way.",
    (src.WALK_DONT_STOP,),
    src.EVIDENCE_STOPPED,
    Grade.DOCUMENTS_ONLY,
)


# --- the shared context -----------------------------------------------------


class PainReport(NamedTuple):
    """A check-in, or a session's own pain fields, as one report.

    A tuple rather than a dataclass: a ten-year log has ~7,000 of them and
    ``_report`` builds each with the C-level ``tuple.__new__``.
    """

    day: int  # date ordinal
    severity: int
    area: str | None
    side: str | None
    kind: str | None = None
    swelling: bool | None = None
    at_night: bool | None = None
    session_id: int | None = None

    @property
    def label(self) -> str:
        return area_label(self.area, self.side)


_report = tuple.__new__


@lru_cache(maxsize=256)
def area_label(area: str | None, side: str | None) -> str:
    """The subject for an area and side: "calf left", "knee" (no side), "calf both sides"."""
    if area is None:
        return "area not recorded"
    if side is None:
        return area
    if side == "both":
        return f"{area} both sides"
    return f"{area} {side}"


def _sides(side: str | None) -> tuple[str | None, ...]:
    return ("left", "right") if side == "both" else (side,)


@dataclass(slots=True)
class Context:
    """What every rule needs, computed once per ``evaluate``."""

    today: date
    today_ord: int
    units: str
    week_start: int
    sessions: list[SessionRecord]  # dated up to today, oldest first
    runs: list[SessionRecord]  # the sessions with activity "run"
    run_ords: list[int]  # runs[i].date as an ordinal
    run_metres: list[int]  # runs[i].distance_km in metres
    run_days: list[int]  # distinct ordinals with a run, ascending
    run_m: DailySeries  # running metres a day
    hard_m: DailySeries  # running metres a day on asphalt or concrete
    reports: list[PainReport]  # every report, any severity, by (day, severity)
    pains: list[PainReport]  # the reports of pain (severity >= PAIN_MIN)
    sessions_by_shoe: dict[int, list[SessionRecord]]
    shoes: tuple[ShoeRecord, ...]
    first_session_ord: int | None
    beginner_until: int | None  # first ordinal after the first 8 weeks of running
    last_run_before_ord: int | None

    def fmt(self, m: float) -> str:
        return format_distance(m, self.units)

    def runs_between(self, first: int, last: int) -> list[SessionRecord]:
        """The runs dated ``first`` to ``last`` (ordinals, inclusive).

        Bisect on the sorted ordinals rather than a dict of per-day lists: only
        flagged days are looked up, and 3,000 small lists cost more to build.
        """
        ords = self.run_ords
        return self.runs[bisect_left(ords, first) : bisect_right(ords, last)]

    def runs_on(self, day: int) -> list[SessionRecord]:
        return self.runs_between(day, day)


def build_context(history: History, today: date) -> Context:
    """Precompute the series and indexes the rules share (data after ``today`` dropped)."""
    by_date = attrgetter("date")
    sessions = sorted([s for s in history.sessions if s.date <= today], key=by_date)
    soreness = sorted([r for r in history.soreness if r.date <= today], key=by_date)
    runs = [s for s in sessions if s.activity == "run"]
    run_ords = [r.date.toordinal() for r in runs]
    run_metres = [round(r.distance_km * 1000) if r.distance_km else 0 for r in runs]
    run_days = list(dict.fromkeys(run_ords))  # runs are sorted, so these are too

    today_ord = today.toordinal()
    starts = [s[0].date.toordinal() for s in (sessions, soreness) if s]
    origin = min(starts) if starts else today_ord
    run_m = DailySeries(origin, today_ord, zip(run_ords, run_metres, strict=True))
    hard_m = DailySeries(
        origin,
        today_ord,
        (
            (d, m)
            for r, d, m in zip(runs, run_ords, run_metres, strict=True)
            if r.surface in HARD_SURFACES
        ),
    )

    reports = [
        _report(
            PainReport,
            (
                r.date.toordinal(),
                r.severity,
                r.area,
                r.side,
                r.kind,
                r.swelling,
                r.at_night,
                None,
            ),
        )
        for r in soreness
    ]
    reports.extend(
        _report(
            PainReport,
            (s.date.toordinal(), s.pain, s.pain_area, s.pain_side, None, None, None, s.id),
        )
        for s in sessions
        if s.pain is not None
    )
    # By (day, severity): within a day lower severities come first, so a "0" and
    # a "sharp" on the same day leave the area hurting, the careful reading.
    reports.sort(key=itemgetter(0, 1))
    pains = [p for p in reports if p.severity >= PAIN_MIN]

    sessions_by_shoe: dict[int, list[SessionRecord]] = {}
    for s in sessions:
        if s.shoe_id is not None:
            sessions_by_shoe.setdefault(s.shoe_id, []).append(s)

    first_session = history.first_session or (sessions[0].date if sessions else None)
    first_session_ord = first_session.toordinal() if first_session else None
    started = history.started_running or first_session
    beginner_until = started.toordinal() + 7 * BEGINNER_WEEKS if started else None
    last_before = history.last_run_before
    return Context(
        today=today,
        today_ord=today_ord,
        units=history.units,
        week_start=history.week_start,
        sessions=sessions,
        runs=runs,
        run_ords=run_ords,
        run_metres=run_metres,
        run_days=run_days,
        run_m=run_m,
        hard_m=hard_m,
        reports=reports,
        pains=pains,
        sessions_by_shoe=sessions_by_shoe,
        shoes=history.shoes,
        first_session_ord=first_session_ord,
        beginner_until=beginner_until,
        last_run_before_ord=(
            last_before.toordinal() if last_before and last_before <= today else None
        ),
    )


# --- helpers ----------------------------------------------------------------


@lru_cache(maxsize=8192)
def _date(day: int) -> date:
    """An ordinal as a date; cached, as flags and details name the same days often."""
    return date.fromordinal(day)


@lru_cache(maxsize=8192)
def _iso(day: int) -> str:
    """A day in a flag's subject: stable, as seen-marks key on it."""
    return date.fromordinal(day).isoformat()


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=8192)
def _day_text(day: int) -> str:
    """A day as a runner reads it in a detail: "3 Nov 2026" (no locale lookup)."""
    d = date.fromordinal(day)
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _ids(sessions: Iterable[SessionRecord]) -> tuple[int, ...]:
    return tuple([s.id for s in sessions if s.id is not None])


def _flag(
    info: RuleInfo,
    severity: Severity,
    start: int,
    end: int,
    subject: str,
    detail: str,
    advice: str,
    source: Source,
    session_ids: Iterable[int | None] = (),
    title: str | None = None,
) -> Flag:
    # Positional, in Flag's field order: keyword calls cost more, ~1,000 flags a log.
    return Flag(
        info.rule,
        severity,
        _date(start),
        _date(end),
        subject,
        title or info.title,
        detail[:1].upper() + detail[1:],  # details may open with "calf left"
        advice,
        source,
        info.evidence,
        info.grade,
        tuple(dict.fromkeys([i for i in session_ids if i is not None])),
    )


def _episodes(
    days: Sequence[int], states: Sequence[Severity | None], max_gap: int = EPISODE_GAP_DAYS
) -> list[tuple[Severity, int, int]]:
    """Group the points where a pattern holds (state not None) into episodes.

    Points in the same state no more than ``max_gap`` days apart make one
    episode; points where the pattern does not hold are skipped rather than
    splitting it, so a pattern that dips for a day does not raise two flags.
    Returns (state, index of the first point, index of the last point), the first
    index already clipped to the last ``EPISODE_MAX_DAYS`` days.
    """
    out: list[tuple[Severity, int, int]] = []
    current: Severity | None = None
    first = last = -1
    for i, state in enumerate(states):
        if state is None:
            continue
        if state is current and days[i] - days[last] <= max_gap:
            last = i
            continue
        if current is not None:
            out.append((current, _clip(days, states, first, last), last))
        current, first, last = state, i, i
    if current is not None:
        out.append((current, _clip(days, states, first, last), last))
    return out


def _clip(days: Sequence[int], states: Sequence[object], first: int, last: int) -> int:
    """The first point of ``first..last`` in the episode's state, at most
    EPISODE_MAX_DAYS before the last one."""
    floor = days[last] - EPISODE_MAX_DAYS
    if days[first] >= floor:
        return first
    i = bisect_left(days, floor, first, last)
    while states[i] != states[last]:
        i += 1
    return i


def _clip_day(start: int, end: int, member_days: Sequence[int]) -> int:
    """``start``, or the first of ``member_days`` within EPISODE_MAX_DAYS of ``end``."""
    floor = end - EPISODE_MAX_DAYS
    if start >= floor:
        return start
    return member_days[bisect_left(member_days, floor)]


def _runs_by_day(ctx: Context, kept: list[int]) -> Iterator[tuple[int, list[SessionRecord]]]:
    """(day, that day's runs) for the runs at indexes ``kept``, grouped by day.

    The callers filter all runs in one comprehension and only group what passed:
    cheaper than visiting every running day when a rule cares about a few runs.
    """
    ords, runs = ctx.run_ords, ctx.runs
    for day, group in groupby(kept, key=ords.__getitem__):
        yield day, [runs[i] for i in group]


def _run_distance(ctx: Context, day: int) -> int:
    return sum(metres(r.distance_km) for r in ctx.runs_on(day))


# --- load rules -------------------------------------------------------------


def volume_jump(ctx: Context, today: date) -> Iterable[Flag]:
    """A week's running distance more than 30% (and 5 km) above the week before.

    Every week is checked, the current one from its first day up to ``today``.
    The flag starts on the week's first day and ends on its latest run, so it
    stays put on days without new data and a new run gives it a new key.
    """
    ws = ctx.week_start
    weekly = weekly_distance(zip(ctx.run_ords, ctx.run_metres, strict=True), ws)
    this_week = (ctx.today_ord - 1 - ws) // 7
    for week, total in weekly.items():
        before = weekly.get(week - 1, 0)
        if before <= 0 or total - before < VOLUME_JUMP_MIN_M:
            continue
        if total * 100 <= before * (100 + VOLUME_JUMP_PCT):
            continue
        first_day = week_first_day(week, ws)
        lo = bisect_left(ctx.run_ords, first_day)
        hi = bisect_left(ctx.run_ords, first_day + 7)
        week_runs = ctx.runs[lo:hi]
        when = "this week" if week == this_week else "that week"
        yield _flag(
            VOLUME_JUMP,
            WARNING,
            first_day,
            ctx.run_ords[hi - 1],
            f"week of {_iso(first_day)}",
            f"{ctx.fmt(total)} {when}, up {percent_above(total, before)}% from "
            f"{ctx.fmt(before)} the week before.",
            "Build up gradually: hold this week's distance for a while before adding more, "
            "and ease off if anything starts to hurt.",
            src.SHARP_INCREASE,
            _ids(week_runs),
        )


def long_run_spike(ctx: Context, today: date) -> Iterable[Flag]:
    """A run more than 10% / 30% (and 1 km) longer than the longest of the 30 days before.

    The day's longest run is compared (two runs on one day are not added up);
    earlier runs on the same day are not "before" it. A monotonic deque keeps the
    longest run of the sliding 30-day window.
    """
    window: deque[tuple[int, int]] = deque()  # (day, metres), metres decreasing
    best_of_day: dict[int, int] = {}  # day -> index of its longest run
    for i, (day, m) in enumerate(zip(ctx.run_ords, ctx.run_metres, strict=True)):
        if m > 0 and (day not in best_of_day or m > ctx.run_metres[best_of_day[day]]):
            best_of_day[day] = i
    for day, i in best_of_day.items():
        m = ctx.run_metres[i]
        best = ctx.runs[i]
        while window and window[0][0] < day - LONG_RUN_WINDOW_DAYS:
            window.popleft()
        if window:
            longest_day, longest = window[0]
            if m - longest >= LONG_RUN_MIN_M and m * 100 > longest * (100 + LONG_RUN_INFO_PCT):
                severity = WARNING if m * 100 > longest * (100 + LONG_RUN_WARNING_PCT) else INFO
                yield _flag(
                    LONG_RUN_SPIKE,
                    severity,
                    day,
                    day,
                    _iso(day),
                    f"{ctx.fmt(m)} on {_day_text(day)}, {percent_above(m, longest)}% longer than "
                    f"the longest run of the {LONG_RUN_WINDOW_DAYS} days before "
                    f"({ctx.fmt(longest)} on {_day_text(longest_day)}).",
                    "Let the long run grow by no more than about a tenth at a time, and take "
                    "it easy for the next few days.",
                    src.FEASIBLE_LOAD,
                    (best.id,),
                )
        while window and window[-1][1] <= m:
            window.pop()
        window.append((day, m))


def load_ratio_high(ctx: Context, today: date) -> Iterable[Flag]:
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
    for _state, first, last in _episodes(days, states):
        high = [days[i] for i in range(first, last + 1) if states[i]]
        peak_day = max(high, key=lambda d: acute_load[d - origin] / chronic_load[d - origin])
        acute, chronic = acute_load[peak_day - origin], chronic_load[peak_day - origin]
        yield _flag(
            LOAD_RATIO_HIGH,
            INFO,
            days[first],
            days[last],
            _iso(days[first]),
            f"Acute:chronic ratio {acute / chronic:.2f} on {_day_text(peak_day)} "
            f"(7-day load {ctx.fmt(acute)} a day against 28-day load {ctx.fmt(chronic)} a day). "
            f"This measure is contested: it comes from team sports and may be a statistical "
            f"artefact, so read it as context, not a verdict.",
            "Your recent running is well above what you are used to: let the next days be easier.",
            src.SHARP_INCREASE,
            (r.id for d in high for r in ctx.runs_on(d)),
        )


def return_after_break(ctx: Context, today: date) -> Iterable[Flag]:
    """A run after 14 or more days without one, when there was a run before.

    The run before may be older than the loaded window: ``last_run_before``.
    """
    previous = ctx.last_run_before_ord
    for day in ctx.run_days:
        if previous is not None and previous < day and day - previous - 1 >= BREAK_DAYS:
            yield _flag(
                RETURN_AFTER_BREAK,
                INFO,
                day,
                day,
                _iso(day),
                f"First run in {day - previous - 1} days (the one before was on "
                f"{_day_text(previous)}): {ctx.fmt(_run_distance(ctx, day))}.",
                "Start again below where you left off and build up gradually over the next weeks.",
                src.GRADUALLY,
                _ids(ctx.runs_on(day)),
            )
        previous = day


def no_rest_day(ctx: Context, today: date) -> Iterable[Flag]:
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
            in_a_row = f"{count} days in a row" if shown == first else "over 90 days in a row"
            yield _flag(
                NO_REST_DAY,
                INFO,
                shown,
                last,
                _iso(shown),
                f"You ran {in_a_row}, {_day_text(shown)} to {_day_text(last)}"
                + (" (in your first weeks of running)." if length < STREAK_MAX_DAYS else "."),
                "Take a rest day: run every other day and do strength work or yoga on the days "
                "between.",
                src.REST_DAYS,
                _ids(ctx.runs_between(shown, last)),
            )
        start = i


def too_much_speed(ctx: Context, today: date) -> Iterable[Flag]:
    """A run with more than 30% of its distance at speed (document 000)."""
    fast_runs = [
        i for i, r in enumerate(ctx.runs) if r.fast_pct is not None and r.fast_pct > FAST_MAX_PCT
    ]
    for day, fast in _runs_by_day(ctx, fast_runs):
        pct = max(r.fast_pct or 0 for r in fast)
        yield _flag(
            TOO_MUCH_SPEED,
            INFO,
            day,
            day,
            _iso(day),
            f"{pct}% of the run on {_day_text(day)} "
            f"({ctx.fmt(sum(metres(r.distance_km) for r in fast))}) was at speed.",
            f"Keep accelerations to at most {FAST_MAX_PCT}% of a run, ideally up to "
            f"{FAST_IDEAL_PCT}%.",
            src.SPEED_SHARE,
            _ids(fast),
        )


# --- surface and terrain ----------------------------------------------------


def hard_surface(ctx: Context, today: date) -> Iterable[Flag]:
    """Half (and 10 km) of the last 14 days' running on asphalt or concrete.

    Checked at every running day over the 14 days up to it, in O(1) with the
    prefix sums; a warning when calf, shin or knee pain was reported in those
    days. Consecutive running days with the same verdict make one episode.
    """
    leg_pain = [p for p in ctx.pains if p.area in HARD_PAIN_AREAS]
    pain_days = [p.day for p in leg_pain]
    origin = ctx.run_m.origin
    hurt = DailySeries(origin, ctx.today_ord, ((d, 1) for d in pain_days))
    hard_14 = ctx.hard_m.window_sums(HARD_WINDOW_DAYS)
    run_14 = ctx.run_m.window_sums(HARD_WINDOW_DAYS)
    hurt_14 = hurt.window_sums(HARD_WINDOW_DAYS)
    on_hard = [r for r in ctx.runs if r.surface in HARD_SURFACES]
    hard_days = [r.date.toordinal() for r in on_hard]
    days = ctx.run_days
    states: list[Severity | None] = [
        None
        if (hard := hard_14[day - origin]) < HARD_MIN_M
        or hard < HARD_MIN_SHARE * run_14[day - origin]
        else (WARNING if hurt_14[day - origin] else INFO)
        for day in days
    ]
    for severity, first, last in _episodes(days, states):
        end = days[last]
        lo = end - HARD_WINDOW_DAYS + 1
        hard, total = ctx.hard_m.total(lo, end), ctx.run_m.total(lo, end)
        detail = (
            f"{ctx.fmt(hard)} of your {ctx.fmt(total)} in the {HARD_WINDOW_DAYS} days to "
            f"{_day_text(end)} ({round(hard * 100 / total)}%) were on asphalt or concrete."
        )
        advice = "Move some runs to a park or forest path, a track or a treadmill."
        if severity is WARNING:
            hurts = leg_pain[bisect_left(pain_days, lo) : bisect_right(pain_days, end)]
            detail += f" You also reported {_join(dict.fromkeys(p.label for p in hurts))} pain."
            advice = (
                "Your legs hurt while most of your running is on hard ground: move your runs to "
                "softer surfaces and ease off until the pain is gone."
            )
        first_day = days[first]
        hard_runs = on_hard[
            bisect_left(hard_days, first_day - HARD_WINDOW_DAYS + 1) : bisect_right(hard_days, end)
        ]
        yield _flag(
            HARD_SURFACE,
            severity,
            first_day,
            end,
            "asphalt and concrete",
            detail,
            advice,
            src.HARD_TRACK,
            _ids(hard_runs),
        )


def hills_sand(ctx: Context, today: date) -> Iterable[Flag]:
    """Calf pain within 3 days of a hilly or sand run; knee pain after a downhill one.

    "Within 3 days" includes the run's own day. The flag ends on the first
    matching report, so later reports do not move it.
    """
    calf = [p for p in ctx.pains if p.area == "calf"]
    knee = [p for p in ctx.pains if p.area == "knee"]
    calf_days = [p.day for p in calf]
    knee_days = [p.day for p in knee]
    loading = CALF_LOADING_TERRAIN | KNEE_LOADING_TERRAIN
    loading_runs = [
        i
        for i, r in enumerate(ctx.runs)
        if r.terrain in loading or r.surface in CALF_LOADING_SURFACES
    ]
    for day, runs in _runs_by_day(ctx, loading_runs):
        found: list[tuple[SessionRecord, str, PainReport, Source]] = []
        for run in runs:
            if run.terrain in CALF_LOADING_TERRAIN or run.surface in CALF_LOADING_SURFACES:
                i = bisect_left(calf_days, day)
                if i < len(calf) and calf_days[i] <= day + HILL_SAND_DAYS:
                    what = "hilly" if run.terrain in CALF_LOADING_TERRAIN else "sand"
                    found.append((run, what, calf[i], src.HILL_SAND))
            if run.terrain in KNEE_LOADING_TERRAIN:
                i = bisect_left(knee_days, day)
                if i < len(knee) and knee_days[i] <= day + HILL_SAND_DAYS:
                    found.append((run, "downhill", knee[i], src.DESCENTS))
        if not found:
            continue
        parts = [
            f"{what} run on {_day_text(day)} ({ctx.fmt(metres(run.distance_km))}), then "
            f"{pain.label} pain {pain.severity}/10 on {_day_text(pain.day)}"
            for run, what, pain, _source in found
        ]
        detail = "; ".join(parts)
        yield _flag(
            HILLS_SAND,
            INFO,
            day,
            max(pain.day for _run, _what, pain, _source in found),
            _iso(day),
            detail + ".",
            "Climbs and sand double the calves' work, descents load the knees: add them "
            "gradually and keep the runs after them easy and flat.",
            found[0][3],
            [run.id for run, *_rest in found] + [pain.session_id for *_rest, pain, _s in found],
        )


# --- habits -----------------------------------------------------------------


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
    # The 60-day bound only matters where the last 5 alone hold 3 zeros.
    last5 = [i - HABIT_LAST_RUNS + 1 if i >= HABIT_LAST_RUNS else 0 for i in range(len(days))]
    window_first = last5
    states: list[Severity | None] = [None] * len(days)
    for i, lo in enumerate(last5):
        if zeros[i + 1] - zeros[lo] >= HABIT_MIN_MISSING:
            lo = max(lo, bisect_left(days, days[i] - HABIT_WINDOW_DAYS + 1))
            window_first[i] = lo
            if zeros[i + 1] - zeros[lo] >= HABIT_MIN_MISSING:
                states[i] = INFO
    for _state, first, last in _episodes(days, states):
        missing = [ctx.runs[i] for i in recorded[window_first[first] : last + 1] if values[i] == 0]
        lo = window_first[last]
        yield _flag(
            info,
            INFO,
            missing[0].date.toordinal(),
            days[last],
            what,
            f"{zeros[last + 1] - zeros[lo]} of your last {last - lo + 1} runs with a recorded "
            f"{what} had none (the latest on {_day_text(days[last])}).",
            advice,
            source,
            _ids(missing),
        )


def no_cooldown(ctx: Context, today: date) -> Iterable[Flag]:
    """Most recent runs recording a cool-down had 0 minutes of it."""
    return _habit(
        ctx,
        "cooldown_min",
        NO_COOLDOWN,
        "cool-down",
        "After a run, keep moving (walk, then stretch) for 5-10 minutes until your heart rate "
        "has settled, rather than stopping still.",
        src.KEEP_MOVING_AFTER,
    )


def no_warmup(ctx: Context, today: date) -> Iterable[Flag]:
    """Most recent runs recording a warm-up had 0 minutes of it."""
    return _habit(
        ctx,
        "warmup_min",
        NO_WARMUP,
        "warm-up",
        "Start each run with a few minutes of leg warm-up exercises.",
        src.WARM_UP,
    )


def stopped_mid_run(ctx: Context, today: date) -> Iterable[Flag]:
    """A run marked ``stopped``: walking the rest beats standing or sitting down."""
    for day, stopped in _runs_by_day(ctx, [i for i, r in enumerate(ctx.runs) if r.stopped]):
        if stopped:
            yield _flag(
                STOPPED_MID_RUN,
                INFO,
                day,
                day,
                _iso(day),
                f"You stopped to rest during the run on {_day_text(day)} "
                f"({ctx.fmt(sum(metres(r.distance_km) for r in stopped))}).",
                "When you are tired, walk the rest of the distance instead of stopping or "
                "sitting down.",
                src.WALK_DONT_STOP,
                _ids(stopped),
            )


# --- shoes ------------------------------------------------------------------


def _in_use(shoe: ShoeRecord, today: date) -> bool:
    return shoe.retired is None or shoe.retired > today


def shoe_worn(ctx: Context, today: date) -> Iterable[Flag]:
    """A pair still in use at 90% (info) or 100% (warning) of its limit.

    Wear counts every session in the pair (walks too) plus ``km_before``. The
    flag starts the day the pair crossed the line reached and ends on its latest
    run, so a pair no longer run in drops out of the active list. Only the
    highest line reached is flagged.
    """
    for shoe in ctx.shoes:
        limit = metres(shoe.limit_km)
        if limit <= 0 or not _in_use(shoe, today):
            continue
        sessions = ctx.sessions_by_shoe.get(shoe.id, [])
        worn = metres(shoe.km_before)
        crossed: dict[Severity, int] = {}
        before_window = 0  # any ordinal before the window: crossed before it
        for severity, pct in ((INFO, SHOE_WORN_INFO_PCT), (WARNING, SHOE_WORN_WARNING_PCT)):
            if worn * 100 >= limit * pct:
                crossed[severity] = before_window
        for s in sessions:
            worn += metres(s.distance_km)
            for severity, pct in ((INFO, SHOE_WORN_INFO_PCT), (WARNING, SHOE_WORN_WARNING_PCT)):
                if severity not in crossed and worn * 100 >= limit * pct:
                    crossed[severity] = s.date.toordinal()
        if not crossed:
            continue
        severity = WARNING if WARNING in crossed else INFO
        since = crossed[severity]
        run_days = [s.date.toordinal() for s in sessions if s.activity == "run"]
        if not run_days or run_days[-1] < since:
            continue
        end = run_days[-1]
        start = _clip_day(since, end, run_days)
        runs = [s for s in sessions if s.activity == "run" and s.date.toordinal() >= start]
        yield _flag(
            SHOE_WORN,
            severity,
            start,
            end,
            shoe.name,
            f"{shoe.name} has {ctx.fmt(worn)} on it, {round(worn * 100 / limit)}% of its "
            f"{ctx.fmt(limit)} limit.",
            "Replace this pair soon; keep it for walking."
            if severity is WARNING
            else "This pair is near the end of its life: plan a new one, and check that the "
            "soles are not spreading out to the sides.",
            src.SHOES_SPREAD,
            _ids(runs),
            title="Shoes worn out" if severity is WARNING else None,
        )


def shoe_age(ctx: Context, today: date) -> Iterable[Flag]:
    """A pair still in use, run in more than six months after it was first used.

    First used: the pair's ``first_used``, else its earliest session ever
    (``first_session``), else its earliest loaded session. The flag ends on the
    pair's latest run, so it shows while the pair is being run in and drops out
    two weeks after its last run.
    """
    for shoe in ctx.shoes:
        if not _in_use(shoe, today):
            continue
        sessions = ctx.sessions_by_shoe.get(shoe.id, [])
        first_used = (
            shoe.first_used or shoe.first_session or (sessions[0].date if sessions else None)
        )
        if first_used is None:
            continue
        mark = add_months(first_used, SHOE_AGE_MONTHS).toordinal()
        run_days = [
            s.date.toordinal()
            for s in sessions
            if s.activity == "run" and s.date.toordinal() > mark
        ]
        if not run_days:
            continue
        end = run_days[-1]
        start = _clip_day(run_days[0], end, run_days)
        last = date.fromordinal(end)
        months = (last.year - first_used.year) * 12 + last.month - first_used.month
        months -= last.day < first_used.day
        yield _flag(
            SHOE_AGE,
            INFO,
            start,
            end,
            shoe.name,
            f"{shoe.name} was first used on {_day_text(first_used.toordinal())}; you ran in it on "
            f"{_day_text(end)}, {months} months later.",
            "Running shoes wear out with time as well as distance: check the soles and plan a "
            "new pair.",
            src.SHOES_SIX_MONTHS,
            _ids(s for s in sessions if s.activity == "run" and s.date.toordinal() >= start),
        )


def non_running_shoes(ctx: Context, today: date) -> Iterable[Flag]:
    """Runs in a pair of kind ``casual``, one flag per stretch of such runs."""
    for shoe in ctx.shoes:
        if shoe.kind not in NON_RUNNING_KINDS:
            continue
        runs = [s for s in ctx.sessions_by_shoe.get(shoe.id, []) if s.activity == "run"]
        if not runs:
            continue
        days = [r.date.toordinal() for r in runs]
        for _state, first, last in _episodes(days, [WARNING] * len(days)):
            count = len(set(days[first : last + 1]))
            when = (
                f"on {_day_text(days[last])}"
                if count == 1
                else f"on {count} days between {_day_text(days[first])} and {_day_text(days[last])}"
            )
            yield _flag(
                NON_RUNNING_SHOES,
                WARNING,
                days[first],
                days[last],
                shoe.name,
                f"You ran in {shoe.name}, a pair not made for running, {when}.",
                "Run in running shoes: other shoes do not spread the load between the muscles "
                "and strain the Achilles tendon.",
                src.RUNNING_SHOES,
                _ids(runs[first : last + 1]),
            )


# --- pain -------------------------------------------------------------------


def _is_acute(p: PainReport) -> bool:
    return p.severity >= ACUTE_SEVERITY or (p.kind in ACUTE_KINDS and p.severity >= PAIN_MIN)


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def pain_persisting(ctx: Context, today: date) -> Iterable[Flag]:
    """Pain in one area and side lasting more than five days.

    Reports of it no more than 3 days apart, none below 2 in between, the last
    at least 5 days after the first: six daily reports fire on the sixth day. A
    ``both`` report continues the left and the right episode. A day with pain
    counts as a pain day even if the same area was also reported below 2 that
    day (the careful reading).

    Only the pain reports are grouped by area and side; the "below 2" reports
    are looked up by day (bisect) for the days between two pain days.
    """
    by_key: dict[tuple[str, str | None], list[PainReport]] = {}
    for p in ctx.pains:
        area = p.area
        if area is None:
            continue
        if p.side == "both":
            by_key.setdefault((area, "left"), []).append(p)
            by_key.setdefault((area, "right"), []).append(p)
        else:
            by_key.setdefault((area, p.side), []).append(p)
    report_days = [p.day for p in ctx.reports]
    for (area, side), reports in by_key.items():
        episode: list[PainReport] = []
        for p in [*reports, None]:
            if p is not None and (
                not episode
                or p.day == episode[-1].day
                or (
                    p.day - episode[-1].day <= PAIN_REPORT_GAP_DAYS
                    and not _reported_better(ctx, report_days, area, side, episode[-1].day, p.day)
                )
            ):
                episode.append(p)
                continue
            if episode and episode[-1].day - episode[0].day >= PAIN_PERSIST_DAYS:
                yield _persisting_flag(area_label(area, side), episode)
            episode = [p] if p is not None else []


def _reported_better(
    ctx: Context, report_days: list[int], area: str, side: str | None, after: int, before: int
) -> bool:
    """Whether ``area`` and ``side`` were reported below 2 strictly between two days."""
    for p in ctx.reports[bisect_right(report_days, after) : bisect_left(report_days, before)]:
        if p.severity < PAIN_MIN and p.area == area and (p.side == side or p.side == "both"):
            return True
    return False


def _persisting_flag(subject: str, episode: list[PainReport]) -> Flag:
    days = [p.day for p in episode]
    shown = episode[_clip(days, [True] * len(days), 0, len(days) - 1) :]
    start, end = shown[0].day, shown[-1].day
    return _flag(
        PAIN_PERSISTING,
        WARNING,
        start,
        end,
        subject,
        f"{subject}: pain reported on {len({p.day for p in shown})} days from "
        f"{_day_text(start)} to {_day_text(end)} ({end - start + 1} days), "
        f"up to {max(p.severity for p in shown)}/10.",
        "Pain that has not stopped within five days is a reason to see a doctor; do not train "
        "through it.",
        src.FIVE_DAYS,
        (p.session_id for p in shown),
    )


def acute_pain(ctx: Context, today: date) -> Iterable[Flag]:
    """A sharp report, or one of severity 7 or more: one flag per area, side and day."""
    groups: dict[tuple[int, str | None, str | None], list[PainReport]] = {}
    for p in ctx.pains:
        if _is_acute(p):
            groups.setdefault((p.day, p.area, p.side), []).append(p)
    for (day, area, side), reports in groups.items():
        label = area_label(area, side)
        worst = max(p.severity for p in reports)
        sharp = any(p.kind in ACUTE_KINDS for p in reports)
        yield _flag(
            ACUTE_PAIN,
            URGENT,
            day,
            day,
            label,
            f"{label}: {'sharp pain' if sharp else 'pain'} {worst}/10 on {_day_text(day)}.",
            "Stop all training on that leg now and see a traumatologist to find out what is "
            "wrong: acute pain can be a sprain or a torn muscle or ligament.",
            src.ACUTE_PAIN,
            (p.session_id for p in reports),
        )


def training_through_pain(ctx: Context, today: date) -> Iterable[Flag]:
    """A run on a later day than an acute-pain report, before the area is reported below 2.

    Per area and side (``both`` opens and closes left and right). Only reports
    dated before the run's day count: a "0" logged on the run's own day does not
    clear it. An acute report with no "below 2" after it stops counting after 28
    days. Runs on one day make one flag.
    """
    # Only reports that open or close an area matter; the rest pass by.
    reports = [
        p for p in ctx.reports if p.area is not None and (p.severity < PAIN_MIN or _is_acute(p))
    ]
    # Only runs in the 28 days after an acute report can be flagged: visit those.
    run_days = ctx.run_days
    candidates: set[int] = set()
    for acute_day in sorted({p.day for p in reports if p.severity >= PAIN_MIN}):
        candidates.update(
            run_days[
                bisect_right(run_days, acute_day) : bisect_right(
                    run_days, acute_day + ACUTE_OPEN_DAYS
                )
            ]
        )
    open_: dict[tuple[str, str | None], PainReport] = {}
    i, n = 0, len(reports)
    for day in sorted(candidates):
        while i < n and reports[i].day < day:
            p = reports[i]
            i += 1
            if p.severity >= PAIN_MIN:
                for side in _sides(p.side):
                    open_[(p.area or "", side)] = p
            elif open_:
                for side in _sides(p.side):
                    open_.pop((p.area or "", side), None)
        if not open_:
            continue
        for key in [k for k, p in open_.items() if p.day < day - ACUTE_OPEN_DAYS]:
            del open_[key]
        if not open_:
            continue
        hurting = sorted(open_.items(), key=lambda kv: (kv[1].day, kv[0][0], kv[0][1] or ""))
        labels = _join(
            f"{area_label(area, side)} ({_day_text(p.day)})" for (area, side), p in hurting
        )
        runs = ctx.runs_on(day)
        yield _flag(
            TRAINING_THROUGH_PAIN,
            URGENT,
            hurting[0][1].day,
            day,
            _iso(day),
            f"You ran {ctx.fmt(_run_distance(ctx, day))} on {_day_text(day)} after reporting acute "
            f"pain in {labels}, with no report of it below {PAIN_MIN}/10 since.",
            "Do not run on acute pain: rest that leg completely until a doctor has seen it.",
            src.NO_TRAINING_THROUGH_ACUTE_PAIN,
            [r.id for r in runs] + [p.session_id for _k, p in hurting],
        )


def vascular_red_flag(ctx: Context, today: date) -> Iterable[Flag]:
    """One-sided calf or shin swelling, or pulsating pain: possible vein problem.

    Any severity counts: swelling that does not hurt is still a sign.
    """
    groups: dict[tuple[int, str | None, str | None], list[PainReport]] = {}
    for p in ctx.reports:
        swollen = p.swelling and p.area in VASCULAR_AREAS and p.side in ("left", "right")
        if swollen or p.kind in VASCULAR_KINDS:
            groups.setdefault((p.day, p.area, p.side), []).append(p)
    for (day, area, side), reports in groups.items():
        label = area_label(area, side)
        signs = []
        if any(p.swelling for p in reports):
            signs.append("swelling")
        pulsating = any(p.kind in VASCULAR_KINDS for p in reports)
        if pulsating:
            signs.append("pulsating pain")
        yield _flag(
            VASCULAR_RED_FLAG,
            URGENT,
            day,
            day,
            label,
            f"{label} on {_day_text(day)}: {_join(signs)} ({max(p.severity for p in reports)}/10).",
            "See a doctor promptly: this can be a blood clot in a vein. If you are short of "
            "breath or have chest pain, call emergency services now.",
            src.PULSATING if pulsating else src.SWELLING,
            (p.session_id for p in reports),
        )


def night_pain(ctx: Context, today: date) -> Iterable[Flag]:
    """Two or more nights with pain within 14 days.

    Nights with cramps only give an info (recurring night cramps); any other
    pain at night in the window makes it a warning.
    """
    nights: dict[int, list[PainReport]] = {}
    for p in ctx.pains:
        if p.at_night:
            nights.setdefault(p.day, []).append(p)
    days = list(nights)
    other = [0]  # prefix count of nights with pain other than cramps
    for d in days:
        other.append(other[-1] + any(p.kind != "cramp" for p in nights[d]))
    window_first: list[int] = []
    states: list[Severity | None] = []
    lo = 0
    for i, day in enumerate(days):
        while days[lo] <= day - NIGHT_WINDOW_DAYS:
            lo += 1
        window_first.append(lo)
        if i - lo + 1 < NIGHT_MIN_NIGHTS:
            states.append(None)
        else:
            states.append(WARNING if other[i + 1] > other[lo] else INFO)
    for severity, first, last in _episodes(days, states):
        shown = days[window_first[first] : last + 1]
        areas = dict.fromkeys(p.label for d in shown for p in nights[d])
        cramps = severity is INFO
        yield _flag(
            NIGHT_PAIN,
            severity,
            shown[0],
            shown[-1],
            "night cramps" if cramps else "night pain",
            f"{'Cramps' if cramps else 'Pain'} at night on {len(shown)} nights between "
            f"{_day_text(shown[0])} and {_day_text(shown[-1])} ({_join(areas)}).",
            "Recurring night cramps are worth mentioning to a doctor; do not start "
            "supplements on your own."
            if cramps
            else "Pain that wakes you at night is not ordinary training soreness: see a doctor.",
            src.NIGHT_CRAMP if cramps else src.WORSE_AT_NIGHT,
            (p.session_id for d in shown for p in nights[d]),
            title="Night cramps keep coming back" if cramps else None,
        )


def recurring_pain(ctx: Context, today: date) -> Iterable[Flag]:
    """Pain >= 3 on 3 days within 14 while running does not go down.

    "Does not go down": running distance in the 14 days up to the day is not
    lower than in the 14 days before, and there was some running.
    """
    painful = [p for p in ctx.pains if p.severity >= RECURRING_SEVERITY]
    painful_days = [p.day for p in painful]
    days = sorted(set(painful_days))
    window_first: list[int] = []
    states: list[Severity | None] = []
    lo = 0
    for i, day in enumerate(days):
        while days[lo] <= day - RECURRING_WINDOW_DAYS:
            lo += 1
        window_first.append(lo)
        if i - lo + 1 < RECURRING_MIN_DAYS:
            states.append(None)
            continue
        now = ctx.run_m.total(day - RECURRING_WINDOW_DAYS + 1, day)
        before = ctx.run_m.total(day - 2 * RECURRING_WINDOW_DAYS + 1, day - RECURRING_WINDOW_DAYS)
        states.append(WARNING if now > 0 and now >= before else None)
    for _state, first, last in _episodes(days, states):
        start, end = days[window_first[first]], days[last]
        reports = painful[bisect_left(painful_days, start) : bisect_right(painful_days, end)]
        labels = list(dict.fromkeys(p.label for p in reports))
        subject = ", ".join(labels[:3]) + (
            f" and {len(labels) - 3} more" if len(labels) > 3 else ""
        )
        now = ctx.run_m.total(end - RECURRING_WINDOW_DAYS + 1, end)
        before = ctx.run_m.total(end - 2 * RECURRING_WINDOW_DAYS + 1, end - RECURRING_WINDOW_DAYS)
        yield _flag(
            RECURRING_PAIN,
            WARNING,
            start,
            end,
            subject,
            f"Pain of {RECURRING_SEVERITY}/10 or more on {last - window_first[first] + 1} days "
            f"between {_day_text(start)} and {_day_text(end)}, while you ran {ctx.fmt(now)} in the "
            f"{RECURRING_WINDOW_DAYS} days to {_day_text(end)} ({ctx.fmt(before)} in the "
            f"{RECURRING_WINDOW_DAYS} days before).",
            "Pain keeps coming back while training stays as heavy: review your plan, it may be "
            "too much, and rest for at least a week.",
            src.REVIEW_THE_PROGRAM,
            (p.session_id for p in reports),
        )


# --- the registry -----------------------------------------------------------

Rule = Callable[[Context, date], Iterable[Flag]]

RULES: tuple[Rule, ...] = (
    volume_jump,
    long_run_spike,
    load_ratio_high,
    hard_surface,
    no_cooldown,
    no_warmup,
    pain_persisting,
    acute_pain,
    training_through_pain,
    vascular_red_flag,
    night_pain,
    recurring_pain,
    shoe_worn,
    shoe_age,
    non_running_shoes,
    too_much_speed,
    no_rest_day,
    return_after_break,
    hills_sand,
    stopped_mid_run,
)

# The rules that raise urgent flags, and how far back their data reaches from a flag's
# end: acute-pain and vascular-red-flag need only their day; training-through-pain
# looks back ACUTE_OPEN_DAYS for the report that opened the pain. A page banner can
# then evaluate just these over a few weeks of rows.
URGENT_RULES: tuple[Rule, ...] = (acute_pain, training_through_pain, vascular_red_flag)
URGENT_LOOKBACK_DAYS = ACUTE_OPEN_DAYS

RULE_CATALOGUE: tuple[RuleInfo, ...] = (
    VOLUME_JUMP,
    LONG_RUN_SPIKE,
    LOAD_RATIO_HIGH,
    HARD_SURFACE,
    NO_COOLDOWN,
    NO_WARMUP,
    PAIN_PERSISTING,
    ACUTE_PAIN,
    TRAINING_THROUGH_PAIN,
    VASCULAR_RED_FLAG,
    NIGHT_PAIN,
    RECURRING_PAIN,
    SHOE_WORN,
    SHOE_AGE,
    NON_RUNNING_SHOES,
    TOO_MUCH_SPEED,
    NO_REST_DAY,
    RETURN_AFTER_BREAK,
    HILLS_SAND,
    STOPPED_MID_RUN,
)


def _end_and_rank(flag: Flag) -> tuple[date, int]:
    return flag.end, flag.severity.rank


def evaluate(history: History, today: date, *, rules: Sequence[Rule] = RULES) -> list[Flag]:
    """Every flag the history raised up to and including ``today``.

    Data dated after ``today`` is ignored. Sorted newest end first, then the
    more serious first, then by rule id (then subject and start, for a stable
    order).

    With a windowed history (``History.since``), flags ending on or after
    ``since + LOOKBACK_DAYS`` are the same as with the full history. ``rules``
    narrows the evaluation, e.g. to ``URGENT_RULES``, whose flags ending on or
    after ``since + URGENT_LOOKBACK_DAYS`` are likewise exact.
    """
    ctx = build_context(history, today)
    flags = [flag for rule in rules for flag in rule(ctx, today)]
    # Two stable sorts, the minor keys first: cheaper than one mixed-direction key.
    flags.sort(key=attrgetter("rule", "subject", "start"))
    flags.sort(key=_end_and_rank, reverse=True)
    return flags


def active_flags(flags: Iterable[Flag], today: date, *, days: int = ACTIVE_DAYS) -> list[Flag]:
    """The flags ending in the ``days`` days up to and including ``today``.

    Urgent first, then warning, then info; within a severity the newest first.
    """
    first = today.toordinal() - days
    last = today.toordinal()
    active = [f for f in flags if first < f.end.toordinal() <= last]
    active.sort(
        key=lambda f: (-f.severity.rank, -f.end.toordinal(), f.rule, f.subject, f.start.toordinal())
    )
    return active
