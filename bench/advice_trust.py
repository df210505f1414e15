"""How often the warnings fire on logs nobody here wrote: are they worth reading?

Run from the repository root: ``python bench/advice_trust.py``. For each history
it prints

- warning+urgent flags per 4 weeks, and info flags per 4 weeks: the flags the
  whole history raised (what ``manage.py flags --all`` lists on its last day);
- the share of days on which a warning (or urgent) flag was active, evaluating
  the log day by day as it stood on that day (a window of LOOKBACK_DAYS before
  the active 14 days, which gives the same active flags as the whole log);
- the flags per rule, so the noisy rules show.

The histories: the two real logs in ../shared/realdata/csv (a Garmin Connect
Activities.csv and a Strava activities.csv), read by the project's own readers;
the demo runner that ``make demo`` loads (2 years, seed 7); and the published
plans in bench/plans/ (README.md there says what each is).
Tests never run this: it is a measurement, not a check. With ``--flags RULE`` it
also prints every flag of that rule (with ``--history NAME`` to pick one).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import os
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from advice import (  # noqa: E402  (after the path is set)
    ACTIVE_DAYS,
    LOOKBACK_DAYS,
    Flag,
    History,
    SessionRecord,
    Severity,
    ShoeRecord,
    SorenessRecord,
    active_flags,
    evaluate,
)

REALDATA = ROOT.parent / "shared" / "realdata" / "csv"
PLANS = ROOT / "bench" / "plans"
SERIOUS = frozenset({Severity.WARNING, Severity.URGENT})


# --- reading the real logs ------------------------------------------------------
# The one function that knows the project's file readers. They are moving from
# tracker/importers/ to tracker/imports/readers/: repoint the two imports below.


@dataclass(frozen=True)
class Activity:
    start_utc_date: date  # not used; the local date is below
    local_date: date
    activity: str
    distance_km: float | None
    duration_min: float | None
    surface: str | None


def read_real_log(path: Path, zone: ZoneInfo) -> list[Activity]:
    """Every importable activity of a Garmin Activities.csv or a Strava activities.csv."""
    from tracker.imports.readers.garmin_csv import looks_like_garmin_csv, read_garmin_csv
    from tracker.imports.readers.strava_csv import read_strava_csv

    data = path.read_bytes()
    if looks_like_garmin_csv(data[:4096]):
        parsed = [row.activity for row in read_garmin_csv(data, zone=zone, name=path.name)]
    else:
        # A bare activities.csv (the activity files it names are not needed here).
        parsed = [row.to_activity() for row in read_strava_csv(data) if not row.error]
    out = []
    for item in parsed:
        if item is None:
            continue
        minutes = item.duration_min if item.duration_min is not None else item.elapsed_min
        out.append(
            Activity(
                start_utc_date=item.start.date(),
                local_date=item.start.astimezone(zone).date(),
                activity=item.activity,
                distance_km=item.distance_km,
                duration_min=minutes,
                surface=item.surface,
            )
        )
    return out


def real_history(path: Path, zone: ZoneInfo) -> History:
    activities = sorted(read_real_log(path, zone), key=lambda a: a.local_date)
    sessions = tuple(
        SessionRecord(
            id=i,
            date=a.local_date,
            activity=a.activity,
            distance_km=round(a.distance_km, 3) if a.distance_km is not None else None,
            duration_min=a.duration_min,
            surface=a.surface,
        )
        for i, a in enumerate(activities, 1)
        # As the importer does: a run or walk without a distance is refused.
        if a.distance_km is not None or a.activity not in ("run", "walk")
    )
    return History(sessions=sessions)


# --- reading the plans (the log's native sessions.csv and shoes.csv) ------------

_HAS_RACE = "race" in {f.name for f in dataclasses.fields(SessionRecord)}


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _django() -> None:
    """Django set up on a throwaway data folder, for the demo's planner and the
    model's shoe-limit fallback."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("STRIDEWISE_DATA_DIR", tempfile.mkdtemp(prefix="stridewise-bench-"))
    import django

    django.setup()


