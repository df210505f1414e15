"""Soreness check-ins: one screen to log, a list grouped by day, "no pain today"."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tracker import selectors
from tracker.access import owned_or_404
from tracker.forms import SorenessForm
from tracker.models import Soreness
from tracker.views._helpers import delete_with_confirmation, paginate, today_for

DAYS_PER_PAGE = 20


@login_required
def soreness_list(request: HttpRequest) -> HttpResponse:
    # Paginate over days, then fetch only the check-ins of the days on this page.
    days = (
        selectors.soreness_for(user_id=request.user.pk)
        .order_by("-date")
        .values_list("date", flat=True)
        .distinct()
    )
    page = paginate(request, days, per_page=DAYS_PER_PAGE)
    rows = selectors.soreness_for(user_id=request.user.pk).filter(date__in=list(page.object_list))
    grouped = [(day, list(items)) for day, items in groupby(rows, key=lambda r: r.date)]
    last_day, sore = selectors.last_sore_areas(user_id=request.user.pk)
    return render(
        request,
        "tracker/soreness_list.html",
        {"page": page, "days": grouped, "last_day": last_day, "still_sore": sore},
    )


@login_required
@require_http_methods(["GET", "POST"])
def soreness_add(request: HttpRequest) -> HttpResponse:
    today = today_for(request)
    form = SorenessForm(
        request.POST or None,
        today=today,
        initial={"date": today, "side": "left"},
        instance=Soreness(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        entry = form.save()
        messages.success(request, f"Check-in saved: {entry}.")
        if "another" in request.POST:
            return redirect("soreness_add")
        return redirect("soreness_list")
    last_day, sore = selectors.last_sore_areas(user_id=request.user.pk)
    return render(
        request,
        "tracker/soreness_form.html",
        {"form": form, "adding": True, "last_day": last_day, "still_sore": sore},
    )


@login_required
@require_POST
def soreness_all_clear(request: HttpRequest) -> HttpResponse:
    """Record severity 0 today for every area still sore at the last check-in."""
    today = today_for(request)
    _, sore = selectors.last_sore_areas(user_id=request.user.pk)
    if not sore:
        messages.info(request, "Nothing was sore at your last check-in: nothing to clear.")
        return redirect("soreness_list")
    Soreness.objects.bulk_create(
        Soreness(user=request.user, date=today, area=area, side=side, severity=0)
        for area, side in sore
    )
    names = ", ".join(f"{area} {side}" for area, side in sore)
    messages.success(request, f"No pain today: recorded 0/10 for {names}.")
    return redirect("soreness_list")


@login_required
@require_http_methods(["GET", "POST"])
def soreness_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = owned_or_404(request, Soreness, pk)
    form = SorenessForm(request.POST or None, instance=entry, today=today_for(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Check-in updated.")
        return redirect("soreness_list")
    return render(request, "tracker/soreness_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def soreness_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = owned_or_404(request, Soreness, pk)
    return delete_with_confirmation(request, entry, kind="check-in", then="soreness_list")
