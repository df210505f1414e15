"""The stored flags are always the full evaluation (tracker.flagstore).

Random sequences of writes (every path that changes a log: saves, edits, deletes,
bulk inserts, profile changes, shoe retirement) and of days passing, with the store
read after each step: what it holds must equal ``advice.evaluate`` over the whole
log on that day, flag for flag, in the same order.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advice import active_flags
from tracker import flagging, flagstore, services
from tracker.charts import chart_range
from tracker.charts.dashboard import dashboard_cards
from tracker.charts.series import ChartQuery
from tracker.models import Session, Shoe, Soreness
from tracker.selectors import log_bounds
from tracker.views.dashboard import CHARTED_RULES

pytestmark = pytest.mark.django_db

START = date(2026, 3, 2)
AREAS = ("calf", "shin", "knee")
SIDES = ("left", "right", "both")

day = st.integers(min_value=-40, max_value=0)  # days before "today" at the time
session = st.tuples(
    st.just("session"),
    day,
    st.sampled_from(("run", "run", "run", "walk")),
    st.integers(min_value=1, max_value=40),  # km
    st.one_of(st.none(), st.integers(min_value=0, max_value=9)),  # pain
    st.sampled_from(AREAS),
    st.booleans(),  # in the shoe
)
checkin = st.tuples(
    st.just("checkin"),
    day,
    st.sampled_from(AREAS),
    st.sampled_from(SIDES),
    st.integers(min_value=0, max_value=9),
    st.booleans(),  # swelling
)
step = st.one_of(
    session,
    checkin,
    st.tuples(st.just("edit"), st.integers(min_value=0), day, st.integers(1, 40)),
    st.tuples(st.just("delete"), st.integers(min_value=0)),
    st.tuples(st.just("delete_checkin"), st.integers(min_value=0)),
    st.tuples(st.just("next_day"), st.integers(min_value=1, max_value=10)),
    st.tuples(st.just("all_clear")),
    st.tuples(st.just("retire"), st.booleans()),
    st.tuples(
        st.just("profile"), st.sampled_from(("km", "mi")), st.one_of(st.none(), st.integers(0, 6))
    ),
    # The page's language: with no day chosen, it decides the first day of the week
    # (Sunday in English, Monday in Russian) with no write to the log.
    st.tuples(st.just("language"), st.sampled_from(("en", "ru"))),
)


def _apply(op: tuple, user, shoe: Shoe, today: date) -> date:
    kind = op[0]
    sessions = list(Session.objects.filter(user=user).order_by("id"))
    if kind == "session":
        _, offset, activity, km, pain, area, shod = op
        Session.objects.create(
            user=user,
            date=today + timedelta(days=offset),
            activity=activity,
            distance_km=Decimal(km),
            duration_min=Decimal(km * 6),
            pain=pain,
            pain_area=area if pain is not None else "",
            shoe=shoe if shod else None,
        )
    elif kind == "checkin":
        _, offset, area, side, severity, swelling = op
        Soreness.objects.create(
            user=user,
            date=today + timedelta(days=offset),
            area=area,
            side=side,
            severity=severity,
            swelling=swelling,
        )
    elif kind == "edit" and sessions:
        row = sessions[op[1] % len(sessions)]
        row.date, row.distance_km = today + timedelta(days=op[2]), Decimal(op[3])
        row.save()
    elif kind == "delete" and sessions:
        sessions[op[1] % len(sessions)].delete()
    elif kind == "delete_checkin":
        checkins = list(Soreness.objects.filter(user=user).order_by("id"))
        if checkins:
            checkins[op[1] % len(checkins)].delete()
    elif kind == "next_day":
        return today + timedelta(days=op[1])
    elif kind == "all_clear":
        services.record_no_pain_today(user_id=user.pk, today=today)
    elif kind == "retire":
        shoe.retired = today if op[1] else None
        shoe.save(update_fields=["retired"])
    elif kind == "language":
        translation.activate(op[1])
    elif kind == "profile":
        profile = user.profile
        profile.units, profile.week_start = op[1], op[2]
        profile.save()
    return today


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_the_store_always_equals_a_full_evaluation(make_user, steps):
    user = make_user()
    shoe = Shoe.objects.create(user=user, name="Daily", limit_km=60)
    today = START
    with translation.override("en"):  # the "language" steps activate another
        for op in steps:
            today = _apply(op, user, shoe, today)
            user.profile.refresh_from_db()
            flagging.stored(profile=user.profile, today=today)
            full = flagging.evaluated(profile=user.profile, today=today)
            assert flagstore.all_flags(user.pk) == full, op
            assert active_flags(flagstore.active(user.pk, today), today) == active_flags(
                full, today
            )


def test_a_write_during_an_evaluation_is_not_stored_as_current(make_user):
    """The version is read before the log: flags of a log that changed meanwhile
    are not kept as the current ones."""
    user = make_user()
    version, fresh = flagstore.current_version(
        user.pk, START, week_start=user.profile.first_weekday()
    )
    assert not fresh
    Soreness.objects.create(user=user, date=START, area="calf", side="left", severity=8)
    flags = flagging.evaluated(profile=user.profile, today=START)
    flagstore.save(
        user_id=user.pk,
        version=version,
        today=START,
        week_start=user.profile.first_weekday(),
        flags=flags,
    )
    assert (
        flagstore.current_version(user.pk, START, week_start=user.profile.first_weekday())[1]
        is False
    )
    flagging.stored(profile=user.profile, today=START)
    assert (
        flagstore.current_version(user.pk, START, week_start=user.profile.first_weekday())[1]
        is True
    )
    assert flagstore.all_flags(user.pk) == flags and flags


def test_an_import_makes_the_stored_flags_stale(make_user):
    """Imports write with bulk_create, which sends no signal: they say so themselves."""
    from tracker.imports.contract.plan import apply_import, plan_import

    user = make_user()
    flagging.stored(profile=user.profile, today=START)
    assert flagstore.all_flags(user.pk) == []
    soreness = "date,area,side,severity\n" + f"{START.isoformat()},calf,left,8\n"
    apply_import(plan_import(user=user, today=START, soreness=("soreness.csv", soreness)))
    assert (
        flagstore.current_version(user.pk, START, week_start=user.profile.first_weekday())[1]
        is False
    )
    flagging.stored(profile=user.profile, today=START)
    assert [flag.rule for flag in flagstore.all_flags(user.pk)] == ["acute-pain"]


@pytest.mark.parametrize("batch_rows", [1, 500])
def test_a_web_import_written_in_batches_makes_the_stored_flags_stale(make_user, batch_rows):
    """The web confirm (apply_in_batches) commits batch by batch: each says so."""
    from tracker.imports.contract.plan import apply_in_batches, plan_import

    user = make_user()
    flagging.stored(profile=user.profile, today=START)
    soreness = "date,area,side,severity\n" + f"{START.isoformat()},calf,left,8\n"
    plan = plan_import(user=user, today=START, soreness=("soreness.csv", soreness))
    apply_in_batches(plan, batch_rows=batch_rows, committed=lambda kind, rows: None)
    assert (
        flagstore.current_version(user.pk, START, week_start=user.profile.first_weekday())[1]
        is False
    )
    flagging.stored(profile=user.profile, today=START)
    assert [flag.rule for flag in flagstore.all_flags(user.pk)] == ["acute-pain"]


def test_deleting_the_runner_deletes_their_stored_flags(make_user):
    from tracker.flag_models import FlagState, StoredFlag

    user = make_user()
    Soreness.objects.create(user=user, date=START, area="calf", side="left", severity=8)
    flagging.stored(profile=user.profile, today=START)
    assert StoredFlag.objects.filter(user=user).exists()
    user.delete()
    assert not StoredFlag.objects.exists() and not FlagState.objects.exists()


@pytest.fixture
def ten_weeks(make_user):
    """A runner with a busy, sore ten weeks: flags of most rules."""
    user = make_user()
    today = START
    for offset in range(70):
        when = today - timedelta(days=offset)
        Session.objects.create(
            user=user,
            date=when,
            activity="run",
            distance_km=Decimal(5 + (offset * 7) % 25),
            duration_min=Decimal(40),
            pain=offset % 8,
            pain_area="calf",
        )
        if offset % 3 == 0:
            Soreness.objects.create(
                user=user, date=when, area="shin", side="left", severity=(offset * 5) % 10
            )
    return user


def test_manage_flags_prints_what_the_store_holds(ten_weeks):
    """``manage.py flags`` stays a full evaluation: the store agrees with it."""
    out = io.StringIO()
    call_command(
        "flags", user=ten_weeks.username, on=START.isoformat(), all=True, format="json", stdout=out
    )
    printed = json.loads(out.getvalue())
    flagging.stored(profile=ten_weeks.profile, today=START)
    stored = [flag.to_json() for flag in flagstore.all_flags(ten_weeks.pk)]
    assert printed == stored and len(printed) > 10


def test_the_dashboard_reads_every_flag_its_charts_draw(ten_weeks):
    """The dashboard reads only CHARTED_RULES' flags: the charts come out the same as
    with every flag."""
    profile = ten_weeks.profile
    bounds = log_bounds(user_id=ten_weeks.pk)
    for key in ("12w", "all"):
        window = chart_range(
            key, today=START, week_start=profile.first_weekday(), first_day=bounds.first_day
        )
        query = ChartQuery(
            user_id=ten_weeks.pk,
            window=window,
            week_start=profile.first_weekday(),
            first_session=bounds.first_session,
        )
        every = flagging.evaluated(profile=profile, today=START, since=window.start)
        charted = [flag for flag in every if flag.rule in CHARTED_RULES]
        assert dashboard_cards(query, every, units="km") == dashboard_cards(
            query, charted, units="km"
        )


def test_the_banner_is_a_query_once_the_flags_are_stored(ten_weeks, client_for):
    from unittest import mock

    Soreness.objects.create(user=ten_weeks, date=START, area="knee", side="left", severity=9)
    client = client_for(ten_weeks)
    today = mock.patch("tracker.flagging.runner_today", return_value=START)
    with today:
        client.get(reverse("warnings"))  # evaluates and stores
    with today, mock.patch("tracker.flagging.evaluate", side_effect=AssertionError) as evaluate:
        page = client.get(reverse("session_list"))
    assert evaluate.call_count == 0
    assert b"Acute pain" in page.content  # the urgent banner, from the store


def test_the_dashboard_reads_the_flags_state_once(ten_weeks, client_for):
    """The dashboard makes the stored flags current, then reads the active ones
    without asking again whether they are (its own page and a share's)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(ten_weeks)
    client.get(reverse("dashboard"))  # evaluates and stores
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard"), {"range": "all"}).status_code == 200
    states = [q["sql"] for q in captured if "tracker_flagstate" in q["sql"]]
    assert len(states) == 1, states
