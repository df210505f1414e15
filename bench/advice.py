"""Time ``advice.evaluate`` over deterministic synthetic histories.

Run from the repository root: ``python bench/advice.py``. Prints the median of
``REPEATS`` timed calls for a three-month and a ten-year daily log (about one
run and one soreness check-in a day), with the counts of sessions, check-ins
and flags, so a slow rule shows up as a number rather than a feeling.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from advice import History, SessionRecord, ShoeRecord, SorenessRecord, evaluate

SEED = 20261120
TODAY = date(2026, 11, 20)
REPEATS = 25
BUDGET_MS = 20.0  # the ten-year median must stay under this (issue 10)

AREAS = ("calf", "shin", "knee", "achilles", "heel", "foot", "thigh", "hamstring", "hip", "back")
SIDES = ("left", "right", "both")
SURFACES = ("asphalt", "concrete", "track", "treadmill", "trail", "grass", "sand", "mixed")
TERRAINS = ("flat", "rolling", "hilly", "downhill")
KINDS = ("aching", "burning", "sharp", "cramp", "pulsating", "stiffness")


def build_history(days: int, seed: int = SEED, today: date = TODAY) -> History:
    """A keen runner's log: about one run and one check-in a day up to ``today``.

    Six running days a week (now and then two runs a day), a long run on Sundays,
    intervals on Wednesdays, mostly road running, a new pair of shoes every
    ~11 weeks (one in five kept far too long, one in seven casual), and
    soreness that is usually 0-1, with
    a sore spell every couple of months and, rarely, an acute report the runner
    runs through for a day or two. Every rule finds something now and then.
    """
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    shoes: list[ShoeRecord] = []
    sessions: list[SessionRecord] = []
    soreness: list[SorenessRecord] = []
    next_id = 1
    next_pair = 0  # the day index the runner switches to a new pair
    sore: tuple[str, str] | None = None  # the area and side of the current sore spell
    sore_left = 0
    for i in range(days):
        day = first + timedelta(days=i)
        if i == next_pair:
            if shoes and shoes[-1].retired is None:
                shoes[-1] = replace(shoes[-1], retired=min(day, today))
            shoe_id = len(shoes) + 1
            shoes.append(
                ShoeRecord(
                    id=shoe_id,
                    name=f"Pair {shoe_id}",
                    kind="casual" if shoe_id % 7 == 0 else "running",
                    limit_km=650.0,
                    first_used=day,
                )
            )
            # Most pairs last 11 weeks; every fifth is run past its limit and age.
            next_pair = i + (240 if shoe_id % 5 == 0 else 77)
        if sore is None and rng.random() < 0.015:
            sore = (rng.choice(AREAS[:5]), rng.choice(SIDES))
            sore_left = rng.randint(2, 9)
        acute = sore is not None and rng.random() < 0.03
        rest_day = day.weekday() == 0 or rng.random() < 0.05 or (acute and rng.random() < 0.7)
        runs_today = 0 if rest_day else (2 if rng.random() < 0.15 else 1)
        for _ in range(runs_today):
            weekday = day.weekday()
            km = rng.uniform(16, 26) if weekday == 6 else rng.uniform(5, 11)
            pain = None
            if rng.random() < 0.4:
                pain = rng.randint(2, 5) if sore else rng.choice((0, 0, 0, 1))
            sessions.append(
                SessionRecord(
                    id=next_id,
                    date=day,
                    activity="run",
                    distance_km=round(km / runs_today, 1),
                    duration_min=round(km * rng.uniform(5, 6.5), 1),
                    surface=rng.choice(SURFACES[:2] * 3 + SURFACES),
                    terrain=rng.choice(TERRAINS[:2] * 8 + TERRAINS),
                    shoe_id=len(shoes),
                    warmup_min=rng.choice((None, 0, 5, 5, 10, 10, 10)),
                    cooldown_min=rng.choice((None, 0, 5, 5, 10, 10, 10)),
                    fast_pct=rng.randint(15, 40) if weekday == 2 else rng.choice((None, 0)),
                    rpe=rng.randint(2, 9),
                    stopped=rng.random() < 0.01,
                    pain=pain,
                    pain_area=sore[0] if sore and pain else None,
                    pain_side=sore[1] if sore and pain else None,
                )
            )
            next_id += 1
        if rng.random() < 0.1:
            sessions.append(SessionRecord(id=next_id, date=day, activity="walk", distance_km=4.0))
            next_id += 1
        if sore is not None:
            area, side = sore
            severity = rng.randint(7, 8) if acute else (rng.randint(2, 5) if sore_left else 0)
            sore_left -= 1
            if sore_left < 0:
                sore = None
        else:
            area, side = rng.choice(AREAS), rng.choice(SIDES)
            severity = rng.choice((0, 0, 0, 1, 1, 2))
        soreness.append(
            SorenessRecord(
                id=i + 1,
                date=day,
                area=area,
                side=side,
                severity=severity,
                kind="sharp" if acute else (rng.choice(KINDS) if rng.random() < 0.1 else None),
                swelling=rng.random() < 0.005,
                at_night=rng.random() < 0.03,
            )
        )
    return History(
        sessions=tuple(sessions),
        soreness=tuple(soreness),
        shoes=tuple(shoes),
        started_running=first,
    )


def median_ms(history: History, repeats: int = REPEATS) -> tuple[float, float, int]:
    """Median wall and CPU time of ``evaluate`` in ms, and the number of flags.

    The CPU time (``process_time``) is printed beside the wall time because on a
    shared two-core machine other work stretches the wall time, not the CPU time.
    """
    flags = evaluate(history, TODAY)  # warm-up call, also gives the count
    wall, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        evaluate(history, TODAY)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000, len(flags)


def main() -> int:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.2f} on {os.cpu_count()} CPUs; {REPEATS} timed calls each")
    over_budget = False
    for label, days in (("3 months", 91), ("10 years", 3652)):
        history = build_history(days)
        wall, cpu, flags = median_ms(history)
        runs = sum(1 for s in history.sessions if s.activity == "run")
        print(
            f"evaluate {label:>9}: median {wall:6.2f} ms wall, {cpu:6.2f} ms CPU | "
            f"{len(history.sessions)} sessions ({runs} runs), "
            f"{len(history.soreness)} check-ins, {flags} flags"
        )
        if days > 365 and wall > BUDGET_MS:
            over_budget = True
    if over_budget:
        print(f"over budget: the ten-year median must stay under {BUDGET_MS:.0f} ms")
    return 1 if over_budget else 0


if __name__ == "__main__":
    raise SystemExit(main())
