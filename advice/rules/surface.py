"""Surface and terrain: hard ground, hills, sand and descents.

Each rule here: its thresholds (with where they come from), its catalogue entry
and its check, side by side.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate

from .. import sources as src
from ..i18n import N_, Text, concat
from ..load import DailySeries, metres
from ..types import Flag, Grade, SessionRecord, Severity, Source
from ..wording import area_label, as_date, iso, join_text, limit
from .base import (
    EPISODE_MAX_DAYS,
    INFO,
    PAIN_MIN,
    WARNING,
    Context,
    PainReport,
    RuleInfo,
    ids,
    make_flag,
    rule,
    runs_by_day,
    sides,
)
from .episodes import episodes

FAMILY = N_("Surface and terrain")

# --- hard-surface ---------------------------------------------------------------

# Document 000: asphalt hurts calves and knees; our line: half the distance of
# the last two weeks, and at least 10 km so one short road run does not count.
HARD_SURFACES = frozenset({"asphalt", "concrete"})
HARD_WINDOW_DAYS = 14
HARD_MIN_PCT = 50
HARD_MIN_M = 10_000
HARD_PAIN_AREAS = frozenset({"calf", "shin", "knee"})  # "calves ... knee joints"
# A warning needs real pain in those areas that is still there: 3/10 or more,
# reported in the 14 days and not reported below 2 since.
HARD_PAIN_SEVERITY = 3

HARD_SURFACE = RuleInfo(
    "hard-surface",
    "Mostly on asphalt or concrete",
    (INFO, WARNING),
    lambda u: Text(
        "In the {hard_window_days} days up to a run, at least {hard_min_pct}% of the running "
        "distance and at least {hard_min_m} were on asphalt or concrete; a warning while a "
        "calf, shin or knee pain of {hard_pain_severity}/10 or more reported in those days is "
        "still open (not reported below {pain_min}/10 since).",
        hard_window_days=HARD_WINDOW_DAYS,
        hard_min_pct=HARD_MIN_PCT,
        hard_min_m=limit(HARD_MIN_M, u),
        hard_pain_severity=HARD_PAIN_SEVERITY,
        pain_min=PAIN_MIN,
    ),
    (src.HARD_TRACK, src.ASPHALT_HARMFUL),
    src.EVIDENCE_HARD_SURFACE,
    Grade.MIXED,
)

_Key = tuple[str, str | None]


def _open_leg_pain(ctx: Context) -> tuple[list[int], list[tuple[int, int, _Key]]]:
    """When a calf, shin or knee pain of 3/10 or more is open: for each day of
    ``ctx.run_m``, how many are (a count a day, from the series' origin), and the
    stretches themselves, (first day, last day, (area, side)).

    A report of 3/10 or more opens its area and side for 14 days, or until the
    first later day it is reported below 2 (``Context.cleared``: a 0 and a 4 on
    one day leave it open; a 2 neither opens nor ends it).
    """
    origin, last = ctx.run_m.origin, ctx.run_m.last
    stretches: list[tuple[int, int, _Key]] = []
    for p in ctx.pains:
        if p.severity < HARD_PAIN_SEVERITY or p.area not in HARD_PAIN_AREAS:
            continue
        for side in sides(p.side):
            key = (p.area, side)
            until = p.day + HARD_WINDOW_DAYS - 1
            cleared = ctx.cleared([key], p.day)
            if cleared is not None:
                until = min(until, cleared.toordinal() - 1)
            stretches.append((p.day, until, key))
    change = [0] * (last - origin + 2)
    for first, until, _key in stretches:
        change[max(first, origin) - origin] += 1
        change[min(until, last) + 1 - origin] -= 1
    return list(accumulate(change)), stretches


@rule(HARD_SURFACE, reach_days=EPISODE_MAX_DAYS + HARD_WINDOW_DAYS)
def hard_surface(ctx: Context) -> Iterable[Flag]:
    """Half (and 10 km) of the last 14 days' running on asphalt or concrete.

    Checked at every running day over the 14 days up to it, in O(1) with prefix
    sums; a warning while a calf, shin or knee pain of 3/10 or more is open.
    Consecutive running days with the same verdict make one episode. The
    warning is resolved when the pains it names are reported below 2.
    """
    runs = ctx.runs
    hard_at = [i for i, r in enumerate(runs) if r.surface in HARD_SURFACES]
    if not hard_at:
        return
    on_hard = [runs[i] for i in hard_at]
    hard_days = [ctx.run_ords[i] for i in hard_at]
    origin = ctx.run_m.origin
    hard_m = DailySeries(
        origin, ctx.today_ord, zip(hard_days, [ctx.run_metres[i] for i in hard_at], strict=True)
    )
    hard_14 = hard_m.window_sums(HARD_WINDOW_DAYS)
    run_14 = ctx.run_m.window_sums(HARD_WINDOW_DAYS)
    days = [
        day
        for day in ctx.run_days
        if (hard := hard_14[day - origin]) >= HARD_MIN_M
        and hard * 100 >= run_14[day - origin] * HARD_MIN_PCT
    ]
    if not days:
        return
    open_count, stretches = _open_leg_pain(ctx)
    starts = [first for first, _until, _key in stretches]  # in day order, as the pains
    states: list[Severity | None] = [WARNING if open_count[day - origin] else INFO for day in days]
    for severity, first, last in episodes(days, states):
        end = days[last]
        lo = end - HARD_WINDOW_DAYS + 1
        hard, total = hard_m.total(lo, end), ctx.run_m.total(lo, end)
        detail: str = Text(
            "{hard} of your {total} in the {days} days to {end} ({share}%) were on asphalt or "
            "concrete.",
            hard=ctx.fmt(hard),
            total=ctx.fmt(total),
            days=HARD_WINDOW_DAYS,
            end=as_date(end),
            share=round(hard * 100 / total),
        )
        advice: str = Text("Move some runs to a park or forest path, a track or a treadmill.")
        resolved = None
        if severity is WARNING:
            # A stretch lasts at most 14 days: only those begun in the 14 days to the end.
            near = stretches[
                bisect_left(starts, end - HARD_WINDOW_DAYS + 1) : bisect_right(starts, end)
            ]
            hurting = sorted(
                {key for _first, until, key in near if end <= until},
                key=lambda k: (k[0], k[1] or ""),
            )
            detail = concat(
                detail,
                Text(
                    " You also reported {areas} pain, not reported below {pain_min}/10 since.",
                    areas=join_text(area_label(a, s) for a, s in hurting),
                    pain_min=PAIN_MIN,
                ),
            )
            advice = Text(
                "Your legs hurt while most of your running is on hard ground: move your runs to "
                "softer surfaces and ease off until the pain is gone. When it no longer hurts, "
                "check in with 0/10 for it."
            )
            resolved = ctx.cleared(hurting, end)
        first_day = days[first]
        hard_runs = on_hard[
            bisect_left(hard_days, first_day - HARD_WINDOW_DAYS + 1) : bisect_right(hard_days, end)
        ]
        yield make_flag(
            HARD_SURFACE,
            severity,
            first_day,
            end,
            Text("asphalt and concrete"),
            detail,
            advice,
            src.HARD_TRACK,
            ids(hard_runs),
            resolved=resolved,
        )


# --- hills-sand ---------------------------------------------------------------

HILL_SAND_DAYS = 3  # delayed-onset soreness shows within 24-72 h
CALF_LOADING_TERRAIN = frozenset({"hilly"})
CALF_LOADING_SURFACES = frozenset({"sand"})
KNEE_LOADING_TERRAIN = frozenset({"downhill"})

HILLS_SAND = RuleInfo(
    "hills-sand",
    "Hills, sand or downhill, then pain",
    (INFO,),
    Text(
        "A hilly or sand run followed within {hill_sand_days} days by calf pain, or a downhill "
        "run followed within {hill_sand_days} days by knee pain.",
        hill_sand_days=HILL_SAND_DAYS,
    ),
    (src.HILL_SAND, src.DESCENTS),
    src.EVIDENCE_HILLS_SAND,
    Grade.SUPPORTED,
)


@rule(HILLS_SAND, reach_days=HILL_SAND_DAYS)
def hills_sand(ctx: Context) -> Iterable[Flag]:
    """Calf pain within 3 days of a hilly or sand run; knee pain after a downhill one.

    "Within 3 days" includes the run's own day. The flag ends on the first
    matching report, so later reports do not move it.
    """
    loading = CALF_LOADING_TERRAIN | KNEE_LOADING_TERRAIN
    loading_runs = [
        i
        for i, r in enumerate(ctx.runs)
        if r.terrain in loading or r.surface in CALF_LOADING_SURFACES
    ]
    if not loading_runs:
        return
    calf = [p for p in ctx.pains if p.area == "calf"]
    knee = [p for p in ctx.pains if p.area == "knee"]
    calf_days = [p.day for p in calf]
    knee_days = [p.day for p in knee]
    for day, runs in runs_by_day(ctx, loading_runs):
        found: list[tuple[SessionRecord, str, PainReport, Source]] = []
        for run in runs:
            if run.terrain in CALF_LOADING_TERRAIN or run.surface in CALF_LOADING_SURFACES:
                i = bisect_left(calf_days, day)
                if i < len(calf) and calf_days[i] <= day + HILL_SAND_DAYS:
                    what = N_("hilly") if run.terrain in CALF_LOADING_TERRAIN else N_("sand")
                    found.append((run, what, calf[i], src.HILL_SAND))
            if run.terrain in KNEE_LOADING_TERRAIN:
                i = bisect_left(knee_days, day)
                if i < len(knee) and knee_days[i] <= day + HILL_SAND_DAYS:
                    found.append((run, N_("downhill"), knee[i], src.DESCENTS))
        if not found:
            continue
        parts = [
            Text(
                "{what} run on {day} ({distance}), then {area} pain {severity}/10 on {pain_day}",
                what=Text(what),
                day=as_date(day),
                distance=ctx.fmt(metres(run.distance_km)),
                area=pain.label,
                severity=pain.severity,
                pain_day=as_date(pain.day),
            )
            for run, what, pain, _source in found
        ]
        yield make_flag(
            HILLS_SAND,
            INFO,
            day,
            max(pain.day for _run, _what, pain, _source in found),
            iso(day),
            concat(*(part for i, t in enumerate(parts) for part in ("; ", t)[not i :]), "."),
            Text(
                "Climbs and sand double the calves' work, descents load the knees: add them "
                "gradually and keep the runs after them easy and flat."
            ),
            found[0][3],
            [run.id for run, *_rest in found] + [pain.session_id for *_rest, pain, _s in found],
        )
