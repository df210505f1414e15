"""The charts' series, as the database sums them, against sums counted by hand."""

from __future__ import annotations

import zoneinfo
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from advice.patterns import PainDay, RunGroup
from tracker import selectors
from tracker.charts import chart_range
from tracker.charts.load import load_figure, load_series
from tracker.charts.periods import Bins, Period, period_index
from tracker.charts.plot import ChartContext
from tracker.charts.series import ChartQuery, SorenessCell
from tracker.models import Session
from tracker.selectors import charts as reads
from tracker.selectors.periods import PeriodNumber
from tracker.units import units_to_km

pytestmark = pytest.mark.django_db

SAT, SUN, MON = date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 2)


def query_for(user, start: date, end: date, *, week_start: int = 0) -> ChartQuery:
    from tracker.charts.ranges import ChartRange

    return ChartQuery(
        user_id=user.pk,
        window=ChartRange("x", "x", start, end),
        week_start=week_start,
        first_session=selectors.log_bounds(user_id=user.pk).first_session,
    )


def weeks(query: ChartQuery) -> Bins:
    return Bins(Period.WEEK, query.window.start, query.window.end, query.week_start)


def test_it_numbers_periods_in_the_database_as_in_python(runner, make_session):
    """PeriodNumber (SQL, SQLite or PostgreSQL) and period_index agree on the days
    where it is easiest to get wrong: month and year ends, leap days, 1900."""
    days = [
        date(1900, 1, 1),
        date(1900, 2, 28),
        date(1900, 3, 1),  # 1900 was not a leap year
        date(1999, 12, 31),
        date(2000, 2, 29),
        date(2024, 2, 29),
        date(2026, 3, 31),
        date(2026, 4, 1),
        SAT,
        SUN,
        MON,
        date(2026, 12, 31),
    ]
    for day in days:
        make_session(runner, date=day)
    for period in Period:
        for week_start in (0, 3, 6):
            got = dict(
                Session.objects.filter(user=runner)
                .annotate(n=PeriodNumber("date", period, week_start=week_start))
                .values_list("date", "n")
            )
            assert got == {day: period_index(period, day, week_start) for day in days}, (
                period,
                week_start,
            )


def test_it_sums_weekly_running_on_monday_weeks(runner, other_runner, make_session):
    make_session(runner, date=SAT, distance_km=Decimal("5.5"), surface="asphalt", warmup_min=10)
    make_session(runner, date=SUN, distance_km=Decimal("12.25"), surface="trail", warmup_min=0)
    make_session(runner, date=SUN, distance_km=Decimal("3"), surface="asphalt")
    make_session(runner, date=MON, distance_km=Decimal("8"), cooldown_min=5)
    make_session(runner, date=MON, activity="walk", distance_km=Decimal("4"))  # not running
    make_session(other_runner, date=MON, distance_km=Decimal("30"))  # not this runner's

    query = query_for(runner, date(2026, 10, 26), date(2026, 11, 4))
    training = reads.training(query=query, bins=weeks(query))

    first, second = training.periods
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
    # The surfaces run on, in the log's order, "not recorded" last.
    assert training.surfaces == ("asphalt", "trail", "")


def test_it_starts_weeks_on_sunday_for_a_sunday_runner(make_user, make_session):
    runner = make_user(week_start=6)
    make_session(runner, date=SAT, distance_km=Decimal("5"))
    make_session(runner, date=SUN, distance_km=Decimal("7"))
    make_session(runner, date=MON, distance_km=Decimal("11"))

    query = query_for(runner, date(2026, 10, 25), date(2026, 11, 7), week_start=6)
    training = reads.training(query=query, bins=weeks(query))

    # Saturday closes one week; Sunday and Monday open the next.
    assert [(w.start, w.run_km) for w in training.periods] == [
        (date(2026, 10, 25), 5.0),
        (date(2026, 11, 1), 18.0),
    ]


