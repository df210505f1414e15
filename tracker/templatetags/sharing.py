"""``{% page_url 'calendar_day' y m d %}``: the runner's page, or on a share's page
its read-only twin, so one template serves both (tracker.sharing.links)."""

from __future__ import annotations

from typing import Any

from django import template

from tracker.sharing.links import page_url as link

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: template.Context, name: str, *args: Any) -> str:
    share = context.get("share")
    return link(name, *args, share_id=None if share is None else share.pk)
