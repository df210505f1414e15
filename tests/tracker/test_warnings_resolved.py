"""Flags that end: resolved pain and retired shoes, in the command, the warnings
page, the urgent banner and the dashboard; the history and the rules page."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tracker.models import SeenFlag

pytestmark = pytest.mark.django_db


def flags_json(user, **options) -> list[dict]:
    out = StringIO()
    call_command("flags", user=user.username, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


def _six_days_of_calf_pain(runner, make_soreness, last: date) -> None:
    for back in range(5, -1, -1):
        make_soreness(
            runner, date=last - timedelta(days=back), area="calf", side="left", severity=4
        )


def test_a_check_in_below_2_resolves_persisting_pain(runner, make_soreness):
    last = date(2026, 10, 6)
    _six_days_of_calf_pain(runner, make_soreness, last)
    assert [f["rule"] for f in flags_json(runner, on="2026-10-06")] == ["pain-persisting"]
    make_soreness(runner, date=date(2026, 10, 7), area="calf", side="both", severity=0)
    assert flags_json(runner, on="2026-10-07") == []
    [flag] = flags_json(runner, on="2026-10-07", all=True)
    assert (flag["rule"], flag["end"], flag["resolved"]) == (
        "pain-persisting",
        "2026-10-06",
        "2026-10-07",
    )
    # As the log stood the day before, it was not resolved yet.
    [flag] = flags_json(runner, on="2026-10-06", all=True)
    assert flag["resolved"] is None


def test_a_check_in_on_the_other_side_does_not(runner, make_soreness):
    _six_days_of_calf_pain(runner, make_soreness, date(2026, 10, 6))
    make_soreness(runner, date=date(2026, 10, 7), area="calf", side="right", severity=0)
    assert [f["rule"] for f in flags_json(runner, on="2026-10-07")] == ["pain-persisting"]


def test_a_retired_pair_keeps_its_flags_in_all_resolved_on_retirement(
    runner, make_shoe, make_session
):
    pair = make_shoe(runner, name="Old road", limit_km=20, retired=date(2026, 10, 20))
    for day in (1, 3, 5, 7):
        make_session(runner, date=date(2026, 10, day), distance_km=Decimal(6), shoe=pair)
    before = flags_json(runner, on="2026-10-10")
    assert [f["rule"] for f in before] == ["shoe-worn"] and before[0]["resolved"] is None
    assert flags_json(runner, on="2026-10-20") == []
    [flag] = [f for f in flags_json(runner, on="2026-10-20", all=True) if f["rule"] == "shoe-worn"]
    assert (flag["subject"], flag["resolved"]) == ("Old road", "2026-10-20")
    out = StringIO()
    call_command("flags", user=runner.username, on="2026-10-20", all=True, stdout=out)
    assert "(resolved on 2026-10-20)" in out.getvalue()


def test_resolved_flags_leave_the_active_list_banner_and_dashboard_for_the_history(
    client_for, runner, make_soreness, make_session
):
    today = timezone.now().date()
    _six_days_of_calf_pain(runner, make_soreness, today - timedelta(days=1))
    make_session(runner, date=today - timedelta(days=2), pain=8, pain_area="calf", pain_side="left")
    client = client_for(runner)
    page = client.get(reverse("warnings"))
    pain_rules = {"pain-persisting", "acute-pain", "recurring-pain"}  # all calf left
    assert {i.flag.rule for i in page.context["active"]} == pain_rules
    assert page.context["page"].object_list == []  # nothing twice: active ones are not history
    assert "Urgent:" in page.content.decode()
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert 'data-rule="pain-persisting"' in dashboard

    make_soreness(runner, date=today, area="calf", side="left", severity=0)
    page = client.get(reverse("warnings"))
    assert page.context["active"] == []
    history = page.context["page"].object_list
    assert {i.flag.rule for i in history} == pain_rules
    assert all(i.flag.resolved == today for i in history)
    html = page.content.decode()
    assert f"Resolved on {today.day} {today:%b %Y}" in html
    assert "Urgent:" not in html
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert 'data-rule="pain-persisting"' not in dashboard


def test_the_banner_says_each_urgent_rule_once_with_a_count(client_for, runner, make_session):
    today = timezone.now().date()
    make_session(
        runner, date=today - timedelta(days=4), pain=8, pain_area="shin", pain_side="right"
    )
    for back in (3, 2, 1):
        make_session(runner, date=today - timedelta(days=back))
    html = client_for(runner).get(reverse("session_list")).content.decode()
    banner = html[html.index("Urgent:") : html.index("Read what to do")]
    assert banner.count("Running on acute pain") == 1
    assert "Running on acute pain, 3 times</a>" in banner
    assert "Acute pain</a>" in banner  # one flag: no count
    assert 'title="shin right"' in banner


def test_a_seen_active_flag_stays_in_the_history(client_for, runner, make_soreness):
    today = timezone.now().date()
    _six_days_of_calf_pain(runner, make_soreness, today)
    client = client_for(runner)
    [item] = client.get(reverse("warnings")).context["active"]
    SeenFlag.objects.create(user=runner, key=item.flag.key)
    page = client.get(reverse("warnings"))
    assert page.context["active"] == []
    assert [(i.flag.rule, i.seen) for i in page.context["page"].object_list] == [
        ("pain-persisting", True)
    ]


def test_the_history_shows_dates_as_people_write_them_not_iso(client_for, runner, make_session):
    make_session(runner, date=date(2026, 9, 1), distance_km=Decimal(10))
    make_session(runner, date=date(2026, 9, 8), distance_km=Decimal(20))
    html = client_for(runner).get(reverse("warnings")).content.decode()
    assert 'data-rule="volume-jump"' in html
    assert "week of 6 Sep 2026" in html  # English, no day chosen: weeks from Sunday
    assert not re.search(r"\b2026-\d\d-\d\d\b", html.split("<main", 1)[1].replace('value="', ""))


def test_the_rules_page_gives_thresholds_in_the_runner_s_units_and_titles_for_sources(
    client, client_for, make_user
):
    anonymous = client.get(reverse("rules")).content.decode()
    assert "at least 5 km above" in anonymous
    assert "Why do my calves hurt after or during running?" in anonymous
    assert "(000_cf8ed46f20d463a4.txt)" in anonymous
    miles = client_for(make_user(units="mi")).get(reverse("rules")).content.decode()
    assert "at least 3.1 mi above" in miles and "at least 5 km above" not in miles
    for family in ("Load", "Surface and terrain", "Habits", "Pain", "Shoes"):
        assert f">{family}</h2>" in miles
