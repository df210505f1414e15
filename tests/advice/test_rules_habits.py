"""The habit rules: no-cooldown, no-warmup, stopped-mid-run, no-rest-day (and
too-much-speed, in the single-run table).

Table-driven, one table a rule: the firing case, just under each threshold, and
the traps. Days are numbers from a Monday (see advice_builders); ``expected``
lists (severity, start day, end day) of the rule's flags."""

from __future__ import annotations

import pytest
from advice_builders import check, d, fired, flags, log, n_of, run, runs, session

from advice import History

Case = tuple[History, int, list[tuple[str, int, int]]]


# --- no-cooldown / no-warmup ------------------------------------------------


def _habit_log(field: str, minutes: list[int | None]) -> History:
    return log([run(i, 5.0, **{field: m}) for i, m in enumerate(minutes)])


HABITS: dict[str, tuple[list[int | None], int, list[tuple[str, int, int]]]] = {
    "3 of the last 5 without": ([0, 10, 0, 10, 0], 4, [("info", 0, 4)]),
    "2 of the last 5 without": ([0, 10, 0, 10, 10], 4, []),
    "3 of 3 recorded, the others not recorded": ([0, None, 0, None, 0], 4, [("info", 0, 4)]),
    "not recorded is not none": ([None, None, None, None, None], 4, []),
    "ends when it drops to 2 of 5": ([0, 0, 0, 10, 10, 10], 5, [("info", 0, 4)]),
    "only 2 so far": ([0, 0], 1, []),
}


@pytest.mark.parametrize("field", ["cooldown_min", "warmup_min"])
@pytest.mark.parametrize(("minutes", "today", "expected"), HABITS.values(), ids=HABITS)
def test_it_flags_missing_warm_ups_and_cool_downs(
    field: str, minutes: list[int | None], today: int, expected: list
) -> None:
    rule = "no-cooldown" if field == "cooldown_min" else "no-warmup"
    check(rule, _habit_log(field, minutes), today, expected)


def test_it_forgets_runs_older_than_60_days_for_habits() -> None:
    history = log(run(0, cooldown_min=0), run(1, cooldown_min=0), run(70, cooldown_min=0))
    assert fired(history, 70, "no-cooldown") == []
    history = log(run(11, cooldown_min=0), run(12, cooldown_min=0), run(70, cooldown_min=0))
    assert fired(history, 70, "no-cooldown") == [("info", 11, 70)]


def test_it_words_the_habit_flags() -> None:
    (flag,) = flags(_habit_log("cooldown_min", [0, 10, 0, 10, 0]), 4, "no-cooldown")
    assert flag.subject == "cool-down"
    assert flag.detail == (
        "3 of your last 5 runs with a recorded cool-down had none (the latest on 6 Mar 2026)."
    )
    assert flag.session_ids == (1, 3, 5)


# --- too-much-speed, stopped-mid-run -----------------------------------------

SINGLE_RUN: dict[str, tuple[str, History, list[tuple[str, int, int]]]] = {
    "31% fast": ("too-much-speed", log(run(0, fast_pct=31)), [("info", 0, 0)]),
    "30% fast is the document's limit": ("too-much-speed", log(run(0, fast_pct=30)), []),
    "fast share not recorded": ("too-much-speed", log(run(0)), []),
    "two fast runs one day: one flag": (
        "too-much-speed",
        log(run(0, fast_pct=50), run(0, fast_pct=40)),
        [("info", 0, 0)],
    ),
    "stopped mid-run": ("stopped-mid-run", log(run(0, stopped=True)), [("info", 0, 0)]),
    "did not stop": ("stopped-mid-run", log(run(0, stopped=False)), []),
    "stopping not recorded": ("stopped-mid-run", log(run(0)), []),
    "stopped on a walk": ("stopped-mid-run", log(session(0, "walk", 3.0, stopped=True)), []),
}


@pytest.mark.parametrize(("rule", "history", "expected"), SINGLE_RUN.values(), ids=SINGLE_RUN)
def test_it_flags_single_runs(rule: str, history: History, expected: list) -> None:
    check(rule, history, 0, expected)


def test_it_quotes_the_speed_limit_and_the_walk_on_advice() -> None:
    (flag,) = flags(log(run(0, 8.0, fast_pct=45)), 0, "too-much-speed")
    assert flag.detail == "45% of the run on 2 Mar 2026 (8.0 km) was at speed."
    assert "30%" in flag.source.quote
    (flag,) = flags(log(run(0, stopped=True)), 0, "stopped-mid-run")
    assert "walk the rest" in flag.advice


# --- no-rest-day ------------------------------------------------------------

LONG_AGO = {"started_running": d(-365)}

NO_REST_DAY: dict[str, Case] = {
    "7 days in a row": (log(runs(range(7)), **LONG_AGO), 6, [("info", 0, 6)]),
    "6 days in a row": (log(runs(range(6)), **LONG_AGO), 6, []),
    "the flag grows with the streak": (log(runs(range(9)), **LONG_AGO), 8, [("info", 0, 8)]),
    "two runs on one day are one day": (
        log(runs(range(5)), run(5), run(5), **LONG_AGO),
        6,
        [],
    ),
    "walks are rest from running": (
        log(runs(range(3)), session(3, "walk", 3.0), runs(range(4, 7)), **LONG_AGO),
        6,
        [],
    ),
    "beginner: 4 days in a row": (log(runs(range(4)), started_running=d(0)), 3, [("info", 0, 3)]),
    "beginner: 3 days in a row": (log(runs(range(3)), started_running=d(0)), 3, []),
    "beginner weeks count from the first session": (log(runs(range(4))), 3, [("info", 0, 3)]),
    "4th day on day 55, still the first 8 weeks": (
        log(run(0), runs(range(52, 56))),
        55,
        [("info", 52, 55)],
    ),
    "4th day on day 56, past the first 8 weeks": (log(run(0), runs(range(53, 57))), 56, []),
    "the runner's first session ever, before the window": (
        log(runs(range(100, 104)), first_session=d(0)),
        103,
        [],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), NO_REST_DAY.values(), ids=NO_REST_DAY)
def test_it_flags_no_rest_day(history: History, today: int, expected: list) -> None:
    check("no-rest-day", history, today, expected)


def test_it_shows_at_most_the_last_90_days_of_a_streak() -> None:
    (flag,) = flags(log(runs(range(200)), **LONG_AGO), 199, "no-rest-day")
    assert (n_of(flag.start), n_of(flag.end)) == (109, 199)
    assert "over 90 days in a row" in flag.detail
    assert len(flag.session_ids) == 91