def plan_history(folder: Path) -> History:
    _django()
    from tracker.models import Shoe

    with (folder / "shoes.csv").open(encoding="utf-8") as f:
        shoe_rows = list(csv.DictReader(f))
    shoe_ids = {row["name"]: i for i, row in enumerate(shoe_rows, 1)}
    shoes = tuple(
        ShoeRecord(
            id=shoe_ids[row["name"]],
            name=row["name"],
            kind=row["kind"],
            limit_km=float(Shoe.limit_or_default(_int(row["limit_km"]))),
            first_used=date.fromisoformat(row["first_used"]) if row["first_used"] else None,
            retired=date.fromisoformat(row["retired"]) if row["retired"] else None,
        )
        for row in shoe_rows
    )
    sessions = []
    with (folder / "sessions.csv").open(encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f), 1):
            # The race marker, once advice takes it (the field came with issue 10).
            extra: dict[str, Any] = {"race": row.get("race") == "yes"} if _HAS_RACE else {}
            sessions.append(
                SessionRecord(
                    id=i,
                    date=date.fromisoformat(row["date"]),
                    activity=row["activity"],
                    distance_km=_num(row["distance_km"]),
                    duration_min=_num(row["duration_min"]),
                    surface=row["surface"] or None,
                    terrain=row["terrain"] or None,
                    shoe_id=shoe_ids.get(row["shoe"]),
                    warmup_min=_int(row["warmup_min"]),
                    cooldown_min=_int(row["cooldown_min"]),
                    rpe=_int(row["rpe"]),
                    **extra,
                )
            )
    sessions.sort(key=lambda s: s.date)
    return History(sessions=tuple(sessions), shoes=shoes)


# --- the demo runner (seed_demo's planner, which touches no database) -----------

DEMO_END = date(2026, 1, 4)  # fixed, so the figures do not move with the calendar


def demo_history(years: float = 2.0, seed: int = 7) -> History:
    """The log ``make demo`` loads, planned in memory and handed to advice directly."""
    _django()
    from tracker.demo.plan import DemoPlanner
    from tracker.models import Shoe
    from tracker.selectors.advice_inputs import session_record

    start = DEMO_END - timedelta(days=round(years * 365.25) - 1)
    log = DemoPlanner(seed=seed, start=start, end=DEMO_END).plan()
    shoe_ids = {shoe.name: i for i, shoe in enumerate(log.shoes, 1)}
    return History(
        # As the advice selector reads the rows once seed_demo has written them.
        sessions=tuple(
            session_record({**vars(s), "id": i, "shoe_id": shoe_ids.get(s.shoe)})
            for i, s in enumerate(log.sessions, 1)
        ),
        soreness=tuple(
            SorenessRecord(
                id=i,
                date=c.date,
                area=c.area,
                side=c.side,
                severity=c.severity,
                kind=c.kind or None,
                swelling=c.swelling,
                at_night=c.at_night,
            )
            for i, c in enumerate(log.checkins, 1)
        ),
        shoes=tuple(
            ShoeRecord(
                id=shoe_ids[shoe.name],
                name=shoe.name,
                kind=shoe.kind,
                limit_km=float(Shoe.limit_or_default(shoe.limit_km)),
                first_used=shoe.first_used,
                retired=shoe.retired,
            )
            for shoe in log.shoes
        ),
        started_running=start,
    )


# --- measuring ------------------------------------------------------------------


class Windows:
    """The history as a page loads it for one day: rows from ``since`` on, with
    what came before summarised (shoe wear, first session, last run)."""

    def __init__(self, history: History) -> None:
        self.history = history
        self.sessions = history.sessions
        self.days = [s.date for s in self.sessions]
        self.sore_days = [r.date for r in history.soreness]
        self.first = self.days[0] if self.days else None
        self.run_days = [s.date for s in self.sessions if s.activity == "run"]
        # Cumulative km per shoe before each session index.
        self.km_before: dict[int, list[float]] = {shoe.id: [0.0] for shoe in history.shoes}
        for s in self.sessions:
            for shoe_id, sums in self.km_before.items():
                add = (s.distance_km or 0.0) if s.shoe_id == shoe_id else 0.0
                sums.append(sums[-1] + add)
        self.shoe_first = {
            shoe.id: next((s.date for s in self.sessions if s.shoe_id == shoe.id), None)
            for shoe in history.shoes
        }

    def on(self, day: date, since: date) -> History:
        lo, hi = bisect_left(self.days, since), bisect_right(self.days, day)
        slo, shi = bisect_left(self.sore_days, since), bisect_right(self.sore_days, day)
        runs_before = bisect_left(self.run_days, since)
        shoes = tuple(
            replace(
                shoe, km_before=self.km_before[shoe.id][lo], first_session=self.shoe_first[shoe.id]
            )
            for shoe in self.history.shoes
        )
        return replace(
            self.history,
            sessions=self.sessions[lo:hi],
            soreness=self.history.soreness[slo:shi],
            shoes=shoes,
            since=since,
            first_session=self.first,
            last_run_before=self.run_days[runs_before - 1] if runs_before else None,
        )


