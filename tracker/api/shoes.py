"""/api/v1/shoes: the runner's shoes, through the shoe form (limits in km)."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest
from ninja import ModelSchema, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tracker.access import owned_or_404
from tracker.api import forms as api_forms
from tracker.api.common import DateRange, Refusal, runner_id, today
from tracker.forms import ShoeForm
from tracker.models import Shoe

router = Router(tags=["shoes"])

FIELDS = [*ShoeForm.Meta.fields, "limit_km"]  # the form's fields: one list
RENAME = {"limit_km": "limit"}  # the API's name: the form's (built with km as units)


class ShoeOut(ModelSchema):
    class Meta:
        model = Shoe
        fields = ["id", *FIELDS, "created_at"]


if TYPE_CHECKING:  # built at import from the model and the form's fields
    ShoeIn = Schema
else:
    ShoeIn = api_forms.input_schema(Shoe, name="ShoeIn", fields=FIELDS)


def _form(request: HttpRequest, instance: Shoe, data: dict[str, Any] | None) -> ShoeForm:
    return ShoeForm(
        data,
        instance=instance,
        user=request.user,
        units="km",
        today=today(request),
        default_limit_km=settings.SHOE_DEFAULT_LIMIT_KM,
    )


@router.get("", response=list[ShoeOut], summary="List shoes, newest first")
@paginate(LimitOffsetPagination)
def list_shoes(request: HttpRequest, dates: Query[DateRange]) -> Any:
    """``from`` and ``to`` filter on the day a pair was first used."""
    rows = Shoe.objects.filter(user_id=runner_id(request)).order_by("-created_at", "-id")
    return dates.apply(rows, field="first_used")


@router.get("/{id}", response=ShoeOut, summary="One pair")
def get_shoe(request: HttpRequest, id: int) -> Shoe:
    return owned_or_404(request, Shoe, id)


@router.post("", response={201: ShoeOut, 422: Refusal}, summary="Add a pair")
def create_shoe(request: HttpRequest, payload: ShoeIn) -> Status[Any]:
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    form = _form(request, Shoe(user_id=runner_id(request)), data)
    return Status(201, api_forms.save(form, user_id=runner_id(request), rename=RENAME))


@router.put("/{id}", response={200: ShoeOut, 422: Refusal}, summary="Replace a pair")
def replace_shoe(request: HttpRequest, id: int, payload: ShoeIn) -> Status[Any]:
    shoe = owned_or_404(request, Shoe, id)
    data = api_forms.to_form_data(payload.model_dump(), RENAME)
    return Status(
        200, api_forms.save(_form(request, shoe, data), user_id=runner_id(request), rename=RENAME)
    )


@router.patch("/{id}", response={200: ShoeOut, 422: Refusal}, summary="Change some fields")
def update_shoe(request: HttpRequest, id: int, payload: ShoeIn) -> Status[Any]:
    shoe = owned_or_404(request, Shoe, id)
    data = api_forms.current_data(_form(request, shoe, None))
    data.update(api_forms.to_form_data(payload.model_dump(exclude_unset=True), RENAME))
    return Status(
        200, api_forms.save(_form(request, shoe, data), user_id=runner_id(request), rename=RENAME)
    )


@router.delete("/{id}", response={204: None}, summary="Delete a pair (its sessions stay)")
def delete_shoe(request: HttpRequest, id: int) -> Status[Any]:
    owned_or_404(request, Shoe, id).delete()
    return Status(204, None)
