"""The landing page, the dashboard and the error pages."""

from __future__ import annotations

import sys
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from tracker import selectors
from tracker.views._helpers import today_for


def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "landing.html")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    today = today_for(request)
    week = selectors.running_totals(
        user_id=request.user.pk, start=today - timedelta(days=6), end=today
    )
    return render(request, "tracker/dashboard.html", {"week": week, "today": today})


def server_error(request: HttpRequest) -> HttpResponse:
    """500, except when the database is out of reach: that is an outage, a 503.

    Django calls this inside its exception handler, so ``sys.exc_info`` is the error.
    The page renders without the database (no context processors, no session).
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
