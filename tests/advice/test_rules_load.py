"""The load rules: volume-jump, long-run-spike, impact-spike, load-ratio-high,
return-after-break, no-rest-day, too-much-speed.

Table-driven, one table a rule: the firing case, just under each threshold, and
the traps. Days are numbers from a Monday (see advice_builders); ``expected``
lists (severity, start day, end day) of the rule's flags."""

from __future__ import annotations

from dataclasses import replace

import pytest
from advice_builders import OLD_LOG, check, d, fired, flags, log, run, runs, session

from advice import History, SessionRecord

Case = tuple[History, int, list[tuple[str, int, int]]]


# --- volume-jump ------------------------------------------------------------

VOLUME_JUMP: dict[str, Case] = {
    "fires: 30 -> 42 km": (
        log(runs([0, 2, 4], 10.0), runs([7, 9, 11], 14.0)),
        13,
        [("warning", 7, 11)],
    ),
    "exactly 30% is not more than 30%": (
        log(runs([0, 2, 4], 10.0), runs([7, 9, 11], 13.0)),
        13,
        [],
    ),
    "just over 30%": (
        log(runs([0, 2, 4], 10.0), runs([7, 9], 13.0), run(11, 13.1)),
        13,
        [("warning", 7, 11)],
    ),
    "up 49% but only 4.9 km": (log(runs([0, 2], 5.0), run(7, 14.9)), 13, []),
    "up 50% and exactly 5 km": (log(runs([0, 2], 5.0), run(7, 15.0)), 13, [("warning", 7, 7)]),
    "a rest week before a normal week": (
        log(runs([0, 2, 4], 10.0), runs([14, 16, 18], 10.0)),
        20,
        [],
    ),
    "first week of running": (log(runs([0, 1, 2], 10.0)), 6, []),
    "empty history": (log(), 6, []),
    "current week counts up to today": (
        log(runs([0, 2, 4], 10.0), run(7, 20.0), run(8, 20.0)),
        8,
        [("warning", 7, 8)],
    ),
    "current week not yet over the line": (
        log(runs([0, 2, 4], 10.0), run(7, 20.0), run(8, 20.0)),
        7,
        [],
    ),
    "two runs on one day both count": (
        log(run(0, 10.0), run(7, 8.0), run(7, 8.0)),
        8,
        [("warning", 7, 7)],
    ),
    "walks do not count": (
        log(run(0, 10.0), run(7, 10.0), session(8, "walk", 20.0)),
        9,
        [],
    ),
    "week boundary, Monday start: Sunday's run is in the first week": (
        log(run(1, 10.0), run(3, 10.0), run(6, 20.0), run(8, 10.0), run(10, 10.0)),
        12,
        [],
    ),
    "week boundary, Sunday start: Sunday's run opens the second week": (
        log(run(1, 10.0), run(3, 10.0), run(6, 20.0), run(8, 10.0), run(10, 10.0), week_start=6),
        12,
        [("warning", 6, 10)],
    ),
    "data after today is ignored": (
        log(runs([0, 2, 4], 10.0), run(7, 10.0), run(9, 30.0)),
        8,
        [],
    ),
    "a beginner going from 10 to 30 km a week": (
        log(runs([0, 2, 4], 10 / 3), runs([7, 9, 11], 10.0)),
        11,
        [("warning", 7, 11)],
    ),
    "the week after a cutback week is no jump": (
        log(
            runs([0, 2, 4], 12.0),
            runs([7, 9, 11], 13.0),
            runs([14, 16, 18], 8.0),  # the cutback
            runs([21, 23, 25], 14.0),
        ),
        27,
        [],
    ),
    "compared with the biggest of 4 weeks, not of 5": (
        log(runs([0, 2, 4], 12.0), runs(range(7, 35, 7), 3.0), runs([35, 37, 39], 12.0)),
        41,
        [("info", 35, 39)],
    ),
    "a jump above every week of the last 13: warning": (
        log(runs(range(0, 91, 2), 4.0), runs([91, 93, 95], 12.0)),
        97,
        [("warning", 91, 95)],
    ),
    "the week a break of 14 days ends in is return-after-break's": (
        log(runs([0, 2, 4], 6.0), run(19, 5.0), runs([20, 21], 10.0)),
        21,
        [],
    ),
    "a break of 13 days is not a break": (
        log(runs([0, 2, 4], 6.0), run(18, 5.0), runs([19, 20], 10.0)),
        20,
        [("warning", 14, 20)],
    ),
    "the week after the break week is compared again": (
        log(runs([0, 2, 4], 6.0), runs([19, 20], 4.0), runs([21, 23, 25], 10.0)),
        25,
        [("warning", 21, 25)],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), VOLUME_JUMP.values(), ids=VOLUME_JUMP)
