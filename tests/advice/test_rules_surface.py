"""The surface and terrain rules: hard-surface, hills-sand.

Table-driven, one table a rule: the firing case, just under each threshold, and
the traps. Days are numbers from a Monday (see advice_builders); ``expected``
lists (severity, start day, end day) of the rule's flags."""

from __future__ import annotations

import pytest
from advice_builders import check, ended, fired, flags, log, run, sore

from advice import History

Case = tuple[History, int, list[tuple[str, int, int]]]


# --- hard-surface -----------------------------------------------------------

HARD_SURFACE: dict[str, Case] = {
    "12 km, all on asphalt": (
        log(run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt")),
        7,
        [("info", 7, 7)],
    ),
    "9.9 km on concrete is under 10 km": (
        log(run(0, 5.0, surface="concrete"), run(7, 4.9, surface="concrete")),
        7,
        [],
    ),
    "exactly half on asphalt": (
        log(run(0, 10.0, surface="trail"), run(7, 10.0, surface="asphalt")),
        7,
        [("info", 7, 7)],
    ),
    "just under half on asphalt": (
        log(run(0, 10.1, surface="trail"), run(7, 10.0, surface="asphalt")),
        7,
        [],
    ),
    "older than 14 days does not count": (
        log(run(0, 6.0, surface="asphalt"), run(14, 6.0, surface="asphalt")),
        14,
        [],
    ),
    "calf pain in those days: warning": (
        log(run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt"), sore(5, "calf")),
        7,
        [("warning", 7, 7)],
    ),
    "knee pain counts, both sides too": (
        log(
            run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt"), sore(1, "knee", "both")
        ),
        7,
        [("warning", 7, 7)],
    ),
    "hip pain is not the document's calves and knees": (
        log(run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt"), sore(5, "hip")),
        7,
        [("info", 7, 7)],
    ),
    "1/10 is not pain": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(5, "shin", severity=1),
        ),
        7,
        [("info", 7, 7)],
    ),
    "2/10 in the calf: info, not a warning": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(5, "calf", severity=2),
        ),
        7,
        [("info", 7, 7)],
    ),
    "3/10 in the shin: warning": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(5, "shin", severity=3),
        ),
        7,
        [("warning", 7, 7)],
    ),
    "a calf pain logged 0 the next day is over: info": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(4, "calf", severity=4),
            sore(5, "calf", severity=0),
        ),
        7,
        [("info", 7, 7)],
    ),
    "a 0 on the other side does not end it": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(4, "calf", "left", 4),
            sore(5, "calf", "right", 0),
        ),
        7,
        [("warning", 7, 7)],
    ),
    "a 0 the same day as the pain does not end it": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            sore(4, "calf", severity=0),
            sore(4, "calf", severity=4),
        ),
        7,
        [("warning", 7, 7)],
    ),
    "a pain last reported 14 days before the run no longer counts": (
        log(
            run(0, 6.0, surface="asphalt"),
            run(7, 6.0, surface="asphalt"),
            run(14, 6.0, surface="asphalt"),
            sore(0, "calf", severity=5),
        ),
        14,
        [("info", 14, 14), ("warning", 7, 7)],
    ),
    "surface not recorded is not hard": (log(run(0, 6.0), run(7, 6.0)), 7, []),
    "a dip for one run does not split the episode": (
        log(
            run(0, 12.0, surface="asphalt"),
            run(2, 30.0, surface="trail"),  # 12 of 42 km: not at this run
            run(12, 40.0, surface="asphalt"),
        ),
        12,
        [("info", 0, 12)],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), HARD_SURFACE.values(), ids=HARD_SURFACE)
def test_it_flags_hard_surfaces(history: History, today: int, expected: list) -> None:
    check("hard-surface", history, today, expected)


def test_it_names_the_pain_beside_the_hard_surface() -> None:
    history = log(
        run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt"), sore(5, "calf", "right")
    )
    (flag,) = flags(history, 7, "hard-surface")
    assert flag.detail == (
        "12.0 km of your 12.0 km in the 14 days to 9 Mar 2026 (100%) were on asphalt or "
        "concrete. You also reported calf right pain, not reported below 2/10 since."
    )
    assert flag.session_ids == (1, 2)
    assert flag.resolved is None
    assert "check in with 0/10" in flag.advice


def test_it_resolves_the_hard_surface_warning_when_the_pain_is_gone() -> None:
    hard = [run(0, 6.0, surface="asphalt"), run(7, 6.0, surface="asphalt")]
    history = log(hard, sore(5, "calf", "both", 4), sore(9, "calf", "left", 0))
    assert ended(history, 9, "hard-surface") == [(7, 7, None)]  # the right still hurts
    history = log(history.sessions, history.soreness, sore(10, "calf", "right", 1))
    assert ended(history, 10, "hard-surface") == [(7, 7, 10)]
    # A run on asphalt after that is an info again, a new flag.
    history = log(history.sessions, history.soreness, run(11, 6.0, surface="asphalt"))
    assert fired(history, 11, "hard-surface") == [("info", 11, 11), ("warning", 7, 7)]


# --- hills-sand -------------------------------------------------------------

HILLS_SAND: dict[str, Case] = {
    "hilly, calf pain 3 days later": (
        log(run(0, terrain="hilly"), sore(3, "calf")),
        3,
        [("info", 0, 3)],
    ),
    "hilly, calf pain 4 days later": (log(run(0, terrain="hilly"), sore(4, "calf")), 4, []),
    "sand, calf pain the same day": (
        log(run(0, surface="sand"), sore(0, "calf", "right")),
        0,
        [("info", 0, 0)],
    ),
    "calf pain before the run": (log(sore(0, "calf"), run(1, terrain="hilly")), 1, []),
    "downhill, knee pain": (
        log(run(0, terrain="downhill"), sore(2, "knee", "both")),
        2,
        [("info", 0, 2)],
    ),
    "downhill, calf pain": (log(run(0, terrain="downhill"), sore(2, "calf")), 2, []),
    "hilly, knee pain": (log(run(0, terrain="hilly"), sore(2, "knee")), 2, []),
    "rolling is not hilly": (log(run(0, terrain="rolling"), sore(1, "calf")), 1, []),
    "1/10 is not pain": (log(run(0, terrain="hilly"), sore(1, "calf", severity=1)), 1, []),
    "pain logged on a later run": (
        log(run(0, terrain="hilly"), run(1, pain=3, pain_area="calf", pain_side="left")),
        1,
        [("info", 0, 1)],
    ),
    "the report after today is not there yet": (
        log(run(0, terrain="hilly"), sore(2, "calf")),
        1,
        [],
    ),
}


@pytest.mark.parametrize(("history", "today", "expected"), HILLS_SAND.values(), ids=HILLS_SAND)
def test_it_flags_hills_sand_and_descents_followed_by_pain(
    history: History, today: int, expected: list
) -> None:
    check("hills-sand", history, today, expected)


def test_it_quotes_descents_for_knee_pain() -> None:
    (flag,) = flags(log(run(0, 6.0, terrain="downhill"), sore(2, "knee", "both")), 2, "hills-sand")
    assert "descents" in flag.source.quote
    assert flag.detail == (
        "Downhill run on 2 Mar 2026 (6.0 km), then knee both sides pain 4/10 on 4 Mar 2026."
    )
