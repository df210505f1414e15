"""Sign-up and the runner's settings (log-in, log-out and passwords are Django's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from tracker.account_deletion import DeleteAccountForm, delete_account
from tracker.account_forms import ProfileForm, SignupForm
from tracker.views._helpers import RunnerRequest, profile_of, today_for


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignupForm(request.POST or None, language=translation.get_language() or "")
    if request.method == "POST" and form.is_valid():
        user = form.save()  # with the profile and the time zone chosen on the form
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome! Check your units and first day of the week, then log a session.")
        )
        return redirect("profile")
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=profile_of(request), today=today_for(request))
    if request.method == "POST" and form.is_valid():
        profile = form.save()
        # A new language takes effect at once: the confirmation is already in it.
        translation.activate(profile.language or translation.get_language_from_request(request))
        messages.success(request, _("Settings saved."))
        return redirect("profile")
    return render(request, "tracker/profile.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: RunnerRequest) -> HttpResponse:
    """Settings > Delete my account: the export offered first, the password asked,
    then every row and file of the runner's gone and the runner logged out."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        delete_account(request.user)
        logout(request)
        # After logout: the message lives in the new, anonymous session.
        messages.success(request, _("Your account and everything in it have been deleted."))
        return redirect("landing")
    return render(request, "registration/account_delete.html", {"form": form})
