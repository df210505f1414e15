"""Write the published training plans in bench/plans/ as the log's native CSV files.

Run from the repository root: ``python bench/plans/build_plans.py``. The tables
below are the plans as published (see README.md beside this file for each plan's
source and what is approximated); this script only adds what a runner's log
holds and a plan leaves open: dates, paces (hence durations), surfaces, shoes,
warm-up and cool-down minutes and effort. Its output, ``<plan>/sessions.csv`` and
``<plan>/shoes.csv``, is committed, so the benchmark reads the files, not this
script.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from advice.types import KM_PER_MILE  # noqa: E402  (after the path is set)

SESSION_COLUMNS = (
    "date",
    "activity",
    "distance_km",
    "duration_min",
    "surface",
    "terrain",
    "shoe",
    "warmup_min",
    "cooldown_min",
    "rpe",
    "title",
    "race",
)
SHOE_COLUMNS = ("name", "kind", "first_used", "retired", "limit_km", "notes")


@dataclass(frozen=True)
class Session:
    day: date
    activity: str
    km: float | None
    minutes: float
    title: str
    surface: str = ""
    terrain: str = "flat"
    shoe: str = ""
    warmup: int | None = None
    cooldown: int | None = None
    rpe: int | None = None
    race: bool = False

    def row(self) -> dict[str, str]:
        return {
            "date": self.day.isoformat(),
            "activity": self.activity,
            "distance_km": "" if self.km is None else f"{self.km:.2f}",
            "duration_min": f"{self.minutes:.1f}",
            "surface": self.surface,
            "terrain": self.terrain if self.activity == "run" else "",
            "shoe": self.shoe,
            "warmup_min": "" if self.warmup is None else str(self.warmup),
            "cooldown_min": "" if self.cooldown is None else str(self.cooldown),
            "rpe": "" if self.rpe is None else str(self.rpe),
            "title": self.title,
            "race": "yes" if self.race else "no",
        }


def write(plan: str, sessions: list[Session], shoes: list[dict[str, str]]) -> None:
    folder = HERE / plan
    folder.mkdir(exist_ok=True)
    with (folder / "sessions.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, SESSION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(s.row() for s in sorted(sessions, key=lambda s: s.day))
    with (folder / "shoes.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, SHOE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(shoes)


# --- NHS Couch to 5K ----------------------------------------------------------

# Three runs a week (Monday, Wednesday, Saturday: a rest day between runs, as the
# NHS asks), each "run/walk" intervals in minutes as the podcast plays them. Every
# session starts and ends with the podcast's 5-minute brisk walk (warm-up and
# cool-down minutes, not in the distance).
C25K_WEEKS: tuple[tuple[tuple[tuple[str, float], ...], ...], ...] = (
    ((("run", 1), ("walk", 1.5)) * 8,) * 3,
    ((("run", 1.5), ("walk", 2)) * 6,) * 3,
    ((("run", 1.5), ("walk", 1.5), ("run", 3), ("walk", 3)) * 2,) * 3,
    (
        (
            ("run", 3),
            ("walk", 1.5),
            ("run", 5),
            ("walk", 2.5),
            ("run", 3),
            ("walk", 1.5),
            ("run", 5),
        ),
    )
    * 3,
    (
        (("run", 5), ("walk", 3), ("run", 5), ("walk", 3), ("run", 5)),
        (("run", 8), ("walk", 5), ("run", 8)),
        (("run", 20),),
    ),
    (
        (("run", 5), ("walk", 3), ("run", 8), ("walk", 3), ("run", 5)),
        (("run", 10), ("walk", 3), ("run", 10)),
        (("run", 25),),
    ),
    ((("run", 25),),) * 3,
    ((("run", 28),),) * 3,
    ((("run", 30),),) * 3,
)
C25K_START = date(2025, 3, 3)  # a Monday
C25K_RUN_PACE = 7.5  # min/km, a new runner's jog
C25K_WALK_PACE = 10.5  # min/km, brisk walking
C25K_SURFACES = ("grass", "trail", "mixed")  # the park: the NHS's suggestion


def couch_to_5k() -> tuple[list[Session], list[dict[str, str]]]:
    shoe = "Beginner trainers"
    sessions = []
    for week, runs in enumerate(C25K_WEEKS):
        for n, (offset, intervals) in enumerate(zip((0, 2, 5), runs, strict=True)):
            minutes = sum(m for _kind, m in intervals)
            km = sum(
                m / (C25K_RUN_PACE if kind == "run" else C25K_WALK_PACE) for kind, m in intervals
            )
            sessions.append(
                Session(
                    day=C25K_START + timedelta(days=7 * week + offset),
                    activity="run",
                    km=round(km, 2),
                    minutes=minutes,
                    title=f"Couch to 5K week {week + 1} run {n + 1}",
                    surface=C25K_SURFACES[(week + n) % 3],
                    shoe=shoe,
                    warmup=5,
                    cooldown=5,
                    rpe=4 if week < 4 else 5,
                )
            )
    shoes = [_pair(shoe, C25K_START, "Fitted at a running shop before week 1.")]
    return sessions, shoes


# --- Hal Higdon: Novice 1 marathon -------------------------------------------

HM, M = "half marathon", "marathon"
# A day of a table: miles, (miles, kind), "x" (cross-training), HM, M or None (rest).
Cell = float | str | tuple[float, str] | None
# Miles per day, Monday..Sunday; "x" = cross-training (40 minutes on a bike),
# None = rest. As published: rest Monday and Friday, three runs midweek, the long
# run on Saturday, cross-training on Sunday; every third week steps back.
NOVICE_1: tuple[tuple[Cell, ...], ...] = (
    (None, 3, 3, 3, None, 6, "x"),
    (None, 3, 3, 3, None, 7, "x"),
    (None, 3, 4, 3, None, 5, "x"),
    (None, 3, 4, 3, None, 9, "x"),
    (None, 3, 5, 3, None, 10, "x"),
    (None, 3, 5, 3, None, 7, "x"),
    (None, 3, 6, 3, None, 12, "x"),
    (None, 3, 6, 3, None, None, HM),
    (None, 3, 7, 4, None, 10, "x"),
    (None, 3, 7, 4, None, 15, "x"),
    (None, 4, 8, 4, None, 16, "x"),
    (None, 4, 8, 5, None, 12, "x"),
    (None, 4, 9, 5, None, 18, "x"),
    (None, 5, 9, 5, None, 14, "x"),
    (None, 5, 10, 5, None, 20, "x"),
    (None, 5, 8, 4, None, 12, "x"),
    (None, 4, 6, 3, None, 8, "x"),
    (None, 3, 4, 2, None, None, M),
)
NOVICE_START = date(2025, 6, 9)  # a Monday; the marathon is on Sunday 12 Oct 2025
NOVICE_PACE = {"easy": 7.0, "long": 7.3, HM: 6.7, M: 7.0}  # min/km


# --- Hal Higdon: Intermediate 1 marathon -------------------------------------

# Monday cross-training, Tuesday-Thursday runs, Friday rest, Saturday a pace run
# ("p", at marathon pace) or an easy run, Sunday the long run. Steps back every
# third week; a half marathon in week 9.
INTERMEDIATE_1: tuple[tuple[Cell, ...], ...] = (
    ("x", 3, 5, 3, None, (5, "p"), 8),
    ("x", 3, 5, 3, None, 5, 9),
    ("x", 3, 5, 3, None, (5, "p"), 6),
    ("x", 3, 6, 3, None, (6, "p"), 11),
    ("x", 3, 6, 3, None, 6, 12),
    ("x", 3, 5, 3, None, (6, "p"), 9),
    ("x", 4, 7, 4, None, (7, "p"), 14),
    ("x", 4, 7, 4, None, 7, 15),
    ("x", 4, 5, 4, None, None, HM),
    ("x", 4, 8, 4, None, (8, "p"), 17),
    ("x", 5, 8, 5, None, 8, 18),
    ("x", 5, 5, 5, None, (8, "p"), 13),
    ("x", 5, 8, 5, None, 5, 20),
    ("x", 5, 5, 5, None, (8, "p"), 12),
    ("x", 5, 8, 5, None, (5, "p"), 20),
    ("x", 5, 6, 5, None, (4, "p"), 12),
    ("x", 4, 5, 4, None, 3, 8),
    (None, 3, 4, None, None, 2, M),
)
INTERMEDIATE_START = date(2025, 6, 9)
INTERMEDIATE_PACE = {"easy": 6.0, "p": 5.4, "long": 6.25, HM: 5.1, M: 5.4}  # min/km


def _pair(name: str, first_used: date, notes: str) -> dict[str, str]:
    return {
        "name": name,
        "kind": "running",
        "first_used": first_used.isoformat(),
        "retired": "",
        "limit_km": "",
        "notes": notes,
    }


def marathon_plan(
    name: str,
    table: tuple[tuple[Cell, ...], ...],
    start: date,
    pace: dict[str, float],
    long_day: int,
) -> tuple[list[Session], list[dict[str, str]]]:
    """Sessions for a week-by-day table of miles; two pairs of shoes in rotation
    (the long run and races in the cushioned pair, the rest in the daily pair)."""
    daily, long_pair = "Daily trainers", "Long-run trainers"
    # Road on Tuesday and Thursday, the park's paths midweek, the long run on a
    # mixed route, pace runs on the track, races on the road.
    surface_of_day = ("", "asphalt", "trail", "asphalt", "", "track", "mixed")
    if long_day == 5:
        surface_of_day = ("", "asphalt", "trail", "mixed", "", "mixed", "")
    sessions = []
    for week, days in enumerate(table):
        for weekday, cell in enumerate(days):
            day = start + timedelta(days=7 * week + weekday)
            label = f"{name} week {week + 1}"
            if cell is None:
                continue
            if cell == "x":
                sessions.append(
                    Session(day, "cycle", 15.0, 40.0, f"{label}: cross-training", rpe=3)
                )
                continue
            if cell in (HM, M):
                km = 21.0975 if cell == HM else 42.195
                sessions.append(
                    Session(
                        day,
                        "run",
                        km,
                        round(km * pace[str(cell)], 1),
                        f"{label}: {cell}",
                        surface="asphalt",
                        terrain="rolling",
                        shoe=long_pair,
                        warmup=10,
                        cooldown=10,
                        rpe=9,
                        race=True,
                    )
                )
                continue
            kind = "easy"
            if isinstance(cell, tuple):
                miles, kind = float(cell[0]), str(cell[1])
            else:
                miles = float(cell)
            if weekday == long_day:
                kind = "long"
            km = miles * KM_PER_MILE
            sessions.append(
                Session(
                    day,
                    "run",
                    round(km, 2),
                    round(km * pace[kind], 1),
                    f"{label}: {miles:g} mi {'pace run' if kind == 'p' else kind + ' run'}",
                    surface=surface_of_day[weekday] or "mixed",
                    terrain="rolling" if kind == "long" else "flat",
                    shoe=long_pair if kind == "long" else daily,
                    warmup=10 if kind == "p" else 5,
                    cooldown=10 if kind in ("p", "long") else 5,
                    rpe={"easy": 3, "long": 5, "p": 6}[kind],
                )
            )
    shoes = [
        _pair(daily, start, "Rotated with the long-run pair."),
        _pair(long_pair, start, "Long runs and races."),
    ]
    return sessions, shoes


def main() -> None:
    write("couch_to_5k", *couch_to_5k())
    write(
        "higdon_novice_1",
        *marathon_plan("Novice 1", NOVICE_1, NOVICE_START, NOVICE_PACE, long_day=5),
    )
    write(
        "higdon_intermediate_1",
        *marathon_plan(
            "Intermediate 1", INTERMEDIATE_1, INTERMEDIATE_START, INTERMEDIATE_PACE, long_day=6
        ),
    )


if __name__ == "__main__":
    main()