@dataclass
class Result:
    name: str
    days: int
    serious: int
    info: int
    warning_days: int
    per_rule: Counter[str]
    seconds: float
    flags: list[Flag]

    @property
    def weeks4(self) -> float:
        return self.days / 28


def measure(name: str, history: History) -> Result:
    started = time.perf_counter()
    # From the first run: a log of rides that later took up running is measured as a
    # runner's log from the day the running started.
    first = min(s.date for s in history.sessions if s.activity == "run")
    last = max(s.date for s in history.sessions)
    flags = evaluate(history, last)
    per_rule: Counter[str] = Counter()
    for flag in flags:
        per_rule[f"{flag.rule} {flag.severity}"] += 1
    windows = Windows(history)
    warning_days = 0
    day = first
    while day <= last:
        since = day - timedelta(days=ACTIVE_DAYS - 1 + LOOKBACK_DAYS)
        active = active_flags(evaluate(windows.on(day, since), day), day)
        warning_days += any(f.severity in SERIOUS for f in active)
        day += timedelta(days=1)
    return Result(
        name=name,
        days=(last - first).days + 1,
        serious=sum(1 for f in flags if f.severity in SERIOUS),
        info=sum(1 for f in flags if f.severity is Severity.INFO),
        warning_days=warning_days,
        per_rule=per_rule,
        seconds=time.perf_counter() - started,
        flags=flags,
    )


def histories() -> Iterable[tuple[str, History]]:
    real = (
        ("Garmin runner (real, 7 years)", "grunt__garmin-connect__Activities.csv", "Europe/London"),
        # Strava writes UTC; the athlete's names ("Morning Run") fit North American
        # mountain time (realdata/SOURCES.md).
        (
            "Strava runner (real, 9 years of runs)",
            "strava-activity-map__export_08_25_2025__activities.csv",
            "America/Denver",
        ),
    )
    for label, file, zone in real:
        path = REALDATA / file
        if path.is_file():
            yield label, real_history(path, ZoneInfo(zone))
        else:
            print(f"(skipped {label}: {path} not found)")
    yield "demo runner (seed_demo, 2 years)", demo_history()
    for folder in sorted(p for p in PLANS.iterdir() if (p / "sessions.csv").is_file()):
        yield f"plan: {folder.name}", plan_history(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flags", metavar="RULE", help="print every flag of this rule")
    parser.add_argument("--history", metavar="TEXT", help="only histories whose name has TEXT")
    options = parser.parse_args()
    header = (
        f"{'history':<40} {'days':>5} {'warn+urgent/4wk':>15} {'info/4wk':>9} "
        f"{'days with a warning':>20}"
    )
    print(header)
    print("-" * len(header))
    results = []
    for name, history in histories():
        if options.history and options.history not in name:
            continue
        result = measure(name, history)
        results.append(result)
        print(
            f"{name:<40} {result.days:>5} {result.serious / result.weeks4:>15.2f} "
            f"{result.info / result.weeks4:>9.2f} "
            f"{result.warning_days / result.days:>19.0%} "
            f"  ({result.serious} warn+urgent, {result.info} info; {result.seconds:.1f} s)"
        )
    print("\nFlags per rule and severity (whole history):")
    for result in results:
        counts = ", ".join(f"{key} {n}" for key, n in sorted(result.per_rule.items()))
        print(f"  {result.name}: {counts or 'none'}")
    if options.flags:
        for result in results:
            print(f"\n{result.name}: {options.flags}")
            for flag in sorted(result.flags, key=lambda f: f.start):
                if flag.rule == options.flags:
                    print(f"  {flag.start}..{flag.end} {flag.severity:<7} {flag.detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
