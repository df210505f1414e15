"""Settings > Sharing: the runner's read-only shares, made, listed and revoked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from tracker.access import owned_or_404
from tracker.share_models import Share
from tracker.sharing.forms import ShareForm
from tracker.sharing.service import create_share, revoke
from tracker.views._helpers import RunnerRequest


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: RunnerRequest) -> HttpResponse:
    user = request.user
    form = ShareForm(
        request.POST or None,
        user_id=user.pk,
        default_title=f"{user.first_name or user.get_username()}'s running log",
    )
    link = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _share, token = create_share(
            user,
            label=data["label"],
            title=data["title"],
            covers=data["covers"],
            notes=data["notes"],
            days=form.days,
            now=timezone.now(),
        )
        # Shown on this response only (never stored, never in a redirect or a
        # message): the page is not cached (PrivateResponsesMiddleware).
        link = request.build_absolute_uri(reverse("open_share", args=[token]))
        form = ShareForm(user_id=user.pk, default_title=data["title"])
    shares = Share.objects.filter(user_id=user.pk)
    context = {"form": form, "link": link, "shares": shares, "now": timezone.now()}
    return render(request, "tracker/sharing.html", context, status=201 if link else 200)


@login_required
@require_POST
def share_revoke(request: RunnerRequest, pk: int) -> HttpResponse:
    share = owned_or_404(request, Share, pk)
    label = share.label
    revoke(share)
    messages.success(
        request, _("Revoked: %(label)s. Its link no longer opens anything.") % {"label": label}
    )
    return redirect("sharing")
