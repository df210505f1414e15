"""/api/v1/soreness: the runner's soreness check-ins, through the check-in form."""

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import ModelSchema, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tracker.access import owned_or_404
from tracker.api import forms as api_forms
from tracker.api.common import DateRange, Refusal, runner_id, today
from tracker.forms import SorenessForm
from tracker.models import Soreness

router = Router(tags=["soreness"])

FIELDS = list(SorenessForm.Meta.fields)  # the form's fields: one list
RENAME: dict[str, str] = {}


class SorenessOut(ModelSchema):
    class Meta:
        model = Soreness
        fields = ["id", *FIELDS, "created_at"]


if TYPE_CHECKING:  # built at import from the model and the form's fields
    SorenessIn = Schema
else:
    SorenessIn = api_forms.input_schema(Soreness, name="SorenessIn", fields=FIELDS)


def _form(request: HttpRequest, instance: Soreness, data: dict[str, Any] | None) -> SorenessForm:
    return SorenessForm(data, instance=instance, today=today(request))


@router.get("", response=list[SorenessOut], summary="List check-ins, newest first")
@paginate(LimitOffsetPagination)
def list_soreness(request: HttpRequest, dates: Query[DateRange]) -> Any:
    rows = Soreness.objects.filter(user_id=runner_id(request)).order_by("-date", "-id")
    return dates.apply(rows)


@router.get("/{id}", response=SorenessOut, summary="One check-in")
def get_soreness(request: HttpRequest, id: int) -> Soreness:
    return owned_or_404(request, Soreness, id)


@router.post("", response={201: SorenessOut, 422: Refusal}, summary="Log a check-in")
def create_soreness(request: HttpRequest, payload: SorenessIn) -> Status[Any]:
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    form = _form(request, Soreness(user_id=runner_id(request)), data)
    return Status(201, api_forms.save(form, user_id=runner_id(request), rename=RENAME))


@router.put("/{id}", response={200: SorenessOut, 422: Refusal}, summary="Replace a check-in")
def replace_soreness(request: HttpRequest, id: int, payload: SorenessIn) -> Status[Any]:
    entry = owned_or_404(request, Soreness, id)
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    return Status(
        200, api_forms.save(_form(request, entry, data), user_id=runner_id(request), rename=RENAME)
    )


@router.patch("/{id}", response={200: SorenessOut, 422: Refusal}, summary="Change some fields")
def update_soreness(request: HttpRequest, id: int, payload: SorenessIn) -> Status[Any]:
    entry = owned_or_404(request, Soreness, id)
    data = api_forms.current_data(_form(request, entry, None))
    data.update(api_forms.to_form_data(payload.model_dump(exclude_unset=True), RENAME))
    return Status(
        200, api_forms.save(_form(request, entry, data), user_id=runner_id(request), rename=RENAME)
    )


@router.delete("/{id}", response={204: None}, summary="Delete a check-in")
def delete_soreness(request: HttpRequest, id: int) -> Status[Any]:
    owned_or_404(request, Soreness, id).delete()
    return Status(204, None)
