"""Request-wide behaviour: the runner's time zone and profile, private caching."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from tracker.services import profile_for


class RunnerTimezoneMiddleware:
    """Show times in the runner's own zone and keep their profile at hand."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.profile = None  # type: ignore[attr-defined]  # our own attribute (profile_of)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = profile_for(user)
            request.profile = profile  # type: ignore[attr-defined]  # as above
            timezone.activate(zoneinfo.ZoneInfo(profile.time_zone))
            # The profile's language overrides LocaleMiddleware's pick (cookie or
            # Accept-Language); blank leaves that pick alone.
            if profile.language:
                translation.activate(profile.language)
                request.LANGUAGE_CODE = profile.language  # as LocaleMiddleware sets it
        else:
            timezone.deactivate()
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Nothing shown to a logged-in runner is kept by a browser or a proxy cache.

    Every page a runner sees carries their health data (even the banner on a
    public page), and so does the export zip: ``Cache-Control: no-store`` keeps
    them out of shared caches and off the disk of a shared computer, and the
    back button after logging out shows nothing. Static files never reach this
    middleware (whitenoise answers them earlier) and keep their long cache life.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
