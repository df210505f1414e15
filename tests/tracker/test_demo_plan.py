"""The demo planner (tracker/demo/) on its own: plans in memory, no database."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from tracker.demo.plan import DemoPlanner
from tracker.demo.records import DemoLog
from tracker.models import Activity, PainKind

END = date(2026, 3, 1)  # a Sunday


def plan(*, days: int = 365, seed: int = 7, end: date = END) -> DemoLog:
    return DemoPlanner(seed=seed, start=end - timedelta(days=days - 1), end=end).plan()


def test_it_plans_the_same_log_for_the_same_seed_and_another_for_another():
    assert plan(seed=3) == plan(seed=3)
    assert plan(seed=3).sessions != plan(seed=4).sessions


@pytest.mark.parametrize("days", [1, 13, 14, 70, 400, 800])
def test_it_keeps_every_record_within_the_span(days):
    log = plan(days=days)
    start = END - timedelta(days=days - 1)
    assert all(start <= s.date <= END for s in log.sessions)
    assert all(start <= c.date <= END for c in log.checkins)
    for shoe in log.shoes:
        assert shoe.first_used is None or start <= shoe.first_used <= END
        assert shoe.retired is None or shoe.first_used <= shoe.retired <= END


def test_it_sorts_and_keeps_one_check_in_per_day_area_and_side():
    log = plan(days=800)
    keys = [(c.date, c.area, c.side) for c in log.checkins]
    assert keys == sorted(keys)
    assert not [key for key, n in Counter(keys).items() if n > 1]
    assert [s.date for s in log.sessions] == sorted(s.date for s in log.sessions)


def test_it_runs_three_to_six_times_a_week():
    log = plan(days=364)  # 52 whole weeks, Monday to Sunday
    runs = Counter(
        s.date - timedelta(days=s.date.weekday()) for s in log.sessions if s.activity == "run"
    )
    assert len(runs) == 52
    assert set(runs.values()) <= {3, 4, 5, 6}


def test_it_runs_in_planned_pairs_and_never_in_a_retired_one():
    log = plan(days=800)
    pairs = {shoe.name: shoe for shoe in log.shoes}
    for run in log.sessions:
        if run.shoe:
            shoe = pairs[run.shoe]
            assert shoe.first_used <= run.date
            assert shoe.retired is None or run.date <= shoe.retired
    assert any(not run.shoe for run in log.sessions if run.activity == Activity.RUN)


def test_it_ends_its_long_episode_with_a_check_in_of_nothing():
    log = plan(days=120)
    sore = [c for c in log.checkins if c.severity >= 3]
    area = Counter((c.area, c.side) for c in sore).most_common(1)[0][0]
    days = sorted(c.date for c in sore if (c.area, c.side) == area)
    assert (days[-1] - days[0]).days >= 6
    closing = [c for c in log.checkins if (c.area, c.side) == area and c.date > days[-1]]
    assert closing and closing[0].severity == 0


def test_it_gives_a_long_history_one_sharp_twinge_reported_on_the_run_and_the_day():
    log = plan(days=800)
    sharp = [c for c in log.checkins if c.kind == PainKind.SHARP]
    assert len(sharp) == 1
    run = [s for s in log.sessions if s.date == sharp[0].date and s.pain == 6]
    assert len(run) == 1 and run[0].pain_area == sharp[0].area
