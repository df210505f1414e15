"""What stands in front of every shared page: the rate limit, the share from the
viewer's cookie, and the headers that keep the pages private.

The link's token travels in a URL once (``/s/<token>/``, tracker/views/shared.py),
which moves it into a cookie scoped to that share's pages (``/shared/<id>/``) and
redirects there: the pages' addresses, which browsers keep in their history and
servers in their access logs, then carry only the share's number, which opens
nothing without the token.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

from tracker.settings import client_ip
from tracker.share_models import Share

# settings.SHARE_RATE_LIMIT requests a window from one address (the link and the
# shared pages together). The count is kept in Django's default cache, which is in
# the memory of each process: with three web workers an address gets up to three
# times the limit before all of them refuse it, and a restart forgets the counts. A
# cache every worker shares (CACHES: the database cache or Redis) makes it one count
# for the site. It is a brake on scraping and on hammering the heavy pages; guessing
# a 256-bit token needs no brake.
RATE_WINDOW_SECONDS = 60
# "Last opened" is written at most this often: a viewer paging through the
# calendar is one opening, not a write per page.
OPENED_EVERY = timedelta(minutes=1)


def cookie_name(share_id: int) -> str:
    return f"sw_share_{share_id}"


def rate_limited(request: HttpRequest) -> bool:
    """Count this request against the address; True once it is over the limit."""
    key = f"share-rate:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    limit: int = settings.SHARE_RATE_LIMIT
    return count > limit


def too_many() -> HttpResponse:
    response = HttpResponse(
        "Too many requests: wait a minute and try again.", status=429, content_type="text/plain"
    )
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return private(response)


def private(response: HttpResponse) -> HttpResponse:
    """No cache keeps it, no search engine lists it, no other site learns its address."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # SecurityMiddleware only sets its site-wide policy where none is set already.
    response["Referrer-Policy"] = "no-referrer"
    return response


def remember(response: HttpResponse, share: Share, token: str, *, path: str) -> None:
    """The token in a cookie for the share's pages only, no longer than the share."""
    response.set_cookie(
        cookie_name(share.pk),
        token,
        expires=share.expires,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        # Lax, not Strict: the link is opened from an e-mail or a message, and the
        # redirect that follows is still part of that cross-site navigation.
        samesite="Lax",
    )


def note_opened(share: Share, now: datetime) -> None:
    if share.last_opened is None or now - share.last_opened >= OPENED_EVERY:
        Share.objects.filter(pk=share.pk).update(last_opened=now)
        share.last_opened = now
