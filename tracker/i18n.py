"""advice's text in the page's language (advice/i18n.py says how it is marked).

advice stays free of Django: its flags carry English strings, some of them
``advice.i18n.Text`` (a message id with parameters). Here Django's gettext, with
the language the request activated, turns them into the page's language; a
string no catalogue knows is shown as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext

from advice.i18n import Text
from tracker.dates import format_day


def translated(value: str | None) -> str:
    """``value`` in the active language: a Text rendered, a marked constant looked up."""
    if not value:
        return value or ""  # gettext("") is the catalogue's header, never a text
    if isinstance(value, Text):
        return value.render(gettext, show_date=format_day)
    return gettext(value)
