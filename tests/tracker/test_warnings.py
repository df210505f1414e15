"""Warnings pages, the urgent banner, "mark as seen" and the flags command."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tracker.models import SeenFlag, Session, Soreness

pytestmark = pytest.mark.django_db

PAIN_PERSISTING_QUOTE = "And if it does not stop within five days, there is reason to be wary"


def flags_json(user, **options) -> list[dict]:
    out = StringIO()
    call_command("flags", user=user.username, format="json", stdout=out, **options)
    return json.loads(out.getvalue())


def test_it_flags_six_days_of_calf_pain_on_the_sixth_day_not_before(runner, make_soreness):
    first = date(2026, 10, 1)
    for day in range(6):
        make_soreness(
            runner, date=first + timedelta(days=day), area="calf", side="left", severity=4
        )
    on_day5 = flags_json(runner, on=(first + timedelta(days=4)).isoformat())
    on_day6 = flags_json(runner, on=(first + timedelta(days=5)).isoformat())
    assert "pain-persisting" not in {f["rule"] for f in on_day5}
    [flag] = [f for f in on_day6 if f["rule"] == "pain-persisting"]
    assert flag["subject"] == "calf left"
    assert flag["severity"] == "warning"
    assert (flag["start"], flag["end"]) == ("2026-10-01", "2026-10-06")
    assert PAIN_PERSISTING_QUOTE in flag["source"]["quote"]
    assert flag["source"]["document"] == "003_71d7c04d76774aa5.txt"
    assert set(flag) == {
        "rule",
        "severity",
        "start",
        "end",
        "subject",
        "title",
        "detail",
        "advice",
        "source",
        "resolved",
    }
    assert flag["resolved"] is None


def test_it_ignores_data_after_the_on_day(runner, make_session):
    make_session(runner, date=date(2026, 10, 10), stopped=True)
    assert flags_json(runner, on="2026-10-09", all=True) == []
    assert [f["rule"] for f in flags_json(runner, on="2026-10-10")] == ["stopped-mid-run"]


def test_it_prints_only_active_flags_unless_all(runner, make_session):
    make_session(runner, date=date(2026, 9, 1), stopped=True)
    assert flags_json(runner, on="2026-10-10") == []
    assert len(flags_json(runner, on="2026-10-10", all=True)) == 1


def test_it_prints_text_and_refuses_bad_arguments(runner, make_session):
    make_session(runner, date=date(2026, 10, 10), stopped=True)
    out = StringIO()
    call_command("flags", user=runner.username, on="2026-10-10", stdout=out)
    assert "stopped-mid-run" in out.getvalue() and "INFO" in out.getvalue()
    with pytest.raises(CommandError, match=r"(?i)no runner"):
        call_command("flags", user="nobody")
    with pytest.raises(CommandError, match="not a date"):
        call_command("flags", user=runner.username, on="10/10/2026")


def _today(user) -> date:
    return timezone.now().date()


def test_it_shows_active_warnings_and_lets_the_runner_mark_them_seen(
    client_for, runner, make_soreness
):
    today = _today(runner)
    for back in range(5, -1, -1):
        make_soreness(
            runner, date=today - timedelta(days=back), area="calf", side="left", severity=4
        )
    client = client_for(runner)
    page = client.get(reverse("warnings"))
    active = page.context["active"]
    assert [item.flag.rule for item in active] == ["pain-persisting"]
    assert PAIN_PERSISTING_QUOTE in page.content.decode()
    key = active[0].flag.key
    client.post(reverse("mark_seen"), {"key": key, "next": "https://evil.example/"})
    assert SeenFlag.objects.filter(user=runner, key=key).exists()
    assert client.get(reverse("warnings")).context["active"] == []
    # The history still lists it, marked as seen.
    history = client.get(reverse("warnings")).context["page"].object_list
    assert [(item.flag.rule, item.seen) for item in history] == [("pain-persisting", True)]


def test_it_raises_a_seen_flag_again_when_new_data_extends_it(client_for, runner, make_soreness):
    today = _today(runner)
    for back in range(6, 0, -1):
        make_soreness(
            runner, date=today - timedelta(days=back), area="calf", side="left", severity=4
        )
    client = client_for(runner)
    [item] = client.get(reverse("warnings")).context["active"]
    client.post(reverse("mark_seen"), {"key": item.flag.key})
    assert client.get(reverse("warnings")).context["active"] == []
    make_soreness(runner, date=today, area="calf", side="left", severity=5)
    assert [i.flag.rule for i in client.get(reverse("warnings")).context["active"]] == [
        "pain-persisting"
    ]


def test_it_redirects_mark_seen_only_to_this_site(client_for, runner):
    client = client_for(runner)
    response = client.post(reverse("mark_seen"), {"key": "x", "next": "https://evil.example/"})
    assert response["Location"] == reverse("warnings")
    response = client.post(reverse("mark_seen"), {"key": "", "next": "/sessions/"})
    assert response["Location"] == "/sessions/"
    assert not SeenFlag.objects.filter(key="").exists()


def test_it_shows_the_urgent_banner_on_every_page_until_seen(client_for, runner, make_session):
    today = _today(runner)
    make_session(runner, date=today, pain=8, pain_area="calf", pain_side="left")
    client = client_for(runner)
    for name in ("dashboard", "session_list", "shoe_list", "soreness_list", "profile"):
        assert "Urgent:" in client.get(reverse(name)).content.decode(), name
    for item in client.get(reverse("warnings")).context["active"]:
        client.post(reverse("mark_seen"), {"key": item.flag.key})
    assert "Urgent:" not in client.get(reverse("session_list")).content.decode()


def test_it_filters_the_history_by_rule_and_survives_a_bad_filter(client_for, runner, make_session):
    make_session(runner, date=date(2026, 9, 1), stopped=True)
    make_session(runner, date=date(2026, 9, 2), fast_pct=60)
    client = client_for(runner)
    everything = client.get(reverse("warnings")).context["page"].object_list
    assert {i.flag.rule for i in everything} == {"stopped-mid-run", "too-much-speed"}
    only = client.get(reverse("warnings"), {"rule": "too-much-speed"}).context["page"].object_list
    assert [i.flag.rule for i in only] == ["too-much-speed"]
    assert client.get(reverse("warnings"), {"rule": "<script>", "page": "-1"}).status_code == 200


def test_it_shows_on_a_session_page_the_flags_its_data_raised(client_for, runner, make_session):
    calm = make_session(runner, date=date(2026, 9, 1))
    fast = make_session(runner, date=date(2026, 9, 3), fast_pct=50)
    client = client_for(runner)
    assert client.get(reverse("session_detail", args=[calm.pk])).context["flags"] == []
    [flag] = client.get(reverse("session_detail", args=[fast.pk])).context["flags"]
    assert flag.rule == "too-much-speed"


def test_it_lists_every_rule_publicly_with_a_not_medical_advice_note(client):
    page = client.get(reverse("rules")).content.decode()
    assert "Not medical advice" in page
    for rule in ("volume-jump", "pain-persisting", "vascular-red-flag", "stopped-mid-run"):
        assert f'id="{rule}"' in page


def _history(user, days: int) -> None:
    today = timezone.now().date()
    Session.objects.bulk_create(
        Session(user=user, date=today - timedelta(days=d), activity="run", distance_km=Decimal(6))
        for d in range(days)
    )
    Soreness.objects.bulk_create(
        Soreness(
            user=user, date=today - timedelta(days=d), area="calf", side="left", severity=d % 3
        )
        for d in range(days)
    )


@pytest.mark.parametrize("page", ["warnings", "dashboard", "session_list"])
def test_it_runs_as_many_queries_for_ten_years_as_for_three_months(client_for, make_user, page):
    """The first request (which evaluates and stores the flags, on the pages that
    need them all) and the next (which reads them) alike."""
    counts = []
    for days in (90, 3650):
        user = make_user()
        _history(user, days)
        client = client_for(user)
        for _request in ("evaluates", "reads"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(page)).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