def test_it_sums_running_by_month_over_long_ranges(runner, make_session):
    make_session(runner, date=date(2024, 1, 31), distance_km=Decimal("10"))
    make_session(runner, date=date(2024, 2, 1), distance_km=Decimal("4"))
    make_session(runner, date=date(2024, 2, 29), distance_km=Decimal("6"))
    query = query_for(runner, date(2024, 1, 15), date(2024, 3, 10))
    columns = Bins(Period.MONTH, query.window.start, query.window.end)
    training = reads.training(query=query, bins=columns)
    assert [(m.start, m.days, m.run_km, m.run_days) for m in training.periods] == [
        (date(2024, 1, 1), 17, 10.0, 1),
        (date(2024, 2, 1), 29, 10.0, 2),
        (date(2024, 3, 1), 10, 0.0, 0),
    ]


def test_it_keeps_a_late_evening_run_on_its_local_day(make_user, make_session):
    """A run at 23:30 on a Sunday in Los Angeles is 07:30 on Monday in UTC."""
    runner = make_user(time_zone="America/Los_Angeles")
    local = datetime(2026, 11, 1, 23, 30, tzinfo=zoneinfo.ZoneInfo("America/Los_Angeles"))
    assert local.astimezone(zoneinfo.ZoneInfo("UTC")).date() == MON
    make_session(runner, date=SUN, started_at=local, distance_km=Decimal("10"))

    query = query_for(runner, date(2026, 10, 26), date(2026, 11, 8))
    training = reads.training(query=query, bins=weeks(query))
    running = reads.running_km(query=query, bins=weeks(query))

    assert [w.run_km for w in training.periods] == [10.0, 0.0]  # Sunday's week, not Monday's
    assert running.km == {SUN.toordinal(): 10.0}


def test_it_sums_a_miles_runners_weeks_and_charts_them_in_miles(make_user, make_session):
    runner = make_user(units="mi")
    for day in (SAT, SUN):  # three runs of 5 miles, as typed in the form
        make_session(runner, date=day, distance_km=units_to_km(Decimal("5"), "mi"))
    make_session(runner, date=MON, distance_km=units_to_km(Decimal("5"), "mi"))

    query = query_for(runner, date(2026, 10, 26), MON)
    columns = weeks(query)
    training = reads.training(query=query, bins=columns)
    running = reads.running_km(query=query, bins=columns)
    context = ChartContext(query.window, columns, "mi", 0, flags=[])
    figure = load_figure(load_series(training, running, context), units="mi")

    assert training.periods[0].run_km == pytest.approx(2 * 8.047)  # stored in km, to the metre
    assert figure["data"][0]["y"] == [10.0, 5.0]


def test_it_sums_running_a_day_over_the_lookback_or_a_week_over_months(runner, make_session):
    make_session(runner, date=SUN, distance_km=Decimal("4.2"))
    make_session(runner, date=SUN, distance_km=Decimal("1.8"))
    make_session(runner, date=MON, activity="cycle", distance_km=Decimal("40"))
    make_session(runner, date=MON - timedelta(days=200), distance_km=Decimal("9"))

    query = query_for(runner, MON - timedelta(days=6), MON)
    daily = reads.running_km(query=query, bins=weeks(query))
    assert daily.period is Period.DAY
    assert daily.first == (MON - timedelta(days=6 + 180)).toordinal()
    assert daily.km == {SUN.toordinal(): pytest.approx(6.0)}  # 200 days back: too early

    query = query_for(runner, date(2026, 1, 1), MON)
    columns = Bins(Period.MONTH, query.window.start, query.window.end)
    weekly = reads.running_km(query=query, bins=columns)
    assert weekly.period is Period.WEEK
    # From the three weeks before the range's first week, for the four-week average.
    assert weekly.first == period_index(Period.WEEK, date(2025, 12, 29)) - 3
    assert weekly.km == {
        period_index(Period.WEEK, SUN): pytest.approx(6.0),
        period_index(Period.WEEK, MON - timedelta(days=200)): 9.0,
    }


