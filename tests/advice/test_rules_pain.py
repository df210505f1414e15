"""The pain rules: pain-persisting, acute-pain, training-through-pain,
vascular-red-flag, night-pain, recurring-pain.

Table-driven, one table a rule: the firing case, just under each threshold, and
the traps. Days are numbers from a Monday (see advice_builders); ``expected``
lists (severity, start day, end day) of the rule's flags."""

from __future__ import annotations

import pytest
from advice_builders import check, d, fired, flags, log, n_of, run, session, sore

from advice import History

Case = tuple[History, int, list[tuple[str, int, int]]]


# --- pain-persisting --------------------------------------------------------


def test_it_flags_six_daily_reports_of_pain_on_the_sixth_day_not_the_fifth() -> None:
    history = log([sore(n, "calf", "left", 4) for n in range(6)])  # days 1..6 of the pain
    assert fired(history, 4, "pain-persisting") == []  # day 5
    assert fired(history, 5, "pain-persisting") == [("warning", 0, 5)]  # day 6
    (flag,) = flags(history, 5, "pain-persisting")
    assert flag.subject == "calf left"
    assert "doctor" in flag.advice


PAIN_PERSISTING: dict[str, Case] = {
    "reports 3 days apart still join": (
        log(sore(0), sore(3), sore(6)),
        6,
        [("warning", 0, 6)],
    ),
    "pain logged every 4 days is one continuing pain": (
        log(sore(0), sore(4), sore(8), sore(12)),
        12,
        [("warning", 0, 12)],
    ),
    "every 4 days: on the third report, 8 days after the first": (
        log(sore(0), sore(4), sore(8)),
        8,
        [("warning", 0, 8)],
    ),
    "a gap in check-ins of 5 days splits it": (log(sore(0), sore(5), sore(10)), 10, []),
    "a report below 2 in between ends it": (
        log(sore(0), sore(1), sore(2), sore(3, severity=1), sore(4), sore(5)),
        5,
        [],
    ),
    "2/10 is pain": (log([sore(n, severity=2) for n in range(6)]), 5, [("warning", 0, 5)]),
    "1/10 is not": (log([sore(n, severity=1) for n in range(6)]), 5, []),
    "left then right is two short pains": (
        log([sore(n, side="left") for n in range(3)], [sore(n, side="right") for n in (3, 4, 5)]),
        5,
        [],
    ),
    "other areas do not join": (
        log([sore(n, "calf") for n in range(3)], [sore(n, "shin") for n in (3, 4, 5)]),
        5,
        [],
    ),
    "a 0 on the other side does not end it": (
        log([sore(n) for n in range(6)], sore(2, side="right", severity=0)),
        5,
        [("warning", 0, 5)],
    ),
    "a 0 on both sides ends it": (
        log([sore(n) for n in (0, 1, 3, 4, 5)], sore(2, side="both", severity=0)),
        5,
        [],
    ),
    "a worse report the same day as a 0 keeps it going": (
        log([sore(n) for n in range(6)], sore(2, severity=0)),
        5,
        [("warning", 0, 5)],
    ),
    "session pain counts": (
        log([run(n, pain=3, pain_area="knee", pain_side="right") for n in range(6)]),
        5,
        [("warning", 0, 5)],
    ),
    "session pain without an area does not": (log([run(n, pain=5) for n in range(6)]), 5, []),
    "data after today is ignored": (log([sore(n) for n in range(8)]), 4, []),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), PAIN_PERSISTING.values(), ids=PAIN_PERSISTING
)
def test_it_flags_persisting_pain(history: History, today: int, expected: list) -> None:
    check("pain-persisting", history, today, expected)


def test_it_extends_left_and_right_with_a_both_report() -> None:
    history = log(
        [sore(n, side="both") for n in range(3)], [sore(n, side="left") for n in (3, 4, 5)]
    )
    found = flags(history, 5, "pain-persisting")
    assert [(f.subject, n_of(f.start), n_of(f.end)) for f in found] == [("calf left", 0, 5)]
    both = log([sore(n, side="both") for n in range(6)])
    assert sorted(f.subject for f in flags(both, 5, "pain-persisting")) == [
        "calf left",
        "calf right",
    ]


def test_it_lists_the_sessions_behind_persisting_pain() -> None:
    history = log(
        [run(n, pain=3, pain_area="knee", pain_side="right") for n in (0, 2, 4)],
        sore(5, "knee", "right", 3),
    )
    (flag,) = flags(history, 5, "pain-persisting")
    assert flag.subject == "knee right"
    assert flag.session_ids == (1, 2, 3)
    assert flag.detail == (
        "Knee right: pain reported on 4 days from 2 Mar 2026 to 7 Mar 2026 (6 days), up to 3/10."
    )


