"""Small things every view module uses."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from tracker.dates import parse_iso_day
from tracker.models import EARLIEST_DATE
from tracker.requests import RunnerRequest, profile_of
from tracker.services import runner_today

PAGE_SIZE = 25

__all__ = ["RunnerRequest", "profile_of"]  # re-exported for the views


def runner_id(request: HttpRequest) -> int:
    """The logged-in runner's id, for the selectors (views behind login_required)."""
    pk = request.user.pk
    if not isinstance(pk, int):
        raise PermissionDenied
    return pk


def today_for(request: HttpRequest) -> date:
    return runner_today(profile_of(request))


def day_asked(request: HttpRequest, today: date) -> date:
    """The ``?date=YYYY-MM-DD`` an add form was opened with (from the calendar, or by
    "Save and log another"), if the form would take it; else today."""
    day = parse_iso_day(request.GET.get("date"))
    return day if day is not None and EARLIEST_DATE <= day <= today else today


def safe_next(request: HttpRequest) -> str:
    """Where to go after saving (``next``, e.g. back to the calendar): a path on this
    site only, never another host."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed and target.startswith("/") else ""


def said(request: HttpRequest, created: bool, message: str) -> None:
    """The message after a create form: saved now, or by an earlier post of the same
    form (a double click), which made nothing new."""
    if created:
        messages.success(request, message)
    else:
        messages.info(request, _("Already saved (the form was sent twice); nothing was added."))


def add_another(view_name: str, day: date, next_url: str = "") -> str:
    """The add form again, on the day just used: backfilling a week is one date pick."""
    query = {"date": day.isoformat(), **({"next": next_url} if next_url else {})}
    return f"{reverse(view_name)}?{urlencode(query)}"


def paginate(
    request: HttpRequest, rows: QuerySet[Any, Any] | Sequence[Any], per_page: int = PAGE_SIZE
) -> Page[Any]:
    """A page of rows; a bad or too-large page number gives the nearest page."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def querystring_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def delete_with_confirmation(
    request: HttpRequest,
    row: Model,
    *,
    kind: tuple[str | Promise, str | Promise],
    then: str,
    note: Callable[[], str] | None = None,
    done: str = "",
    summary: str = "",
) -> HttpResponse:
    """GET: a page asking to confirm; POST: delete the row, say so, go to ``then``.

    ``kind``: the page's title and question, whole sentences ("Delete session",
    "Delete this session?"), as other languages decline the noun.
    ``note`` is only called for the confirmation page (it may cost a query).
    ``summary``: a template describing the row in full (``object``), where its name
    alone would not tell it from others (three runs on one day).
    """
    if request.method == "POST":
        label = str(row)
        row.delete()
        messages.success(request, done or _("Deleted: %(label)s.") % {"label": label})
        return redirect(then)
    title, question = kind
    context = {
        "object": row,
        "title": title,
        "question": question,
        "note": note() if note else "",
        "summary": summary,
    }
    return render(request, "tracker/confirm_delete.html", context)
