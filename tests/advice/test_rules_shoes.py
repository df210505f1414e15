"""The shoe rules: shoe-worn, shoe-age, non-running-shoes.

Table-driven, one table a rule: the firing case, just under each threshold, and
the traps. Days are numbers from a Monday (see advice_builders); ``expected``
lists (severity, start day, end day) of the rule's flags."""

from __future__ import annotations

from datetime import date

import pytest
from advice_builders import check, d, ended, flags, log, n_of, pair, run, runs, session

from advice import History, ShoeRecord

Case = tuple[History, int, list[tuple[str, int, int]]]


# --- shoes ------------------------------------------------------------------

ROAD = pair(1, "Road", limit_km=100.0)


def _worn(*records: object, shoe: ShoeRecord = ROAD, **history: object) -> History:
    return log(*records, shoes=(shoe,), **history)


SHOE_WORN: dict[str, Case] = {
    "90 km of 100: info": (_worn(runs(range(10), 9.0, shoe_id=1)), 9, [("info", 9, 9)]),
    "89.9 km is under 90%": (
        _worn(runs(range(9), 9.0, shoe_id=1), run(9, 8.9, shoe_id=1)),
        9,
        [],
    ),
    "still info at 99 km, ending on the latest run": (
        _worn(runs(range(11), 9.0, shoe_id=1)),
        10,
        [("info", 9, 10)],
    ),
    "100 km: warning from the day it got there": (
        _worn(runs(range(11), 9.0, shoe_id=1), run(11, 1.0, shoe_id=1), run(12, 5.0, shoe_id=1)),
        12,
        [("warning", 11, 12)],
    ),
    "walks wear the pair too": (
        _worn(
            runs(range(9), 9.0, shoe_id=1),
            session(9, "walk", 9.0, shoe_id=1),
            run(10, 1.0, shoe_id=1),
        ),
        10,
        [("info", 9, 10)],
    ),
    "a pair only walked in after the line is not flagged": (
        _worn(runs(range(9), 9.0, shoe_id=1), session(9, "walk", 9.0, shoe_id=1)),
        10,
        [],
    ),
    "a retired pair keeps its flag (resolved, see below)": (
        _worn(runs(range(12), 9.0, shoe_id=1), shoe=pair(1, "Road", limit_km=100.0, retired=d(12))),
        12,
        [("warning", 11, 11)],
    ),
    "retired after today still counts": (
        _worn(runs(range(12), 9.0, shoe_id=1), shoe=pair(1, "Road", limit_km=100.0, retired=d(13))),
        12,
        [("warning", 11, 11)],
    ),
    "km before the loaded window count": (
        _worn(run(20, 3.0, shoe_id=1), shoe=pair(1, "Road", limit_km=100.0, km_before=95.0)),
        20,
        [("info", 20, 20)],
    ),
    "other pairs do not count": (_worn(runs(range(12), 9.0, shoe_id=2)), 12, []),
}


@pytest.mark.parametrize(("history", "today", "expected"), SHOE_WORN.values(), ids=SHOE_WORN)
def test_it_flags_worn_shoes(history: History, today: int, expected: list) -> None:
    check("shoe-worn", history, today, expected)


def test_it_words_worn_shoes_with_the_pair_s_name_and_numbers() -> None:
    (flag,) = flags(_worn(runs(range(12), 9.0, shoe_id=1), units="mi"), 12, "shoe-worn")
    assert flag.subject == "Road"
    assert flag.detail == "Road has 67.1 mi on it, 108% of its 62.1 mi limit."
    assert flag.title == "Shoes worn out"


SIX_MONTHS_ON = date(2026, 9, 2)  # day 0 is 2026-03-02

SHOE_AGE: dict[str, Case] = {
    "run in six months and a day later": (
        log(run(0, shoe_id=1), run(n_of(SIX_MONTHS_ON) + 1, shoe_id=1), shoes=(pair(1),)),
        200,
        [("info", 185, 185)],
    ),
    "exactly six months later is not more": (
        log(run(0, shoe_id=1), run(n_of(SIX_MONTHS_ON), shoe_id=1), shoes=(pair(1),)),
        200,
        [],
    ),
    "first_used wins over the first session": (
        log(run(100, shoe_id=1), run(185, shoe_id=1), shoes=(pair(1, first_used=d(0)),)),
        200,
        [("info", 185, 185)],
    ),
    "first_session covers sessions before the window": (
        log(run(185, shoe_id=1), shoes=(pair(1, first_session=d(0)),)),
        200,
        [("info", 185, 185)],
    ),
    "retired: still raised, resolved": (
        log(run(0, shoe_id=1), run(185, shoe_id=1), shoes=(pair(1, retired=d(190)),)),
        200,
        [("info", 185, 185)],
    ),
    "walks are not running in it": (
        log(run(0, shoe_id=1), session(185, "walk", 3.0, shoe_id=1), shoes=(pair(1),)),
        200,
        [],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), SHOE_AGE.values(), ids=SHOE_AGE)
def test_it_flags_old_shoes_still_run_in(history: History, today: int, expected: list) -> None:
    check("shoe-age", history, today, expected)


NON_RUNNING_SHOES: dict[str, Case] = {
    "a run in casual shoes": (
        log(run(0, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual"),)),
        0,
        [("warning", 0, 0)],
    ),
    "runs in them within 14 days: one flag": (
        log(run(0, shoe_id=3), run(14, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual"),)),
        14,
        [("warning", 0, 14)],
    ),
    "15 days apart: two": (
        log(run(0, shoe_id=3), run(15, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual"),)),
        15,
        [("warning", 0, 0), ("warning", 15, 15)],
    ),
    "a walk in casual shoes": (
        log(session(0, "walk", 3.0, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual"),)),
        0,
        [],
    ),
    "trail and racing shoes are for running": (
        log(
            run(0, shoe_id=1),
            run(1, shoe_id=2),
            shoes=(pair(1, kind="trail"), pair(2, "Flats", kind="racing")),
        ),
        1,
        [],
    ),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), NON_RUNNING_SHOES.values(), ids=NON_RUNNING_SHOES
)
def test_it_flags_runs_in_non_running_shoes(history: History, today: int, expected: list) -> None:
    check("non-running-shoes", history, today, expected)


# --- retired pairs: their flags end on the day of retirement ------------------


@pytest.mark.parametrize(
    ("rule", "history", "today", "expected"),
    [
        (
            "shoe-worn",
            _worn(runs(range(12), 9.0, shoe_id=1), shoe=pair(1, limit_km=100.0, retired=d(15))),
            20,
            [(11, 11, 15)],
        ),
        (
            "shoe-worn",
            _worn(runs(range(12), 9.0, shoe_id=1), shoe=pair(1, limit_km=100.0, retired=d(15))),
            14,
            [(11, 11, None)],  # retired after the day asked about: not yet
        ),
        (
            "shoe-age",
            log(run(0, shoe_id=1), run(185, shoe_id=1), shoes=(pair(1, retired=d(190)),)),
            200,
            [(185, 185, 190)],
        ),
        (
            "non-running-shoes",
            log(run(0, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual", retired=d(2)),)),
            5,
            [(0, 0, 2)],
        ),
        (
            # Runs logged after the retirement date: resolved no earlier than the flag's end.
            "non-running-shoes",
            log(run(4, shoe_id=3), shoes=(pair(3, "Loafers", kind="casual", retired=d(2)),)),
            5,
            [(4, 4, 4)],
        ),
    ],
)
def test_it_resolves_shoe_flags_when_the_pair_is_retired(
    rule: str, history: History, today: int, expected: list
) -> None:
    assert ended(history, today, rule) == expected
