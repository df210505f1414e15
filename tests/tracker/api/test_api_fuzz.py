"""Hypothesis at the API's create endpoints: arbitrary JSON values (wrong types, huge
and negative numbers, odd text, NaN, impossible dates, another runner's shoe) for
every field. Whatever comes in: a 201 or a 422, never a 500, and every row saved
passes every model validator and CheckConstraint."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import Model
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tracker.api.sessions import FIELDS as SESSION_FIELDS
from tracker.api.shoes import FIELDS as SHOE_FIELDS
from tracker.api.soreness import FIELDS as SORENESS_FIELDS
from tracker.models import Session, Shoe, Soreness

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TODAY = date.today()

ODD_TEXT = [
    "",
    " ",
    "NaN",
    "Infinity",
    "-1",
    "1e400",
    "9" * 40,
    "\x00",
    "a\x00b",
    "٣",
    "½",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "12:60",
    "25:00",
    "1:02:03",
    "<b>",
    "=1+1",
]
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
NEAR_DAYS = st.integers(-4000, 3).map(lambda back: (TODAY + timedelta(days=back)).isoformat())
JSON_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(ODD_TEXT),
    st.text(max_size=30),
    DAYS,
    NEAR_DAYS,
    st.lists(st.integers(), max_size=2),
)


def _field_value(model: type[Model], name: str) -> st.SearchStrategy[Any]:
    """Mostly plausible values for the field (its choices, its kind of number, a
    recent day), often anything at all."""
    field = model._meta.get_field(name)
    plausible: st.SearchStrategy[Any]
    if field.choices:
        plausible = st.sampled_from([value for value, _label in field.choices])
    elif name in ("date", "first_used", "retired"):
        plausible = NEAR_DAYS
    elif name in ("notes", "title", "name"):
        plausible = st.text(max_size=80)
    elif name == "start_time":
        plausible = st.times().map(lambda t: t.isoformat(timespec="minutes"))
    elif name == "shoe":
        plausible = st.integers(0, 5)
    else:
        plausible = st.one_of(
            st.integers(-5, 400),
            st.decimals(min_value=-10, max_value=1000, places=2, allow_nan=False).map(str),
            st.none(),
        )
    return st.one_of(plausible, plausible, plausible, JSON_VALUE)


def bodies(
    model: type[Model], fields: list[str], valid: dict[str, Any]
) -> st.SearchStrategy[dict[str, Any]]:
    """A valid body with some of its fields, and others, replaced."""
    values = {name: _field_value(model, name) for name in fields}
    # A few fields changed (mostly saved, probing each field's edges), or any number.
    few = st.lists(st.sampled_from(fields), max_size=3, unique=True).flatmap(
        lambda names: st.fixed_dictionaries({name: values[name] for name in names})
    )
    changes = st.one_of(few, few, st.fixed_dictionaries({}, optional=values))
    return changes.map(lambda drawn: {**valid, **drawn})


TODAY_TEXT = TODAY.isoformat()
VALID_SESSION = {"date": TODAY_TEXT, "activity": "run", "distance_km": "5", "duration_min": 30}
VALID_SORENESS = {"date": TODAY_TEXT, "area": "calf", "side": "left", "severity": 3}


def _valid(row: Model) -> None:
    row.full_clean(validate_unique=False)  # CheckConstraints included


def _fuzz(api, url: str, model: type[Model], body: dict[str, Any]) -> None:
    before = model.objects.count()
    response = api.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code in (201, 422), (body, response.status_code, response.content)
    event(f"status {response.status_code}")
    if response.status_code == 201:
        _valid(model.objects.get(pk=response.json()["id"]))
        assert model.objects.count() == before + 1
    else:
        assert response.json()["errors"], body
        assert model.objects.count() == before


@FUZZ
@given(body=bodies(Session, SESSION_FIELDS, VALID_SESSION))
def test_session_create_fuzz(api, body):
    _fuzz(api, "/api/v1/sessions", Session, body)


@FUZZ
@given(body=bodies(Soreness, SORENESS_FIELDS, VALID_SORENESS))
def test_soreness_create_fuzz(api, body):
    _fuzz(api, "/api/v1/soreness", Soreness, body)


@FUZZ
@given(body=bodies(Shoe, SHOE_FIELDS, {}), name=st.uuids())
def test_shoe_create_fuzz(api, body, name):
    _fuzz(api, "/api/v1/shoes", Shoe, {"name": f"Pair {name}", **body})


@FUZZ
@given(shoe_id=st.integers(min_value=-(2**70), max_value=2**70))
def test_session_shoe_ids_fuzz(api, runner, shoe_id):
    body = {"date": TODAY.isoformat(), "distance_km": 5, "duration_min": 30, "shoe": shoe_id}
    response = api.post("/api/v1/sessions", json.dumps(body), content_type="application/json")
    assert response.status_code == 422  # no pair of this runner's has any id yet


def test_a_body_that_is_not_json_or_not_an_object_is_a_422(api):
    for raw in ("{", "[]", "null", '"text"', "NaN", '{"date": NaN}'):
        response = api.post("/api/v1/sessions", raw, content_type="application/json")
        assert response.status_code in (400, 422), (raw, response.status_code)
