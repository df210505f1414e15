"""Creating and revoking a runner's shares."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from tracker.share_models import Share
from tracker.sharing.tokens import digest, new_token

# How long a share lives, in days (None: until the runner revokes it).
LIFETIMES: tuple[tuple[int | None, Promise], ...] = (
    (7, _("7 days")),
    (30, _("30 days")),
    (90, _("90 days")),
    (None, _("Until I revoke it")),
)
# A runner's shares at most: a list they can read, and a bound on the rows one
# account can make.
MAX_SHARES = 50


def create_share(
    user: User,
    *,
    label: str,
    title: str,
    covers: str,
    notes: bool,
    days: int | None,
    now: datetime,
) -> tuple[Share, str]:
    """A new share and its token: the token is returned once, never stored."""
    token = new_token()
    share = Share.objects.create(
        user=user,
        label=label,
        title=title,
        covers=covers,
        notes=notes,
        token_hash=digest(token),
        created=now,
        expires=None if days is None else now + timedelta(days=days),
    )
    return share, token


def revoke(share: Share) -> None:
    """Gone at once: the next request with its link or cookie is a 404."""
    share.delete()
