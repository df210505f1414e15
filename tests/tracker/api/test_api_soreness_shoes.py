"""/api/v1/soreness and /api/v1/shoes: each method, filters, the forms' rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tracker.models import Session, Shoe, Soreness
from tracker.services import runner_today

pytestmark = pytest.mark.django_db

SORE = "/api/v1/soreness"
SHOES = "/api/v1/shoes"


def _json(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def test_soreness_list_filters_and_counts(api, runner, other_runner, make_soreness):
    for day in range(1, 6):
        make_soreness(runner, date=date(2026, 10, day))
    make_soreness(other_runner, date=date(2026, 10, 2))
    body = api.get(SORE, {"from": "2026-10-02", "limit": 2}).json()
    assert body["count"] == 4
    assert [i["date"] for i in body["items"]] == ["2026-10-05", "2026-10-04"]


def test_soreness_retrieve(api, runner, make_soreness):
    entry = make_soreness(runner, area="shin", side="right", severity=4)
    body = api.get(f"{SORE}/{entry.pk}").json()
    assert (body["area"], body["side"], body["severity"]) == ("shin", "right", 4)


def test_soreness_create_and_refuse(api, runner):
    today = runner_today(runner.profile).isoformat()
    ok = _json(api, "post", SORE, {"date": today, "area": "calf", "side": "left", "severity": 3})
    assert ok.status_code == 201, ok.content
    assert Soreness.objects.get(pk=ok.json()["id"]).user_id == runner.pk
    bad = _json(api, "post", SORE, {"date": today, "area": "calf", "severity": 11})
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert errors["side"] == ["Choose the side: left, right or both."]
    assert "severity" in errors
    assert Soreness.objects.count() == 1


def test_soreness_put_patch_delete(api, runner, make_soreness):
    today = runner_today(runner.profile)
    entry = make_soreness(runner, date=today, notes="ache")
    put = _json(
        api,
        "put",
        f"{SORE}/{entry.pk}",
        {"date": today.isoformat(), "area": "knee", "side": "both", "severity": 2},
    )
    assert put.status_code == 200, put.content
    entry.refresh_from_db()
    assert (entry.area, entry.side, entry.notes) == ("knee", "both", "")
    patch = _json(api, "patch", f"{SORE}/{entry.pk}", {"severity": 6, "swelling": True})
    assert patch.status_code == 200, patch.content
    entry.refresh_from_db()
    assert (entry.area, entry.severity, entry.swelling) == ("knee", 6, True)
    assert api.delete(f"{SORE}/{entry.pk}").status_code == 204
    assert not Soreness.objects.exists()


def test_shoes_list_filters_on_first_use(api, runner, make_shoe):
    make_shoe(runner, name="Old", first_used=date(2025, 1, 1))
    make_shoe(runner, name="New", first_used=date(2026, 6, 1))
    body = api.get(SHOES, {"from": "2026-01-01"}).json()
    assert body["count"] == 1
    assert body["items"][0]["name"] == "New"


def test_shoes_retrieve(api, runner, make_shoe):
    shoe = make_shoe(runner, name="Pegasus", limit_km=700)
    body = api.get(f"{SHOES}/{shoe.pk}").json()
    assert (body["name"], body["limit_km"]) == ("Pegasus", 700)


def test_shoes_create_and_refuse_a_taken_name(api, runner, make_shoe):
    make_shoe(runner, name="Pegasus")
    ok = _json(api, "post", SHOES, {"name": "Clifton", "limit_km": 800})
    assert ok.status_code == 201, ok.content
    assert Shoe.objects.get(pk=ok.json()["id"]).limit_km == 800
    taken = _json(api, "post", SHOES, {"name": " pegasus "})
    assert taken.status_code == 422
    assert taken.json()["errors"]["name"] == ["You already have a pair with this name."]
    order = _json(
        api, "post", SHOES, {"name": "Boston", "first_used": "2026-05-01", "retired": "2026-04-01"}
    )
    assert order.json()["errors"]["retired"] == ["A pair cannot be retired before its first use."]


def test_shoes_put_patch_delete_keeps_sessions(api, runner, make_shoe, make_session):
    shoe = make_shoe(runner, name="Pegasus", limit_km=700, notes="blue")
    session = make_session(runner, shoe=shoe)
    put = _json(api, "put", f"{SHOES}/{shoe.pk}", {"name": "Pegasus 41"})
    assert put.status_code == 200, put.content
    shoe.refresh_from_db()
    assert (shoe.name, shoe.limit_km, shoe.notes) == ("Pegasus 41", None, "")
    patch = _json(api, "patch", f"{SHOES}/{shoe.pk}", {"limit_km": 500})
    assert patch.status_code == 200
    shoe.refresh_from_db()
    assert (shoe.name, shoe.limit_km) == ("Pegasus 41", 500)
    retire = _json(
        api,
        "patch",
        f"{SHOES}/{shoe.pk}",
        {"retired": (runner_today(runner.profile) - timedelta(days=1)).isoformat()},
    )
    assert retire.status_code == 200
    assert api.delete(f"{SHOES}/{shoe.pk}").status_code == 204
    session.refresh_from_db()
    assert session.shoe_id is None
    assert Session.objects.filter(pk=session.pk).exists()


def test_an_unknown_field_is_refused(api):
    response = _json(api, "post", SHOES, {"name": "X", "colour": "red"})
    assert response.status_code == 422
    assert "colour" in response.json()["errors"]
