"""The runner's unit named where it stands alone, in the page's language: a pace's
"/км", the calendar's cells, "Настройки (км)", the charts' axis titles and the
shoes chart's hover ("мили" for miles), from one entry each (tracker.numbers)."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tracker.models import Profile
from tracker.numbers import unit_symbol
from tracker.services import runner_today
from tracker.units import format_pace

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "units", "expected"),
    [
        ("en", "km", ("km", "5:06 /km")),
        ("en", "mi", ("mi", "8:12 /mi")),
        ("ru", "km", ("км", "5:06 /км")),
        ("ru", "mi", ("мили", "8:12 /миля")),
    ],
)
def test_a_unit_and_a_pace_in_the_language(language, units, expected):
    with translation.override(language):
        assert (unit_symbol(units), format_pace(5.1, units)) == expected


def _figures(page: str) -> str:
    """The page's plotly figures as text, whatever escaping the page gives them."""
    return "".join(
        json.dumps(json.loads(chunk.split("</script>")[0]), ensure_ascii=False)
        for chunk in page.split('type="application/json">')[1:]
    )


@pytest.mark.parametrize(("units", "word"), [("km", "км"), ("mi", "мили")])
def test_russian_pages_name_the_unit_in_russian(
    client_for, make_user, make_session, make_shoe, units, word
):
    runner = make_user(language="ru", units=units)
    shoe = make_shoe(runner, name="Pegasus")
    today = runner_today(Profile.objects.get(user=runner))
    for days in (1, 3, 5):
        make_session(
            runner,
            date=today - timedelta(days=days),
            distance_km=Decimal("8"),
            duration_min=40,
            shoe=shoe,
            surface="asphalt",
        )
    client = client_for(runner)
    calendar = client.get(reverse("calendar")).content.decode()
    assert f'<span class="cal-unit"> {word}</span>' in calendar
    assert f"Настройки ({word})" in calendar and f"дистанция ({word})" in calendar
    assert "(km)" not in calendar and "(mi)" not in calendar
    session = client.get(reverse("session_list")).content.decode()
    assert "/км" in session or "/миля" in session
    figures = _figures(client.get(reverse("dashboard"), {"range": "3m"}).content.decode())
    assert f"Дистанция ({word})" in figures
    assert f"%{{x:.0f}} {word}" in figures  # the shoes chart's hover
    assert "(km)" not in figures and "(mi)" not in figures and "} km" not in figures
