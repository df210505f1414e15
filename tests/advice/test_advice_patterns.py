"""advice.patterns: what comes before pain. Pure: no database, no Django."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from advice.patterns import PAIN_MIN, PainDay, RunGroup, pain_patterns
from advice.rules import PAIN_MIN as RULES_PAIN_MIN

GREY, TRAIL = 7, 8
NAMES = {GREY: "the grey pair", TRAIL: "Trail pair"}


def asphalt_then_trail() -> tuple[list[RunGroup], list[PainDay], date]:
    """Nine asphalt runs in the grey pair, six followed by knee pain two days later;
    then nine trail runs in another pair, none followed by pain."""
    runs, pain = [], []
    day = date(2026, 6, 1)
    for i in range(9):
        runs.append(RunGroup(day, GREY, "asphalt", "flat", 1))
        if i < 6:
            pain.append(PainDay(day + timedelta(days=2), "knee", 4))
        day += timedelta(days=5)
    for _ in range(9):
        runs.append(RunGroup(day, TRAIL, "trail", "hilly", 1))
        day += timedelta(days=5)
    return runs, pain, day


def test_it_finds_what_comes_before_pain():
    runs, pain, last_day = asphalt_then_trail()
    patterns = pain_patterns(runs, pain, shoe_names=NAMES, last_day=last_day)
    top = patterns[0]
    assert top.sentence == "Knee pain follows 6 of 9 asphalt runs in the grey pair"
    assert (top.followed, top.runs) == (6, 9)
    assert (top.overall_followed, top.overall_runs) == (6, 18)
    assert round(top.share, 2) == 0.67 and top.overall_share == 6 / 18
    # The pair, asphalt and flat cover the same nine runs: said once, most precisely.
    assert [p.condition for p in patterns] == ["asphalt runs in the grey pair"]


def test_it_counts_only_pain_from_advices_line_up():
    assert PAIN_MIN == RULES_PAIN_MIN  # one constant, advice's own
    runs, pain, last_day = asphalt_then_trail()
    mild = [PainDay(p.date, p.area, PAIN_MIN - 1) for p in pain]
    assert pain_patterns(runs, mild, shoe_names=NAMES, last_day=last_day) == []


def test_it_waits_two_days_before_counting_a_run_and_needs_enough_runs():
    today = date(2026, 6, 30)
    runs = [RunGroup(today - timedelta(days=i), None, "sand", "", 1) for i in range(7)]
    pain = [PainDay(today, "calf", 5)]
    # Only the runs up to 28 June count: 5 runs, one followed by pain (too few).
    assert pain_patterns(runs, pain, shoe_names={}, last_day=today) == []
    # Pain on a run's day or the two days after follows it; three days after, not.
    runs = [RunGroup(today - timedelta(days=d), None, "sand", "", 1) for d in (0, 1, 2, 3, 10)]
    [pattern] = pain_patterns(runs, pain, shoe_names={}, last_day=today + timedelta(days=9))
    assert (pattern.condition, pattern.followed, pattern.runs) == ("sand runs", 3, 5)


def test_it_puts_the_strongest_first_and_stops_at_the_limit():
    runs, pain = [], []
    day = date(2026, 1, 1)
    for i in range(30):
        surface = ("asphalt", "grass", "track")[i % 3]
        runs.append(RunGroup(day, None, surface, "", 2))
        if surface == "asphalt" or (surface == "track" and i % 2):
            pain.append(PainDay(day, "shin", 3))
        day += timedelta(days=4)
    patterns = pain_patterns(runs, pain, shoe_names={}, last_day=day)
    assert [p.condition for p in patterns] == ["asphalt runs", "track runs"]
    assert pain_patterns(runs, pain, shoe_names={}, last_day=day, limit=1) == patterns[:1]


def test_it_imports_without_django_or_tracker():
    code = (
        "import sys, advice.patterns; "
        "bad=[m for m in sys.modules if m.split('.')[0] in ('django','tracker')]; "
        "assert not bad, bad"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_runs_on_days_of_poor_wellness_are_a_condition_of_their_own():
    from advice.patterns import POOR_WELLNESS
    from advice.rules.wellness import poor_wellness_days
    from advice.types import WellnessRecord

    # Twenty runs in mixed kit; calf pain follows the five run on poor mornings.
    runs, pain, checks = [], [], []
    start = date(2026, 6, 1)
    for i in range(40):
        day = start + timedelta(days=i)
        poor = i >= 20 and i % 4 == 0
        checks.append(WellnessRecord(day, *((5, 5, 5, 5) if poor else (2, 2, 2, 2 + i % 2))))
        if i >= 20:
            runs.append(RunGroup(day, None, "", "", 1))
            if poor:
                pain.append(PainDay(day + timedelta(days=1), "calf", 4))
    poor_days = poor_wellness_days(checks)
    assert poor_days == {start + timedelta(days=i) for i in range(20, 40, 4)}
    patterns = pain_patterns(
        runs, pain, shoe_names={}, last_day=start + timedelta(days=45), poor_wellness=poor_days
    )
    assert [p.sentence for p in patterns] == [f"Calf pain follows 5 of 5 {POOR_WELLNESS}"]
    # Without the checks there is no condition to set those runs apart.
    assert pain_patterns(runs, pain, shoe_names={}, last_day=start + timedelta(days=45)) == []
