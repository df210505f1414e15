"""The daily wellness check (posted from the check-in screen) and the weekly
OSTRC-O2 questionnaire."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import questionnaires
from tracker.forms import SorenessForm
from tracker.models import Area, Soreness
from tracker.views._helpers import RunnerRequest, profile_of, runner_id, safe_next, today_for
from tracker.views.soreness import render_checkin
from tracker.wellness_forms import WellnessForm


@login_required
@require_POST
def wellness_save(request: RunnerRequest) -> HttpResponse:
    today = today_for(request)
    form = WellnessForm(request.POST, today=today)
    if not form.is_valid():
        soreness = SorenessForm(
            today=today, initial={"date": today}, instance=Soreness(user=request.user)
        )
        return render_checkin(request, soreness, form)
    entry, created = questionnaires.save_wellness(form, user_id=runner_id(request))
    shown = (
        _("Wellness check saved: %(index)s/28 (lower is better).")
        if created
        else _("Wellness check updated: %(index)s/28 (lower is better).")
    )
    messages.success(request, shown % {"index": entry.index})
    return redirect(safe_next(request) or "soreness_add")


@login_required
@require_http_methods(["GET", "POST"])
def ostrc_weekly(request: RunnerRequest) -> HttpResponse:
    """This week's questionnaire: one set of four questions an area that hurt."""
    user_id = runner_id(request)
    today = today_for(request)
    week = questionnaires.ostrc_week(today, profile_of(request).first_weekday())
    areas = questionnaires.ostrc_areas(user_id=user_id, week=week)
    answered = questionnaires.ostrc_answers(user_id=user_id, week=week)
    forms = questionnaires.ostrc_forms(
        request.POST if request.method == "POST" else None,
        areas=areas,
        answered=answered,
        period=questionnaires.ostrc_period(week=week, today=today),
    )
    if request.method == "POST" and forms and all([f.is_valid() for f in forms]):
        questionnaires.save_ostrc(forms, user_id=user_id, week=week)
        saved = questionnaires.ostrc_answers(user_id=user_id, week=week)
        labels = dict(Area.choices)
        summary = ", ".join(
            (
                _("%(area)s %(severity)s/100 (a substantial problem)")
                if saved[a].score.substantial
                else _("%(area)s %(severity)s/100")
            )
            % {"area": labels[a], "severity": saved[a].score.severity}
            for a in areas
        )
        messages.success(
            request, _("Weekly questionnaire saved: %(summary)s.") % {"summary": summary}
        )
        return redirect(safe_next(request) or "soreness_list")
    return render(
        request,
        "tracker/ostrc_form.html",
        {"forms": forms, "week": week, "answered": bool(answered), "next": safe_next(request)},
    )
