"""The demo's training: weeks that build and ease off, long runs, intervals, easy runs
and some cross-training, and the shoes they were run in."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tracker.demo.records import (
    PlannedSession,
    PlannedShoe,
    duration_for,
    maybe_minutes,
    watch_km,
    weighted,
)
from tracker.models import Activity, ShoeKind, Surface, Terrain

# Training shape. Weekly volume starts at a comfortable 28 km and builds towards 55 km
# over about half a year, so the charts show a slow build rather than a jump.
START_WEEK_KM = 28.0
PLATEAU_WEEK_KM = 55.0
BUILD_WEEKS = 30.0
MIN_RUNS, MAX_RUNS = 3, 6
EASY_KM = (4.0, 12.0)
LONG_KM = (14.0, 25.0)
PACE_MIN_PER_KM = (4.75, 6.5)

# Shoes: a road pair retired once it passes about 700 km, then its successor, and a
# trail pair with its own limit. Earlier runs predate shoe tracking (shoe empty).
RETIRE_AT_KM = (690.0, 730.0)
CURRENT_PAIR_KM = (120.0, 420.0)
TRAIL_LIMIT_KM = 800

INTERVAL_NOTES = (
    "6 x 800 m, 2 min jog",
    "5 x 1 km off 90 s",
    "8 x 400 m",
    "3 x 2 km at threshold",
    "10 x 1 min on, 1 min off",
    "Pyramid 200-400-800-400-200",
)
LONG_NOTES = (
    "Long run with the club",
    "Long and easy",
    "Last hour a bit quicker",
    "Windy out there",
)
EASY_NOTES = ("Easy", "Recovery jog", "Legs heavy", "Lovely morning", "Rain the whole way")


# The worst pain of a day: (severity, area, side), (0, "", "") for none.
PainOn = Callable[[date], tuple[int, str, str]]


class TrainingPlanner:
    """Plans the sessions week by week, easing off when ``pain`` says the runner hurts,
    then which pair each run was in."""

    def __init__(self, rng: random.Random, *, start: date, end: date, pain: PainOn) -> None:
        self.rng = rng
        self.start = start
        self.end = end
        self._pain = pain

    def plan_sessions(self) -> list[PlannedSession]:
        rng = self.rng
        sessions: list[PlannedSession] = []
        monday = self.start - timedelta(days=self.start.weekday())
        week = 0
        weeks_since_down = 0
        down_every = rng.choice((3, 3, 4))
        # A build towards a longer goal race every 20-30 weeks pushes long runs to 25 km.
        next_race = rng.randint(20, 34)
        while monday <= self.end:
            down = weeks_since_down >= down_every
            if down:
                weeks_since_down = 0
                down_every = rng.choice((3, 3, 3, 4, 5))
            else:
                weeks_since_down += 1
            if week > next_race:
                next_race = week + rng.randint(20, 30)
            weeks_to_race = next_race - week
            race_build = 0.0 if down or weeks_to_race > 12 else (12 - weeks_to_race) / 12
            sessions.extend(self._plan_week(monday, week, down=down, race_build=race_build))
            monday += timedelta(days=7)
            week += 1
        return [s for s in sessions if self.start <= s.date <= self.end]

    def _plan_week(
        self, monday: date, week: int, *, down: bool, race_build: float
    ) -> list[PlannedSession]:
        rng = self.rng
        days = [monday + timedelta(days=i) for i in range(7)]
        worst_pain = max(self._pain(d)[0] for d in days)
        progress = 1 - math.exp(-week / BUILD_WEEKS)
        # Runners do more in the long light evenings of spring and summer.
        season = 1 + 0.08 * math.sin(2 * math.pi * (monday.timetuple().tm_yday - 80) / 365.25)
        target = (START_WEEK_KM + (PLATEAU_WEEK_KM - START_WEEK_KM) * progress) * season
        target *= rng.uniform(0.9, 1.1)
        if down:
            target *= rng.uniform(0.65, 0.8)
        if worst_pain >= 3:
            target *= 0.8

        runs = MIN_RUNS + round((target - START_WEEK_KM) / 12) + rng.choice((-1, 0, 0, 1))
        if down or worst_pain >= 4:
            runs -= 1
        runs = max(MIN_RUNS, min(MAX_RUNS, runs))

        long_day = days[6] if rng.random() < 0.75 else days[5]
        long_km = 14 + (target - START_WEEK_KM) * 0.25 + rng.uniform(-1, 2.5) + 7 * race_build
        if down or worst_pain >= 3:
            long_km = rng.uniform(14, 16)
        long_km = max(LONG_KM[0], min(LONG_KM[1], long_km))

        others = sorted(rng.sample([d for d in days if d != long_day], runs - 1))
        per_run = max(EASY_KM[0], (target - long_km) / (runs - 1))
        fitness = 0.35 * progress
        intervals_day: date | None = None
        if not down and worst_pain < 3 and runs >= 4 and rng.random() < 0.5:
            midweek = [d for d in others if d.weekday() in (1, 2, 3)]
            intervals_day = rng.choice(midweek or others)

        planned = [self._long_run(long_day, long_km, fitness)]
        for day in others:
            if day == intervals_day:
                planned.append(self._intervals(day, fitness))
            else:
                planned.append(self._easy_run(day, per_run, fitness))
        planned.extend(self._cross_training(days, long_day))
        for session in planned:
            self._add_pain(session)
        return planned

    def _surface(self, day: date, *, long: bool) -> tuple[str, str]:
        rng = self.rng
        winter = day.month in (12, 1, 2)
        summer = day.month in (7, 8)
        table: tuple[tuple[str, int], ...] = (
            (Surface.ASPHALT, 45),
            (Surface.TRAIL, 18),
            (Surface.MIXED, 6),
            (Surface.CONCRETE, 4),
            (Surface.GRASS, 0 if long else 8),
            (Surface.TREADMILL, 0 if long else (12 if winter else 3)),
            (Surface.SAND, 2 if summer and not long else 0),
        )
        surface = weighted(rng, table)
        if rng.random() < 0.03:
            return "", ""  # not recorded
        terrain_by_surface: dict[str, tuple[tuple[str, int], ...]] = {
            Surface.ASPHALT: ((Terrain.FLAT, 5), (Terrain.ROLLING, 4), (Terrain.HILLY, 2)),
            Surface.CONCRETE: ((Terrain.FLAT, 1),),
            Surface.TRAIL: (
                (Terrain.ROLLING, 5),
                (Terrain.HILLY, 4),
                (Terrain.DOWNHILL, 1),
                (Terrain.FLAT, 1),
            ),
            Surface.MIXED: ((Terrain.ROLLING, 3), (Terrain.FLAT, 2), (Terrain.HILLY, 1)),
            Surface.GRASS: ((Terrain.FLAT, 3), (Terrain.ROLLING, 2)),
            Surface.TREADMILL: ((Terrain.FLAT, 1),),
            Surface.SAND: ((Terrain.FLAT, 1),),
        }
        terrain = weighted(rng, terrain_by_surface[surface])
        if surface == Surface.ASPHALT and rng.random() < 0.02:
            terrain = Terrain.DOWNHILL
        return surface, terrain

    def _pace(self, base: tuple[float, float], fitness: float, surface: str, terrain: str) -> float:
        pace = self.rng.uniform(*base) - fitness
        slower_on: dict[str, float] = {Surface.TRAIL: 0.25, Surface.SAND: 0.35, Surface.GRASS: 0.1}
        pace += slower_on.get(surface, 0.0)
        slower_over: dict[str, float] = {Terrain.HILLY: 0.15, Terrain.DOWNHILL: -0.15}
        pace += slower_over.get(terrain, 0.0)
        return max(PACE_MIN_PER_KM[0], min(PACE_MIN_PER_KM[1], pace))

    def _run(
        self, day: date, workout: str, km: float, pace: float, **fields: Any
    ) -> PlannedSession:
        rng = self.rng
        roll = rng.random()
        stopped = None if roll < 0.2 else rng.random() < (0.04 if workout == "long" else 0.01)
        fields.setdefault("warmup_min", maybe_minutes(rng))
        return PlannedSession(
            date=day,
            activity=Activity.RUN,
            workout=workout,
            distance_km=watch_km(km),
            duration_min=duration_for(km, pace),
            cooldown_min=maybe_minutes(rng),
            stopped=stopped,
            **fields,
        )

    def _long_run(self, day: date, km: float, fitness: float) -> PlannedSession:
        rng = self.rng
        surface, terrain = self._surface(day, long=True)
        pace = self._pace((5.6, 6.2), fitness * 0.8, surface, terrain)
        return self._run(
            day,
            "long",
            km,
            pace,
            surface=surface,
            terrain=terrain,
            fast_pct=rng.choice((0, 0, 0, 0, 5, 10)),
            rpe=rng.choice((5, 6, 6, 7, 7, 8)) if rng.random() > 0.05 else None,
            notes=rng.choice(LONG_NOTES) if rng.random() < 0.15 else "",
        )

    def _easy_run(self, day: date, km: float, fitness: float) -> PlannedSession:
        rng = self.rng
        km = max(EASY_KM[0], min(EASY_KM[1], km * rng.uniform(0.7, 1.3)))
        if self._pain(day)[0] >= 4:
            km = max(EASY_KM[0], km * 0.7)  # a sore runner cuts the run short
        surface, terrain = self._surface(day, long=False)
        pace = self._pace((5.6, 6.35), fitness, surface, terrain)
        roll = rng.random()
        # Strides at the end of an easy run are the usual reason for a few fast percent.
        fast = None if roll < 0.05 else (rng.randint(5, 15) if roll < 0.35 else 0)
        return self._run(
            day,
            "easy",
            km,
            pace,
            surface=surface,
            terrain=terrain,
            fast_pct=fast,
            rpe=rng.choice((3, 3, 4, 4, 4, 5)) if rng.random() > 0.05 else None,
            notes=rng.choice(EASY_NOTES) if rng.random() < 0.06 else "",
        )

    def _intervals(self, day: date, fitness: float) -> PlannedSession:
        rng = self.rng
        km = rng.uniform(6, 10)
        surface = weighted(rng, ((Surface.TRACK, 6), (Surface.ASPHALT, 3), (Surface.TREADMILL, 1)))
        pace = self._pace((4.95, 5.35), fitness * 0.6, surface, Terrain.FLAT)
        return self._run(
            day,
            "intervals",
            km,
            pace,
            surface=surface,
            terrain=Terrain.FLAT,
            warmup_min=rng.randint(10, 15),  # nobody starts a track session cold
            fast_pct=rng.randint(20, 40),
            rpe=rng.choice((7, 8, 8, 9)),
            notes=rng.choice(INTERVAL_NOTES),
        )

    def _cross_training(self, days: list[date], long_day: date) -> list[PlannedSession]:
        rng = self.rng
        out: list[PlannedSession] = []
        if rng.random() < 0.35:
            km = rng.uniform(3, 8)
            out.append(
                PlannedSession(
                    date=rng.choice(days),
                    activity=Activity.WALK,
                    distance_km=watch_km(km),
                    duration_min=duration_for(km, rng.uniform(10.5, 13)),
                    surface=rng.choice((Surface.ASPHALT, Surface.GRASS, Surface.TRAIL)),
                    terrain=rng.choice((Terrain.FLAT, Terrain.ROLLING)),
                    rpe=rng.choice((1, 2, 2, 3)),
                    notes=rng.choice(("", "", "With the dog", "Hike")),
                )
            )
        if rng.random() < 0.15:
            minutes = rng.randint(40, 120)
            out.append(
                PlannedSession(
                    date=rng.choice([d for d in days if d != long_day]),
                    activity=Activity.CYCLE,
                    distance_km=watch_km(minutes / 60 * rng.uniform(18, 26)),
                    duration_min=Decimal(minutes),
                    surface=Surface.ASPHALT,
                    terrain=rng.choice((Terrain.FLAT, Terrain.ROLLING, Terrain.HILLY)),
                    rpe=rng.choice((3, 4, 5)),
                )
            )
        if rng.random() < 0.25:
            out.append(
                PlannedSession(
                    date=rng.choice([d for d in days if d != long_day]),
                    activity=Activity.STRENGTH,
                    duration_min=Decimal(rng.choice((20, 25, 30, 40, 45))),
                    rpe=rng.choice((4, 5, 6)),
                    notes=rng.choice(("Core and glutes", "Calf raises, squats", "Gym")),
                )
            )
        if rng.random() < 0.02:
            out.append(
                PlannedSession(
                    date=rng.choice(days),
                    activity=Activity.JUMP_ROPE,
                    duration_min=Decimal(rng.choice((10, 15))),
                    rpe=6,
                )
            )
        return out

    def _add_pain(self, session: PlannedSession) -> None:
        if session.activity != Activity.RUN:
            return
        rng = self.rng
        severity, area, side = self._pain(session.date)
        if severity:
            # Running on a sore area usually hurts about as much as the morning check-in.
            session.pain = max(1, min(6, severity + rng.choice((-1, 0, 0, 1))))
            session.pain_area, session.pain_side = area, side
        elif rng.random() < 0.25:
            session.pain = 0

    def plan_shoes(self, sessions: list[PlannedSession]) -> list[PlannedShoe]:
        rng = self.rng
        runs = sorted((s for s in sessions if s.activity == Activity.RUN), key=lambda s: s.date)
        retire_at = rng.uniform(*RETIRE_AT_KM)
        current_km = rng.uniform(*CURRENT_PAIR_KM)
        first, second = rng.sample(("blue", "orange", "green", "grey"), 2)
        old = PlannedShoe(name=f"Daily trainer ({first})", kind=ShoeKind.RUNNING)
        new = PlannedShoe(name=f"Daily trainer ({second})", kind=ShoeKind.RUNNING)
        trail = PlannedShoe(
            name="Trail shoes", kind=ShoeKind.TRAIL, limit_km=TRAIL_LIMIT_KM, notes="Grippy lugs"
        )

        # Shoe tracking starts late enough that the first road pair reaches about 700 km
        # and its successor has some wear by the end: older runs have no pair recorded.
        road = [r for r in runs if r.surface != Surface.TRAIL]
        needed, tracked_from = retire_at + current_km, self.start
        for run in reversed(road):
            needed -= float(run.distance_km or 0)
            if needed <= 0:
                tracked_from = run.date
                break

        used = 0.0
        pair = old
        for run in runs:
            if run.date < tracked_from:
                continue
            if run.surface == Surface.TRAIL:
                run.shoe = trail.name
                trail.first_used = trail.first_used or run.date
                continue
            if pair is old and old.retired:
                pair = new
            run.shoe = pair.name
            pair.first_used = pair.first_used or run.date
            if pair is old:
                used += float(run.distance_km or 0)
                if used >= retire_at:
                    old.retired = run.date
                    old.notes = f"Retired at {used:.0f} km: the midsole felt flat."
        shoes = [old, trail]
        if new.first_used:
            shoes.insert(1, new)
        elif old.retired:
            old.retired = None  # it passed 700 km on the very last run; still in use
            old.notes = ""
        return shoes
