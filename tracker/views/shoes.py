"""Shoes: how far each pair has gone, against its limit; add, edit, retire, delete."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker import selectors, writes
from tracker.access import owned_or_404
from tracker.forms import ShoeForm
from tracker.models import Shoe
from tracker.views._helpers import (
    RunnerRequest,
    delete_with_confirmation,
    profile_of,
    runner_id,
    said,
    today_for,
)


@login_required
def shoe_list(request: RunnerRequest) -> HttpResponse:
    today = today_for(request)
    usage = [
        selectors.shoe_usage(shoe, today=today)
        for shoe in selectors.shoes_with_usage(user_id=request.user.pk)
    ]
    return render(
        request,
        "tracker/shoe_list.html",
        {
            "active": [u for u in usage if u.shoe.retired is None],
            "retired": [u for u in usage if u.shoe.retired is not None],
        },
    )


def _shoe_form(request: RunnerRequest, instance: Shoe) -> ShoeForm:
    return ShoeForm(
        request.POST or None,
        instance=instance,
        user=request.user,
        units=profile_of(request).units,
        today=today_for(request),
        default_limit_km=settings.SHOE_DEFAULT_LIMIT_KM,
    )


@login_required
@require_http_methods(["GET", "POST"])
def shoe_add(request: RunnerRequest) -> HttpResponse:
    form = _shoe_form(request, Shoe(user=request.user))
    if request.method == "POST":
        shoe, created = writes.submit(form, user_id=runner_id(request))
        if isinstance(shoe, Shoe):
            said(request, created, _("Added %(name)s.") % {"name": shoe.name})
            return redirect("shoe_list")
    return render(request, "tracker/shoe_form.html", {"form": form, "adding": True})


@login_required
@require_http_methods(["GET", "POST"])
def shoe_edit(request: RunnerRequest, pk: int) -> HttpResponse:
    shoe = owned_or_404(request, Shoe, pk)
    form = _shoe_form(request, shoe)
    if request.method == "POST" and writes.submit(form, user_id=runner_id(request))[0]:
        messages.success(request, _("Saved %(name)s.") % {"name": shoe.name})
        return redirect("shoe_list")
    return render(request, "tracker/shoe_form.html", {"form": form, "shoe": shoe})


@login_required
@require_POST
def shoe_retire(request: RunnerRequest, pk: int) -> HttpResponse:
    shoe = owned_or_404(request, Shoe, pk)
    if shoe.retired is None:
        today = today_for(request)
        # A pair first used "in the future" of its retirement would break a constraint.
        shoe.retired = max(today, shoe.first_used) if shoe.first_used else today
        shoe.save(update_fields=["retired"])
        messages.success(
            request, _("%(name)s retired. Its sessions stay in your log.") % {"name": shoe.name}
        )
    else:
        shoe.retired = None
        shoe.save(update_fields=["retired"])
        messages.success(request, _("%(name)s is back in use.") % {"name": shoe.name})
    return redirect("shoe_list")


@login_required
@require_http_methods(["GET", "POST"])
def shoe_delete(request: RunnerRequest, pk: int) -> HttpResponse:
    shoe = owned_or_404(request, Shoe, pk)
    # The sessions stay; their shoe is cleared (SET_NULL).
    return delete_with_confirmation(
        request,
        shoe,
        kind=(_("Delete pair of shoes"), _("Delete this pair of shoes?")),
        then="shoe_list",
        note=lambda: (
            _("Its %(number)s sessions stay in your log.") % {"number": shoe.sessions.count()}
        ),
        done=_("Deleted %(name)s. Its sessions stay in your log.") % {"name": shoe.name},
    )
