"""Settings > API tokens: the runner's personal access tokens, made, listed, revoked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tracker.access import owned_or_404
from tracker.api.token_form import ApiTokenForm
from tracker.api.tokens import create_token, revoke
from tracker.api_models import ApiToken
from tracker.views._helpers import RunnerRequest


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: RunnerRequest) -> HttpResponse:
    user = request.user
    form = ApiTokenForm(request.POST or None, user_id=user.pk)
    token = ""
    if request.method == "POST" and form.is_valid():
        _row, token = create_token(
            user,
            label=form.cleaned_data["label"],
            scope=form.cleaned_data["scope"],
            days=form.days,
            now=timezone.now(),
        )
        # Shown on this response only (never stored, never in a redirect or a
        # message): the page is not cached (PrivateResponsesMiddleware).
        form = ApiTokenForm(user_id=user.pk)
    context = {
        "form": form,
        "token": token,
        "tokens": ApiToken.objects.filter(user_id=user.pk),
        "now": timezone.now(),
    }
    return render(request, "tracker/api_tokens.html", context, status=201 if token else 200)


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request: RunnerRequest, pk: int) -> HttpResponse:
    """GET: a page asking to confirm; POST: revoke (refused from the next request)."""
    row = owned_or_404(request, ApiToken, pk)
    if request.method == "POST":
        revoke(row, now=timezone.now())
        messages.success(
            request,
            _("Revoked: %(label)s. Scripts using it are refused now.") % {"label": row.label},
        )
        return redirect("api_tokens")
    return render(request, "tracker/api_token_revoke.html", {"row": row})
