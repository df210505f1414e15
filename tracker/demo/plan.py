"""The demo runner's log, planned whole in memory from one seed (``make demo``).

``DemoPlanner(seed=7, start=..., end=...).plan()`` gives the same ``DemoLog`` for the
same seed and dates, without touching the database: the soreness episodes first,
then the training around them, the check-ins, and the shoes the runs were in. The
``seed_demo`` command writes it (tracker.demo.seed); the benchmarks hand it to
advice directly.
"""

from __future__ import annotations

import random
from datetime import date

from tracker.demo.records import DemoLog
from tracker.demo.soreness import SorenessPlanner
from tracker.demo.training import TrainingPlanner
from tracker.models import Activity


class DemoPlanner:
    """Plans a whole history from one ``random.Random``; touches no database."""

    def __init__(self, *, seed: int, start: date, end: date) -> None:
        # One generator for both, drawn from in a fixed order: same seed, same log.
        rng = random.Random(seed)
        self.start = start
        self.end = end
        self.soreness = SorenessPlanner(rng, start=start, end=end)
        self.training = TrainingPlanner(rng, start=start, end=end, pain=self.soreness.pain)

    def plan(self) -> DemoLog:
        log = DemoLog(start=self.start, end=self.end)
        self.soreness.plan_episodes()
        log.sessions = self.training.plan_sessions()
        log.checkins = self.soreness.plan_checkins(log.sessions)
        log.shoes = self.training.plan_shoes(log.sessions)
        log.sessions.sort(key=lambda s: (s.date, s.activity != Activity.RUN, s.activity))
        log.checkins.sort(key=lambda c: (c.date, c.area, c.side))
        return log
