"""advice's text in the page's language (advice/i18n.py says how it is marked).

advice stays free of Django: its flags carry English strings, some of them
``advice.i18n.Text`` (a message id with parameters). Here Django's gettext, with
the language the request activated, turns them into the page's language; a
string no catalogue knows is shown as it is. Dates take the page's date format,
numbers (``advice.i18n.Num``) its decimal separator.
"""

from __future__ import annotations

from django.utils.translation import gettext

from advice.i18n import Num, Text
from tracker.dates import format_day
from tracker.numbers import local_number


def translated(value: str | None) -> str:
    """``value`` in the active language: a Text rendered, a marked constant looked up."""
    if not value:
        return value or ""  # gettext("") is the catalogue's header, never a text
    if isinstance(value, Text):
        return value.render(gettext, show_date=format_day, show_number=show_number)
    return gettext(value)


def show_number(number: Num) -> str:
    """A Num with the active language's decimal separator: "31.2", "31,2"."""
    return local_number(number.value, number.places)
