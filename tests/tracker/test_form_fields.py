"""The figures runners type: distances with a dot or a comma, durations as h:mm:ss,
mm:ss or minutes, a pace instead of the duration; and the pace shown back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from tracker.form_fields import parse_decimal, parse_minutes, show_minutes
from tracker.models import Session
from tracker.units import format_pace, session_pace

GOOD_SESSION = {
    "date": "2026-11-01",
    "activity": "run",
    "distance": "10.5",
    "duration_min": "55",
    "stopped": "unknown",
}


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("3.5", Decimal("3.5")),
        ("3,5", Decimal("3.5")),
        (" 3,50 ", Decimal("3.50")),
        (",5", Decimal("0.5")),
        ("10", Decimal("10")),
        ("1,234", Decimal("1.234")),  # one comma is a decimal comma
        ("abc", None),
        ("NaN", None),
        ("1e3", None),
        ("٣", None),  # only ASCII digits
        ("", None),
    ],
)
def test_it_reads_a_distance_with_a_dot_or_a_comma(typed, value):
    assert parse_decimal(typed) == value


@pytest.mark.parametrize("typed", ["9" * 40, "9" * 60 + ",5"])
def test_a_distance_with_more_digits_than_decimal_holds_is_refused_not_a_500(
    client_for, runner, typed
):
    # Found by the API's fuzz: quantize raised InvalidOperation past 28 digits.
    response = client_for(runner).post(
        "/sessions/add/", {"date": "2026-11-01", "activity": "run", "distance": typed}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["distance"] == ["That number is far too large."]


@pytest.mark.parametrize("typed", ["1,234.5", "1.234,5", "1,234,567", "1 234", "1'234.5"])
def test_it_refuses_thousands_separators_in_a_distance(typed):
    with pytest.raises(ValueError, match="thousands"):
        parse_decimal(typed)


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("45:30", Decimal("45.5")),
        ("1:05:00", Decimal("65")),
        ("45", Decimal("45")),
        ("45.5", Decimal("45.5")),
        ("45,5", Decimal("45.5")),
        ("90:00", Decimal("90")),  # mm:ss with more than an hour of minutes
        ("0:00:30", Decimal("0.5")),
        ("45:60", None),
        ("1:60:00", None),
        ("1:2:3:4", None),
        ("45:", None),
        ("ab:cd", None),
    ],
)
def test_it_reads_a_duration_as_runners_write_it(typed, minutes):
    assert parse_minutes(typed) == minutes


def test_it_shows_minutes_the_way_they_are_typed():
    assert show_minutes(Decimal("45.5")) == "45:30"
    assert show_minutes(Decimal("65")) == "1:05:00"


@pytest.mark.parametrize(
    ("min_per_km", "units", "shown"),
    [
        (5.1, "km", "5:06 /km"),
        (5.0, "mi", "8:03 /mi"),
        (None, "km", "—"),
        (2.999, "km", "3:00 /km"),
    ],
)
def test_it_formats_a_pace_in_the_runners_units(min_per_km, units, shown):
    assert format_pace(min_per_km, units) == shown


def test_a_session_without_distance_or_time_has_no_pace():
    assert session_pace(None, Decimal(30), "km") == "—"
    assert session_pace(Decimal(0), Decimal(30), "km") == "—"
    assert session_pace(Decimal(5), Decimal(0), "km") == "—"
    assert session_pace(Decimal(10), Decimal(51), "km") == "5:06 /km"


@pytest.mark.django_db
def test_the_form_saves_a_comma_distance_and_a_clock_duration(client_for, runner):
    client = client_for(runner)
    response = client.post(
        reverse("session_add"), {**GOOD_SESSION, "distance": "3,5", "duration_min": "45:30"}
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.distance_km, session.duration_min) == (Decimal("3.500"), Decimal("45.50"))
    edit = client.get(reverse("session_edit", args=[session.pk])).content.decode()
    assert 'value="45:30"' in edit


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("units", "distance", "minutes"), [("km", "10", "50.00"), ("mi", "5", "25.00")]
)
def test_a_pace_with_a_distance_gives_the_duration(client_for, make_user, units, distance, minutes):
    client = client_for(make_user(units=units))
    response = client.post(
        reverse("session_add"),
        {**GOOD_SESSION, "distance": distance, "duration_min": "", "pace": "5:00"},
    )
    assert response.status_code == 302
    assert Session.objects.get().duration_min == Decimal(minutes)


@pytest.mark.django_db
def test_a_pace_that_agrees_with_the_duration_is_taken(client_for, runner):
    response = client_for(runner).post(
        reverse("session_add"),
        {**GOOD_SESSION, "distance": "10", "duration_min": "50:10", "pace": "5:00"},
    )
    assert response.status_code == 302
    assert Session.objects.get().duration_min == Decimal("50.17")


@pytest.mark.django_db
def test_the_pace_names_the_runners_unit_in_the_refusal(client_for, make_user):
    response = client_for(make_user(units="mi")).post(
        reverse("session_add"), {**GOOD_SESSION, "distance": "10", "duration_min": "30"}
    )
    assert "3:00 /mi is faster than the world record pace" in " ".join(
        response.context["form"].errors["duration_min"]
    )
