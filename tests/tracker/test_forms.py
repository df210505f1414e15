"""Every form's bad-input paths: a clear message, nothing written, never a 500."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tracker.models import Profile, Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

TODAY = timezone.now().date()
TOMORROW = (TODAY + timedelta(days=2)).isoformat()  # beyond every time zone's today

GOOD_SESSION = {
    "date": "2026-11-01",
    "activity": "run",
    "distance": "10.5",
    "duration_min": "55",
    "surface": "asphalt",
    "terrain": "flat",
    "warmup_min": "10",
    "cooldown_min": "0",
    "fast_pct": "10",
    "rpe": "6",
    "stopped": "unknown",
    "pain": "",
    "pain_area": "",
    "pain_side": "",
    "notes": "",
}

BAD_SESSIONS = [
    ({"date": ""}, "date", "This field is required"),
    ({"date": "not-a-date"}, "date", "Enter a valid date"),
    ({"date": TOMORROW}, "date", "in the future"),
    ({"activity": "swim"}, "activity", "Select a valid choice"),
    ({"distance": ""}, "distance", "Give the distance of a run or a walk"),
    ({"distance": "-1"}, "distance", "0 or more"),
    ({"distance": "1,234.5"}, "distance", "without a thousands separator"),
    ({"distance": "0"}, "distance", "A run needs a distance above 0"),
    ({"duration_min": "0"}, "duration_min", "A duration of 0 with a distance"),
    ({"duration_min": "12:70"}, "duration_min", "h:mm:ss (1:05:00), mm:ss (45:30) or minutes"),
    ({"duration_min": "20"}, "duration_min", "1:54 /km is faster than the world record pace"),
    ({"activity": "walk", "duration_min": "60"}, "duration_min", "faster than anyone walks"),
    ({"duration_min": "", "pace": "5:00", "distance": ""}, "pace", "Give the distance too"),
    ({"duration_min": "30", "pace": "5:00"}, "pace", "makes 52:30, not the 30:00"),
    ({"distance": "401"}, "distance", "at most 400 km"),
    ({"distance": "abc"}, "distance", "Enter a number"),
    ({"distance": "NaN"}, "distance", "Enter a number"),
    ({"distance": "1e400"}, "distance", ""),
    ({"duration_min": "1801"}, "duration_min", "At most 30:00:00 (1800 minutes)"),
    ({"duration_min": "-5"}, "duration_min", "0 or more"),
    ({"surface": "ice"}, "surface", "Select a valid choice"),
    ({"terrain": "cliff"}, "terrain", "Select a valid choice"),
    ({"warmup_min": "-1"}, "warmup_min", "greater than or equal to 0"),
    ({"warmup_min": "2.5"}, "warmup_min", "Enter a whole number"),
    ({"cooldown_min": "99999"}, "cooldown_min", "less than or equal to"),
    ({"fast_pct": "101"}, "fast_pct", "less than or equal to 100"),
    ({"rpe": "0"}, "rpe", "greater than or equal to 1"),
    ({"rpe": "11"}, "rpe", "less than or equal to 10"),
    ({"pain": "11"}, "pain", "less than or equal to 10"),
    ({"pain": "4"}, "pain_area", "Say where it hurt"),
    ({"pain": "4", "pain_area": "calf"}, "pain_side", "Left, right or both"),
    ({"pain_area": "elbow"}, "pain_area", "Select a valid choice"),
    ({"pain_side": "middle"}, "pain_side", "Select a valid choice"),
    ({"shoe": "999999"}, "shoe", "Select a valid choice"),
]


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SESSIONS, ids=[str(c) for c, _, _ in BAD_SESSIONS]
)
def test_it_refuses_a_bad_session_with_a_message(client_for, runner, change, field, message):
    response = client_for(runner).post(reverse("session_add"), {**GOOD_SESSION, **change})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Session.objects.exists()


def test_it_saves_a_good_session_and_shows_it(client_for, runner):
    client = client_for(runner)
    response = client.post(reverse("session_add"), GOOD_SESSION)
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.distance_km == Decimal("10.500")
    page = client.get(reverse("session_detail", args=[session.pk]))
    assert "10.5 km" in page.content.decode()


def test_it_refuses_another_runners_shoe(client_for, runner, other_runner, make_shoe):
    theirs = make_shoe(other_runner)
    response = client_for(runner).post(reverse("session_add"), {**GOOD_SESSION, "shoe": theirs.pk})
    assert "shoe" in response.context["form"].errors
    assert not Session.objects.exists()


def test_it_takes_and_shows_miles_and_stores_km(client_for, make_user):
    runner = make_user(units="mi")
    client = client_for(runner)
    client.post(reverse("session_add"), {**GOOD_SESSION, "distance": "10"})
    session = Session.objects.get()
    assert session.distance_km == Decimal("16.093")
    page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "10.0 mi" in page
    edit = client.get(reverse("session_edit", args=[session.pk]))
    assert edit.context["form"]["distance"].value() == "10"


def test_it_refuses_more_than_400_km_in_miles_too(client_for, make_user):
    response = client_for(make_user(units="mi")).post(
        reverse("session_add"), {**GOOD_SESSION, "distance": "250"}
    )
    assert "at most 248.5 mi" in " ".join(response.context["form"].errors["distance"])


def test_it_preselects_today_and_the_last_shoe_and_surface(
    client_for, runner, make_shoe, make_session
):
    shoe = make_shoe(runner)
    make_session(runner, shoe=shoe, surface="trail", date=date(2026, 10, 1))
    form = client_for(runner).get(reverse("session_add")).context["form"]
    assert form.initial["shoe"] == shoe.pk
    assert form.initial["surface"] == "trail"
    assert form.initial["date"] <= TODAY + timedelta(days=1)


def test_it_edits_and_deletes_a_session_after_confirmation(client_for, runner, make_session):
    session = make_session(runner)
    client = client_for(runner)
    response = client.post(
        reverse("session_edit", args=[session.pk]), {**GOOD_SESSION, "distance": "7"}
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.distance_km == Decimal("7.000")
    confirm = client.get(reverse("session_delete", args=[session.pk]))
    assert b"Delete this session?" in confirm.content
    assert Session.objects.filter(pk=session.pk).exists()
    client.post(reverse("session_delete", args=[session.pk]))
    assert not Session.objects.filter(pk=session.pk).exists()


def test_it_filters_and_paginates_the_session_list(client_for, runner, make_session, make_shoe):
    shoe = make_shoe(runner)
    for day in range(30):
        make_session(
            runner, date=date(2026, 9, 1) + timedelta(days=day), shoe=shoe if day < 5 else None
        )
    make_session(runner, date=date(2026, 9, 3), activity="cycle", distance_km=None)
    client = client_for(runner)
    page = client.get(reverse("session_list")).context["page"]
    assert page.paginator.count == 31 and len(page.object_list) == 25
    assert client.get(reverse("session_list"), {"page": "2"}).context["page"].number == 2
    assert client.get(reverse("session_list"), {"page": "zzz"}).status_code == 200
    only_shoe = client.get(reverse("session_list"), {"shoe": shoe.pk}).context["page"]
    assert only_shoe.paginator.count == 5
    cycles = client.get(reverse("session_list"), {"activity": "cycle"}).context["page"]
    assert cycles.paginator.count == 1
    window = client.get(reverse("session_list"), {"start": "2026-09-10", "end": "2026-09-11"})
    assert window.context["page"].paginator.count == 2
    bad = client.get(reverse("session_list"), {"start": "yesterday", "shoe": "x"})
    assert bad.status_code == 200


GOOD_SORENESS = {
    "date": "2026-11-01",
    "area": "calf",
    "side": "left",
    "severity": "4",
    "kind": "aching",
}

BAD_SORENESS = [
    ({"area": ""}, "area", "required"),
    ({"area": "elbow"}, "area", "Select a valid choice"),
    ({"side": ""}, "side", "Choose the side"),
    ({"side": "up"}, "side", "Select a valid choice"),
    ({"severity": ""}, "severity", "required"),
    ({"severity": "11"}, "severity", "less than or equal to 10"),
    ({"severity": "-1"}, "severity", "greater than or equal to 0"),
    ({"severity": "4.5"}, "severity", "whole number"),
    ({"kind": "tingly"}, "kind", "Select a valid choice"),
    ({"date": TOMORROW}, "date", "in the future"),
]


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SORENESS, ids=[str(c) for c, _, _ in BAD_SORENESS]
)
def test_it_refuses_a_bad_check_in(client_for, runner, change, field, message):
    response = client_for(runner).post(reverse("soreness_add"), {**GOOD_SORENESS, **change})
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    assert not Soreness.objects.exists()


def test_it_records_no_pain_today_for_every_open_area(client_for, runner, make_soreness):
    make_soreness(runner, date=date(2026, 10, 1), area="knee", side="right", severity=5)
    make_soreness(runner, date=date(2026, 10, 2), area="calf", side="left", severity=4)
    make_soreness(runner, date=date(2026, 10, 2), area="shin", side="both", severity=2)
    make_soreness(runner, date=date(2026, 10, 2), area="foot", side="left", severity=0)
    client = client_for(runner)
    client.post(reverse("soreness_all_clear"))
    zeros = set(
        Soreness.objects.filter(severity=0).exclude(area="foot").values_list("area", "side")
    )
    # The knee, sore at an earlier check-in than the last, is closed too.
    assert zeros == {("knee", "right"), ("calf", "left"), ("shin", "both")}
    # Nothing sore any more: a second press records nothing.
    client.post(reverse("soreness_all_clear"))
    assert Soreness.objects.filter(severity=0).count() == 4


def test_it_groups_check_ins_by_day(client_for, runner, make_soreness):
    make_soreness(runner, date=date(2026, 10, 1))
    make_soreness(runner, date=date(2026, 10, 1), area="knee")
    make_soreness(runner, date=date(2026, 10, 3))
    days = client_for(runner).get(reverse("soreness_list")).context["days"]
    assert [(day, len(items)) for day, items in days] == [
        (date(2026, 10, 3), 1),
        (date(2026, 10, 1), 2),
    ]


GOOD_SHOE = {"name": "Grey trainers", "kind": "running", "first_used": "2026-01-01", "limit": ""}

BAD_SHOES = [
    ({"name": ""}, "name", "required"),
    ({"name": "   "}, "name", "required"),
    ({"name": "x" * 101}, "name", "at most 100 characters"),
    ({"kind": "boots"}, "kind", "Select a valid choice"),
    ({"limit": "0"}, "limit", "greater than or equal to 1"),
    ({"limit": "-50"}, "limit", "greater than or equal to 1"),
    ({"limit": "99999"}, "limit", "less than or equal to"),
    ({"first_used": TOMORROW}, "first_used", "in the future"),
    ({"retired": "2025-12-01"}, "retired", "before its first use"),
]


@pytest.mark.parametrize(
    ("change", "field", "message"), BAD_SHOES, ids=[str(c)[:40] for c, _, _ in BAD_SHOES]
)
def test_it_refuses_a_bad_shoe(client_for, runner, change, field, message):
    response = client_for(runner).post(reverse("shoe_add"), {**GOOD_SHOE, **change})
    assert message in " ".join(response.context["form"].errors[field])
    assert not Shoe.objects.exists()


def test_it_keeps_shoe_names_unique_per_runner(client_for, runner, other_runner, make_shoe):
    make_shoe(runner, name="Grey trainers")
    make_shoe(other_runner, name="Blue racers")
    client = client_for(runner)
    response = client.post(reverse("shoe_add"), {**GOOD_SHOE, "name": "grey TRAINERS"})
    assert "already have a pair" in " ".join(response.context["form"].errors["name"])
    assert client.post(reverse("shoe_add"), {**GOOD_SHOE, "name": "Blue racers"}).status_code == 302


def test_it_shows_a_shoes_distance_going_up(client_for, runner, make_shoe, make_session):
    shoe = make_shoe(runner, name="Grey trainers", limit_km=500)
    client = client_for(runner)
    assert "0.0 km" in client.get(reverse("shoe_list")).content.decode()
    make_session(runner, shoe=shoe, distance_km=Decimal("12.5"))
    make_session(runner, shoe=shoe, distance_km=Decimal("7.5"))
    make_session(runner, distance_km=Decimal("100"))  # another pair (none): not counted
    [usage] = client.get(reverse("shoe_list")).context["active"]
    assert usage.used_km == Decimal("20.000") and usage.limit_km == 500
    assert usage.share == pytest.approx(0.04)


def test_it_uses_the_site_default_limit(client_for, runner, make_shoe, settings):
    settings.SHOE_DEFAULT_LIMIT_KM = 650
    make_shoe(runner)
    [usage] = client_for(runner).get(reverse("shoe_list")).context["active"]
    assert usage.limit_km == 650


def test_it_takes_a_shoe_limit_in_miles(client_for, make_user):
    client = client_for(make_user(units="mi"))
    client.post(reverse("shoe_add"), {**GOOD_SHOE, "limit": "400"})
    assert Shoe.objects.get().limit_km == 644


def test_it_retires_a_shoe_and_brings_it_back(client_for, runner, make_shoe):
    shoe = make_shoe(runner)
    client = client_for(runner)
    client.post(reverse("shoe_retire", args=[shoe.pk]))
    shoe.refresh_from_db()
    assert shoe.retired is not None
    assert client.get(reverse("shoe_list")).context["retired"][0].shoe == shoe
    client.post(reverse("shoe_retire", args=[shoe.pk]))
    shoe.refresh_from_db()
    assert shoe.retired is None


def test_it_keeps_sessions_when_a_shoe_is_deleted(client_for, runner, make_shoe, make_session):
    shoe = make_shoe(runner)
    session = make_session(runner, shoe=shoe)
    client_for(runner).post(reverse("shoe_delete", args=[shoe.pk]))
    session.refresh_from_db()
    assert session.shoe is None


def test_it_refuses_a_future_start_and_unknown_time_zone_in_settings(client_for, runner):
    response = client_for(runner).post(
        reverse("profile"),
        {
            "units": "mi",
            "time_zone": "Mars/Olympus",
            "week_start": "9",
            "started_running": TOMORROW,
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"time_zone", "week_start", "started_running"}


def test_it_saves_settings(client_for, runner):
    client_for(runner).post(
        reverse("profile"),
        {
            "units": "mi",
            "time_zone": "America/New_York",
            "week_start": "6",
            "started_running": "2024-03-01",
        },
    )
    runner.profile.refresh_from_db()
    assert (runner.profile.units, runner.profile.time_zone, runner.profile.week_start) == (
        "mi",
        "America/New_York",
        6,
    )


def test_it_signs_up_a_runner_and_refuses_a_weak_password(client):
    weak = client.post(
        reverse("signup"),
        {"username": "bob", "email": "bob@example.org", "password1": "123", "password2": "123"},
    )
    assert weak.status_code == 200 and weak.context["form"].errors
    good = client.post(
        reverse("signup"),
        {
            "username": "bob",
            "email": "bob@example.org",
            "password1": "calf-raises-2026",
            "password2": "calf-raises-2026",
            "time_zone": "Europe/Berlin",
        },
    )
    assert good.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    profile = Profile.objects.get(user__username="bob")
    assert (profile.time_zone, profile.time_zone_chosen) == ("Europe/Berlin", True)


@pytest.mark.parametrize(
    "fields",
    [
        {"distance_km": Decimal("-1")},
        {"distance_km": Decimal("400.001")},
        {"distance_km": None},
        {"duration_min": Decimal("1800.01")},
        {"fast_pct": 101},
        {"rpe": 0},
        {"pain": 11},
        {"activity": "swim"},
        {"surface": "ice"},
        {"pain_side": "up"},
    ],
    ids=str,
)
def test_it_holds_the_ranges_in_the_database_too(runner, fields):
    values = {
        "user": runner,
        "date": date(2026, 1, 1),
        "activity": "run",
        "distance_km": Decimal(5),
    }
    values.update(fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(**values)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Soreness, {"severity": 11}),
        (Soreness, {"area": "elbow"}),
        (Soreness, {"side": "up"}),
        (Shoe, {"kind": "boots"}),
        (Shoe, {"limit_km": 0}),
        (Shoe, {"first_used": date(2026, 2, 1), "retired": date(2026, 1, 1)}),
    ],
    ids=str,
)
def test_it_holds_soreness_and_shoe_rules_in_the_database(runner, model, fields):
    base = {
        Soreness: {"date": date(2026, 1, 1), "area": "calf", "side": "left", "severity": 2},
        Shoe: {"name": "x", "kind": "running"},
    }[model]
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(user=runner, **{**base, **fields})


def test_it_holds_unique_shoe_names_in_the_database(runner, make_shoe):
    make_shoe(runner, name="Same")
    with pytest.raises(IntegrityError), transaction.atomic():
        Shoe.objects.create(user=runner, name="Same")


def test_it_asks_effort_on_fosters_cr10_scale_and_shows_the_session_load(client_for, runner):
    client = client_for(runner)
    html = client.get(reverse("session_add")).content.decode()
    assert '<option value="7">7 Very hard</option>' in html
    assert '<option value="1">1 Very, very easy</option>' in html
    assert '<option value="6">6</option>' in html
    assert "about 30 minutes after it" in html
    response = client.post(
        reverse("session_add"), {**GOOD_SESSION, "rpe": "7", "duration_min": "40"}
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.session_load == 280.0
    page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "7/10 very hard; session load 280 AU" in page
