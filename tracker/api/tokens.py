"""Personal access tokens: made once, shown once, kept only as their SHA-256.

The same approach as a share link's token (``tracker.sharing.tokens``, whose
``digest`` this reuses): 32 random bytes from ``secrets``; a fast unsalted hash is
enough for a value nobody can guess, and lets the database find the row by the
unique index on the hash; the comparison after the look-up is constant-time.
The ``sw_`` prefix lets a secret scanner, or the runner, recognise one.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tracker.api_models import ApiToken
from tracker.sharing.tokens import TOKEN_BYTES, digest

PREFIX = "sw_"
SHOWN = 10  # characters of the token kept for the list ("sw_" and 7 more)
# token_urlsafe(32) is 43 characters; anything far longer is not a token.
MAX_TOKEN_LENGTH = 100
# How long a token lives, in days (None: until revoked).
LIFETIMES: tuple[tuple[int | None, str | Promise], ...] = (
    (30, _("30 days")),
    (90, _("90 days")),
    (365, _("A year")),
    (None, _("Never expires")),
)
# A runner's live tokens at most: a list they can read, a bound on the rows.
MAX_TOKENS = 20
# last_used_at is written at most this often: a script polling every second would
# otherwise write the row on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


def create_token(
    user: User, *, label: str, scope: str, days: int | None, now: datetime
) -> tuple[ApiToken, str]:
    """A new token row and the token: the token is returned once, never stored."""
    token = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    row = ApiToken.objects.create(
        user=user,
        label=label,
        prefix=token[:SHOWN],
        token_hash=digest(token),
        scope=scope,
        created_at=now,
        expires_at=None if days is None else now + timedelta(days=days),
    )
    return row, token


def live_token(token: str, *, now: datetime) -> ApiToken | None:
    """The unrevoked, unexpired token row ``token`` names; None whatever the reason."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    wanted = digest(token)
    row = (
        ApiToken.objects.select_related("user", "user__profile")
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now), token_hash=wanted)
        .filter(revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if row is None or not hmac.compare_digest(row.token_hash, wanted):
        return None
    return row


def mark_used(row: ApiToken, *, now: datetime) -> None:
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now


def revoke(row: ApiToken, *, now: datetime) -> None:
    """Refused from the next request on; the row stays in the list as revoked."""
    if row.revoked_at is None:
        row.revoked_at = now
        row.save(update_fields=["revoked_at"])


def live_count(user_id: int, *, now: datetime) -> int:
    return (
        ApiToken.objects.filter(user_id=user_id, revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .count()
    )


class RevokeTokensOnPasswordChange:
    """A new password ends every API token: whoever had the old one (and may have
    made a never-expiring write token with it) loses the tokens with it, as Django's
    password change ends the other browser sessions.

    Listed in AUTH_PASSWORD_VALIDATORS for Django's ``password_changed`` hook, which
    every path that sets a password calls once the user is saved: the change and
    reset forms, the admin, ``changepassword``. It validates nothing.
    """

    def validate(self, password: str, user: Any = None) -> None:
        return None

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None:
            ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )

    def get_help_text(self) -> str:
        return ""
