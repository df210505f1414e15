"""/api/v1/sessions: each method, the date filters and pagination, the form's rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tracker.flag_models import FlagState
from tracker.models import Session
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

URL = "/api/v1/sessions"


def test_list_newest_first_with_count_and_pages(api, runner, other_runner, make_session):
    for day in range(1, 8):
        make_session(runner, date=date(2026, 10, day))
    make_session(other_runner, date=date(2026, 10, 3))
    body = api.get(URL, {"limit": 3, "offset": 2}).json()
    assert body["count"] == 7
    assert [item["date"] for item in body["items"]] == ["2026-10-05", "2026-10-04", "2026-10-03"]


def test_list_date_filters_include_both_days(api, runner, make_session):
    for day in range(1, 8):
        make_session(runner, date=date(2026, 10, day))
    body = api.get(URL, {"from": "2026-10-02", "to": "2026-10-04"}).json()
    assert body["count"] == 3
    assert {item["date"] for item in body["items"]} == {"2026-10-02", "2026-10-03", "2026-10-04"}


def test_list_refuses_a_bad_date_and_a_huge_limit(api):
    response = api.get(URL, {"from": "yesterday"})
    assert response.status_code == 422
    assert "from" in response.json()["errors"]
    assert api.get(URL, {"limit": 100000}).status_code == 422


def test_retrieve(api, runner, make_session):
    session = make_session(runner, distance_km=Decimal("7.25"), notes="hills")
    body = api.get(f"{URL}/{session.pk}").json()
    assert body["id"] == session.pk
    assert Decimal(str(body["distance_km"])) == Decimal("7.25")
    assert body["notes"] == "hills"


def test_create_saves_through_the_form(api, runner):
    today = runner_today(runner.profile)
    response = api.post(
        URL,
        {"date": today.isoformat(), "activity": "run", "distance_km": "10.5", "duration_min": 55},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    row = Session.objects.get(pk=response.json()["id"])
    assert row.user_id == runner.pk
    assert row.distance_km == Decimal("10.50")
    assert row.duration_min == Decimal("55")


def test_create_speaks_km_in_a_miles_account(api_as, make_user):
    miler = make_user(units="mi")
    client = api_as(miler)
    today = runner_today(miler.profile)
    response = client.post(
        URL,
        {"date": today.isoformat(), "distance_km": "10", "duration_min": 50},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Session.objects.get(pk=response.json()["id"]).distance_km == Decimal("10.00")


def test_create_refused_with_the_forms_messages(api, runner):
    tomorrow = runner_today(runner.profile) + timedelta(days=1)
    response = api.post(
        URL,
        {"date": tomorrow.isoformat(), "distance_km": "5", "duration_min": 30, "pain": 5},
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "in the future" in errors["date"][0]
    assert errors["pain_area"] == ["Say where it hurt, so the warnings can follow it."]
    assert not Session.objects.exists()


def test_create_refuses_another_runners_shoe(api, other_runner, make_shoe, runner):
    shoe = make_shoe(other_runner)
    today = runner_today(runner.profile)
    response = api.post(
        URL,
        {"date": today.isoformat(), "distance_km": 5, "duration_min": 30, "shoe": shoe.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "shoe" in response.json()["errors"]


def test_create_a_missing_date_is_the_forms_required(api):
    response = api.post(URL, {"distance_km": 5}, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"]["date"] == ["This field is required."]


def test_put_replaces(api, runner, make_session):
    session = make_session(runner, notes="old", rpe=5)
    today = runner_today(runner.profile)
    response = api.put(
        f"{URL}/{session.pk}",
        {"date": today.isoformat(), "distance_km": 8, "duration_min": 40},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert (session.notes, session.rpe, session.distance_km) == ("", None, Decimal("8.00"))


def test_patch_changes_only_what_it_names(api, runner, make_session):
    session = make_session(
        runner, notes="old", rpe=5, duration_min=Decimal("31.5"), distance_km=Decimal("6.13")
    )
    response = api.patch(f"{URL}/{session.pk}", {"notes": "new"}, content_type="application/json")
    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert session.notes == "new"
    assert (session.rpe, session.duration_min, session.distance_km) == (
        5,
        Decimal("31.5"),
        Decimal("6.13"),
    )


def test_patch_refused_keeps_the_row(api, runner, make_session):
    session = make_session(runner, rpe=5)
    response = api.patch(f"{URL}/{session.pk}", {"rpe": 11}, content_type="application/json")
    assert response.status_code == 422
    assert "rpe" in response.json()["errors"]
    session.refresh_from_db()
    assert session.rpe == 5


def test_delete(api, runner, make_session):
    session = make_session(runner)
    assert api.delete(f"{URL}/{session.pk}").status_code == 204
    assert not Session.objects.filter(pk=session.pk).exists()


def test_writes_mark_the_stored_flags_stale(api, runner, make_session):
    session = make_session(runner)
    state, _ = FlagState.objects.get_or_create(user=runner)
    before = state.version
    api.patch(f"{URL}/{session.pk}", {"notes": "x"}, content_type="application/json")
    api.delete(f"{URL}/{session.pk}")
    state.refresh_from_db()
    assert state.version == before + 2