def test_it_flags_volume_jumps(history: History, today: int, expected: list) -> None:
    check("volume-jump", history, today, expected)


def test_it_words_volume_jump_with_the_week_and_the_runner_s_numbers() -> None:
    history = log(run(0, 29.0), run(7, 42.0))
    (flag,) = flags(history, 8, "volume-jump")
    assert flag.subject == "week of 2026-03-09"
    assert flag.subject_text == "week of 9 Mar 2026"
    assert flag.detail == (
        "42.0 km this week, up 45% on the biggest of the 4 weeks before (29.0 km, the week of "
        "2 Mar 2026)."
    )
    assert flag.session_ids == (2,)
    assert flag.advice.startswith("Keep the rest of this week easy")
    (flag,) = flags(replace(history, units="mi"), 8, "volume-jump")
    assert flag.detail.startswith("26.1 mi this week, up 45% on the biggest of the 4 weeks before")
    assert "(18.0 mi, the week of 2 Mar 2026)" in flag.detail
    (flag,) = flags(history, 20, "volume-jump")
    assert flag.detail.startswith("42.0 km that week,")
    assert flag.advice.startswith("Hold around this weekly distance")


def test_it_says_when_a_jump_is_back_to_a_load_run_recently() -> None:
    history = log(runs([0, 2, 4], 15.0), runs(range(14, 42, 3), 4.0), runs([49, 51, 53], 14.0))
    (flag,) = flags(history, 55, "volume-jump")
    assert flag.severity == "info"
    assert flag.detail.endswith(
        "You ran 45.0 km in the week of 2 Mar 2026: a load you have carried recently."
    )


def test_it_uses_the_week_start_for_the_subject() -> None:
    history = log(run(1, 10.0), run(3, 10.0), run(6, 20.0), run(8, 10.0), week_start=6)
    (flag,) = flags(history, 12, "volume-jump")
    assert flag.subject == f"week of {d(6).isoformat()}"
    assert d(6).weekday() == 6  # a Sunday


def test_it_changes_the_result_when_an_old_session_is_edited() -> None:
    before = log(run(0, 30.0), run(7, 42.0))
    assert fired(before, 8, "volume-jump") == [("warning", 7, 7)]
    edited = replace(
        before, sessions=(replace(before.sessions[0], distance_km=35.0), before.sessions[1])
    )
    assert fired(edited, 8, "volume-jump") == []


# --- long-run-spike ---------------------------------------------------------


def _old(*records: object, **history: object) -> History:
    """A log that started long before day 0 (the log's first weeks are past)."""
    return log(*records, **{**OLD_LOG, **history})


LONG_RUN_SPIKE: dict[str, Case] = {
    "15% longer: info": (_old(run(0, 10.0), run(5, 11.5)), 5, [("info", 5, 5)]),
    "35% longer: warning": (_old(run(0, 10.0), run(5, 13.5)), 5, [("warning", 5, 5)]),
    "exactly 10% is not more": (_old(run(0, 10.0), run(5, 11.0)), 5, []),
    "just over 10%": (_old(run(0, 10.0), run(5, 11.1)), 5, [("info", 5, 5)]),
    "exactly 30% stays info": (_old(run(0, 10.0), run(5, 13.0)), 5, [("info", 5, 5)]),
    "20% longer but only 0.9 km": (_old(run(0, 4.5), run(5, 5.4)), 5, []),
    "20% longer and exactly 1 km": (_old(run(0, 5.0), run(5, 6.0)), 5, [("info", 5, 5)]),
    "the run 30 days before still counts": (
        _old(run(0, 10.0), run(30, 20.0)),
        30,
        [("warning", 30, 30)],
    ),
    "no run in the 30 days before": (_old(run(0, 10.0), run(31, 20.0)), 31, []),
    "first run ever": (log(run(0, 20.0)), 0, []),
    "two runs on one day are not added up": (
        _old(run(0, 10.0), run(5, 8.0), run(5, 8.0)),
        5,
        [],
    ),
    "the longest of the 30 days, not the last": (
        _old(run(0, 20.0), run(3, 5.0), run(6, 21.0)),
        6,
        [],
    ),
    "walks are not runs": (_old(session(0, "walk", 10.0), run(5, 20.0)), 5, []),
    "data after today is ignored": (_old(run(0, 10.0), run(6, 20.0)), 5, []),
    "40% over anything in the 90 days of a 3-month log: warning": (
        log(runs(range(0, 91, 3), 10.0), run(91, 14.0)),
        91,
        [("warning", 91, 91)],
    ),
    "40% over the month but not over a run 60 days before: info": (
        log(run(0, 15.0), run(30, 15.0), runs(range(31, 61, 3), 10.0), run(61, 14.0)),
        61,
        [("info", 61, 61)],
    ),
    "a run 91 days before no longer counts for the 90": (
        log(run(0, 15.0), runs(range(40, 91, 3), 10.0), run(91, 14.0)),
        91,
        [("warning", 91, 91)],
    ),
    "first month of a log: 60% longer is not double": (
        log(run(0, 10.0), run(5, 16.0)),
        5,
        [],
    ),
    "first month of a log: more than double and 5 km longer": (
        log(run(0, 6.0), run(5, 12.1)),
        5,
        [("warning", 5, 5)],
    ),
    "first month of a log: more than double but under 5 km longer": (
        log(run(0, 4.0), run(5, 8.5)),
        5,
        [],
    ),
    "first month ends on day 28 of the log": (
        log(run(0, 10.0), run(28, 13.5)),
        28,
        [("warning", 28, 28)],
    ),
    "day 27 of the log is still the first month": (log(run(0, 10.0), run(27, 13.5)), 27, []),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), LONG_RUN_SPIKE.values(), ids=LONG_RUN_SPIKE
)
def test_it_flags_long_run_spikes(history: History, today: int, expected: list) -> None:
    check("long-run-spike", history, today, expected)


