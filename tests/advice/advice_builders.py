"""Small builders for advice tests: days are numbers counted from a Monday.

``run(7, 10.0)`` is a 10 km run on day 7 (the second Monday); ``log(...)``
sorts records into a ``History`` and numbers the ones without an id, so a
test reads like the runner's diary.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from advice import (
    LOOKBACK_DAYS,
    Flag,
    History,
    OstrcRecord,
    SessionRecord,
    ShoeRecord,
    SorenessRecord,
    WellnessRecord,
)
from advice import evaluate as _evaluate
from advice.instruments import CANNOT_PARTICIPATE_ANSWERS, ostrc_valid

D0 = date(2026, 3, 2)  # a Monday; day 0 of every test diary


def d(n: int) -> date:
    """Day ``n`` of the diary (negative: before day 0)."""
    return D0 + timedelta(days=n)


def n_of(day: date) -> int:
    return (day - D0).days


def run(n: int, km: float | None = 5.0, **fields: Any) -> SessionRecord:
    return SessionRecord(id=None, date=d(n), activity="run", distance_km=km, **fields)


def session(n: int, activity: str, km: float | None = None, **fields: Any) -> SessionRecord:
    return SessionRecord(id=None, date=d(n), activity=activity, distance_km=km, **fields)


def runs(days: range | list[int], km: float = 5.0, **fields: Any) -> list[SessionRecord]:
    return [run(n, km, **fields) for n in days]


def sore(
    n: int, area: str = "calf", side: str = "left", severity: int = 4, **fields: Any
) -> SorenessRecord:
    return SorenessRecord(id=None, date=d(n), area=area, side=side, severity=severity, **fields)


def pair(
    shoe_id: int = 1,
    name: str = "Pegasus",
    kind: str = "running",
    limit_km: float = 650.0,
    **fields: Any,
) -> ShoeRecord:
    return ShoeRecord(id=shoe_id, name=name, kind=kind, limit_km=limit_km, **fields)


def log(*records: object, shoes: tuple[ShoeRecord, ...] = (), **history: Any) -> History:
    """A History from sessions and check-ins in any order; missing ids become 1, 2, ..."""
    flat: list[object] = []
    for record in records:
        flat.extend(record if isinstance(record, list | tuple) else [record])
    sessions = sorted((r for r in flat if isinstance(r, SessionRecord)), key=lambda r: r.date)
    checkins = sorted((r for r in flat if isinstance(r, SorenessRecord)), key=lambda r: r.date)
    history.setdefault(
        "wellness",
        tuple(sorted((r for r in flat if isinstance(r, WellnessRecord)), key=lambda r: r.date)),
    )
    history.setdefault(
        "ostrc",
        tuple(sorted((r for r in flat if isinstance(r, OstrcRecord)), key=lambda r: r.week)),
    )
    sessions = [s if s.id is not None else replace(s, id=i) for i, s in enumerate(sessions, 1)]
    checkins = [c if c.id is not None else replace(c, id=i) for i, c in enumerate(checkins, 1)]
    return History(sessions=tuple(sessions), soreness=tuple(checkins), shoes=shoes, **history)


def flags(history: History, today: int | date, rule: str | None = None) -> list[Flag]:
    today = d(today) if isinstance(today, int) else today
    return [f for f in _evaluate(history, today) if rule is None or f.rule == rule]


def fired(history: History, today: int | date, rule: str) -> list[tuple[str, int, int]]:
    """(severity, start day, end day) of each flag of ``rule``, oldest start first."""
    return sorted(
        (str(f.severity), n_of(f.start), n_of(f.end)) for f in flags(history, today, rule)
    )


def check(rule: str, history: History, today: int, expected: list[tuple[str, int, int]]) -> None:
    """The rule raised exactly ``expected``: (severity, start day, end day)."""
    assert fired(history, today, rule) == expected


def ended(history: History, today: int, rule: str) -> list[tuple[int, int, int | None]]:
    """(start day, end day, resolved day or None) of each flag of ``rule``; the
    unresolved last among equals."""
    found = [
        (n_of(f.start), n_of(f.end), None if f.resolved is None else n_of(f.resolved))
        for f in flags(history, today, rule)
    ]
    return sorted(found, key=lambda t: (t[0], t[1], t[2] is None, t[2] or 0))


# A log that started long before day 0: the rules for a log's first weeks are off.
OLD_LOG: dict[str, Any] = {"first_session": D0 - timedelta(days=365)}


def windowed(history: History, since: date) -> History:
    """The history as a caller loads it from ``since``: rows before it summarised."""
    before = [s for s in history.sessions if s.date < since]
    shoes = tuple(
        replace(
            shoe,
            km_before=sum(s.distance_km or 0.0 for s in before if s.shoe_id == shoe.id),
            first_session=min(
                (s.date for s in history.sessions if s.shoe_id == shoe.id), default=None
            ),
        )
        for shoe in history.shoes
    )
    return replace(
        history,
        sessions=tuple(s for s in history.sessions if s.date >= since),
        soreness=tuple(r for r in history.soreness if r.date >= since),
        shoes=shoes,
        since=since,
        first_session=min((s.date for s in history.sessions), default=None),
        last_run_before=max((s.date for s in before if s.activity == "run"), default=None),
    )


def random_history(days: int, seed: int, today: date) -> History:
    """A busy two-year log meant to trip every rule, including episodes longer
    than the 90 days a flag shows: an all-road block, a daily-running block, a
    pain reported every other day for months, pairs run past their limit."""
    rng = random.Random(seed)
    first = today - timedelta(days=days - 1)
    sessions: list[SessionRecord] = []
    checkins: list[SorenessRecord] = []
    shoes = [
        pair(1, "Road", limit_km=700.0, first_used=first),
        pair(2, "Trail", kind="trail", limit_km=400.0),
        # Retired half-way: its flags end then, and the history keeps them.
        pair(3, "Sneakers", kind="casual", retired=first + timedelta(days=days // 2)),
    ]
    for i in range(days):
        day = first + timedelta(days=i)
        streak = 200 <= i < 330  # runs every day
        road = 100 <= i < 260  # asphalt only
        if streak or rng.random() < (0.75 if i % 120 < 100 else 0.05):
            for _ in range(2 if rng.random() < 0.1 else 1):
                sessions.append(
                    SessionRecord(
                        id=len(sessions) + 1,
                        date=day,
                        activity="run",
                        distance_km=round(rng.uniform(3, 12) * (2 if rng.random() < 0.1 else 1), 1),
                        surface="asphalt"
                        if road
                        else rng.choice(("asphalt", "trail", "sand", None)),
                        terrain=rng.choice(("flat", "flat", "hilly", "downhill", None)),
                        shoe_id=rng.choice((1, 1, 2, 3, None)),
                        warmup_min=rng.choice((None, 0, 0, 10)),
                        cooldown_min=rng.choice((None, 0, 5, 10)),
                        fast_pct=rng.choice((None, 0, 10, 40)),
                        stopped=rng.random() < 0.03,
                        pain=rng.choice((None, None, 0, 3, 8)),
                        pain_area=rng.choice(("calf", "knee", None)),
                        pain_side=rng.choice(("left", "right", "both", None)),
                        # Effort in the daily block only (no rng: the other rules'
                        # flags stay as they were): alike days, for monotony-high.
                        rpe=5 if streak else None,
                        duration_min=float(40 + i % 3) if streak else None,
                    )
                )
        if rng.random() < 0.08:
            sessions.append(
                SessionRecord(
                    id=len(sessions) + 1, date=day, activity="walk", distance_km=5.0, shoe_id=1
                )
            )
        if rng.random() < 0.1:
            sessions.append(
                SessionRecord(
                    id=len(sessions) + 1,
                    date=day,
                    activity="jump_rope",
                    duration_min=rng.choice((5.0, 10.0, 15.0, 40.0)),
                )
            )
        long_pain = 150 <= i < 400 and i % 2 == 0  # shin left, every other day
        if long_pain or rng.random() < 0.6:
            checkins.append(
                SorenessRecord(
                    id=len(checkins) + 1,
                    date=day,
                    area="shin" if long_pain else rng.choice(("calf", "knee", "shin", "hip")),
                    side="left" if long_pain else rng.choice(("left", "right", "both")),
                    severity=rng.randint(3, 5) if long_pain else rng.choice((0, 1, 2, 3, 4, 7)),
                    kind=rng.choice((None, None, "cramp", "sharp", "aching", "pulsating")),
                    swelling=rng.random() < 0.05,
                    at_night=rng.random() < 0.1,
                )
            )
    # The questionnaires from a generator of their own, so that the sessions and
    # check-ins above are the ones the other tests were written against.
    qrng = random.Random(seed + 1)
    wellness = [
        WellnessRecord(
            first + timedelta(days=i),
            *(qrng.choice((2, 3, 3, 4, 7 if i % 50 == 0 else 3)) for _ in range(4)),
        )
        for i in range(days)
        if qrng.random() < 0.8
    ]
    ostrc: list[OstrcRecord] = []
    for week in range(0, days, 7):
        answers: tuple[int, ...] = tuple(qrng.randint(0, 3) for _ in range(4))
        if not ostrc_valid(*answers):
            answers = CANNOT_PARTICIPATE_ANSWERS
        ostrc.append(OstrcRecord(first + timedelta(days=week), "calf", *answers))
    return History(
        sessions=tuple(sessions),
        soreness=tuple(checkins),
        shoes=tuple(shoes),
        started_running=first,
        wellness=tuple(wellness),
        ostrc=tuple(ostrc),
    )


__all__ = [
    "D0",
    "LOOKBACK_DAYS",
    "OLD_LOG",
    "check",
    "d",
    "ended",
    "fired",
    "flags",
    "log",
    "n_of",
    "pair",
    "random_history",
    "run",
    "runs",
    "session",
    "sore",
    "windowed",
]
