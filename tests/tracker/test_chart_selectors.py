"""The charts' series, as the database sums them, against sums counted by hand."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from tracker import charts, selectors
from tracker.units import units_to_km

pytestmark = pytest.mark.django_db

SAT, SUN, MON = date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)


def test_it_sums_weekly_running_on_monday_weeks(runner, other_runner, make_session):
    make_session(runner, date=SAT, distance_km=Decimal("5.5"), surface="asphalt", warmup_min=10)
    make_session(runner, date=SUN, distance_km=Decimal("12.25"), surface="trail", warmup_min=0)
    make_session(runner, date=SUN, distance_km=Decimal("3"), surface="asphalt")
    make_session(runner, date=MON, distance_km=Decimal("8"), cooldown_min=5)
    make_session(runner, date=MON, activity="walk", distance_km=Decimal("4"))  # not running
    make_session(other_runner, date=MON, distance_km=Decimal("30"))  # not this runner's

    weeks = selectors.weekly_training(
        user_id=runner.pk, start=date(2026, 10, 26), end=date(2026, 11, 4), week_start=0
    )

    first, second = weeks
    assert (first.start, first.days) == (date(2026, 10, 26), 7)
    assert first.run_km == pytest.approx(5.5 + 12.25 + 3)
    assert first.km_by_surface == pytest.approx({"asphalt": 8.5, "trail": 12.25})
    assert (first.runs, first.run_days, first.rest_days) == (3, 2, 5)
    # Recorded: two warm-ups (10 and 0 minutes); the third run recorded none.
    assert (first.warmup_recorded, first.warmup_done) == (2, 1)
    assert first.warmup_share == 0.5
    # The current week: Monday to Wednesday so far.
    assert (second.start, second.days, second.run_km, second.rest_days) == (MON, 3, 8.0, 2)
    assert (second.cooldown_recorded, second.cooldown_done) == (1, 1)
    assert second.km_by_surface == {"": 8.0}


def test_it_starts_weeks_on_sunday_for_a_sunday_runner(make_user, make_session):
    runner = make_user(week_start=6)
    make_session(runner, date=SAT, distance_km=Decimal("5"))
    make_session(runner, date=SUN, distance_km=Decimal("7"))
    make_session(runner, date=MON, distance_km=Decimal("11"))

    weeks = selectors.weekly_training(
        user_id=runner.pk, start=date(2026, 10, 25), end=date(2026, 11, 7), week_start=6
    )

    # Saturday closes one week; Sunday and Monday open the next.
    assert [(w.start, w.run_km) for w in weeks] == [
        (date(2026, 10, 25), 5.0),
        (date(2026, 11, 1), 18.0),
    ]


def test_it_keeps_a_late_evening_run_on_its_local_day(make_user, make_session):
    """A run at 23:30 on a Sunday in Los Angeles is 07:30 on Monday in UTC."""
    runner = make_user(time_zone="America/Los_Angeles")
    local = datetime(2026, 11, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert local.astimezone(zoneinfo.ZoneInfo("UTC")).date() == MON
    make_session(runner, date=SUN, started_at=local, distance_km=Decimal("10"))

    weeks = selectors.weekly_training(
        user_id=runner.pk, start=date(2026, 10, 26), end=date(2026, 11, 8), week_start=0
    )
    daily = selectors.daily_running_km(user_id=runner.pk, start=SAT, end=MON)

    assert [w.run_km for w in weeks] == [10.0, 0.0]  # Sunday's week, not Monday's
    assert daily == [(SUN, 10.0)]


def test_it_sums_a_miles_runners_weeks_and_charts_them_in_miles(make_user, make_session):
    runner = make_user(units="mi")
    for day in (SAT, SUN):  # three runs of 5 miles, as typed in the form
        make_session(runner, date=day, distance_km=units_to_km(Decimal("5"), "mi"))
    make_session(runner, date=MON, distance_km=units_to_km(Decimal("5"), "mi"))

    weeks = selectors.weekly_training(
        user_id=runner.pk, start=date(2026, 10, 26), end=MON, week_start=0
    )
    figure = charts.weekly_load_figure(weeks, [], [], units="mi", week_start=0, end=MON)

    assert weeks[0].run_km == pytest.approx(2 * 8.047)  # stored in km, to the metre
    assert list(figure.data[0].y) == [10.0, 5.0]


def test_it_sums_running_per_day_over_the_lookback(runner, make_session):
    make_session(runner, date=SUN, distance_km=Decimal("4.2"))
    make_session(runner, date=SUN, distance_km=Decimal("1.8"))
    make_session(runner, date=MON, activity="cycle", distance_km=Decimal("40"))
    make_session(runner, date=MON - timedelta(days=200), distance_km=Decimal("9"))

    daily = selectors.daily_running_km(user_id=runner.pk, start=MON - timedelta(days=180), end=MON)

    assert daily == [(SUN, pytest.approx(6.0))]


def test_it_takes_the_worst_check_in_of_a_day(runner, make_soreness):
    make_soreness(runner, date=SUN, area="calf", side="left", severity=2)
    make_soreness(runner, date=SUN, area="calf", side="left", severity=5)
    make_soreness(runner, date=SUN, area="calf", side="right", severity=1)
    make_soreness(runner, date=MON, area="calf", side="left", severity=0)
    make_soreness(runner, date=SAT - timedelta(days=1), area="knee", side="both", severity=6)

    days = selectors.soreness_by_day(user_id=runner.pk, start=SAT, end=MON)

    assert days == [
        charts.SorenessDay(SUN, "calf", "left", 5),
        charts.SorenessDay(SUN, "calf", "right", 1),
        charts.SorenessDay(MON, "calf", "left", 0),
    ]


def test_it_sums_each_pairs_wear_before_and_in_the_range(runner, make_shoe, make_session, settings):
    settings.SHOE_DEFAULT_LIMIT_KM = 650
    grey = make_shoe(runner, "Grey pair", limit_km=800)
    old = make_shoe(runner, "Old pair", retired=SAT)
    make_shoe(runner, "New pair")
    make_session(runner, date=SAT - timedelta(days=30), shoe=grey, distance_km=Decimal("100"))
    make_session(runner, date=SUN, shoe=grey, distance_km=Decimal("10.5"))
    for days_before in (40, 41):
        make_session(
            runner, date=SAT - timedelta(days=days_before), shoe=old, distance_km=Decimal("300")
        )

    wear = selectors.shoe_wear(user_id=runner.pk, since=SAT, today=MON)

    assert [(s.name, s.retired, s.limit_km, s.total_km, s.range_km) for s in wear] == [
        ("Grey pair", False, 800, 110.5, 10.5),
        ("New pair", False, 650, 0.0, 0.0),
        ("Old pair", True, 650, 600.0, 0.0),
    ]
    assert wear[0].before_km == 100.0


def test_it_groups_runs_by_conditions_and_finds_pain_days(
    runner, make_shoe, make_session, make_soreness
):
    grey = make_shoe(runner, "Grey pair")
    make_session(runner, date=SUN, shoe=grey, surface="asphalt", terrain="flat")
    make_session(runner, date=SUN, shoe=grey, surface="asphalt", terrain="flat")
    make_session(runner, date=MON, surface="trail", pain=4, pain_area="knee", pain_side="left")
    make_session(runner, date=MON, activity="walk", pain=6, pain_area="knee")  # pain, not a run
    make_soreness(runner, date=MON, area="knee", side="right", severity=3)  # same day and area
    make_soreness(runner, date=SUN, area="calf", side="left", severity=1)  # below 2: not pain

    groups = selectors.run_conditions(user_id=runner.pk, start=SAT, end=MON)
    pain = selectors.pain_days(user_id=runner.pk, start=SAT, end=MON)

    assert groups == [
        charts.RunConditions(SUN, grey.pk, "asphalt", "flat", 2),
        charts.RunConditions(MON, None, "trail", "", 1),
    ]
    assert pain == [(MON, "knee")]


def test_it_knows_the_first_day_of_the_log(runner, make_session, make_soreness):
    assert selectors.log_bounds(user_id=runner.pk).first_day is None
    make_session(runner, date=SUN)
    make_soreness(runner, date=SAT)
    bounds = selectors.log_bounds(user_id=runner.pk)
    assert (bounds.first_session, bounds.first_soreness, bounds.first_day) == (SUN, SAT, SAT)


def _series_queries(runner, django_assert_num_queries) -> None:
    profile = runner.profile
    bounds = selectors.log_bounds(user_id=runner.pk)
    window = charts.chart_range("all", today=MON, week_start=0, first_day=bounds.first_day)
    with django_assert_num_queries(6):
        selectors.dashboard_series(
            user_id=runner.pk, window=window, week_start=profile.week_start, bounds=bounds
        )


def test_it_reads_the_series_in_the_same_queries_for_any_history(
    make_user, make_session, make_soreness, make_shoe, django_assert_num_queries
):
    short, long = make_user(), make_user()
    make_session(short, date=SUN)
    shoe = make_shoe(long)
    for day in range(0, 3 * 365, 3):
        when = MON - timedelta(days=day)
        make_session(long, date=when, shoe=shoe, surface="asphalt")
        make_soreness(long, date=when, severity=day % 5)
    _series_queries(short, django_assert_num_queries)
    _series_queries(long, django_assert_num_queries)
