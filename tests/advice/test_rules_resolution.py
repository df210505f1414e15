"""Flags that end: a pain flag is resolved on the first day after it its area and
side are reported below 2 (``both`` speaks for either side); ``ended`` lists
(start day, end day, resolved day or None)."""

from __future__ import annotations

import pytest
from advice_builders import d, ended, flags, log, run, sore

from advice import History, active_flags

SIX_DAYS = [sore(n, "calf", "left", 4) for n in range(6)]

PAIN_PERSISTING: dict[str, tuple[History, int, list[tuple[int, int, int | None]]]] = {
    "a 0 the next day": (log(SIX_DAYS, sore(6, "calf", "left", 0)), 6, [(0, 5, 6)]),
    "a 1 is below 2 too": (log(SIX_DAYS, sore(6, "calf", "left", 1)), 6, [(0, 5, 6)]),
    "a 2 is still pain": (log(SIX_DAYS, sore(6, "calf", "left", 2)), 6, [(0, 6, None)]),
    "both sides speak for the left": (
        log(SIX_DAYS, sore(8, "calf", "both", 0)),
        8,
        [(0, 5, 8)],
    ),
    "the right does not": (log(SIX_DAYS, sore(8, "calf", "right", 0)), 8, [(0, 5, None)]),
    "another area does not": (log(SIX_DAYS, sore(8, "shin", "left", 0)), 8, [(0, 5, None)]),
    "a 0 the same day as pain there does not": (
        log(SIX_DAYS, sore(8, "calf", "left", 0), sore(8, "calf", "left", 3)),
        8,
        [(0, 8, None)],  # and the 3 carries the pain on to day 8
    ),
    "a swollen calf at 0 is not over": (
        log(SIX_DAYS, sore(7, "calf", "left", 0, swelling=True)),
        7,
        [(0, 5, None)],
    ),
    "a session's own 0 for the area counts": (
        log(SIX_DAYS, run(7, pain=0, pain_area="calf", pain_side="left")),
        7,
        [(0, 5, 7)],
    ),
    "not before it happens": (log(SIX_DAYS, sore(9, "calf", "left", 0)), 8, [(0, 5, None)]),
}


@pytest.mark.parametrize(
    ("history", "today", "expected"), PAIN_PERSISTING.values(), ids=PAIN_PERSISTING
)
def test_it_resolves_persisting_pain(history: History, today: int, expected: list) -> None:
    assert ended(history, today, "pain-persisting") == expected


def test_a_both_sides_flag_needs_both_sides_reported_below_2() -> None:
    history = log([sore(n, "calf", "both", 4) for n in range(6)], sore(7, "calf", "left", 0))
    assert ended(history, 7, "pain-persisting") == [(0, 5, 7), (0, 5, None)]
    history = log(history.soreness, sore(9, "calf", "right", 0))
    assert ended(history, 9, "pain-persisting") == [(0, 5, 7), (0, 5, 9)]
    (flag,) = flags(log(sore(0, "knee", "both", 8), sore(2, "knee", "left", 0)), 3, "acute-pain")
    assert flag.resolved is None  # the right knee has not been reported since
    (flag,) = flags(log(sore(0, "knee", "both", 8), sore(2, "knee", "both", 0)), 3, "acute-pain")
    assert flag.resolved == d(2)


@pytest.mark.parametrize(
    ("rule", "history", "today", "expected"),
    [
        ("acute-pain", log(sore(0, severity=8), sore(3, severity=0)), 3, [(0, 0, 3)]),
        (
            "training-through-pain",
            log(sore(0, severity=8), run(1), sore(2, severity=0)),
            2,
            [(0, 1, 2)],
        ),
        (
            "vascular-red-flag",
            log(sore(0, "calf", "left", 3, swelling=True), sore(1, "calf", "left", 0)),
            1,
            [(0, 0, 1)],
        ),
        (
            "night-pain",
            log(
                sore(0, at_night=True),
                sore(3, "knee", at_night=True),
                sore(4, "calf", severity=0),
                sore(5, "knee", severity=0),
            ),
            5,
            [(0, 3, 5)],
        ),
        (
            "recurring-pain",
            log(
                run(-13, 20.0),
                run(1, 20.0),
                sore(10, severity=3),
                sore(12, "knee"),
                run(12, 5.0, pain=4),  # no area: left out of what has to be cleared
                sore(14, "hip"),
                sore(16, "calf", severity=0),
                sore(16, "knee", severity=0),
                sore(17, "hip", severity=1),
            ),
            17,
            [(10, 14, 17)],
        ),
        ("acute-pain", log(run(0, pain=8)), 3, [(0, 0, None)]),  # no area: cannot end
    ],
    ids=[
        "acute",
        "training-through",
        "vascular",
        "night, every area named",
        "recurring",
        "no area",
    ],
)
def test_it_resolves_every_pain_rule(
    rule: str, history: History, today: int, expected: list
) -> None:
    assert ended(history, today, rule) == expected


def test_a_resolved_flag_is_no_longer_active_but_stays_in_the_history() -> None:
    history = log(SIX_DAYS, sore(6, "calf", "left", 0))
    (flag,) = flags(history, 6, "pain-persisting")
    assert flag.resolved == d(6)
    assert active_flags([flag], d(5)) == [flag]  # the day before, it was active
    assert active_flags([flag], d(6)) == []
    assert flag.to_json()["resolved"] == d(6).isoformat()
    # Resolving changes nothing of the flag's identity (its seen-mark key).
    (before,) = flags(log(SIX_DAYS), 6, "pain-persisting")
    assert before.key == flag.key and before.resolved is None


def test_advice_says_how_to_close_an_open_pain_flag() -> None:
    (flag,) = flags(log(SIX_DAYS), 5, "pain-persisting")
    assert "check in with 0/10 for it" in flag.advice
    (flag,) = flags(log(SIX_DAYS, sore(6, "calf", "left", 0)), 6, "pain-persisting")
    assert "check in with 0/10" not in flag.advice
