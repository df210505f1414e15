"""What every resource module of the API shares: the runner, their day, date filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

from tracker.requests import profile_of
from tracker.services import runner_today


def runner_id(request: HttpRequest) -> int:
    """The token's runner (tracker.api.auth has set request.user to them)."""
    pk: int = request.user.pk  # type: ignore[assignment]  # always a runner behind TokenAuth
    return pk


def today(request: HttpRequest) -> date:
    return runner_today(profile_of(request))


class DateRange(Schema):
    """``?from=`` and ``?to=``: the rows dated within them, both days included."""

    from_: date | None = Field(None, alias="from", description="first day, YYYY-MM-DD")
    to: date | None = Field(None, description="last day, YYYY-MM-DD")

    def apply(self, rows: QuerySet[Any], field: str = "date") -> QuerySet[Any]:
        if self.from_ is not None:
            rows = rows.filter(**{f"{field}__gte": self.from_})
        if self.to is not None:
            rows = rows.filter(**{f"{field}__lte": self.to})
        return rows


class Message(Schema):
    detail: str


class Refusal(Schema):
    """A 422: what is wrong, field by field (``__all__``: the input as a whole)."""

    detail: str
    errors: dict[str, list[str]]
