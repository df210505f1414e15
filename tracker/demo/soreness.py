"""The demo's soreness: episodes of pain in one area, and the check-ins that report
them, a few one-off twinges and the stiff legs after a hard run."""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import date, timedelta

from tracker.demo.records import (
    Episode,
    PlannedCheckin,
    PlannedSession,
    PutCheckin,
    weighted,
)
from tracker.models import Activity, Area, PainKind, Side, Surface

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


class SorenessPlanner:
    """Plans the episodes first (training eases off around them), then the check-ins."""

    def __init__(self, rng: random.Random, *, start: date, end: date) -> None:
        self.rng = rng
        self.start = start
        self.end = end
        self.days = (end - start).days + 1
        self.episodes: list[Episode] = []
        self.pain_on: dict[tuple[date, str, str], int] = {}
        self.worst_pain: dict[date, tuple[int, str, str]] = {}

    def plan_episodes(self) -> None:
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
                area=weighted(rng, EPISODE_AREAS),
                side=Side.BOTH,
                kind=weighted(rng, EPISODE_KINDS),
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

    def pain(self, day: date) -> tuple[int, str, str]:
        """The worst pain of the day from the episodes: (severity, area, side)."""
        return self.worst_pain.get(day, (0, "", ""))

    def plan_checkins(self, sessions: list[PlannedSession]) -> list[PlannedCheckin]:
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
