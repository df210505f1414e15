"""Numbers in Russian: the decimal comma and the catalogue's units in the warnings'
sentences, the rules page, the tables, the report, the totals and plotly's figures;
English as it was."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format

from advice import evaluate
from advice.i18n import Num, Text
from advice.rules import RULES
from advice.wording import distance
from tests.advice.advice_builders import random_history
from tracker.charts.plot import num
from tracker.i18n import translated
from tracker.models import Profile
from tracker.numbers import local_number, plotly_separators
from tracker.services import runner_today
from tracker.templatetags.chart_tags import figure_json, table_rows
from tracker.templatetags.stride import hours
from tracker.units import format_distance, format_whole_distance

TODAY = date(2026, 11, 20)
# A figure written the English way: a decimal point, or an English unit after it.
ENGLISH_FIGURE = re.compile(r"\d\.\d|\d (?:km|mi|min)\b")


@pytest.mark.parametrize("units", ["km", "mi"])
def test_every_rules_flags_read_in_russian_with_the_decimal_comma(units):
    history = replace(random_history(720, 7, TODAY), units=units)
    flags = evaluate(history, TODAY)
    assert {f.rule for f in flags} == {r.id for r in RULES}
    with translation.override("ru"):
        shown = [translated(t) for f in flags for t in (f.detail, f.advice)]
        shown += [translated(r.info.threshold(units)) for r in RULES]
    assert [s for s in shown if ENGLISH_FIGURE.search(s)] == []
    unit = "км" if units == "km" else "мили"
    assert any(re.search(rf"\d+,\d {unit}", s) for s in shown)
    with translation.override("en"):
        english = [translated(t) for f in flags for t in (f.detail, f.advice)]
    assert english == [str(t) for f in flags for t in (f.detail, f.advice)]


def test_a_distance_in_a_flag_reads_31_2_km():
    text = Text(
        "{distance} on {day}, {compared}.",
        distance=distance(31_234, "km"),
        day=date(2026, 11, 3),
        compared=Text("more than double your longest so far"),
    )
    with translation.override("ru"):
        shown = translated(text)
    assert shown.startswith("31,2 км ") and "31.2" not in shown
    with translation.override("en"):
        assert (
            translated(text)
            == str(text)
            == ("31.2 km on 3 Nov 2026, more than double your longest so far.")
        )


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    ("value", "places"), [(0, 0), (0.05, 1), (31.2, 1), (1234.5, 1), (-2.25, 2), (1_234_567.891, 2)]
)
def test_local_number_writes_what_number_format_writes(language, value, places):
    digits = Decimal(f"{value:.{places}f}")
    with translation.override(language):
        assert local_number(value, places) == number_format(digits, places)
        assert local_number(value, places, grouping=True) == number_format(
            digits, places, force_grouping=True
        )


def test_tables_totals_and_distances_in_russian():
    with translation.override("ru"):
        row = table_rows([("1.5 km", num(1234.56), num(0.25, 2), num(None))])
        # The figures in the page's separators; the other cells as they are.
        assert row == '<tr><th scope="row">1.5 km</th><td>1\xa0234,6<td>0,25<td>—</tr>\n'
        assert format_distance(Decimal("12.345"), "km") == "12,3 км"
        assert format_distance(Decimal("12.345"), "mi") == "7,7 мили"
        assert format_whole_distance(Decimal("644"), "mi") == "400 миль"
        assert format_whole_distance(Decimal("646"), "mi") == "401 миля"
        assert hours(Decimal("1197")) == "19 ч 57 мин" and hours(45) == "45 мин"
        assert translated(Text("{x}", x=Num(1.5, 1))) == "1,5"
    with translation.override("en"):
        assert num(1234.56) == "1,234.6"
        assert "<td>1,234.6<td>0.25" in table_rows([("x", num(1234.56), num(0.25, 2))])
        assert format_distance(Decimal("12.345"), "mi") == "7.7 mi"
        assert format_whole_distance(Decimal("644"), "mi") == "400 mi"
        assert hours(Decimal("1197")) == "19 h 57 min"


def test_plotly_writes_its_numbers_with_the_pages_separators():
    figure = {"data": [], "layout": {"yaxis": {"title": {"text": "Ratio"}}}}
    with translation.override("ru"):
        assert plotly_separators() == ",\xa0"
        written = figure_json(figure, "chart")
    with translation.override("en"):
        assert plotly_separators() == ".,"
    payload = json.loads(written.split(">", 1)[1].rsplit("<", 1)[0])
    assert payload["layout"]["separators"] == ",\xa0"
    assert payload["layout"]["yaxis"]["title"]["text"] == "Отношение"
    assert "separators" not in figure["layout"]  # the built figure is left alone


@pytest.fixture
def russian_runner(make_user, make_session):
    runner = make_user(language="ru")
    today = runner_today(Profile.objects.get(user=runner))
    for back in range(20, 1, -2):
        make_session(runner, date=today - timedelta(days=back), distance_km=Decimal("10.4"))
    # A long run: long-run-spike's "31.2 km on ..., 200% longer than ... (10.4 km on ...)"
    make_session(runner, date=today - timedelta(days=1), distance_km=Decimal("31.234"))
    return runner


@pytest.mark.django_db
def test_the_warnings_page_writes_31_2_km_in_russian(client_for, russian_runner):
    client = client_for(russian_runner)
    body = client.get(reverse("warnings")).content.decode()
    assert "31,2 км" in body and "10,4 км" in body
    assert not re.search(r"\d\.\d (?:km|км)", body)
    rules = client.get(reverse("rules")).content.decode()
    assert "5 км" in rules and not re.search(r"\d (?:km|mi)\b", rules)


@pytest.mark.django_db
def test_the_session_list_and_report_in_russian(client_for, russian_runner):
    client = client_for(russian_runner)
    body = client.get(reverse("session_list")).content.decode()
    assert "31,2 км" in body and "10,4 км" in body and "31.2" not in body
    today = runner_today(Profile.objects.get(user=russian_runner))
    report = client.get(
        reverse("report"), {"start": (today - timedelta(days=6)).isoformat()}
    ).content.decode()
    assert not re.search(r"\d\.\d (?:km|км)", report)


def test_a_recompiled_catalogue_drops_the_kept_renderings():
    from pathlib import Path

    from tracker import i18n, numbers

    with translation.override("ru"):
        translated(distance(31_234, "km"))
        format_distance(Decimal("1.5"), "km")
    assert i18n._WAYS and numbers._STYLES
    i18n.catalogue_changed(None, Path("tracker/locale/ru/LC_MESSAGES/django.po"))
    assert i18n._WAYS and numbers._STYLES  # a .po is not what Django reads
    i18n.catalogue_changed(None, Path("tracker/locale/ru/LC_MESSAGES/django.mo"))
    assert not i18n._WAYS and not numbers._STYLES
    with translation.override("ru"):
        assert translated(distance(31_234, "km")) == "31,2 км"