# --- acute-pain -------------------------------------------------------------

ACUTE_PAIN: dict[str, Case] = {
    "sharp, 4/10": (log(sore(0, severity=4, kind="sharp")), 0, [("urgent", 0, 0)]),
    "sharp, 3/10 is a twinge": (log(sore(0, severity=3, kind="sharp")), 0, []),
    "sharp, 2/10 is a twinge": (log(sore(0, severity=2, kind="sharp")), 0, []),
    "7/10": (log(sore(0, severity=7)), 0, [("urgent", 0, 0)]),
    "6/10, aching": (log(sore(0, severity=6, kind="aching")), 0, []),
    "sharp but 1/10 is not pain": (log(sore(0, severity=1, kind="sharp")), 0, []),
    "session pain of 8": (
        log(run(0, pain=8, pain_area="knee", pain_side="left")),
        0,
        [("urgent", 0, 0)],
    ),
    "session pain of 8 without an area still counts": (log(run(0, pain=8)), 0, [("urgent", 0, 0)]),
    "two reports, same area, side and day: one flag": (
        log(sore(0, severity=8), sore(0, severity=4, kind="sharp")),
        0,
        [("urgent", 0, 0)],
    ),
    "left and right: two flags": (
        log(sore(0, side="left", severity=8), sore(0, side="right", severity=8)),
        0,
        [("urgent", 0, 0), ("urgent", 0, 0)],
    ),
    "data after today is ignored": (log(sore(1, severity=9)), 0, []),
}


@pytest.mark.parametrize(("history", "today", "expected"), ACUTE_PAIN.values(), ids=ACUTE_PAIN)
def test_it_flags_acute_pain(history: History, today: int, expected: list) -> None:
    check("acute-pain", history, today, expected)


def test_it_tells_acute_pain_to_stop_and_see_a_traumatologist() -> None:
    (flag,) = flags(log(run(0, pain=8)), 0, "acute-pain")
    assert flag.subject == "area not recorded"
    assert flag.session_ids == (1,)
    assert "traumatologist" in flag.advice
    (flag,) = flags(log(sore(0, "calf", "both", 4, kind="sharp")), 0, "acute-pain")
    assert flag.detail == "Calf both sides: sharp pain 4/10 on 2 Mar 2026."
    assert flag.advice.startswith("Stop all training on that leg now")


def test_it_does_not_tell_back_pain_about_a_leg() -> None:
    (flag,) = flags(log(sore(0, "back", "both", 8)), 0, "acute-pain")
    assert "leg" not in flag.advice
    assert flag.advice.startswith("Stop all training now and see a doctor (a traumatologist)")
    history = log(sore(0, "back", "both", 8), run(1, 5.0))
    (flag,) = flags(history, 1, "training-through-pain")
    assert "leg" not in flag.advice
    assert flag.advice.startswith("Do not run on acute pain: stop running until a doctor")


def test_it_says_what_to_do_now_about_acute_pain_reported_days_ago() -> None:
    (flag,) = flags(log(sore(0, "knee", "left", 8)), 3, "acute-pain")
    assert flag.advice.startswith(
        "You reported it 3 days ago and not below 2/10 since: if it still hurts, do not train "
        "on that leg until a doctor (a traumatologist) has seen it."
    )
    assert flag.advice.endswith("check in with 0/10 for it: that closes this warning.")


# --- training-through-pain --------------------------------------------------

