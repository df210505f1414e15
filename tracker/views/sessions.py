"""Training sessions: list, add, detail, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracker import flagging, selectors
from tracker.access import owned_or_404
from tracker.forms import SessionFilterForm, SessionForm
from tracker.models import Origin, Session
from tracker.views._helpers import (
    delete_with_confirmation,
    paginate,
    profile_of,
    querystring_without_page,
    today_for,
)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    filters = SessionFilterForm(request.GET or None, user=request.user)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    shoe = criteria.get("shoe")
    rows = selectors.sessions_for(
        user_id=request.user.pk,
        start=criteria.get("start"),
        end=criteria.get("end"),
        activity=criteria.get("activity") or None,
        shoe_id=shoe.pk if shoe else None,
    )
    return render(
        request,
        "tracker/session_list.html",
        {
            "filters": filters,
            "page": paginate(request, rows),
            "filtered": bool(criteria and any(criteria.values())),
            "query": querystring_without_page(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request: HttpRequest) -> HttpResponse:
    profile = profile_of(request)
    today = today_for(request)
    defaults = selectors.session_defaults(user_id=request.user.pk)
    form = SessionForm(
        request.POST or None,
        user=request.user,
        units=profile.units,
        today=today,
        initial={"date": today, "shoe": defaults.shoe_id, "surface": defaults.surface},
        instance=Session(user=request.user, source=Origin.MANUAL),
    )
    if request.method == "POST" and form.is_valid():
        session = form.save()
        messages.success(request, f"Saved: {session}.")
        if "another" in request.POST:
            return redirect("session_add")
        return redirect("session_detail", pk=session.pk)
    return render(request, "tracker/session_form.html", {"form": form, "adding": True})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    flags = flagging.raised_by_session(
        profile=profile_of(request),
        session_id=session.pk,
        session_date=session.date,
        today=today_for(request),
    )
    return render(request, "tracker/session_detail.html", {"session": session, "flags": flags})


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    form = SessionForm(
        request.POST or None,
        instance=session,
        user=request.user,
        units=profile_of(request).units,
        today=today_for(request),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Session updated.")
        return redirect("session_detail", pk=session.pk)
    return render(request, "tracker/session_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request: HttpRequest, pk: int) -> HttpResponse:
    session = owned_or_404(request, Session, pk)
    return delete_with_confirmation(request, session, kind="session", then="session_list")