def test_it_takes_the_worst_check_in_of_a_period(runner, make_soreness):
    make_soreness(runner, date=SUN, area="calf", side="left", severity=2)
    make_soreness(runner, date=SUN, area="calf", side="left", severity=5)
    make_soreness(runner, date=SUN, area="calf", side="right", severity=1)
    make_soreness(runner, date=MON, area="calf", side="left", severity=0)
    make_soreness(runner, date=MON, area="knee", side="both", severity=3)
    make_soreness(runner, date=SAT - timedelta(days=1), area="knee", side="both", severity=6)

    query = query_for(runner, SAT, MON)
    days = reads.soreness(query=query, bins=Bins(Period.DAY, SAT, MON))
    assert days.rows == (("calf", "left"), ("calf", "right"), ("knee", "both"))
    assert sorted(days.cells, key=lambda c: (c.start, c.area, c.side)) == [
        SorenessCell(SUN, "calf", "left", 5),
        SorenessCell(SUN, "calf", "right", 1),
        SorenessCell(MON, "calf", "left", 0),
        SorenessCell(MON, "knee", "both", 3),
    ]
    by_week = reads.soreness(query=query, bins=weeks(query))
    assert SorenessCell(date(2026, 10, 26), "calf", "left", 5) in by_week.cells
    assert SorenessCell(MON, "calf", "left", 0) in by_week.cells


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

    wear = reads.shoe_wear(query=query_for(runner, SAT, MON))

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

    query = query_for(runner, SAT, MON)
    groups = reads.run_groups(query=query)
    pain = reads.pain_days(query=query)

    assert sorted(groups, key=lambda g: g.date) == [
        RunGroup(SUN, grey.pk, "asphalt", "flat", 2),
        RunGroup(MON, None, "trail", "", 1),
    ]
    assert pain == [PainDay(MON, "knee", 3), PainDay(MON, "knee", 4), PainDay(MON, "knee", 6)]


def test_it_knows_the_first_day_of_the_log(runner, make_session, make_soreness):
    assert selectors.log_bounds(user_id=runner.pk).first_day is None
    make_session(runner, date=SUN)
    make_soreness(runner, date=SAT)
    bounds = selectors.log_bounds(user_id=runner.pk)
    assert (bounds.first_session, bounds.first_soreness, bounds.first_day) == (SUN, SAT, SAT)


def test_it_knows_the_last_wellness_check_and_ostrc_week(runner):
    from tracker.models import OstrcResponse, WellnessEntry

    bounds = selectors.log_bounds(user_id=runner.pk)
    assert (bounds.last_wellness, bounds.last_ostrc) == (None, None)
    for day in (SAT - timedelta(days=30), SAT):
        WellnessEntry.objects.create(
            user=runner, date=day, sleep=3, fatigue=3, stress=3, soreness=3
        )
    for week in (MON - timedelta(weeks=9), MON - timedelta(weeks=2)):
        OstrcResponse.objects.create(
            user=runner,
            week=week,
            area="knee",
            participation=0,
            modification=1,
            performance=0,
            symptoms=1,
        )
    bounds = selectors.log_bounds(user_id=runner.pk)
    assert (bounds.last_wellness, bounds.last_ostrc) == (SAT, MON - timedelta(weeks=2))


def test_it_skips_the_questionnaire_reads_that_could_return_nothing(
    runner, make_session, django_assert_num_queries
):
    """Given the last wellness check and OSTRC week, a read of a span after them
    makes no query, and every card is what the reads would have drawn."""
    from tracker.charts.dashboard import dashboard_cards
    from tracker.models import OstrcResponse, WellnessEntry

    make_session(runner, date=MON - timedelta(days=400))
    make_session(runner, date=SUN, pain=5, pain_area="knee")
    WellnessEntry.objects.create(
        user=runner, date=MON - timedelta(days=100), sleep=6, fatigue=5, stress=2, soreness=4
    )
    OstrcResponse.objects.create(
        user=runner,
        week=MON - timedelta(weeks=40),
        area="achilles",
        participation=1,
        modification=2,
        performance=1,
        symptoms=2,
    )
    bounds = selectors.log_bounds(user_id=runner.pk)
    # 12 weeks: no check and no answers in the range (two reads skipped), but the
    # check is in the 28 days before it (the pain table's baseline: read); all: none.
    for key, skipped in (("12w", 2), ("all", 0)):
        window = chart_range(key, today=MON, week_start=0, first_day=bounds.first_day)
        unknown = ChartQuery(runner.pk, window, 0, bounds.first_session)
        known = replace(unknown, last_wellness=bounds.last_wellness, last_ostrc=bounds.last_ostrc)
        with django_assert_num_queries(9 - skipped):
            cards = dashboard_cards(known, [], units="km")
        with django_assert_num_queries(9):
            assert cards == dashboard_cards(unknown, [], units="km")
    # A runner who never answered either: three reads fewer at any range.
    WellnessEntry.objects.all().delete()
    OstrcResponse.objects.all().delete()
    bounds = selectors.log_bounds(user_id=runner.pk)
    window = chart_range("all", today=MON, week_start=0, first_day=bounds.first_day)
    query = ChartQuery(
        runner.pk, window, 0, bounds.first_session, last_wellness=None, last_ostrc=None
    )
    with django_assert_num_queries(6):
        cards = dashboard_cards(query, [], units="km")
    assert cards == dashboard_cards(
        replace(query, last_wellness=date.max, last_ostrc=date.max), [], units="km"
    )