TRAINING_THROUGH_PAIN: dict[str, Case] = {
    "a run the day after": (log(sore(0, severity=8), run(1)), 1, [("urgent", 0, 1)]),
    "a run after a sharp 7/10": (
        log(sore(0, severity=7, kind="sharp"), run(1)),
        1,
        [("urgent", 0, 1)],
    ),
    "a run after a sharp 2/10 is not": (log(sore(0, severity=2, kind="sharp"), run(1)), 1, []),
    "a run the same day is not later": (log(sore(0, severity=8), run(0)), 1, []),
    "reported below 2 before the run": (
        log(sore(0, severity=8), sore(1, severity=1), run(2)),
        2,
        [],
    ),
    "a 0 on the run's own day does not clear it": (
        log(sore(0, severity=8), sore(1, severity=0), run(1)),
        1,
        [("urgent", 0, 1)],
    ),
    "a 0 on both sides clears the left": (
        log(sore(0, side="left", severity=8), sore(1, side="both", severity=0), run(2)),
        2,
        [],
    ),
    "a 0 on the right does not clear the left": (
        log(sore(0, side="left", severity=8), sore(1, side="right", severity=0), run(2)),
        2,
        [("urgent", 0, 2)],
    ),
    "acute on both sides, only the left cleared": (
        log(sore(0, side="both", severity=8), sore(1, side="left", severity=0), run(2)),
        2,
        [("urgent", 0, 2)],
    ),
    "2/10 is still pain": (
        log(sore(0, severity=8), sore(1, severity=2), run(2)),
        2,
        [("urgent", 0, 2)],
    ),
    "still open 28 days on": (log(sore(0, severity=8), run(28)), 28, [("urgent", 0, 28)]),
    "no longer after 28 days": (log(sore(0, severity=8), run(29)), 29, []),
    "not acute": (log(sore(0, severity=6), run(1)), 1, []),
    "walking is not running": (log(sore(0, severity=8), session(1, "walk", 3.0)), 1, []),
    "two runs on one day: one flag": (
        log(sore(0, severity=8), run(1), run(1)),
        1,
        [("urgent", 0, 1)],
    ),
    "every later run until cleared": (
        log(sore(0, severity=8, kind="sharp"), run(1), run(3), sore(4, severity=0), run(5)),
        5,
        [("urgent", 0, 1), ("urgent", 0, 3)],
    ),
    "session pain opens it too": (
        log(run(0, pain=9, pain_area="calf", pain_side="left"), run(2)),
        2,
        [("urgent", 0, 2)],
    ),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), TRAINING_THROUGH_PAIN.values(), ids=TRAINING_THROUGH_PAIN
)
def test_it_flags_training_through_acute_pain(history: History, today: int, expected: list) -> None:
    check("training-through-pain", history, today, expected)


def test_it_names_the_leg_still_hurting() -> None:
    history = log(sore(0, side="both", severity=8), sore(1, side="left", severity=0), run(2, 7.0))
    (flag,) = flags(history, 2, "training-through-pain")
    assert flag.subject == d(2).isoformat()
    assert flag.detail == (
        "You ran 7.0 km on 4 Mar 2026 after reporting acute pain in calf right (2 Mar 2026), "
        "with no report of it below 2/10 since."
    )
    assert flag.session_ids == (1,)


# --- vascular-red-flag ------------------------------------------------------

VASCULAR: dict[str, Case] = {
    "calf, one side, swollen": (
        log(sore(0, "calf", "left", 3, swelling=True)),
        0,
        [("urgent", 0, 0)],
    ),
    "shin, swollen, painless": (
        log(sore(0, "shin", "right", 0, swelling=True)),
        0,
        [("urgent", 0, 0)],
    ),
    "calf, both sides swollen": (log(sore(0, "calf", "both", 3, swelling=True)), 0, []),
    "thigh, one side, swollen": (
        log(sore(0, "thigh", "left", 3, swelling=True)),
        0,
        [("urgent", 0, 0)],
    ),
    "knee swollen is not a vein sign here": (
        log(sore(0, "knee", "left", 3, swelling=True)),
        0,
        [],
    ),
    "calf, not swollen": (log(sore(0, "calf", "left", 3, swelling=False)), 0, []),
    "pulsating calf, both sides": (
        log(sore(0, "calf", "both", 3, kind="pulsating")),
        0,
        [("urgent", 0, 0)],
    ),
    "pulsating shin": (log(sore(0, "shin", "right", 2, kind="pulsating")), 0, [("urgent", 0, 0)]),
    "pulsating back pain is not": (log(sore(0, "back", "both", 5, kind="pulsating")), 0, []),
    "pulsating knee pain is not": (log(sore(0, "knee", "left", 5, kind="pulsating")), 0, []),
    "pulsating at 1/10 is not pain": (
        log(sore(0, "calf", "left", 1, kind="pulsating")),
        0,
        [],
    ),
    "swollen and pulsating the same day: one flag": (
        log(sore(0, swelling=True), sore(0, kind="pulsating")),
        0,
        [("urgent", 0, 0)],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), VASCULAR.values(), ids=VASCULAR)
def test_it_flags_vascular_red_flags(history: History, today: int, expected: list) -> None:
    check("vascular-red-flag", history, today, expected)


def test_it_sends_a_possible_clot_to_a_doctor_and_an_emergency_to_emergency() -> None:
    (flag,) = flags(log(sore(0, "calf", "left", 3, swelling=True)), 0, "vascular-red-flag")
    assert "doctor" in flag.advice and "chest pain" in flag.advice and "emergency" in flag.advice
    assert flag.detail == "Calf left on 2 Mar 2026: swelling (3/10)."


