"""Figures and days shown back in the page's language: a decimal comma and "3 ноября
2026" in Russian, a decimal point and "3 Nov 2026" in English; what the forms show
is what the runner would type."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tracker.dates import format_day, format_month, format_span
from tracker.form_fields import show_decimal
from tracker.numbers import local_number
from tracker.templatetags.stride import hours, in_units, yesno_blank
from tracker.units import format_distance, format_whole_distance

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 3)


def _input_value(page: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("1,234.6", "3.5 km", "1,243 km", "3.5", "1 h 05 min", "45 min", "no")),
        ("ru", ("1\xa0234,6", "3,5 км", "1\xa0243 км", "3,5", "1 ч 05 мин", "45 мин", "нет")),
    ],
)
def test_figures_in_the_language_s_separators(language, expected):
    with translation.override(language):
        shown = (
            local_number(1234.56, 1, grouping=True),
            format_distance(Decimal("3.5"), "km"),
            format_whole_distance(1243, "km"),
            in_units(Decimal("3.5"), "km"),
            hours(Decimal("65.2")),
            hours(45),
            yesno_blank(False),
        )
    assert shown == expected


def test_figures_are_rounded_before_the_separators_change():
    """Django's number_format cuts a float's digits off; 3.56 km is 3,6, not 3,5."""
    with translation.override("ru"):
        assert format_distance(3.56, "km") == "3,6 км"
        assert local_number(0.05, 1) == "0,1"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ("3 Nov 2026", "Tue 3 Nov 2026", "November 2026", "28 Oct – 3 Nov 2026")),
        ("ru", ("3 ноября 2026", "Вт, 3 ноября 2026", "Ноябрь 2026", "28 октября – 3 ноября 2026")),
    ],
)
def test_days_in_the_language_s_own_pattern(language, expected):
    with translation.override(language):
        shown = (
            format_day(TUESDAY),
            format_day(TUESDAY, weekday=True),
            format_month(TUESDAY),
            format_span(date(2026, 10, 28), TUESDAY),
        )
    assert shown == expected


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [("en", Decimal("3.50"), "3.5"), ("ru", Decimal("3.50"), "3,5"), ("ru", Decimal(100), "100")],
)
def test_a_stored_figure_is_shown_as_it_would_be_typed(language, value, shown):
    with translation.override(language):
        assert show_decimal(value) == shown


def test_the_russian_edit_form_shows_3_comma_5_and_saves_it_back_unchanged(
    client_for, make_user, make_session
):
    runner = make_user(language="ru")
    session = make_session(
        runner, date=TUESDAY, distance_km=Decimal("3.5"), duration_min=Decimal("21.5")
    )
    client = client_for(runner)
    page = client.get(reverse("session_edit", args=[session.pk])).content.decode()
    assert _input_value(page, "distance") == "3,5"
    assert _input_value(page, "duration_min") == "21:30"
    assert _input_value(page, "date") == "2026-11-03"  # the date input's value stays ISO
    miles = make_user(language="ru", units="mi")
    run = make_session(miles, date=TUESDAY, distance_km=Decimal("16.093"))
    page = client_for(miles).get(reverse("session_edit", args=[run.pk])).content.decode()
    assert _input_value(page, "distance") == "10"  # 10 mi, not 10,00


def test_a_refused_figure_is_shown_back_as_it_was_typed(client_for, make_user):
    client = client_for(make_user(language="ru"))
    data = {"date": "2026-11-01", "activity": "run", "distance": "3,5,1", "stopped": "unknown"}
    page = client.post(reverse("session_add"), data).content.decode()
    assert _input_value(page, "distance") == "3,5,1"


def test_russian_pages_write_distances_and_days_the_russian_way(
    client_for, make_user, make_session, make_shoe
):
    runner = make_user(language="ru")
    shoe = make_shoe(runner, name="Pegasus", limit_km=Decimal(650))
    make_session(runner, date=TUESDAY, distance_km=Decimal("3.5"), duration_min=65, shoe=shoe)
    client = client_for(runner)
    listing = client.get(reverse("session_list")).content.decode()
    assert "Вт, 3 ноября 2026" in listing and "3,5 км" in listing and "1 ч 05 мин" in listing
    assert "3.5 km" not in listing and "3 Ноя 2026" not in listing
    calendar = client.get(reverse("calendar_month", args=[2026, 11])).content.decode()
    assert "3,5<span" in calendar and "3,5 км" in calendar  # a day's cell and the totals
    assert "Неделя с 2 ноября 2026" in calendar
    shoes = client.get(reverse("shoe_list")).content.decode()
    assert "3,5 км" in shoes and "3.5 km" not in shoes
