"""The API's writes go through the log's own ModelForms: one source of rules.

A JSON body becomes the form's data (the API's field names renamed to the form's
where they differ: ``distance_km`` is the session form's ``distance``, in km
because the API builds the form with km as its units); ``writes.submit`` saves it
as it saves a browser's post (the runner's lock, the unique-name race), and a
form's errors come back as a 422 naming the API's fields. Saving through the
model sends the signals that mark the runner's stored flags stale
(``tracker.flagstore``), as a form posted from a page does.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from django import forms
from django.db.models import ForeignKey, Model
from ninja import Schema
from ninja.orm import create_schema
from pydantic import ConfigDict, create_model

from tracker import writes

NON_FIELD = "__all__"
_HIDDEN = frozenset({writes.TOKEN, writes.VERSION})


class Invalid(Exception):
    """The input was refused; ``errors`` maps the API's field names to messages."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__("invalid input")
        self.errors = dict(errors)


class _Strict(Schema):
    # A misspelt field is an error, not silently dropped.
    model_config = ConfigDict(extra="forbid")


def input_schema(model: type[Model], *, name: str, fields: list[str]) -> type[Schema]:
    """A body schema of ``fields``, every one optional: whether a field is required
    is the form's rule (one source). A foreign key is its id under the field's own
    name (``shoe``), as the responses name it."""
    keys = [f for f in fields if isinstance(model._meta.get_field(f), ForeignKey)]
    plain = [f for f in fields if f not in keys]
    base = create_schema(
        model, name=f"{name}Fields", fields=plain, optional_fields=plain, base_class=_Strict
    )
    extra: dict[str, Any] = {key: (int | None, None) for key in keys}
    schema: type[Schema] = create_model(name, __base__=base, **extra)
    return schema


def to_form_data(values: Mapping[str, Any], rename: Mapping[str, str]) -> dict[str, Any]:
    """The API's values as a form's data, as a page would post them: renamed, None
    as an empty field ("not given"), numbers, dates and times as text. Text, because
    the form's fields parse what a person types and check it there (a Decimal of
    1E+400 handed over as a number would skip the checks on the text)."""
    data: dict[str, Any] = {}
    for name, value in values.items():
        data[rename.get(name, name)] = _as_posted(value)
    return data


def _as_posted(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | str):
        return value  # the boolean widgets take True and False
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def current_data(form: forms.BaseForm) -> dict[str, Any]:
    """An unbound form's values for its instance, as data: what a PATCH starts from,
    so that the fields it leaves out keep their saved values."""
    data: dict[str, Any] = {}
    for name in form.fields:
        if name in _HIDDEN:
            continue
        value = form[name].value()
        data[name] = "" if value is None else value
    return data


def errors_of(form: forms.BaseForm, rename: Mapping[str, str]) -> dict[str, list[str]]:
    back = {form_name: api_name for api_name, form_name in rename.items()}
    return {
        back.get(name, name): [str(m) for m in messages] for name, messages in form.errors.items()
    }


def save(form: writes.GuardedWriteForm[Any], *, user_id: int, rename: Mapping[str, str]) -> Model:
    """Validate and save like a page's post does; raise Invalid with the form's
    messages when it refuses."""
    row, _created = writes.submit(form, user_id=user_id)
    if row is None:
        raise Invalid(errors_of(form, rename))
    return row
