"""advice's text in the page's language (advice/i18n.py says how it is marked).

advice stays free of Django: its flags carry English strings, some of them
``advice.i18n.Text`` (a message id with parameters). Here Django's gettext, with
the language the request activated, turns them into the page's language; a
string no catalogue knows is shown as it is. Dates take the page's date format,
numbers (``advice.i18n.Num``) its decimal separator.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from django.utils.translation import get_language, gettext

from advice.i18n import Num, Text
from tracker.dates import day_label, format_day
from tracker.numbers import forget_styles, separators_table


def translated(value: str | None) -> str:
    """``value`` in the active language: a Text rendered, a marked constant looked up."""
    if not value:
        return value or ""  # gettext("") is the catalogue's header, never a text
    if isinstance(value, Text):
        # The language once a Text, not once a message id and figure in it: a lookup
        # is a microsecond, and a table of Texts (the habits chart's shares) has
        # hundreds.
        language = get_language()
        way = _WAYS.get(language) or _way(language)
        return value.render(way.translate, show_date=_show_day, show_number=way.show_number)
    return gettext(value)


class _Way(NamedTuple):
    """How one language renders a Text: gettext with its results kept (the catalogue
    does not change while the process runs), and its decimal separator."""

    translate: Callable[[str], str]
    show_number: Callable[[Num], str]


_WAYS: dict[str | None, _Way] = {}
_KEPT_MAX = 20_000  # message ids are the code's literals: never reached in practice


def _way(language: str | None) -> _Way:
    kept: dict[str, str] = {}

    def translate(msgid: str) -> str:
        text = kept.get(msgid)
        if text is None:
            if len(kept) > _KEPT_MAX:
                kept.clear()
            text = kept[msgid] = gettext(msgid)  # the active language: ``language``
        return text

    table = separators_table(language)

    def show(number: Num) -> str:
        return number.english.translate(table) if table else number.english

    way = _WAYS[language] = _Way(translate, show)
    return way


def catalogue_changed(sender: object, file_path: Path, **kwargs: object) -> None:
    """The autoreloader saw a file change: a compiled catalogue drops what was kept
    from the old one (here and in tracker.numbers). Returns None, so Django's own
    handler (which reloads the translations, and returns True) still runs."""
    if file_path.suffix == ".mo":
        _WAYS.clear()
        forget_styles()


def _show_day(day: date) -> str:
    # Cached per language (tracker.dates.day_label) for plain dates, as flags name
    # the same days often; Django's date formatting is the slowest part of a Text.
    return day_label(day) if type(day) is date else format_day(day)