def test_a_one_sided_swollen_calf_is_urgent_the_same_day() -> None:
    history = log(run(0, 8.0), sore(0, "calf", "right", 0, swelling=True))
    (flag,) = flags(history, 0, "vascular-red-flag")
    assert (flag.severity, flag.start, flag.end, flag.resolved) == ("urgent", d(0), d(0), None)


# --- night-pain -------------------------------------------------------------

NIGHT_PAIN: dict[str, Case] = {
    "two cramp nights in 14 days: info": (
        log(sore(0, kind="cramp", at_night=True), sore(13, kind="cramp", at_night=True)),
        13,
        [("info", 0, 13)],
    ),
    "14 days apart is too far": (
        log(sore(0, kind="cramp", at_night=True), sore(14, kind="cramp", at_night=True)),
        14,
        [],
    ),
    "other night pain: warning": (
        log(sore(0, kind="aching", at_night=True), sore(3, at_night=True)),
        3,
        [("warning", 0, 3)],
    ),
    "a cramp and other pain: warning": (
        log(sore(0, kind="cramp", at_night=True), sore(3, kind="burning", at_night=True)),
        3,
        [("warning", 0, 3)],
    ),
    "two reports the same night are one night": (
        log(sore(0, side="left", at_night=True), sore(0, side="right", at_night=True)),
        0,
        [],
    ),
    "1/10 at night is not pain": (
        log(sore(0, severity=1, at_night=True), sore(3, severity=1, at_night=True)),
        3,
        [],
    ),
    "daytime reports do not count": (log(sore(0), sore(3)), 3, []),
}


@pytest.mark.parametrize(("history", "today", "expected"), NIGHT_PAIN.values(), ids=NIGHT_PAIN)
def test_it_flags_night_pain(history: History, today: int, expected: list) -> None:
    check("night-pain", history, today, expected)


def test_it_never_suggests_supplements_for_night_cramps() -> None:
    history = log(sore(0, kind="cramp", at_night=True), sore(2, kind="cramp", at_night=True))
    (flag,) = flags(history, 2, "night-pain")
    assert flag.subject == "night cramps"
    assert "do not start supplements" in flag.advice
    assert "magnesium" not in flag.source.quote


# --- recurring-pain ---------------------------------------------------------

_TWO_WEEKS_OF_RUNNING = [run(-13, 20.0), run(1, 20.0)]

RECURRING_PAIN: dict[str, Case] = {
    "3 days of 3/10 in 14, running steady": (
        log(_TWO_WEEKS_OF_RUNNING, sore(10, severity=3), sore(12, "knee"), sore(14, "hip")),
        14,
        [("warning", 10, 14)],
    ),
    "running went down": (
        log(run(-13, 30.0), run(1, 20.0), sore(10, severity=3), sore(12), sore(14)),
        14,
        [],
    ),
    "no running at all": (log(sore(10), sore(12), sore(14)), 14, []),
    "only 2 days": (log(_TWO_WEEKS_OF_RUNNING, sore(10), sore(14)), 14, []),
    "2/10 is below the line": (
        log(_TWO_WEEKS_OF_RUNNING, sore(10, severity=2), sore(12), sore(14)),
        14,
        [],
    ),
    "3 days spanning exactly 14": (
        log(_TWO_WEEKS_OF_RUNNING, sore(1), sore(7), sore(14)),
        14,
        [("warning", 1, 14)],
    ),
    "3 days spanning 15": (log(_TWO_WEEKS_OF_RUNNING, sore(0), sore(7), sore(14)), 14, []),
    "3 reports on one day are one day": (
        log(_TWO_WEEKS_OF_RUNNING, sore(14, "calf"), sore(14, "knee"), sore(14, "hip")),
        14,
        [],
    ),
    "session pain counts, with or without an area": (
        log(_TWO_WEEKS_OF_RUNNING, run(10, pain=4), run(12, pain=4, pain_area="hip"), sore(14)),
        14,
        [("warning", 10, 14)],
    ),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), RECURRING_PAIN.values(), ids=RECURRING_PAIN
)
def test_it_flags_recurring_pain(history: History, today: int, expected: list) -> None:
    check("recurring-pain", history, today, expected)


def test_it_advises_a_week_off_for_recurring_pain() -> None:
    history = log(_TWO_WEEKS_OF_RUNNING, sore(10), sore(12, "knee"), sore(14, "knee", "right"))
    (flag,) = flags(history, 14, "recurring-pain")
    assert flag.subject == "calf left, knee left, knee right"
    assert "at least a week" in flag.advice
