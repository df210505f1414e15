"""The pages a share's viewer sees: the runner's dashboard, calendar, warnings and
report, read-only, built by the same functions as the runner's own pages.

No account: the link ``/s/<token>/`` opens the share (tracker.sharing.guard says
how the token then lives in a cookie), and every page checks that cookie again,
so a revoked or expired share is a plain 404 on the next request. Every view here
is GET only, and no template shows a write control when ``share`` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from tracker import flagging
from tracker.models import Profile
from tracker.services import runner_today
from tracker.share_models import Share
from tracker.sharing import guard
from tracker.sharing.scope import Visibility
from tracker.sharing.tokens import live_share
from tracker.views.calendar import day_context, month_context
from tracker.views.dashboard import dashboard_context
from tracker.views.report import report_context, report_pdf_response
from tracker.views.warnings import warnings_context

LAYOUT = "tracker/shared/layout.html"


@dataclass(frozen=True)
class Viewing:
    """The share a request is looking through, and what it may see."""

    share: Share
    profile: Profile
    visibility: Visibility

    def page(self, request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
        context.update(
            share=self.share,
            visibility=self.visibility,
            layout=LAYOUT,
            # The share's runner's, not those of whoever may be logged in here.
            units=self.profile.units,
            urgent_lines=(),
        )
        return render(request, template, context)


SharedView = Callable[..., HttpResponse]


def shared_page(view: SharedView) -> Callable[..., HttpResponse]:
    @require_GET
    @wraps(view)
    def wrapper(request: HttpRequest, share_id: int, **kwargs: int) -> HttpResponse:
        if guard.rate_limited(request):
            return guard.too_many()
        now = timezone.now()
        token = request.COOKIES.get(guard.cookie_name(share_id), "")
        share = live_share(token, now=now, pk=share_id)
        if share is None:
            raise Http404  # revoked, expired or never made: the same plain 404
        guard.note_opened(share, now)
        profile = share.user.profile
        viewing = Viewing(share=share, profile=profile, visibility=Visibility.of(share))
        with timezone.override(profile.time_zone):
            response = view(request, viewing, **kwargs)
        return guard.private(response)

    return wrapper


@require_GET
def open_share(request: HttpRequest, token: str) -> HttpResponse:
    """The link itself: its token into the share's cookie, then its dashboard."""
    if guard.rate_limited(request):
        return guard.too_many()
    share = live_share(token, now=timezone.now())
    if share is None:
        raise Http404
    home = reverse("shared_dashboard", args=[share.pk])
    response = HttpResponse(status=302)
    response["Location"] = home
    guard.remember(response, share, token, path=home)
    return guard.private(response)


def _active(viewing: Viewing, *, current: bool = False) -> list[flagging.RunnerFlag]:
    profile = viewing.profile
    return flagging.active_unseen(profile=profile, today=runner_today(profile), current=current)


@shared_page
def dashboard(request: HttpRequest, viewing: Viewing) -> HttpResponse:
    context = dashboard_context(
        viewing.profile,
        range_key=request.GET.get("range"),
        load_key=request.GET.get("load"),
        # dashboard_context has made the stored flags current when it asks.
        active=lambda: _active(viewing, current=True),
        visibility=viewing.visibility,
    )
    return viewing.page(request, "tracker/dashboard.html", context)


@shared_page
def calendar(
    request: HttpRequest, viewing: Viewing, year: int | None = None, month: int | None = None
) -> HttpResponse:
    context = month_context(viewing.profile, year, month, share_id=viewing.share.pk)
    return viewing.page(request, "tracker/calendar.html", context)


@shared_page
def calendar_day(
    request: HttpRequest, viewing: Viewing, year: int, month: int, day: int
) -> HttpResponse:
    context = day_context(
        viewing.profile,
        year,
        month,
        day,
        share_id=viewing.share.pk,
        visibility=viewing.visibility,
    )
    return viewing.page(request, "tracker/calendar_day.html", context)


@shared_page
def warnings(request: HttpRequest, viewing: Viewing) -> HttpResponse:
    context = warnings_context(
        viewing.profile, request, active=_active(viewing), visibility=viewing.visibility
    )
    return viewing.page(request, "tracker/warnings.html", context)


@shared_page
def report(request: HttpRequest, viewing: Viewing) -> HttpResponse:
    context = report_context(
        viewing.profile, request.GET, share_id=viewing.share.pk, visibility=viewing.visibility
    )
    return viewing.page(request, "tracker/report.html", context)


@shared_page
def report_pdf(request: HttpRequest, viewing: Viewing) -> HttpResponse:
    return report_pdf_response(
        viewing.profile, request.GET, share_id=viewing.share.pk, visibility=viewing.visibility
    )
