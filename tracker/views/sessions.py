"""Training sessions: list (with week and month totals, search), add, detail, edit,
repeat, delete."""

from __future__ import annotations

from datetime import UTC, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import flagging, selectors, services, writes
from tracker.access import owned_or_404
from tracker.forms import SessionFilterForm, SessionForm
from tracker.models import Origin, Session
from tracker.selectors.totals import PeriodTotals, month_of, totals_around, week_key
from tracker.views._helpers import (
    RunnerRequest,
    add_another,
    day_asked,
    delete_with_confirmation,
    paginate,
    profile_of,
    querystring_without_page,
    runner_id,
    safe_next,
    said,
    today_for,
)


@login_required
def session_list(request: RunnerRequest) -> HttpResponse:
    profile = profile_of(request)
    filters = SessionFilterForm(request.GET or None, user=request.user)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    shoe = criteria.get("shoe")
    rows = selectors.sessions_for(
        user_id=runner_id(request),
        start=criteria.get("start"),
        end=criteria.get("end"),
        activity=criteria.get("activity") or None,
        shoe_id=shoe.pk if shoe else None,
        search=criteria.get("q") or None,
    )
    page = paginate(request, rows)
    sessions = list(page.object_list)
    # The totals of the weeks and months on this page, whole, under the same filters.
    week_start = profile.first_weekday()
    totals = totals_around(rows, (s.date for s in sessions), week_start=week_start)
    return render(
        request,
        "tracker/session_list.html",
        {
            "filters": filters,
            "page": page,
            "groups": _grouped(sessions, totals, week_start=week_start),
            "filtered": filters.narrowing,
            "query": querystring_without_page(request),
        },
    )


def _grouped(
    sessions: list[Session], totals: PeriodTotals, *, week_start: int
) -> list[dict[str, object]]:
    """The page's sessions, newest first, each month and each week opening with its
    totals: [{"month": ..., "week": ..., "session": ...}] with month/week set on the
    first session of each."""
    week_of = week_key(week_start)
    rows: list[dict[str, object]] = []
    month = week = None
    for session in sessions:
        row: dict[str, object] = {"session": session}
        if month_of(session.date) != month:
            month = month_of(session.date)
            row["month"] = (month, totals.months[month])
        if week_of(session.date) != week:
            week = week_of(session.date)
            row["week"] = (week, totals.weeks[week])
        rows.append(row)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request: RunnerRequest) -> HttpResponse:
    profile = profile_of(request)
    today = today_for(request)
    defaults = selectors.session_defaults(user_id=runner_id(request))
    form = SessionForm(
        request.POST or None,
        user=request.user,
        units=profile.units,
        today=today,
        initial={
            "date": day_asked(request, today),
            "shoe": defaults.shoe_id,
            "surface": defaults.surface,
        },
        instance=Session(user=request.user, source=Origin.MANUAL),
    )
    if request.method == "POST":
        session, created = writes.submit(form, user_id=runner_id(request))
        if isinstance(session, Session):
            said(request, created, _("Saved: %(session)s.") % {"session": session})
            if "another" in request.POST:
                return redirect(add_another("session_add", session.date, safe_next(request)))
            return redirect(safe_next(request) or reverse("session_detail", args=[session.pk]))
    return render(
        request,
        "tracker/session_form.html",
        {"form": form, "adding": True, "next": safe_next(request)},
    )


@login_required
def session_detail(request: RunnerRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    flags = flagging.raised_by_session(
        profile=profile_of(request),
        session_id=session.pk,
        session_date=session.date,
        today=today_for(request),
    )
    return render(
        request,
        "tracker/session_detail.html",
        {"session": session, "flags": flags, "asked_at": timezone.now().timestamp()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: RunnerRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    form = SessionForm(
        request.POST or None,
        instance=session,
        user=request.user,
        units=profile_of(request).units,
        today=today_for(request),
    )
    if request.method == "POST" and writes.submit(form, user_id=runner_id(request))[0]:
        messages.success(request, _("Session updated."))
        return redirect("session_detail", pk=session.pk)
    return render(request, "tracker/session_form.html", {"form": form, "session": session})


def _asked_at(request: HttpRequest) -> datetime:
    """When the page with the "Repeat" button was rendered (a hidden field), or now."""
    try:
        moment = datetime.fromtimestamp(float(request.POST.get("asked_at", "")), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return timezone.now()
    return min(moment, timezone.now())


@login_required
@require_POST
def session_repeat(request: RunnerRequest, pk: int) -> HttpResponse:
    """ "Repeat this session": the same session again, dated today; then its edit page,
    to change what differed. A second click of the same page adds nothing."""
    source = owned_or_404(request, Session, pk)
    copy, created = services.repeat_session(
        source=source, today=today_for(request), asked_at=_asked_at(request)
    )
    if created:
        messages.success(
            request, _("Logged again: %(copy)s. Change anything that differed.") % {"copy": copy}
        )
    else:
        messages.info(request, _("Already logged again: %(copy)s.") % {"copy": copy})
    return redirect("session_edit", pk=copy.pk)


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: RunnerRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    return delete_with_confirmation(
        request,
        session,
        kind=(_("Delete session"), _("Delete this session?")),
        then="session_list",
        summary="tracker/_session_summary.html",
    )
