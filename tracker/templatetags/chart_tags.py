"""The dashboard's charts in the page: each figure's JSON, and the body rows of the
"show the numbers" tables built in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


class _CompactEncoder(DjangoJSONEncoder):
    """JSON without the spaces after "," and ":" (a tenth of a figure's bytes)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["separators"] = (",", ":")
        super().__init__(*args, **kwargs)


@register.filter
def figure_json(figure: dict[str, Any], element_id: str) -> SafeString:
    """``{{ chart.figure|figure_json:chart.script_id }}``: Django's ``json_script``
    (which escapes <, > and & inside the script element), written compactly."""
    return json_script(figure, element_id, encoder=_CompactEncoder)


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
    td = f"<td{_attrs(cell_class)}>"
    between = f"</td>{td}"
    lines = []
    for row in rows:
        if not row:
            continue
        cells = [str(cell) for cell in row]
        if any(_SEP in cell for cell in cells):  # never from our tables; kept exact
            escaped = [escape(cell) for cell in cells]
        else:
            escaped = escape(_SEP.join(cells)).split(_SEP)
        line = th + escaped[0] + "</th>"
        if len(escaped) > 1:
            line += td + between.join(escaped[1:]) + "</td>"
        lines.append(f"<tr>{line}</tr>\n")
    # Safe: the markup is ours and every cell went through escape() above.
    return mark_safe("".join(lines))
