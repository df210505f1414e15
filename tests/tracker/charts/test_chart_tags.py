"""The "show the numbers" rows: every cell escaped as ``{{ cell }}`` would be."""

from __future__ import annotations

from html import escape

from tracker.templatetags.chart_tags import table_rows


def _one_cell_at_a_time(rows: list[tuple[str, ...]]) -> str:
    th, td = '<th scope="row">', "<td>"
    return "".join(
        "<tr>"
        + th
        + escape(row[0])
        + "</th>"
        + "".join(td + escape(cell) for cell in row[1:])
        + "</tr>\n"
        for row in rows
        if row
    )


def test_rows_are_escaped_cell_by_cell() -> None:
    rows = [
        ("Nov 2026", "12.0", "—"),
        ('<b>"Pegasus" & co</b>', "it's", "<script>"),
        ("only a header",),
        (),
        ("a\x00b", "<c\x00d>", "e"),  # the separator inside a cell: still exact
    ]
    assert str(table_rows(rows)) == _one_cell_at_a_time(rows)


def test_classes_on_header_and_cells() -> None:
    out = str(table_rows([("a", "1")], header_class="x", cell_class='y"'))
    assert out == '<tr><th scope="row" class="x">a</th><td class="y&quot;">1</tr>\n'


def test_a_figure_is_written_as_json_script_writes_it() -> None:
    """figure_json escapes by hand what Django's json_script escapes (<, > and &, so
    nothing in the JSON can end the script element): the same bytes, compactly."""
    from django.utils.html import json_script

    from tracker.templatetags.chart_tags import (
        _CompactEncoder,
        _translate_axes,
        _translate_texts,
        figure_json,
    )

    figure = {
        "data": [{"name": "</script><b>Grey & blue</b>", "y": [1.5, None, 3], "x0": "2026-01-05"}],
        "layout": {"title": {"text": "a < b > c && d"}, "legend": {"x": 0}},
    }
    written = figure_json(figure, "chart-x")
    shown = _translate_texts(_translate_axes(figure))  # what the page is given
    assert written == json_script(shown, "chart-x", encoder=_CompactEncoder)
    assert "</script><b>" not in written and "\\u003C/script\\u003E" in written
    assert written.startswith('<script id="chart-x" type="application/json">{"data":[{')
