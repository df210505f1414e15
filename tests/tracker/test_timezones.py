"""The time zone list: current zones grouped by region, legacy names mapped, and the
browser's guess offered only to a runner who has not chosen."""

from __future__ import annotations

import json
import zoneinfo
from datetime import date

import pytest
from django.urls import reverse

from tracker import timezones
from tracker.account_forms import ProfileForm, SignupForm
from tracker.models import Profile

LEGACY = ("Factory", "localtime", "posixrules", "Etc/GMT+5", "Etc/UTC", "US/Eastern", "GB")


def offered(choices) -> list[str]:
    names = []
    for value, label in choices:
        names += [v for v, _ in label] if isinstance(label, list | tuple) else [value]
    return names


def test_it_offers_current_zones_only_each_once_grouped_by_region():
    names = offered(timezones.choices())
    assert len(names) == len(set(names))
    assert {"UTC", "Europe/London", "America/New_York", "Asia/Kolkata"} <= set(names)
    assert not set(LEGACY) & set(names)
    assert "Asia/Calcutta" not in names
    assert len(names) < len(zoneinfo.available_timezones()) * 0.8
    regions = [value for value, label in timezones.choices() if isinstance(label, list)]
    assert regions == [r for r in timezones.REGIONS if r in regions]
    assert all(zoneinfo.ZoneInfo(name) for name in names)  # every one loads


def test_it_maps_the_legacy_names_a_browser_may_report():
    legacy = timezones.legacy_names()
    if not legacy:
        pytest.skip("this machine's time zone data has no tzdata.zi")
    assert legacy["Asia/Calcutta"] == "Asia/Kolkata"
    assert legacy["Etc/UTC"] == "UTC"
    assert set(legacy.values()) <= timezones.current_zones()


def test_it_labels_a_zone_whole():
    assert timezones.label("America/Argentina/Buenos_Aires") == (
        "America / Argentina / Buenos Aires"
    )


def test_it_keeps_a_legacy_zone_a_runner_already_has():
    names = offered(timezones.choices(keep="US/Eastern"))
    assert names.count("US/Eastern") == 1


@pytest.mark.django_db
def test_the_settings_guess_only_while_the_runner_has_not_chosen(make_user):
    fresh = make_user()
    chosen = make_user(time_zone="Europe/Paris", time_zone_chosen=True)
    today = date(2026, 11, 1)

    guessing = ProfileForm(instance=fresh.profile, today=today).fields["time_zone"].widget
    assert json.loads(guessing.attrs["data-guess-timezone"]) == timezones.legacy_names()
    settled = ProfileForm(instance=chosen.profile, today=today).fields["time_zone"].widget
    assert "data-guess-timezone" not in settled.attrs
    assert "data-guess-timezone" in SignupForm().fields["time_zone"].widget.attrs


@pytest.mark.django_db
def test_saving_the_settings_marks_the_zone_chosen(client_for, make_user):
    runner = make_user()
    response = client_for(runner).post(
        reverse("profile"), {"units": "km", "time_zone": "Asia/Kolkata", "week_start": "6"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=runner)
    assert (profile.time_zone, profile.time_zone_chosen, profile.week_start) == (
        "Asia/Kolkata",
        True,
        6,
    )


@pytest.mark.django_db
def test_it_refuses_a_legacy_name_with_a_message(client_for, make_user):
    runner = make_user()
    response = client_for(runner).post(
        reverse("profile"), {"units": "km", "time_zone": "US/Eastern", "week_start": "0"}
    )
    assert response.context["form"].errors["time_zone"] == ["Choose your time zone from the list."]


@pytest.mark.django_db
def test_a_runner_keeps_an_old_legacy_zone_when_saving_other_settings(client_for, make_user):
    runner = make_user(time_zone="US/Eastern", time_zone_chosen=True)
    response = client_for(runner).post(
        reverse("profile"), {"units": "mi", "time_zone": "US/Eastern", "week_start": "0"}
    )
    assert response.status_code == 302
    assert Profile.objects.get(user=runner).time_zone == "US/Eastern"


@pytest.mark.django_db
def test_a_sign_up_without_a_zone_starts_on_utc_still_to_be_guessed(client):
    client.post(
        reverse("signup"),
        {
            "username": "script",
            "email": "script@example.org",
            "password1": "calf-raises-2026",
            "password2": "calf-raises-2026",
        },
    )
    profile = Profile.objects.get(user__username="script")
    assert (profile.time_zone, profile.time_zone_chosen) == ("UTC", False)
