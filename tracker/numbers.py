"""Numbers as the page's language writes them: "1,234.5" in English, "1 234,5" in Russian.

Python code that builds text with figures in it (the charts' "show the numbers"
tables, the report, the session totals, advice's ``Num`` through tracker/i18n.py)
goes through ``local_number``; templates get the same from Django's own
localisation of ``{{ value }}``, and plotly from ``layout.separators``
(``plotly_separators``). Django is imported on first use, not with this module:
the chart modules word their tables through here and import no Django
(tests/tracker/charts/test_charts_registry.py), as tracker/dates.py does.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

from advice.wording import KM, MI


def local_number(value: float | Decimal | int, places: int, *, grouping: bool = False) -> str:
    """``value`` with ``places`` decimals in the active language's separators
    (``grouping``: thousands grouped, as the tables do).

    Django's separators (``get_format``, what ``number_format`` uses) put into the
    digits Python writes: the same figure in every language, rounded as English
    rounds it (``number_format`` cuts a float's extra decimals instead), and at a
    third of its cost, as a table writes hundreds. tests/i18n hold the two equal.
    """
    english = f"{value:,.{places}f}" if grouping else f"{value:.{places}f}"
    table = _style().table
    return english.translate(table) if table else english


def separators_table(language: str | None = None) -> dict[int, str]:
    """The active language's separators (or ``language``'s, when it is the active
    one and the caller has looked it up already) as a ``str.translate`` table from
    Python's ("." and ","), empty where they are the same (English): for code that
    writes many figures and looks the language up once (the charts' tables)."""
    return _style(language).table


def local_distance(value: float | Decimal | int, places: int, units: str) -> str:
    """A distance with its unit, "1,234.5 km" or "1 234,5 км": grouped figures, and the
    unit from the catalogue entry advice's flags use (advice.wording.KM / MI), so a
    session row and a warning write a distance alike.

    Russian "мили" is the form a number with decimals takes ("7,6 мили"); a whole
    number of miles (a shoe's limit, ``places`` 0) takes its plural form ("400
    миль", "401 миля"), from an entry of its own. km is "км" whatever the number.
    """
    style = _style()
    english = f"{value:,.{places}f}"
    number = english.translate(style.table) if style.table else english
    if units != "mi":
        return style.km.format(distance=number)
    if places == 0:
        # Rare (a shoe's limit): imported here, under the name xgettext looks for.
        from django.utils.translation import ngettext

        return ngettext("%(distance)s mi", "%(distance)s mi", int(value)) % {"distance": number}
    return style.mi.format(distance=number)


def plotly_separators() -> str:
    """plotly's ``layout.separators``: the active language's decimal separator, then
    its thousands separator (".," in English, ",\\xa0" in Russian)."""
    return str(_get_format("DECIMAL_SEPARATOR")) + str(_get_format("THOUSAND_SEPARATOR"))


class _Style(NamedTuple):
    """How the active language writes figures: a ``str.translate`` table from
    Python's separators to its own ({} where they are the same: English), and its
    distance patterns ("{distance} км")."""

    table: dict[int, str]
    km: str
    mi: str


# Per language, looked up once a call: the language itself is a context-local
# lookup (a microsecond), gettext another.
_STYLES: dict[str | None, _Style] = {}


def forget_styles() -> None:
    """Drop what was kept per language (a catalogue recompiled while serving)."""
    _STYLES.clear()


def _style(language: str | None = None) -> _Style:
    if language is None:
        language = _language()
    style = _STYLES.get(language)
    if style is None:
        decimal = str(_get_format("DECIMAL_SEPARATOR"))
        thousands = str(_get_format("THOUSAND_SEPARATOR"))
        same = (decimal, thousands) == (".", ",")
        table = {} if same else str.maketrans({".": decimal, ",": thousands})
        style = _STYLES[language] = _Style(table, _gettext(KM), _gettext(MI))
    return style


def _language() -> str | None:
    global _language
    from django.utils.translation import get_language

    _language = get_language
    return get_language()


def _get_format(
    format_type: str, lang: str | None = None, use_l10n: bool | None = None
) -> Any:  # Django's get_format, bound on first use
    global _get_format
    from django.utils.formats import get_format

    _get_format = get_format
    return get_format(format_type, lang, use_l10n)


def _gettext(message: str) -> str:
    global _gettext
    from django.utils.translation import gettext

    _gettext = gettext
    return gettext(message)