def _all_reads(user, django_assert_num_queries) -> None:
    """Every read of the registry over "all": one query each, the bounds one more."""
    from tracker.charts.dashboard import dashboard_cards

    with django_assert_num_queries(10):
        bounds = selectors.log_bounds(user_id=user.pk)
        window = chart_range("all", today=MON, week_start=0, first_day=bounds.first_day)
        query = ChartQuery(user.pk, window, 0, bounds.first_session)
        dashboard_cards(query, [], units="km")


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
    _all_reads(short, django_assert_num_queries)
    _all_reads(long, django_assert_num_queries)


def test_it_sums_the_timed_runs_of_a_week_for_its_average_pace(runner, make_session):
    make_session(runner, date=SAT, distance_km=Decimal("10"), duration_min=Decimal("51"))
    make_session(runner, date=SUN, distance_km=Decimal("5"), duration_min=None)  # untimed
    make_session(runner, date=SUN, activity="walk", distance_km=Decimal("4"), duration_min=48)
    query = query_for(runner, date(2026, 10, 26), date(2026, 11, 4))
    first, second = reads.training(query=query, bins=weeks(query)).periods
    assert (first.run_km, first.paced_km, first.paced_min) == (15.0, 10.0, 51.0)
    assert first.pace_min_per_km == pytest.approx(5.1)
    assert second.pace_min_per_km is None  # no running


def test_it_sums_session_load_of_every_activity_by_day(
    runner, make_session, django_assert_num_queries
):
    make_session(runner, date=SUN, rpe=7, duration_min=Decimal("40"))  # 280
    make_session(
        runner, date=SUN, activity="strength", distance_km=None, rpe=5, duration_min=Decimal("30.5")
    )  # 152.5
    make_session(
        runner, date=MON, activity="jump_rope", distance_km=None, rpe=8, duration_min=Decimal("15")
    )  # 120
    make_session(runner, date=MON, rpe=None, duration_min=Decimal("30"))  # unrated
    make_session(runner, date=MON, rpe=4, duration_min=None)  # untimed
    query = replace(query_for(runner, SAT, MON), load="effort")
    with django_assert_num_queries(1):
        effort = reads.session_load(query=query, bins=weeks(query))
    assert effort.shown and effort.period is Period.DAY
    assert effort.load == {SUN.toordinal(): 432.5, MON.toordinal(): 120.0}
    assert effort.unrated == {MON.toordinal(): 2}
    # By the columns' own period when they are not weeks.
    months = Bins(Period.MONTH, SAT, MON, 0)
    by_month = reads.session_load(query=query, bins=months)
    assert sorted(by_month.load.values()) == [432.5 + 120.0]


def test_it_reads_no_session_load_while_the_chart_shows_distance(
    runner, make_session, django_assert_num_queries
):
    make_session(runner, date=SUN, rpe=7, duration_min=Decimal("40"))
    query = query_for(runner, SAT, MON)
    with django_assert_num_queries(0):
        effort = reads.session_load(query=query, bins=weeks(query))
    assert not effort.shown and effort.load == {}
    # And the other way round: the session-load view reads no running for the ratio.
    shown = replace(query, load="effort")
    with django_assert_num_queries(0):
        running = reads.running_km(query=shown, bins=weeks(shown))
    assert running.km == {}