def test_it_flags_the_rope_jump_log_from_document_003_as_runs() -> None:
    # The forum log in 003 that ended in a sprained Achilles: sessions of 400,
    # 400, 700, 500 and 1500 jumps, modelled as runs on consecutive days with 100
    # jumps = 1 km, as the first days of a log: only the 1500 is more than double
    # the longest so far (and 5 km longer).
    history = log(run(0, 4.0), run(1, 4.0), run(2, 7.0), run(3, 5.0), run(4, 15.0))
    assert fired(history, 4, "long-run-spike") == [("warning", 4, 4)]
    assert fired(history, 3, "long-run-spike") == []
    (flag,) = flags(history, 4, "long-run-spike")
    assert flag.detail == (
        "15.0 km on 6 Mar 2026, more than double your longest run so far (7.0 km on "
        "4 Mar 2026), in the first weeks of your log."
    )


def test_it_words_long_run_spike_in_the_runner_s_units() -> None:
    history = _old(run(0, 10.0), run(5, 16.0), units="mi")
    (flag,) = flags(history, 5, "long-run-spike")
    assert flag.subject == d(5).isoformat()
    assert flag.subject_text == ""  # the subject is the flag's day, shown anyway
    assert flag.detail == (
        "9.9 mi on 7 Mar 2026, 60% longer than the longest run of the 30 days before "
        "(6.2 mi on 2 Mar 2026)."
    )
    assert flag.session_ids == (2,)


def test_it_names_the_90_day_longest_when_it_differs() -> None:
    history = log(run(5, 11.0), runs(range(40, 91, 3), 10.0), run(91, 15.0))
    (flag,) = flags(history, 91, "long-run-spike")
    assert flag.detail == (
        "15.0 km on 1 Jun 2026, 50% longer than the longest run of the 30 days before "
        "(10.0 km on 29 May 2026) and 36% longer than any of the 90 days before (11.0 km on "
        "7 Mar 2026)."
    )


@pytest.mark.parametrize(
    ("today", "advice"),
    [
        (
            5,
            "Take the next few days easy, and let the long run grow by no more than about a "
            "tenth at a time.",
        ),
        (20, "From here, let the long run grow by no more than about a tenth at a time."),
    ],
)
def test_it_advises_for_the_moment_after_a_long_run(today: int, advice: str) -> None:
    (flag,) = flags(_old(run(0, 10.0), run(5, 14.0)), today, "long-run-spike")
    assert flag.advice == advice


def test_it_gives_a_race_recovery_advice_not_growth() -> None:
    history = _old(runs(range(0, 30, 3), 30.0), run(31, 42.2, race=True))
    (flag,) = flags(history, 31, "long-run-spike")
    assert flag.severity == "warning"
    assert flag.detail.startswith("A race of 42.2 km on 2 Apr 2026, 41% longer")
    assert "recover" in flag.advice and "tenth" not in flag.advice
    (flag,) = flags(history, 45, "long-run-spike")
    assert flag.advice.endswith("until your legs feel fresh.")


# --- impact-spike -----------------------------------------------------------


