"""The dashboard's charts in the page: each figure's JSON, and the body rows of the
"show the numbers" tables built in one pass.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from advice.i18n import Text
from tracker.charts.plot import TableNumber
from tracker.i18n import translated
from tracker.numbers import plotly_separators, separators_table

register = template.Library()


class _CompactEncoder(DjangoJSONEncoder):
    """JSON without the spaces after "," and ":" (a tenth of a figure's bytes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["separators"] = (",", ":")
        super().__init__(*args, **kwargs)


# json_script's escapes of <, > and & inside the script element. Done with
# str.replace: json_script's str.translate goes a character at a time through a
# ten-year page's 60 kB of figures.
_SCRIPT_ESCAPES = (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026"))


@register.filter
def figure_json(figure: dict[str, Any], element_id: str) -> SafeString:
    """``{{ chart.figure|figure_json:chart.script_id }}``: what Django's
    ``json_script`` writes (tests/tracker/charts/test_chart_tags.py), compactly."""
    data = json.dumps(_translate_texts(_translate_axes(figure)), cls=_CompactEncoder)
    for char, escaped in _SCRIPT_ESCAPES:
        if char in data:
            data = data.replace(char, escaped)
    # Safe: JSON with every character that could end the element escaped.
    return format_html(
        '<script id="{}" type="application/json">{}</script>', element_id, mark_safe(data)
    )


def _shown(cell: object, separators: dict[int, str]) -> str:
    """A table cell as text: a chart's Text (a warning's title) in the page's language,
    a figure with its separators."""
    if type(cell) is TableNumber:
        return cell.translate(separators) if separators else cell
    return translated(cell) if isinstance(cell, Text) else str(cell)


# What a figure's arrays hold when they hold no Text (a Text is a str subclass, so
# its type is not among them): such an array is passed over in one C-level pass.
_PLAIN = frozenset({int, float, str, bool, type(None)})


def _translate_texts(value: Any) -> Any:
    """The figure with every advice Text in it (hover text, markers) translated;
    containers without one are returned as they are, not copied."""
    if isinstance(value, Text):
        return translated(value)
    if isinstance(value, dict):
        changed = {k: _translate_texts(v) for k, v in value.items()}
        return changed if any(changed[k] is not value[k] for k in value) else value
    if isinstance(value, list | tuple):
        # A ten-year figure is thousands of numbers: a call for each was most of
        # this walk's time.
        if _PLAIN.issuperset(map(type, value)):
            return value
        items = [_translate_texts(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _translate_axes(figure: dict[str, Any]) -> dict[str, Any]:
    """The axes' titles in the page's language (the charts mark them with N_); the
    figure itself is left as built (a copy of the layout is changed)."""
    layout = figure.get("layout")
    if not isinstance(layout, dict):
        return figure
    axes = {}
    for key, axis in layout.items():
        title = axis.get("title") if isinstance(axis, dict) else None
        if key[1:5] == "axis" and isinstance(title, dict) and isinstance(title.get("text"), str):
            axes[key] = {**axis, "title": {**title, "text": translated(title["text"])}}
    # plotly writes the axis ticks and the hover numbers (%{y:.1f}) itself: with the
    # page's decimal and thousands separators, as the tables beside them.
    return {**figure, "layout": {**layout, **axes, "separators": plotly_separators()}}


def _attrs(css: str) -> str:
    return f' class="{escape(css)}"' if css else ""


# A year of charts is about 200 rows; through {% for %} loops the template engine took
# longer over them than building every figure did. Every cell is escaped here exactly
# as {{ cell }} would be (html.escape, quotes included): a row's cells are escaped
# together, joined by a character that html.escape leaves alone and no cell holds
# (Django's forms refuse NUL), which is a fifth of the calls of a cell at a time.
_SEP = "\x00"


@register.simple_tag
def table_rows(
    rows: Sequence[Sequence[str]], *, header_class: str = "", cell_class: str = ""
) -> SafeString:
    """``{% table_rows table.rows %}``: a ``<tr>`` a row, its first cell a row header."""
    th = f'<th scope="row"{_attrs(header_class)}>'
    # No </td>: HTML ends a cell at the next cell or the row's end (an optional end
    # tag, parsed the same by every browser), and a ten-year table of areas by month
    # is thousands of cells, most of them empty: 5 bytes each kept the page's HTML
    # under its 150 KB budget in Russian.
    td = f"<td{_attrs(cell_class)}>"
    lines = []
    separators = separators_table()
    for row in rows:
        if not row:
            continue
        cells = [_shown(cell, separators) for cell in row]
        if any(_SEP in cell for cell in cells):  # never from our tables; kept exact
            escaped = [escape(cell) for cell in cells]
        else:
            escaped = escape(_SEP.join(cells)).split(_SEP)
        line = th + escaped[0] + "</th>"
        if len(escaped) > 1:
            line += td + td.join(escaped[1:])
        lines.append(f"<tr>{line}</tr>\n")
    # Safe: the markup is ours and every cell went through escape() above.
    return mark_safe("".join(lines))
