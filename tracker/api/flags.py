"""/api/v1/flags: the flags as ``manage.py flags --format json`` prints them."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from tracker.api.common import today
from tracker.flagging import contract_json
from tracker.requests import profile_of

router = Router(tags=["flags"])


class FlagSource(Schema):
    document: str
    quote: str


class FlagOut(Schema):
    """One item of the flags JSON (docs/contract.md)."""

    rule: str
    severity: str
    start: str
    end: str
    subject: str
    title: str
    detail: str
    advice: str
    source: FlagSource
    resolved: str | None


@router.get("", response=list[FlagOut], summary="Flags: active (default) or all")
def list_flags(request: HttpRequest, active: bool = True) -> Any:
    """``active=true``: the flags active today; ``active=false``: every flag raised up
    to today, resolved ones with their date. The same list as the ``flags``
    command's ``--format json`` (``--all`` for active=false)."""
    return contract_json(profile=profile_of(request), today=today(request), everything=not active)
