"""Fill a demo runner's log with years of plausible, reproducible training.

    python manage.py seed_demo --user demo --years 2 --seed 7 [--password P] [--end YYYY-MM-DD]
                               [--replace] [--site http://HOST:PORT]

The whole history is planned in memory from ``random.Random(seed)`` alone, then
written with a few ``bulk_create`` calls in one transaction: the same seed, span and
end date always give the same rows, and ten years take a second or two on SQLite.
An existing runner is left alone unless ``--replace`` is given: then their log is
replaced rather than added to. ``--site`` is where the server runs, for the log-in
URL printed at the end (``make demo`` passes its HOST and PORT).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count, Max, Min

from tracker import flagstore
from tracker.dates import format_day
from tracker.management.runners import runner_named
from tracker.models import (
    Activity,
    Area,
    PainKind,
    Profile,
    SeenFlag,
    Session,
    ShoeKind,
    Side,
    Soreness,
    Surface,
    Terrain,
    Units,
    Weekday,
)
from tracker.models import Shoe as ShoeModel
from tracker.services import profile_for, runner_today

DEFAULT_PASSWORD = "demo-runner-2026"
DEFAULT_YEARS = 2.0
DEFAULT_SITE = "http://127.0.0.1:8000"  # make run's default HOST and PORT
LOGIN_PATH = "/accounts/login/"
TIME_ZONE = "Europe/London"
BATCH_SIZE = 500
MAX_DAYS = 40 * 366  # a guard against typos such as --years 2000

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

# The one soreness episode every history of two weeks or more gets: reported daily
# at 3-5/10 for 7-9 days, then 0 — long enough for a "pain persisting" rule.
LONG_EPISODE_DAYS = (7, 9)
LONG_EPISODE_AREAS = (
    (Area.CALF, Side.LEFT),
    (Area.CALF, Side.RIGHT),
    (Area.SHIN, Side.LEFT),
    (Area.SHIN, Side.RIGHT),
)

# How long after an episode the runner keeps checking the spot on quiet days.
FOLLOW_UP_DAYS = 28

EPISODE_AREAS: tuple[tuple[str, int], ...] = (
    (Area.CALF, 4),
    (Area.KNEE, 3),
    (Area.ACHILLES, 2),
    (Area.SHIN, 2),
    (Area.HAMSTRING, 2),
    (Area.FOOT, 2),
    (Area.HIP, 1),
    (Area.HEEL, 1),
    (Area.THIGH, 1),
    (Area.BACK, 1),
)
# Sharp pain and cramps are kept out of ordinary episodes: they are what the rules
# treat as serious, and the demo should raise those at most once or twice.
EPISODE_KINDS: tuple[tuple[str, int], ...] = (
    (PainKind.ACHING, 5),
    (PainKind.STIFFNESS, 3),
    (PainKind.BURNING, 1),
    (PainKind.PULSATING, 1),
)

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


@dataclass
class PlannedSession:
    date: date
    activity: str
    distance_km: Decimal | None = None
    duration_min: Decimal | None = None
    surface: str = ""
    terrain: str = ""
    warmup_min: int | None = None
    cooldown_min: int | None = None
    fast_pct: int | None = None
    rpe: int | None = None
    stopped: bool | None = None
    pain: int | None = None
    pain_area: str = ""
    pain_side: str = ""
    notes: str = ""
    workout: str = ""  # easy, long or intervals for runs; not stored
    shoe: str = ""  # name of the planned pair; not stored as such


@dataclass
class PlannedCheckin:
    date: date
    area: str
    side: str
    severity: int
    kind: str = ""
    swelling: bool | None = None
    at_night: bool | None = None
    notes: str = ""


@dataclass
class PlannedShoe:
    name: str
    kind: str
    limit_km: int | None = None
    first_used: date | None = None
    retired: date | None = None
    notes: str = ""


@dataclass
class Episode:
    """A stretch of soreness in one area: ``severities[i]`` is the pain on day i."""

    start: date
    area: str
    side: str
    kind: str
    severities: list[int]
    reported: list[bool]  # whether the runner checked in that day
    closed: bool = True  # a 0 check-in the day after the last sore day

    @property
    def end(self) -> date:
        """The last day the area may be checked in on (the closing 0 included)."""
        return self.start + timedelta(days=len(self.severities))


@dataclass
class DemoLog:
    start: date
    end: date
    sessions: list[PlannedSession] = field(default_factory=list)
    checkins: list[PlannedCheckin] = field(default_factory=list)
    shoes: list[PlannedShoe] = field(default_factory=list)


# Records a check-in unless one exists for that day, area and side (``replace=True``:
# even then), so that an episode's own report wins over incidental ones.
PutCheckin = Callable[..., None]


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights=weights)[0]


def _km(value: float) -> Decimal:
    # Watches report to 10 m; the column keeps 3 dp.
    return Decimal(f"{value:.2f}")


def _minutes(distance_km: float, pace: float) -> Decimal:
    seconds = round(distance_km * pace * 60)
    return (Decimal(seconds) / 60).quantize(Decimal("0.01"))


def _maybe_minutes(rng: random.Random) -> int | None:
    """Warm-up or cool-down: skipped in about a quarter of runs, sometimes not recorded."""
    roll = rng.random()
    if roll < 0.25:
        return 0
    if roll < 0.35:
        return None
    return rng.randint(5, 15)


class DemoPlanner:
    """Plans a whole history from one ``random.Random``; touches no database."""

    def __init__(self, *, seed: int, start: date, end: date) -> None:
        self.rng = random.Random(seed)
        self.start = start
        self.end = end
        self.days = (end - start).days + 1
        self.episodes: list[Episode] = []
        self.pain_on: dict[tuple[date, str, str], int] = {}
        self.worst_pain: dict[date, tuple[int, str, str]] = {}

    # -- the plan -----------------------------------------------------------------

    def plan(self) -> DemoLog:
        log = DemoLog(start=self.start, end=self.end)
        self._plan_episodes()
        log.sessions = self._plan_sessions()
        log.checkins = self._plan_checkins(log.sessions)
        log.shoes = self._plan_shoes(log.sessions)
        log.sessions.sort(key=lambda s: (s.date, s.activity != Activity.RUN, s.activity))
        log.checkins.sort(key=lambda c: (c.date, c.area, c.side))
        return log

    # -- soreness episodes ---------------------------------------------------------

    def _plan_episodes(self) -> None:
        rng = self.rng
        reserved: Episode | None = None
        if self.days >= 14:
            length = rng.randint(*LONG_EPISODE_DAYS)
            area, side = rng.choice(LONG_EPISODE_AREAS)
            # Over (closed with a 0) but recent: a flag it raises is still active on the
            # last day, so the demo dashboard has something to show.
            if self.days >= 70:
                start = self.end - timedelta(days=rng.randint(4, 12) + length)
            else:
                start = self.start + timedelta(days=max(0, (self.days - length - 1) // 2))
            length = min(length, (self.end - start).days)
            severities = self._shape(length, low=3, high=5)
            reserved = Episode(
                start=start,
                area=area,
                side=side,
                kind=PainKind.ACHING,
                severities=severities,
                reported=[True] * length,
            )
            self.episodes.append(reserved)

        day = self.start + timedelta(days=rng.randint(15, 50))
        while day < self.end - timedelta(days=3):
            length = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 8))
            episode = Episode(
                start=day,
                area=_weighted(rng, EPISODE_AREAS),
                side=Side.BOTH,
                kind=_weighted(rng, EPISODE_KINDS),
                severities=self._shape(length, low=1, high=rng.randint(2, 4)),
                reported=[rng.random() < 0.85 for _ in range(length)],
                closed=rng.random() < 0.85,
            )
            if episode.area != Area.BACK:
                episode.side = rng.choice((Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT, Side.BOTH))
            episode.reported[0] = True  # an episode starts with the check-in that reports it
            clash = reserved and (
                episode.start <= reserved.end + timedelta(days=7)
                and reserved.start <= episode.end + timedelta(days=7)
            )
            if not clash and episode.end <= self.end:
                self.episodes.append(episode)
            day = episode.end + timedelta(days=rng.randint(30, 90))

        self.episodes.sort(key=lambda e: e.start)
        for episode in self.episodes:
            for offset, severity in enumerate(episode.severities):
                day = episode.start + timedelta(days=offset)
                self.pain_on[(day, episode.area, episode.side)] = severity
                if severity > self.worst_pain.get(day, (0, "", ""))[0]:
                    self.worst_pain[day] = (severity, episode.area, episode.side)

    def _shape(self, length: int, *, low: int, high: int) -> list[int]:
        """Severities that rise to ``high`` early and ease off towards ``low``."""
        rng = self.rng
        peak_at = min(length - 1, rng.randint(0, max(0, length // 3)))
        out = []
        for i in range(length):
            if i <= peak_at:
                value = high
            else:
                fade = (i - peak_at) / max(1, length - peak_at)
                value = round(high - (high - low) * fade)
            out.append(max(low, min(high, value + rng.choice((-1, 0, 0, 0, 1)))))
        return out

    def _pain(self, day: date) -> tuple[int, str, str]:
        """The worst pain of the day from the episodes: (severity, area, side)."""
        return self.worst_pain.get(day, (0, "", ""))

    # -- training ------------------------------------------------------------------

    def _plan_sessions(self) -> list[PlannedSession]:
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
        surface = _weighted(rng, table)
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
        terrain = _weighted(rng, terrain_by_surface[surface])
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
        fields.setdefault("warmup_min", _maybe_minutes(rng))
        return PlannedSession(
            date=day,
            activity=Activity.RUN,
            workout=workout,
            distance_km=_km(km),
            duration_min=_minutes(km, pace),
            cooldown_min=_maybe_minutes(rng),
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
        surface = _weighted(rng, ((Surface.TRACK, 6), (Surface.ASPHALT, 3), (Surface.TREADMILL, 1)))
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
                    distance_km=_km(km),
                    duration_min=_minutes(km, rng.uniform(10.5, 13)),
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
                    distance_km=_km(minutes / 60 * rng.uniform(18, 26)),
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

    # -- check-ins -----------------------------------------------------------------

    def _plan_checkins(self, sessions: list[PlannedSession]) -> list[PlannedCheckin]:
        rng = self.rng
        found: dict[tuple[date, str, str], PlannedCheckin] = {}

        def put(checkin: PlannedCheckin, *, replace: bool = False) -> None:
            key = (checkin.date, checkin.area, checkin.side)
            if self.start <= checkin.date <= self.end and (replace or key not in found):
                found[key] = checkin

        for episode in self.episodes:
            self._episode_checkins(episode, put)

        runs = [s for s in sessions if s.activity == Activity.RUN]
        self._one_offs(runs, put)

        # Stiff legs the day after a long run or intervals, gone a day or two later.
        for run in runs:
            km = float(run.distance_km or 0)
            chance = 0.7 if run.workout == "intervals" or km >= 18 else (0.4 if km >= 10 else 0.0)
            if rng.random() >= chance:
                continue
            area = rng.choice((Area.THIGH, Area.CALF, Area.HAMSTRING, Area.THIGH))
            day = run.date + timedelta(days=1)
            if any((day, area, side) in self.pain_on for side in Side.values):
                continue
            put(
                PlannedCheckin(
                    date=day,
                    area=area,
                    side=Side.BOTH,
                    severity=rng.choice((1, 1, 2)),
                    kind=rng.choice((PainKind.STIFFNESS, PainKind.STIFFNESS, PainKind.ACHING)),
                )
            )
            if rng.random() < 0.8:
                later = day + timedelta(days=rng.choice((1, 1, 2)))
                if not any((later, area, side) in self.pain_on for side in Side.values):
                    put(PlannedCheckin(date=later, area=area, side=Side.BOTH, severity=0))

        # For a few weeks after an episode the runner often logs that the spot is still fine.
        days_with_checkins = {key[0] for key in found}
        starts = [e.start for e in self.episodes]
        for offset in range(self.days):
            day = self.start + timedelta(days=offset)
            if day in days_with_checkins or rng.random() > 0.35:
                continue
            before = bisect_right(starts, day) - 1
            if before < 0:
                continue
            last = self.episodes[before]
            if last.end < day <= last.end + timedelta(days=FOLLOW_UP_DAYS):
                put(PlannedCheckin(date=day, area=last.area, side=last.side, severity=0))

        return list(found.values())

    def _episode_checkins(self, episode: Episode, put: PutCheckin) -> None:
        rng = self.rng
        for offset, severity in enumerate(episode.severities):
            if not episode.reported[offset]:
                continue
            put(
                PlannedCheckin(
                    date=episode.start + timedelta(days=offset),
                    area=episode.area,
                    side=episode.side,
                    severity=severity,
                    kind=episode.kind,
                    swelling=False if rng.random() < 0.3 else None,
                    at_night=False if rng.random() < 0.2 else None,
                    notes="Worse on the stairs" if offset == 0 and rng.random() < 0.2 else "",
                ),
                replace=True,
            )
        if episode.closed:
            put(
                PlannedCheckin(date=episode.end, area=episode.area, side=episode.side, severity=0),
                replace=True,
            )

    def _one_offs(self, runs: list[PlannedSession], put: PutCheckin) -> None:
        """A single sharp twinge and a single night cramp, in long histories only."""
        rng = self.rng
        quiet = [
            r
            for r in runs
            if not r.pain
            and self.start + timedelta(days=60) <= r.date <= self.end - timedelta(days=60)
        ]
        if self.days >= 365 and quiet:
            trail = [r for r in quiet if r.surface == Surface.TRAIL] or quiet
            run = rng.choice(trail)
            area, side = rng.choice(((Area.FOOT, Side.RIGHT), (Area.KNEE, Side.LEFT)))
            run.pain, run.pain_area, run.pain_side = 6, area, side
            run.notes = "Sharp twinge on a descent, fine by the evening"
            put(
                PlannedCheckin(
                    date=run.date,
                    area=area,
                    side=side,
                    severity=6,
                    kind=PainKind.SHARP,
                    swelling=False,
                    at_night=False,
                    notes="One sharp twinge, gone after a few minutes",
                ),
                replace=True,
            )
            put(PlannedCheckin(date=run.date + timedelta(days=1), area=area, side=side, severity=0))
        if self.days >= 730 and quiet:
            day = rng.choice(quiet).date + timedelta(days=1)
            side = rng.choice((Side.LEFT, Side.RIGHT))
            if (day, Area.CALF, side) not in self.pain_on:
                put(
                    PlannedCheckin(
                        date=day,
                        area=Area.CALF,
                        side=side,
                        severity=3,
                        kind=PainKind.CRAMP,
                        at_night=True,
                        notes="Cramp woke me up",
                    ),
                    replace=True,
                )
                put(
                    PlannedCheckin(
                        date=day + timedelta(days=1), area=Area.CALF, side=side, severity=0
                    )
                )

    # -- shoes ---------------------------------------------------------------------

    def _plan_shoes(self, sessions: list[PlannedSession]) -> list[PlannedShoe]:
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


def _parse_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--end: “{value}” is not a date (YYYY-MM-DD).") from exc


class Command(BaseCommand):
    help = (
        "Create a demo runner with a realistic, reproducible training log. An existing "
        "runner of that name is left alone; with --replace, their sessions, soreness "
        "check-ins and shoes are replaced."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", default="demo", help="Username (default: demo).")
        span = parser.add_mutually_exclusive_group()
        span.add_argument(
            "--years", type=float, help=f"Length of the history (default {DEFAULT_YEARS:g})."
        )
        span.add_argument("--days", type=int, help="Length of the history in days.")
        parser.add_argument("--seed", type=int, default=7, help="Same seed, same log.")
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument(
            "--end", help="Last day of the history (default: today in the runner's time zone)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Replace the log of an existing runner of that name (default: refuse).",
        )
        parser.add_argument(
            "--site",
            default=DEFAULT_SITE,
            help=f"The server's address, for the log-in URL printed (default {DEFAULT_SITE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        years, days = options.get("years"), options.get("days")
        if years is not None and days is not None:
            raise CommandError("Give --years or --days, not both.")
        if days is None:
            days = round(float(DEFAULT_YEARS if years is None else years) * 365.25)
        days = int(days)
        if not 1 <= days <= MAX_DAYS:
            raise CommandError(f"The history must span 1 to {MAX_DAYS} days (got {days}).")

        # Decide the dates before writing anything, so a bad --end changes nothing.
        today = runner_today(Profile(time_zone=TIME_ZONE))
        end = _parse_date(options.get("end")) or today
        if end > today:
            raise CommandError(f"--end {end} is in the future (today is {today}).")
        start = end - timedelta(days=days - 1)
        log = DemoPlanner(seed=int(options["seed"]), start=start, end=end).plan()

        username, password = options["user"], options["password"]
        second = self._another_name(username, years)
        with transaction.atomic():
            existing = self._existing(username)
            if existing is not None and not options["replace"]:
                as_user = "" if username == "demo" else f" USER={username}"
                raise CommandError(
                    f"A runner named “{username}” already exists ({existing}); nothing was "
                    f"changed. To replace that log: --replace (make demo{as_user} REPLACE=1). "
                    f"To keep it and add a second demo runner: --user {second} "
                    f"(make demo USER={second})."
                )
            user = self._reset_runner(username, password, started=start)
            self._write(user, log)

        runs = [s for s in log.sessions if s.activity == Activity.RUN]
        run_km = sum((s.distance_km or Decimal(0) for s in runs), Decimal(0))
        self.stdout.write(
            f"Seeded “{username}” from {format_day(start)} to {format_day(end)} "
            f"({days} day{'s' * (days != 1)}, "
            f"seed {options['seed']}): "
            f"{len(log.sessions)} sessions ({len(runs)} runs, {run_km:,.1f} km), "
            f"{len(log.checkins)} soreness check-ins, {len(log.shoes)} shoes."
        )
        login_url = options["site"].rstrip("/") + LOGIN_PATH
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at {login_url} with username “{username}” and password “{password}”."
            )
        )
        self.stdout.write(
            f"Seeding “{username}” again asks for --replace; another "
            f"demo runner beside this one: --user NAME (make demo USER=NAME)."
        )

    def _another_name(self, username: str, years: float | None) -> str:
        """A free username to suggest for a second demo runner: demo10 for ten years."""
        base = username.rstrip("0123456789") or username
        candidates = [f"{base}{years:g}"] if years is not None else []
        candidates += [f"{username}-{n}" for n in range(2, 100)]
        taken = set(User.objects.filter(username__in=candidates).values_list("username", flat=True))
        return next((c for c in candidates if c != username and c not in taken), "another-name")

    def _existing(self, username: str) -> str | None:
        """What a runner of that name already has, or None when there is no such runner."""
        user = User.objects.filter(username=username).first()
        if user is None:
            return None
        span = Session.objects.filter(user=user).aggregate(
            count=Count("id"), first=Min("date"), last=Max("date")
        )
        if not span["count"]:
            return "no sessions"
        return (
            f"{span['count']} session{'s' * (span['count'] != 1)} from "
            f"{format_day(span['first'])} to {format_day(span['last'])}"
        )

    def _reset_runner(self, username: str, password: str, *, started: date) -> User:
        user = runner_named(username, create=True)
        user.set_password(password)
        user.is_active = True
        user.save()
        Session.objects.filter(user=user).delete()
        Soreness.objects.filter(user=user).delete()
        ShoeModel.objects.filter(user=user).delete()
        # "Seen" marks belong to flags of the log being replaced.
        SeenFlag.objects.filter(user=user).delete()
        profile = profile_for(user)
        profile.units = Units.KM
        profile.time_zone = TIME_ZONE
        profile.time_zone_chosen = True
        profile.week_start = Weekday.MONDAY
        profile.started_running = started
        profile.save()
        return user

    def _write(self, user: User, log: DemoLog) -> None:
        shoes = ShoeModel.objects.bulk_create(
            ShoeModel(
                user=user,
                name=s.name,
                kind=s.kind,
                limit_km=s.limit_km,
                first_used=s.first_used,
                retired=s.retired,
                notes=s.notes,
            )
            for s in log.shoes
        )
        shoe_by_name = {shoe.name: shoe for shoe in shoes}
        if any(shoe.pk is None for shoe in shoes):
            # Databases without RETURNING on bulk inserts leave pks unset.
            shoe_by_name = {shoe.name: shoe for shoe in ShoeModel.objects.filter(user=user)}
        Session.objects.bulk_create(
            (
                Session(
                    user=user,
                    date=s.date,
                    activity=s.activity,
                    distance_km=s.distance_km,
                    duration_min=s.duration_min,
                    surface=s.surface,
                    terrain=s.terrain,
                    shoe=shoe_by_name.get(s.shoe),
                    warmup_min=s.warmup_min,
                    cooldown_min=s.cooldown_min,
                    fast_pct=s.fast_pct,
                    rpe=s.rpe,
                    stopped=s.stopped,
                    pain=s.pain,
                    pain_area=s.pain_area,
                    pain_side=s.pain_side,
                    notes=s.notes,
                )
                for s in log.sessions
            ),
            batch_size=BATCH_SIZE,
        )
        Soreness.objects.bulk_create(
            (
                Soreness(
                    user=user,
                    date=c.date,
                    area=c.area,
                    side=c.side,
                    severity=c.severity,
                    kind=c.kind,
                    swelling=c.swelling,
                    at_night=c.at_night,
                    notes=c.notes,
                )
                for c in log.checkins
            ),
            batch_size=BATCH_SIZE,
        )
        flagstore.data_changed(user.pk)  # bulk_create sends no signal
