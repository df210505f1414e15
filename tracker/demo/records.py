"""What the demo planner produces: plain records of a log, not yet in the database."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, time, timedelta
from decimal import Decimal


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
    # The contract's later columns. Titles and start times follow from the plan (no
    # draw from the random generator, so a seed gives the same log as before); the
    # demo runner wears no heart-rate strap and races nothing.
    title: str = ""
    start_time: time | None = None
    avg_hr: int | None = None
    max_hr: int | None = None
    ascent_m: int | None = None
    race: bool | None = None

    def __post_init__(self) -> None:
        if not self.title:
            self.title = DEMO_TITLES.get(self.workout) or DEMO_TITLES.get(self.activity, "")
        if self.start_time is None:
            # Before work on weekdays, mid-morning at the weekend.
            self.start_time = time(7, 10) if self.date.weekday() < 5 else time(9, 30)


DEMO_TITLES = {
    "easy": "Easy run",
    "long": "Long run",
    "intervals": "Intervals",
    "run": "Run",
    "walk": "Walk",
    "cycle": "Bike ride",
    "jump_rope": "Jump rope",
    "strength": "Strength",
}


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

# PlannedSession's fields that are the model's, name for name (the rest are the
# planner's own); tests/tracker/test_session_fields.py keeps them the CSV's fields.
NOT_STORED = frozenset({"workout", "shoe"})
STORED_SESSION_FIELDS = tuple(f.name for f in fields(PlannedSession) if f.name not in NOT_STORED)


def weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in table]
    weights = [weight for _, weight in table]
    return rng.choices(values, weights=weights)[0]


def watch_km(value: float) -> Decimal:
    # Watches report to 10 m; the column keeps 3 dp.
    return Decimal(f"{value:.2f}")


def duration_for(distance_km: float, pace: float) -> Decimal:
    seconds = round(distance_km * pace * 60)
    return (Decimal(seconds) / 60).quantize(Decimal("0.01"))


def maybe_minutes(rng: random.Random) -> int | None:
    """Warm-up or cool-down: skipped in about a quarter of runs, sometimes not recorded."""
    roll = rng.random()
    if roll < 0.25:
        return 0
    if roll < 0.35:
        return None
    return rng.randint(5, 15)
