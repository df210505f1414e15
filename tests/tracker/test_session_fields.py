"""Every field of a Session is placed: the table in tracker/session_fields.py names
each one, and every list of session fields agrees with the table. A field added to
the model fails here until it is placed, and the failure names the list."""

from __future__ import annotations

from dataclasses import fields

from django.contrib import admin
from django.test import RequestFactory

from advice.types import SessionRecord
from tracker.demo.records import STORED_SESSION_FIELDS
from tracker.forms import SessionForm
from tracker.imports.contract.columns import SESSION_COLUMNS
from tracker.models import Session
from tracker.selectors.advice_inputs import _SESSION_FIELDS
from tracker.session_fields import SESSION_FIELDS, Use, session_columns, session_fields

# advice's fields that the model does not have (none since 0.2.0's race marker).
ADVICE_ONLY: set[str] = set()
# The form asks for the distance in the runner's units, under its own name.
FORM_NAMES = {"distance_km": "distance"}


def test_it_places_every_field_of_the_model_and_no_other():
    model = [field.name for field in Session._meta.concrete_fields]
    assert list(SESSION_FIELDS) == model


def test_advice_takes_the_advice_fields():
    record = {field.name for field in fields(SessionRecord)} - ADVICE_ONLY
    assert set(session_columns(Use.ADVICE)) == record
    # The selector passes a row as the record's first arguments, in order.
    names = [field.name for field in fields(SessionRecord)]
    assert list(_SESSION_FIELDS) == names[: len(_SESSION_FIELDS)]


def test_the_csv_contract_has_the_csv_fields_in_the_models_order():
    assert tuple(column.name for column in SESSION_COLUMNS) == session_fields(Use.CSV)


def test_the_session_form_asks_for_the_form_fields():
    placed = {FORM_NAMES.get(name, name) for name in session_fields(Use.FORM)}
    model_names = {field.name for field in Session._meta.fields} | set(FORM_NAMES.values())
    asked = {name for name in SessionForm.base_fields if name in model_names}
    assert asked == placed


def test_repeat_copies_the_shape_not_the_days_effort():
    assert not set(session_fields(Use.REPEAT)) & {"date", "pain", "rpe", "notes"}


def test_the_demo_writes_the_csv_fields():
    assert {*STORED_SESSION_FIELDS, "shoe"} == set(session_fields(Use.CSV))  # shoe: by name


def test_the_admin_shows_every_field(admin_user):
    model_admin = admin.site._registry[Session]
    request = RequestFactory().get("/")
    request.user = admin_user
    shown = set(model_admin.get_form(request).base_fields) | set(model_admin.readonly_fields)
    assert shown == set(SESSION_FIELDS) - {"id"}
