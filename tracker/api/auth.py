"""``Authorization: Bearer <token>``: the API's only way in.

The session cookie never authenticates the API: ninja's views are exempt from
Django's CSRF check, which is safe only because nothing a browser sends by itself
(a cookie) opens them. The token's runner replaces whatever user and profile the
session middleware attached, so a browser logged in as one runner calling the API
with another's token acts as the token's runner, never a mix of both.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer

from tracker.api.tokens import live_token, mark_used
from tracker.api_models import ApiToken
from tracker.services import profile_for

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        now = timezone.now()
        row = live_token(token, now=now)
        if row is None:
            return None  # 401, the same answer for unknown, expired and revoked
        if request.method not in SAFE_METHODS and not row.can_write:
            raise HttpError(403, "This token may only read: make a read and write token.")
        mark_used(row, now=now)
        user: Any = row.user
        request.user = user
        # tracker.requests.profile_of reads this (set from the session otherwise).
        request.profile = profile_for(row.user)  # type: ignore[attr-defined]  # our attribute
        timezone.activate(request.profile.time_zone)  # type: ignore[attr-defined]  # as above
        return row
