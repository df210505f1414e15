"""/api/v1/sessions: the runner's training sessions.

The fields are the session form's (``tracker.session_fields``, Use.FORM), with the
distance as ``distance_km``: the API builds the form with km as its units, so a
script need not know the account's. Every write is the form's validation and
``writes.submit``'s save (tracker.api.forms).
"""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import ModelSchema, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tracker.access import owned_or_404
from tracker.api import forms as api_forms
from tracker.api.common import DateRange, Refusal, runner_id, today
from tracker.forms import SessionForm
from tracker.models import Session
from tracker.session_fields import Use, session_fields

router = Router(tags=["sessions"])

FIELDS = list(session_fields(Use.FORM))
RENAME = {"distance_km": "distance"}  # the API's name: the form's


class SessionOut(ModelSchema):
    class Meta:
        model = Session
        fields = ["id", *FIELDS, "source", "created_at", "updated_at"]


if TYPE_CHECKING:  # built at import from the model and the form's fields
    SessionIn = Schema
else:
    SessionIn = api_forms.input_schema(Session, name="SessionIn", fields=FIELDS)


def _form(request: HttpRequest, instance: Session, data: dict[str, Any] | None) -> SessionForm:
    return SessionForm(data, instance=instance, user=request.user, units="km", today=today(request))


@router.get("", response=list[SessionOut], summary="List sessions, newest first")
@paginate(LimitOffsetPagination)
def list_sessions(request: HttpRequest, dates: Query[DateRange]) -> Any:
    rows = Session.objects.filter(user_id=runner_id(request)).order_by("-date", "-id")
    return dates.apply(rows)


@router.get("/{id}", response=SessionOut, summary="One session")
def get_session(request: HttpRequest, id: int) -> Session:
    return owned_or_404(request, Session, id)


@router.post("", response={201: SessionOut, 422: Refusal}, summary="Log a session")
def create_session(request: HttpRequest, payload: SessionIn) -> Status[Any]:
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    form = _form(request, Session(user_id=runner_id(request)), data)
    return Status(201, api_forms.save(form, user_id=runner_id(request), rename=RENAME))


@router.put("/{id}", response={200: SessionOut, 422: Refusal}, summary="Replace a session")
def replace_session(request: HttpRequest, id: int, payload: SessionIn) -> Status[Any]:
    session = owned_or_404(request, Session, id)
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    return Status(
        200,
        api_forms.save(_form(request, session, data), user_id=runner_id(request), rename=RENAME),
    )


@router.patch("/{id}", response={200: SessionOut, 422: Refusal}, summary="Change some fields")
def update_session(request: HttpRequest, id: int, payload: SessionIn) -> Status[Any]:
    session = owned_or_404(request, Session, id)
    data = api_forms.current_data(_form(request, session, None))
    data.update(api_forms.to_form_data(payload.model_dump(exclude_unset=True), RENAME))
    return Status(
        200,
        api_forms.save(_form(request, session, data), user_id=runner_id(request), rename=RENAME),
    )


@router.delete("/{id}", response={204: None}, summary="Delete a session")
def delete_session(request: HttpRequest, id: int) -> Status[Any]:
    owned_or_404(request, Session, id).delete()
    return Status(204, None)
