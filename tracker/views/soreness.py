"""Soreness check-ins: one screen to log, a list grouped by day, "no pain today"."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import questionnaires, selectors, services, writes
from tracker.access import owned_or_404
from tracker.forms import SorenessForm
from tracker.i18n import translated
from tracker.models import Soreness
from tracker.views._helpers import (
    RunnerRequest,
    add_another,
    day_asked,
    delete_with_confirmation,
    paginate,
    profile_of,
    runner_id,
    safe_next,
    said,
    today_for,
)
from tracker.wellness_forms import WellnessForm

DAYS_PER_PAGE = 20


@login_required
def soreness_list(request: RunnerRequest) -> HttpResponse:
    # Paginate over days, then fetch only the check-ins of the days on this page.
    days = (
        selectors.soreness_for(user_id=runner_id(request))
        .order_by("-date")
        .values_list("date", flat=True)
        .distinct()
    )
    page = paginate(request, days, per_page=DAYS_PER_PAGE)
    rows = selectors.soreness_for(user_id=runner_id(request)).filter(
        date__in=list(page.object_list)
    )
    grouped = [(day, list(items)) for day, items in groupby(rows, key=lambda r: r.date)]
    return render(
        request,
        "tracker/soreness_list.html",
        {"page": page, "days": grouped, **_still_sore(request)},
    )


def _still_sore(request: RunnerRequest) -> dict[str, object]:
    """The open areas, and whether "No pain today" would record anything."""
    today = today_for(request)
    still_open = selectors.open_sore_areas(user_id=runner_id(request), today=today)
    return {
        "still_sore": still_open,
        "can_clear": any(area.day < today for area in still_open),
        "today": today,
    }


@login_required
@require_http_methods(["GET", "POST"])
def soreness_add(request: RunnerRequest) -> HttpResponse:
    today = today_for(request)
    form = SorenessForm(
        request.POST or None,
        today=today,
        initial={"date": day_asked(request, today)},
        instance=Soreness(user=request.user),
    )
    if request.method == "POST":
        entry, created = writes.submit(form, user_id=runner_id(request))
        if isinstance(entry, Soreness):
            said(request, created, _("Check-in saved: %(entry)s.") % {"entry": entry})
            if "another" in request.POST:
                return redirect(add_another("soreness_add", entry.date, safe_next(request)))
            return redirect(safe_next(request) or "soreness_list")
    return render_checkin(request, form)


def render_checkin(
    request: RunnerRequest, form: SorenessForm, wellness_form: WellnessForm | None = None
) -> HttpResponse:
    """The check-in screen: the area's soreness, the day's wellness check (optional,
    its own form) and, from the first day of the week, the weekly questionnaire's
    prompt."""
    today = today_for(request)
    if wellness_form is None:
        day = day_asked(request, today)
        entry = questionnaires.wellness_on(user_id=runner_id(request), day=day)
        wellness_form = WellnessForm(
            instance=entry, today=today, initial={"date": day} if entry is None else None
        )
    week_start = profile_of(request).first_weekday()
    ostrc_week = questionnaires.ostrc_week(today, week_start)
    due = questionnaires.ostrc_due(user_id=runner_id(request), today=today, week_start=week_start)
    return render(
        request,
        "tracker/soreness_form.html",
        {
            "form": form,
            "wellness_form": wellness_form,
            "ostrc_due": due,
            "ostrc_week": ostrc_week,
            "adding": True,
            "next": safe_next(request),
            **_still_sore(request),
        },
    )


@login_required
@require_POST
def soreness_all_clear(request: RunnerRequest) -> HttpResponse:
    """ "No pain today": 0/10 today for every area still open, once."""
    result = services.record_no_pain_today(user_id=runner_id(request), today=today_for(request))
    if result.closed:
        names = ", ".join(translated(area.label) for area in result.closed)
        messages.success(
            request, _("No pain today: recorded 0/10 for %(names)s.") % {"names": names}
        )
    elif not result.reported_today:
        messages.info(request, _("Nothing is sore in your log: nothing to clear."))
    if result.reported_today:
        kept = ", ".join(f"{translated(a.label)} ({a.severity}/10)" for a in result.reported_today)
        messages.info(request, _("Left as you reported them today: %(kept)s.") % {"kept": kept})
    return redirect("soreness_list")


@login_required
@require_http_methods(["GET", "POST"])
def soreness_edit(request: RunnerRequest, pk: int) -> HttpResponse:
    entry = owned_or_404(request, Soreness, pk)
    form = SorenessForm(request.POST or None, instance=entry, today=today_for(request))
    if request.method == "POST" and writes.submit(form, user_id=runner_id(request))[0]:
        messages.success(request, _("Check-in updated."))
        return redirect("soreness_list")
    return render(request, "tracker/soreness_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def soreness_delete(request: RunnerRequest, pk: int) -> HttpResponse:
    entry = owned_or_404(request, Soreness, pk)
    return delete_with_confirmation(
        request,
        entry,
        kind=(_("Delete check-in"), _("Delete this check-in?")),
        then="soreness_list",
    )
