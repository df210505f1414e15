"""Small things every view module uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tracker.models import Profile
from tracker.services import profile_for, runner_today

PAGE_SIZE = 25


class RunnerRequest(HttpRequest):
    """The request of a view behind login_required: its user is a runner, never
    AnonymousUser. For the type checker only (django-stubs' pattern for
    authenticated requests); at run time it is the plain HttpRequest."""

    user: User


def profile_of(request: HttpRequest) -> Profile:
    """The runner's profile (the middleware has loaded it already)."""
    return getattr(request, "profile", None) or profile_for(request.user)


def today_for(request: HttpRequest) -> date:
    return runner_today(profile_of(request))


def paginate(request: HttpRequest, rows, per_page: int = PAGE_SIZE) -> Page:
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
    kind: str,
    then: str,
    note: Callable[[], str] | None = None,
    done: str = "",
) -> HttpResponse:
    """GET: a page asking to confirm; POST: delete the row, say so, go to ``then``.

    ``note`` is only called for the confirmation page (it may cost a query).
    """
    if request.method == "POST":
        label = str(row)
        row.delete()
        messages.success(request, done or f"Deleted: {label}.")
        return redirect(then)
    context = {"object": row, "kind": kind, "note": note() if note else ""}
    return render(request, "tracker/confirm_delete.html", context)
