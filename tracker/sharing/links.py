"""The address of a page a runner and a share's viewer both see: the runner's own
(``calendar_day``) or, for a share, its read-only twin (``shared_calendar_day``)."""

from __future__ import annotations

from django.urls import reverse

SHARED_PREFIX = "shared_"


def page_url(name: str, *args: object, share_id: int | None = None) -> str:
    if share_id is None:
        return reverse(name, args=args)
    return reverse(SHARED_PREFIX + name, args=[share_id, *args])