def jumps(n: int, minutes: float, **fields: object) -> SessionRecord:
    return session(n, "jump_rope", duration_min=minutes, **fields)


IMPACT_SPIKE: dict[str, Case] = {
    "the rope-jump log of document 003, as minutes": (
        log(jumps(0, 10), jumps(1, 10), jumps(2, 17), jumps(3, 12), jumps(4, 37)),
        4,
        [("warning", 4, 4)],
    ),
    "35% and 7 minutes longer, in an old log": (
        _old(jumps(0, 20), jumps(5, 27)),
        5,
        [("warning", 5, 5)],
    ),
    "exactly 30% is not more": (_old(jumps(0, 20), jumps(5, 26)), 5, []),
    "40% but only 4 minutes longer": (_old(jumps(0, 10), jumps(5, 14)), 5, []),
    "none in the 30 days before": (_old(jumps(0, 10), jumps(31, 30)), 31, []),
    "runs and rides are not jumping": (
        _old(run(0, 5.0, duration_min=30), session(3, "cycle", 20.0, duration_min=90)),
        3,
        [],
    ),
    "a first session": (_old(jumps(0, 30)), 0, []),
    "two sessions on one day are not added up": (
        _old(jumps(0, 20), jumps(5, 15), jumps(5, 15)),
        5,
        [],
    ),
    "a session without a duration does not count": (
        _old(jumps(0, 20), session(5, "jump_rope")),
        5,
        [],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), IMPACT_SPIKE.values(), ids=IMPACT_SPIKE)
def test_it_flags_impact_spikes(history: History, today: int, expected: list) -> None:
    check("impact-spike", history, today, expected)


def test_it_words_the_rope_jump_spike() -> None:
    history = log(jumps(0, 10), jumps(1, 10), jumps(2, 17), jumps(3, 12), jumps(4, 37))
    (flag,) = flags(history, 4, "impact-spike")
    assert flag.detail == (
        "37 min of jump rope on 6 Mar 2026, more than double your longest so far "
        "(17 min on 4 Mar 2026)."
    )
    assert flag.session_ids == (5,)
    assert "Achilles" in flag.advice and "Achilles" in flag.source.quote


# --- load-ratio-high --------------------------------------------------------


def _steady(days: int, then_km: float, on: int) -> History:
    return log(runs(range(days), 5.0), run(on, then_km))


LOAD_RATIO: dict[str, Case] = {
    "steady running: ratio near 1": (log(runs(range(60), 5.0)), 59, []),
    "a 30 km day after 60 days of 5 km: ratio 1.69": (
        _steady(60, 30.0, 60),
        60,
        [("info", 60, 60)],
    ),
    "a 20 km day after 60 days of 5 km: ratio 1.47": (_steady(60, 20.0, 60), 60, []),
    "day 27 of history is too early": (log(run(0, 5.0), run(27, 20.0)), 27, []),
    "day 28 of history counts": (log(run(0, 5.0), run(28, 20.0)), 28, [("info", 28, 28)]),
    "empty history": (log(), 30, []),
}


@pytest.mark.parametrize(("history", "today", "expected"), LOAD_RATIO.values(), ids=LOAD_RATIO)
def test_it_flags_a_high_load_ratio(history: History, today: int, expected: list) -> None:
    check("load-ratio-high", history, today, expected)


def test_it_says_the_load_ratio_is_contested() -> None:
    (flag,) = flags(_steady(60, 30.0, 60), 60, "load-ratio-high")
    assert "ratio 1.69" in flag.detail
    assert "contested" in flag.detail
    assert str(flag.grade) == "mixed"


# --- return-after-break -----------------------------------------------------

RETURN_AFTER_BREAK: dict[str, Case] = {
    "14 days without a run": (log(run(0), run(15)), 15, [("info", 15, 15)]),
    "13 days without a run": (log(run(0), run(14)), 14, []),
    "the first run ever": (log(run(15)), 15, []),
    "walks do not end a break": (
        log(run(0), session(5, "walk", 3.0), run(15)),
        15,
        [("info", 15, 15)],
    ),
    "the last run before the loaded window": (
        log(run(15), since=d(10), last_run_before=d(0)),
        15,
        [("info", 15, 15)],
    ),
    "only the first run back": (log(run(0), run(15), run(16)), 16, [("info", 15, 15)]),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), RETURN_AFTER_BREAK.values(), ids=RETURN_AFTER_BREAK
)
def test_it_flags_a_return_after_a_break(history: History, today: int, expected: list) -> None:
    check("return-after-break", history, today, expected)
