"""The pages' date wording (tracker/dates.py) and what every page's layout shows."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from advice import ACTIVE_DAYS, PAIN_MIN
from tracker.charts.periods import Bins, Period
from tracker.dates import format_day, format_months, format_span

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (date(2026, 11, 3), date(2026, 11, 3), "3 Nov 2026"),
        (date(2026, 11, 3), date(2026, 11, 9), "3 Nov \u2013 9 Nov 2026"),
        (date(2025, 12, 30), date(2026, 1, 2), "30 Dec 2025 \u2013 2 Jan 2026"),
    ],
)
def test_a_span_names_the_year_once_when_it_can(start, end, text):
    assert format_span(start, end) == text


def test_chart_columns_word_days_as_the_pages_do():
    day = date(2026, 11, 2)
    weeks = Bins(Period.WEEK, day, date(2026, 11, 20))
    assert weeks.label(0) == format_day(day) == "2 Nov 2026"
    assert weeks.when(0) == "week of 2 Nov 2026"
    days = Bins(Period.DAY, day, day)
    assert days.when(0) == format_day(day, weekday=True) == "Mon 2 Nov 2026"
    months = Bins(Period.MONTH, day, date(2026, 12, 20))
    assert months.label(1) == "Dec 2026"
    assert format_months(date(2026, 10, 1), date(2026, 12, 31)) == "Oct-Dec 2026"


@pytest.mark.django_db
def test_every_page_shows_the_release_from_pyproject(client):
    release = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    page = client.get(reverse("landing")).content.decode()
    assert f"Stridewise {release}" in page


def test_the_warnings_page_takes_advices_lines_not_its_own():
    text = (ROOT / "templates" / "tracker" / "warnings.html").read_text()
    assert "{{ active_days }} days" in text and "{{ pain_min }}/10" in text
    assert f"{ACTIVE_DAYS} days" not in text and f"{PAIN_MIN}/10" not in text


def test_the_day_and_month_filters_read_as_the_uncached_formatting():
    from datetime import UTC, datetime, timedelta, timezone

    from tracker.dates import format_day, format_month
    from tracker.templatetags.stride import day, month

    for value in (date(2026, 11, 27), date(1900, 1, 1)):
        assert day(value) == format_day(value)
        assert day(value, "weekday") == format_day(value, weekday=True)
        assert month(value) == format_month(value)
    assert day(None) == "—"
    # One instant in two zones: two days, never one cached answer for both.
    late = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    ahead = late.astimezone(timezone(timedelta(hours=2)))
    assert (day(late), day(ahead)) == ("27 Nov 2026", "28 Nov 2026")
