"""A share link's token: made once, shown once, kept only as its SHA-256.

The token is 32 random bytes from ``secrets`` (256 bits). A plain, unsalted
SHA-256 is enough to keep it: a password needs a slow, salted hash because people
choose guessable ones, but nobody can guess or precompute a 256-bit random value,
so a fast hash loses nothing and lets the database find the row by an index on
the hash. The comparison after the look-up is constant-time (``hmac``) so that
the answer's timing says nothing about how much of a hash matched.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from django.db.models import Q

from tracker.share_models import Share

TOKEN_BYTES = 32
# token_urlsafe(32) is 43 characters; anything far from that is not a token.
MAX_TOKEN_LENGTH = 100


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def live_share(token: str, *, now: datetime, pk: int | None = None) -> Share | None:
    """The share ``token`` opens, when it exists and has not expired (and is share
    ``pk`` when given); None otherwise, whatever the reason."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    wanted = digest(token)
    rows = Share.objects.select_related("user__profile").filter(
        Q(expires__isnull=True) | Q(expires__gt=now), token_hash=wanted
    )
    if pk is not None:
        rows = rows.filter(pk=pk)
    share = rows.first()
    if share is None or not hmac.compare_digest(share.token_hash, wanted):
        return None
    return share
